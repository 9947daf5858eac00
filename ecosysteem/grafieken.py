"""Charts drawn on the server as accessible SVG, for web pages and PDFs alike.

Written by hand rather than with a charting library: the libraries that draw SVG in
Python (matplotlib, pygal) either produce images without a text alternative or need
JavaScript to show labels, and a few bars are little code. What this module guarantees:

* ``role="img"`` with ``aria-labelledby`` pointing at a ``<title>`` (the chart's name) and
  a ``<desc>`` that states every number, so a screen reader hears the data itself;
* the labels and numbers are text (not paths), so they can be selected, translated and
  searched, and they never rely on colour alone;
* colours with enough contrast against white (text 4.5:1, bars 3:1, WCAG 2.1 AA);
* a ``viewBox`` and no fixed size, so the chart takes the width of its container;
* everything from the caller is escaped.

Pages should still show the same numbers as a data table next to the chart (see
``kompas/templates/kompas/partials/dekking.html``): a table can be read cell by cell.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from decimal import Decimal
from numbers import Real

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .opmaak import getal

Waarde = int | Decimal | float
Reeks = Sequence[tuple[str, Waarde]]

# The parameter ``max`` of staafdiagram hides the built-in inside it.
_grootste = max

# Rijkshuisstijl dark blue on white is 10:1, the near-black text 17:1.
KLEUR_STAAF = "#154273"
KLEUR_TEKST = "#1a1a1a"
LETTERTYPE = "RijksoverheidSansWebText, 'Segoe UI', Verdana, Arial, sans-serif"

# The drawing's own coordinates; the browser scales them to the container. Narrow, so
# that on a phone (about 290 pixels wide) the text is still about 13 pixels high; pages
# cap the width so it does not grow much beyond the text around it.
BREEDTE = 360
MARGE = 4
LETTERGROOTTE = 16
REGELHOOGTE = 20
STAAFHOOGTE = 20
RUIMTE_WAARDE = 72  # room right of the longest bar for its number
RUIMTE_TUSSEN = 14
# About as many characters as fit on one line at this size; longer labels wrap.
TEKENS_PER_REGEL = 38


def _opmaak(waarde: Waarde) -> str:
    if isinstance(waarde, int):
        return getal(waarde)
    tekst = f"{Decimal(str(waarde)).normalize():,f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def _met_eenheid(tekst: str, waarde: Waarde, eenheid: str | tuple[str, str]) -> str:
    if isinstance(eenheid, tuple):
        eenheid = eenheid[0] if waarde == 1 else eenheid[1]
    return f"{tekst} {eenheid}" if eenheid else tekst


def samenvatting(
    titel: str,
    reeksen: Reeks,
    *,
    eenheid: str | tuple[str, str] = "",
    opmaak: Callable[[Waarde], str] = _opmaak,
) -> str:
    """The data in one sentence, for ``<desc>``: ``Titel: A 3 activiteiten; B 0 activiteiten.``"""
    if not reeksen:
        return _("%(titel)s: geen gegevens.") % {"titel": titel}
    delen = [f"{label} {_met_eenheid(opmaak(w), w, eenheid)}" for label, w in reeksen]
    return _("%(titel)s: %(gegevens)s.") % {"titel": titel, "gegevens": "; ".join(delen)}


def staafdiagram(
    titel: str,
    reeksen: Reeks,
    *,
    eenheid: str | tuple[str, str] = "",
    max: Waarde | None = None,  # the name callers expect; hides the built-in here
    beschrijving: str | None = None,
    ident: str | None = None,
    opmaak: Callable[[Waarde], str] = _opmaak,
    kleur: str = KLEUR_STAAF,
) -> SafeString:
    """A horizontal bar chart: one bar per ``(label, waarde)``, the label above its bar and
    the number after it. Horizontal, because labels such as compass points are long.

    ``max`` fixes the scale (so two charts can be compared); by default the largest value
    fills the width. ``eenheid`` is the unit in the description, or ``(singular, plural)``.
    ``beschrijving`` replaces the generated description. ``ident`` prefixes the ids of
    title and description, which must be unique on the page (default: from the title).
    """
    waarden = [w for _l, w in reeksen]
    for w in waarden:
        if not isinstance(w, Real | Decimal) or w < 0:
            raise ValueError(f"Bar values must be numbers of at least 0, not {w!r}")
    schaal = max if max is not None else (_grootste(waarden) if waarden else 0)
    if schaal < 0:
        raise ValueError("The maximum cannot be negative")
    ident = slugify(ident or titel) or "grafiek"
    beschrijving = beschrijving or samenvatting(titel, reeksen, eenheid=eenheid, opmaak=opmaak)
    plotbreedte = BREEDTE - 2 * MARGE - RUIMTE_WAARDE

    onderdelen: list[str] = []
    y = MARGE
    for label, waarde in reeksen:
        regels = textwrap.wrap(str(label), TEKENS_PER_REGEL) or [""]
        tspans = "".join(
            f'<tspan x="{MARGE}" dy="{0 if i == 0 else REGELHOOGTE}">{escape(regel)}</tspan>'
            for i, regel in enumerate(regels)
        )
        onderdelen.append(
            f'<text class="grafiek__label" x="{MARGE}" y="{y + LETTERGROOTTE}">{tspans}</text>'
        )
        y += REGELHOOGTE * len(regels) + 4
        lengte = 0.0 if not schaal else float(min(waarde, schaal)) / float(schaal) * plotbreedte
        lengte = round(lengte, 2)
        if lengte > 0:
            onderdelen.append(
                f'<rect class="grafiek__staaf" x="{MARGE}" y="{y}" width="{lengte}" '
                f'height="{STAAFHOOGTE}" fill="{escape(kleur)}" '
                f'data-label="{escape(label)}" data-waarde="{escape(str(waarde))}"/>'
            )
        onderdelen.append(
            f'<text class="grafiek__waarde" x="{round(MARGE + lengte + 6, 2)}" '
            f'y="{y + STAAFHOOGTE - 5}" font-weight="bold">{escape(opmaak(waarde))}</text>'
        )
        y += STAAFHOOGTE + RUIMTE_TUSSEN
    hoogte = _grootste(y - RUIMTE_TUSSEN + MARGE, 2 * MARGE + STAAFHOOGTE)
    if not reeksen:
        onderdelen.append(
            f'<text x="{MARGE}" y="{MARGE + LETTERGROOTTE}">{escape(_("Geen gegevens"))}</text>'
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" role="img" '
        f'viewBox="0 0 {BREEDTE} {hoogte}" '
        f'aria-labelledby="{ident}-titel {ident}-beschrijving" id="{ident}" '
        f'font-family="{escape(LETTERTYPE)}" font-size="{LETTERGROOTTE}" fill="{KLEUR_TEKST}">'
        f'<title id="{ident}-titel">{escape(titel)}</title>'
        f'<desc id="{ident}-beschrijving">{escape(beschrijving)}</desc>'
        f"{''.join(onderdelen)}</svg>"
    )
    # Safe: every piece of input above is escaped.
    return mark_safe(svg)
