"""Cleaning of the rich text that administrators write for the compass.

Factsheet texts are HTML typed into the admin. They are cleaned when saved and again when
shown, so a row written some other way (a shell, an import, an old migration) still cannot
put a script or a ``javascript:`` link on a public page.
"""

from urllib.parse import urlsplit

import nh3

TOEGESTANE_TAGS = frozenset(
    {"p", "br", "ul", "ol", "li", "strong", "em", "a", "h3", "h4", "blockquote"}
)
# ``rel`` is left out on purpose: nh3 sets it itself (see ``link_rel``), and refuses a
# configuration that also allows it as an attribute.
TOEGESTANE_ATTRIBUTEN = {"a": {"href", "title"}}
TOEGESTANE_SCHEMAS = frozenset({"http", "https", "mailto"})


def _alleen_volledige_links(tag: str, attribuut: str, waarde: str) -> str | None:
    # nh3 passes relative urls through unchanged, and ``url_relative="deny"`` only exists
    # in newer releases than the lowest one the project allows; so every href must carry
    # one of the allowed schemes itself. A fragment or path on its own would point into
    # this portal from text meant to describe other websites.
    if tag == "a" and attribuut == "href":
        try:
            schema = urlsplit(waarde.strip()).scheme.lower()
        except ValueError:
            return None
        return waarde if schema in TOEGESTANE_SCHEMAS else None
    return waarde


def schoon_html(tekst: str | None) -> str:
    """The text with only the safe subset of HTML left: paragraphs, lists, emphasis,
    level 3 and 4 headings, quotes, line breaks and http(s)/mailto links that open with
    ``rel="noopener"``. Scripts and styles disappear with their content; other tags lose
    the tag and keep their text."""
    if not tekst:
        return ""
    return nh3.clean(
        str(tekst),
        tags=set(TOEGESTANE_TAGS),
        attributes={tag: set(namen) for tag, namen in TOEGESTANE_ATTRIBUTEN.items()},
        url_schemes=set(TOEGESTANE_SCHEMAS),
        attribute_filter=_alleen_volledige_links,
        link_rel="noopener",
        strip_comments=True,
    )


def veilige_link(adres: str | None) -> str:
    """The address if it is an http(s) or mailto link, else an empty string; for link
    fields shown as ``href``, which the database could hold unchecked."""
    if not adres:
        return ""
    adres = str(adres).strip()
    try:
        schema = urlsplit(adres).scheme.lower()
    except ValueError:
        return ""
    return adres if schema in TOEGESTANE_SCHEMAS else ""
