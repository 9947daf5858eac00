"""Writes behind the dossier's Convenant page: the region's collaboration agreements and
who signed them.

These services deliberately do not run inside ``dossier_wijziging``. Partners re-sign the
agreement every two years, so a programme manager records a renewal or a late signature
also after the dossier was submitted or awarded; the frozen-dossier rule would make that
impossible. Instead each service takes its own transaction, locks the region row (so two
changes of the same region's agreements run one after the other) and checks that the
person is the region's programme manager. The dossier's version is left alone: an
agreement signed after submission does not change what was submitted.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem import opmaak
from ecosysteem.audit import Actie, leg_vast
from ecosysteem.rechten import eis
from partners.models import Organisatie

from ..models import LOPENDE_DEELNAME, Convenant, Deelname, Ondertekening, Regio

# A signature dated more than this before the agreement starts is almost always a typo in
# the year; signing some months ahead of a renewal is normal.
ONDERTEKENING_VOORLOOP = datetime.timedelta(days=366)


def standaard_einddatum(ingangsdatum: datetime.date) -> datetime.date:
    """Two years after the start date (29 February becomes 28 February)."""
    try:
        return ingangsdatum.replace(year=ingangsdatum.year + 2)
    except ValueError:
        return ingangsdatum.replace(year=ingangsdatum.year + 2, day=28)


@contextmanager
def convenant_wijziging(*, regio: Regio, door) -> Iterator[Regio]:
    """Lock ``regio`` for a change of its agreements by ``door``."""
    with transaction.atomic():
        vergrendeld = Regio.objects.select_for_update().get(pk=regio.pk)
        eis("regios.convenant_bewerken", door, vergrendeld)
        yield vergrendeld


def _controleer_data(ingangsdatum: datetime.date, einddatum: datetime.date) -> None:
    if einddatum <= ingangsdatum:
        raise ValidationError(
            {"einddatum": _("De einddatum moet na de ingangsdatum liggen.")},
            code="einde_voor_ingang",
        )


def _bewaar_document(convenant: Convenant, document: UploadedFile) -> None:
    # A random name, not the uploaded one: the file is only ever served through the
    # permission-checking download view, and a guessable name would leak the title to
    # anyone who could list or guess paths in the media folder.
    oud = convenant.document.name if convenant.document else ""
    convenant.document.save(f"{uuid.uuid4().hex}.pdf", document, save=False)
    if oud:
        _verwijder_bestand_na_commit(convenant.document.storage, oud)


def _verwijder_bestand_na_commit(opslag, naam: str) -> None:
    # Only once the database no longer points at it: a rolled-back change keeps its file.
    transaction.on_commit(lambda: opslag.delete(naam))


def sla_convenant_op(
    *,
    regio: Regio,
    door,
    titel: str,
    ingangsdatum: datetime.date,
    einddatum: datetime.date | None = None,
    document: UploadedFile | None = None,
    document_verwijderen: bool = False,
    convenant: Convenant | None = None,
) -> Convenant:
    """Add an agreement to ``regio`` or change ``convenant``. Without an end date the
    agreement runs two years. A new agreement (a renewal) gets its own reminder; a changed
    end date of an agreement that was already reminded about gets a new reminder."""
    titel = titel.strip()
    if not titel:
        raise ValidationError({"titel": _("Geef het convenant een titel.")}, code="titel")
    einddatum = einddatum or standaard_einddatum(ingangsdatum)
    _controleer_data(ingangsdatum, einddatum)
    with convenant_wijziging(regio=regio, door=door) as vergrendeld:
        nieuw = convenant is None
        if nieuw:
            convenant = Convenant(regio=vergrendeld)
        else:
            convenant = Convenant.objects.select_for_update().get(
                pk=convenant.pk, regio=vergrendeld
            )
        vorige = {
            "titel": convenant.titel,
            "ingangsdatum": convenant.ingangsdatum,
            "einddatum": convenant.einddatum,
        }
        if not nieuw and einddatum != convenant.einddatum:
            # The reminder was about the old end date; the new one deserves its own.
            convenant.herinnering_verstuurd_op = None
        convenant.titel = titel
        convenant.ingangsdatum = ingangsdatum
        convenant.einddatum = einddatum
        if document is not None:
            _bewaar_document(convenant, document)
        elif document_verwijderen and convenant.document:
            _verwijder_bestand_na_commit(convenant.document.storage, convenant.document.name)
            convenant.document = ""
        convenant.full_clean(exclude=["regio", "document"])
        convenant.save()
        gewijzigd = {
            veld: [str(oud), str(getattr(convenant, veld))]
            for veld, oud in vorige.items()
            if oud != getattr(convenant, veld)
        }
        if document is not None:
            gewijzigd["document"] = ["", "nieuw"]
        elif document_verwijderen:
            gewijzigd["document"] = ["", "verwijderd"]
        leg_vast(
            actie=Actie.CONVENANT_TOEGEVOEGD if nieuw else Actie.CONVENANT_GEWIJZIGD,
            omschrijving=(
                _("Convenant %(titel)s toegevoegd.")
                if nieuw
                else _("Convenant %(titel)s gewijzigd.")
            )
            % {"titel": convenant.korte_titel},
            door=door,
            onderwerp=convenant,
            regio=vergrendeld,
            gegevens={"wijzigingen": gewijzigd},
        )
    return convenant


def onderteken(
    *,
    convenant: Convenant,
    door,
    organisatie: Organisatie,
    ondertekenaar: str,
    functie: str = "",
    datum: datetime.date,
) -> Ondertekening:
    """Record that ``organisatie`` signed ``convenant``. The organisation takes part in the
    region, signs once, on a date that is not in the future, not after the agreement ended
    and not more than a year before it starts."""
    ondertekenaar = ondertekenaar.strip()
    if not ondertekenaar:
        raise ValidationError(
            {"ondertekenaar": _("Vul de naam in van wie heeft getekend.")}, code="naam"
        )
    with convenant_wijziging(regio=convenant.regio, door=door) as regio:
        convenant = Convenant.objects.select_for_update().get(pk=convenant.pk, regio=regio)
        if not Deelname.objects.filter(
            LOPENDE_DEELNAME, regio=regio, organisatie=organisatie
        ).exists():
            raise ValidationError(
                {
                    "organisatie": _("%(naam)s doet niet mee in de regio.")
                    % {"naam": organisatie.naam}
                },
                code="geen_partner",
            )
        if convenant.ondertekeningen.filter(organisatie=organisatie).exists():
            raise ValidationError(
                {
                    "organisatie": _("%(naam)s heeft dit convenant al ondertekend.")
                    % {"naam": organisatie.naam}
                },
                code="al_getekend",
            )
        if datum > timezone.localdate():
            raise ValidationError(
                {"datum": _("De datum van ondertekening kan niet in de toekomst liggen.")},
                code="toekomst",
            )
        if datum > convenant.einddatum:
            raise ValidationError(
                {
                    "datum": _(
                        "De datum van ondertekening ligt na de einddatum van het convenant "
                        "(%(einddatum)s)."
                    )
                    % {"einddatum": opmaak.datum(convenant.einddatum)}
                },
                code="na_einde",
            )
        if datum < convenant.ingangsdatum - ONDERTEKENING_VOORLOOP:
            raise ValidationError(
                {
                    "datum": _(
                        "De datum van ondertekening ligt meer dan een jaar voor de "
                        "ingangsdatum (%(ingangsdatum)s). Controleer het jaartal."
                    )
                    % {"ingangsdatum": opmaak.datum(convenant.ingangsdatum)}
                },
                code="te_vroeg",
            )
        try:
            with transaction.atomic():
                ondertekening = Ondertekening.objects.create(
                    convenant=convenant,
                    organisatie=organisatie,
                    ondertekenaar=ondertekenaar,
                    functie=functie.strip(),
                    datum=datum,
                )
        except IntegrityError as fout:  # pragma: no cover - the region lock prevents this
            raise ValidationError(
                {"organisatie": _("Deze partner heeft dit convenant al ondertekend.")}
            ) from fout
        leg_vast(
            actie=Actie.ONDERTEKENING_TOEGEVOEGD,
            omschrijving=_("%(organisatie)s heeft convenant %(titel)s ondertekend.")
            % {"organisatie": organisatie.naam, "titel": convenant.korte_titel},
            door=door,
            onderwerp=ondertekening,
            regio=regio,
            gegevens={
                "convenant": convenant.pk,
                "organisatie": organisatie.pk,
                "ondertekenaar": ondertekenaar,
                "datum": datum.isoformat(),
            },
        )
    return ondertekening


def verwijder_ondertekening(*, ondertekening: Ondertekening, door) -> None:
    """Remove a signature recorded by mistake."""
    with convenant_wijziging(regio=ondertekening.convenant.regio, door=door) as regio:
        rij = (
            Ondertekening.objects.select_related("convenant", "organisatie")
            .filter(pk=ondertekening.pk, convenant__regio=regio)
            .first()
        )
        if rij is None:
            # Removed meanwhile by someone else: the wish is fulfilled.
            return
        leg_vast(
            actie=Actie.ONDERTEKENING_VERWIJDERD,
            omschrijving=_("Ondertekening van %(organisatie)s voor convenant %(titel)s verwijderd.")
            % {"organisatie": rij.organisatie.naam, "titel": rij.convenant.korte_titel},
            door=door,
            onderwerp=rij.convenant,
            regio=regio,
            gegevens={
                "organisatie": rij.organisatie_id,
                "ondertekenaar": rij.ondertekenaar,
                "datum": rij.datum.isoformat(),
            },
        )
        rij.delete()
