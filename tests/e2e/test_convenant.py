"""The Convenant page as a programme manager uses it in the browser."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from regios.models import Convenant, Ondertekening, Rolsoort, Tijdvak
from tests.factories import (
    DeelnameFactory,
    GebruikerFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    RolFactory,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def regio():
    regio = RegioFactory(
        naam="Westerkwartier", slug="westerkwartier", tijdvak=Tijdvak.objects.get(code="tijdvak-2")
    )
    for naam in ("Fablab Zuidhorn", "Stichting Primair Westerkwartier"):
        DeelnameFactory(regio=regio, organisatie=OrganisatieFactory(naam=naam), vestiging=None)
    return regio


@pytest.fixture
def programmamanager(regio, ingelogd_als):
    gebruiker = GebruikerFactory(first_name="Noor", last_name="Bakker")
    RolFactory(
        regio=regio, persoon=PersoonFactory(gebruiker=gebruiker), soort=Rolsoort.PROGRAMMAMANAGER
    )
    ingelogd_als(gebruiker)
    return gebruiker


def test_programme_manager_adds_an_agreement_and_a_signature(
    page, adres, regio, programmamanager, controleer_toegankelijkheid, schermafdruk
):
    vandaag = timezone.localdate()
    ingang = vandaag - datetime.timedelta(days=30)
    page.goto(adres(reverse("regios:convenant", kwargs={"slug": regio.slug})))
    page.get_by_text("De regio heeft nog geen lopend convenant vastgelegd.").wait_for()
    controleer_toegankelijkheid()

    # A mistake first: the end before the start, told in Dutch next to the field.
    formulier = page.locator("#convenant-toevoegen")
    formulier.get_by_label("Titel").fill("Samenwerkingsconvenant Westerkwartier")
    formulier.get_by_label("Ingangsdatum").fill(ingang.isoformat())
    formulier.get_by_label("Einddatum").fill((ingang - datetime.timedelta(days=1)).isoformat())
    formulier.get_by_role("button", name="Convenant toevoegen").click()
    page.locator("#id_einddatum_error").get_by_text(
        "De einddatum moet na de ingangsdatum liggen."
    ).wait_for()
    controleer_toegankelijkheid()

    formulier = page.locator("#convenant-toevoegen")
    formulier.get_by_label("Einddatum").fill("")
    formulier.get_by_role("button", name="Convenant toevoegen").click()
    page.get_by_text(
        "Het convenant Samenwerkingsconvenant Westerkwartier is toegevoegd."
    ).wait_for()
    convenant = Convenant.objects.get()
    assert convenant.einddatum == ingang.replace(year=ingang.year + 2)

    blok = page.locator(f"#convenant-{convenant.pk}")
    ontbrekend = page.locator(f"#convenant-{convenant.pk}-ontbrekend")
    assert "Fablab Zuidhorn" in ontbrekend.inner_text()
    assert "Nog geen enkele partner heeft getekend." in blok.inner_text()
    schermafdruk("convenant-toegevoegd")

    blok.get_by_role("link", name="Ondertekening vastleggen").click()
    page.get_by_label("Partner").select_option(label="Fablab Zuidhorn")
    page.get_by_label("Naam van wie tekende").fill("Jan Smit")
    page.get_by_label("Functie").fill("Directeur")
    page.get_by_label("Datum van ondertekening").fill(vandaag.isoformat())
    controleer_toegankelijkheid()
    page.get_by_role("button", name="Ondertekening vastleggen").click()

    page.get_by_text("De ondertekening door Fablab Zuidhorn is vastgelegd.").wait_for()
    tabel = blok.get_by_role("table")
    assert "Fablab Zuidhorn" in tabel.inner_text()
    assert "Jan Smit" in tabel.inner_text()
    assert "Fablab Zuidhorn" not in ontbrekend.inner_text()
    assert "Stichting Primair Westerkwartier" in ontbrekend.inner_text()
    assert Ondertekening.objects.get().organisatie.naam == "Fablab Zuidhorn"
    controleer_toegankelijkheid()
    schermafdruk("convenant-ondertekend")

    # Reflow: at 320 CSS pixels nothing needs scrolling sideways except inside a table.
    page.set_viewport_size({"width": 320, "height": 800})
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= 320
    schermafdruk("convenant-smal")
