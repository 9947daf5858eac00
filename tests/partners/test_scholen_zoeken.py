"""The school search of the public registration form: a public GET endpoint over the
current register, as an htmx fragment that fills in the branch code and as a page of its
own that works without JavaScript."""

import re

import pytest
from django.urls import reverse

from tests.dossiers import leeg_dossier
from tests.factories import VestigingFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def regio():
    return leeg_dossier().regio


def zoek_url(regio, q=None) -> str:
    url = reverse("regios:aanmelding_scholen", args=[regio.slug])
    return url if q is None else f"{url}?q={q}"


def gevonden_codes(html: str) -> list[str]:
    return re.findall(r'<li class="portaal-zoekresultaat" data-vestigingscode="([^"]+)"', html)


@pytest.fixture
def scholen():
    return {
        "meander": VestigingFactory(
            naam="Basisschool De Meander", plaats="Zuidhorn", brin_nummer="11AA"
        ),
        "meander_grijpskerk": VestigingFactory(
            naam="De Meander", plaats="Grijpskerk", brin_nummer="22BB"
        ),
        "zuidhorn_vo": VestigingFactory(
            naam="Het Lyceum", plaats="Zuidhorn", onderwijstype="HAVO/VWO", brin_nummer="33CC"
        ),
        "dicht": VestigingFactory(
            naam="De Meander Oud", plaats="Zuidhorn", in_register=False, brin_nummer="44DD"
        ),
    }


def test_search_matches_name_place_and_branch_code_in_one_query(
    client, regio, scholen, django_assert_num_queries
):
    # One query for the region in the URL, one for the search.
    with django_assert_num_queries(2):
        antwoord = client.get(zoek_url(regio, "de meander"), **HTMX)
    assert antwoord.status_code == 200
    codes = gevonden_codes(antwoord.content.decode())
    # A name that starts with the text before one that contains it; the closed branch is
    # not offered.
    assert codes == ["22BB00", "11AA00"]
    assert gevonden_codes(
        client.get(zoek_url(regio, "meander zuidhorn"), **HTMX).content.decode()
    ) == ["11AA00"]
    assert gevonden_codes(client.get(zoek_url(regio, "33cc00"), **HTMX).content.decode()) == [
        "33CC00"
    ]
    assert set(
        gevonden_codes(client.get(zoek_url(regio, "Zuidhorn"), **HTMX).content.decode())
    ) == {
        "11AA00",
        "33CC00",
    }


def test_htmx_answer_is_a_list_of_choices_and_updates_the_live_region(client, regio, scholen):
    html = client.get(zoek_url(regio, "meander"), **HTMX).content.decode()
    assert "<html" not in html
    assert '<p id="schoolzoekstatus" hx-swap-oob="innerHTML">2 scholen gevonden.</p>' in html
    knop = re.search(r"<button[^>]*data-vestigingscode=\"11AA00\"[^>]*>.*?</button>", html, re.S)
    assert knop is not None
    assert 'data-soort="po_school"' in knop.group(0)
    assert 'data-naam="Basisschool De Meander"' in knop.group(0)
    assert 'Kies<span class="rhc-visually-hidden">: Basisschool De Meander (Zuidhorn)' in html
    # What the person sees of each school: name, place, code and kind.
    assert "Basisschool" in html and "basisonderwijs".capitalize() in html


def test_fewer_than_two_characters_search_nothing(
    client, regio, scholen, django_assert_num_queries
):
    with django_assert_num_queries(1):
        html = client.get(zoek_url(regio, " m "), **HTMX).content.decode()
    assert "Typ minstens 2 tekens om te zoeken." in html
    assert gevonden_codes(html) == []


def test_at_most_fifteen_schools_and_the_status_says_there_are_more(client, regio):
    for n in range(17):
        VestigingFactory(naam=f"Openbare Basisschool Noord {n:02d}")
    html = client.get(zoek_url(regio, "noord"), **HTMX).content.decode()
    assert len(gevonden_codes(html)) == 15
    assert "Meer dan 15 scholen gevonden" in html


def test_nothing_found_is_said_in_dutch(client, regio, scholen):
    html = client.get(zoek_url(regio, "xyzzy"), **HTMX).content.decode()
    assert "Geen scholen gevonden voor ‘xyzzy’." in html


def test_a_very_long_search_text_is_cut_short(client, regio, scholen):
    antwoord = client.get(zoek_url(regio, "a" * 5000), **HTMX)
    assert antwoord.status_code == 200
    assert "a" * 101 not in antwoord.content.decode()


def test_unknown_region_is_404(client, scholen):
    assert client.get("/aanmelden/bestaat-niet/scholen/?q=meander").status_code == 404


def test_without_javascript_a_page_whose_choice_opens_the_form_with_the_school_filled_in(
    client, regio, scholen
):
    antwoord = client.get(zoek_url(regio, "meander zuidhorn"))
    html = antwoord.content.decode()
    assert "<html" in html and "Zoek uw school" in html
    assert 'role="status" aria-live="polite">1 school gevonden.</p>' in html
    link = re.search(r'href="([^"]+\?vestiging=11AA00)"', html).group(1)
    assert link == reverse("regios:aanmelden", args=[regio.slug]) + "?vestiging=11AA00"

    form = client.get(link).context["form"]
    assert form.initial["vestigingscode"] == "11AA00"
    assert form.initial["soort"] == "po_school"
    assert form.initial["naam"] == "Basisschool De Meander"
    assert form.initial["postcode"] == "9801AB" and form.initial["plaats"] == "Zuidhorn"


def test_the_form_ignores_an_unknown_or_closed_branch_in_the_link(client, regio, scholen):
    for code in ("99ZZ00", "44DD00", "<script>"):
        antwoord = client.get(reverse("regios:aanmelden", args=[regio.slug]), {"vestiging": code})
        assert antwoord.status_code == 200
        assert "vestigingscode" not in antwoord.context["form"].initial


def test_registration_form_offers_the_search_next_to_the_branch_code(client, regio):
    html = client.get(reverse("regios:aanmelden", args=[regio.slug])).content.decode()
    # The search belongs to its own GET form, so Enter there never sends the registration.
    assert re.search(r'<input[^>]*id="schoolzoekveld"[^>]*form="schoolzoeker"', html)
    assert f'<form id="schoolzoeker" method="get" action="{zoek_url(regio)}"' in html
    assert f'hx-get="{zoek_url(regio)}"' in html
    assert '<label class="utrecht-form-label" for="schoolzoekveld">' in html
    assert 'id="schoolzoekstatus" role="status" aria-live="polite"' in html
    # Search, then the code it fills in.
    assert html.index('id="schoolzoekveld"') < html.index('id="id_vestigingscode"')
    assert 'data-schoolsoorten="po_school sbo_school so_school vo_school"' in html
