"""The ministry's lists filter through the same FilterSets on the page and in the API: the
review queue and the overview of regions give the same regions for the same parameters."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from ecosysteem.rollen import BEOORDELAARS
from ecosysteem.tokens import maak_token
from partners.models import Provincie
from regios.models import Regiostatus
from subsidie.services import dien_in
from subsidie.services.beoordeling import wijs_beoordelaar_toe
from tests.api.wereld import medewerker
from tests.dossiers import compleet_dossier, leeg_dossier

pytestmark = pytest.mark.django_db


def ingediend(naam: str, **kwargs):
    d = compleet_dossier(naam=naam, **kwargs)
    dien_in(regio=d.regio, door=d.programmamanager)
    return d


@pytest.fixture
def clients():
    beoordelaar = medewerker(BEOORDELAARS)
    pagina = Client()
    pagina.force_login(beoordelaar)
    api = APIClient()
    api.credentials(
        HTTP_AUTHORIZATION="Bearer "
        + maak_token(gebruiker=beoordelaar, naam="lijsten", geldig_dagen=30)[1]
    )
    return beoordelaar, pagina, api


def test_queue_page_and_api_filter_and_sort_alike(clients):
    beoordelaar, pagina, api = clients
    a = ingediend("Alfa", po=21)
    b = ingediend("Bravo")
    leeg_dossier(naam="Concept")
    groningen = Provincie.objects.get(naam="Groningen")
    a.regio.provincies.add(groningen)
    wijs_beoordelaar_toe(regio=b.regio, beoordelaar=beoordelaar, door=beoordelaar)

    for filters, verwacht in [
        ({}, ["Alfa", "Bravo"]),
        ({"beoordelaar": "geen"}, ["Alfa"]),
        ({"beoordelaar": str(beoordelaar.pk)}, ["Bravo"]),
        ({"status": Regiostatus.IN_BEOORDELING}, ["Bravo"]),
        ({"provincie": groningen.pk}, ["Alfa"]),
        ({"sorteer": "-naam"}, ["Bravo", "Alfa"]),
        ({"sorteer": "-subsidie"}, ["Alfa", "Bravo"]),
    ]:
        op_pagina = [
            r.naam
            for r, _b, _d in pagina.get(reverse("subsidie:wachtrij"), filters).context["rijen"]
        ]
        via_api = [r["naam"] for r in api.get(reverse("api:wachtrij"), filters).json()["results"]]
        assert op_pagina == via_api == verwacht, filters


def test_a_wrong_filter_is_a_field_message_on_the_page_and_400_in_the_api(clients):
    _beoordelaar, pagina, api = clients
    ingediend("Alfa")
    antwoord = pagina.get(reverse("subsidie:wachtrij"), {"status": "onzin"})
    assert antwoord.status_code == 200
    assert "status" in antwoord.context["filter"].errors
    assert [r.naam for r, _b, _d in antwoord.context["rijen"]] == ["Alfa"]
    fout = api.get(reverse("api:wachtrij"), {"status": "onzin"})
    assert fout.status_code == 400
    assert "status" in fout.json()


def test_overview_page_and_api_give_the_same_regions(clients):
    _beoordelaar, pagina, api = clients
    a = ingediend("Alfa")
    compleet_dossier(naam="Bravo")
    groningen = Provincie.objects.get(naam="Groningen")
    a.regio.provincies.add(groningen)
    tijdvak = a.regio.tijdvak.pk
    for filters, verwacht in [
        ({"tijdvak": tijdvak}, ["Alfa", "Bravo"]),
        ({"tijdvak": tijdvak, "provincie": groningen.pk}, ["Alfa"]),
        ({"tijdvak": tijdvak, "status": Regiostatus.INGEDIEND}, ["Alfa"]),
        ({"tijdvak": tijdvak, "zoek": "rav"}, ["Bravo"]),
    ]:
        op_pagina = [
            r.regio.naam
            for r in pagina.get(reverse("subsidie:ministerie_overzicht"), filters).context["rijen"]
        ]
        via_api = [r["naam"] for r in api.get(reverse("api:regio-list"), filters).json()["results"]]
        assert op_pagina == via_api == verwacht, filters
        # The key figures agree too.
        rijen = pagina.get(reverse("subsidie:ministerie_overzicht"), filters).context["rijen"]
        cijfers = api.get(reverse("api:regio-list"), filters).json()["results"]
        assert [f"{r.maximale_subsidie:.2f}" for r in rijen] == [
            c["kerngetallen"]["maximale_subsidie"] for c in cijfers
        ]


def test_network_map_page_and_api_show_the_same_participants():
    d = compleet_dossier(naam="Alfa", po=2, vo=1)
    compleet_dossier(naam="Bravo", po=2, vo=1)
    pagina = Client()
    api = APIClient()
    tijdvak = d.regio.tijdvak.code
    for filters in [
        {"tijdvak": tijdvak},
        {"tijdvak": tijdvak, "regio": d.regio.slug},
        {"tijdvak": tijdvak, "soort": "bedrijf"},
        {"tijdvak": tijdvak, "schooltype": "vo"},
        {"tijdvak": tijdvak, "soort": "bedrijf", "schooltype": "vo"},
    ]:
        netwerk = pagina.get(reverse("regios:netwerkkaart"), filters).context["netwerk"]
        op_pagina = sorted((r.slug, d.naam) for r in netwerk.regios for d in r.deelnemers)
        antwoord = api.get(reverse("api:netwerk"), filters).json()
        via_api = sorted(
            (r["slug"], d["naam"])
            for r in antwoord["regios"]
            for d in r["vestigingen"] + r["partners"]
        )
        assert op_pagina == via_api, filters
        assert via_api, filters
    # A wrong value: a message next to the field on the page, 400 in the API.
    assert pagina.get(reverse("regios:netwerkkaart"), {"regio": "nergens"}).context["form"].errors
    assert api.get(reverse("api:netwerk"), {"regio": "nergens"}).status_code == 400
