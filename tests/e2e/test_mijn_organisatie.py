"""Browser test: a partner's contact person logs in and changes their organisation's
pledge of co-financing on "Mijn organisatie"."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from ecosysteem.models import Gebeurtenis
from partners.models import Organisatiesoort
from regios.models import Deelname, Rol, Rolsoort
from subsidie.models import Cofinanciering, Cofinancieringsoort
from tests.dossiers import leeg_dossier
from tests.factories import GebruikerFactory, OrganisatieFactory, PersoonFactory

pytestmark = pytest.mark.e2e


def test_contact_changes_a_pledge_to_hours_after_fixing_a_missing_rate(
    page, adres, inloggen, controleer_toegankelijkheid, schermafdruk
):
    regio = leeg_dossier(naam="Techregio Westerkwartier", slug="westerkwartier").regio
    fablab = OrganisatieFactory(naam="Fablab Zuidhorn", soort=Organisatiesoort.TECHLAB)
    Deelname.objects.create(regio=regio, organisatie=fablab)
    contact = GebruikerFactory(first_name="Femke", last_name="de Boer")
    Rol.objects.create(
        regio=regio,
        persoon=PersoonFactory(gebruiker=contact, organisatie=fablab),
        soort=Rolsoort.CONTACTPERSOON,
        namens=fablab,
    )
    toezegging = Cofinanciering.objects.create(
        regio=regio,
        organisatie=fablab,
        schooljaar=regio.tijdvak.eerste_schooljaar,
        soort=Cofinancieringsoort.FACILITEITEN,
        omschrijving="Gebruik van de werkplaats",
        bedrag=Decimal("1500"),
    )

    inloggen(contact)
    # The main menu offers the page, and so does Mijn regio, where the login lands.
    expect(
        page.get_by_role("navigation").get_by_role("link", name="Mijn organisatie")
    ).to_be_visible()
    page.get_by_role("link", name=re.compile("^Mijn organisatie: de gegevens")).click()
    page.get_by_role("heading", name="Mijn organisatie", level=1).wait_for()
    tabel = page.locator(f"#cofinanciering-{fablab.pk}-westerkwartier-tabel")
    assert "€\u00a01.500,00" in tabel.inner_text()
    controleer_toegankelijkheid()

    tabel.get_by_role("link", name=re.compile("^Wijzigen")).click()
    page.get_by_role("heading", name="Toezegging wijzigen").wait_for()
    formulier = page.locator("form.portaal-cofinancieringsformulier")
    expect(formulier.get_by_label("Bedrag of waarde in euro's")).to_have_value("1.500,00")
    expect(formulier.get_by_label("Aantal uren")).to_be_hidden()
    controleer_toegankelijkheid()

    formulier.get_by_label("In natura: uren").check()
    expect(formulier.get_by_label("Bedrag of waarde in euro's")).to_be_hidden()
    formulier.get_by_label("Aantal uren").fill("40")
    formulier.get_by_label("Omschrijving").fill("Twee technici begeleiden de maakweek")
    formulier.get_by_role("button", name="Wijziging opslaan").click()

    # Hours without a rate: the message next to the field, the focus on the summary.
    fout = page.locator("#id_uurtarief_error")
    expect(fout).to_contain_text("Vul het uurtarief in")
    assert page.evaluate("document.activeElement.hasAttribute('data-foutoverzicht')")
    expect(page.get_by_label("Aantal uren")).to_have_value("40")
    controleer_toegankelijkheid()
    toezegging.refresh_from_db()
    assert toezegging.soort == Cofinancieringsoort.FACILITEITEN

    page.get_by_label("Uurtarief in euro's").fill("62,50")
    page.get_by_role("button", name="Wijziging opslaan").click()

    page.get_by_text(
        "De toezegging voor 2026/27 in Techregio Westerkwartier is gewijzigd."
    ).wait_for()
    assert "€\u00a02.500,00" in tabel.inner_text()
    assert "40 uur × €\u00a062,50" in tabel.inner_text()
    schermafdruk("mijn-organisatie-toezegging-gewijzigd")
    controleer_toegankelijkheid()
    toezegging.refresh_from_db()
    assert (toezegging.soort, toezegging.uren, toezegging.uurtarief) == (
        "uren",
        Decimal("40.0"),
        Decimal("62.50"),
    )
    assert Gebeurtenis.objects.get(actie="cofinanciering.gewijzigd").door == contact
