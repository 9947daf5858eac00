"""Who may take which step of the ministry's review of a region's application.

Registered with their Dutch reasons through :mod:`ecosysteem.rechten`; the review pages,
their templates and :mod:`subsidie.services.beoordeling` all ask these. Each permission
lists who the person must be (ROL: the page answers 403 with the reason) before what the
dossier's state must be (STAND: the page explains and goes back to the review). Being an
administrator gives no exception here: the four-eyes rule holds for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.utils.translation import gettext_lazy

from ecosysteem.rechten import STAND, is_beheeraccount, registreer_recht
from ecosysteem.rollen import BEOORDELAARS, BESLUITVORMERS
from regios.levenscyclus import OVERGANGEN
from regios.rules import groepen, is_ministerie, leest_mee

from .models import Beoordeling


@rules.predicate
def is_beoordelaar(user) -> bool:
    return BEOORDELAARS in groepen(user)


@rules.predicate
def is_besluitvormer(user) -> bool:
    return BESLUITVORMERS in groepen(user)


@dataclass(frozen=True)
class Beoordelingsstand:
    """What the review permissions read of a dossier: who reviews it, which submission
    was assessed and which is the latest."""

    beoordelaar_id: int | None
    beoordeelde_indiening_id: int | None
    laatste_indiening_id: int | None


def onthoud_stand(regio, *, beoordeling, laatste) -> None:
    """Let the permissions use what a page loaded already (no query per check). Kept on
    this instance of the region only; services check on a freshly locked one."""
    regio._beoordelingsstand = Beoordelingsstand(
        beoordelaar_id=beoordeling.beoordelaar_id if beoordeling else None,
        beoordeelde_indiening_id=beoordeling.indiening_id if beoordeling else None,
        laatste_indiening_id=laatste.pk if laatste else None,
    )


def beoordelingsstand(regio) -> Beoordelingsstand:
    stand = getattr(regio, "_beoordelingsstand", None)
    if stand is None:
        beoordeling = (
            Beoordeling.objects.filter(regio=regio)
            .values_list("beoordelaar_id", "indiening_id")
            .first()
        )
        laatste = regio.indieningen.order_by("-versie").values_list("pk", flat=True).first()
        stand = Beoordelingsstand(*(beoordeling or (None, None)), laatste)
        regio._beoordelingsstand = stand
    return stand


@rules.predicate
def is_toegewezen_beoordelaar(user, regio) -> bool:
    """The reviewer assigned to this dossier (who assessed it, if anyone did)."""
    if regio is None or not user or not user.is_authenticated:
        return False
    return beoordelingsstand(regio).beoordelaar_id == user.pk


@rules.predicate
def laatste_versie_beoordeeld(user, regio) -> bool:
    stand = beoordelingsstand(regio)
    return (
        stand.laatste_indiening_id is not None
        and stand.beoordeelde_indiening_id == stand.laatste_indiening_id
    )


@rules.predicate
def is_toewijsbaar(user, regio) -> bool:
    return regio is not None and regio.is_toewijsbaar


@rules.predicate
def wordt_beoordeeld(user, regio) -> bool:
    return regio is not None and regio.wordt_beoordeeld


@rules.predicate
def is_besloten(user, regio) -> bool:
    return regio is not None and regio.is_besloten


def _kan_niet(user, regio) -> str:
    return OVERGANGEN["aanvulling_vragen"].weigering_in(regio.get_status_display())


# Assigning (or reassigning) the reviewer: first assignment starts the review.
registreer_recht(
    "subsidie.beoordelaar_toewijzen",
    (
        is_beoordelaar | is_besluitvormer,
        gettext_lazy("Alleen beoordelaars en besluitvormers wijzen een beoordelaar toe."),
    ),
    (is_toewijsbaar, _kan_niet, STAND),
)
registreer_recht(
    "subsidie.aanvulling_vragen",
    (
        is_toegewezen_beoordelaar,
        gettext_lazy("Alleen de toegewezen beoordelaar vraagt om aanvulling."),
    ),
    (wordt_beoordeeld, _kan_niet, STAND),
)
registreer_recht(
    "subsidie.beoordelen",
    (
        is_toegewezen_beoordelaar,
        gettext_lazy("Alleen de toegewezen beoordelaar beoordeelt dit dossier."),
    ),
    (wordt_beoordeeld, _kan_niet, STAND),
)
# The decision, with four eyes: a decision maker who did not assess the dossier, on an
# assessment of its latest version.
registreer_recht(
    "subsidie.besluiten",
    (is_besluitvormer, gettext_lazy("Alleen een besluitvormer neemt een besluit.")),
    (
        ~is_toegewezen_beoordelaar,
        gettext_lazy("U hebt dit dossier beoordeeld; een andere besluitvormer neemt het besluit."),
    ),
    (wordt_beoordeeld, _kan_niet, STAND),
    (
        laatste_versie_beoordeeld,
        gettext_lazy("De laatste versie van het dossier is nog niet beoordeeld."),
        STAND,
        "niet_beoordeeld",
    ),
)


# --- reports of the dossier (PDF) ---------------------------------------------------------


@rules.predicate
def heeft_indiening(user, regio) -> bool:
    return regio is not None and beoordelingsstand(regio).laatste_indiening_id is not None


# A submitted version's reports: for who reads the dossier (the region's readers) and for
# the ministry, which reads what was submitted. The live dossier's reports follow the
# dossier's own pages (``regios.dossier_bekijken``).
registreer_recht(
    "subsidie.rapport_bekijken",
    (
        (is_ministerie & heeft_indiening) | leest_mee | is_beheeraccount,
        gettext_lazy("U hoort niet bij deze regio."),
    ),
)
# The assessment (scores and reasons) is the ministry's internal work.
registreer_recht(
    "subsidie.beoordelingsrapport_bekijken",
    (
        is_ministerie,
        gettext_lazy("Alleen medewerkers van het ministerie lezen het beoordelingsrapport."),
    ),
)
# The auditor's export holds every document of the dossier, the assessment included: the
# ministry's (for a region that submitted) and the administrators'.
registreer_recht(
    "subsidie.auditdossier_maken",
    (
        (is_ministerie & heeft_indiening) | is_beheeraccount,
        gettext_lazy("Alleen medewerkers van het ministerie maken een auditdossier."),
    ),
)
# Correcting a sent decision (a new decision with its own letter): the same four eyes, on
# a decided dossier.
registreer_recht(
    "subsidie.besluit_corrigeren",
    (is_besluitvormer, gettext_lazy("Alleen een besluitvormer neemt een besluit.")),
    (
        ~is_toegewezen_beoordelaar,
        gettext_lazy("U hebt dit dossier beoordeeld; een andere besluitvormer neemt het besluit."),
    ),
    (
        is_besloten,
        gettext_lazy("Alleen een besluit dat verstuurd is, kan worden gecorrigeerd."),
        STAND,
    ),
)

# Reading the ministry's own lists and the review of a dossier (the queue, the overview,
# the assessment and decisions). The API asks this permission; a further condition on how
# ministry staff signed in belongs here, in one place.
registreer_recht(
    "subsidie.ministerie_inzien",
    (is_ministerie, gettext_lazy("Dit is alleen voor medewerkers van het ministerie.")),
)

# --- personal data (AVG) ------------------------------------------------------------------


@rules.predicate
def is_over_iemand_anders(user, verzoek) -> bool:
    """The erasure request is not about the user's own account."""
    return verzoek is None or verzoek.gebruiker_id != getattr(user, "pk", None)


# Erasing someone's data is for an administrator, never of their own account (which would
# leave the request half done and the portal without its administrator mid-step).
registreer_recht(
    "subsidie.persoonsgegevens_wissen",
    (
        is_beheeraccount,
        gettext_lazy("Alleen een beheerder van het portaal wist persoonsgegevens."),
    ),
    (
        is_over_iemand_anders,
        gettext_lazy("Uw eigen gegevens wist een andere beheerder."),
    ),
)
