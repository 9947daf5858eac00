"""Building the demo: find what exists by its natural key, create the rest through the
services, and report what was made and which logins there are.

All of it runs in one transaction, so a failure halfway leaves the database as it was.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_UP, Decimal
from itertools import zip_longest

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ecosysteem.account import tweestaps
from ecosysteem.models import Gebruiker
from ecosysteem.rechten import mag
from ecosysteem.rollen import BEOORDELAARS
from kompas.models import Kompaspunt
from kompas.scan import VRAAGCODES
from kompas.services_activiteiten import sla_activiteit_op
from kompas.services_scan import beantwoord_scan, open_scanronde, sluit_scanronde
from partners import services as partnerdiensten
from partners.models import Gemeente, Organisatie, Persoon, Provincie, Vestiging
from regios import services
from regios.models import (
    LOPENDE_DEELNAME,
    Bestuursorgaan,
    Deelname,
    Regio,
    Rol,
    Rolsoort,
    Tijdvak,
)
from regios.services.convenant import onderteken, sla_convenant_op, standaard_einddatum
from subsidie.dossier import laad_dossier
from subsidie.services import sla_begrotingsregel_op, sla_cofinanciering_op

from .gegevens import (
    ACTIVITEITEN,
    BEGROTINGSREGELS,
    BEOORDEELDE_REGIOS,
    CONVENANTEN,
    E_MAILDOMEIN,
    FINANCIEN,
    MINISTERIE,
    REGIOS,
    SCANRONDES,
    TIJDVAK,
    TOEZEGGINGEN,
    Demoregio,
    Mens,
    Scholenkeuze,
)
from .voortgang import beoordeel_demo


def wachtwoord(basis: str, gebruikersnaam: str) -> str:
    """A demo account's password: the base plus a short code derived from the user name.

    Stable for a given base, different per account, and printable next to the user name."""
    code = hmac.new(basis.encode(), gebruikersnaam.encode(), hashlib.sha256).digest()
    return f"{basis}-{base64.b32encode(code)[:6].decode().lower()}"


def tweede_factor(basis: str, gebruikersnaam: str) -> tuple[str, list[str]]:
    """A ministry demo account's authenticator key (hex, as django-otp stores it) and its
    backup codes: derived like the password, so every run prints the same ones."""

    def afgeleid(doel: str, lengte: int) -> bytes:
        return hmac.new(
            basis.encode(), f"{doel}:{gebruikersnaam}".encode(), hashlib.sha256
        ).digest()[:lengte]

    sleutel = afgeleid("totp", 20).hex()
    codes = [base64.b32encode(afgeleid(f"reserve-{i}", 5)).decode().lower() for i in range(3)]
    return sleutel, codes


@dataclass(frozen=True)
class Tweestaps:
    gebruikersnaam: str
    sleutel: str  # as typed into an app: base32 in groups of four
    reservecodes: list[str]


@dataclass(frozen=True)
class Account:
    gebruikersnaam: str
    rol: str
    regio: str
    wachtwoord: str
    nieuw: bool


@dataclass(frozen=True)
class Regiooverzicht:
    naam: str
    tijdvak: str
    penvoerder: str
    po: int
    vo: int
    niet_tellend: int
    organisaties: int
    organen: int
    rollen: int


@dataclass
class Verslag:
    aangemaakt: Counter = field(default_factory=Counter)
    regios: list[Regiooverzicht] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
    tweestaps: list[Tweestaps] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)
    wachtwoorden_hersteld: int = 0

    @property
    def niets_gewijzigd(self) -> bool:
        return not self.aangemaakt and not self.wachtwoorden_hersteld


def e_mailadres(mens: Mens, regio: Demoregio) -> str:
    naam = slugify(" ".join(d for d in (mens.voornaam, mens.tussenvoegsel, mens.achternaam) if d))
    return f"{naam.replace('-', '.')}@{regio.slug}.{E_MAILDOMEIN}"


def om_de_beurt(vestigingen: QuerySet[Vestiging], aantal: int) -> list[Vestiging]:
    """``aantal`` branches, taking turns over the municipalities (in name order), each in
    vestigingscode order, so a large town does not crowd out the villages."""
    per_gemeente: dict[int, list[Vestiging]] = {}
    for vestiging in vestigingen.order_by("gemeente__naam_register", "vestigingscode"):
        per_gemeente.setdefault(vestiging.gemeente_id, []).append(vestiging)
    volgorde = [v for ronde in zip_longest(*per_gemeente.values()) for v in ronde if v]
    return volgorde[:aantal]


def kies_vestigingen(
    *, regio: Regio, gemeenten: list[Gemeente], keuze: Scholenkeuze
) -> list[Vestiging]:
    """The register branches the demo puts in ``regio``: counting po and vo branches and a
    few that do not count, never one that takes part elsewhere in the same period."""
    elders = Deelname.objects.filter(
        LOPENDE_DEELNAME, tijdvak=regio.tijdvak_id, vestiging__isnull=False
    ).exclude(regio=regio)
    basis = Vestiging.objects.filter(gemeente__in=gemeenten, in_register=True).exclude(
        pk__in=elders.values("vestiging")
    )
    po = om_de_beurt(basis.filter(sector="po", telt_mee=True), keuze.po)
    vo_alle = basis.filter(sector="vo", schoolsoort="vo", telt_mee=True)
    voorkeur = Q(pk__in=[])
    for stukje in keuze.vo_eerst:
        voorkeur |= Q(naam__icontains=stukje) | Q(onderwijstype__icontains=stukje)
    vo = om_de_beurt(vo_alle.filter(voorkeur), keuze.vo)
    vo += om_de_beurt(vo_alle.exclude(voorkeur), keuze.vo - len(vo))
    niet_tellend = om_de_beurt(basis.filter(sector="vo", telt_mee=False), keuze.vbo)
    return po + vo + niet_tellend


class Bouwer:
    def __init__(self, *, basis: str, herstel_wachtwoorden: bool) -> None:
        self.basis = basis
        self.herstel_wachtwoorden = herstel_wachtwoorden
        self.verslag = Verslag()
        self.nieuwe_gebruikers: set[str] = set()
        self.tijdvak = Tijdvak.objects.get(code=TIJDVAK)

    def teken(self, soort: str) -> None:
        self.verslag.aangemaakt[soort] += 1

    def bouw(self) -> Verslag:
        for definitie in REGIOS:
            self.bouw_regio(definitie)
        for account in MINISTERIE:
            self.ministerie(account)
        self.beoordelingen()
        return self.verslag

    def beoordelingen(self) -> None:
        login = next(a.login for a in MINISTERIE if a.groep == BEOORDELAARS)
        beoordelaar = Gebruiker.objects.get(username=login)
        for regio in Regio.objects.filter(slug__in=BEOORDEELDE_REGIOS, tijdvak=self.tijdvak):
            programmamanager = (
                Gebruiker.objects.filter(
                    persoon__rollen__regio=regio,
                    persoon__rollen__soort=Rolsoort.PROGRAMMAMANAGER,
                )
                .order_by("pk")
                .first()
            )
            self.verslag.waarschuwingen += beoordeel_demo(
                regio=regio, programmamanager=programmamanager, beoordelaar=beoordelaar
            )

    # --- one region ---

    def bouw_regio(self, definitie: Demoregio) -> None:
        provincies = list(Provincie.objects.filter(naam__in=definitie.provincies))
        if definitie.gemeenten:
            gemeenten = list(Gemeente.objects.filter(naam_register__in=definitie.gemeenten))
            ontbrekend = set(definitie.gemeenten) - {g.naam_register for g in gemeenten}
            if ontbrekend:
                self.verslag.waarschuwingen.append(
                    _("%(regio)s: gemeenten niet in het register: %(namen)s.")
                    % {"regio": definitie.naam, "namen": ", ".join(sorted(ontbrekend))}
                )
        else:
            gemeenten = list(Gemeente.objects.filter(provincie__in=provincies))
        gemeente_per_naam = {g.naam_register: g for g in gemeenten}

        regio = Regio.objects.filter(slug=definitie.slug).first()
        if regio is None:
            regio = services.maak_regio(
                tijdvak=self.tijdvak,
                naam=definitie.naam,
                slug=definitie.slug,
                door=None,
                provincies=provincies,
                gemeenten=gemeenten,
                sto_relatie=definitie.sto_relatie,
                sto_regio_naam=definitie.sto_regio_naam,
                sto_toelichting=definitie.sto_toelichting,
                visie=definitie.visie,
            )
            self.teken("regio")

        organisaties = self.partners(regio, definitie, gemeente_per_naam)
        self.scholen(regio, definitie, gemeenten)
        organen = self.organen(regio, definitie)
        self.mensen(regio, definitie, organisaties, organen)
        self.financien(regio, definitie)
        # The agreement and scan services check that the writer is the programme manager,
        # and the audit trail then names a person; so the demo writes as that person.
        programmamanager = (
            Gebruiker.objects.filter(
                persoon__rollen__regio=regio, persoon__rollen__soort=Rolsoort.PROGRAMMAMANAGER
            )
            .order_by("pk")
            .first()
        )
        if programmamanager is None:
            self.verslag.waarschuwingen.append(
                _(
                    "%(regio)s: geen programmamanager met een account; geen activiteiten, "
                    "convenant of scan aangemaakt."
                )
                % {"regio": definitie.naam}
            )
        else:
            self.activiteiten(regio, definitie, organisaties, programmamanager)
            self.convenanten(regio, definitie, organisaties, programmamanager)
            self.scan(regio, definitie, programmamanager)
        self.verslag.regios.append(overzicht(regio))

    def partners(self, regio, definitie, gemeente_per_naam) -> dict[str, Organisatie]:
        organisaties = {}
        deelnemend = set(
            Deelname.objects.filter(regio=regio, organisatie__isnull=False).values_list(
                "organisatie_id", flat=True
            )
        )
        heeft_penvoerder = Deelname.objects.filter(regio=regio, is_penvoerder=True).exists()
        for partner in definitie.partners:
            if partner.kvk:
                organisatie = Organisatie.objects.filter(kvk_nummer=partner.kvk).first()
            else:
                organisatie = Organisatie.objects.filter(
                    naam=partner.naam, soort=partner.soort
                ).first()
            if organisatie is None:
                organisatie = partnerdiensten.maak_organisatie(
                    naam=partner.naam,
                    soort=partner.soort,
                    kvk_nummer=partner.kvk,
                    plaats=partner.plaats,
                    gemeente=gemeente_per_naam.get(partner.gemeente),
                    omschrijving=partner.omschrijving,
                    door=None,
                )
                self.teken("organisatie")
            organisaties[partner.sleutel] = organisatie
            if organisatie.pk in deelnemend:
                continue
            # Once a region has a penvoerder the demo leaves it: someone may have moved it.
            penvoerder = partner.penvoerder and not heeft_penvoerder
            services.voeg_organisatie_toe(
                regio=regio, organisatie=organisatie, is_penvoerder=penvoerder, door=None
            )
            heeft_penvoerder = heeft_penvoerder or penvoerder
            self.teken("deelname_organisatie")
        return organisaties

    def scholen(self, regio, definitie, gemeenten) -> None:
        aanwezig = set(
            Deelname.objects.filter(regio=regio, vestiging__isnull=False).values_list(
                "vestiging_id", flat=True
            )
        )
        for vestiging in kies_vestigingen(
            regio=regio, gemeenten=gemeenten, keuze=definitie.scholen
        ):
            if vestiging.pk in aanwezig:
                continue
            services.voeg_vestiging_toe(regio=regio, vestiging=vestiging, door=None)
            self.teken("deelname_vestiging")

    def organen(self, regio, definitie) -> dict[str, Bestuursorgaan]:
        bestaand = {o.naam: o for o in regio.organen.all()}
        for orgaan in definitie.organen:
            if orgaan.naam not in bestaand:
                bestaand[orgaan.naam] = services.maak_orgaan(
                    regio=regio, soort=orgaan.soort, naam=orgaan.naam, taak=orgaan.taak, door=None
                )
                self.teken("bestuursorgaan")
        return bestaand

    def mensen(self, regio, definitie, organisaties, organen) -> None:
        for mens in definitie.mensen:
            persoon = self.persoon(mens, definitie, organisaties[mens.partner])
            for keuze in mens.rollen:
                orgaan = organen[keuze.orgaan] if keuze.orgaan else None
                if Rol.objects.filter(
                    regio=regio, persoon=persoon, soort=keuze.soort, orgaan=orgaan
                ).exists():
                    continue
                services.ken_rol_toe(
                    regio=regio,
                    persoon=persoon,
                    soort=keuze.soort,
                    orgaan=orgaan,
                    namens=organisaties[keuze.namens] if keuze.namens else None,
                    door=None,
                )
                self.teken("rol")
            if mens.login:
                self.account(mens.login, mens.loginrol, definitie.naam)

    def persoon(self, mens: Mens, definitie: Demoregio, organisatie: Organisatie) -> Persoon:
        email = e_mailadres(mens, definitie)
        persoon = Persoon.objects.filter(email__iexact=email).first()
        if persoon is not None:
            return persoon
        gebruiker = Gebruiker.objects.filter(username=mens.login).first() if mens.login else None
        nieuw_account = mens.login if gebruiker is None else ""
        if gebruiker is not None and Persoon.objects.filter(gebruiker=gebruiker).exists():
            # The account is someone else's now; leave it alone rather than take it over.
            self.verslag.waarschuwingen.append(
                _("Account %(naam)s hoort al bij een andere persoon; niet gekoppeld.")
                % {"naam": mens.login}
            )
            gebruiker = None
        persoon = partnerdiensten.maak_persoon(
            voornaam=mens.voornaam,
            tussenvoegsel=mens.tussenvoegsel,
            achternaam=mens.achternaam,
            email=email,
            functie=mens.functie,
            organisatie=organisatie,
            gebruiker=gebruiker,
            gebruikersnaam=nieuw_account,
            wachtwoord=wachtwoord(self.basis, nieuw_account) if nieuw_account else None,
            door=None,
        )
        self.teken("persoon")
        if nieuw_account:
            self.teken("gebruiker")
            self.nieuwe_gebruikers.add(nieuw_account)
        return persoon

    # --- accounts ---

    def ministerie(self, account) -> None:
        if not Gebruiker.objects.filter(username=account.login).exists():
            partnerdiensten.maak_gebruiker(
                gebruikersnaam=account.login,
                email=f"{account.login}@ministerie.{E_MAILDOMEIN}",
                voornaam=account.voornaam,
                achternaam=account.achternaam,
                wachtwoord=wachtwoord(self.basis, account.login),
                groepen=[account.groep],
                is_staff=account.beheerder,
                is_superuser=account.beheerder,
                door=None,
            )
            self.teken("gebruiker")
            self.nieuwe_gebruikers.add(account.login)
        self.account(account.login, account.rol, _("alle regio's"))
        self.tweede_factor(account.login)

    def tweede_factor(self, gebruikersnaam: str) -> None:
        """Ministry staff log in with a second factor: the demo gives each account an app
        key and backup codes it prints. Once set up they stay (a used backup code is gone)
        until ``--herstel-wachtwoorden``."""
        gebruiker = Gebruiker.objects.get(username=gebruikersnaam)
        sleutel, codes = tweede_factor(self.basis, gebruikersnaam)
        heeft_app = TOTPDevice.objects.filter(user=gebruiker, confirmed=True).exists()
        zoals_gedrukt = TOTPDevice.objects.filter(user=gebruiker, key=sleutel).exists() and set(
            StaticToken.objects.filter(device__user=gebruiker).values_list("token", flat=True)
        ) == set(codes)
        if not heeft_app or (self.herstel_wachtwoorden and not zoals_gedrukt):
            tweestaps.stel_app_in(
                gebruiker=gebruiker, sleutel=sleutel, door=None, reservecodes=codes
            )
            if not heeft_app:
                self.teken("tweestaps")
        self.verslag.tweestaps.append(
            Tweestaps(gebruikersnaam, tweestaps.sleutel_als_tekst(sleutel), codes)
        )

    def account(self, gebruikersnaam: str, rol: str, regio: str) -> None:
        nieuw = gebruikersnaam in self.nieuwe_gebruikers
        geheim = wachtwoord(self.basis, gebruikersnaam)
        if self.herstel_wachtwoorden and not nieuw:
            gebruiker = Gebruiker.objects.get(username=gebruikersnaam)
            gebruiker.set_password(geheim)
            gebruiker.save(update_fields=["password"])
            self.verslag.wachtwoorden_hersteld += 1
        self.verslag.accounts.append(Account(gebruikersnaam, rol, regio, geheim, nieuw))

    def financien(self, regio: Regio, definitie: Demoregio) -> None:
        """Pledges, budget lines and stated pupil counts, once: a region that has any
        pledge or budget line already is left as it is."""
        plan = FINANCIEN.get(definitie.slug)
        if plan is None or regio.cofinancieringen.exists() or regio.begrotingsregels.exists():
            return
        dossier = laad_dossier(regio)
        if plan.leerlingen_opgeven:
            for deelname in dossier.vestigingdeelnames:
                uitkomst = dossier.uitkomst_per_code[deelname.vestiging.vestigingscode]
                register = deelname.vestiging.leerlingen
                if not uitkomst.telt_mee or not (uitkomst.opgave_nodig or register is None):
                    continue
                if register is None:
                    # The register has no count; the school reports its own.
                    aantal, uitleg = 120, "Opgave van de school; het register geeft geen aantal."
                else:
                    # Roughly the mavo share of a vbo/mavo school; a programme manager
                    # would take this from the school's own records.
                    aantal = register * 55 // 100
                    uitleg = "Leerlingen in de mavo-leerweg volgens de school."
                services.wijzig_deelname(
                    deelname=deelname,
                    door=None,
                    opgegeven_leerlingen=aantal,
                    leerlingen_toelichting=uitleg,
                )
                self.teken("leerlingopgave")
            dossier = laad_dossier(regio)
        subsidie = dossier.berekening.totaal
        jaren = list(
            range(
                regio.tijdvak.eerste_schooljaar,
                regio.tijdvak.eerste_schooljaar + regio.tijdvak.aantal_schooljaren,
            )
        )
        gevers = [
            d.organisatie
            for d in dossier.organisatiedeelnames
            if d.organisatie.soort in TOEZEGGINGEN
        ]
        toegezegd = Decimal("0")
        if gevers and Decimal(plan.cofinanciering) > 0:
            per_toezegging = (
                subsidie * Decimal(plan.cofinanciering) / (len(gevers) * len(jaren))
            ).quantize(Decimal("1"), rounding=ROUND_UP)
            for organisatie in gevers:
                soort, omschrijving = TOEZEGGINGEN[organisatie.soort]
                for jaar in jaren:
                    velden = (
                        {
                            "uren": (per_toezegging / 75).quantize(Decimal("1"), rounding=ROUND_UP),
                            "uurtarief": Decimal("75"),
                        }
                        if soort == "uren"
                        else {"bedrag": per_toezegging}
                    )
                    pledge = sla_cofinanciering_op(
                        regio=regio,
                        door=None,
                        organisatie=organisatie,
                        schooljaar=jaar,
                        soort=soort,
                        omschrijving=omschrijving,
                        **velden,
                    )
                    toegezegd += pledge.waarde
                    self.teken("cofinanciering")
        if Decimal(plan.begroting) > 0:
            per_jaar = (subsidie + toegezegd) * Decimal(plan.begroting) / len(jaren)
            for jaar in jaren:
                for kostensoort, omschrijving, aandeel in BEGROTINGSREGELS:
                    sla_begrotingsregel_op(
                        regio=regio,
                        door=None,
                        schooljaar=jaar,
                        kostensoort=kostensoort,
                        omschrijving=omschrijving,
                        bedrag=(per_jaar * Decimal(aandeel)).quantize(Decimal("1")),
                    )
                    self.teken("begrotingsregel")

    def activiteiten(self, regio, definitie, organisaties, door) -> None:
        """The activity plan, once: a region with any activity is left as it is."""
        plan = ACTIVITEITEN.get(definitie.slug, ())
        if not plan or regio.activiteiten.exists():
            return
        if not regio.is_bewerkbaar:
            # A submitted dossier is frozen; the demo does not reopen it.
            self.verslag.waarschuwingen.append(
                _("%(regio)s: het dossier is ingediend; geen activiteiten toegevoegd.")
                % {"regio": definitie.naam}
            )
            return
        kompaspunten = {p.slug: p for p in Kompaspunt.objects.all()}
        eerste = regio.tijdvak.eerste_schooljaar
        for activiteit in plan:
            jaren = [eerste + j for j in activiteit.jaren]
            regels = (
                list(
                    regio.begrotingsregels.filter(
                        kostensoort__in=activiteit.kostensoorten, schooljaar__in=jaren
                    )
                )
                if activiteit.kostensoorten
                else []
            )
            sla_activiteit_op(
                regio=regio,
                door=door,
                titel=activiteit.titel,
                beschrijving=activiteit.beschrijving,
                kompaspunten=[kompaspunten[slug] for slug in activiteit.kompaspunten],
                interventieniveau=activiteit.niveau,
                doelgroepen=activiteit.doelgroepen,
                partners=[organisaties[sleutel] for sleutel in activiteit.partners],
                schooljaren=jaren,
                bereik_leerlingen=activiteit.leerlingen,
                bereik_vestigingen=activiteit.vestigingen,
                begrotingsregels=regels,
            )
            self.teken("activiteit")

    def convenanten(self, regio, definitie, organisaties, door) -> None:
        """Each agreement once, found by its title; it is signed only when it is made, so
        a signature someone removed stays removed."""
        vandaag = timezone.localdate()
        bestaand = {t.lower() for t in regio.convenanten.values_list("titel", flat=True)}
        for plan in CONVENANTEN.get(definitie.slug, ()):
            if plan.titel.lower() in bestaand:
                continue
            if plan.ingangsdatum is not None:
                ingang = plan.ingangsdatum
                einde = standaard_einddatum(ingang)
            else:
                # Relative to the first run, so the "ends soon" case is visible whenever
                # the demo is built; later runs find it by title and leave it.
                einde = vandaag + datetime.timedelta(days=plan.dagen_tot_einde)
                ingang = twee_jaar_eerder(einde)
            convenant = sla_convenant_op(
                regio=regio, door=door, titel=plan.titel, ingangsdatum=ingang, einddatum=einde
            )
            self.teken("convenant")
            for volgnummer, handtekening in enumerate(plan.handtekeningen):
                # Signed in the weeks before the start, one partner after the other; never
                # in the future, which the service refuses.
                datum = min(ingang - datetime.timedelta(days=60 - 9 * volgnummer), vandaag, einde)
                onderteken(
                    convenant=convenant,
                    door=door,
                    organisatie=organisaties[handtekening.partner],
                    ondertekenaar=handtekening.naam,
                    functie=handtekening.functie,
                    datum=datum,
                )
                self.teken("ondertekening")

    def scan(self, regio, definitie, door) -> None:
        """The scan rounds, once: a region with any round is left as it is."""
        rondes = SCANRONDES.get(definitie.slug, ())
        if not rondes or regio.scanrondes.exists():
            return
        for plan in rondes:
            ronde = open_scanronde(
                regio=regio, naam=plan.naam, toelichting=plan.toelichting, door=door
            )
            self.teken("scanronde")
            for antwoord in plan.antwoorden:
                gebruiker = Gebruiker.objects.filter(username=antwoord.login).first()
                if gebruiker is None or not mag("kompas.scan_invullen", gebruiker, regio):
                    self.verslag.waarschuwingen.append(
                        _("%(regio)s: %(naam)s heeft geen rol in de regio; scan niet ingevuld.")
                        % {"regio": definitie.naam, "naam": antwoord.login}
                    )
                    continue
                beantwoord_scan(
                    ronde=ronde,
                    door=gebruiker,
                    scores=dict(zip(VRAAGCODES, antwoord.scores, strict=True)),
                    toelichtingen=dict(antwoord.toelichtingen),
                )
                self.teken("scaninzending")
            if plan.gesloten:
                sluit_scanronde(ronde=ronde, door=door)


def twee_jaar_eerder(datum: datetime.date) -> datetime.date:
    """Two years before ``datum`` (29 February becomes 28 February)."""
    try:
        return datum.replace(year=datum.year - 2)
    except ValueError:
        return datum.replace(year=datum.year - 2, day=28)


def overzicht(regio: Regio) -> Regiooverzicht:
    lopend = regio.deelnames.filter(LOPENDE_DEELNAME)
    penvoerder = lopend.filter(is_penvoerder=True).select_related("organisatie").first()
    return Regiooverzicht(
        naam=regio.naam,
        tijdvak=regio.tijdvak.naam,
        penvoerder=penvoerder.organisatie.naam if penvoerder else "–",
        po=lopend.filter(vestiging__sector="po", vestiging__telt_mee=True).count(),
        vo=lopend.filter(vestiging__sector="vo", vestiging__telt_mee=True).count(),
        niet_tellend=lopend.filter(vestiging__telt_mee=False).count(),
        organisaties=lopend.filter(organisatie__isnull=False).count(),
        organen=regio.organen.count(),
        rollen=regio.rollen.count(),
    )


@transaction.atomic
def bouw_demo(*, basis: str, herstel_wachtwoorden: bool = False) -> Verslag:
    """Build (or complete) the five demo regions and the ministry's accounts."""
    return Bouwer(basis=basis, herstel_wachtwoorden=herstel_wachtwoorden).bouw()
