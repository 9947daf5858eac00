"""The region's municipalities and provinces: a long list of checkboxes that the portal's
script turns into a search-as-you-type picker. Without the script the checkboxes are the
form; these tests read the page and post the form as a browser without JavaScript does."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.dossiers import leeg_dossier
from tests.factories import GemeenteFactory, provincie

pytestmark = pytest.mark.django_db


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_page_offers_checkboxes_and_the_picker_texts_not_a_ctrl_click_list():
    d = leeg_dossier()
    GemeenteFactory(
        naam_register="BERGEN (NH.)", naam="Bergen", provincie=provincie("Noord-Holland")
    )
    GemeenteFactory(naam_register="BERGEN (L.)", naam="Bergen", provincie=provincie("Limburg"))
    html = (
        ingelogd(d.programmamanager)
        .get(reverse("regios:gegevens", kwargs={"slug": d.regio.slug}))
        .content.decode()
    )
    assert "<select" not in html
    assert "Ctrl" not in html
    assert html.count('name="gemeenten"') == 2
    assert 'type="checkbox" name="gemeenten"' in html or re.search(
        r'<input[^>]*type="checkbox"[^>]*name="gemeenten"', html
    )
    # Two municipalities of the same name are told apart by their province.
    assert "Bergen (Noord-Holland)" in html and "Bergen (Limburg)" in html
    # The picker's element carries its texts for the script, and is hidden until it runs.
    picker = re.search(
        r'<div class="portaal-zoekkeuze" hidden data-zoekkeuze\s+data-id="id_gemeenten"[^>]*>', html
    )
    assert picker, "no picker element for the municipalities"
    assert 'data-zoeklabel="Zoek een gemeente"' in picker.group(0)
    assert 'data-verwijder="Verwijder %(naam)s"' in picker.group(0)
    assert 'data-id="id_provincies"' in html


def test_without_javascript_the_checkboxes_save_several_municipalities():
    d = leeg_dossier()
    a = GemeenteFactory(naam_register="WESTERKWARTIER")
    b = GemeenteFactory(naam_register="GRONINGEN")
    GemeenteFactory(naam_register="EEMSDELTA")
    antwoord = ingelogd(d.programmamanager).post(
        reverse("regios:gegevens", kwargs={"slug": d.regio.slug}),
        {
            "naam": d.regio.naam,
            "versie": d.regio.versie,
            "gemeenten": [a.pk, b.pk],
            "provincies": [provincie("Groningen").pk],
        },
    )
    assert antwoord.status_code == 302
    assert set(d.regio.gemeenten.values_list("naam", flat=True)) == {"Westerkwartier", "Groningen"}
    assert list(d.regio.provincies.values_list("naam", flat=True)) == ["Groningen"]
    # The chosen ones come back checked.
    html = (
        ingelogd(d.programmamanager)
        .get(reverse("regios:gegevens", kwargs={"slug": d.regio.slug}))
        .content.decode()
    )
    aangevinkt = re.findall(r'<input[^>]*name="gemeenten"[^>]*value="(\d+)"[^>]*checked', html)
    aangevinkt += re.findall(r'<input[^>]*checked[^>]*name="gemeenten"[^>]*value="(\d+)"', html)
    assert {int(x) for x in aangevinkt} == {a.pk, b.pk}


@pytest.mark.parametrize("aantal", [3, 60])
def test_page_costs_the_same_queries_for_few_and_many_municipalities(
    aantal, django_assert_num_queries
):
    d = leeg_dossier()
    for n in range(aantal):
        GemeenteFactory(naam_register=f"GEMEENTE {n:03d}")
    client = ingelogd(d.programmamanager)
    adres = reverse("regios:gegevens", kwargs={"slug": d.regio.slug})
    client.get(adres)
    with django_assert_num_queries(QUERIES):
        assert client.get(adres).status_code == 200


QUERIES = 8
