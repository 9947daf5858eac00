"""The decision letter (beschikking): what it says, and its HTML.

:func:`beschikking_html` renders the self-contained letter (``subsidie/brieven/
beschikking.html``, print CSS inline), which is stored when the letter is sent and which the
PDF renderer turns into PDF/UA; the review pages show the same text inside the portal
through :func:`briefcontext` and the partial ``beschikking_inhoud.html``."""

from __future__ import annotations

import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ecosysteem.opmaak import euro

from .models import Besluit, Regeling
from .termijnen import laatste_dag_bezwaar, plus_maanden, voorschotten


def uitkomst_in_woorden(besluit: Besluit) -> str:
    """The outcome as the decision maker confirms it: "U kent € 476.495,00 toe"."""
    if besluit.is_toekenning:
        return _("U kent %(bedrag)s toe") % {"bedrag": euro(besluit.bedrag)}
    return _("U wijst de aanvraag af")


def briefcontext(besluit: Besluit) -> dict[str, Any]:
    """Everything the letter says. A draft is dated today (as if sent today); a sent letter
    carries its send date and the last day to object recorded then."""
    regio = besluit.regio
    tijdvak = regio.tijdvak
    regeling = Regeling.objects.filter(tijdvak=tijdvak).first()
    if besluit.is_verstuurd:
        datum = timezone.localdate(besluit.verstuurd_op)
        bezwaar_tot = besluit.bezwaar_tot
    else:
        datum = timezone.localdate()
        bezwaar_tot = laatste_dag_bezwaar(datum)
    termijnen, rest = ([], None)
    verslagen: list[tuple[str, datetime.date]] = []
    eindverantwoording = None
    if regeling is not None and besluit.is_toekenning:
        termijnen, rest = voorschotten(
            besluit.bedrag, regeling.voorschot_percentages, tijdvak.schooljaren
        )
        verslagen = [
            (
                label,
                plus_maanden(
                    datetime.date(tijdvak.eerste_schooljaar + i + 1, 7, 31),
                    regeling.voortgangsverslag_maanden,
                ),
            )
            for i, label in enumerate(tijdvak.schooljaren)
        ]
        eindverantwoording = plus_maanden(tijdvak.einddatum, regeling.eindverantwoording_maanden)
    return {
        "besluit": besluit,
        "regio": regio,
        "tijdvak": tijdvak,
        "regeling": regeling,
        "adressaat": besluit.adressaat,
        "datum": datum,
        "bezwaar_tot": bezwaar_tot,
        "concept": not besluit.is_verstuurd,
        "voorschotten": termijnen,
        "restant": rest,
        "voortgangsverslagen": verslagen,
        "eindverantwoording": eindverantwoording,
        "corrigeert": besluit.corrigeert,
        "uitkomst_in_woorden": uitkomst_in_woorden(besluit),
    }


def beschikking_html(beschikking: Besluit) -> str:
    """The letter as one self-contained HTML document (Dutch, print CSS inline)."""
    with translation.override("nl"):
        return render_to_string(
            "subsidie/brieven/beschikking.html", {**briefcontext(beschikking), "kop": 1}
        )
