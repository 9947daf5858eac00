"""Writes of the collaboration scan (its reads are in :mod:`kompas.selectors`).

Writes: opening and closing a round (the programme manager) and answering it (anyone with
a role in the region). Each checks permission and state inside its transaction and leaves
an audit event; the event of an answer says that someone answered, never who or what.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.rechten import eis
from partners.models import Persoon
from regios.models import Regio

from .models import Scaninzending, Scanronde, Scanscore
from .scan import SCHAAL_MAX, SCHAAL_MIN, VRAAG_PER_CODE, VRAAGCODES

MAX_TOELICHTING = 2000


@transaction.atomic
def open_scanronde(*, regio: Regio, naam: str, toelichting: str = "", door) -> Scanronde:
    """Open a new round; refused while another round of the region is open."""
    eis("kompas.scan_beheren", door, regio)
    naam = naam.strip()
    if not naam:
        raise ValidationError({"naam": _("Geef de scanronde een naam.")})
    # Lock the region so two programme managers opening at once queue up here and the
    # second one gets the friendly message below rather than a database error.
    Regio.objects.select_for_update().only("pk").get(pk=regio.pk)
    if Scanronde.objects.filter(regio=regio, gesloten_op__isnull=True).exists():
        raise ValidationError(_("Er staat al een scanronde open; sluit die eerst."))
    if Scanronde.objects.filter(regio=regio, naam__iexact=naam).exists():
        raise ValidationError({"naam": _("Deze regio heeft al een scanronde met deze naam.")})
    try:
        with transaction.atomic():
            ronde = Scanronde.objects.create(
                regio=regio, naam=naam, toelichting=toelichting.strip(), geopend_door=door
            )
    except IntegrityError as fout:
        raise ValidationError(_("Er staat al een scanronde open; sluit die eerst.")) from fout
    leg_vast(
        actie=Actie.SCANRONDE_GEOPEND,
        omschrijving=_("Scanronde %(naam)s geopend") % {"naam": naam},
        door=door,
        onderwerp=ronde,
        regio=regio,
        naar_status="open",
    )
    return ronde


@transaction.atomic
def sluit_scanronde(*, ronde: Scanronde, door) -> Scanronde:
    """Close a round: no more answers, and its results may be shown."""
    eis("kompas.scan_beheren", door, ronde.regio)
    ronde = Scanronde.objects.select_for_update().select_related("regio").get(pk=ronde.pk)
    if not ronde.is_open:
        raise ValidationError(_("Deze scanronde is al gesloten."))
    ronde.gesloten_op = timezone.now()
    ronde.save(update_fields=["gesloten_op"])
    leg_vast(
        actie=Actie.SCANRONDE_GESLOTEN,
        omschrijving=_("Scanronde %(naam)s gesloten") % {"naam": ronde.naam},
        door=door,
        onderwerp=ronde,
        regio=ronde.regio,
        van_status="open",
        naar_status="gesloten",
    )
    return ronde


def _controleer_antwoorden(scores: dict[str, int], toelichtingen: dict[str, str]) -> None:
    fouten: dict[str, list[str]] = {}
    for code in VRAAGCODES:
        score = scores.get(code)
        if score is None:
            fouten[code] = [
                _("Kies een antwoord bij ‘%(titel)s’.") % {"titel": VRAAG_PER_CODE[code].titel}
            ]
        elif not isinstance(score, int) or not SCHAAL_MIN <= score <= SCHAAL_MAX:
            fouten[code] = [_("Kies een antwoord van 1 tot en met 5.")]
    onbekend = (set(scores) | set(toelichtingen)) - set(VRAAGCODES)
    if onbekend:
        fouten["__all__"] = [_("Onbekende vraag.")]
    for code, tekst in toelichtingen.items():
        if len(tekst or "") > MAX_TOELICHTING:
            fouten.setdefault(code, []).append(
                _("Een toelichting is ten hoogste %(aantal)s tekens.") % {"aantal": MAX_TOELICHTING}
            )
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def beantwoord_scan(
    *,
    ronde: Scanronde,
    door,
    scores: dict[str, int],
    toelichtingen: dict[str, str] | None = None,
) -> Scaninzending:
    """Record one person's answers to an open round of a region they have a role in."""
    toelichtingen = {k: (v or "").strip() for k, v in (toelichtingen or {}).items()}
    ronde = Scanronde.objects.select_for_update().select_related("regio").get(pk=ronde.pk)
    eis("kompas.scan_invullen", door, ronde.regio)
    persoon = Persoon.objects.select_related("organisatie").filter(gebruiker=door).first()
    if persoon is None:
        raise PermissionDenied(_("Uw account is niet aan een persoon gekoppeld."))
    if not ronde.is_open:
        raise ValidationError(_("Deze scanronde is gesloten; u kunt niet meer antwoorden."))
    if Scaninzending.objects.filter(ronde=ronde, persoon=persoon).exists():
        raise ValidationError(_("U hebt deze scanronde al ingevuld."))
    _controleer_antwoorden(scores, toelichtingen)
    try:
        with transaction.atomic():
            inzending = Scaninzending.objects.create(
                ronde=ronde,
                persoon=persoon,
                organisatiesoort=persoon.organisatie.soort if persoon.organisatie else "",
            )
    except IntegrityError as fout:
        raise ValidationError(_("U hebt deze scanronde al ingevuld.")) from fout
    Scanscore.objects.bulk_create(
        [
            Scanscore(
                inzending=inzending,
                vraag=code,
                score=scores[code],
                toelichting=toelichtingen.get(code, ""),
            )
            for code in VRAAGCODES
        ]
    )
    # That someone answered is recorded; who and what are not. The scan promises anonymity
    # and the timeline is read by the region and the ministry, so the event names no actor
    # (``door`` stays empty), is about the round rather than the submission (which holds
    # the person, for the one-answer-per-person rule), and carries no ids.
    leg_vast(
        actie=Actie.SCAN_INGEVULD,
        omschrijving=_("Scanronde %(naam)s: een antwoord ontvangen") % {"naam": ronde.naam},
        onderwerp=ronde,
        regio=ronde.regio,
        gegevens={"anoniem": True},
    )
    return inzending
