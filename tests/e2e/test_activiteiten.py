"""The Activiteiten page as a programme manager uses it in the browser: adding an activity
for a compass point makes that point's bar in the coverage chart grow."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kompas.models import Activiteit, Interventieniveau, Kompaspunt
from regios.models import Rolsoort, Tijdvak
from subsidie.models import Begrotingsregel, Kostensoort
from tests.dossiers import voeg_vestigingen_toe
from tests.factories import (
    DeelnameFactory,
    GebruikerFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    RolFactory,
)

pytestmark = pytest.mark.e2e


def kompaspunt(slug: str, naam: str, volgorde: int) -> Kompaspunt:
    # The compass's start content may already hold these points.
    punt, _ = Kompaspunt.objects.get_or_create(
        slug=slug, defaults={"naam": naam, "volgorde": volgorde, "samenvatting": naam}
    )
    return punt


@pytest.fixture
def regio():
    regio = RegioFactory(
        naam="Westerkwartier", slug="westerkwartier", tijdvak=Tijdvak.objects.get(code="tijdvak-2")
    )
    DeelnameFactory(regio=regio)
    # Twelve more participating branches: an activity may claim to reach at most these.
    voeg_vestigingen_toe(regio, po=12, vo=0)
    DeelnameFactory(
        regio=regio, organisatie=OrganisatieFactory(naam="Fablab Zuidhorn"), vestiging=None
    )
    Begrotingsregel.objects.create(
        regio=regio,
        schooljaar=2026,
        kostensoort=Kostensoort.ACTIVITEITEN,
        omschrijving="Lesmateriaal robotica",
        bedrag=Decimal("2500"),
    )
    samenwerking = kompaspunt("regionale-samenwerking", "Regionale samenwerking", 10)
    kompaspunt("onderwijsontwikkeling", "Onderwijsontwikkeling", 20)
    bestaand = Activiteit.objects.create(
        regio=regio,
        titel="Netwerkbijeenkomst",
        beschrijving="Twee keer per jaar komen alle partners bijeen.",
        interventieniveau=Interventieniveau.REGIONAAL,
        doelgroepen=["leraren"],
        schooljaren=[2026],
    )
    bestaand.kompaspunten.set([samenwerking])
    return regio


@pytest.fixture
def programmamanager(regio, ingelogd_als):
    gebruiker = GebruikerFactory(first_name="Noor", last_name="Bakker")
    RolFactory(
        regio=regio, persoon=PersoonFactory(gebruiker=gebruiker), soort=Rolsoort.PROGRAMMAMANAGER
    )
    ingelogd_als(gebruiker)
    return gebruiker


def staafbreedte(page, label: str) -> float:
    """The width of the bar for ``label`` in the compass point chart; 0 without a bar."""
    staaf = page.locator(f'#dekking-kompaspunten rect[data-label="{label}"]')
    if staaf.count() == 0:
        return 0.0
    return float(staaf.get_attribute("width"))


def aantal_in_tabel(page, slug: str) -> str:
    rij = page.locator(f'#dekking-kompaspunten-tabel tr[data-kompaspunt="{slug}"]')
    return rij.locator("td").first.inner_text()


def test_adding_an_activity_makes_its_compass_point_grow_in_the_chart(
    page, adres, regio, programmamanager, controleer_toegankelijkheid, schermafdruk
):
    page.goto(adres(reverse("kompas:activiteiten", kwargs={"slug": regio.slug})))
    assert aantal_in_tabel(page, "onderwijsontwikkeling") == "0"
    assert staafbreedte(page, "Onderwijsontwikkeling") == 0
    assert staafbreedte(page, "Regionale samenwerking") > 0
    assert "Onderwijsontwikkeling" in page.locator("#niet-gedekt").inner_text()
    grafiek = page.get_by_role("img", name="Activiteiten per kompaspunt")
    assert grafiek.is_visible()
    controleer_toegankelijkheid()
    schermafdruk("activiteiten-voor")

    page.get_by_role("link", name="Activiteit toevoegen").click()
    formulier = page.locator("form.portaal-activiteitformulier")
    # Nothing filled in: Dutch messages, nothing saved.
    formulier.get_by_role("button", name="Activiteit toevoegen").click()
    page.get_by_text("Fout: Kies minstens één kompaspunt.").wait_for()
    assert page.locator("[data-foutoverzicht]").is_visible()
    controleer_toegankelijkheid()

    formulier = page.locator("form.portaal-activiteitformulier")
    formulier.get_by_label("Titel").fill("Robotica in groep 7 en 8")
    formulier.get_by_label("Beschrijving").fill("Leerkrachten leren lessen robotica geven.")
    formulier.get_by_label("Onderwijsontwikkeling", exact=True).check()
    formulier.get_by_label("III – pilotgerichte interventies").check()
    formulier.get_by_label("Primair onderwijs").check()
    formulier.get_by_label("Leraren").check()
    formulier.get_by_label("Fablab Zuidhorn").check()
    formulier.get_by_label("2026/27", exact=True).check()
    formulier.get_by_label("Beoogd bereik: leerlingen").fill("1.200")
    formulier.get_by_label("Beoogd bereik: vestigingen").fill("12")
    formulier.get_by_label("Lesmateriaal robotica", exact=False).check()
    schermafdruk("activiteit-formulier")
    formulier.get_by_role("button", name="Activiteit toevoegen").click()

    page.get_by_text("De activiteit Robotica in groep 7 en 8 is toegevoegd.").wait_for()
    assert aantal_in_tabel(page, "onderwijsontwikkeling") == "1"
    assert staafbreedte(page, "Onderwijsontwikkeling") > 0
    # One activity each now: equal bars.
    assert staafbreedte(page, "Onderwijsontwikkeling") == staafbreedte(
        page, "Regionale samenwerking"
    )
    assert page.locator("#niet-gedekt").count() == 0 or "Onderwijsontwikkeling" not in (
        page.locator("#niet-gedekt").inner_text()
    )
    activiteit = page.locator(".portaal-activiteit", has_text="Robotica in groep 7 en 8")
    assert "1.200 leerlingen, 12 vestigingen" in activiteit.inner_text()
    assert "€\u00a02.500,00" in activiteit.inner_text()
    controleer_toegankelijkheid()
    schermafdruk("activiteiten-na")

    # On a phone the chart and the list reflow without sideways scrolling.
    page.set_viewport_size({"width": 320, "height": 800})
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= 320
    schermafdruk("activiteiten-smal")
