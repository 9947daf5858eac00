"""Content-Security-Policy for documents that carry their own style sheet.

The portal's policy (settings ``CONTENT_SECURITY_POLICY``) allows no inline style. A sent
decision letter is a self-contained HTML document with its print style sheet inside (it is
also what WeasyPrint renders and what was sent, so it is never rewritten). Its response gets
a policy that allows exactly that style sheet, by its SHA-256 hash, and nothing else inline;
the global policy stays strict.
"""

from __future__ import annotations

import base64
import hashlib
import re

from csp.constants import NONE, SELF
from csp.utils import build_policy
from django.http import HttpResponse

HEADER = "Content-Security-Policy"
_STIJLBLOK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)


def stijlhashes(html: str) -> list[str]:
    """The CSP hash sources (``'sha256-…'``) of the ``<style>`` elements of ``html``."""
    return [
        "'sha256-{}'".format(
            base64.b64encode(hashlib.sha256(blok.encode("utf-8")).digest()).decode("ascii")
        )
        for blok in _STIJLBLOK.findall(html)
    ]


def document_met_eigen_stijl(html: str) -> HttpResponse:
    """``html`` as a page of its own: its style sheets and the portal's own images, no
    script, no forms, not to be framed by another site."""
    antwoord = HttpResponse(html, content_type="text/html; charset=utf-8")
    antwoord[HEADER] = build_policy(
        config={
            "default-src": [NONE],
            "style-src": stijlhashes(html) or [NONE],
            "img-src": [SELF, "data:"],
            "font-src": [SELF],
            "base-uri": [NONE],
            "form-action": [NONE],
            "frame-ancestors": [NONE],
        }
    )
    return antwoord


def sta_stijl_toe(antwoord: HttpResponse, html: str) -> HttpResponse:
    """The portal's policy for ``antwoord``, plus the style sheets of ``html``: for a page that
    shows such a document in an ``<iframe srcdoc>``, which inherits the page's policy."""
    antwoord[HEADER] = build_policy(update={"style-src": stijlhashes(html)})
    return antwoord
