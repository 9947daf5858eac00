"""Browser test: an organisation registers through the region's public form."""

import pytest
from django.urls import reverse

from partners.models import Aanmelding
from tests.dossiers import leeg_dossier

pytestmark = pytest.mark.e2e


def test_partner_fixes_a_bad_kvk_number_and_sees_the_confirmation_page(
    page, adres, controleer_toegankelijkheid
):
    regio = leeg_dossier().regio
    page.goto(adres(reverse("partners:aanmelden", args=[regio.slug])))
    controleer_toegankelijkheid()
    page.get_by_label("Soort organisatie").select_option("museum")
    page.get_by_label("Naam van de organisatie").fill("Techniekmuseum Noord")
    page.get_by_label("KvK-nummer").fill("1234")
    page.get_by_label("Postcode").fill("9712 AB")
    page.get_by_label("Plaats").fill("Groningen")
    page.get_by_label("Voornaam").fill("Joost")
    page.get_by_label("Achternaam", exact=True).fill("de Boer")
    page.get_by_label("E-mailadres").fill("joost@museum.example")
    page.get_by_label("gastlessen").check()
    page.get_by_label("Ik ga akkoord met de").check()
    page.get_by_role("button", name="Aanmelding versturen").click()

    fout = page.locator(".utrecht-form-field--invalid", has_text="KvK-nummer")
    assert "Een KvK-nummer bestaat uit 8 cijfers" in fout.inner_text()
    controleer_toegankelijkheid()
    assert not Aanmelding.objects.exists()

    page.get_by_label("KvK-nummer").fill("12345678")
    page.get_by_label("Ik ga akkoord met de").check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.get_by_role("heading", name="Bevestig uw e-mailadres").wait_for()
    controleer_toegankelijkheid()
    assert Aanmelding.objects.get().naam == "Techniekmuseum Noord"
