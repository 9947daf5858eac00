"""How far the ministry got with a demo region: submitted, assigned to the demo reviewer
and assessed, so the demo decision maker finds a dossier waiting for a decision. Every
step goes through the same services as in the portal, so the timeline shows them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ecosysteem.models import Gebruiker
from regios.models import Regio
from subsidie.dossier import laad_dossier
from subsidie.models import Beoordelingscriterium
from subsidie.services import dien_in
from subsidie.services.beoordeling import leg_beoordeling_vast, wijs_beoordelaar_toe

# Demo content (what a reviewer types), not interface text: not marked for translation.
MOTIVERINGEN = {
    "partnerschap": (
        4,
        "Scholen, gemeente, bedrijven en bibliotheek hebben elk een taak; de stuurgroep is "
        "breed samengesteld en de penvoerder heeft ervaring met samenwerkingsgeld.",
    ),
    "kompas": (
        3,
        "De activiteiten passen bij het kompas, maar de keuze voor de interventieniveaus "
        "kan scherper worden uitgelegd.",
    ),
    "samenhang": (
        4,
        "Visie, activiteiten en begroting sluiten op elkaar aan; de kosten per schooljaar "
        "zijn navolgbaar.",
    ),
    "borging": (
        3,
        "Er is een samenwerkingsscan gedaan; hoe de regio na het tijdvak verder gaat, is "
        "nog in grote lijnen beschreven.",
    ),
    "sto": (
        4,
        "De taakverdeling met de STO-regio is helder: het vmbo blijft daar, dit plan richt "
        "zich op po en de overstap.",
    ),
}
STANDAARD = (3, "Voldoende onderbouwd.")
EINDOORDEEL = (
    "Een samenhangend plan met een breed gedragen partnerschap. Aandachtspunt is de "
    "borging na het tijdvak; dat kan als voorwaarde bij het besluit."
)


def beoordeel_demo(*, regio: Regio, programmamanager, beoordelaar: Gebruiker) -> list[str]:
    """Submit, assign and assess ``regio`` unless it was submitted before. Returns warnings
    for the report instead of failing when the dossier is not complete."""
    if regio.indieningen.exists():
        return []
    dossier = laad_dossier(regio)
    if not dossier.compleet:
        return [
            _("%(regio)s: het dossier voldoet niet aan alle voorwaarden; niet ingediend.")
            % {"regio": regio.naam}
        ]
    # These steps send their e-mails like any other (to the console in the demo).
    dien_in(regio=regio, door=programmamanager)
    wijs_beoordelaar_toe(regio=regio, beoordelaar=beoordelaar, door=beoordelaar)
    scores = {
        c.code: MOTIVERINGEN.get(c.code, STANDAARD)
        for c in Beoordelingscriterium.objects.filter(tijdvak=regio.tijdvak)
    }
    leg_beoordeling_vast(regio=regio, scores=scores, eindoordeel=EINDOORDEEL, door=beoordelaar)
    return []
