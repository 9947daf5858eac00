"""Browser tests with axe on the pages of privacy and of joining an existing organisation:
Mijn gegevens and asking for erasure, the approval card that warns about an organisation
that exists already, the list of unconfirmed registrations, deciding on a join request on
Mijn organisatie, the expired confirmation link and the privacy statement."""

import datetime
import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from ecosysteem.models import Verwijderverzoek
from partners.bevestiging import TOKEN_ZOUT
from partners.models import Aanmelding, Aanmeldingstatus, Koppelverzoek, Koppelverzoekstatus
from regios.models import Deelname, Rol, Rolsoort
from subsidie.services.aanmelding import keur_aanmelding_goed
from tests.dossiers import leeg_dossier
from tests.factories import GebruikerFactory, OrganisatieFactory, PersoonFactory

pytestmark = pytest.mark.e2e


def aanmelding(regio, status, **velden) -> Aanmelding:
    return Aanmelding.objects.create(
        regio=regio,
        status=status,
        soort="bedrijf",
        naam=velden.pop("naam", "Fablab Zuidhorn"),
        kvk_nummer=velden.pop("kvk_nummer", "12345678"),
        postcode="9801AB",
        plaats="Zuidhorn",
        voornaam=velden.pop("voornaam", "Piet"),
        achternaam=velden.pop("achternaam", "Bakker"),
        email=velden.pop("email", "piet@voorbeeld.nl"),
        privacy_akkoord=True,
        **velden,
    )


def test_my_data_and_asking_for_erasure(page, adres, ingelogd_als, controleer_toegankelijkheid):
    regio = leeg_dossier(naam="Techregio Noord", slug="noord").regio
    fablab = OrganisatieFactory(naam="Fablab Zuidhorn")
    Deelname.objects.create(regio=regio, organisatie=fablab)
    femke = GebruikerFactory(first_name="Femke", last_name="de Boer")
    Rol.objects.create(
        regio=regio,
        persoon=PersoonFactory(gebruiker=femke, organisatie=fablab, voornaam="Femke"),
        soort=Rolsoort.CONTACTPERSOON,
        namens=fablab,
    )
    ingelogd_als(femke)
    page.goto(adres(reverse("home")))
    page.get_by_role("navigation").get_by_role("link", name="Mijn gegevens").click()
    page.get_by_role("heading", name="Mijn gegevens", level=1).wait_for()
    expect(page.locator("#rollen")).to_contain_text("Techregio Noord")
    controleer_toegankelijkheid()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download mijn gegevens (JSON)").click()
    assert download.value.suggested_filename.startswith("mijn-gegevens-regioportaal-")

    page.get_by_role("link", name="Gegevens laten wissen").click()
    page.get_by_role("heading", name="Gegevens laten wissen", level=1).wait_for()
    controleer_toegankelijkheid()
    page.get_by_role("button", name="Vraag om wissen").click()
    expect(page.get_by_text("Vink aan dat u begrijpt wat wissen betekent").first).to_be_visible()
    controleer_toegankelijkheid()
    page.get_by_label(re.compile("Ik begrijp dat ik na het wissen")).check()
    page.get_by_role("button", name="Vraag om wissen").click()
    page.get_by_role("heading", name="Mijn gegevens", level=1).wait_for()
    expect(page.locator("#open-verzoek")).to_be_visible()
    controleer_toegankelijkheid()
    assert Verwijderverzoek.objects.filter(gebruiker=femke).count() == 1


def test_the_warning_card_the_unconfirmed_list_and_deciding_on_a_join_request(
    page, adres, ingelogd_als, browsercontext, controleer_toegankelijkheid
):
    noord = leeg_dossier(naam="Techregio Noord", slug="noord")
    west = leeg_dossier(naam="Techregio West", slug="west")
    fablab = OrganisatieFactory(naam="Fablab Zuidhorn", kvk_nummer="12345678")
    Deelname.objects.create(regio=noord.regio, organisatie=fablab)
    anna = GebruikerFactory(first_name="Anna", last_name="Smit")
    Rol.objects.create(
        regio=noord.regio,
        persoon=PersoonFactory(gebruiker=anna, organisatie=fablab),
        soort=Rolsoort.CONTACTPERSOON,
        namens=fablab,
    )
    bevestigd = aanmelding(west.regio, Aanmeldingstatus.BEVESTIGD)
    aanmelding(
        west.regio,
        Aanmeldingstatus.TE_BEVESTIGEN,
        naam="Robotica BV",
        kvk_nummer="87654321",
        email="iemand@voorbeeld.nl",
    )

    ingelogd_als(west.programmamanager)
    page.goto(adres(reverse("regios:partners", args=["west"])))
    expect(page.locator(f"#aanmelding-{bevestigd.pk}-bestaat")).to_contain_text(
        "Fablab Zuidhorn staat al in het portaal"
    )
    expect(page.get_by_role("heading", name="Nog niet bevestigd")).to_be_visible()
    controleer_toegankelijkheid()

    keur_aanmelding_goed(aanmelding=bevestigd, door=west.programmamanager)
    verzoek = Koppelverzoek.objects.get()
    nieuw = verzoek.persoon.gebruiker

    browsercontext.clear_cookies()
    ingelogd_als(nieuw)
    page.goto(adres(reverse("subsidie:mijn_organisatie")))
    expect(page.locator(f"#eigen-verzoek-{verzoek.pk}")).to_contain_text("U hebt gevraagd")
    controleer_toegankelijkheid()

    browsercontext.clear_cookies()
    ingelogd_als(anna)
    page.goto(adres(reverse("subsidie:mijn_organisatie")))
    kaart = page.locator(f"#verzoek-{verzoek.pk}")
    expect(kaart).to_contain_text("Piet Bakker voor Fablab Zuidhorn")
    controleer_toegankelijkheid()
    kaart.get_by_role("button", name="Goedkeuren: Piet Bakker").click()
    expect(page.get_by_text("Piet Bakker mag nu namens Fablab Zuidhorn optreden.")).to_be_visible()
    verzoek.refresh_from_db()
    assert verzoek.status == Koppelverzoekstatus.GOEDGEKEURD


def test_the_expired_link_and_the_privacy_statement(page, adres, controleer_toegankelijkheid):
    regio = leeg_dossier(naam="Techregio Noord", slug="noord").regio
    oud = aanmelding(regio, Aanmeldingstatus.TE_BEVESTIGEN)
    Aanmelding.objects.filter(pk=oud.pk).update(
        aangemaakt_op=timezone.now() - datetime.timedelta(days=30)
    )
    token = signing.dumps({"a": oud.pk, "r": "noord"}, salt=TOKEN_ZOUT, compress=True)
    page.goto(adres(reverse("regios:aanmelding_bevestigen", args=[token])))
    page.get_by_role("heading", name="Bevestigen niet gelukt").wait_for()
    expect(page.get_by_role("link", name="Opnieuw aanmelden bij Techregio Noord")).to_be_visible()
    controleer_toegankelijkheid()

    page.goto(adres(reverse("privacy")))
    expect(page.locator("#bewaartermijnen")).to_contain_text("dagen")
    controleer_toegankelijkheid()
