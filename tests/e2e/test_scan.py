"""The collaboration scan in the browser: a partner contact answers, the programme manager
closes the round and reads the results; a round with too few answers shows none."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kompas.models import Scaninzending, Scanronde, Scanscore
from kompas.scan import VRAAGCODES
from partners.models import Organisatiesoort
from regios.models import Rolsoort, Tijdvak
from tests.factories import (
    GebruikerFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    RolFactory,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def regio():
    return RegioFactory(
        naam="Westerkwartier", slug="westerkwartier", tijdvak=Tijdvak.objects.get(code="tijdvak-2")
    )


@pytest.fixture
def programmamanager(regio):
    gebruiker = GebruikerFactory(first_name="Noor", last_name="Bakker")
    RolFactory(
        regio=regio, persoon=PersoonFactory(gebruiker=gebruiker), soort=Rolsoort.PROGRAMMAMANAGER
    )
    return gebruiker


def antwoorden_in_db(ronde, aantal: int, *, score: int, soort: str) -> None:
    """Respondents written straight to the database, for speed."""
    for i in range(aantal):
        inzending = Scaninzending.objects.create(
            ronde=ronde, persoon=PersoonFactory(), organisatiesoort=soort
        )
        Scanscore.objects.bulk_create(
            [
                Scanscore(
                    inzending=inzending,
                    vraag=code,
                    score=score,
                    toelichting=f"Toelichting van respondent {i}" if code == "relatie" else "",
                )
                for code in VRAAGCODES
            ]
        )


def test_four_respondents_one_through_the_form_show_the_results(
    page,
    browsercontext,
    adres,
    regio,
    programmamanager,
    ingelogd_als,
    controleer_toegankelijkheid,
    schermafdruk,
):
    ronde = Scanronde.objects.create(regio=regio, naam="Voorjaar 2026", toelichting="Graag!")
    antwoorden_in_db(ronde, 3, score=4, soort=Organisatiesoort.PO_SCHOOL)

    # A partner's contact person answers through the form.
    contact = GebruikerFactory(first_name="Sanne", last_name="Visser")
    bieb = OrganisatieFactory(naam="Bibliotheek Zuidhorn", soort=Organisatiesoort.BIBLIOTHEEK)
    RolFactory(
        regio=regio,
        persoon=PersoonFactory(gebruiker=contact, organisatie=bieb, achternaam="Visser"),
        soort=Rolsoort.CONTACTPERSOON,
    )
    ingelogd_als(contact)
    page.goto(adres(reverse("subsidie:mijn_regio")))
    page.get_by_role("link", name="Westerkwartier: vul de scan ‘Voorjaar 2026’ in").click()
    page.get_by_role("heading", name="Samenwerkingsscan", level=1).wait_for()
    controleer_toegankelijkheid()

    # Submitting with one question left open names it, next to the field and on top.
    formulier = page.locator("form.portaal-scanformulier")
    for code in VRAAGCODES[1:]:
        formulier.locator(f"#vraag-{code}").get_by_label("2 – een beetje").check()
    formulier.get_by_role("button", name="Antwoorden versturen").click()
    page.get_by_text("Er is een probleem met het formulier").wait_for()
    assert page.locator("#vraag-ambitie").get_by_text("Kies een antwoord bij ‘Gedeelde ambitie’.")
    controleer_toegankelijkheid()

    groep = page.get_by_role("group", name="Onderschrijven alle partners één heldere ambitie")
    groep.get_by_label("2 – een beetje").check()
    page.get_by_label("Toelichting bij ‘Relatie en vertrouwen’").fill("We kennen elkaar pas net.")
    schermafdruk("scan-invullen")
    formulier.get_by_role("button", name="Antwoorden versturen").click()
    page.get_by_text("Dank u wel. Uw antwoorden op ‘Voorjaar 2026’ zijn opgeslagen.").wait_for()
    assert page.locator("#scan-al-ingevuld").is_visible()
    inzending = Scaninzending.objects.get(persoon__gebruiker=contact)
    assert inzending.organisatiesoort == "bibliotheek"

    # The programme manager closes the round and reads the results.
    browsercontext.clear_cookies()
    ingelogd_als(programmamanager)
    page.goto(adres(reverse("kompas:scan", kwargs={"slug": regio.slug})))
    assert "tot nu toe 4 antwoorden" in page.locator("#scan-open-aantal").inner_text()
    page.get_by_role("link", name="Ronde ‘Voorjaar 2026’ sluiten").click()
    page.get_by_text("Er zijn 4 antwoorden binnen.").wait_for()
    controleer_toegankelijkheid()
    page.get_by_label("Ik begrijp dat na het sluiten niemand meer kan antwoorden.").check()
    page.get_by_role("button", name="Ronde ‘Voorjaar 2026’ sluiten").click()
    page.get_by_text("De scanronde ‘Voorjaar 2026’ is gesloten.").wait_for()
    page.get_by_role("link", name="Bekijk de uitslag van Voorjaar 2026").click()
    page.get_by_role("heading", name="Uitslag: Voorjaar 2026").wait_for()

    grafiek = page.get_by_role("img", name="Gemiddelde score per conditie en succesfactor")
    assert grafiek.is_visible()
    # (3 × 4 + 2) / 4 = 3,5
    assert "3,5" in grafiek.text_content()
    page.get_by_text("De cijfers als tabel, met de verdeling van de antwoorden").click()
    tabel = page.locator("#scan-gemiddelden")
    assert tabel.is_visible()
    assert "3,5" in tabel.locator("tr", has_text="Gedeelde ambitie").inner_text()
    # Three schools and one library: the library may not stand alone, so no spread chart.
    assert page.locator("#scan-geen-spreiding").is_visible()
    opmerkingen = page.locator("#scan-opmerkingen").inner_text()
    assert "We kennen elkaar pas net." in opmerkingen
    assert "Visser" not in page.content()
    assert not page.locator("#scan-geen-uitslag").count()
    schermafdruk("scan-uitslag")
    controleer_toegankelijkheid()


def test_two_respondents_show_the_message_and_no_chart(
    page, adres, regio, programmamanager, ingelogd_als, controleer_toegankelijkheid, schermafdruk
):
    ronde = Scanronde.objects.create(regio=regio, naam="Najaar 2026", gesloten_op=timezone.now())
    antwoorden_in_db(ronde, 2, score=5, soort=Organisatiesoort.BEDRIJF)
    ingelogd_als(programmamanager)
    page.goto(adres(reverse("kompas:scan_uitslag", kwargs={"slug": regio.slug, "pk": ronde.pk})))
    page.get_by_text(
        "Nog te weinig antwoorden: de uitslag verschijnt vanaf 3 respondenten."
    ).wait_for()
    assert page.locator("svg[role=img]").count() == 0
    assert "5,0" not in page.content()
    assert "Toelichting van respondent" not in page.content()
    schermafdruk("scan-te-weinig")
    controleer_toegankelijkheid()
