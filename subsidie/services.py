"""Writes of the subsidy application: submitting and reopening a dossier, pledges and
budget lines. Each is one function, inside a transaction, that checks permission and state,
writes, and records the audit event."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from ecosysteem.audit import leg_vast
from regios.bewerken import dossier_wijziging
from regios.models import LOPENDE_DEELNAME, Regio, Regiostatus

from .dossier import laad_dossier
from .models import Begrotingsregel, Cofinanciering, Cofinancieringsoort, Indiening


class AlIngediend(ValidationError):
    """The dossier was submitted already (for instance by a double click)."""


@transaction.atomic
def dien_in(*, regio: Regio, door, versie: int | None = None) -> Indiening:
    """Submit the dossier: only when every eligibility rule passes. The submitted dossier
    is stored as it is now, and the region moves from concept to ingediend."""
    vergrendeld = Regio.objects.select_for_update().get(pk=regio.pk)
    if vergrendeld.status == Regiostatus.INGEDIEND:
        raise AlIngediend(_("Het dossier is al ingediend."), code="al_ingediend")
    if not door.has_perm("regios.dossier_indienen", vergrendeld):
        raise PermissionDenied(_("Alleen de programmamanager kan dit dossier indienen."))
    if versie is not None and versie != vergrendeld.versie:
        raise ValidationError(
            _(
                "Het dossier is gewijzigd sinds u deze pagina opende. Controleer het en dien "
                "opnieuw in."
            ),
            code="gewijzigd",
        )
    dossier = laad_dossier(vergrendeld)
    if not dossier.compleet:
        raise ValidationError(
            [
                _("%(titel)s: %(bericht)s") % {"titel": r.titel, "bericht": r.bericht}
                for r in dossier.open_punten
            ],
            code="onvolledig",
        )
    volgende = (vergrendeld.indieningen.aggregate(m=Max("versie"))["m"] or 0) + 1
    indiening = Indiening.objects.create(
        regio=vergrendeld,
        versie=volgende,
        ingediend_door=door,
        maximale_subsidie=dossier.berekening.totaal,
        cofinanciering=dossier.cofinanciering_totaal,
        begroting=dossier.begroting_totaal,
        inhoud=dossier.als_json(),
    )
    van = vergrendeld.status
    Regio.objects.filter(pk=vergrendeld.pk).update(
        status=Regiostatus.INGEDIEND, versie=F("versie") + 1
    )
    leg_vast(
        actie="dossier.ingediend",
        omschrijving=_("Dossier ingediend (versie %(versie)s), maximale subsidie %(bedrag)s.")
        % {"versie": volgende, "bedrag": dossier.berekening.totaal},
        door=door,
        onderwerp=indiening,
        regio=vergrendeld,
        van_status=van,
        naar_status=Regiostatus.INGEDIEND,
        gegevens={"indiening": indiening.pk, "versie": volgende},
    )
    regio.refresh_from_db()
    return indiening


@transaction.atomic
def heropen(*, regio: Regio, door, reden: str) -> Regio:
    """Take a submitted dossier back to concept, before the ministry has started its review."""
    vergrendeld = Regio.objects.select_for_update().get(pk=regio.pk)
    if not door.has_perm("regios.dossier_heropenen", vergrendeld):
        raise PermissionDenied(_("Alleen de programmamanager kan dit dossier heropenen."))
    if vergrendeld.status != Regiostatus.INGEDIEND:
        raise ValidationError(
            _("Alleen een ingediend dossier dat nog niet in beoordeling is, kan worden heropend."),
            code="status",
        )
    if not reden.strip():
        raise ValidationError({"reden": _("Geef aan waarom u het dossier heropent.")})
    Regio.objects.filter(pk=vergrendeld.pk).update(
        status=Regiostatus.CONCEPT, versie=F("versie") + 1
    )
    leg_vast(
        actie="dossier.heropend",
        omschrijving=_("Dossier heropend voor wijzigingen."),
        door=door,
        onderwerp=vergrendeld,
        regio=vergrendeld,
        van_status=Regiostatus.INGEDIEND,
        naar_status=Regiostatus.CONCEPT,
        reden=reden.strip(),
    )
    regio.refresh_from_db()
    return regio


def _controleer_partner(regio: Regio, organisatie) -> None:
    if not regio.deelnames.filter(LOPENDE_DEELNAME, organisatie=organisatie).exists():
        raise ValidationError({"organisatie": _("Deze organisatie doet niet mee in de regio.")})


def _controleer_schooljaar(regio: Regio, schooljaar: int) -> None:
    eerste = regio.tijdvak.eerste_schooljaar
    if not eerste <= schooljaar < eerste + regio.tijdvak.aantal_schooljaren:
        raise ValidationError(
            {
                "schooljaar": _("Kies een schooljaar binnen het tijdvak %(tijdvak)s.")
                % {"tijdvak": regio.tijdvak}
            }
        )


def _cofinanciering_velden(soort: str, bedrag, uren, uurtarief) -> dict:
    if soort == Cofinancieringsoort.UREN:
        fouten = {}
        if not uren or uren <= 0:
            fouten["uren"] = _("Vul het aantal uren in.")
        if not uurtarief or uurtarief <= 0:
            fouten["uurtarief"] = _("Vul het uurtarief in.")
        if fouten:
            raise ValidationError(fouten)
        return {"bedrag": None, "uren": uren, "uurtarief": uurtarief}
    if bedrag is None or bedrag <= 0:
        raise ValidationError({"bedrag": _("Vul een bedrag groter dan 0 in.")})
    return {"bedrag": bedrag, "uren": None, "uurtarief": None}


def sla_cofinanciering_op(
    *,
    regio: Regio,
    door,
    organisatie,
    schooljaar: int,
    soort: str,
    omschrijving: str,
    bedrag: Decimal | None = None,
    uren: Decimal | None = None,
    uurtarief: Decimal | None = None,
    cofinanciering: Cofinanciering | None = None,
    versie: int | None = None,
) -> Cofinanciering:
    """Add a pledge, or change ``cofinanciering``."""
    with dossier_wijziging(regio=regio, door=door, versie=versie) as vergrendeld:
        _controleer_partner(vergrendeld, organisatie)
        _controleer_schooljaar(vergrendeld, schooljaar)
        waarden = _cofinanciering_velden(soort, bedrag, uren, uurtarief)
        nieuw = cofinanciering is None
        if nieuw:
            cofinanciering = Cofinanciering(regio=vergrendeld)
        elif cofinanciering.regio_id != vergrendeld.pk:
            raise PermissionDenied
        cofinanciering.organisatie = organisatie
        cofinanciering.schooljaar = schooljaar
        cofinanciering.soort = soort
        cofinanciering.omschrijving = omschrijving
        for veld, waarde in waarden.items():
            setattr(cofinanciering, veld, waarde)
        cofinanciering.full_clean()
        cofinanciering.save()
        leg_vast(
            actie="cofinanciering.toegevoegd" if nieuw else "cofinanciering.gewijzigd",
            omschrijving=_("Cofinanciering van %(partner)s (%(jaar)s): %(waarde)s.")
            % {
                "partner": organisatie.naam,
                "jaar": cofinanciering.schooljaar_label,
                "waarde": cofinanciering.waarde,
            },
            door=door,
            onderwerp=cofinanciering,
            regio=vergrendeld,
        )
    return cofinanciering


def verwijder_cofinanciering(*, cofinanciering: Cofinanciering, door, versie: int | None = None):
    with dossier_wijziging(regio=cofinanciering.regio, door=door, versie=versie) as regio:
        leg_vast(
            actie="cofinanciering.verwijderd",
            omschrijving=_("Cofinanciering van %(partner)s (%(jaar)s) verwijderd.")
            % {"partner": cofinanciering.organisatie.naam, "jaar": cofinanciering.schooljaar_label},
            door=door,
            regio=regio,
            gegevens={"waarde": str(cofinanciering.waarde)},
        )
        cofinanciering.delete()


def sla_begrotingsregel_op(
    *,
    regio: Regio,
    door,
    schooljaar: int,
    kostensoort: str,
    omschrijving: str,
    bedrag: Decimal,
    regel: Begrotingsregel | None = None,
    versie: int | None = None,
) -> Begrotingsregel:
    """Add a budget line, or change ``regel``."""
    with dossier_wijziging(regio=regio, door=door, versie=versie) as vergrendeld:
        _controleer_schooljaar(vergrendeld, schooljaar)
        nieuw = regel is None
        if nieuw:
            regel = Begrotingsregel(regio=vergrendeld)
        elif regel.regio_id != vergrendeld.pk:
            raise PermissionDenied
        regel.schooljaar = schooljaar
        regel.kostensoort = kostensoort
        regel.omschrijving = omschrijving
        regel.bedrag = bedrag
        regel.full_clean()
        regel.save()
        leg_vast(
            actie="begroting.toegevoegd" if nieuw else "begroting.gewijzigd",
            omschrijving=_("Begrotingsregel %(jaar)s %(soort)s: %(bedrag)s.")
            % {
                "jaar": regel.schooljaar_label,
                "soort": regel.get_kostensoort_display(),
                "bedrag": regel.bedrag,
            },
            door=door,
            onderwerp=regel,
            regio=vergrendeld,
        )
    return regel


def verwijder_begrotingsregel(*, regel: Begrotingsregel, door, versie: int | None = None):
    with dossier_wijziging(regio=regel.regio, door=door, versie=versie) as regio:
        leg_vast(
            actie="begroting.verwijderd",
            omschrijving=_("Begrotingsregel %(jaar)s %(soort)s verwijderd.")
            % {"jaar": regel.schooljaar_label, "soort": regel.get_kostensoort_display()},
            door=door,
            regio=regio,
            gegevens={"bedrag": str(regel.bedrag)},
        )
        regel.delete()
