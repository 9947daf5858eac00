"""Writes of the subsidy application: submitting and reopening a dossier, pledges and
budget lines. Each is one function, inside a transaction, that checks permission and state,
writes, and records the audit event."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.opmaak import euro
from regios.bewerken import dossier_wijziging
from regios.levenscyclus import controleer_overgang, voer_overgang_uit
from regios.models import LOPENDE_DEELNAME, Regio

from ..dossier import laad_dossier
from ..models import Begrotingsregel, Cofinanciering, Cofinancieringsoort, Indiening
from .beoordeling import beantwoord_aanvulling


class AlIngediend(ValidationError):
    """The dossier was submitted already (for instance by a double click)."""


@transaction.atomic
def dien_in(*, regio: Regio, door, versie: int | None = None, antwoord: str = "") -> Indiening:
    """Submit the dossier: only when every eligibility rule passes. The submitted dossier
    is stored as it is now, and the region moves from concept to ingediend. A dossier that
    the reviewer returned with questions needs ``antwoord`` and goes straight back to the
    reviewer (transition ``aanvulling_indienen``)."""
    vergrendeld = Regio.objects.select_for_update().get(pk=regio.pk)
    if vergrendeld.wacht_op_beoordelaar or vergrendeld.wordt_beoordeeld:
        # A second click (or a second tab): tell that it was done, not that it is refused.
        raise AlIngediend(_("Het dossier is al ingediend."), code="al_ingediend")
    overgang = "aanvulling_indienen" if vergrendeld.wacht_op_aanvulling else "indienen"
    controleer_overgang(regio=vergrendeld, overgang=overgang, door=door)
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
    beantwoord_aanvulling(regio=vergrendeld, indiening=indiening, antwoord=antwoord, door=door)
    voer_overgang_uit(
        regio=vergrendeld,
        overgang=overgang,
        door=door,
        omschrijving=_("Dossier ingediend (versie %(versie)s), maximale subsidie %(bedrag)s.")
        % {"versie": volgende, "bedrag": dossier.berekening.totaal},
        onderwerp=indiening,
        gegevens={"indiening": indiening.pk, "versie": volgende},
    )
    regio.refresh_from_db()
    return indiening


@transaction.atomic
def heropen(*, regio: Regio, door, reden: str) -> Regio:
    """Take a submitted dossier back to concept, before the ministry has started its review."""
    voer_overgang_uit(
        regio=regio,
        overgang="heropenen",
        door=door,
        omschrijving=_("Dossier heropend voor wijzigingen."),
        reden=reden,
    )
    regio.refresh_from_db()
    return regio


def _fouten_partner(regio: Regio, organisatie) -> dict[str, str]:
    if organisatie is None:
        # Without this, the lookup below would match the region's branch participations
        # (organisatie IS NULL) and let a pledge without a partner through.
        return {"organisatie": _("Kies een partner.")}
    if not regio.deelnames.filter(LOPENDE_DEELNAME, organisatie=organisatie).exists():
        return {"organisatie": _("Deze organisatie doet niet mee in de regio.")}
    return {}


def _fouten_schooljaar(regio: Regio, schooljaar: int | None) -> dict[str, str]:
    eerste = regio.tijdvak.eerste_schooljaar
    if schooljaar is None or not eerste <= schooljaar < eerste + regio.tijdvak.aantal_schooljaren:
        return {
            "schooljaar": _("Kies een schooljaar binnen het tijdvak %(tijdvak)s.")
            % {"tijdvak": regio.tijdvak}
        }
    return {}


def _positief(waarde: Decimal | None, *, ontbreekt: str, niet_positief: str) -> str | None:
    if waarde is None:
        return ontbreekt
    if waarde <= 0:
        return niet_positief
    return None


def _cofinanciering_velden(soort: str, bedrag, uren, uurtarief) -> tuple[dict, dict[str, str]]:
    """The value fields that fit the kind of pledge, and what is wrong with them. Values
    of the other kind are dropped, so a form that still carries them cannot break the
    database constraint."""
    if soort == Cofinancieringsoort.UREN:
        fouten = {
            veld: fout
            for veld, fout in (
                (
                    "uren",
                    _positief(
                        uren,
                        ontbreekt=_("Vul het aantal uren in."),
                        niet_positief=_("Het aantal uren moet groter zijn dan 0."),
                    ),
                ),
                (
                    "uurtarief",
                    _positief(
                        uurtarief,
                        ontbreekt=_("Vul het uurtarief in; uren zonder tarief hebben geen waarde."),
                        niet_positief=_("Het uurtarief moet groter zijn dan 0."),
                    ),
                ),
            )
            if fout
        }
        return {"bedrag": None, "uren": uren, "uurtarief": uurtarief}, fouten
    fout = _positief(
        bedrag,
        ontbreekt=_("Vul een bedrag groter dan 0 in."),
        niet_positief=_("Vul een bedrag groter dan 0 in."),
    )
    return {"bedrag": bedrag, "uren": None, "uurtarief": None}, ({"bedrag": fout} if fout else {})


def _gegevens_cofinanciering(c: Cofinanciering) -> dict:
    return {
        "partner": c.organisatie.naam,
        "schooljaar": c.schooljaar_label,
        "soort": c.soort,
        "omschrijving": c.omschrijving,
        "bedrag": None if c.bedrag is None else str(c.bedrag),
        "uren": None if c.uren is None else str(c.uren),
        "uurtarief": None if c.uurtarief is None else str(c.uurtarief),
        "waarde": str(c.waarde),
    }


def _eigen_rij(model, rij, regio: Regio):
    """The stored row of ``rij``, locked; refused when it belongs to another region."""
    if rij.regio_id != regio.pk:
        raise PermissionDenied
    try:
        return model.objects.select_for_update().get(pk=rij.pk, regio=regio)
    except model.DoesNotExist:
        raise ValidationError(
            _("Deze %(wat)s bestaat niet meer; iemand anders heeft die verwijderd.")
            % {"wat": model._meta.verbose_name},
            code="verdwenen",
        ) from None


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
    """Add a pledge, or change ``cofinanciering``. Every problem with the input is reported
    at once, per field; nothing is written unless all of it is right."""
    with dossier_wijziging(regio=regio, door=door, versie=versie) as vergrendeld:
        waarden, waardefouten = _cofinanciering_velden(soort, bedrag, uren, uurtarief)
        fouten = {
            **_fouten_partner(vergrendeld, organisatie),
            **_fouten_schooljaar(vergrendeld, schooljaar),
            **waardefouten,
        }
        if fouten:
            raise ValidationError(fouten)
        nieuw = cofinanciering is None
        if nieuw:
            rij = Cofinanciering(regio=vergrendeld)
            van = None
        else:
            # Work on the stored row, not the caller's copy: a refusal then leaves the
            # caller's object as it was, and the audit event records what was stored.
            rij = _eigen_rij(Cofinanciering, cofinanciering, vergrendeld)
            van = _gegevens_cofinanciering(rij)
        rij.organisatie = organisatie
        rij.schooljaar = schooljaar
        rij.soort = soort
        rij.omschrijving = omschrijving.strip()
        for veld, waarde in waarden.items():
            setattr(rij, veld, waarde)
        rij.full_clean()
        rij.save()
        # Read back what the database stored (its rounding), for the audit and the caller.
        rij.refresh_from_db()
        leg_vast(
            actie=Actie.COFINANCIERING_TOEGEVOEGD if nieuw else Actie.COFINANCIERING_GEWIJZIGD,
            omschrijving=_("Cofinanciering van %(partner)s (%(jaar)s): %(waarde)s.")
            % {
                "partner": organisatie.naam,
                "jaar": rij.schooljaar_label,
                "waarde": euro(rij.waarde),
            },
            door=door,
            onderwerp=rij,
            regio=vergrendeld,
            gegevens={"van": van, "naar": _gegevens_cofinanciering(rij)},
        )
    return rij


def verwijder_cofinanciering(*, cofinanciering: Cofinanciering, door, versie: int | None = None):
    """Remove a pledge; the audit event keeps what it was."""
    with dossier_wijziging(regio=cofinanciering.regio, door=door, versie=versie) as regio:
        rij = _eigen_rij(Cofinanciering, cofinanciering, regio)
        leg_vast(
            actie=Actie.COFINANCIERING_VERWIJDERD,
            omschrijving=_("Cofinanciering van %(partner)s (%(jaar)s) verwijderd.")
            % {"partner": rij.organisatie.naam, "jaar": rij.schooljaar_label},
            door=door,
            onderwerp=rij,
            regio=regio,
            gegevens={"van": _gegevens_cofinanciering(rij), "waarde": str(rij.waarde)},
        )
        rij.delete()


def _gegevens_begrotingsregel(r: Begrotingsregel) -> dict:
    return {
        "schooljaar": r.schooljaar_label,
        "kostensoort": r.kostensoort,
        "omschrijving": r.omschrijving,
        "bedrag": str(r.bedrag),
    }


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
        fouten = _fouten_schooljaar(vergrendeld, schooljaar)
        fout = _positief(
            bedrag,
            ontbreekt=_("Vul een bedrag groter dan 0 in."),
            niet_positief=_("Vul een bedrag groter dan 0 in."),
        )
        if fout:
            fouten["bedrag"] = fout
        if fouten:
            raise ValidationError(fouten)
        nieuw = regel is None
        if nieuw:
            rij = Begrotingsregel(regio=vergrendeld)
            van = None
        else:
            rij = _eigen_rij(Begrotingsregel, regel, vergrendeld)
            van = _gegevens_begrotingsregel(rij)
        rij.schooljaar = schooljaar
        rij.kostensoort = kostensoort
        rij.omschrijving = omschrijving.strip()
        rij.bedrag = bedrag
        rij.full_clean()
        rij.save()
        # Read back what the database stored (its rounding), for the audit and the caller.
        rij.refresh_from_db()
        leg_vast(
            actie=Actie.BEGROTING_TOEGEVOEGD if nieuw else Actie.BEGROTING_GEWIJZIGD,
            omschrijving=_("Begrotingsregel %(jaar)s %(soort)s: %(bedrag)s.")
            % {
                "jaar": rij.schooljaar_label,
                "soort": rij.get_kostensoort_display(),
                "bedrag": euro(rij.bedrag),
            },
            door=door,
            onderwerp=rij,
            regio=vergrendeld,
            gegevens={"van": van, "naar": _gegevens_begrotingsregel(rij)},
        )
    return rij


def verwijder_begrotingsregel(*, regel: Begrotingsregel, door, versie: int | None = None):
    """Remove a budget line; the audit event keeps what it was."""
    with dossier_wijziging(regio=regel.regio, door=door, versie=versie) as regio:
        rij = _eigen_rij(Begrotingsregel, regel, regio)
        leg_vast(
            actie=Actie.BEGROTING_VERWIJDERD,
            omschrijving=_("Begrotingsregel %(jaar)s %(soort)s verwijderd.")
            % {"jaar": rij.schooljaar_label, "soort": rij.get_kostensoort_display()},
            door=door,
            onderwerp=rij,
            regio=regio,
            gegevens={"van": _gegevens_begrotingsregel(rij), "bedrag": str(rij.bedrag)},
        )
        rij.delete()
