"""Charts of the collaboration scan, drawn on the server as SVG.

Server-side SVG needs no script and no chart library in the browser, prints and reads the
same everywhere, and lets the page control the text alternative. Each chart is an
``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that says what it shows; the page
puts a data table with the same numbers next to it, so nothing is only in the picture.
Series are told apart by shape as well as by colour (WCAG 1.4.1), and every colour has a
contrast of at least 3:1 against white (WCAG 1.4.11).

The axis is the answer scale, 1 to 5: bars start at 1 ("helemaal niet"), because the
scale has no zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .scan import SCHAAL_MAX, SCHAAL_MIN, decimaal

BREEDTE = 760
LABELRAND = 292  # right edge of the row labels
X0 = 304  # where the scale starts (1)
X1 = 704  # where the scale ends (5); the value label goes to its right
ASHOOGTE = 32
RIJHOOGTE = 32
KOPHOOGTE = 38
STAAFHOOGTE = 18
MAX_LABEL = 32  # characters; longer labels are shortened in the chart, full in the table

TEKSTKLEUR = "#1a1a1a"
RASTERKLEUR = "#c8c8c8"
STAAFKLEUR = "#154273"
# Colour and shape per series: dark blue circle, ruby square, dark green triangle, orange
# diamond, brown cross. Each colour has at least 3:1 contrast against white.
REEKSKLEUREN = ["#154273", "#a90061", "#275937", "#c45a00", "#673327"]
VORMEN = ["cirkel", "vierkant", "driehoek", "ruit", "kruis"]


@dataclass(frozen=True)
class Staaf:
    label: str
    waarde: float | None  # None: nothing to show (too few answers)


@dataclass(frozen=True)
class Staafgroep:
    kop: str
    staven: Sequence[Staaf]


def _x(waarde: float) -> float:
    return X0 + (waarde - SCHAAL_MIN) / (SCHAAL_MAX - SCHAAL_MIN) * (X1 - X0)


def _kort(tekst: str, lengte: int = MAX_LABEL) -> str:
    tekst = str(tekst)
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1].rstrip() + "…"


def _begin(id_: str, titel: str, beschrijving: str, hoogte: float) -> list[str]:
    return [
        f'<svg class="portaal-scangrafiek__svg" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {BREEDTE} {hoogte:.0f}" width="{BREEDTE}" height="{hoogte:.0f}" '
        f'role="img" aria-labelledby="{id_}-titel {id_}-beschrijving" focusable="false">',
        f'<title id="{id_}-titel">{escape(titel)}</title>',
        f'<desc id="{id_}-beschrijving">{escape(beschrijving)}</desc>',
    ]


def _as(boven: float, onder: float) -> list[str]:
    """Grid lines at every point of the scale, numbered at the top."""
    delen = []
    for punt in range(SCHAAL_MIN, SCHAAL_MAX + 1):
        x = _x(punt)
        delen.append(
            f'<line x1="{x:.1f}" y1="{boven - 6:.1f}" x2="{x:.1f}" y2="{onder:.1f}" '
            f'stroke="{RASTERKLEUR}" stroke-width="1"/>'
        )
        delen.append(
            f'<text x="{x:.1f}" y="{boven - 12:.1f}" text-anchor="middle" font-size="15" '
            f'fill="{TEKSTKLEUR}">{punt}</text>'
        )
    return delen


def staafdiagram(
    *, id: str, titel: str, beschrijving: str, groepen: Sequence[Staafgroep]
) -> SafeString:
    """Horizontal bars on the 1–5 scale, in groups with a heading (a group without heading
    is drawn without one). The value is written at the end of each bar."""
    hoogte = ASHOOGTE + 8
    for groep in groepen:
        hoogte += (KOPHOOGTE if groep.kop else 0) + RIJHOOGTE * len(groep.staven)
    hoogte += 8
    delen = _begin(id, titel, beschrijving, hoogte)
    delen += _as(ASHOOGTE, hoogte - 8)
    y = ASHOOGTE + 8
    for groep in groepen:
        if groep.kop:
            delen.append(
                f'<text x="0" y="{y + 22:.1f}" font-size="16" font-weight="700" '
                f'fill="{TEKSTKLEUR}">{escape(_kort(groep.kop))}</text>'
            )
            y += KOPHOOGTE
        for staaf in groep.staven:
            midden = y + RIJHOOGTE / 2
            delen.append(
                f'<text x="{LABELRAND}" y="{midden + 5:.1f}" text-anchor="end" font-size="16" '
                f'fill="{TEKSTKLEUR}">{escape(_kort(staaf.label))}</text>'
            )
            if staaf.waarde is None:
                delen.append(
                    f'<text x="{X0 + 6}" y="{midden + 5:.1f}" font-size="15" font-style="italic" '
                    f'fill="{TEKSTKLEUR}">{escape(_("te weinig antwoorden"))}</text>'
                )
            else:
                eind = _x(staaf.waarde)
                breedte = max(eind - X0, 2)
                delen.append(
                    f'<rect x="{X0}" y="{midden - STAAFHOOGTE / 2:.1f}" width="{breedte:.1f}" '
                    f'height="{STAAFHOOGTE}" fill="{STAAFKLEUR}"/>'
                )
                delen.append(
                    f'<text x="{X0 + breedte + 6:.1f}" y="{midden + 5:.1f}" font-size="16" '
                    f'font-weight="700" fill="{TEKSTKLEUR}">{decimaal(staaf.waarde)}</text>'
                )
            y += RIJHOOGTE
    delen.append("</svg>")
    # Safe: every text in it went through escape(); the rest is numbers and fixed markup.
    return mark_safe("".join(delen))


def _markering(vorm: str, x: float, y: float, kleur: str) -> str:
    if vorm == "cirkel":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{kleur}"/>'
    if vorm == "vierkant":
        return f'<rect x="{x - 5.5:.1f}" y="{y - 5.5:.1f}" width="11" height="11" fill="{kleur}"/>'
    if vorm == "driehoek":
        return (
            f'<polygon points="{x:.1f},{y - 7:.1f} {x + 7:.1f},{y + 5.5:.1f} '
            f'{x - 7:.1f},{y + 5.5:.1f}" fill="{kleur}"/>'
        )
    if vorm == "ruit":
        return (
            f'<polygon points="{x:.1f},{y - 7:.1f} {x + 7:.1f},{y:.1f} {x:.1f},{y + 7:.1f} '
            f'{x - 7:.1f},{y:.1f}" fill="{kleur}"/>'
        )
    return (
        f'<path d="M{x - 6:.1f},{y - 6:.1f}L{x + 6:.1f},{y + 6:.1f}M{x + 6:.1f},{y - 6:.1f}'
        f'L{x - 6:.1f},{y + 6:.1f}" stroke="{kleur}" stroke-width="3"/>'
    )


def spreidingsdiagram(
    *,
    id: str,
    titel: str,
    beschrijving: str,
    reeksen: Sequence[str],
    rijen: Sequence[tuple[str, Sequence[float | None]]],
) -> SafeString:
    """A dot per series on the 1–5 scale for each row, with a legend on top: how far the
    kinds of partner lie apart per question. Dots of one row are nudged up or down a
    little per series, so equal values stay visible."""
    # One legend line per series, so long names (an "overig" with merged kinds) fit.
    legendahoogte = 26 * len(reeksen) + 10
    boven = legendahoogte + ASHOOGTE
    hoogte = boven + 8 + RIJHOOGTE * len(rijen) + 8
    delen = _begin(id, titel, beschrijving, hoogte)
    for i, reeks in enumerate(reeksen):
        x, y = 12, 14 + i * 26
        delen.append(_markering(VORMEN[i % 5], x, y, REEKSKLEUREN[i % 5]))
        delen.append(
            f'<text x="{x + 14}" y="{y + 5}" font-size="16" fill="{TEKSTKLEUR}">'
            f"{escape(_kort(reeks, 80))}</text>"
        )
    delen += _as(boven, hoogte - 8)
    y = boven + 8
    n = len(reeksen)
    for label, waarden in rijen:
        midden = y + RIJHOOGTE / 2
        delen.append(
            f'<text x="{LABELRAND}" y="{midden + 5:.1f}" text-anchor="end" font-size="16" '
            f'fill="{TEKSTKLEUR}">{escape(_kort(label))}</text>'
        )
        for i, waarde in enumerate(waarden):
            if waarde is None:
                continue
            verschuiving = (i - (n - 1) / 2) * 3
            delen.append(
                _markering(VORMEN[i % 5], _x(waarde), midden + verschuiving, REEKSKLEUREN[i % 5])
            )
        y += RIJHOOGTE
    delen.append("</svg>")
    # Safe: every text in it went through escape(); the rest is numbers and fixed markup.
    return mark_safe("".join(delen))
