"""The ministry's side of an application: assigning a reviewer, asking for more
information, assessing on the period's criteria, and the decision (four eyes: the decision
maker is never the dossier's reviewer). Each function checks role and state, writes, and
records the audit event, in one transaction."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.opmaak import euro
from ecosysteem.rechten import eis
from regios.levenscyclus import controleer_overgang, mogelijk, voer_overgang_uit
from regios.models import Regio

from ..models import (
    Aanvullingsverzoek,
    Beoordeling,
    Beoordelingscriterium,
    Besluit,
    Besluituitkomst,
    Criteriumscore,
    Indiening,
)
from ..rules import is_beoordelaar


def _vergrendel(regio: Regio) -> Regio:
    return Regio.objects.select_for_update().select_related("tijdvak").get(pk=regio.pk)


def laatste_indiening(regio: Regio) -> Indiening:
    indiening = regio.indieningen.order_by("-versie").first()
    if indiening is None:
        raise ValidationError(_("Deze regio heeft nog niets ingediend."), code="geen_indiening")
    return indiening


@transaction.atomic
def wijs_beoordelaar_toe(*, regio: Regio, beoordelaar, door) -> Beoordeling:
    """Give a submitted dossier to a reviewer. From then on the review has started: the
    programme manager can no longer take the dossier back."""
    regio = _vergrendel(regio)
    eis("subsidie.beoordelaar_toewijzen", door, regio)
    if not is_beoordelaar(beoordelaar):
        raise ValidationError(
            {"beoordelaar": _("%(naam)s is geen beoordelaar.") % {"naam": beoordelaar}}
        )
    beoordeling, _nieuw = Beoordeling.objects.get_or_create(regio=regio)
    vorige = beoordeling.beoordelaar
    vervallen = vorige is not None and vorige != beoordelaar and beoordeling.beoordeeld_op
    if vervallen:
        # The new reviewer assesses afresh: an assessment by someone who is no longer the
        # reviewer would let that person decide on their own judgement (four eyes).
        beoordeling.scores.all().delete()
        beoordeling.indiening = None
        beoordeling.eindoordeel = ""
        beoordeling.beoordeeld_op = None
    beoordeling.beoordelaar = beoordelaar
    beoordeling.toegewezen_op = timezone.now()
    beoordeling.save(
        update_fields=["beoordelaar", "toegewezen_op", "indiening", "eindoordeel", "beoordeeld_op"]
    )
    omschrijving = (
        _("Beoordelaar: %(naam)s; de beoordeling van %(vorige)s vervalt.")
        % {"naam": beoordelaar, "vorige": vorige}
        if vervallen
        else _("Beoordelaar: %(naam)s.") % {"naam": beoordelaar}
    )
    gegevens = {
        "vorige": str(vorige) if vorige else "",
        "vorige_id": vorige.pk if vorige else None,
        "beoordelaar": beoordelaar.pk,
        "beoordeling_vervallen": bool(vervallen),
    }
    if mogelijk("beoordeling_starten", regio.status):
        # The first reviewer starts the review: from now on the programme manager can no
        # longer take the dossier back.
        voer_overgang_uit(
            regio=regio,
            overgang="beoordeling_starten",
            door=door,
            omschrijving=omschrijving,
            onderwerp=beoordeling,
            gegevens=gegevens,
        )
    else:
        # Another reviewer while the review goes on: no change of status.
        leg_vast(
            actie=Actie.BEOORDELAAR_TOEGEWEZEN,
            omschrijving=omschrijving,
            door=door,
            onderwerp=beoordeling,
            regio=regio,
            van_status=regio.status,
            naar_status=regio.status,
            gegevens=gegevens,
        )
    return beoordeling


@transaction.atomic
def vraag_aanvulling(*, regio: Regio, vragen: str, door) -> Aanvullingsverzoek:
    """Return the dossier to the programme manager with questions. The submission stays
    as it was; the answer comes as a new submission."""
    regio = _vergrendel(regio)
    controleer_overgang(regio=regio, overgang="aanvulling_vragen", door=door)
    vragen = vragen.strip()
    if not vragen:
        raise ValidationError({"vragen": _("Schrijf op welke informatie u nog nodig hebt.")})
    verzoek = Aanvullingsverzoek.objects.create(
        regio=regio, indiening=laatste_indiening(regio), vragen=vragen, gesteld_door=door
    )
    voer_overgang_uit(
        regio=regio,
        overgang="aanvulling_vragen",
        door=door,
        omschrijving=_("Aanvulling gevraagd."),
        onderwerp=verzoek,
        reden=vragen,
    )
    return verzoek


def open_aanvullingsverzoek(regio: Regio) -> Aanvullingsverzoek | None:
    return regio.aanvullingsverzoeken.filter(beantwoord_op__isnull=True).first()


def beantwoord_aanvulling(*, regio: Regio, indiening: Indiening, antwoord: str, door) -> None:
    """Called by the submit service when a dossier with open questions is submitted again:
    the answer and the new version are linked to the questions, and the review goes on."""
    verzoek = open_aanvullingsverzoek(regio)
    if verzoek is None:
        return
    antwoord = antwoord.strip()
    if not antwoord:
        raise ValidationError(
            {"antwoord": _("Beantwoord de vragen van de beoordelaar voordat u opnieuw indient.")}
        )
    verzoek.antwoord = antwoord
    verzoek.beantwoord_met = indiening
    verzoek.beantwoord_op = timezone.now()
    verzoek.save(update_fields=["antwoord", "beantwoord_met", "beantwoord_op"])
    leg_vast(
        actie=Actie.AANVULLING_BEANTWOORD,
        omschrijving=_("Vragen beantwoord met versie %(versie)s.") % {"versie": indiening.versie},
        door=door,
        onderwerp=verzoek,
        regio=regio,
        reden=antwoord,
    )


@transaction.atomic
def leg_beoordeling_vast(
    *,
    regio: Regio,
    scores: dict[str, tuple[int, str]],
    eindoordeel: str,
    door,
) -> Beoordeling:
    """Record the assessment of the latest submission: a score and a motivation on every
    criterion of the period."""
    regio = _vergrendel(regio)
    eis("subsidie.beoordelen", door, regio)
    beoordeling = Beoordeling.objects.get(regio=regio)
    criteria = list(Beoordelingscriterium.objects.filter(tijdvak=regio.tijdvak))
    fouten: dict[str, list[str]] = {}
    for criterium in criteria:
        score, motivering = scores.get(criterium.code, (None, ""))
        if score is None or not 0 <= score <= criterium.maximale_score:
            fouten.setdefault(criterium.code, []).append(
                _("Geef een score van 0 tot en met %(max)s.") % {"max": criterium.maximale_score}
            )
        if not (motivering or "").strip():
            fouten.setdefault(criterium.code, []).append(_("Motiveer de score."))
    if not eindoordeel.strip():
        fouten["eindoordeel"] = [_("Vat uw oordeel samen.")]
    if fouten:
        raise ValidationError(fouten)
    beoordeling.scores.all().delete()
    Criteriumscore.objects.bulk_create(
        [
            Criteriumscore(
                beoordeling=beoordeling,
                criterium=c,
                score=scores[c.code][0],
                motivering=scores[c.code][1].strip(),
            )
            for c in criteria
        ]
    )
    beoordeling.indiening = laatste_indiening(regio)
    beoordeling.eindoordeel = eindoordeel.strip()
    beoordeling.beoordeeld_op = timezone.now()
    beoordeling.save(update_fields=["indiening", "eindoordeel", "beoordeeld_op"])
    leg_vast(
        actie=Actie.BEOORDELING_VASTGELEGD,
        omschrijving=_("Beoordeling vastgelegd (versie %(versie)s): %(totaal)s punten.")
        % {
            "versie": beoordeling.indiening.versie,
            "totaal": sum(scores[c.code][0] for c in criteria),
        },
        door=door,
        onderwerp=beoordeling,
        regio=regio,
        gegevens={c.code: scores[c.code][0] for c in criteria},
    )
    return beoordeling


@transaction.atomic
def neem_besluit(
    *,
    regio: Regio,
    uitkomst: str,
    motivering: str,
    door,
    bedrag: Decimal | None = None,
) -> Besluit:
    """Grant (at most the computed maximum of the assessed submission) or reject. The
    decision maker may not be the reviewer of this dossier."""
    regio = _vergrendel(regio)
    naar = "toekennen" if uitkomst == Besluituitkomst.TOEKENNEN else "afwijzen"
    # Table and permission: a decision maker who did not assess it, on a dossier in review
    # whose latest version was assessed.
    controleer_overgang(regio=regio, overgang=naar, door=door)
    indiening = laatste_indiening(regio)
    fouten: dict[str, list[str]] = {}
    if not motivering.strip():
        fouten["motivering"] = [_("Motiveer het besluit.")]
    if uitkomst == Besluituitkomst.TOEKENNEN:
        if bedrag is None or bedrag <= 0:
            fouten["bedrag"] = [_("Vul het bedrag in dat u toekent.")]
        elif bedrag > indiening.maximale_subsidie:
            fouten["bedrag"] = [
                _("U kunt ten hoogste %(max)s toekennen: de berekende maximale subsidie.")
                % {"max": euro(indiening.maximale_subsidie)}
            ]
    elif uitkomst == Besluituitkomst.AFWIJZEN:
        bedrag = None
    else:
        fouten["uitkomst"] = [_("Kies toekennen of afwijzen.")]
    if fouten:
        raise ValidationError(fouten)
    besluit = Besluit.objects.create(
        regio=regio,
        indiening=indiening,
        uitkomst=uitkomst,
        bedrag=bedrag,
        motivering=motivering.strip(),
        genomen_door=door,
    )
    voer_overgang_uit(
        regio=regio,
        overgang=naar,
        door=door,
        omschrijving=(
            _("Subsidie toegekend: %(bedrag)s.") % {"bedrag": euro(bedrag)}
            if bedrag
            else _("Aanvraag afgewezen.")
        ),
        onderwerp=besluit,
        reden=besluit.motivering,
    )
    return besluit
