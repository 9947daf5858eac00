"""Asking for a report of a dossier (PDF) and reading it.

A request is permission-checked like the page it comes from, then either hands out the
report that is ready for the same content (same content hash), joins the one still being
made, or creates a new one and queues it for the worker after the commit. A request that is
pending too long (``RAPPORT_MAX_WACHTTIJD``) is marked failed here, and a new one is made.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ecosysteem.rechten import eis
from regios.models import Regio

from ..documentinhoud import documentinhoud
from ..models import Beoordeling, Besluit, Indiening, Rapport, Rapportsoort, Rapportstatus
from ..tasks import maak_rapport

logger = logging.getLogger(__name__)


# The auditor's export renders a PDF per version and letter: it may take minutes.
TIJDSLIMIETEN = {Rapportsoort.AUDITDOSSIER: {"soft_time_limit": 900, "time_limit": 960}}


def rapportrecht(soort: str, indiening: Indiening | None, besluit: Besluit | None = None) -> str:
    """The permission for a document: the assessment report, a draft letter and the
    auditor's export are the ministry's; a sent letter and a submitted version's reports
    are for the region's readers and the ministry; the live dossier's follow the dossier's
    pages."""
    if soort == Rapportsoort.AUDITDOSSIER:
        return "subsidie.auditdossier_maken"
    if soort == Rapportsoort.BESCHIKKING:
        if besluit is not None and besluit.is_verstuurd:
            return "subsidie.rapport_bekijken"
        return "subsidie.beoordelingsrapport_bekijken"
    if soort == Rapportsoort.BEOORDELING:
        return "subsidie.beoordelingsrapport_bekijken"
    if indiening is None:
        return "regios.dossier_bekijken"
    return "subsidie.rapport_bekijken"


def beoordeelde_indiening(regio: Regio) -> Indiening | None:
    """The version the assessment report is about: the assessed one, else the latest."""
    beoordeling = Beoordeling.objects.filter(regio=regio).select_related("indiening").first()
    if beoordeling and beoordeling.indiening:
        return beoordeling.indiening
    return regio.indieningen.order_by("-versie").first()


def zet_in_wachtrij(rapport_id: int, soort: str = "") -> None:
    """Queue the render. Eager without a broker; with the broker down the request still
    stands, and the report turns failed (with a retry button) once it is stale."""
    try:
        maak_rapport.apply_async((rapport_id,), retry=False, **TIJDSLIMIETEN.get(soort, {}))
    except Exception:
        logger.exception("Rapport %s niet in de wachtrij gezet.", rapport_id)


def vraag_rapport_aan(
    *,
    regio: Regio,
    soort: str,
    door,
    indiening: Indiening | None = None,
    besluit: Besluit | None = None,
) -> Rapport:
    """The document of ``soort`` for ``indiening`` (or the live dossier), for ``besluit``
    (a decision letter), or the auditor's export: the ready one if the content is
    unchanged, else a new request queued for the worker."""
    if soort not in Rapportsoort.values:
        raise ValidationError(_("Onbekende soort rapport."))
    if soort == Rapportsoort.BEOORDELING and indiening is None:
        indiening = beoordeelde_indiening(regio)
    if soort == Rapportsoort.BESCHIKKING:
        if besluit is None or besluit.regio_id != regio.pk:
            raise ValidationError(_("Kies de beschikking waarvan u een pdf wilt."))
        if besluit.is_verstuurd and not besluit.brief_html:
            raise ValidationError(
                _(
                    "Van beschikking %(kenmerk)s is de brief niet in het portaal bewaard: "
                    "zij is verstuurd voordat het portaal brieven bewaarde."
                )
                % {"kenmerk": besluit.kenmerk}
            )
        indiening = None
    else:
        besluit = None
    if soort == Rapportsoort.AUDITDOSSIER:
        indiening = None
    eis(rapportrecht(soort, indiening, besluit), door, regio)
    if soort == Rapportsoort.BEOORDELING and indiening is None:
        raise ValidationError(_("Er is nog niets ingediend om te beoordelen."))
    inhoud = documentinhoud(regio, soort, indiening, besluit)
    with transaction.atomic():
        kandidaten = Rapport.objects.select_for_update().filter(
            regio=regio,
            soort=soort,
            indiening=indiening,
            besluit=besluit,
            inhoud_hash=inhoud.hash,
            status__in=[Rapportstatus.KLAAR, Rapportstatus.AANGEVRAAGD, Rapportstatus.BEZIG],
        )
        for rapport in kandidaten:
            if rapport.is_klaar or rapport.wacht:
                return rapport
            # Pending too long: the task was lost or is stuck.
            rapport.status = Rapportstatus.MISLUKT
            rapport.fout = rapport.fout or _("Het maken duurde te lang.")
            rapport.save(update_fields=["status", "fout"])
        rapport = Rapport.objects.create(
            regio=regio,
            soort=soort,
            indiening=indiening,
            besluit=besluit,
            inhoud_hash=inhoud.hash,
            aangevraagd_door=door,
        )
        transaction.on_commit(lambda: zet_in_wachtrij(rapport.pk, soort))
    return rapport
