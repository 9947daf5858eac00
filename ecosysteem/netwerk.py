"""The visitor's network address, also behind proxies.

Behind a TLS proxy every request comes from the proxy: ``REMOTE_ADDR`` is the proxy's
address, and the visitor's is in ``X-Forwarded-For``. That header is a list to which each
proxy appends the address it received the request from; whatever stands further to the left
came from the visitor and may be made up. So with ``VERTROUWDE_PROXIES = n`` proxies of our
own in front of the portal, the visitor is the n-th address from the right, and nothing to
the left of it is believed. With 0 (no proxy, as in the demo) the header is ignored.

Written here rather than taken from django-ipware: one header and one rule, without that
package's guessing over many headers and its preference for public addresses.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _adres(tekst: str) -> str | None:
    """``tekst`` as a normalised IP address (a port or IPv6 brackets removed), or None."""
    tekst = tekst.strip()
    if tekst.startswith("["):  # [2001:db8::1]:443
        tekst = tekst[1:].split("]", 1)[0]
    elif tekst.count(":") == 1:  # 192.0.2.1:443
        tekst = tekst.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(tekst))
    except ValueError:
        return None


def client_adres(request: HttpRequest) -> str:
    """The address of the visitor who sent ``request`` (see the module's docstring).

    When the header holds fewer addresses than there are proxies, or the one at the trusted
    position is no address, the request did not come through our proxies as configured:
    then ``REMOTE_ADDR`` is the only address known to be true."""
    direct = request.META.get("REMOTE_ADDR", "")
    aantal = int(getattr(settings, "VERTROUWDE_PROXIES", 0) or 0)
    if aantal <= 0:
        return direct
    # Several X-Forwarded-For headers arrive joined by commas, in order.
    keten = [d for d in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if d.strip()]
    if len(keten) < aantal:
        return direct
    return _adres(keten[-aantal]) or direct
