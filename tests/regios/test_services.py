"""The write services of regios and partners: each use case, its refusals, its audit event."""

import datetime

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError

from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis, Gebruiker
from ecosysteem.rollen import BEOORDELAARS
from partners import services as partners
from partners.models import Organisatie, Organisatiesoort, Persoon
from regios import services
from regios.bewerken import DossierBevroren, DossierGewijzigd
from regios.models import (
    Bestuursorgaan,
    Deelname,
    Deelnamestatus,
    Orgaansoort,
    Regio,
    Regiostatus,
    Rol,
    Rolsoort,
    Tijdvak,
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
    provincie,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def door():
    # An administrator may change every dossier; the rules for other users are tested below.
    return GebruikerFactory(username="beheer", is_staff=True, is_superuser=True)


@pytest.fixture
def tijdvak():
    return Tijdvak.objects.get(code="tijdvak-2")


@pytest.fixture
def regio(tijdvak):
    return RegioFactory(naam="Westerkwartier", slug="westerkwartier", tijdvak=tijdvak)


def laatste(actie: str) -> Gebeurtenis:
    return Gebeurtenis.objects.filter(actie=actie).latest("id")


def schoolbestuur(**velden) -> Organisatie:
    return OrganisatieFactory(soort=Organisatiesoort.SCHOOLBESTUUR, **velden)


# --- regions -----------------------------------------------------------------------------


def test_maak_regio_slaat_op_met_gebieden_en_legt_vast(tijdvak, door):
    gemeente = GemeenteFactory()
    regio = services.maak_regio(
        tijdvak=tijdvak,
        naam=" Next Education ",
        slug="next-education",
        door=door,
        provincies=[provincie("Groningen")],
        gemeenten=[gemeente],
        visie="Elk kind onderzoekt.",
    )
    assert regio.naam == "Next Education"
    assert regio.status == Regiostatus.CONCEPT
    assert list(regio.gemeenten.all()) == [gemeente]
    assert list(regio.provincies.values_list("naam", flat=True)) == ["Groningen"]
    gebeurtenis = laatste(Actie.REGIO_AANGEMAAKT)
    assert gebeurtenis.regio == regio
    assert gebeurtenis.door == door
    assert gebeurtenis.naar_status == "concept"
    assert gebeurtenis.onderwerp == regio


def test_maak_regio_weigert_dezelfde_naam_in_hetzelfde_tijdvak(regio, tijdvak, door):
    with pytest.raises(ValidationError) as fout:
        services.maak_regio(tijdvak=tijdvak, naam=regio.naam, slug="ander", door=door)
    assert "al een regio met deze naam" in str(fout.value)
    assert Regio.objects.count() == 1
    assert not Gebeurtenis.objects.exists()


def test_maak_regio_staat_dezelfde_naam_in_een_ander_tijdvak_toe(regio, door):
    ander = Tijdvak.objects.get(code="tijdvak-1")
    services.maak_regio(tijdvak=ander, naam=regio.naam, slug="westerkwartier-1", door=door)
    assert Regio.objects.filter(naam=regio.naam).count() == 2


def test_wijzig_regio_legt_gewijzigde_velden_vast(regio, door):
    regio.visie = "Nieuwe visie"
    gewijzigd = services.wijzig_regio(regio=regio, door=door, sto_relatie="gedeeld")
    assert set(gewijzigd) == {"visie", "sto_relatie"}
    regio.refresh_from_db()
    assert regio.visie == "Nieuwe visie"
    assert set(laatste(Actie.REGIO_GEWIJZIGD).gegevens["wijzigingen"]) == set(gewijzigd)


def test_wijzig_regio_zonder_wijziging_legt_niets_vast(regio, door):
    assert services.wijzig_regio(regio=regio, door=door) == []
    assert not Gebeurtenis.objects.exists()


def test_ingediende_regio_is_bevroren_en_de_status_verandert_niet_via_wijzigen(regio, door):
    with pytest.raises(ValidationError, match="door indienen, heropenen of een besluit"):
        services.wijzig_regio(regio=regio, door=door, status=Regiostatus.INGEDIEND)
    Regio.objects.filter(pk=regio.pk).update(status=Regiostatus.INGEDIEND)
    regio.refresh_from_db()
    with pytest.raises(DossierBevroren):
        services.wijzig_regio(regio=regio, door=door, visie="Stiekem aangepast")
    regio.refresh_from_db()
    assert regio.visie == ""
    assert not Gebeurtenis.objects.exists()


def test_alleen_de_programmamanager_van_de_regio_wijzigt_de_samenstelling(regio, tijdvak):
    buitenstaander = GebruikerFactory()
    with pytest.raises(PermissionDenied):
        services.voeg_vestiging_toe(regio=regio, vestiging=VestigingFactory(), door=buitenstaander)

    programmamanager = GebruikerFactory()
    RolFactory(
        regio=regio,
        soort=Rolsoort.PROGRAMMAMANAGER,
        persoon=PersoonFactory(gebruiker=programmamanager),
    )
    deelname = services.voeg_vestiging_toe(
        regio=regio, vestiging=VestigingFactory(), door=programmamanager
    )
    assert laatste(Actie.DEELNAME_TOEGEVOEGD).door == programmamanager

    andere = RegioFactory(tijdvak=tijdvak)
    with pytest.raises(PermissionDenied):
        services.voeg_vestiging_toe(
            regio=andere, vestiging=VestigingFactory(), door=programmamanager
        )
    assert deelname.regio == regio


def test_een_formulier_op_een_oude_versie_wordt_geweigerd(regio, door):
    versie = regio.versie
    services.voeg_vestiging_toe(regio=regio, vestiging=VestigingFactory(), door=door, versie=versie)
    with pytest.raises(DossierGewijzigd):
        services.voeg_vestiging_toe(
            regio=regio, vestiging=VestigingFactory(), door=door, versie=versie
        )
    assert regio.deelnames.count() == 1


def test_verwijder_regio_alleen_in_concept(regio, door):
    services.voeg_vestiging_toe(regio=regio, vestiging=VestigingFactory(), door=door)
    services.verwijder_regio(regio=regio, door=door)
    assert not Regio.objects.exists()
    assert laatste(Actie.REGIO_VERWIJDERD).gegevens["deelnames"] == 1

    toegekend = RegioFactory(status=Regiostatus.TOEGEKEND)
    with pytest.raises(ValidationError, match="Alleen een regio in concept"):
        services.verwijder_regio(regio=toegekend, door=door)
    assert Regio.objects.filter(pk=toegekend.pk).exists()


# --- participation -----------------------------------------------------------------------


def test_voeg_vestiging_toe_maakt_deelname_in_het_tijdvak_van_de_regio(regio, door):
    vestiging = VestigingFactory()
    deelname = services.voeg_vestiging_toe(regio=regio, vestiging=vestiging, door=door)
    assert deelname.tijdvak_id == regio.tijdvak_id
    assert deelname.status == Deelnamestatus.ACTIEF
    gebeurtenis = laatste(Actie.DEELNAME_TOEGEVOEGD)
    assert gebeurtenis.regio == regio
    assert gebeurtenis.gegevens["vestigingscode"] == vestiging.vestigingscode


def test_voeg_vestiging_toe_weigert_vestiging_uit_andere_regio_in_hetzelfde_tijdvak(
    regio, tijdvak, door
):
    vestiging = VestigingFactory()
    services.voeg_vestiging_toe(regio=regio, vestiging=vestiging, door=door)
    andere = RegioFactory(naam="Waterland", tijdvak=tijdvak)
    aantal_gebeurtenissen = Gebeurtenis.objects.count()

    with pytest.raises(ValidationError) as fout:
        services.voeg_vestiging_toe(regio=andere, vestiging=vestiging, door=door)

    assert "al mee in de regio Westerkwartier" in fout.value.messages[0]
    assert fout.value.code == "vestiging_in_andere_regio"
    assert not andere.deelnames.exists()
    assert Gebeurtenis.objects.count() == aantal_gebeurtenissen


def test_voeg_vestiging_toe_weigert_dezelfde_vestiging_twee_keer(regio, door):
    vestiging = VestigingFactory()
    services.voeg_vestiging_toe(regio=regio, vestiging=vestiging, door=door)
    with pytest.raises(ValidationError, match="al mee in deze regio"):
        services.voeg_vestiging_toe(regio=regio, vestiging=vestiging, door=door)


def test_vestiging_mag_in_een_ander_tijdvak_in_een_andere_regio(regio, door):
    vestiging = VestigingFactory()
    services.voeg_vestiging_toe(regio=regio, vestiging=vestiging, door=door)
    vorig = RegioFactory(tijdvak=Tijdvak.objects.get(code="tijdvak-1"))
    services.voeg_vestiging_toe(regio=vorig, vestiging=vestiging, door=door)
    assert vestiging.deelnames.count() == 2


def test_voeg_vestiging_toe_weigert_vestiging_die_niet_meer_in_het_register_staat(regio, door):
    with pytest.raises(ValidationError, match="niet meer in het scholenregister"):
        services.voeg_vestiging_toe(
            regio=regio, vestiging=VestigingFactory(in_register=False), door=door
        )


def test_ingediende_regio_krijgt_geen_nieuwe_deelnemers(regio, door):
    Regio.objects.filter(pk=regio.pk).update(status=Regiostatus.INGEDIEND)
    with pytest.raises(DossierBevroren, match="kan niet meer worden gewijzigd"):
        services.voeg_vestiging_toe(regio=regio, vestiging=VestigingFactory(), door=door)
    assert not Deelname.objects.exists()


def test_voeg_organisatie_toe_als_penvoerder(regio, door):
    bestuur = schoolbestuur(naam="Stichting Kwartierscholen")
    deelname = services.voeg_organisatie_toe(
        regio=regio, organisatie=bestuur, door=door, is_penvoerder=True
    )
    deelname.refresh_from_db()
    assert deelname.is_penvoerder
    assert laatste(Actie.DEELNAME_TOEGEVOEGD).gegevens["organisatie"] == bestuur.naam
    assert laatste(Actie.PENVOERDER_AANGEWEZEN).gegevens["nieuw"] == bestuur.naam


def test_voeg_organisatie_toe_weigert_organisatie_die_al_meedoet(regio, door):
    organisatie = OrganisatieFactory()
    services.voeg_organisatie_toe(regio=regio, organisatie=organisatie, door=door)
    with pytest.raises(ValidationError, match="doet al mee in deze regio"):
        services.voeg_organisatie_toe(regio=regio, organisatie=organisatie, door=door)
    assert regio.deelnames.count() == 1


def test_bedrijf_als_penvoerder_laat_geen_halve_deelname_achter(regio, door):
    bedrijf = OrganisatieFactory(naam="Kwartier Techniek BV")
    with pytest.raises(ValidationError) as fout:
        services.voeg_organisatie_toe(
            regio=regio, organisatie=bedrijf, door=door, is_penvoerder=True
        )
    assert "kan geen penvoerder zijn" in fout.value.messages[0]
    assert "schoolbestuur" in fout.value.messages[0]
    assert not Deelname.objects.exists()
    assert not Gebeurtenis.objects.exists()


def test_wijs_penvoerder_aan_verplaatst_de_vlag(regio, door):
    eerste = services.voeg_organisatie_toe(
        regio=regio, organisatie=schoolbestuur(naam="Bestuur A"), door=door, is_penvoerder=True
    )
    tweede = services.voeg_organisatie_toe(
        regio=regio, organisatie=schoolbestuur(naam="Bestuur B"), door=door
    )

    services.wijs_penvoerder_aan(regio=regio, deelname=tweede, door=door)

    assert list(regio.deelnames.filter(is_penvoerder=True)) == [tweede]
    eerste.refresh_from_db()
    assert not eerste.is_penvoerder
    gebeurtenis = laatste(Actie.PENVOERDER_AANGEWEZEN)
    assert gebeurtenis.gegevens["vorige"] == "Bestuur A"
    assert gebeurtenis.gegevens["nieuw"] == "Bestuur B"
    assert "Bestuur A → Bestuur B" in gebeurtenis.omschrijving


def test_wijs_penvoerder_aan_weigert_bedrijf_en_vestiging(regio, door):
    bestuur = services.voeg_organisatie_toe(
        regio=regio, organisatie=schoolbestuur(), door=door, is_penvoerder=True
    )
    bedrijf = services.voeg_organisatie_toe(
        regio=regio, organisatie=OrganisatieFactory(), door=door
    )
    school = services.voeg_vestiging_toe(regio=regio, vestiging=VestigingFactory(), door=door)

    with pytest.raises(ValidationError, match="kan geen penvoerder zijn"):
        services.wijs_penvoerder_aan(regio=regio, deelname=bedrijf, door=door)
    with pytest.raises(ValidationError, match="geen schoolvestiging"):
        services.wijs_penvoerder_aan(regio=regio, deelname=school, door=door)

    assert list(regio.deelnames.filter(is_penvoerder=True)) == [bestuur]


def test_wijs_penvoerder_aan_weigert_deelname_van_andere_regio(regio, tijdvak, door):
    andere = RegioFactory(tijdvak=tijdvak)
    elders = services.voeg_organisatie_toe(regio=andere, organisatie=schoolbestuur(), door=door)
    with pytest.raises(ValidationError, match="andere regio"):
        services.wijs_penvoerder_aan(regio=regio, deelname=elders, door=door)


def test_beeindig_deelname_maakt_de_vestiging_vrij(regio, tijdvak, door):
    vestiging = VestigingFactory()
    deelname = services.voeg_vestiging_toe(regio=regio, vestiging=vestiging, door=door)

    services.beeindig_deelname(
        deelname=deelname, door=door, einddatum=datetime.date(2026, 12, 31), reden="Fusie"
    )

    deelname.refresh_from_db()
    assert deelname.status == Deelnamestatus.BEEINDIGD
    assert deelname.einddatum == datetime.date(2026, 12, 31)
    gebeurtenis = laatste(Actie.DEELNAME_BEEINDIGD)
    assert (gebeurtenis.van_status, gebeurtenis.naar_status) == ("actief", "beeindigd")
    assert gebeurtenis.reden == "Fusie"
    andere = RegioFactory(tijdvak=tijdvak)
    services.voeg_vestiging_toe(regio=andere, vestiging=vestiging, door=door)


def test_beeindig_deelname_weigert_penvoerder_en_dubbel_beeindigen(regio, door):
    penvoerder = services.voeg_organisatie_toe(
        regio=regio, organisatie=schoolbestuur(), door=door, is_penvoerder=True
    )
    with pytest.raises(ValidationError, match="wijs eerst een andere penvoerder aan"):
        services.beeindig_deelname(deelname=penvoerder, door=door)

    school = services.voeg_vestiging_toe(regio=regio, vestiging=VestigingFactory(), door=door)
    services.beeindig_deelname(deelname=school, door=door)
    with pytest.raises(ValidationError, match="al beëindigd"):
        services.beeindig_deelname(deelname=school, door=door)
    assert Gebeurtenis.objects.filter(actie=Actie.DEELNAME_BEEINDIGD).count() == 1


def test_wijzig_deelname_weigert_andere_deelnemer(regio, door):
    deelname = services.voeg_vestiging_toe(regio=regio, vestiging=VestigingFactory(), door=door)
    assert services.wijzig_deelname(deelname=deelname, door=door, toelichting="Pilotschool") == [
        "toelichting"
    ]
    with pytest.raises(ValidationError, match="penvoerder aanwijzen"):
        services.wijzig_deelname(deelname=deelname, door=door, vestiging=VestigingFactory())


def test_verwijder_deelname_legt_vast_wie_het_was(regio, door):
    deelname = services.voeg_vestiging_toe(regio=regio, vestiging=VestigingFactory(), door=door)
    services.verwijder_deelname(deelname=deelname, door=door, reden="Vergissing")
    assert not Deelname.objects.exists()
    assert laatste(Actie.DEELNAME_VERWIJDERD).reden == "Vergissing"


# --- governance --------------------------------------------------------------------------


def test_maak_orgaan_en_dubbele_naam_geweigerd(regio, door):
    orgaan = services.maak_orgaan(
        regio=regio, soort=Orgaansoort.STUURGROEP, naam="Stuurgroep", door=door, taak="Besluit"
    )
    assert laatste(Actie.ORGAAN_AANGEMAAKT).onderwerp == orgaan
    with pytest.raises(ValidationError, match="al een orgaan met deze naam"):
        services.maak_orgaan(regio=regio, soort=Orgaansoort.WERKGROEP, naam="Stuurgroep", door=door)
    assert Bestuursorgaan.objects.count() == 1


def test_ken_rol_toe_in_orgaan_namens_deelnemer(regio, door):
    gemeente = OrganisatieFactory(soort=Organisatiesoort.GEMEENTE, naam="Gemeente Westerkwartier")
    services.voeg_organisatie_toe(regio=regio, organisatie=gemeente, door=door)
    stuurgroep = BestuursorgaanFactory(regio=regio)
    persoon = PersoonFactory()

    rol = services.ken_rol_toe(
        regio=regio,
        persoon=persoon,
        soort=Rolsoort.STUURGROEPLID,
        door=door,
        orgaan=stuurgroep,
        namens=gemeente,
    )

    assert rol.orgaan == stuurgroep
    gebeurtenis = laatste(Actie.ROL_TOEGEKEND)
    assert gebeurtenis.gegevens["namens"] == "Gemeente Westerkwartier"
    assert gebeurtenis.regio == regio


def test_ken_rol_toe_weigert_orgaan_van_andere_regio(regio, tijdvak, door):
    vreemd = BestuursorgaanFactory(regio=RegioFactory(tijdvak=tijdvak))
    with pytest.raises(ValidationError, match="hoort bij een andere regio"):
        services.ken_rol_toe(
            regio=regio,
            persoon=PersoonFactory(),
            soort=Rolsoort.STUURGROEPLID,
            door=door,
            orgaan=vreemd,
        )
    assert not Rol.objects.exists()
    assert not Gebeurtenis.objects.exists()


def test_ken_rol_toe_weigert_passende_fouten(regio, door):
    persoon = PersoonFactory()
    werkgroep = BestuursorgaanFactory(regio=regio, soort=Orgaansoort.WERKGROEP, naam="Werkgroep")
    with pytest.raises(ValidationError, match="hoort niet in Werkgroep"):
        services.ken_rol_toe(
            regio=regio, persoon=persoon, soort=Rolsoort.STUURGROEPLID, door=door, orgaan=werkgroep
        )
    with pytest.raises(ValidationError, match="doet niet mee in deze regio"):
        services.ken_rol_toe(
            regio=regio,
            persoon=persoon,
            soort=Rolsoort.CONTACTPERSOON,
            door=door,
            namens=OrganisatieFactory(),
        )
    services.ken_rol_toe(regio=regio, persoon=persoon, soort=Rolsoort.PROGRAMMAMANAGER, door=door)
    with pytest.raises(ValidationError, match="is al programmamanager"):
        services.ken_rol_toe(
            regio=regio, persoon=persoon, soort=Rolsoort.PROGRAMMAMANAGER, door=door
        )
    assert Rol.objects.count() == 1


def test_wijzig_rol_en_trek_rol_in(regio, door):
    rol = RolFactory(regio=regio, soort=Rolsoort.PROJECTLEIDER)
    services.wijzig_rol(rol=rol, door=door, startdatum=datetime.date(2026, 8, 1))
    assert laatste(Actie.ROL_GEWIJZIGD).gegevens["wijzigingen"] == {
        "startdatum": [None, "2026-08-01"]
    }
    services.trek_rol_in(rol=rol, door=door, reden="Vertrokken")
    assert not Rol.objects.exists()
    assert laatste(Actie.ROL_INGETROKKEN).reden == "Vertrokken"


def test_verwijder_orgaan_noemt_de_leden(regio, door):
    stuurgroep = BestuursorgaanFactory(regio=regio)
    RolFactory(regio=regio, orgaan=stuurgroep, soort=Rolsoort.STUURGROEPLID)
    services.verwijder_orgaan(orgaan=stuurgroep, door=door)
    assert not Rol.objects.exists()
    assert len(laatste(Actie.ORGAAN_VERWIJDERD).gegevens["leden"]) == 1


# --- partners ----------------------------------------------------------------------------


def test_maak_organisatie_normaliseert_kvk_en_legt_vast(door):
    organisatie = partners.maak_organisatie(
        naam="Makerslab Zuidhorn",
        soort=Organisatiesoort.TECHLAB,
        kvk_nummer="9901 0007",
        postcode="9801 ab",
        door=door,
    )
    assert organisatie.kvk_nummer == "99010007"
    assert organisatie.postcode == "9801AB"
    assert laatste(Actie.ORGANISATIE_AANGEMAAKT).gegevens["kvk_nummer"] == "99010007"


def test_maak_organisatie_weigert_ongeldig_en_dubbel_kvk_nummer(door):
    with pytest.raises(ValidationError) as fout:
        partners.maak_organisatie(
            naam="Fout BV", soort=Organisatiesoort.BEDRIJF, kvk_nummer="1234", door=door
        )
    assert "8 cijfers" in str(fout.value)
    OrganisatieFactory(naam="Eerste BV", kvk_nummer="99010001")
    with pytest.raises(ValidationError, match="al een organisatie met KvK-nummer 99010001: Eerste"):
        partners.maak_organisatie(
            naam="Tweede BV", soort=Organisatiesoort.BEDRIJF, kvk_nummer="99010001", door=door
        )
    assert Organisatie.objects.count() == 1
    assert not Gebeurtenis.objects.exists()


def test_maak_persoon_met_account_kan_inloggen(door):
    organisatie = OrganisatieFactory()
    persoon = partners.maak_persoon(
        voornaam="Fenna",
        achternaam="Bakker",
        tussenvoegsel="de",
        email="Fenna@Kwartier.EXAMPLE",
        organisatie=organisatie,
        gebruikersnaam="fenna",
        wachtwoord="een-lang-wachtwoord",
        door=door,
    )
    assert persoon.email == "Fenna@kwartier.example"
    assert persoon.gebruiker.get_full_name() == "Fenna de Bakker"
    assert authenticate(username="fenna", password="een-lang-wachtwoord") == persoon.gebruiker
    assert laatste(Actie.PERSOON_AANGEMAAKT).gegevens["gebruiker"] == "fenna"
    assert laatste(Actie.GEBRUIKER_AANGEMAAKT).onderwerp == persoon.gebruiker


def test_maak_persoon_weigert_dubbel_email_zonder_account_achter_te_laten(door):
    PersoonFactory(email="fenna@kwartier.example")
    with pytest.raises(ValidationError, match="al een persoon met het e-mailadres"):
        partners.maak_persoon(
            voornaam="Fenna",
            achternaam="Bakker",
            email="FENNA@kwartier.example",
            gebruikersnaam="fenna",
            door=door,
        )
    assert not Gebruiker.objects.filter(username="fenna").exists()
    assert Persoon.objects.count() == 1


def test_maak_persoon_weigert_account_van_een_ander(door):
    gebruiker = GebruikerFactory()
    PersoonFactory(gebruiker=gebruiker)
    with pytest.raises(ValidationError, match="hoort al bij een andere persoon"):
        partners.maak_persoon(
            voornaam="Sam", achternaam="Smit", email="sam@x.example", gebruiker=gebruiker, door=door
        )


def test_maak_gebruiker_met_groep_en_onbekende_groep(door):
    gebruiker = partners.maak_gebruiker(
        gebruikersnaam="beoordelaar", email="b@ocw.example", groepen=[BEOORDELAARS], door=door
    )
    assert list(gebruiker.groups.values_list("name", flat=True)) == [BEOORDELAARS]
    assert not gebruiker.has_usable_password()
    with pytest.raises(ValidationError, match="Onbekende groep"):
        partners.maak_gebruiker(
            gebruikersnaam="x", email="x@ocw.example", groepen=["Bestaat niet"], door=door
        )
    assert not Gebruiker.objects.filter(username="x").exists()


def test_beoordeel_vestiging_vraagt_een_reden_en_legt_vast(door):
    vestiging = VestigingFactory(onderwijstype="VBO")
    assert not vestiging.telt_mee
    with pytest.raises(ValidationError, match="waarom"):
        partners.beoordeel_vestiging(vestiging=vestiging, telt_mee=True, reden=" ", door=door)
    partners.beoordeel_vestiging(
        vestiging=vestiging, telt_mee=True, reden="Heeft ook een mavo-afdeling", door=door
    )
    vestiging.refresh_from_db()
    assert vestiging.telt_mee
    assert laatste(Actie.VESTIGING_BEOORDEELD).gegevens["telt_mee"] == [False, True]


def test_wijzigingen_van_de_samenstelling_verhogen_de_dossierversie(regio, door):
    versie = regio.versie
    deelname = services.voeg_vestiging_toe(regio=regio, vestiging=VestigingFactory(), door=door)
    services.wijzig_deelname(deelname=deelname, door=door, toelichting="Pilot")
    regio.refresh_from_db()
    assert regio.versie == versie + 2


def test_opgegeven_leerlingen_nooit_boven_het_register(regio, door):
    deelname = services.voeg_vestiging_toe(
        regio=regio, vestiging=VestigingFactory(leerlingen=300), door=door
    )
    with pytest.raises(ValidationError, match="het register telt er 300"):
        services.wijzig_deelname(deelname=deelname, door=door, opgegeven_leerlingen=301)
    services.wijzig_deelname(
        deelname=deelname,
        door=door,
        opgegeven_leerlingen=180,
        leerlingen_toelichting="Alleen mavo",
    )
    deelname.refresh_from_db()
    assert deelname.opgegeven_leerlingen == 180


def test_wijzig_regio_weigert_ander_tijdvak(regio, door):
    with pytest.raises(ValidationError, match="niet naar een ander tijdvak"):
        services.wijzig_regio(regio=regio, door=door, tijdvak=Tijdvak.objects.get(code="tijdvak-1"))
