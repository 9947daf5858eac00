"""What the portal holds about one person, for "Mijn gegevens" and its download (AVG art.
15 and 20), and how that person is recognised in the portal's texts (for erasure).

Here, in the top layer, because a person's data is spread over every app: the account
(ecosysteem), contact records and registrations (partners), roles and signatures (regios),
scan answers (kompas) and the pledges of their organisations (subsidie). The reads are a
fixed number of queries, however much there is.

Nothing of another person goes into the overview: the audit events the person did are
listed with their action, time and region, and their descriptions (download only) have
other people's names and addresses masked.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem.models import Gebeurtenis, Gebruiker, Verwijderverzoek
from ecosysteem.pseudoniem import schone_kenmerken, vervang
from kompas.models import Scaninzending
from partners.models import Aanmelding, Koppelverzoek, Persoon
from regios.models import Ondertekening, Rol, Rolsoort
from regios.selectors import erkende_contactrol

from .models import Cofinanciering

# What stands in the download where an audit text named somebody else.
IEMAND_ANDERS = "[iemand anders]"
# The page lists this many of the person's most recent audit events; the download all.
GEBEURTENISSEN_OP_PAGINA = 50


@dataclass
class Betrokkene:
    """The person the data is about: an account, a contact record, or both."""

    gebruiker: Gebruiker | None
    persoon: Persoon | None

    @classmethod
    def van(cls, *, gebruiker: Gebruiker | None = None, persoon: Persoon | None = None):
        if persoon is None and gebruiker is not None:
            persoon = (
                Persoon.objects.filter(gebruiker=gebruiker).select_related("organisatie").first()
            )
        if gebruiker is None and persoon is not None and persoon.gebruiker_id:
            gebruiker = persoon.gebruiker
        return cls(gebruiker=gebruiker, persoon=persoon)

    @property
    def adressen(self) -> set[str]:
        adressen = set()
        if self.gebruiker is not None and self.gebruiker.email:
            adressen.add(self.gebruiker.email.lower())
        if self.persoon is not None and self.persoon.email:
            adressen.add(self.persoon.email.lower())
        return adressen

    def aanmeldingen(self):
        """Registrations made with one of the person's addresses."""
        voorwaarde = Q()
        for adres in self.adressen:
            voorwaarde |= Q(email__iexact=adres)
        if not voorwaarde:
            return Aanmelding.objects.none()
        return Aanmelding.objects.filter(voorwaarde)

    def namen(self) -> set[str]:
        namen = set()
        if self.gebruiker is not None:
            namen.add(self.gebruiker.get_full_name())
        if self.persoon is not None:
            namen.add(self.persoon.volledige_naam)
        return {n for n in namen if n.strip()}

    def kenmerken(self, aanmeldingen: list[Aanmelding] | None = None) -> list[str]:
        """Every string that identifies the person in the portal's texts: names, e-mail
        addresses, login name and phone numbers, also as given in registrations."""
        waarden = [*self.namen(), *self.adressen]
        if self.gebruiker is not None:
            waarden.append(self.gebruiker.username)
        if self.persoon is not None:
            waarden.append(self.persoon.telefoon)
        for aanmelding in aanmeldingen if aanmeldingen is not None else self.aanmeldingen():
            waarden += [aanmelding.contactnaam, aanmelding.email, aanmelding.telefoon]
        # A phone number must be long enough not to match an ordinary number in a text.
        return [
            k for k in schone_kenmerken(waarden) if not k.replace(" ", "").isdigit() or len(k) >= 6
        ]


def _datum(waarde) -> str | None:
    if waarde is None:
        return None
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde).isoformat(timespec="seconds")
    return waarde.isoformat()


@dataclass
class Persoonsgegevens:
    """Everything of one person, as lists of plain dicts (Dutch keys), ready for the page
    and for JSON."""

    account: dict[str, Any] | None = None
    contactpersoon: dict[str, Any] | None = None
    rollen: list[dict] = field(default_factory=list)
    aanmeldingen: list[dict] = field(default_factory=list)
    toezeggingen: list[dict] = field(default_factory=list)
    koppelverzoeken: list[dict] = field(default_factory=list)
    scans: list[dict] = field(default_factory=list)
    ondertekeningen: list[dict] = field(default_factory=list)
    verwijderverzoeken: list[dict] = field(default_factory=list)
    gebeurtenissen: list[dict] = field(default_factory=list)
    aantal_gebeurtenissen: int = 0

    def als_json(self) -> dict[str, Any]:
        return {
            "toelichting": _(
                "Uw persoonsgegevens in het Regioportaal Techkwadraat. Omschrijvingen in de "
                "audittrail kunnen namen van anderen bevatten; die zijn vervangen door "
                "%(anders)s."
            )
            % {"anders": IEMAND_ANDERS},
            "gemaakt_op": _datum(timezone.now()),
            "account": self.account,
            "contactpersoon": self.contactpersoon,
            "rollen": self.rollen,
            "aanmeldingen": self.aanmeldingen,
            "toezeggingen": self.toezeggingen,
            "verzoeken_om_namens_een_organisatie_op_te_treden": self.koppelverzoeken,
            "samenwerkingsscans": self.scans,
            "ondertekeningen": self.ondertekeningen,
            "verzoeken_om_wissen": self.verwijderverzoeken,
            "audittrail": self.gebeurtenissen,
        }


def _account(gebruiker: Gebruiker) -> dict[str, Any]:
    return {
        "gebruikersnaam": gebruiker.username,
        "voornaam": gebruiker.first_name,
        "achternaam": gebruiker.last_name,
        "email": gebruiker.email,
        "aangemaakt_op": _datum(gebruiker.date_joined),
        "laatst_ingelogd": _datum(gebruiker.last_login),
        "actief": gebruiker.is_active,
        "beheerder": gebruiker.is_superuser,
        "groepen": sorted(g.name for g in gebruiker.groups.all()),
    }


def _contactpersoon(persoon: Persoon) -> dict[str, Any]:
    return {
        "voornaam": persoon.voornaam,
        "tussenvoegsel": persoon.tussenvoegsel,
        "achternaam": persoon.achternaam,
        "email": persoon.email,
        "telefoon": persoon.telefoon,
        "functie": persoon.functie,
        "organisatie": persoon.organisatie.naam if persoon.organisatie else None,
    }


def _aanmelding(a: Aanmelding) -> dict[str, Any]:
    return {
        "regio": a.regio.naam,
        "organisatie": a.naam,
        "status": a.get_status_display(),
        "aangemeld_op": _datum(a.aangemaakt_op),
        "bevestigd_op": _datum(a.bevestigd_op),
        "besloten_op": _datum(a.besloten_op),
        "reden": a.reden,
        "voornaam": a.voornaam,
        "tussenvoegsel": a.tussenvoegsel,
        "achternaam": a.achternaam,
        "email": a.email,
        "telefoon": a.telefoon,
        "functie": a.functie,
        "aanbod": a.get_aanbod_display(),
        "toelichting_aanbod": a.aanbod_toelichting,
        "toezegging": {
            "soort": a.cofinanciering_soort_label if a.cofinanciering_soort else None,
            "bedrag": (a.cofinanciering_bedrag),
            "uren": (a.cofinanciering_uren),
            "uurtarief": (a.cofinanciering_uurtarief),
            "omschrijving": a.cofinanciering_omschrijving,
        },
    }


def _anderen_in(tekst: str, eigen: set[str]) -> list[str]:
    """Names and addresses of other people that occur in ``tekst`` (two queries)."""
    laag = tekst.lower()
    gevonden: set[str] = set()
    for voornaam, tussenvoegsel, achternaam, email in Persoon.objects.values_list(
        "voornaam", "tussenvoegsel", "achternaam", "email"
    ):
        naam = " ".join(d for d in (voornaam, tussenvoegsel, achternaam) if d)
        gevonden.update(w for w in (naam, email) if w and w.lower() in laag)
    for voornaam, achternaam, email, gebruikersnaam in Gebruiker.objects.values_list(
        "first_name", "last_name", "email", "username"
    ):
        naam = " ".join(d for d in (voornaam, achternaam) if d)
        gevonden.update(w for w in (naam, email, gebruikersnaam) if w and w.lower() in laag)
    return [w for w in gevonden if w.lower() not in eigen]


def persoonsgegevens(
    gebruiker: Gebruiker, *, alle_gebeurtenissen: bool = False
) -> Persoonsgegevens:
    """What the portal holds about ``gebruiker``. For the page the most recent audit
    events (``GEBEURTENISSEN_OP_PAGINA``) without their texts; for the download
    (``alle_gebeurtenissen``) all of them, with their descriptions, other people masked."""
    betrokkene = Betrokkene.van(gebruiker=gebruiker)
    persoon = betrokkene.persoon
    uitkomst = Persoonsgegevens(account=_account(gebruiker))
    if persoon is not None:
        uitkomst.contactpersoon = _contactpersoon(persoon)
        rollen = list(
            Rol.objects.filter(persoon=persoon)
            .annotate(erkend=erkende_contactrol())
            .select_related("regio", "orgaan", "namens", "persoon__organisatie")
            .order_by("regio__naam", "soort", "pk")
        )
        vandaag = timezone.localdate()
        lopend = {
            rol.pk
            for rol in rollen
            if (rol.startdatum is None or rol.startdatum <= vandaag)
            and (rol.einddatum is None or rol.einddatum >= vandaag)
        }
        uitkomst.rollen = [
            {
                "regio": rol.regio.naam,
                "rol": rol.get_soort_display(),
                "orgaan": rol.orgaan.naam if rol.orgaan else None,
                "namens": rol.namens.naam if rol.namens else None,
                "vanaf": _datum(rol.startdatum),
                "tot": _datum(rol.einddatum),
                "loopt": rol.pk in lopend,
            }
            for rol in rollen
        ]
        # The pledges of the organisations the person acts for, in the regions where they
        # do; not of an organisation whose contact has not let them in.
        paren = {
            (rol.regio_id, rol.namens_id or rol.persoon.organisatie_id)
            for rol in rollen
            if rol.soort == Rolsoort.CONTACTPERSOON and rol.erkend and rol.pk in lopend
        }
        paren = {p for p in paren if p[1] is not None}
        if paren:
            voorwaarde = Q()
            for regio_id, organisatie_id in paren:
                voorwaarde |= Q(regio_id=regio_id, organisatie_id=organisatie_id)
            uitkomst.toezeggingen = [
                {
                    "regio": t.regio.naam,
                    "organisatie": t.organisatie.naam,
                    "schooljaar": t.schooljaar_label,
                    "soort": t.get_soort_display(),
                    "omschrijving": t.omschrijving,
                    "waarde": (t.waarde),
                    "uren": (t.uren),
                    "uurtarief": (t.uurtarief),
                }
                for t in Cofinanciering.objects.filter(voorwaarde)
                .select_related("regio", "organisatie")
                .order_by("regio__naam", "organisatie__naam", "schooljaar", "pk")
            ]
        uitkomst.koppelverzoeken = [
            {
                "organisatie": v.organisatie.naam,
                "regio": v.regio.naam if v.regio else None,
                "status": v.get_status_display(),
                "gevraagd_op": _datum(v.aangemaakt_op),
                "besloten_op": _datum(v.besloten_op),
                "reden": v.reden,
            }
            for v in Koppelverzoek.objects.filter(persoon=persoon)
            .select_related("organisatie", "regio")
            .order_by("aangemaakt_op", "pk")
        ]
        uitkomst.scans = [
            {
                "regio": inzending.ronde.regio.naam,
                "ronde": inzending.ronde.naam,
                "ingevuld_op": _datum(inzending.ingediend_op),
                "soort_organisatie": inzending.organisatiesoort,
                "antwoorden": [
                    {"vraag": s.vraag, "score": s.score, "toelichting": s.toelichting}
                    for s in sorted(inzending.scores.all(), key=lambda s: s.vraag)
                ],
            }
            for inzending in Scaninzending.objects.filter(persoon=persoon)
            .select_related("ronde__regio")
            .prefetch_related("scores")
            .order_by("ingediend_op", "pk")
        ]
        namen = betrokkene.namen()
        if namen:
            naamvoorwaarde = Q()
            for naam in namen:
                naamvoorwaarde |= Q(ondertekenaar__iexact=naam)
            uitkomst.ondertekeningen = [
                {
                    "regio": o.convenant.regio.naam,
                    "convenant": o.convenant.titel,
                    "organisatie": o.organisatie.naam,
                    "ondertekend_door": o.ondertekenaar,
                    "functie": o.functie,
                    "datum": _datum(o.datum),
                }
                for o in Ondertekening.objects.filter(naamvoorwaarde)
                .select_related("convenant__regio", "organisatie")
                .order_by("datum", "pk")
            ]
    uitkomst.aanmeldingen = [
        _aanmelding(a) for a in betrokkene.aanmeldingen().select_related("regio").order_by("pk")
    ]
    uitkomst.verwijderverzoeken = [
        {
            "ingediend_op": _datum(v.ingediend_op),
            "status": v.get_status_display(),
            "toelichting": v.toelichting,
            "afgehandeld_op": _datum(v.afgehandeld_op),
            "reden": v.reden,
        }
        for v in Verwijderverzoek.objects.filter(gebruiker=gebruiker).order_by("ingediend_op")
    ]
    gedaan = Gebeurtenis.objects.filter(door=gebruiker).select_related("regio")
    if alle_gebeurtenissen:
        rijen = list(gedaan.order_by("tijdstip", "pk"))
        eigen = {k.lower() for k in betrokkene.kenmerken()}
        tekst = "\n".join(f"{g.omschrijving}\n{g.reden}" for g in rijen)
        anderen = _anderen_in(tekst, eigen) if tekst.strip() else []
        uitkomst.gebeurtenissen = [
            {
                "tijdstip": _datum(g.tijdstip),
                "actie": g.get_actie_display(),
                "regio": g.regio.naam if g.regio else None,
                "omschrijving": vervang(g.omschrijving, anderen, IEMAND_ANDERS),
                "reden": vervang(g.reden, anderen, IEMAND_ANDERS),
            }
            for g in rijen
        ]
        uitkomst.aantal_gebeurtenissen = len(rijen)
    else:
        uitkomst.aantal_gebeurtenissen = gedaan.count()
        uitkomst.gebeurtenissen = [
            {
                "tijdstip": g.tijdstip,
                "actie": g.get_actie_display(),
                "regio": g.regio.naam if g.regio else None,
            }
            for g in gedaan.order_by("-tijdstip", "-pk")[:GEBEURTENISSEN_OP_PAGINA]
        ]
    return uitkomst
