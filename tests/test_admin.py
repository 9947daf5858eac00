"""The administration at /beheer/: every page opens, lists cost a fixed number of queries,
and saves go through the services (checked, audited, refused in Dutch)."""

import datetime
import json
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecosysteem import outbox
from ecosysteem.account import tweestaps
from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis, Gebruiker, Verwijderverzoek
from ecosysteem.rollen import BEOORDELAARS, BESLUITVORMERS
from kompas.models import Activiteit, Interventieniveau, Kompaspunt
from partners.models import Koppelverzoek, Organisatiesoort, Persoon, Registerimport, Vestiging
from regios import services
from regios.models import Bestuursorgaan, Deelname, Regio, Regiostatus, Rol, Rolsoort, Tijdvak
from subsidie import services as subsidie
from subsidie.models import (
    Aanvullingsverzoek,
    Begrotingsregel,
    Beoordeling,
    Beoordelingscriterium,
    Besluit,
    Cofinanciering,
    Criteriumscore,
    Indiening,
    Regeling,
)
from tests.ecosysteem.test_kopteksten import controleer_koppen
from tests.factories import (
    BestuursorgaanFactory,
    GebruikerFactory,
    GemeenteFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    RolFactory,
    VestigingFactory,
)

pytestmark = pytest.mark.django_db

EIGEN_APPS = {"auth", "ecosysteem", "partners", "regios", "subsidie"}
GEREGISTREERD = sorted(admin.site._registry.items(), key=lambda paar: paar[0]._meta.label)


def url(model, soort: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{soort}", args=args)


@pytest.fixture
def beheerder(client):
    gebruiker = GebruikerFactory(username="beheerder", is_staff=True, is_superuser=True)
    client.force_login(gebruiker)
    return gebruiker


@pytest.fixture
def tijdvak():
    return Tijdvak.objects.get(code="tijdvak-2")


@pytest.fixture
def van_alles(beheerder, tijdvak):
    """At least one row of every registered model, made the way the portal makes them."""
    regio = RegioFactory(naam="Westerkwartier", slug="westerkwartier", tijdvak=tijdvak)
    bestuur = OrganisatieFactory(naam="Stichting Kwartier", soort=Organisatiesoort.SCHOOLBESTUUR)
    services.voeg_organisatie_toe(
        regio=regio, organisatie=bestuur, door=beheerder, is_penvoerder=True
    )
    services.voeg_vestiging_toe(regio=regio, vestiging=VestigingFactory(), door=beheerder)
    orgaan = services.maak_orgaan(
        regio=regio, soort="stuurgroep", naam="Stuurgroep", door=beheerder
    )
    services.ken_rol_toe(
        regio=regio,
        persoon=PersoonFactory(organisatie=bestuur, gebruiker=GebruikerFactory()),
        soort=Rolsoort.STUURGROEPLID,
        orgaan=orgaan,
        namens=bestuur,
        door=beheerder,
    )
    # The subsidy app's rows, so its admin pages are opened too.
    subsidie.sla_begrotingsregel_op(
        regio=regio,
        door=beheerder,
        schooljaar=tijdvak.eerste_schooljaar,
        kostensoort="activiteiten",
        omschrijving="Techniekdagen",
        bedrag=Decimal("12000"),
    )
    subsidie.sla_cofinanciering_op(
        regio=regio,
        door=beheerder,
        organisatie=bestuur,
        schooljaar=tijdvak.eerste_schooljaar,
        soort="geld",
        omschrijving="Bijdrage schoolbestuur",
        bedrag=Decimal("5000"),
    )
    indiening = Indiening.objects.create(
        regio=regio,
        versie=1,
        ingediend_door=beheerder,
        maximale_subsidie=Decimal("100000"),
        cofinanciering=Decimal("5000"),
        begroting=Decimal("12000"),
        inhoud={},
    )
    # Review records, written directly: the review services need a complete dossier.
    beoordeling = Beoordeling.objects.create(
        regio=regio, beoordelaar=beheerder, indiening=indiening
    )
    Criteriumscore.objects.create(
        beoordeling=beoordeling,
        criterium=Beoordelingscriterium.objects.filter(tijdvak=tijdvak).first(),
        score=4,
        motivering="Breed partnerschap.",
    )
    Aanvullingsverzoek.objects.create(regio=regio, indiening=indiening, vragen="Hoe borgt u dit?")
    Besluit.objects.create(
        regio=regio,
        indiening=indiening,
        uitkomst="toekennen",
        bedrag=Decimal("90000"),
        motivering="Goed plan.",
        genomen_door=beheerder,
        kenmerk="TK-2026-0001",
    )
    outbox.leg_klaar(
        [outbox.Email("pm@voorbeeld.nl", "melding_dossier_ingediend", "Ingediend", "Tekst.")],
        gebeurtenis=Gebeurtenis.objects.first(),
    )
    Koppelverzoek.objects.create(organisatie=bestuur, persoon=PersoonFactory(), regio=regio)
    Verwijderverzoek.objects.create(gebruiker=GebruikerFactory(), toelichting="Alles graag.")
    # Backup codes, as the two-factor set-up makes them; a failed login, as axes records it.
    tweestaps.vernieuw_reservecodes(gebruiker=beheerder, door=beheerder)
    Client().post(reverse("login"), {"username": "iemand", "password": "fout-wachtwoord"})
    Registerimport.objects.create(
        bron="scholen-2024.geo.json.gz",
        sha256="0" * 64,
        formaat="geojson",
        peildatum=datetime.date(2024, 11, 22),
        rijen=1,
        nieuw=1,
        rapport="1 nieuwe vestiging.\nGeen dubbele vestigingscodes.",
    )
    return regio


@pytest.mark.parametrize(
    ("model", "model_admin"), GEREGISTREERD, ids=[m._meta.label for m, _ in GEREGISTREERD]
)
def test_elke_beheerpagina_opent(client, van_alles, model, model_admin, rf, beheerder):
    lijst = client.get(url(model, "changelist"))
    assert lijst.status_code == 200
    # Under the portal's Content-Security-Policy, like every page: no inline script or style.
    assert not controleer_koppen("lijst", lijst, ingelogd=True)

    verzoek = rf.get("/")
    verzoek.user = beheerder
    toevoegen = client.get(url(model, "add"))
    assert toevoegen.status_code == (200 if model_admin.has_add_permission(verzoek) else 403)
    assert not controleer_koppen("toevoegen", toevoegen, ingelogd=True)

    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        # An app added later still gets its list and add page checked here, and its change
        # page once van_alles makes a row of it.
        assert model._meta.app_label not in EIGEN_APPS, f"geen {model._meta.label} in van_alles"
        pytest.skip(f"geen {model._meta.label} in de testgegevens")
    wijzigen = client.get(url(model, "change", obj.pk))
    assert wijzigen.status_code == 200
    assert not controleer_koppen("wijzigen", wijzigen, ingelogd=True)


def test_gebeurtenissen_zijn_alleen_te_lezen(client, van_alles):
    gebeurtenis = Gebeurtenis.objects.first()
    pagina = client.get(url(Gebeurtenis, "change", gebeurtenis.pk))
    assert b'name="_save"' not in pagina.content
    assert client.post(url(Gebeurtenis, "change", gebeurtenis.pk), {}).status_code == 403
    assert (
        client.post(url(Gebeurtenis, "delete", gebeurtenis.pk), {"post": "yes"}).status_code == 403
    )


def test_registerimport_toont_het_rapport(client, van_alles):
    pagina = client.get(url(Registerimport, "change", Registerimport.objects.get().pk))
    assert "Geen dubbele vestigingscodes." in pagina.content.decode()


def test_zoeken_naar_vestigingen(client, beheerder):
    VestigingFactory(naam="Basisschool De Zuidwester", postcode="9801AB", plaats="Zuidhorn")
    VestigingFactory(
        naam="Het Noorderlicht",
        brin_nummer="07XY",
        vestigingscode="07XY01",
        postcode="1441AA",
        plaats="Purmerend",
    )
    lijst = url(Vestiging, "changelist")

    def gevonden(zoekterm: str) -> list[str]:
        pagina = client.get(lijst, {"q": zoekterm})
        assert pagina.status_code == 200
        return sorted(v.naam for v in pagina.context["cl"].result_list)

    assert gevonden("zuidwester") == ["Basisschool De Zuidwester"]
    assert gevonden("07XY01") == ["Het Noorderlicht"]
    assert gevonden("07xy") == ["Het Noorderlicht"]
    assert gevonden("9801 ab") == ["Basisschool De Zuidwester"]
    assert gevonden("zuidhorn") == ["Basisschool De Zuidwester"]


def aantal_queries(client, adres: str) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(adres).status_code == 200
    return len(vastgelegd.captured_queries)


def test_vestigingenlijst_kost_vaste_aantal_queries(client, beheerder, tijdvak):
    regio = RegioFactory(tijdvak=tijdvak)

    def maak(aantal: int) -> None:
        for _ in range(aantal):
            vestiging = VestigingFactory(gemeente=GemeenteFactory(naam_register=f"G{_}"))
            Deelname.objects.create(regio=regio, vestiging=vestiging)

    maak(5)
    weinig = aantal_queries(client, url(Vestiging, "changelist"))
    maak(45)
    veel = aantal_queries(client, url(Vestiging, "changelist"))
    assert Vestiging.objects.count() == 50
    assert veel == weinig


def test_regiolijst_telt_met_vaste_aantal_queries(client, beheerder, tijdvak):
    def maak(aantal: int) -> None:
        for _ in range(aantal):
            regio = RegioFactory(tijdvak=tijdvak)
            bestuur = OrganisatieFactory(soort=Organisatiesoort.SCHOOLBESTUUR)
            Deelname.objects.create(regio=regio, organisatie=bestuur, is_penvoerder=True)
            for _ in range(2):
                Deelname.objects.create(regio=regio, vestiging=VestigingFactory())

    maak(5)
    weinig = aantal_queries(client, url(Regio, "changelist"))
    maak(45)
    veel = aantal_queries(client, url(Regio, "changelist"))
    assert veel == weinig

    pagina = client.get(url(Regio, "changelist"))
    rij = pagina.context["cl"].result_list[0]
    assert (rij.aantal_vestigingen, rij.aantal_po, rij.aantal_organisaties) == (2, 2, 1)
    assert rij.penvoerder_naam


def test_regiopagina_kost_geen_query_per_deelnemer(client, beheerder, tijdvak):
    regio = RegioFactory(tijdvak=tijdvak)

    def maak(aantal: int) -> None:
        for _ in range(aantal):
            Deelname.objects.create(regio=regio, vestiging=VestigingFactory())
            werkgroep = BestuursorgaanFactory(
                regio=regio, soort="werkgroep", naam=f"Werkgroep {Rol.objects.count()}"
            )
            RolFactory(regio=regio, soort=Rolsoort.WERKGROEPLID, orgaan=werkgroep)

    maak(3)
    weinig = aantal_queries(client, url(Regio, "change", regio.pk))
    maak(20)
    veel = aantal_queries(client, url(Regio, "change", regio.pk))
    assert veel == weinig


def beheerformulier(**velden) -> dict:
    """POST data for the region form with its three inlines, empty unless given."""
    data = {
        "naam": "Waterland",
        "slug": "waterland",
        "tijdvak": Tijdvak.objects.get(code="tijdvak-2").pk,
        "sto_relatie": "gedeeld",
        "sto_regio_naam": "STO-regio Waterland",
        "sto_toelichting": "",
        "visie": "",
    }
    for voorvoegsel in ("deelnames", "organen", "rollen"):
        data |= {
            f"{voorvoegsel}-TOTAL_FORMS": "0",
            f"{voorvoegsel}-INITIAL_FORMS": "0",
            f"{voorvoegsel}-MIN_NUM_FORMS": "0",
            f"{voorvoegsel}-MAX_NUM_FORMS": "1000",
        }
    data |= velden
    return data


def test_regio_aanmaken_in_het_beheer_loopt_via_de_services(client, beheerder):
    bestuur = OrganisatieFactory(naam="Stichting Waterscholen", soort="schoolbestuur")
    vestiging = VestigingFactory()
    antwoord = client.post(
        url(Regio, "add"),
        beheerformulier(
            **{
                "deelnames-TOTAL_FORMS": "2",
                "deelnames-0-organisatie": bestuur.pk,
                "deelnames-0-is_penvoerder": "on",
                "deelnames-1-vestiging": vestiging.pk,
                "organen-TOTAL_FORMS": "1",
                "organen-0-soort": "stuurgroep",
                "organen-0-naam": "Stuurgroep STO en Techkwadraat",
            }
        ),
    )
    assert antwoord.status_code == 302, antwoord.context["adminform"].form.errors
    regio = Regio.objects.get(slug="waterland")
    assert regio.deelnames.get(is_penvoerder=True).organisatie == bestuur
    assert regio.organen.get().naam == "Stuurgroep STO en Techkwadraat"
    acties = set(Gebeurtenis.objects.filter(regio=regio).values_list("actie", flat=True))
    assert acties == {
        Actie.REGIO_AANGEMAAKT,
        Actie.DEELNAME_TOEGEVOEGD,
        Actie.PENVOERDER_AANGEWEZEN,
        Actie.ORGAAN_AANGEMAAKT,
    }
    assert all(g.door == beheerder for g in Gebeurtenis.objects.filter(regio=regio))


def test_regio_in_het_beheer_weigert_bedrijf_als_penvoerder(client, beheerder):
    bedrijf = OrganisatieFactory(naam="Dijkdata BV", soort="bedrijf")
    antwoord = client.post(
        url(Regio, "add"),
        beheerformulier(
            **{
                "deelnames-TOTAL_FORMS": "1",
                "deelnames-0-organisatie": bedrijf.pk,
                "deelnames-0-is_penvoerder": "on",
            }
        ),
    )
    assert antwoord.status_code == 200
    assert "Dijkdata BV kan geen penvoerder zijn" in antwoord.content.decode()
    assert not Regio.objects.exists()
    assert not Gebeurtenis.objects.exists()


def test_deelname_toevoegen_weigert_vestiging_uit_andere_regio(client, beheerder, tijdvak):
    vestiging = VestigingFactory(naam="De Wadloper")
    Deelname.objects.create(
        regio=RegioFactory(naam="Westerkwartier", tijdvak=tijdvak), vestiging=vestiging
    )
    andere = RegioFactory(naam="Waterland", tijdvak=tijdvak)
    antwoord = client.post(
        url(Deelname, "add"), {"regio": andere.pk, "vestiging": vestiging.pk, "toelichting": ""}
    )
    assert antwoord.status_code == 200
    assert "al mee in de regio Westerkwartier" in antwoord.content.decode()
    assert not andere.deelnames.exists()


def test_penvoerder_aanwijzen_met_de_actie(client, beheerder, tijdvak):
    regio = RegioFactory(tijdvak=tijdvak)
    eerste = services.voeg_organisatie_toe(
        regio=regio,
        organisatie=OrganisatieFactory(soort="schoolbestuur"),
        is_penvoerder=True,
        door=beheerder,
    )
    tweede = services.voeg_organisatie_toe(
        regio=regio, organisatie=OrganisatieFactory(soort="vo_school"), door=beheerder
    )
    client.post(
        url(Deelname, "changelist"),
        {"action": "penvoerder_aanwijzen", "_selected_action": [tweede.pk]},
    )
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert (eerste.is_penvoerder, tweede.is_penvoerder) == (False, True)
    assert (
        Gebeurtenis.objects.filter(actie=Actie.PENVOERDER_AANGEWEZEN, door=beheerder).count() == 2
    )


def test_rol_toevoegen_weigert_orgaan_van_andere_regio(client, beheerder, tijdvak):
    regio = RegioFactory(tijdvak=tijdvak)
    vreemd = BestuursorgaanFactory(regio=RegioFactory(tijdvak=tijdvak), naam="Stuurgroep Elders")
    antwoord = client.post(
        url(Rol, "add"),
        {
            "regio": regio.pk,
            "persoon": PersoonFactory().pk,
            "soort": Rolsoort.STUURGROEPLID,
            "orgaan": vreemd.pk,
        },
    )
    assert antwoord.status_code == 200
    assert "Stuurgroep Elders hoort bij een andere regio" in antwoord.content.decode()
    assert not Rol.objects.exists()


def test_rol_intrekken_in_het_beheer_legt_vast(client, beheerder):
    # Not a programme manager: the last one cannot be withdrawn (tested below).
    rol = RolFactory(soort=Rolsoort.PROJECTLEIDER)
    antwoord = client.post(url(Rol, "delete", rol.pk), {"post": "yes"})
    assert antwoord.status_code == 302
    assert not Rol.objects.exists()
    assert Gebeurtenis.objects.get().actie == Actie.ROL_INGETROKKEN


def test_vestiging_beoordelen_vraagt_een_reden(client, beheerder):
    vestiging = VestigingFactory(onderwijstype="VBO")
    adres = url(Vestiging, "change", vestiging.pk)
    antwoord = client.post(adres, {"telt_mee": "on", "telt_mee_reden": ""})
    assert antwoord.status_code == 200
    vestiging.refresh_from_db()
    assert not vestiging.telt_mee

    antwoord = client.post(adres, {"telt_mee": "on", "telt_mee_reden": "Ook een mavo-afdeling"})
    assert antwoord.status_code == 302
    vestiging.refresh_from_db()
    assert vestiging.telt_mee
    assert Gebeurtenis.objects.get().door == beheerder


def test_orgaan_verwijderen_en_groepen_bestaan(client, van_alles):
    # The ministry's groups come from a migration; the admin shows them.
    assert Group.objects.filter(name="Beoordelaars").exists()
    orgaan = Bestuursorgaan.objects.get()
    antwoord = client.post(url(Bestuursorgaan, "delete", orgaan.pk), {"post": "yes"})
    assert antwoord.status_code == 302
    assert Gebeurtenis.objects.filter(actie=Actie.ORGAAN_VERWIJDERD).exists()


def test_lijsten_van_deelnames_rollen_en_gebeurtenissen_kosten_vaste_aantal_queries(
    client, beheerder, tijdvak
):
    regio = RegioFactory(tijdvak=tijdvak)

    def maak(aantal: int) -> None:
        for _ in range(aantal):
            werkgroep = BestuursorgaanFactory(
                regio=regio, soort="werkgroep", naam=f"Werkgroep {Rol.objects.count()}"
            )
            services.ken_rol_toe(
                regio=regio,
                persoon=PersoonFactory(),
                soort=Rolsoort.WERKGROEPLID,
                orgaan=werkgroep,
                door=beheerder,
            )
            services.voeg_vestiging_toe(regio=regio, vestiging=VestigingFactory(), door=beheerder)

    lijsten = [url(Rol, "changelist"), url(Deelname, "changelist"), url(Gebeurtenis, "changelist")]
    maak(3)
    weinig = [aantal_queries(client, adres) for adres in lijsten]
    maak(20)
    assert [aantal_queries(client, adres) for adres in lijsten] == weinig


# --- every admin write of a dossier goes through its service -----------------------------
#
# On an open dossier the change is audited and raises the dossier's version; on a submitted
# (frozen) one it is refused with a Dutch reason on the page, and nothing is written.

VAST = "ligt daarmee vast"


@pytest.fixture
def dossier(beheerder, tijdvak):
    """An open dossier with a penvoerder, a pledge and a budget line."""
    regio = RegioFactory(naam="Westerkwartier", slug="westerkwartier", tijdvak=tijdvak)
    bestuur = OrganisatieFactory(naam="Stichting Kwartier", soort=Organisatiesoort.SCHOOLBESTUUR)
    services.voeg_organisatie_toe(
        regio=regio, organisatie=bestuur, door=beheerder, is_penvoerder=True
    )
    subsidie.sla_cofinanciering_op(
        regio=regio,
        door=beheerder,
        organisatie=bestuur,
        schooljaar=tijdvak.eerste_schooljaar,
        soort="geld",
        omschrijving="Bijdrage schoolbestuur",
        bedrag=Decimal("5000"),
    )
    subsidie.sla_begrotingsregel_op(
        regio=regio,
        door=beheerder,
        schooljaar=tijdvak.eerste_schooljaar,
        kostensoort="activiteiten",
        omschrijving="Techniekdagen",
        bedrag=Decimal("12000"),
    )
    regio.refresh_from_db()
    return regio


def bevries(regio, status=Regiostatus.INGEDIEND):
    Regio.objects.filter(pk=regio.pk).update(status=status)
    regio.refresh_from_db()


class Spoor:
    """What a step wrote: the dossier's version and the audit events since the start."""

    def __init__(self, regio):
        self.regio = regio
        self.versie = Regio.objects.get(pk=regio.pk).versie
        self.laatste = Gebeurtenis.objects.order_by("-pk").values_list("pk", flat=True).first()

    def acties(self) -> list[str]:
        return list(
            Gebeurtenis.objects.filter(pk__gt=self.laatste or 0)
            .order_by("pk")
            .values_list("actie", flat=True)
        )

    def versie_erbij(self) -> int:
        return Regio.objects.get(pk=self.regio.pk).versie - self.versie


def pagina(antwoord) -> str:
    return antwoord.content.decode()


def cofinancieringsformulier(regio, **velden) -> dict:
    data = {
        "regio": regio.pk,
        "organisatie": regio.deelnames.get(is_penvoerder=True).organisatie_id,
        "schooljaar": regio.tijdvak.eerste_schooljaar,
        "soort": "geld",
        "omschrijving": "Extra bijdrage",
        "bedrag": "2500",
        "uren": "",
        "uurtarief": "",
    }
    return data | velden


def begrotingsformulier(regio, **velden) -> dict:
    data = {
        "regio": regio.pk,
        "schooljaar": regio.tijdvak.eerste_schooljaar,
        "kostensoort": "activiteiten",
        "omschrijving": "Gastlessen",
        "bedrag": "3000",
    }
    return data | velden


def test_cofinanciering_in_het_beheer_loopt_via_de_dienst(client, beheerder, dossier):
    spoor = Spoor(dossier)
    antwoord = client.post(url(Cofinanciering, "add"), cofinancieringsformulier(dossier))
    assert antwoord.status_code == 302, pagina(antwoord)
    nieuw = Cofinanciering.objects.get(omschrijving="Extra bijdrage")

    data = cofinancieringsformulier(dossier, bedrag="3000")
    del data["regio"]
    antwoord = client.post(url(Cofinanciering, "change", nieuw.pk), data)
    assert antwoord.status_code == 302, pagina(antwoord)
    nieuw.refresh_from_db()
    assert nieuw.bedrag == Decimal("3000")

    antwoord = client.post(url(Cofinanciering, "delete", nieuw.pk), {"post": "yes"})
    assert antwoord.status_code == 302
    assert not Cofinanciering.objects.filter(pk=nieuw.pk).exists()

    assert spoor.acties() == [
        Actie.COFINANCIERING_TOEGEVOEGD,
        Actie.COFINANCIERING_GEWIJZIGD,
        Actie.COFINANCIERING_VERWIJDERD,
    ]
    assert spoor.versie_erbij() == 3
    gewijzigd = Gebeurtenis.objects.get(actie=Actie.COFINANCIERING_GEWIJZIGD)
    assert (gewijzigd.door, gewijzigd.gegevens["van"]["bedrag"]) == (beheerder, "2500.00")


def test_cofinanciering_in_het_beheer_geweigerd_op_ingediend_dossier(client, dossier):
    bestaand = Cofinanciering.objects.get(regio=dossier)
    bevries(dossier)
    spoor = Spoor(dossier)

    toevoegen = client.post(url(Cofinanciering, "add"), cofinancieringsformulier(dossier))
    data = cofinancieringsformulier(dossier, bedrag="1")
    del data["regio"]
    wijzigen = client.post(url(Cofinanciering, "change", bestaand.pk), data)
    verwijderen = client.post(
        url(Cofinanciering, "delete", bestaand.pk), {"post": "yes"}, follow=True
    )
    bulk = client.post(
        url(Cofinanciering, "changelist"),
        {"action": "delete_selected", "_selected_action": [bestaand.pk], "post": "yes"},
        follow=True,
    )

    assert (toevoegen.status_code, wijzigen.status_code) == (200, 200)
    for antwoord in (toevoegen, wijzigen, verwijderen, bulk):
        assert "is ingediend" in pagina(antwoord)
    assert "Successfully deleted" not in pagina(bulk)
    assert Cofinanciering.objects.filter(regio=dossier).count() == 1
    bestaand.refresh_from_db()
    assert bestaand.bedrag == Decimal("5000")
    assert spoor.acties() == []
    assert spoor.versie_erbij() == 0


def test_begrotingsregel_in_het_beheer_loopt_via_de_dienst(client, dossier):
    spoor = Spoor(dossier)
    antwoord = client.post(url(Begrotingsregel, "add"), begrotingsformulier(dossier))
    assert antwoord.status_code == 302, pagina(antwoord)
    regel = Begrotingsregel.objects.get(omschrijving="Gastlessen")
    data = begrotingsformulier(dossier, bedrag="3500")
    del data["regio"]
    assert client.post(url(Begrotingsregel, "change", regel.pk), data).status_code == 302
    antwoord = client.post(
        url(Begrotingsregel, "changelist"),
        {"action": "delete_selected", "_selected_action": [regel.pk], "post": "yes"},
        follow=True,
    )
    assert "1 begrotingsregel verwijderd" in pagina(antwoord)
    assert spoor.acties() == [
        Actie.BEGROTING_TOEGEVOEGD,
        Actie.BEGROTING_GEWIJZIGD,
        Actie.BEGROTING_VERWIJDERD,
    ]
    assert spoor.versie_erbij() == 3


@pytest.mark.parametrize(
    "status", [Regiostatus.INGEDIEND, Regiostatus.IN_BEOORDELING, Regiostatus.TOEGEKEND]
)
def test_begrotingsregel_in_het_beheer_geweigerd_op_bevroren_dossier(client, dossier, status):
    regel = Begrotingsregel.objects.get(regio=dossier)
    bevries(dossier, status)
    spoor = Spoor(dossier)
    data = begrotingsformulier(dossier, bedrag="1")
    del data["regio"]

    toevoegen = client.post(url(Begrotingsregel, "add"), begrotingsformulier(dossier))
    wijzigen = client.post(url(Begrotingsregel, "change", regel.pk), data)
    verwijderen = client.post(
        url(Begrotingsregel, "delete", regel.pk), {"post": "yes"}, follow=True
    )

    assert (toevoegen.status_code, wijzigen.status_code) == (200, 200)
    for antwoord in (toevoegen, wijzigen, verwijderen):
        assert VAST in pagina(antwoord) or "kan niet meer worden gewijzigd" in pagina(antwoord)
    regel.refresh_from_db()
    assert regel.bedrag == Decimal("12000")
    assert Begrotingsregel.objects.filter(regio=dossier).count() == 1
    assert (spoor.acties(), spoor.versie_erbij()) == ([], 0)


def test_weigering_van_de_dienst_verschijnt_op_het_formulier(client, dossier):
    """A refusal that only the service sees (here: a partner that does not take part) shows
    on the form with what was typed, instead of an error page."""
    spoor = Spoor(dossier)
    vreemd = OrganisatieFactory(naam="Dijkdata BV")
    antwoord = client.post(
        url(Cofinanciering, "add"),
        cofinancieringsformulier(dossier, organisatie=vreemd.pk, omschrijving="Getypt"),
    )
    assert antwoord.status_code == 200
    assert "Deze organisatie doet niet mee in de regio." in pagina(antwoord)
    assert 'value="Getypt"' in pagina(antwoord)
    assert (spoor.acties(), spoor.versie_erbij()) == ([], 0)


# --- bodies and roles in the admin -------------------------------------------------------


@pytest.fixture
def bestuur(beheerder, dossier):
    """The dossier's steering group and two roles: the programme manager and a member."""
    orgaan = services.maak_orgaan(
        regio=dossier, soort="stuurgroep", naam="Stuurgroep", door=beheerder
    )
    pm = services.ken_rol_toe(
        regio=dossier,
        persoon=PersoonFactory(voornaam="Femke", achternaam="Bakker"),
        soort=Rolsoort.PROGRAMMAMANAGER,
        door=beheerder,
    )
    lid = services.ken_rol_toe(
        regio=dossier,
        persoon=PersoonFactory(),
        soort=Rolsoort.STUURGROEPLID,
        orgaan=orgaan,
        door=beheerder,
    )
    dossier.refresh_from_db()
    return orgaan, pm, lid


def test_orgaan_en_rol_in_het_beheer_op_open_dossier_vastgelegd(client, dossier, bestuur):
    orgaan, _pm, lid = bestuur
    spoor = Spoor(dossier)
    persoon = PersoonFactory()

    stappen = [
        client.post(
            url(Bestuursorgaan, "add"),
            {"regio": dossier.pk, "soort": "werkgroep", "naam": "Werkgroep Techniek", "taak": ""},
        ),
        client.post(
            url(Bestuursorgaan, "change", orgaan.pk),
            {"soort": "stuurgroep", "naam": "Stuurgroep Techniek", "taak": "Besluiten"},
        ),
        client.post(
            url(Rol, "add"),
            {"regio": dossier.pk, "persoon": persoon.pk, "soort": Rolsoort.PROJECTLEIDER},
        ),
        client.post(
            url(Rol, "change", lid.pk),
            {"soort": Rolsoort.STUURGROEPLID, "orgaan": orgaan.pk, "startdatum": "2026-08-01"},
        ),
        client.post(url(Rol, "delete", lid.pk), {"post": "yes"}),
        client.post(
            url(Bestuursorgaan, "delete", Bestuursorgaan.objects.get(naam="Werkgroep Techniek").pk),
            {"post": "yes"},
        ),
    ]

    assert [s.status_code for s in stappen] == [302] * 6
    assert spoor.acties() == [
        Actie.ORGAAN_AANGEMAAKT,
        Actie.ORGAAN_GEWIJZIGD,
        Actie.ROL_TOEGEKEND,
        Actie.ROL_GEWIJZIGD,
        Actie.ROL_INGETROKKEN,
        Actie.ORGAAN_VERWIJDERD,
    ]
    assert spoor.versie_erbij() == 6


def test_orgaan_en_rol_in_het_beheer_geweigerd_op_ingediend_dossier(client, dossier, bestuur):
    orgaan, _pm, lid = bestuur
    bevries(dossier)
    spoor = Spoor(dossier)

    stappen = [
        client.post(
            url(Bestuursorgaan, "add"),
            {"regio": dossier.pk, "soort": "werkgroep", "naam": "Werkgroep", "taak": ""},
        ),
        client.post(
            url(Bestuursorgaan, "change", orgaan.pk),
            {"soort": "stuurgroep", "naam": "Andere naam", "taak": ""},
        ),
        client.post(
            url(Rol, "add"),
            {"regio": dossier.pk, "persoon": PersoonFactory().pk, "soort": Rolsoort.PROJECTLEIDER},
        ),
        client.post(
            url(Rol, "change", lid.pk),
            {"soort": Rolsoort.STUURGROEPLID, "orgaan": orgaan.pk, "einddatum": "2027-01-01"},
        ),
    ]
    verwijderd = [
        client.post(url(Rol, "delete", lid.pk), {"post": "yes"}, follow=True),
        client.post(url(Bestuursorgaan, "delete", orgaan.pk), {"post": "yes"}, follow=True),
    ]

    assert [s.status_code for s in stappen] == [200] * 4
    for antwoord in stappen + verwijderd:
        assert VAST in pagina(antwoord) or "kan niet meer worden gewijzigd" in pagina(antwoord)
    orgaan.refresh_from_db()
    lid.refresh_from_db()
    assert (orgaan.naam, lid.einddatum) == ("Stuurgroep", None)
    assert Bestuursorgaan.objects.filter(regio=dossier).count() == 1
    assert Rol.objects.filter(regio=dossier).count() == 2
    assert (spoor.acties(), spoor.versie_erbij()) == ([], 0)


def test_rollen_in_de_regiopagina_liggen_vast_op_ingediend_dossier(client, dossier, bestuur):
    bevries(dossier)
    antwoord = client.get(url(Regio, "change", dossier.pk))
    inlines = {f.formset.prefix: f for f in antwoord.context["inline_admin_formsets"]}
    for voorvoegsel in ("organen", "rollen"):
        formset = inlines[voorvoegsel]
        assert not formset.has_add_permission
        assert not formset.has_change_permission
        assert not formset.has_delete_permission


@pytest.mark.parametrize(
    "wijziging",
    [
        {"soort": Rolsoort.PROJECTLEIDER},
        {"soort": Rolsoort.PROGRAMMAMANAGER, "einddatum": "2020-01-01"},
    ],
    ids=["andere-soort", "einddatum"],
)
def test_laatste_programmamanager_blijft_ook_in_het_beheer(client, dossier, bestuur, wijziging):
    _orgaan, pm, _lid = bestuur
    spoor = Spoor(dossier)

    wijzigen = client.post(url(Rol, "change", pm.pk), {"orgaan": "", "namens": ""} | wijziging)
    verwijderen = client.post(url(Rol, "delete", pm.pk), {"post": "yes"}, follow=True)
    bulk = client.post(
        url(Rol, "changelist"),
        {"action": "delete_selected", "_selected_action": [pm.pk], "post": "yes"},
        follow=True,
    )

    assert wijzigen.status_code == 200
    for antwoord in (wijzigen, verwijderen, bulk):
        assert "Femke Bakker is de enige programmamanager van de regio" in pagina(antwoord)
    pm.refresh_from_db()
    assert (pm.soort, pm.einddatum) == (Rolsoort.PROGRAMMAMANAGER, None)
    assert (spoor.acties(), spoor.versie_erbij()) == ([], 0)


def test_laatste_programmamanager_blijft_in_de_regiopagina(client, dossier, bestuur):
    _orgaan, pm, _lid = bestuur
    rollen = list(Rol.objects.filter(regio=dossier).order_by("pk"))
    data = beheerformulier(
        naam=dossier.naam,
        slug=dossier.slug,
        **{
            "deelnames-TOTAL_FORMS": "0",
            "rollen-TOTAL_FORMS": str(len(rollen)),
            "rollen-INITIAL_FORMS": str(len(rollen)),
        },
    )
    for i, rol in enumerate(rollen):
        data |= {
            f"rollen-{i}-id": rol.pk,
            f"rollen-{i}-regio": dossier.pk,
            f"rollen-{i}-startdatum": "",
            f"rollen-{i}-einddatum": "",
        }
    data[f"rollen-{rollen.index(pm)}-DELETE"] = "on"
    organen = list(Bestuursorgaan.objects.filter(regio=dossier))
    data |= {"organen-TOTAL_FORMS": str(len(organen)), "organen-INITIAL_FORMS": str(len(organen))}
    for i, orgaan in enumerate(organen):
        data |= {
            f"organen-{i}-id": orgaan.pk,
            f"organen-{i}-regio": dossier.pk,
            f"organen-{i}-soort": orgaan.soort,
            f"organen-{i}-naam": orgaan.naam,
            f"organen-{i}-taak": orgaan.taak,
        }
    deelnames = list(dossier.deelnames.all())
    data |= {
        "deelnames-TOTAL_FORMS": str(len(deelnames)),
        "deelnames-INITIAL_FORMS": str(len(deelnames)),
    }
    for i, deelname in enumerate(deelnames):
        data |= {
            f"deelnames-{i}-id": deelname.pk,
            f"deelnames-{i}-regio": dossier.pk,
            f"deelnames-{i}-startdatum": "",
            f"deelnames-{i}-einddatum": "",
            f"deelnames-{i}-toelichting": "",
        }
    spoor = Spoor(dossier)

    antwoord = client.post(url(Regio, "change", dossier.pk), data)

    assert antwoord.status_code == 200
    assert "is de enige programmamanager van de regio" in pagina(antwoord)
    assert Rol.objects.filter(pk=pm.pk).exists()
    assert (spoor.acties(), spoor.versie_erbij()) == ([], 0)


def test_persoon_met_rol_en_gebruikt_kompaspunt_niet_te_verwijderen(client, dossier, bestuur):
    _orgaan, pm, _lid = bestuur
    kompaspunt = Kompaspunt.objects.first()
    activiteit = Activiteit.objects.create(
        regio=dossier,
        titel="Techniekdag",
        beschrijving="Een dag vol techniek.",
        interventieniveau=Interventieniveau.values[0],
    )
    activiteit.kompaspunten.add(kompaspunt)

    persoon = client.post(url(Persoon, "delete", pm.persoon_id), {"post": "yes"})
    punt = client.post(url(Kompaspunt, "delete", kompaspunt.pk), {"post": "yes"})
    bulk = client.post(
        url(Kompaspunt, "changelist"),
        {"action": "delete_selected", "_selected_action": [kompaspunt.pk], "post": "yes"},
        follow=True,
    )

    # No delete button, and a crafted request is refused.
    assert (persoon.status_code, punt.status_code, bulk.status_code) == (403, 403, 403)
    assert Rol.objects.filter(pk=pm.pk).exists()
    assert activiteit.kompaspunten.filter(pk=kompaspunt.pk).exists()


# --- the regulation and the assessment criteria ------------------------------------------


def regelingformulier(regeling, **velden) -> dict:
    data = {
        veld: getattr(regeling, veld)
        for veld in (
            "bedrag_per_vestiging",
            "bedrag_per_leerling",
            "minimum_po_vestigingen",
            "minimum_vo_vestigingen",
            "cofinanciering_percentage",
            "cofinanciering_grondslag",
            "cofinanciering_toelichting",
            "peildatum_toelichting",
            # The letter's texts and terms.
            "grondslag_tekst",
            "ondertekening_namens",
            "ondertekening_functie",
            "ondertekening_afdeling",
            "betaling_toelichting",
            "voortgangsverslag_maanden",
            "eindverantwoording_maanden",
            "verplichtingen_tekst",
            "niet_nakomen_tekst",
            "bezwaar_adres",
        )
    }
    data |= {
        "voorschot_percentages": json.dumps(regeling.voorschot_percentages),
        "tellende_schoolsoorten": json.dumps(regeling.tellende_schoolsoorten),
        "tellende_leerwegen": json.dumps(regeling.tellende_leerwegen),
        "peildatum_leerlingen": regeling.peildatum_leerlingen or "",
    }
    return data | velden


def test_regeling_wijzigen_in_het_beheer_vastgelegd_met_van_en_naar(
    client, beheerder, tijdvak, dossier
):
    regeling = Regeling.objects.get(tijdvak=tijdvak)
    oud = regeling.bedrag_per_vestiging

    antwoord = client.post(
        url(Regeling, "change", regeling.pk),
        regelingformulier(regeling, bedrag_per_vestiging="9000"),
    )

    assert antwoord.status_code == 302, pagina(antwoord)
    regeling.refresh_from_db()
    assert regeling.bedrag_per_vestiging == Decimal("9000")
    gebeurtenis = Gebeurtenis.objects.get(actie=Actie.REGELING_GEWIJZIGD)
    assert gebeurtenis.door == beheerder
    assert gebeurtenis.gegevens["wijzigingen"] == {"bedrag_per_vestiging": [str(oud), "9000.00"]}


def test_regeling_ligt_vast_zodra_een_regio_heeft_aangevraagd(client, tijdvak, dossier):
    regeling = Regeling.objects.get(tijdvak=tijdvak)
    oud = regeling.bedrag_per_vestiging
    bevries(dossier)

    antwoord = client.post(
        url(Regeling, "change", regeling.pk), regelingformulier(regeling, bedrag_per_vestiging="1")
    )

    assert antwoord.status_code == 200
    assert "ligt vast: Westerkwartier heeft al aangevraagd" in pagina(antwoord)
    regeling.refresh_from_db()
    assert regeling.bedrag_per_vestiging == oud
    assert not Gebeurtenis.objects.filter(actie=Actie.REGELING_GEWIJZIGD).exists()
    assert client.post(url(Regeling, "delete", regeling.pk), {"post": "yes"}).status_code == 403


def test_de_teksten_van_de_beschikking_blijven_te_wijzigen_na_aanvragen(
    client, beheerder, tijdvak, dossier
):
    """The letter's texts decide nothing about an application (a sent letter keeps its own
    copy): the administrator may change them after regions applied, audited like the rest;
    the numbers stay fixed."""
    regeling = Regeling.objects.get(tijdvak=tijdvak)
    bevries(dossier)

    antwoord = client.post(
        url(Regeling, "change", regeling.pk),
        regelingformulier(regeling, bezwaar_adres="Postbus 1\n1000 AA Amsterdam"),
    )

    assert antwoord.status_code == 302, pagina(antwoord)
    regeling.refresh_from_db()
    assert regeling.bezwaar_adres == "Postbus 1\n1000 AA Amsterdam"
    gebeurtenis = Gebeurtenis.objects.get(actie=Actie.REGELING_GEWIJZIGD)
    assert list(gebeurtenis.gegevens["wijzigingen"]) == ["bezwaar_adres"]
    te_veel = client.post(
        url(Regeling, "change", regeling.pk),
        regelingformulier(regeling, voorschot_percentages="[60, 60]"),
    )
    assert "De voorschotten zijn samen meer dan 100%." in pagina(te_veel)


def criteriumformulier(tijdvak, **velden) -> dict:
    data = {
        "tijdvak": tijdvak.pk,
        "code": "techniekbeeld",
        "naam": "Beeld van techniek",
        "toelichting": "",
        "volgorde": "9",
        "maximale_score": "5",
    }
    return data | velden


def test_criteria_in_het_beheer_vastgelegd_zolang_niets_is_beoordeeld(client, beheerder, tijdvak):
    assert (
        client.post(url(Beoordelingscriterium, "add"), criteriumformulier(tijdvak)).status_code
        == 302
    )
    criterium = Beoordelingscriterium.objects.get(tijdvak=tijdvak, code="techniekbeeld")
    antwoord = client.post(
        url(Beoordelingscriterium, "change", criterium.pk),
        criteriumformulier(tijdvak, maximale_score="10"),
    )
    assert antwoord.status_code == 302
    assert (
        client.post(url(Beoordelingscriterium, "delete", criterium.pk), {"post": "yes"}).status_code
        == 302
    )
    acties = list(
        Gebeurtenis.objects.filter(actie__startswith="criterium.")
        .order_by("pk")
        .values_list("actie", "gegevens")
    )
    assert [actie for actie, _g in acties] == [
        Actie.CRITERIUM_TOEGEVOEGD,
        Actie.CRITERIUM_GEWIJZIGD,
        Actie.CRITERIUM_VERWIJDERD,
    ]
    assert acties[1][1]["wijzigingen"] == {"maximale_score": [5, 10]}


def test_criteria_liggen_vast_zodra_er_is_beoordeeld(client, beheerder, tijdvak, dossier):
    criterium = Beoordelingscriterium.objects.filter(tijdvak=tijdvak).first()
    indiening = Indiening.objects.create(
        regio=dossier,
        versie=1,
        ingediend_door=beheerder,
        maximale_subsidie=Decimal("100000"),
        cofinanciering=Decimal("5000"),
        begroting=Decimal("12000"),
        inhoud={},
    )
    beoordeling = Beoordeling.objects.create(
        regio=dossier, beoordelaar=beheerder, indiening=indiening
    )
    Criteriumscore.objects.create(
        beoordeling=beoordeling, criterium=criterium, score=4, motivering="Goed."
    )
    aantal = Beoordelingscriterium.objects.filter(tijdvak=tijdvak).count()

    toevoegen = client.post(url(Beoordelingscriterium, "add"), criteriumformulier(tijdvak))
    wijzigen = client.post(
        url(Beoordelingscriterium, "change", criterium.pk),
        criteriumformulier(tijdvak, code=criterium.code, naam="Anders"),
    )

    for antwoord in (toevoegen, wijzigen):
        assert antwoord.status_code == 200
        assert "liggen vast: de aanvraag van Westerkwartier is er al op beoordeeld" in pagina(
            antwoord
        )
    criterium.refresh_from_db()
    assert criterium.naam != "Anders"
    assert Beoordelingscriterium.objects.filter(tijdvak=tijdvak).count() == aantal
    assert not Gebeurtenis.objects.filter(actie__startswith="criterium.").exists()


# --- accounts: groups and rights ---------------------------------------------------------


def gebruikersformulier(gebruiker, **velden) -> dict:
    data = {
        "username": gebruiker.username,
        "email": gebruiker.email,
        "first_name": gebruiker.first_name,
        "last_name": gebruiker.last_name,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "groups": [g.pk for g in gebruiker.groups.all()],
        "user_permissions": [],
    }
    return data | velden


def test_groepen_wijzigen_in_het_beheer_vastgelegd(client, beheerder):
    beoordelaars = Group.objects.get(name=BEOORDELAARS)
    besluitvormers = Group.objects.get(name=BESLUITVORMERS)
    medewerker = GebruikerFactory(username="jansen")
    medewerker.groups.add(beoordelaars)
    Gebeurtenis.objects.all().delete()

    antwoord = client.post(
        url(Gebruiker, "change", medewerker.pk),
        gebruikersformulier(medewerker, groups=[besluitvormers.pk], is_staff="on"),
    )

    assert antwoord.status_code == 302, pagina(antwoord)
    groepen = Gebeurtenis.objects.get(actie=Actie.GEBRUIKER_GROEPEN_GEWIJZIGD)
    assert groepen.door == beheerder
    assert groepen.onderwerp == medewerker
    assert (groepen.gegevens["van"], groepen.gegevens["naar"]) == (
        [BEOORDELAARS],
        [BESLUITVORMERS],
    )
    rechten = Gebeurtenis.objects.get(actie=Actie.GEBRUIKER_RECHTEN_GEWIJZIGD)
    assert rechten.door == beheerder
    assert rechten.gegevens["wijzigingen"] == {"is_staff": [False, True]}


def test_groepen_en_rechten_buiten_het_beheer_ook_vastgelegd():
    beoordelaars = Group.objects.get(name=BEOORDELAARS)
    # Existing accounts, as a shell or a command finds them.
    medewerker = Gebruiker.objects.get(pk=GebruikerFactory(username="de-boer").pk)
    collega = Gebruiker.objects.get(pk=GebruikerFactory(username="visser").pk)
    Gebeurtenis.objects.all().delete()

    medewerker.groups.add(beoordelaars)
    beoordelaars.user_set.add(collega)
    medewerker.groups.clear()
    collega.is_superuser = True
    collega.save()

    gebeurtenissen = list(Gebeurtenis.objects.order_by("pk"))
    assert [(g.actie, g.onderwerp, g.door) for g in gebeurtenissen] == [
        (Actie.GEBRUIKER_GROEPEN_GEWIJZIGD, medewerker, None),
        (Actie.GEBRUIKER_GROEPEN_GEWIJZIGD, collega, None),
        (Actie.GEBRUIKER_GROEPEN_GEWIJZIGD, medewerker, None),
        (Actie.GEBRUIKER_RECHTEN_GEWIJZIGD, collega, None),
    ]
    assert gebeurtenissen[2].gegevens["eraf"] == [BEOORDELAARS]
    assert gebeurtenissen[3].gegevens["wijzigingen"] == {"is_superuser": [False, True]}


def test_inloggen_is_geen_wijziging_van_rechten(client):
    GebruikerFactory(username="inlogger")
    Gebeurtenis.objects.all().delete()
    assert client.login(username="inlogger", password="geheim-wachtwoord-123")
    assert not Gebeurtenis.objects.filter(actie=Actie.GEBRUIKER_RECHTEN_GEWIJZIGD).exists()
