"""The ministry's side of an application: assigning a reviewer, asking for more
information, assessing on the period's criteria, and the decision (four eyes: the decision
maker is never the dossier's reviewer). Each function checks role and state, writes, and
records the audit event, in one transaction."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.opmaak import euro
from ecosysteem.rechten import eis
from regios.levenscyclus import controleer_overgang, mogelijk, voer_overgang_uit
from regios.models import Regio

from ..brieven import beschikking_html
from ..models import (
    Aanvullingsverzoek,
    Beoordeling,
    Beoordelingscriterium,
    Besluit,
    Besluitstatus,
    Besluituitkomst,
    Criteriumscore,
    Indiening,
    Kenmerkreeks,
    Rapportsoort,
)
from ..rules import is_beoordelaar
from ..termijnen import laatste_dag_bezwaar
from .rapporten import vraag_rapport_aan


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


def _penvoerder(regio: Regio):
    deelname = regio.deelnames.filter(is_penvoerder=True).select_related("organisatie").first()
    return deelname.organisatie if deelname else None


def volgend_kenmerk(jaar: int) -> str:
    """The next reference number of ``jaar``: TK-2026-0001, TK-2026-0002, ... Call inside
    a transaction: the year's row stays locked until it commits, so concurrent drafts wait
    for each other instead of drawing the same number."""
    reeks = Kenmerkreeks.objects.select_for_update().filter(jaar=jaar).first()
    if reeks is None:
        try:
            with transaction.atomic():
                # The first number of a year continues after any decision made before the
                # series existed.
                reeks = Kenmerkreeks.objects.create(jaar=jaar, laatste=_hoogste_kenmerk(jaar))
        except IntegrityError:
            # Another draft created the year's row at the same moment: wait for it.
            reeks = Kenmerkreeks.objects.select_for_update().get(jaar=jaar)
    reeks.laatste += 1
    reeks.save(update_fields=["laatste"])
    return f"TK-{jaar}-{reeks.laatste:04d}"


def _hoogste_kenmerk(jaar: int) -> int:
    voorvoegsel = f"TK-{jaar}-"
    kenmerken = Besluit.objects.filter(kenmerk__startswith=voorvoegsel).values_list(
        "kenmerk", flat=True
    )
    return max((int(k.rsplit("-", 1)[1]) for k in kenmerken), default=0)


def concept_motivering(regio: Regio) -> str:
    """The reasons as the portal drafts them: the eligibility outcome of the assessed
    submission and the assessment per criterion. The decision maker edits them."""
    beoordeling = Beoordeling.objects.filter(regio=regio).select_related("indiening").first()
    if beoordeling is None or beoordeling.indiening is None:
        return ""
    indiening = beoordeling.indiening
    toetsing = indiening.inhoud.get("toetsing", [])
    delen = []
    if toetsing and all(t.get("geslaagd") for t in toetsing):
        delen.append(
            _("De aanvraag (versie %(versie)s) voldoet aan alle subsidievoorwaarden.")
            % {"versie": indiening.versie}
        )
    elif toetsing:
        delen.append(
            _("De aanvraag (versie %(versie)s) voldoet niet aan: %(voorwaarden)s.")
            % {
                "versie": indiening.versie,
                "voorwaarden": "; ".join(t["titel"] for t in toetsing if not t.get("geslaagd")),
            }
        )
    for score in beoordeling.scores.select_related("criterium"):
        delen.append(
            _("%(criterium)s (%(score)s van %(max)s): %(motivering)s")
            % {
                "criterium": score.criterium.naam,
                "score": score.score,
                "max": score.criterium.maximale_score,
                "motivering": score.motivering,
            }
        )
    if beoordeling.eindoordeel:
        delen.append(beoordeling.eindoordeel)
    return "\n\n".join(delen)


def _controleer_inhoud(
    *, uitkomst: str, motivering: str, bedrag: Decimal | None, maximum: Decimal
) -> Decimal | None:
    fouten: dict[str, list[str]] = {}
    if not motivering.strip():
        fouten["motivering"] = [_("Motiveer het besluit.")]
    if uitkomst == Besluituitkomst.TOEKENNEN:
        if bedrag is None or bedrag <= 0:
            fouten["bedrag"] = [_("Vul het bedrag in dat u toekent.")]
        elif bedrag > maximum:
            fouten["bedrag"] = [
                _("U kunt ten hoogste %(max)s toekennen: de berekende maximale subsidie.")
                % {"max": euro(maximum)}
            ]
    elif uitkomst == Besluituitkomst.AFWIJZEN:
        if bedrag is not None:
            # Typed in and then "afwijzen" chosen: the input contradicts itself, so ask.
            fouten["bedrag"] = [
                _("Bij afwijzen hoort geen bedrag. Maak het veld leeg of kies toekennen.")
            ]
    else:
        fouten["uitkomst"] = [_("Kies toekennen of afwijzen.")]
    if fouten:
        raise ValidationError(fouten)
    return bedrag


class AlVerstuurd(ValidationError):
    """A sent decision is final: it is corrected by a new decision, never edited."""


def _weiger_verstuurd(besluit: Besluit) -> None:
    if besluit.is_verstuurd:
        raise AlVerstuurd(
            _(
                "Besluit %(kenmerk)s is verstuurd en verandert niet meer. Corrigeren kan met "
                "een nieuw besluit."
            )
            % {"kenmerk": besluit.kenmerk},
            code="verstuurd",
        )


def concept_besluit(regio: Regio) -> Besluit | None:
    return Besluit.objects.filter(regio=regio, status=Besluitstatus.CONCEPT).first()


def geldend_besluit(regio: Regio) -> Besluit | None:
    return Besluit.objects.filter(regio=regio).geldend().first()


@transaction.atomic
def neem_besluit(
    *,
    regio: Regio,
    uitkomst: str,
    motivering: str,
    door,
    bedrag: Decimal | None = None,
    corrigeert: Besluit | None = None,
) -> Besluit:
    """Draft the decision letter (or change the draft): grant (at most the computed
    maximum of the assessed submission) or reject, with the reasons. Nothing is final
    until :func:`verstuur_besluit`. With ``corrigeert`` the draft corrects a sent decision
    of a decided region. The decision maker may not be the reviewer of this dossier."""
    regio = _vergrendel(regio)
    if corrigeert is not None:
        corrigeert = Besluit.objects.select_for_update().get(pk=corrigeert.pk)
        eis("subsidie.besluit_corrigeren", door, regio)
        if not corrigeert.is_verstuurd or corrigeert.regio_id != regio.pk:
            raise ValidationError(
                _("Alleen een verstuurd besluit van deze regio kan worden gecorrigeerd.")
            )
        if Besluit.objects.filter(corrigeert=corrigeert).exclude(
            status=Besluitstatus.CONCEPT
        ).exists() or (geldend_besluit(regio) != corrigeert):
            raise ValidationError(
                _("Dit besluit is al gecorrigeerd; corrigeer het geldende besluit.")
            )
    else:
        naar = "toekennen" if uitkomst == Besluituitkomst.TOEKENNEN else "afwijzen"
        # Table and permission: a decision maker who did not assess it, on a dossier in
        # review whose latest version was assessed.
        controleer_overgang(regio=regio, overgang=naar, door=door)
    indiening = laatste_indiening(regio)
    bedrag = _controleer_inhoud(
        uitkomst=uitkomst,
        motivering=motivering,
        bedrag=bedrag,
        maximum=indiening.maximale_subsidie,
    )
    besluit = concept_besluit(regio)
    nieuw = besluit is None
    if nieuw:
        besluit = Besluit(
            regio=regio,
            kenmerk=volgend_kenmerk(timezone.localdate().year),
            genomen_door=door,
        )
    elif besluit.corrigeert_id != (corrigeert.pk if corrigeert else None):
        raise ValidationError(
            _("Er ligt al een concept van een ander besluit; maak dat eerst af."), code="concept"
        )
    besluit.indiening = indiening
    besluit.uitkomst = uitkomst
    besluit.bedrag = bedrag
    besluit.motivering = motivering.strip()
    besluit.genomen_door = door
    besluit.corrigeert = corrigeert
    besluit.adressaat = _penvoerder(regio)
    besluit.periode_van = regio.tijdvak.startdatum
    besluit.periode_tot = regio.tijdvak.einddatum
    besluit.save()
    if corrigeert is not None and nieuw:
        actie = Actie.CORRECTIE_OPGESTELD
        omschrijving = _("Correctie van besluit %(oud)s opgesteld (%(kenmerk)s).") % {
            "oud": corrigeert.kenmerk,
            "kenmerk": besluit.kenmerk,
        }
    elif nieuw:
        actie = Actie.BESCHIKKING_OPGESTELD
        omschrijving = _("Concept van beschikking %(kenmerk)s opgesteld.") % {
            "kenmerk": besluit.kenmerk
        }
    else:
        actie = Actie.BESCHIKKING_GEWIJZIGD
        omschrijving = _("Concept van beschikking %(kenmerk)s gewijzigd.") % {
            "kenmerk": besluit.kenmerk
        }
    leg_vast(
        actie=actie,
        omschrijving=omschrijving,
        door=door,
        onderwerp=besluit,
        regio=regio,
        gegevens={
            "kenmerk": besluit.kenmerk,
            "uitkomst": besluit.uitkomst,
            "bedrag": str(bedrag) if bedrag is not None else None,
            "corrigeert": corrigeert.kenmerk if corrigeert else None,
        },
    )
    return besluit


@transaction.atomic
def wijzig_besluit(*, besluit: Besluit, door, **velden) -> Besluit:
    """Change a draft decision; a sent one is refused (it is corrected by a new one)."""
    besluit = Besluit.objects.select_for_update().get(pk=besluit.pk)
    _weiger_verstuurd(besluit)
    return neem_besluit(
        regio=besluit.regio,
        door=door,
        corrigeert=besluit.corrigeert,
        **{
            "uitkomst": besluit.uitkomst,
            "motivering": besluit.motivering,
            "bedrag": besluit.bedrag,
            **velden,
        },
    )


@transaction.atomic
def verstuur_besluit(*, besluit: Besluit, door) -> Besluit:
    """Send the drafted letter: the send date and the last day to object are recorded,
    the letter is stored as it reads today (its HTML, and its PDF made by the worker), the
    region's status follows the outcome, and the programme managers get an e-mail with a
    link to the letter. Final: afterwards only
    a correction (a new decision) changes anything."""
    regio = _vergrendel(besluit.regio)
    besluit = (
        Besluit.objects.select_for_update(of=("self",))
        .select_related("corrigeert")
        .get(pk=besluit.pk)
    )
    _weiger_verstuurd(besluit)
    if besluit.corrigeert_id:
        overgang = (
            "correctie_toekennen"
            if besluit.uitkomst == Besluituitkomst.TOEKENNEN
            else "correctie_afwijzen"
        )
    else:
        overgang = "toekennen" if besluit.uitkomst == Besluituitkomst.TOEKENNEN else "afwijzen"
    controleer_overgang(regio=regio, overgang=overgang, door=door)
    indiening = laatste_indiening(regio)
    if besluit.indiening_id != indiening.pk:
        raise ValidationError(
            _("Er is een nieuwere versie van het dossier; stel het besluit opnieuw op."),
            code="verouderd",
        )
    _controleer_inhoud(
        uitkomst=besluit.uitkomst,
        motivering=besluit.motivering,
        bedrag=besluit.bedrag,
        maximum=indiening.maximale_subsidie,
    )
    besluit.status = Besluitstatus.VERSTUURD
    besluit.verstuurd_op = timezone.now()
    besluit.verstuurd_door = door
    besluit.bezwaar_tot = laatste_dag_bezwaar(timezone.localdate(besluit.verstuurd_op))
    besluit.brief_html = beschikking_html(besluit)
    besluit.save(
        update_fields=["status", "verstuurd_op", "verstuurd_door", "bezwaar_tot", "brief_html"]
    )
    if besluit.corrigeert_id:
        omschrijving = _("Besluit %(oud)s gecorrigeerd met %(kenmerk)s: %(uitkomst)s.") % {
            "oud": besluit.corrigeert.kenmerk,
            "kenmerk": besluit.kenmerk,
            "uitkomst": (
                _("%(bedrag)s toegekend") % {"bedrag": euro(besluit.bedrag)}
                if besluit.is_toekenning
                else _("afgewezen")
            ),
        }
    elif besluit.is_toekenning:
        omschrijving = _("Subsidie toegekend: %(bedrag)s.") % {"bedrag": euro(besluit.bedrag)}
    else:
        omschrijving = _("Aanvraag afgewezen.")
    voer_overgang_uit(
        regio=regio,
        overgang=overgang,
        door=door,
        omschrijving=omschrijving,
        onderwerp=besluit,
        reden=besluit.motivering,
        gegevens={
            "kenmerk": besluit.kenmerk,
            "corrigeert": besluit.corrigeert.kenmerk if besluit.corrigeert_id else None,
            "bezwaar_tot": besluit.bezwaar_tot.isoformat(),
        },
    )
    # The letter as PDF, made by the worker once the send is committed: what the region
    # downloads is then ready, and the stored letter exists as a document of the dossier.
    vraag_rapport_aan(regio=regio, soort=Rapportsoort.BESCHIKKING, besluit=besluit, door=door)
    return besluit
