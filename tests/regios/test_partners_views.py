"""The dossier's Partners page: the table, adding a known or a new organisation, the
penvoerder, removing a partner, and who may do what."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis
from partners.models import Organisatie, Organisatiesoort
from regios.bewerken import DossierBevroren
from regios.models import Deelname, Deelnamestatus, Regiostatus, Rolsoort
from regios.services import maak_partner
from tests.factories import (
    DeelnameFactory,
    GebruikerFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    RolFactory,
)

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def url(naam: str, regio, **kwargs) -> str:
    return reverse(f"regios:{naam}", kwargs={"slug": regio.slug, **kwargs})


def met_rol(regio, soort=Rolsoort.PROGRAMMAMANAGER):
    gebruiker = GebruikerFactory()
    RolFactory(persoon=PersoonFactory(gebruiker=gebruiker), regio=regio, soort=soort)
    return gebruiker


@pytest.fixture
def regio():
    return RegioFactory(naam="Techregio Westerkwartier")


@pytest.fixture
def pm_client(client, regio):
    client.force_login(met_rol(regio))
    return client


def partner(regio, **velden) -> Deelname:
    return DeelnameFactory(regio=regio, vestiging=None, organisatie=OrganisatieFactory(**velden))


def nieuw(regio, **velden) -> dict:
    gegevens = {
        "versie": regio.versie,
        "naam": "Fablab Zuidhorn",
        "soort": Organisatiesoort.TECHLAB,
        "kvk_nummer": "",
        "brin_nummer": "",
        "straat": "",
        "huisnummer": "",
        "postcode": "",
        "plaats": "",
        "website": "",
        "email": "",
        "omschrijving": "",
    }
    gegevens.update(velden)
    return gegevens


def veldfout(pagina: str, veld: str) -> str:
    """The error text shown next to a field (its ``<id>_error`` element)."""
    gevonden = re.search(rf'id="id_{veld}_error">(.*?)</div>', pagina, re.S)
    assert gevonden, f"no error next to {veld}"
    return re.sub(r"<[^>]+>", "", gevonden.group(1)).replace("Fout:", "").strip()


# --- the table ----------------------------------------------------------------------------


def test_table_lists_the_participating_organisations_with_kind_numbers_place_and_penvoerder(
    pm_client, regio
):
    bestuur = partner(
        regio,
        naam="Stichting Openbaar Onderwijs Westerkwartier",
        soort=Organisatiesoort.SCHOOLBESTUUR,
        kvk_nummer="",
        brin_nummer="",
        plaats="Zuidhorn",
    )
    bestuur.is_penvoerder = True
    bestuur.save()
    bedrijf = partner(regio, naam="Machinefabriek Noord", kvk_nummer="12345678", plaats="Leek")
    PersoonFactory.create_batch(2, organisatie=bedrijf.organisatie)
    beeindigd = partner(regio, naam="Gestopt Museum")
    beeindigd.status = Deelnamestatus.BEEINDIGD
    beeindigd.save()
    partner(RegioFactory(), naam="Partner Elders")

    pagina = html(pm_client.get(url("partners", regio)))

    rijen = re.findall(r'<th class="utrecht-table__header-cell" scope="row">(.*?)</th>', pagina)
    assert rijen[0].startswith("Stichting Openbaar Onderwijs Westerkwartier")  # penvoerder first
    assert rijen[1].startswith("Machinefabriek Noord")
    assert len(rijen) == 2
    assert "Gestopt Museum" not in pagina
    assert "Partner Elders" not in pagina
    assert "schoolbestuur (bevoegd gezag)" in pagina
    assert "KvK 12345678" in pagina
    assert "Leek" in pagina
    assert 'portaal-label--penvoerder">penvoerder</span>' in pagina
    rij = pagina.split("Machinefabriek Noord", 1)[1].split("</tr>", 1)[0]
    assert 'numeric-column">2</td>' in rij
    assert "2 deelnemende organisaties" in pagina


def test_table_says_so_when_no_penvoerder_is_designated(pm_client, regio):
    partner(regio)

    pagina = html(pm_client.get(url("partners", regio)))

    assert "Er is nog geen penvoerder aangewezen." in pagina


def _queries_voor(client, adres) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(adres)
    assert response.status_code == 200
    return len(queries)


def test_partners_page_query_count_does_not_grow_with_the_number_of_partners(pm_client, regio):
    partner(regio)
    weinig = _queries_voor(pm_client, url("partners", regio))

    for _ in range(25):
        deelname = partner(regio)
        PersoonFactory.create_batch(2, organisatie=deelname.organisatie)
    veel = _queries_voor(pm_client, url("partners", regio))

    assert veel == weinig
    # And searching adds one query, however many organisations match.
    assert _queries_voor(pm_client, url("partners", regio) + "?q=Technisch") == weinig + 1


# --- adding a known organisation -------------------------------------------------------------


def test_search_finds_organisations_by_name_and_kvk_number_and_marks_those_already_in(
    pm_client, regio
):
    OrganisatieFactory(naam="Bibliotheek Westerkwartier", kvk_nummer="40000001")
    OrganisatieFactory(naam="Museum Nienoord", kvk_nummer="40000002")
    partner(regio, naam="Bibliotheek Zuidhorn", kvk_nummer="40000003")

    op_naam = html(pm_client.get(url("partners", regio) + "?q=bibliotheek"))
    op_kvk = html(pm_client.get(url("partners", regio) + "?q=4000 0002"))

    assert "2 organisaties gevonden" in op_naam
    assert "Bibliotheek Westerkwartier" in op_naam
    resultaat_zuidhorn = op_naam.split('portaal-zoekresultaat__naam">Bibliotheek Zuidhorn', 1)[1]
    assert "Doet al mee" in resultaat_zuidhorn.split("</li>", 1)[0]
    assert "Museum Nienoord" in op_kvk
    assert "Bibliotheek Westerkwartier" not in op_kvk


def test_htmx_search_returns_only_the_suggestions(pm_client, regio):
    OrganisatieFactory(naam="Science Center Groningen")

    response = pm_client.get(
        url("partners_zoeken", regio) + "?q=science", headers={"HX-Request": "true"}
    )

    pagina = html(response)
    assert response.status_code == 200
    assert "Science Center Groningen" in pagina
    assert "<html" not in pagina
    assert 'name="versie"' in pagina


def test_search_suggestions_without_htmx_go_to_the_partners_page(pm_client, regio):
    response = pm_client.get(url("partners_zoeken", regio) + "?q=science")

    assert response.status_code == 302
    assert response["Location"] == url("partners", regio) + "?q=science#zoeken"


def test_adding_an_existing_organisation_makes_it_a_partner(pm_client, regio):
    museum = OrganisatieFactory(naam="Museum Nienoord", soort=Organisatiesoort.MUSEUM)

    response = pm_client.post(
        url("partner_toevoegen", regio),
        {"versie": regio.versie, "organisatie": museum.pk, "q": "museum"},
        follow=True,
    )

    assert Deelname.objects.filter(regio=regio, organisatie=museum).exists()
    assert "Museum Nienoord doet nu mee als partner." in html(response)
    assert Gebeurtenis.objects.filter(actie=Actie.DEELNAME_TOEGEVOEGD, regio=regio).count() == 1
    regio.refresh_from_db()
    assert regio.versie == 2


def test_adding_an_organisation_already_in_the_region_is_refused(pm_client, regio):
    deelname = partner(regio, naam="Museum Nienoord")

    response = pm_client.post(
        url("partner_toevoegen", regio),
        {"versie": regio.versie, "organisatie": deelname.organisatie_id, "q": "museum"},
    )

    assert response.status_code == 302
    assert response["Location"] == url("partners", regio) + "?q=museum#zoeken"
    pagina = html(pm_client.get(response["Location"]))
    assert "Museum Nienoord doet al mee in deze regio." in pagina
    assert Deelname.objects.filter(regio=regio).count() == 1


# --- creating a new organisation ---------------------------------------------------------


def test_new_organisation_is_created_and_added_in_one_step(pm_client, regio):
    response = pm_client.post(
        url("partner_nieuw", regio),
        nieuw(
            regio,
            naam="Machinefabriek Noord",
            soort=Organisatiesoort.BEDRIJF,
            kvk_nummer="1234 5678",
            postcode="9801 ab",
            plaats="Zuidhorn",
            website="www.machinefabriek.nl",
            email="info@machinefabriek.nl",
            omschrijving="Gastlessen en stages",
        ),
        follow=True,
    )

    organisatie = Organisatie.objects.get(naam="Machinefabriek Noord")
    assert organisatie.kvk_nummer == "12345678"
    assert organisatie.postcode == "9801AB"
    assert organisatie.website == "https://www.machinefabriek.nl"
    assert organisatie.omschrijving == "Gastlessen en stages"
    assert Deelname.objects.filter(regio=regio, organisatie=organisatie).exists()
    pagina = html(response)
    assert "Machinefabriek Noord is aangemaakt en doet nu mee als partner." in pagina
    assert Gebeurtenis.objects.filter(actie=Actie.ORGANISATIE_AANGEMAAKT).count() == 1
    assert Gebeurtenis.objects.filter(actie=Actie.DEELNAME_TOEGEVOEGD, regio=regio).count() == 1


def test_search_term_is_proposed_as_the_name_of_a_new_organisation(pm_client, regio):
    pagina = html(pm_client.get(url("partner_nieuw", regio) + "?naam=Fablab Leek"))

    assert 'value="Fablab Leek"' in pagina
    assert f'name="versie" value="{regio.versie}"' in pagina


@pytest.mark.parametrize(
    ("veld", "waarde", "bericht"),
    [
        ("kvk_nummer", "1234567", "Een KvK-nummer bestaat uit 8 cijfers"),
        ("kvk_nummer", "1234567A", "Een KvK-nummer bestaat uit 8 cijfers"),
        ("brin_nummer", "3DD", "Een BRIN-nummer bestaat uit 2 cijfers en 2 letters"),
        ("brin_nummer", "32DD01", "zonder vestigingsnummer"),
        ("postcode", "0123 AB", "Vul een geldige Nederlandse postcode in"),
        ("postcode", "98011", "Vul een geldige Nederlandse postcode in"),
        (
            "website",
            "geen adres",
            "Vul een geldig webadres in, bijvoorbeeld https://www.voorbeeld.nl.",
        ),
    ],
)
def test_bad_numbers_get_a_dutch_message_next_to_the_field_and_nothing_is_written(
    pm_client, regio, veld, waarde, bericht
):
    response = pm_client.post(
        url("partner_nieuw", regio),
        nieuw(regio, soort=Organisatiesoort.SCHOOLBESTUUR, **{veld: waarde}),
    )

    assert response.status_code == 200
    assert bericht in veldfout(html(response), veld)
    assert not Organisatie.objects.exists()
    assert not Deelname.objects.exists()
    assert not Gebeurtenis.objects.exists()


def test_brin_number_is_refused_for_a_company(pm_client, regio):
    response = pm_client.post(
        url("partner_nieuw", regio),
        nieuw(regio, soort=Organisatiesoort.BEDRIJF, brin_nummer="32DD"),
    )

    assert "hoort bij een school" in veldfout(html(response), "brin_nummer")
    assert not Organisatie.objects.exists()


def test_brin_number_of_a_school_board_is_kept_in_capitals(pm_client, regio):
    pm_client.post(
        url("partner_nieuw", regio),
        nieuw(
            regio,
            naam="Stichting Primair",
            soort=Organisatiesoort.SCHOOLBESTUUR,
            brin_nummer="32dd",
        ),
    )

    assert Organisatie.objects.get(naam="Stichting Primair").brin_nummer == "32DD"


def test_missing_name_and_kind_get_dutch_messages(pm_client, regio):
    response = pm_client.post(url("partner_nieuw", regio), nieuw(regio, naam=" ", soort=""))

    pagina = html(response)
    assert veldfout(pagina, "naam")
    assert veldfout(pagina, "soort")
    assert "Er zijn 2 problemen met het formulier" in pagina


def test_duplicate_kvk_number_names_the_existing_organisation_and_offers_it(pm_client, regio):
    bestaand = OrganisatieFactory(naam="Machinefabriek Noord", kvk_nummer="12345678")

    response = pm_client.post(
        url("partner_nieuw", regio),
        nieuw(regio, naam="Machinefabriek Noord BV", soort="bedrijf", kvk_nummer="12.34.56.78"),
    )

    pagina = html(response)
    assert veldfout(pagina, "kvk_nummer") == (
        "Er is al een organisatie met dit KvK-nummer: Machinefabriek Noord. Voeg die toe."
    )
    # The page offers to add the existing one instead.
    assert f'name="organisatie" value="{bestaand.pk}"' in pagina
    assert Organisatie.objects.count() == 1
    assert not Deelname.objects.exists()
    assert not Gebeurtenis.objects.exists()


def test_refusal_after_the_organisation_was_created_leaves_nothing_behind(pm_client, regio):
    # A stale form: the organisation is written before the region's version is checked
    # under lock, so this proves the two steps share one transaction.
    regio.versie = 7
    regio.save()

    response = pm_client.post(
        url("partner_nieuw", regio),
        nieuw(regio, versie=6, naam="Machinefabriek Noord", soort="bedrijf", kvk_nummer="12345678"),
    )

    assert response.status_code == 200
    assert "Iemand anders heeft het dossier gewijzigd" in html(response)
    assert not Organisatie.objects.exists()
    assert not Deelname.objects.exists()
    assert not Gebeurtenis.objects.exists()
    regio.refresh_from_db()
    assert regio.versie == 7


# --- penvoerder ------------------------------------------------------------------------------


def test_a_school_board_can_be_designated_penvoerder(pm_client, regio):
    bestuur = partner(regio, naam="Stichting Primair", soort=Organisatiesoort.SCHOOLBESTUUR)

    response = pm_client.post(
        url("partner_penvoerder", regio, deelname=bestuur.pk),
        {"versie": regio.versie, "bevestigd": "on"},
        follow=True,
    )

    bestuur.refresh_from_db()
    assert bestuur.is_penvoerder
    assert "Stichting Primair is nu de penvoerder van de regio." in html(response)
    assert Gebeurtenis.objects.filter(actie=Actie.PENVOERDER_AANGEWEZEN, regio=regio).count() == 1


def test_penvoerder_moves_from_one_school_board_to_another(pm_client, regio):
    eerste = partner(regio, soort=Organisatiesoort.SCHOOLBESTUUR)
    eerste.is_penvoerder = True
    eerste.save()
    tweede = partner(regio, soort=Organisatiesoort.VO_SCHOOL)

    pm_client.post(
        url("partner_penvoerder", regio, deelname=tweede.pk),
        {"versie": regio.versie, "bevestigd": "on"},
    )

    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert not eerste.is_penvoerder
    assert tweede.is_penvoerder


def test_a_company_cannot_be_penvoerder(pm_client, regio):
    bedrijf = partner(regio, naam="Machinefabriek Noord", soort=Organisatiesoort.BEDRIJF)

    response = pm_client.post(
        url("partner_penvoerder", regio, deelname=bedrijf.pk),
        {"versie": regio.versie, "bevestigd": "on"},
        follow=True,
    )

    bedrijf.refresh_from_db()
    assert not bedrijf.is_penvoerder
    assert (
        "Machinefabriek Noord kan geen penvoerder zijn: dat is een bedrijf. Kies een "
        "schoolbestuur (bevoegd gezag) of een school." in html(response)
    )
    assert not Gebeurtenis.objects.filter(actie=Actie.PENVOERDER_AANGEWEZEN).exists()


def test_changing_the_penvoerder_asks_for_a_ticked_confirmation(pm_client, regio):
    eerste = partner(regio, naam="Stichting Primair", soort=Organisatiesoort.SCHOOLBESTUUR)
    eerste.is_penvoerder = True
    eerste.save()
    tweede = partner(regio, naam="Lyceum Noord", soort=Organisatiesoort.VO_SCHOOL)
    adres = url("partner_penvoerder", regio, deelname=tweede.pk)

    pagina = html(pm_client.get(adres))
    assert (
        "U maakt <strong>Lyceum Noord</strong> de penvoerder van de regio. Nu is dat "
        "<strong>Stichting Primair</strong>" in pagina
    )
    assert (
        "Ik bevestig dat Lyceum Noord de penvoerder wordt in plaats van Stichting Primair."
        in pagina
    )

    # Without the tick (a forged or hurried post): nothing changes, and the page says why.
    antwoord = pm_client.post(adres, {"versie": regio.versie})
    assert antwoord.status_code == 200
    assert "Vink aan dat u de penvoerder wilt wijzigen." in html(antwoord)
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert eerste.is_penvoerder and not tweede.is_penvoerder
    assert not Gebeurtenis.objects.filter(actie=Actie.PENVOERDER_AANGEWEZEN).exists()

    antwoord = pm_client.post(adres, {"versie": regio.versie, "bevestigd": "on"})
    assert antwoord.status_code == 302
    tweede.refresh_from_db()
    assert tweede.is_penvoerder


def test_only_schools_and_boards_get_a_penvoerder_button(pm_client, regio):
    bestuur = partner(regio, soort=Organisatiesoort.SCHOOLBESTUUR)
    bedrijf = partner(regio, soort=Organisatiesoort.BEDRIJF)

    pagina = html(pm_client.get(url("partners", regio)))

    assert url("partner_penvoerder", regio, deelname=bestuur.pk) in pagina
    assert url("partner_penvoerder", regio, deelname=bedrijf.pk) not in pagina


# --- removing ----------------------------------------------------------------------------


def test_removing_a_partner_asks_for_confirmation_first(pm_client, regio):
    deelname = partner(regio, naam="Museum Nienoord")

    response = pm_client.get(url("partner_verwijderen", regio, deelname=deelname.pk))

    pagina = html(response)
    assert response.status_code == 200
    assert "Museum Nienoord uit de regio halen" in pagina
    assert Deelname.objects.filter(pk=deelname.pk).exists()


def test_removing_a_partner_added_by_mistake_deletes_the_participation(pm_client, regio):
    deelname = partner(regio, naam="Museum Nienoord")

    response = pm_client.post(
        url("partner_verwijderen", regio, deelname=deelname.pk),
        {"versie": regio.versie, "wijze": "vergissing", "reden": "Verkeerde museum"},
        follow=True,
    )

    assert not Deelname.objects.filter(pk=deelname.pk).exists()
    assert Organisatie.objects.filter(naam="Museum Nienoord").exists()
    assert "Museum Nienoord is uit de regio verwijderd." in html(response)
    gebeurtenis = Gebeurtenis.objects.get(actie=Actie.DEELNAME_VERWIJDERD)
    assert gebeurtenis.reden == "Verkeerde museum"


def test_a_partner_that_stops_keeps_its_ended_participation(pm_client, regio):
    deelname = partner(regio, naam="Museum Nienoord")

    response = pm_client.post(
        url("partner_verwijderen", regio, deelname=deelname.pk),
        {"versie": regio.versie, "wijze": "gestopt", "reden": ""},
        follow=True,
    )

    deelname.refresh_from_db()
    assert deelname.status == Deelnamestatus.BEEINDIGD
    assert Gebeurtenis.objects.filter(actie=Actie.DEELNAME_BEEINDIGD).exists()
    pagina = html(response)
    assert "De deelname van Museum Nienoord is beëindigd." in pagina
    assert "0 deelnemende organisaties" in pagina


def test_the_penvoerder_cannot_be_removed(pm_client, regio):
    deelname = partner(regio, naam="Stichting Primair", soort=Organisatiesoort.SCHOOLBESTUUR)
    deelname.is_penvoerder = True
    deelname.save()

    bevestiging = html(pm_client.get(url("partner_verwijderen", regio, deelname=deelname.pk)))
    response = pm_client.post(
        url("partner_verwijderen", regio, deelname=deelname.pk),
        {"versie": regio.versie, "wijze": "vergissing"},
    )

    assert "Wijs eerst een andere organisatie als penvoerder aan" in bevestiging
    assert "is penvoerder; wijs eerst een andere penvoerder aan" in html(response)
    assert Deelname.objects.filter(pk=deelname.pk).exists()


def test_a_partner_of_another_region_is_not_found(pm_client, regio):
    elders = partner(RegioFactory())

    assert pm_client.get(url("partner_verwijderen", regio, deelname=elders.pk)).status_code == 404
    response = pm_client.post(
        url("partner_penvoerder", regio, deelname=elders.pk), {"versie": regio.versie}
    )
    assert response.status_code == 404


# --- version and state -------------------------------------------------------------------


def test_a_stale_version_is_refused(pm_client, regio):
    museum = OrganisatieFactory()
    regio.versie = 3
    regio.save()

    response = pm_client.post(
        url("partner_toevoegen", regio), {"versie": 2, "organisatie": museum.pk}, follow=True
    )

    assert "Iemand anders heeft het dossier gewijzigd" in html(response)
    assert not Deelname.objects.exists()


def test_a_submitted_dossier_refuses_changes_and_shows_no_forms(pm_client, regio):
    deelname = partner(regio, soort=Organisatiesoort.SCHOOLBESTUUR)
    regio.status = Regiostatus.INGEDIEND
    regio.save()

    pagina = html(pm_client.get(url("partners", regio)))
    posts = [
        pm_client.post(url("partner_nieuw", regio), nieuw(regio)),
        pm_client.post(
            url("partner_toevoegen", regio),
            {"versie": regio.versie, "organisatie": OrganisatieFactory().pk},
        ),
        pm_client.post(
            url("partner_penvoerder", regio, deelname=deelname.pk), {"versie": regio.versie}
        ),
        pm_client.post(
            url("partner_verwijderen", regio, deelname=deelname.pk),
            {"versie": regio.versie, "wijze": "vergissing"},
        ),
    ]
    formulier = pm_client.get(url("partner_nieuw", regio))

    assert "ligt vast" in pagina
    assert url("partner_nieuw", regio) not in pagina
    assert [r.status_code for r in posts] == [403, 403, 403, 403]
    assert formulier.status_code == 302
    assert Deelname.objects.count() == 1
    assert not Organisatie.objects.filter(naam="Fablab Zuidhorn").exists()


# --- who may ------------------------------------------------------------------------------


@pytest.mark.parametrize("soort", [Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID])
def test_project_leaders_and_steering_group_members_read_but_cannot_change(client, regio, soort):
    deelname = partner(regio, naam="Museum Nienoord", soort=Organisatiesoort.SCHOOLBESTUUR)
    client.force_login(met_rol(regio, soort))

    pagina = html(client.get(url("partners", regio)))
    posts = [
        client.post(url("partner_nieuw", regio), nieuw(regio)),
        client.post(
            url("partner_toevoegen", regio),
            {"versie": regio.versie, "organisatie": OrganisatieFactory().pk},
        ),
        client.post(url("partner_penvoerder", regio, deelname=deelname.pk), {"versie": 1}),
        client.post(
            url("partner_verwijderen", regio, deelname=deelname.pk),
            {"versie": 1, "wijze": "vergissing"},
        ),
    ]

    assert "Museum Nienoord" in pagina
    assert "U kunt dit dossier lezen, maar niet wijzigen." in pagina
    assert 'name="versie"' not in pagina
    assert [r.status_code for r in posts] == [403, 403, 403, 403]
    assert Deelname.objects.count() == 1
    zoeken = client.get(url("partners_zoeken", regio) + "?q=mu", headers={"HX-Request": "true"})
    assert zoeken.status_code == 403


def _alle_adressen(regio, deelname):
    return [
        url("partners", regio),
        url("partners_zoeken", regio),
        url("partner_toevoegen", regio),
        url("partner_nieuw", regio),
        url("partner_penvoerder", regio, deelname=deelname.pk),
        url("partner_verwijderen", regio, deelname=deelname.pk),
    ]


def test_programme_manager_of_another_region_gets_404_everywhere(client, regio):
    deelname = partner(regio)
    client.force_login(met_rol(RegioFactory()))

    for adres in _alle_adressen(regio, deelname):
        assert client.get(adres).status_code == 404, adres
        assert client.post(adres, {"versie": regio.versie}).status_code == 404, adres
    assert Deelname.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login_page(client, regio):
    deelname = partner(regio)

    for adres in _alle_adressen(regio, deelname):
        for response in (client.get(adres), client.post(adres, {"versie": 1})):
            assert response.status_code == 302, adres
            assert response["Location"].startswith(reverse("login")), adres


def test_creating_a_partner_for_a_frozen_dossier_leaves_no_organisation(regio):
    regio.status = Regiostatus.INGEDIEND
    regio.save()

    with pytest.raises(DossierBevroren):
        maak_partner(regio=regio, door=None, naam="Fablab Leek", soort="techlab")

    assert not Organisatie.objects.exists()
    assert not Gebeurtenis.objects.exists()


def test_the_penvoerder_confirmation_costs_a_fixed_number_of_queries(
    pm_client, regio, django_assert_num_queries
):
    for _n in range(5):
        partner(regio, soort=Organisatiesoort.SCHOOLBESTUUR)
    nieuw = partner(regio, soort=Organisatiesoort.SCHOOLBESTUUR)
    adres = url("partner_penvoerder", regio, deelname=nieuw.pk)
    pm_client.get(adres)
    with django_assert_num_queries(PENVOERDER_QUERIES):
        assert pm_client.get(adres).status_code == 200


PENVOERDER_QUERIES = 7
