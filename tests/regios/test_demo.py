"""``manage.py demo`` on the real school register: five regions that meet the minimum, a
login per role that works with the printed password, and a second run that changes nothing."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ecosysteem.account import tweestaps
from ecosysteem.models import Gebeurtenis, Gebruiker
from ecosysteem.rollen import BEHEERDERS, BEOORDELAARS, BESLUITVORMERS
from kompas.models import Activiteit, Scaninzending, Scanronde
from partners.models import SCHOOLSOORTEN, Organisatie, Organisatiesoort, Persoon, Vestiging
from regios.models import (
    LOPENDE_DEELNAME,
    Bestuursorgaan,
    Convenant,
    Deelname,
    Ondertekening,
    Regio,
    Rol,
    Rolsoort,
)
from tests.factories import VestigingFactory

pytestmark = pytest.mark.django_db

MODELLEN = (
    Regio,
    Deelname,
    Organisatie,
    Persoon,
    Gebruiker,
    Bestuursorgaan,
    Rol,
    Gebeurtenis,
    Activiteit,
    Convenant,
    Ondertekening,
    Scanronde,
    Scaninzending,
)
SLUGS = {"westerkwartier", "waterland", "stedendriehoek", "limburg", "noordoost-brabant"}


def tellingen() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in MODELLEN}


def draai_demo(*args) -> str:
    uitvoer = StringIO()
    call_command("demo", *args, stdout=uitvoer)
    return uitvoer.getvalue()


def accounts(uitvoer: str) -> dict[str, str]:
    """User name and password from the printed login table (first and last column)."""
    tabel = uitvoer.split("Inloggen")[1].split("\n\n")[0].splitlines()
    rijen = [r.split() for r in tabel[3:] if r.strip() and not r.startswith("Bestaande")]
    return {rij[0]: rij[-1] for rij in rijen}


def tweestapstabel(uitvoer: str) -> dict[str, tuple[str, list[str]]]:
    """User name, app key and backup codes from the printed second-factor table."""
    tabel = uitvoer.split("Tweestapsverificatie")[1].split("\n\n")[0].splitlines()[3:]
    rijen = {}
    for regel in tabel:
        if not regel.strip() or regel.startswith("Na het"):
            break
        delen = regel.split()
        # user name, the key in eight groups of four, three backup codes
        rijen[delen[0]] = (" ".join(delen[1:9]), delen[9:])
    return rijen


def test_demo_zonder_register_verwijst_naar_de_import():
    with pytest.raises(CommandError, match=r"python manage\.py import_scholen"):
        draai_demo()
    assert not Regio.objects.exists()


def test_demo_zonder_debug_vraagt_een_gekozen_wachtwoordbasis(settings, monkeypatch):
    VestigingFactory()
    settings.DEBUG = False
    settings.DEMO_WACHTWOORD = ""
    monkeypatch.delenv("DEMO_WACHTWOORD", raising=False)
    with pytest.raises(CommandError, match="DEMO_WACHTWOORD"):
        draai_demo()
    assert not Gebruiker.objects.exists()


def test_demo_op_het_echte_register_is_volledig_en_herhaalbaar(settings):
    settings.DEMO_WACHTWOORD = "proef-demo"
    call_command("import_scholen", stdout=StringIO())
    assert Vestiging.objects.count() > 8000

    eerste = draai_demo()

    regios = Regio.objects.filter(tijdvak__code="tijdvak-2")
    assert set(regios.values_list("slug", flat=True)) == SLUGS
    niet_tellend = 0
    for regio in regios:
        lopend = regio.deelnames.filter(LOPENDE_DEELNAME)
        po = lopend.filter(vestiging__sector="po", vestiging__telt_mee=True).count()
        vo = lopend.filter(vestiging__sector="vo", vestiging__telt_mee=True).count()
        assert po >= 20, regio
        assert vo >= 3, regio
        niet_tellend += lopend.filter(vestiging__telt_mee=False).count()
        penvoerders = list(lopend.filter(is_penvoerder=True).select_related("organisatie"))
        assert len(penvoerders) == 1, regio
        assert penvoerders[0].organisatie.soort in SCHOOLSOORTEN
        assert regio.organen.filter(soort="stuurgroep").exists()
        assert {
            Rolsoort.PROGRAMMAMANAGER,
            Rolsoort.PROJECTLEIDER,
            Rolsoort.STUURGROEPLID,
            Rolsoort.CONTACTPERSOON,
        } <= set(regio.rollen.values_list("soort", flat=True))
        assert regio.sto_relatie and regio.visie and regio.gemeenten.exists()
        assert regio.activiteiten.count() >= 2, regio
        for activiteit in regio.activiteiten.all():
            assert activiteit.kompaspunten.exists() and activiteit.partners.exists()
        convenant = regio.convenanten.get(ingangsdatum=datetime.date(2026, 9, 1))
        getekend = convenant.ondertekeningen.count()
        # Some partners signed, not all: the page shows both.
        assert 1 <= getekend < lopend.filter(organisatie__isnull=False).count(), regio
        assert convenant.ondertekeningen.filter(organisatie=penvoerders[0].organisatie).exists()
    assert niet_tellend >= 1
    # Budget lines are linked where a region has a budget plan.
    assert Activiteit.objects.filter(begrotingsregels__isnull=False).exists()
    # The coverage differs between regions.
    niveaus = {
        tuple(sorted(regio.activiteiten.values_list("interventieniveau", flat=True)))
        for regio in regios
    }
    assert len(niveaus) == len(SLUGS)

    # Waterland's earlier agreement ends soon, counted from the day of the run.
    vandaag = timezone.localdate()
    bijna_af = Convenant.objects.exclude(ingangsdatum=datetime.date(2026, 9, 1)).get(
        regio__slug="waterland"
    )
    assert vandaag < bijna_af.einddatum <= vandaag + datetime.timedelta(days=60)
    assert bijna_af.ondertekeningen.exists()

    rondes = Scanronde.objects.filter(regio__slug="westerkwartier")
    gesloten = rondes.get(gesloten_op__isnull=False)
    assert gesloten.inzendingen.count() >= 3
    assert set(gesloten.inzendingen.values_list("persoon__gebruiker__username", flat=True)) == {
        "pm-westerkwartier",
        "pl-westerkwartier",
        "sg-westerkwartier",
        "partner-westerkwartier",
    }
    assert rondes.filter(gesloten_op__isnull=True).count() == 1
    te_weinig = Scanronde.objects.get(regio__slug="limburg")
    assert not te_weinig.is_open and te_weinig.inzendingen.count() == 2
    soorten = set(
        Deelname.objects.filter(organisatie__isnull=False).values_list(
            "organisatie__soort", flat=True
        )
    )
    assert {
        Organisatiesoort.SCHOOLBESTUUR,
        Organisatiesoort.BEDRIJF,
        Organisatiesoort.MUSEUM,
        Organisatiesoort.BIBLIOTHEEK,
        Organisatiesoort.WETENSCHAPSCENTRUM,
        Organisatiesoort.TECHLAB,
        Organisatiesoort.GEMEENTE,
        Organisatiesoort.PROVINCIE,
        Organisatiesoort.KINDEROPVANG,
        Organisatiesoort.MBO,
        Organisatiesoort.HBO,
        Organisatiesoort.UNIVERSITEIT,
        Organisatiesoort.VERENIGING,
    } <= soorten
    # Every write went through a service, so the audit trail names each participation.
    assert (
        Gebeurtenis.objects.filter(actie="deelname.toegevoegd").count() == Deelname.objects.count()
    )

    gedrukt = accounts(eerste)
    for gebruikersnaam in (
        "pm-westerkwartier",
        "pl-waterland",
        "sg-stedendriehoek",
        "partner-limburg",
        "pm-noordoost-brabant",
        "beoordelaar",
        "besluitvormer",
        "beheerder",
    ):
        gebruiker = authenticate(username=gebruikersnaam, password=gedrukt[gebruikersnaam])
        assert gebruiker is not None, gebruikersnaam
    assert len(gedrukt) == 23
    pm = Gebruiker.objects.get(username="pm-westerkwartier")
    assert pm.persoon.rollen.filter(
        soort=Rolsoort.PROGRAMMAMANAGER, regio__slug="westerkwartier"
    ).exists()
    assert Gebruiker.objects.get(username="beoordelaar").groups.filter(name=BEOORDELAARS).exists()
    assert (
        Gebruiker.objects.get(username="besluitvormer").groups.filter(name=BESLUITVORMERS).exists()
    )
    beheerder = Gebruiker.objects.get(username="beheerder")
    assert beheerder.is_staff and beheerder.is_superuser
    assert beheerder.groups.filter(name=BEHEERDERS).exists()

    # The ministry's accounts need a second factor: each has an app with the printed key,
    # and a printed backup code logs in once.
    tweede_factor = tweestapstabel(eerste)
    assert set(tweede_factor) == {"beoordelaar", "besluitvormer", "beheerder"}
    for gebruikersnaam, (sleutel, codes) in tweede_factor.items():
        gebruiker = Gebruiker.objects.get(username=gebruikersnaam)
        apparaat = TOTPDevice.objects.get(user=gebruiker, confirmed=True)
        assert tweestaps.sleutel_als_tekst(apparaat.key) == sleutel
        assert set(
            StaticToken.objects.filter(device__user=gebruiker).values_list("token", flat=True)
        ) == set(codes)

    # One region waits for a decision: submitted, assigned to the demo reviewer, assessed,
    # each step through the services and so on its timeline.
    westerkwartier = Regio.objects.get(slug="westerkwartier")
    assert westerkwartier.status == "in_beoordeling"
    assert westerkwartier.beoordeling.beoordelaar.username == "beoordelaar"
    assert westerkwartier.beoordeling.indiening == westerkwartier.indieningen.get()
    assert westerkwartier.beoordeling.scores.count() == 5
    assert {
        "dossier.ingediend",
        "beoordeling.toegewezen",
        "beoordeling.vastgelegd",
    } <= set(westerkwartier.gebeurtenissen.values_list("actie", flat=True))

    voor = tellingen()
    tweede = draai_demo()
    assert tellingen() == voor
    assert "Niets gewijzigd" in tweede
    assert accounts(tweede) == gedrukt

    Gebruiker.objects.filter(username="pm-waterland").update(password="!")
    hersteld = draai_demo("--herstel-wachtwoorden")
    assert "Wachtwoord teruggezet voor 23" in hersteld
    assert authenticate(username="pm-waterland", password=gedrukt["pm-waterland"]) is not None
    assert tellingen() == voor

    # A printed backup code works once; restoring brings it back.
    reservecode = tweede_factor["besluitvormer"][1][0]
    besluitvormer = Gebruiker.objects.get(username="besluitvormer")
    assert tweestaps.controleer_code(besluitvormer, reservecode)[0] is not None
    assert tweestaps.controleer_code(besluitvormer, reservecode)[0] is None
    draai_demo("--herstel-wachtwoorden")
    assert tweestaps.controleer_code(besluitvormer, reservecode)[0] is not None
