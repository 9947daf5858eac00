"""The administration at /beheer/: every page opens, lists cost a fixed number of queries,
and saves go through the services (checked, audited, refused in Dutch)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecosysteem import outbox
from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis
from partners.models import Organisatiesoort, Registerimport, Vestiging
from regios import services
from regios.models import Bestuursorgaan, Deelname, Regio, Rol, Rolsoort, Tijdvak
from subsidie import services as subsidie
from subsidie.models import (
    Aanvullingsverzoek,
    Beoordeling,
    Beoordelingscriterium,
    Besluit,
    Criteriumscore,
    Indiening,
)
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
    )
    outbox.leg_klaar(
        [outbox.Email("pm@voorbeeld.nl", "melding_dossier_ingediend", "Ingediend", "Tekst.")],
        gebeurtenis=Gebeurtenis.objects.first(),
    )
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
    assert client.get(url(model, "changelist")).status_code == 200

    verzoek = rf.get("/")
    verzoek.user = beheerder
    toevoegen = client.get(url(model, "add"))
    assert toevoegen.status_code == (200 if model_admin.has_add_permission(verzoek) else 403)

    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        # An app added later still gets its list and add page checked here, and its change
        # page once van_alles makes a row of it.
        assert model._meta.app_label not in EIGEN_APPS, f"geen {model._meta.label} in van_alles"
        pytest.skip(f"geen {model._meta.label} in de testgegevens")
    assert client.get(url(model, "change", obj.pk)).status_code == 200


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
    rol = RolFactory()
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
