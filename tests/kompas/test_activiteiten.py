"""The activity plan of a region: the services that add, change and remove activities (and
what they refuse), the Activiteiten page with its compass coverage chart, who may do what,
the coverage on the dossier overview, the activities frozen into a submission, and query
counts that do not grow with the plan."""

import html
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecosysteem.models import Gebeurtenis
from kompas.models import Activiteit, Doelgroep, Interventieniveau, Kompaspunt
from kompas.selectors import activiteiten_van, kompasdekking, plankosten
from kompas.services_activiteiten import sla_activiteit_op, verwijder_activiteit
from regios.bewerken import DossierBevroren, DossierGewijzigd
from regios.models import Deelnamestatus, Regio, Regiostatus, Rolsoort, Tijdvak
from subsidie.models import Begrotingsregel, Kostensoort
from subsidie.services import dien_in
from tests.dossiers import compleet_dossier, leeg_dossier, voeg_vestigingen_toe
from tests.factories import (
    DeelnameFactory,
    GebruikerFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    RolFactory,
)

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


# --- set-up ----------------------------------------------------------------------------


def kompaspunt(slug: str, naam: str, volgorde: int = 0, **velden) -> Kompaspunt:
    # get_or_create: the compass's start content may already hold these points.
    punt, _ = Kompaspunt.objects.get_or_create(
        slug=slug,
        defaults={"naam": naam, "volgorde": volgorde, "samenvatting": naam, **velden},
    )
    return punt


@pytest.fixture
def samenwerking():
    return kompaspunt("regionale-samenwerking", "Regionale samenwerking", 10)


@pytest.fixture
def onderwijs():
    return kompaspunt("onderwijsontwikkeling", "Onderwijsontwikkeling", 20)


def met_rol(regio: Regio, soort: str = Rolsoort.PROGRAMMAMANAGER):
    gebruiker = GebruikerFactory()
    RolFactory(regio=regio, persoon=PersoonFactory(gebruiker=gebruiker), soort=soort)
    return gebruiker


def begrotingsregel(regio, omschrijving="Techniekweek", bedrag="1000", schooljaar=2026):
    return Begrotingsregel.objects.create(
        regio=regio,
        schooljaar=schooljaar,
        kostensoort=Kostensoort.ACTIVITEITEN,
        omschrijving=omschrijving,
        bedrag=Decimal(bedrag),
    )


@pytest.fixture
def regio():
    # Period 2: school years 2026/27 and 2027/28.
    regio = RegioFactory(naam="Westerkwartier", tijdvak=Tijdvak.objects.get(code="tijdvak-2"))
    DeelnameFactory(regio=regio)
    # Twelve more school branches take part: the most an activity may claim to reach.
    voeg_vestigingen_toe(regio, po=11, vo=1)
    return regio


@pytest.fixture
def fablab(regio):
    partner = OrganisatieFactory(naam="Fablab Zuidhorn")
    DeelnameFactory(regio=regio, organisatie=partner, vestiging=None)
    return partner


@pytest.fixture
def regel(regio):
    return begrotingsregel(regio)


@pytest.fixture
def pm(regio):
    return met_rol(regio)


@pytest.fixture
def pm_client(client, pm):
    client.force_login(pm)
    return client


def invoer(**velden) -> dict:
    """Service arguments of a valid activity; ``velden`` overrides."""
    return {
        "titel": "Techniekweek",
        "beschrijving": "Een week techniek in groep 7 en 8.",
        "kompaspunten": [],
        "interventieniveau": Interventieniveau.PILOTS,
        "doelgroepen": [Doelgroep.PO],
        "partners": [],
        "schooljaren": [2026],
        "bereik_leerlingen": 400,
        "bereik_vestigingen": 8,
        "begrotingsregels": [],
        **velden,
    }


def maak(regio, door, **velden) -> Activiteit:
    return sla_activiteit_op(regio=regio, door=door, **invoer(**velden))


def rechtstreeks(regio, titel, punten, niveau=Interventieniveau.PILOTS, **velden) -> Activiteit:
    """An activity written without the service, for tests about reading."""
    activiteit = Activiteit.objects.create(
        regio=regio,
        titel=titel,
        beschrijving="Beschrijving",
        interventieniveau=niveau,
        doelgroepen=velden.pop("doelgroepen", ["po"]),
        schooljaren=velden.pop("schooljaren", [2026]),
        **velden,
    )
    activiteit.kompaspunten.set(punten)
    return activiteit


def url(regio, naam="kompas:activiteiten", **kwargs) -> str:
    return reverse(naam, kwargs={"slug": regio.slug, **kwargs})


def alle_adressen(regio, activiteit) -> list[str]:
    return [
        url(regio),
        url(regio, "kompas:activiteit_toevoegen"),
        url(regio, "kompas:activiteit_wijzigen", pk=activiteit.pk),
        url(regio, "kompas:activiteit_verwijderen", pk=activiteit.pk),
    ]


def tekst(response) -> str:
    """The page's text without tags, whitespace collapsed."""
    zonder_tags = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"[^\S\u00a0]+", " ", html.unescape(zonder_tags))


def formulier(regio, **velden) -> dict:
    """POST data of a valid form."""
    regio.refresh_from_db()
    return {
        "versie": regio.versie,
        "titel": "Techniekweek",
        "beschrijving": "Een week techniek.",
        "interventieniveau": "III",
        "doelgroepen": ["po"],
        "schooljaren": ["2026"],
        "bereik_leerlingen": "1.200",
        "bereik_vestigingen": "12",
        **velden,
    }


def svg_staaf(response, ident: str, label: str) -> float:
    """The width of the bar for ``label`` in chart ``ident``; 0 when it has none."""
    inhoud = response.content.decode()
    begin = inhoud.index("<svg", inhoud.index(f'id="{ident}"') - 400)
    einde = inhoud.index("</svg>", begin) + len("</svg>")
    wortel = ET.fromstring(inhoud[begin:einde])
    assert wortel.get("id") == ident
    for staaf in wortel.iter(f"{SVG}rect"):
        if staaf.get("data-label") == label:
            return float(staaf.get("width"))
    return 0.0


# --- services: adding -----------------------------------------------------------------


def test_adding_an_activity_saves_it_with_its_links_and_records_it(
    regio, pm, fablab, regel, samenwerking, onderwijs
):
    versie = regio.versie
    activiteit = maak(
        regio,
        pm,
        kompaspunten=[samenwerking, onderwijs],
        doelgroepen=["leraren", "po"],
        partners=[fablab],
        schooljaren=[2027, 2026],
        begrotingsregels=[regel],
        versie=versie,
    )

    activiteit.refresh_from_db()
    assert set(activiteit.kompaspunten.all()) == {samenwerking, onderwijs}
    assert list(activiteit.partners.all()) == [fablab]
    assert list(activiteit.begrotingsregels.all()) == [regel]
    # Stored in a fixed order, whatever order the form sent.
    assert activiteit.doelgroepen == ["po", "leraren"]
    assert activiteit.schooljaren == [2026, 2027]
    regio.refresh_from_db()
    assert regio.versie == versie + 1
    gebeurtenis = Gebeurtenis.objects.get(actie="activiteit.toegevoegd")
    assert gebeurtenis.regio == regio
    assert gebeurtenis.door == pm
    assert gebeurtenis.gegevens["van"] is None
    assert gebeurtenis.gegevens["naar"]["partners"] == ["Fablab Zuidhorn"]
    assert "Techniekweek" in gebeurtenis.omschrijving


@pytest.mark.parametrize(
    ("velden", "veld", "bericht"),
    [
        ({"kompaspunten": []}, "kompaspunten", "Kies minstens één kompaspunt."),
        ({"doelgroepen": []}, "doelgroepen", "Kies minstens één doelgroep."),
        ({"doelgroepen": ["po", "kleuters"]}, "doelgroepen", "Kies doelgroepen uit de lijst."),
        ({"schooljaren": []}, "schooljaren", "Kies minstens één schooljaar."),
        (
            {"schooljaren": [2026, 2028]},
            "schooljaren",
            "Kies schooljaren binnen het tijdvak: 2026/27 tot en met 2027/28.",
        ),
        (
            {"schooljaren": [2025]},
            "schooljaren",
            "Kies schooljaren binnen het tijdvak: 2026/27 tot en met 2027/28.",
        ),
        ({"titel": "  "}, "titel", None),
        ({"interventieniveau": "VIII"}, "interventieniveau", None),
    ],
)
def test_adding_refuses_bad_input_per_field_and_writes_nothing(
    regio, pm, samenwerking, velden, veld, bericht
):
    velden.setdefault("kompaspunten", [samenwerking])
    with pytest.raises(ValidationError) as fout:
        maak(regio, pm, **velden)
    assert veld in fout.value.message_dict
    if bericht:
        assert fout.value.message_dict[veld] == [bericht]
    assert not Activiteit.objects.exists()
    assert not Gebeurtenis.objects.filter(actie__startswith="activiteit.").exists()


def test_partner_that_does_not_take_part_in_the_region_is_refused(regio, pm, samenwerking):
    buitenstaander = OrganisatieFactory(naam="Museum Elders")
    with pytest.raises(ValidationError) as fout:
        maak(regio, pm, kompaspunten=[samenwerking], partners=[buitenstaander])
    assert fout.value.message_dict["partners"] == [
        "Museum Elders doet niet mee in de regio. Voeg de organisatie eerst toe onder Partners."
    ]
    assert not Activiteit.objects.exists()


def test_partner_whose_participation_ended_is_refused(regio, pm, fablab, samenwerking):
    regio.deelnames.filter(organisatie=fablab).update(status=Deelnamestatus.BEEINDIGD)
    with pytest.raises(ValidationError) as fout:
        maak(regio, pm, kompaspunten=[samenwerking], partners=[fablab])
    assert "partners" in fout.value.message_dict


def test_budget_line_of_another_region_is_refused(regio, pm, samenwerking):
    andere = begrotingsregel(RegioFactory(), "Elders")
    with pytest.raises(ValidationError) as fout:
        maak(regio, pm, kompaspunten=[samenwerking], begrotingsregels=[andere])
    assert fout.value.message_dict["begrotingsregels"] == [
        "Kies begrotingsregels van de begroting van deze regio."
    ]
    assert not Activiteit.objects.exists()


def test_unpublished_compass_point_is_refused_for_a_new_activity(regio, pm):
    verborgen = kompaspunt("verborgen-punt", "Verborgen punt", gepubliceerd=False)
    with pytest.raises(ValidationError) as fout:
        maak(regio, pm, kompaspunten=[verborgen])
    assert fout.value.message_dict["kompaspunten"] == ["Kies kompaspunten uit de lijst."]


def test_a_compass_point_unpublished_later_may_stay_on_the_activity(regio, pm, samenwerking):
    activiteit = maak(regio, pm, kompaspunten=[samenwerking])
    Kompaspunt.objects.filter(pk=samenwerking.pk).update(gepubliceerd=False)
    maak_opnieuw = sla_activiteit_op(
        regio=regio,
        door=pm,
        activiteit=activiteit,
        **invoer(kompaspunten=[samenwerking], titel="Techniekweek 2"),
    )
    assert maak_opnieuw.titel == "Techniekweek 2"


def test_every_problem_is_reported_at_once(regio, pm):
    with pytest.raises(ValidationError) as fout:
        maak(regio, pm, kompaspunten=[], doelgroepen=[], schooljaren=[])
    assert {"kompaspunten", "doelgroepen", "schooljaren"} <= set(fout.value.message_dict)
    # The model's own check of the target groups does not repeat the message.
    assert fout.value.message_dict["doelgroepen"] == ["Kies minstens één doelgroep."]


def test_title_is_unique_within_the_region_whatever_the_case(regio, pm, samenwerking):
    maak(regio, pm, kompaspunten=[samenwerking])
    with pytest.raises(ValidationError) as fout:
        maak(regio, pm, kompaspunten=[samenwerking], titel="TECHNIEKWEEK")
    assert fout.value.message_dict["titel"] == [
        "Deze regio heeft al een activiteit met deze titel."
    ]
    # Another region may use the same title.
    ander = RegioFactory()
    maak(ander, met_rol(ander), kompaspunten=[samenwerking], bereik_vestigingen=0)


def test_submitted_dossier_refuses_a_new_activity(regio, pm, samenwerking):
    Regio.objects.filter(pk=regio.pk).update(status=Regiostatus.INGEDIEND)
    with pytest.raises(DossierBevroren):
        maak(regio, pm, kompaspunten=[samenwerking])
    assert not Activiteit.objects.exists()


def test_stale_version_is_refused(regio, pm, samenwerking):
    verouderd = regio.versie
    Regio.objects.filter(pk=regio.pk).update(versie=verouderd + 1)
    with pytest.raises(DossierGewijzigd):
        maak(regio, pm, kompaspunten=[samenwerking], versie=verouderd)
    assert not Activiteit.objects.exists()


@pytest.mark.parametrize("soort", [Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID])
def test_readers_may_not_add_through_the_service(regio, samenwerking, soort):
    with pytest.raises(PermissionDenied):
        maak(regio, met_rol(regio, soort), kompaspunten=[samenwerking])
    assert not Activiteit.objects.exists()


# --- services: changing and removing ---------------------------------------------------


def test_changing_replaces_the_links_and_records_before_and_after(
    regio, pm, fablab, regel, samenwerking, onderwijs
):
    activiteit = maak(
        regio, pm, kompaspunten=[samenwerking], partners=[fablab], begrotingsregels=[regel]
    )
    tweede = begrotingsregel(regio, "Materialen", "250")

    sla_activiteit_op(
        regio=regio,
        door=pm,
        activiteit=activiteit,
        **invoer(
            titel="Techniekweek plus",
            kompaspunten=[onderwijs],
            interventieniveau=Interventieniveau.KETEN,
            partners=[],
            begrotingsregels=[regel, tweede],
            bereik_leerlingen=900,
        ),
    )

    activiteit.refresh_from_db()
    assert activiteit.titel == "Techniekweek plus"
    assert list(activiteit.kompaspunten.all()) == [onderwijs]
    assert not activiteit.partners.exists()
    assert set(activiteit.begrotingsregels.all()) == {regel, tweede}
    gebeurtenis = Gebeurtenis.objects.get(actie="activiteit.gewijzigd")
    assert gebeurtenis.gegevens["van"]["kompaspunten"] == ["Regionale samenwerking"]
    assert gebeurtenis.gegevens["naar"]["kompaspunten"] == ["Onderwijsontwikkeling"]
    assert gebeurtenis.gegevens["naar"]["bereik_leerlingen"] == 900


def test_a_refused_change_leaves_the_activity_and_its_links_as_they_were(
    regio, pm, fablab, samenwerking, onderwijs
):
    activiteit = maak(regio, pm, kompaspunten=[samenwerking], partners=[fablab])
    buitenstaander = OrganisatieFactory()
    with pytest.raises(ValidationError):
        sla_activiteit_op(
            regio=regio,
            door=pm,
            activiteit=activiteit,
            **invoer(titel="Anders", kompaspunten=[onderwijs], partners=[buitenstaander]),
        )
    activiteit.refresh_from_db()
    assert activiteit.titel == "Techniekweek"
    assert list(activiteit.kompaspunten.all()) == [samenwerking]
    assert list(activiteit.partners.all()) == [fablab]


def test_removing_records_what_it_was_and_keeps_the_budget_lines(regio, pm, regel, samenwerking):
    activiteit = maak(regio, pm, kompaspunten=[samenwerking], begrotingsregels=[regel])
    regio.refresh_from_db()
    verwijder_activiteit(activiteit=activiteit, door=pm, versie=regio.versie)
    assert not Activiteit.objects.exists()
    assert Begrotingsregel.objects.filter(pk=regel.pk).exists()
    gebeurtenis = Gebeurtenis.objects.get(actie="activiteit.verwijderd")
    assert gebeurtenis.gegevens["van"]["titel"] == "Techniekweek"


def test_removing_with_a_stale_version_or_once_submitted_is_refused(regio, pm, samenwerking):
    activiteit = maak(regio, pm, kompaspunten=[samenwerking])
    with pytest.raises(DossierGewijzigd):
        verwijder_activiteit(activiteit=activiteit, door=pm, versie=regio.versie - 1)
    Regio.objects.filter(pk=regio.pk).update(status=Regiostatus.INGEDIEND)
    with pytest.raises(DossierBevroren):
        verwijder_activiteit(activiteit=activiteit, door=pm)
    assert Activiteit.objects.filter(pk=activiteit.pk).exists()


def test_activity_of_another_region_cannot_be_changed_or_removed_through_this_one(
    regio, pm, samenwerking
):
    ander = RegioFactory()
    vreemd = maak(ander, met_rol(ander), kompaspunten=[samenwerking], bereik_vestigingen=0)
    with pytest.raises(PermissionDenied):
        sla_activiteit_op(
            regio=regio, door=pm, activiteit=vreemd, **invoer(kompaspunten=[samenwerking])
        )
    with pytest.raises(PermissionDenied):
        verwijder_activiteit(activiteit=vreemd, door=pm)
    vreemd.regio = regio  # even a caller that puts the wrong region on it
    with pytest.raises(ValidationError):
        verwijder_activiteit(activiteit=vreemd, door=pm)
    assert Activiteit.objects.filter(pk=vreemd.pk, regio=ander).exists()


# --- coverage --------------------------------------------------------------------------


def test_coverage_counts_activities_and_reach_per_point_and_level(regio, samenwerking, onderwijs):
    rechtstreeks(regio, "A", [samenwerking, onderwijs], bereik_leerlingen=100)
    rechtstreeks(regio, "B", [samenwerking], Interventieniveau.NETWERK, bereik_leerlingen=50)
    leeg = kompaspunt("leeg-punt", "Leeg punt", 900)

    dekking = kompasdekking(activiteiten_van(regio), [samenwerking, onderwijs, leeg])

    assert [(p.kompaspunt.naam, p.activiteiten, p.leerlingen) for p in dekking.per_kompaspunt] == [
        ("Regionale samenwerking", 2, 150),
        ("Onderwijsontwikkeling", 1, 100),
        ("Leeg punt", 0, 0),
    ]
    assert [(n.code, n.activiteiten) for n in dekking.per_niveau] == [
        ("I", 0),
        ("II", 0),
        ("III", 1),
        ("IV", 0),
        ("V", 0),
        ("VI", 0),
        ("VII", 1),
    ]
    assert dekking.niet_gedekt == [leeg]
    beschrijving = ET.fromstring(dekking.grafiek_kompaspunten).find(f"{SVG}desc").text
    assert "Regionale samenwerking 2 activiteiten" in beschrijving
    assert "Onderwijsontwikkeling 1 activiteit;" in beschrijving


def test_coverage_keeps_an_unpublished_point_that_an_activity_uses(regio, samenwerking):
    oud = kompaspunt("oud-punt", "Oud punt", 901, gepubliceerd=False)
    rechtstreeks(regio, "A", [oud])
    dekking = kompasdekking(activiteiten_van(regio), [samenwerking])
    assert [p.kompaspunt for p in dekking.per_kompaspunt] == [samenwerking, oud]


# --- the page --------------------------------------------------------------------------


def test_page_lists_each_activity_with_everything_it_is_linked_to(
    pm_client, regio, fablab, regel, samenwerking, onderwijs
):
    activiteit = rechtstreeks(
        regio,
        "Techniekweek",
        [samenwerking, onderwijs],
        Interventieniveau.REGIONAAL,
        doelgroepen=["po", "leraren"],
        schooljaren=[2026, 2027],
        bereik_leerlingen=1200,
        bereik_vestigingen=12,
    )
    activiteit.partners.set([fablab])
    activiteit.begrotingsregels.set([regel, begrotingsregel(regio, "Bus", "250.50")])

    response = pm_client.get(url(regio))

    assert response.status_code == 200
    pagina = tekst(response)
    assert "1 activiteit" in pagina
    assert "Regionale samenwerking, Onderwijsontwikkeling" in pagina
    assert "V – regionale samenwerking" in pagina
    assert "Primair onderwijs, leraren" in pagina
    assert "Fablab Zuidhorn" in pagina
    assert "2026/27, 2027/28" in pagina
    assert "1.200 leerlingen, 12 vestigingen" in pagina
    assert "Totaal €\u00a01.250,50" in pagina
    assert url(regio, "kompas:activiteit_wijzigen", pk=activiteit.pk) in response.content.decode()


def test_page_shows_the_coverage_chart_and_the_same_numbers_as_a_table(
    pm_client, regio, samenwerking, onderwijs
):
    rechtstreeks(regio, "A", [samenwerking], bereik_leerlingen=300)
    rechtstreeks(regio, "B", [samenwerking])
    rechtstreeks(regio, "C", [onderwijs])

    response = pm_client.get(url(regio))

    breedte_samenwerking = svg_staaf(response, "dekking-kompaspunten", "Regionale samenwerking")
    breedte_onderwijs = svg_staaf(response, "dekking-kompaspunten", "Onderwijsontwikkeling")
    assert breedte_samenwerking == pytest.approx(2 * breedte_onderwijs, rel=1e-3)
    inhoud = response.content.decode()
    tabel = inhoud[inhoud.index('id="dekking-kompaspunten-tabel"') :]
    rij = tabel[tabel.index('data-kompaspunt="regionale-samenwerking"') :]
    cellen = re.findall(r"<td[^>]*>([^<]*)</td>", rij)[:2]
    assert cellen == ["2", "300"]
    assert svg_staaf(response, "dekking-niveaus", "III – pilotgerichte interventies") > 0


def test_points_without_an_activity_are_named(pm_client, regio, samenwerking, onderwijs):
    rechtstreeks(regio, "A", [samenwerking])
    pagina = tekst(pm_client.get(url(regio)))
    assert "Nog zonder activiteit: " in pagina
    assert "Onderwijsontwikkeling" in pagina.split("Nog zonder activiteit:")[1][:200]


def test_empty_plan_says_so(pm_client, regio, samenwerking):
    pagina = tekst(pm_client.get(url(regio)))
    assert "Er zijn nog geen activiteiten." in pagina
    assert "0 activiteiten" in pagina


def test_adding_through_the_form_saves_and_returns_to_the_list(
    pm_client, regio, fablab, regel, samenwerking
):
    response = pm_client.post(
        url(regio, "kompas:activiteit_toevoegen"),
        formulier(
            regio,
            kompaspunten=[str(samenwerking.pk)],
            partners=[str(fablab.pk)],
            begrotingsregels=[str(regel.pk)],
        ),
    )

    activiteit = Activiteit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{url(regio)}#activiteit-{activiteit.pk}"
    assert activiteit.bereik_leerlingen == 1200  # "1.200" as a Dutch reader means it
    assert list(activiteit.partners.all()) == [fablab]
    vervolg = pm_client.get(response["Location"])
    assert "De activiteit Techniekweek is toegevoegd." in tekst(vervolg)
    assert svg_staaf(vervolg, "dekking-kompaspunten", "Regionale samenwerking") > 0


def test_add_form_offers_published_points_partners_years_and_budget_lines(
    pm_client, regio, fablab, regel, samenwerking
):
    kompaspunt("verborgen-punt", "Verborgen punt", gepubliceerd=False)
    response = pm_client.get(url(regio, "kompas:activiteit_toevoegen"))
    pagina = tekst(response)
    inhoud = response.content.decode()
    assert "Regionale samenwerking" in pagina
    assert "Verborgen punt" not in pagina
    assert "Fablab Zuidhorn" in pagina
    assert "2026/27" in pagina and "2027/28" in pagina
    assert "2026/27 · Activiteiten · Techniekweek · €\u00a01.000,00" in pagina
    assert 'type="checkbox" name="kompaspunten"' in inhoud
    assert 'type="radio" name="interventieniveau"' in inhoud
    assert f'name="versie" value="{regio.versie}"' in inhoud


def test_empty_form_gets_dutch_messages_next_to_the_fields(pm_client, regio, samenwerking):
    response = pm_client.post(url(regio, "kompas:activiteit_toevoegen"), {"versie": regio.versie})
    assert response.status_code == 200
    pagina = tekst(response)
    for bericht in (
        "Geef de activiteit een titel.",
        "Beschrijf de activiteit.",
        "Kies minstens één kompaspunt.",
        "Kies een interventieniveau.",
        "Kies minstens één doelgroep.",
        "Kies minstens één schooljaar.",
    ):
        assert f"Fout: {bericht}" in pagina, bericht
    assert not Activiteit.objects.exists()


def test_bad_numbers_and_foreign_choices_get_dutch_messages(pm_client, regio, samenwerking):
    vreemde_regel = begrotingsregel(RegioFactory(), "Elders")
    response = pm_client.post(
        url(regio, "kompas:activiteit_toevoegen"),
        formulier(
            regio,
            kompaspunten=[str(samenwerking.pk)],
            bereik_leerlingen="veel",
            bereik_vestigingen="-3",
            partners=[str(OrganisatieFactory().pk)],
            begrotingsregels=[str(vreemde_regel.pk)],
            schooljaren=["2030"],
        ),
    )
    pagina = tekst(response)
    assert "Fout: Vul een heel getal in, bijvoorbeeld 250." in pagina
    assert "Fout: Vul 0 of meer in." in pagina
    assert "Fout: Deze organisatie doet niet mee in de regio." in pagina
    assert "Fout: Kies begrotingsregels van de begroting van deze regio." in pagina
    assert "Fout: Kies schooljaren binnen het tijdvak." in pagina
    assert not Activiteit.objects.exists()


def test_service_refusal_shows_next_to_the_field(pm_client, regio, samenwerking):
    rechtstreeks(regio, "Techniekweek", [samenwerking])
    response = pm_client.post(
        url(regio, "kompas:activiteit_toevoegen"),
        formulier(regio, kompaspunten=[str(samenwerking.pk)]),
    )
    assert "Fout: Deze regio heeft al een activiteit met deze titel." in tekst(response)
    assert Activiteit.objects.count() == 1


def test_stale_version_is_refused_and_the_retry_goes_through(pm_client, regio, samenwerking):
    data = formulier(regio, kompaspunten=[str(samenwerking.pk)])
    Regio.objects.filter(pk=regio.pk).update(versie=regio.versie + 1)

    response = pm_client.post(url(regio, "kompas:activiteit_toevoegen"), data)

    assert "Iemand anders heeft het dossier gewijzigd" in tekst(response)
    assert not Activiteit.objects.exists()
    nieuwe = re.search(r'name="versie" value="(\d+)"', response.content.decode()).group(1)
    assert int(nieuwe) == regio.versie + 1
    opnieuw = pm_client.post(url(regio, "kompas:activiteit_toevoegen"), {**data, "versie": nieuwe})
    assert opnieuw.status_code == 302
    assert Activiteit.objects.count() == 1


def test_change_page_shows_the_stored_activity_and_saves_a_change(
    pm_client, regio, fablab, samenwerking, onderwijs
):
    activiteit = rechtstreeks(regio, "Techniekweek", [samenwerking], bereik_leerlingen=1200)
    activiteit.partners.set([fablab])
    adres = url(regio, "kompas:activiteit_wijzigen", pk=activiteit.pk)

    inhoud = pm_client.get(adres).content.decode()
    assert 'value="Techniekweek"' in inhoud
    assert 'value="1200"' in inhoud
    assert re.search(rf'value="{samenwerking.pk}"[^>]*checked', inhoud)
    assert re.search(rf'value="{fablab.pk}"[^>]*checked', inhoud)

    response = pm_client.post(
        adres,
        formulier(regio, titel="Techniekweek groot", kompaspunten=[str(onderwijs.pk)], partners=[]),
    )
    assert response.status_code == 302
    activiteit.refresh_from_db()
    assert activiteit.titel == "Techniekweek groot"
    assert list(activiteit.kompaspunten.all()) == [onderwijs]
    assert not activiteit.partners.exists()
    assert "De activiteit Techniekweek groot is gewijzigd." in tekst(pm_client.get(url(regio)))


def test_delete_asks_for_confirmation_then_removes(pm_client, regio, regel, samenwerking):
    activiteit = rechtstreeks(regio, "Techniekweek", [samenwerking])
    activiteit.begrotingsregels.set([regel])
    adres = url(regio, "kompas:activiteit_verwijderen", pk=activiteit.pk)

    bevestiging = pm_client.get(adres)
    pagina = tekst(bevestiging)
    assert "Weet u zeker dat u dit wilt verwijderen?" in pagina
    assert "Techniekweek" in pagina
    assert "1 regel van €\u00a01.000,00; die blijft in de begroting staan." in pagina
    assert Activiteit.objects.exists()

    response = pm_client.post(adres, {"versie": Regio.objects.get(pk=regio.pk).versie})
    assert response.status_code == 302
    assert not Activiteit.objects.exists()
    assert "De activiteit Techniekweek is verwijderd." in tekst(pm_client.get(url(regio)))


def test_delete_with_a_stale_version_keeps_the_activity(pm_client, regio, samenwerking):
    activiteit = rechtstreeks(regio, "Techniekweek", [samenwerking])
    response = pm_client.post(
        url(regio, "kompas:activiteit_verwijderen", pk=activiteit.pk),
        {"versie": regio.versie - 1},
    )
    assert response.status_code == 200
    assert "Iemand anders heeft het dossier gewijzigd" in tekst(response)
    assert Activiteit.objects.exists()


# --- who may do what -------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login(client, regio, samenwerking):
    activiteit = rechtstreeks(regio, "A", [samenwerking])
    for adres in alle_adressen(regio, activiteit):
        response = client.get(adres)
        assert response.status_code == 302, adres
        assert response["Location"].startswith(reverse("login")), adres


def test_programme_manager_of_another_region_gets_404_everywhere(client, regio, samenwerking):
    activiteit = rechtstreeks(regio, "A", [samenwerking])
    client.force_login(leeg_dossier().programmamanager)
    for adres in alle_adressen(regio, activiteit):
        assert client.get(adres).status_code == 404, adres
        assert client.post(adres, formulier(regio)).status_code == 404, adres
    assert Activiteit.objects.count() == 1
    assert not Gebeurtenis.objects.filter(actie__startswith="activiteit.").exists()


def test_user_without_a_role_or_with_another_role_gets_404(client, regio, samenwerking):
    activiteit = rechtstreeks(regio, "A", [samenwerking])
    for gebruiker in (GebruikerFactory(), met_rol(regio, Rolsoort.CONTACTPERSOON)):
        client.force_login(gebruiker)
        for adres in alle_adressen(regio, activiteit):
            assert client.get(adres).status_code == 404, adres


def test_activity_of_another_region_is_not_found_through_this_region(
    pm_client, regio, samenwerking
):
    ander = RegioFactory()
    vreemd = rechtstreeks(ander, "Elders", [samenwerking])
    for naam in ("kompas:activiteit_wijzigen", "kompas:activiteit_verwijderen"):
        adres = url(regio, naam, pk=vreemd.pk)
        assert pm_client.get(adres).status_code == 404
        assert pm_client.post(adres, formulier(regio)).status_code == 404
    assert Activiteit.objects.filter(pk=vreemd.pk).exists()


@pytest.mark.parametrize("soort", [Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID])
def test_readers_see_the_plan_without_forms_and_may_not_post(client, regio, samenwerking, soort):
    activiteit = rechtstreeks(regio, "Techniekweek", [samenwerking])
    client.force_login(met_rol(regio, soort))

    response = client.get(url(regio))

    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Techniekweek" in inhoud
    assert "<form" not in inhoud.split('id="inhoud"')[1]
    assert url(regio, "kompas:activiteit_toevoegen") not in inhoud
    assert url(regio, "kompas:activiteit_wijzigen", pk=activiteit.pk) not in inhoud
    adressen = alle_adressen(regio, activiteit)
    for adres in adressen[1:]:
        assert client.get(adres).status_code == 403, adres
    for adres in adressen:
        assert client.post(adres, formulier(regio)).status_code == 403, adres
    assert Activiteit.objects.get().titel == "Techniekweek"


def test_submitted_dossier_is_read_only_for_its_programme_manager(pm_client, regio, samenwerking):
    activiteit = rechtstreeks(regio, "Techniekweek", [samenwerking])
    Regio.objects.filter(pk=regio.pk).update(status=Regiostatus.INGEDIEND)
    response = pm_client.get(url(regio))
    assert url(regio, "kompas:activiteit_toevoegen") not in response.content.decode()
    assert (
        pm_client.post(url(regio, "kompas:activiteit_toevoegen"), formulier(regio)).status_code
        == 403
    )
    assert (
        pm_client.get(url(regio, "kompas:activiteit_wijzigen", pk=activiteit.pk)).status_code == 403
    )


# --- the dossier overview and the submission -----------------------------------------


def test_overview_shows_the_coverage_section(client, samenwerking, onderwijs):
    d = compleet_dossier()
    rechtstreeks(d.regio, "A", [samenwerking])
    client.force_login(d.programmamanager)

    response = client.get(reverse("subsidie:dossier", kwargs={"slug": d.regio.slug}))

    pagina = tekst(response)
    assert "Activiteiten en interventiekompas" in pagina
    assert "Het plan heeft 1 activiteit." in pagina
    assert svg_staaf(response, "dekking-kompaspunten", "Regionale samenwerking") > 0
    assert svg_staaf(response, "dekking-kompaspunten", "Onderwijsontwikkeling") == 0


def test_submission_freezes_the_activities(samenwerking):
    d = compleet_dossier()
    regel = d.regio.begrotingsregels.get()
    activiteit = rechtstreeks(d.regio, "Techniekweek", [samenwerking], bereik_leerlingen=500)
    activiteit.begrotingsregels.set([regel])

    indiening = dien_in(regio=d.regio, door=d.programmamanager)

    [bevroren] = indiening.inhoud["activiteiten"]
    assert bevroren["titel"] == "Techniekweek"
    assert bevroren["kompaspunten"] == ["Regionale samenwerking"]
    assert bevroren["interventieniveau"] == "III"
    assert bevroren["doelgroepen"] == ["primair onderwijs"]
    assert bevroren["schooljaren"] == ["2026/27"]
    assert bevroren["bereik_leerlingen"] == 500
    assert bevroren["begrotingsregels"][0]["bedrag"] == str(regel.bedrag)
    # Changing the activity afterwards does not change what was submitted.
    Activiteit.objects.filter(pk=activiteit.pk).update(titel="Anders")
    indiening.refresh_from_db()
    assert indiening.inhoud["activiteiten"][0]["titel"] == "Techniekweek"


# --- cost ------------------------------------------------------------------------------


def plan(regio, aantal: int, punten, partner, regels) -> None:
    for i in range(aantal):
        activiteit = rechtstreeks(regio, f"Activiteit {i}", punten, Interventieniveau.values[i % 7])
        activiteit.partners.set([partner])
        activiteit.begrotingsregels.set(regels)


def test_page_queries_do_not_grow_with_the_activities(
    pm_client, regio, fablab, regel, samenwerking, onderwijs
):
    plan(regio, 2, [samenwerking, onderwijs], fablab, [regel])
    with CaptureQueriesContext(connection) as weinig:
        assert pm_client.get(url(regio)).status_code == 200

    Activiteit.objects.all().delete()
    plan(regio, 20, [samenwerking, onderwijs], fablab, [regel, begrotingsregel(regio, "Bus")])
    with CaptureQueriesContext(connection) as veel:
        response = pm_client.get(url(regio))

    assert "20 activiteiten" in tekst(response)
    assert len(veel) == len(weinig), [q["sql"] for q in veel.captured_queries]


def test_edit_and_delete_pages_queries_do_not_grow_with_the_activities(
    pm_client, regio, fablab, regel, samenwerking
):
    plan(regio, 2, [samenwerking], fablab, [regel])
    eerste = Activiteit.objects.first()
    adressen = [
        url(regio, "kompas:activiteit_wijzigen", pk=eerste.pk),
        url(regio, "kompas:activiteit_verwijderen", pk=eerste.pk),
    ]
    weinig = []
    for adres in adressen:
        with CaptureQueriesContext(connection) as vangst:
            pm_client.get(adres)
        weinig.append(len(vangst))

    for i in range(18):
        rechtstreeks(regio, f"Extra {i}", [samenwerking]).partners.set([fablab])
    for adres, aantal in zip(adressen, weinig, strict=True):
        with CaptureQueriesContext(connection) as vangst:
            assert pm_client.get(adres).status_code == 200
        assert len(vangst) == aantal, adres


def test_overview_queries_do_not_grow_with_the_activities(client, samenwerking, onderwijs):
    d = compleet_dossier()
    partner = d.regio.deelnames.filter(organisatie__isnull=False).first().organisatie
    regels = list(d.regio.begrotingsregels.all())
    plan(d.regio, 2, [samenwerking, onderwijs], partner, regels)
    client.force_login(d.programmamanager)
    adres = reverse("subsidie:dossier", kwargs={"slug": d.regio.slug})
    client.get(adres)
    with CaptureQueriesContext(connection) as weinig:
        client.get(adres)

    Activiteit.objects.all().delete()
    plan(d.regio, 20, [samenwerking, onderwijs], partner, regels)
    with CaptureQueriesContext(connection) as veel:
        response = client.get(adres)

    assert "Het plan heeft 20 activiteiten." in tekst(response)
    # The twelve of the empty plan (see tests/regios/test_dossier_views.py) plus the
    # prefetches of the activities' compass points, partners and budget lines.
    assert len(weinig) == len(veel) == 15


# --- plausibility ----------------------------------------------------------------------


def test_an_activity_cannot_reach_more_branches_than_take_part(regio, pm, samenwerking):
    # The fixture's region has 13 participating school branches.
    maak(regio, pm, kompaspunten=[samenwerking], bereik_vestigingen=13)
    with pytest.raises(ValidationError) as fout:
        maak(regio, pm, kompaspunten=[samenwerking], titel="Te groot", bereik_vestigingen=14)
    assert fout.value.message_dict["bereik_vestigingen"] == [
        "Er doen 13 schoolvestigingen mee in de regio; een activiteit kan niet meer "
        "vestigingen bereiken."
    ]
    assert not Activiteit.objects.filter(titel="Te groot").exists()


def test_a_branch_whose_participation_ended_does_not_count(regio, pm, samenwerking):
    deelname = regio.deelnames.filter(vestiging__isnull=False).first()
    deelname.status = Deelnamestatus.BEEINDIGD
    deelname.save()
    with pytest.raises(ValidationError) as fout:
        maak(regio, pm, kompaspunten=[samenwerking], bereik_vestigingen=13)
    assert "Er doen 12 schoolvestigingen mee" in fout.value.message_dict["bereik_vestigingen"][0]


def test_the_form_refuses_too_many_branches_on_the_field_and_names_the_limit(
    pm_client, regio, samenwerking
):
    adres = url(regio, "kompas:activiteit_toevoegen")
    pagina = tekst(pm_client.get(adres))
    assert (
        "In de regio doen nu 13 vestigingen mee; meer kan een activiteit niet bereiken." in pagina
    )
    antwoord = pm_client.post(
        adres, formulier(regio, kompaspunten=[str(samenwerking.pk)], bereik_vestigingen="40")
    )
    assert antwoord.status_code == 200
    assert "Er doen 13 schoolvestigingen mee in de regio" in tekst(antwoord)
    assert not Activiteit.objects.filter(regio=regio).exists()


def test_a_budget_line_shared_by_two_activities_counts_once_in_the_plan(
    pm_client, regio, samenwerking
):
    gedeeld = begrotingsregel(regio, "Techniekcoach", "1000")
    eigen = begrotingsregel(regio, "Busvervoer", "250")
    a = rechtstreeks(regio, "Techniekweek", [samenwerking])
    b = rechtstreeks(regio, "Makersdag", [samenwerking])
    a.begrotingsregels.set([gedeeld, eigen])
    b.begrotingsregels.set([gedeeld])

    kosten = plankosten(activiteiten_van(regio))
    assert kosten.totaal == Decimal("1250")
    assert kosten.aantal_regels == 2
    assert kosten.gedeeld == {gedeeld.pk: ["Makersdag", "Techniekweek"]}

    pagina = tekst(pm_client.get(url(regio)))
    assert (
        "De activiteiten worden samen betaald uit 2 begrotingsregels, "
        "samen €\u00a01.250,00." in pagina
    )
    assert "1 regel hoort bij meer dan één activiteit en telt één keer mee." in pagina
    # Each activity still shows what it is paid from, and with whom it shares a line.
    assert "(gedeeld met Makersdag; telt één keer in het totaal van het plan)" in pagina
    assert "(gedeeld met Techniekweek; telt één keer in het totaal van het plan)" in pagina
