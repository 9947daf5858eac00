"""Bodies and roles are dossier content: their services guard the dossier themselves (the
freeze, the form's version, the version raised), and the region keeps a programme manager
on every path that can end that role."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis
from regios import services
from regios.bewerken import DossierBevroren, DossierGewijzigd
from regios.models import Bestuursorgaan, Regio, Regiostatus, Rol, Rolsoort
from tests.factories import BestuursorgaanFactory, GebruikerFactory, PersoonFactory, RegioFactory

pytestmark = pytest.mark.django_db

LAATSTE = "is de enige programmamanager van de regio"


@pytest.fixture
def door():
    return GebruikerFactory(username="beheer", is_staff=True, is_superuser=True)


@pytest.fixture
def regio():
    return RegioFactory(naam="Westerkwartier")


@pytest.fixture
def pm(regio, door):
    return services.ken_rol_toe(
        regio=regio,
        persoon=PersoonFactory(voornaam="Femke", achternaam="Bakker"),
        soort=Rolsoort.PROGRAMMAMANAGER,
        door=door,
    )


def versie(regio) -> int:
    return Regio.objects.get(pk=regio.pk).versie


def test_elke_wijziging_van_bestuur_verhoogt_de_versie(regio, door, pm):
    begin = versie(regio)
    orgaan = services.maak_orgaan(regio=regio, soort="stuurgroep", naam="Stuurgroep", door=door)
    services.wijzig_orgaan(orgaan=orgaan, door=door, taak="Besluit over de begroting")
    rol = services.ken_rol_toe(
        regio=regio,
        persoon=PersoonFactory(),
        soort=Rolsoort.STUURGROEPLID,
        orgaan=orgaan,
        door=door,
    )
    services.wijzig_rol(rol=rol, door=door, startdatum=datetime.date(2026, 8, 1))
    services.trek_rol_in(rol=rol, door=door)
    services.verwijder_orgaan(orgaan=orgaan, door=door)
    assert versie(regio) == begin + 6
    # A change that changes nothing is no change of the dossier.
    assert services.wijzig_rol(rol=pm, door=door, soort=Rolsoort.PROGRAMMAMANAGER) == []
    assert versie(regio) == begin + 6


@pytest.mark.parametrize(
    "status", [Regiostatus.INGEDIEND, Regiostatus.IN_BEOORDELING, Regiostatus.AFGEWEZEN]
)
def test_bestuur_van_een_bevroren_dossier_wordt_geweigerd(regio, door, pm, status):
    orgaan = BestuursorgaanFactory(regio=regio, naam="Stuurgroep")
    lid = Rol.objects.create(
        regio=regio, persoon=PersoonFactory(), soort=Rolsoort.STUURGROEPLID, orgaan=orgaan
    )
    Regio.objects.filter(pk=regio.pk).update(status=status)
    regio.refresh_from_db()
    begin, gebeurtenissen = versie(regio), Gebeurtenis.objects.count()

    stappen = [
        lambda: services.maak_orgaan(regio=regio, soort="werkgroep", naam="Werkgroep", door=door),
        lambda: services.wijzig_orgaan(orgaan=orgaan, door=door, naam="Andere naam"),
        lambda: services.verwijder_orgaan(orgaan=orgaan, door=door),
        lambda: services.ken_rol_toe(
            regio=regio, persoon=PersoonFactory(), soort=Rolsoort.PROJECTLEIDER, door=door
        ),
        lambda: services.ken_rol_toe(
            regio=regio,
            soort=Rolsoort.PROJECTLEIDER,
            door=None,
            nieuwe_persoon={"voornaam": "A", "achternaam": "B", "email": "a@b.nl"},
        ),
        lambda: services.wijzig_rol(rol=lid, door=door, startdatum=datetime.date(2026, 9, 1)),
        lambda: services.trek_rol_in(rol=lid, door=door),
    ]
    for stap in stappen:
        with pytest.raises(DossierBevroren):
            stap()

    assert Bestuursorgaan.objects.filter(regio=regio).count() == 1
    assert Rol.objects.filter(regio=regio).count() == 2
    assert (versie(regio), Gebeurtenis.objects.count()) == (begin, gebeurtenissen)


def test_rol_op_een_oude_versie_wordt_geweigerd(regio, door, pm):
    with pytest.raises(DossierGewijzigd):
        services.ken_rol_toe(
            regio=regio,
            persoon=PersoonFactory(),
            soort=Rolsoort.PROJECTLEIDER,
            door=door,
            versie=versie(regio) - 1,
        )
    assert Rol.objects.count() == 1


def test_laatste_programmamanager_blijft_bij_intrekken(regio, door, pm):
    with pytest.raises(ValidationError, match=f"Femke Bakker {LAATSTE}"):
        services.trek_rol_in(rol=pm, door=door)
    assert Rol.objects.filter(pk=pm.pk).exists()


@pytest.mark.parametrize(
    "wijziging",
    [
        {"soort": Rolsoort.PROJECTLEIDER},
        {"einddatum": datetime.date(2020, 1, 1)},
        {"einddatum": datetime.date(2099, 1, 1)},
    ],
    ids=["andere-soort", "einddatum-voorbij", "einddatum-later"],
)
def test_laatste_programmamanager_blijft_bij_wijzigen(regio, door, pm, wijziging):
    with pytest.raises(ValidationError, match=LAATSTE):
        services.wijzig_rol(rol=pm, door=door, **wijziging)
    pm.refresh_from_db()
    assert (pm.soort, pm.einddatum) == (Rolsoort.PROGRAMMAMANAGER, None)
    assert not Gebeurtenis.objects.filter(actie=Actie.ROL_GEWIJZIGD).exists()


def test_laatste_programmamanager_blijft_bij_opheffen_van_zijn_orgaan(regio, door):
    kerngroep = BestuursorgaanFactory(regio=regio, soort="kerngroep", naam="Kerngroep")
    Rol.objects.create(
        regio=regio,
        persoon=PersoonFactory(voornaam="Femke", achternaam="Bakker"),
        soort=Rolsoort.PROGRAMMAMANAGER,
        orgaan=kerngroep,
    )
    with pytest.raises(ValidationError, match=LAATSTE):
        services.verwijder_orgaan(orgaan=kerngroep, door=door)
    assert Bestuursorgaan.objects.filter(pk=kerngroep.pk).exists()


def test_met_een_tweede_programmamanager_mag_de_eerste_gaan(regio, door, pm):
    tweede = services.ken_rol_toe(
        regio=regio, persoon=PersoonFactory(), soort=Rolsoort.PROGRAMMAMANAGER, door=door
    )
    services.wijzig_rol(rol=pm, door=door, einddatum=datetime.date(2026, 12, 31))
    services.trek_rol_in(rol=pm, door=door)
    assert Rol.objects.filter(regio=regio, soort=Rolsoort.PROGRAMMAMANAGER).get() == tweede
    ouder = Rol.objects.create(
        regio=regio,
        persoon=PersoonFactory(),
        soort=Rolsoort.PROGRAMMAMANAGER,
        einddatum=datetime.date(2020, 1, 1),
    )
    # A role that ended does not count as the one that stays, and takes nothing away.
    with pytest.raises(ValidationError, match=LAATSTE):
        services.trek_rol_in(rol=tweede, door=door)
    services.trek_rol_in(rol=ouder, door=door)


def test_nieuwe_persoon_krijgt_een_rol_en_fouten_staan_bij_het_veld(regio, door, pm):
    rol = services.ken_rol_toe(
        regio=regio,
        soort=Rolsoort.PROJECTLEIDER,
        door=door,
        nieuwe_persoon={"voornaam": "Sanne", "achternaam": "Vries", "email": "s@v.nl"},
    )
    assert rol.persoon.email == "s@v.nl"
    with pytest.raises(ValidationError) as fout:
        services.ken_rol_toe(
            regio=regio, persoon=rol.persoon, soort=Rolsoort.PROJECTLEIDER, door=door
        )
    assert list(fout.value.message_dict) == ["soort"]
