"""The public network map: page, filters, GeoJSON, and its cost at national scale."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from partners.models import Gemeente, Organisatiesoort, Vestiging
from regios.kaart import regiokleur
from regios.models import Deelname, Deelnamestatus, Regio, Regiostatus, Tijdvak
from tests.factories import (
    DeelnameFactory,
    GemeenteFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    RolFactory,
    VestigingFactory,
)

pytestmark = pytest.mark.django_db

KAART = reverse("regios:netwerkkaart")
GEOJSON = reverse("regios:netwerkkaart_geojson")
# Longitude and latitude of the Netherlands, generously (Caribbean parts are not in the
# register).
LENGTE = (3.2, 7.3)
BREEDTE = (50.7, 53.6)


@pytest.fixture(autouse=True)
def geen_tegels(settings):
    # No request may leave the machine in tests.
    settings.KAART_TEGELS_URL = ""


@pytest.fixture
def netwerk():
    """Two regions of the open period, a third in the other period, and a rejected one."""
    tijdvak = Tijdvak.objects.get(code="tijdvak-2")
    ander = Tijdvak.objects.get(code="tijdvak-1")
    westerkwartier = GemeenteFactory(naam_register="WESTERKWARTIER")
    noord = RegioFactory(naam="Next Education", slug="next-education", tijdvak=tijdvak)
    waterland = RegioFactory(naam="STO Waterland", slug="sto-waterland", tijdvak=tijdvak)
    oud = RegioFactory(naam="Techregio van vroeger", slug="vroeger", tijdvak=ander)
    afgewezen = RegioFactory(
        naam="Afgewezen regio", slug="afgewezen", tijdvak=tijdvak, status=Regiostatus.AFGEWEZEN
    )
    meander = VestigingFactory(
        naam="Basisschool De Meander",
        vestigingscode="32DD00",
        brin_nummer="32DD",
        plaats="Zuidhorn",
        gemeente=westerkwartier,
        breedtegraad=Decimal("53.240000"),
        lengtegraad=Decimal("6.400000"),
        leerlingen=210,
    )
    borgen = VestigingFactory(
        naam="RSG De Borgen",
        vestigingscode="20AB01",
        brin_nummer="20AB",
        onderwijstype="HAVO/VWO",
        plaats="Leek",
        gemeente=westerkwartier,
        breedtegraad=Decimal("53.160000"),
        lengtegraad=Decimal("6.380000"),
        leerlingen=900,
    )
    purmer = VestigingFactory(
        naam="Basisschool Het Purmer",
        vestigingscode="11XY00",
        brin_nummer="11XY",
        plaats="Purmerend",
        gemeente=GemeenteFactory(naam_register="PURMEREND"),
        breedtegraad=Decimal("52.500000"),
        lengtegraad=Decimal("4.950000"),
        leerlingen=300,
    )
    zonder_plaats = VestigingFactory(
        naam="Basisschool Zonder Coördinaten",
        vestigingscode="12XY00",
        brin_nummer="12XY",
        breedtegraad=None,
        lengtegraad=None,
    )
    DeelnameFactory(regio=noord, vestiging=meander)
    DeelnameFactory(regio=noord, vestiging=borgen)
    DeelnameFactory(regio=waterland, vestiging=purmer)
    DeelnameFactory(regio=waterland, vestiging=zonder_plaats)
    DeelnameFactory(regio=oud, vestiging=VestigingFactory(naam="School van vroeger"))
    DeelnameFactory(regio=afgewezen, vestiging=VestigingFactory(naam="School van afgewezen"))
    # An ended participation is no longer part of the network.
    DeelnameFactory(
        regio=noord,
        vestiging=VestigingFactory(naam="Gestopte school"),
        status=Deelnamestatus.BEEINDIGD,
    )

    fablab = OrganisatieFactory(
        naam="Fablab Westerkwartier",
        soort=Organisatiesoort.TECHLAB,
        plaats="Zuidhorn",
        gemeente=westerkwartier,
        email="info@fablab.example",
        telefoon="0612345678",
    )
    museum = OrganisatieFactory(
        naam="Techniekmuseum Noord",
        soort=Organisatiesoort.MUSEUM,
        plaats="Groningen",
        breedtegraad=Decimal("53.219000"),
        lengtegraad=Decimal("6.566000"),
    )
    bedrijf = OrganisatieFactory(naam="Machinefabriek Waterland", soort=Organisatiesoort.BEDRIJF)
    DeelnameFactory(regio=noord, vestiging=None, organisatie=fablab, is_penvoerder=True)
    DeelnameFactory(regio=noord, vestiging=None, organisatie=museum)
    DeelnameFactory(regio=waterland, vestiging=None, organisatie=bedrijf)
    # A contact person with a role: never on the public map.
    RolFactory(
        regio=noord,
        persoon=PersoonFactory(
            voornaam="Geheime",
            achternaam="Contactpersoon",
            email="geheim@voorbeeld.nl",
            telefoon="0687654321",
            organisatie=fablab,
        ),
    )
    return {"tijdvak": tijdvak, "noord": noord, "waterland": waterland}


def geojson(client, **parameters):
    antwoord = client.get(GEOJSON, parameters)
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord["Content-Type"].startswith("application/geo+json")
    return json.loads(antwoord.content)


def namen(collectie) -> set[str]:
    return {f["properties"]["naam"] for f in collectie["features"]}


def controleer_featurecollection(collectie) -> None:
    assert collectie["type"] == "FeatureCollection"
    for feature in collectie["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lengte, breedte = feature["geometry"]["coordinates"]
        assert isinstance(lengte, float) and isinstance(breedte, float)
        assert LENGTE[0] <= lengte <= LENGTE[1], feature
        assert BREEDTE[0] <= breedte <= BREEDTE[1], feature
        eigenschappen = feature["properties"]
        for sleutel in ("naam", "soort", "regio", "regio_slug", "plaats", "deelnemer"):
            assert sleutel in eigenschappen, (sleutel, feature)
        if eigenschappen["deelnemer"] == "vestiging":
            assert eigenschappen["vestigingscode"]
            assert "leerlingen" in eigenschappen


# --- the page ------------------------------------------------------------------------------


def test_page_is_public_and_lists_the_regions_of_the_open_period_with_their_members(
    client, netwerk
):
    antwoord = client.get(KAART)

    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Next Education" in html
    assert "STO Waterland" in html
    assert "Basisschool De Meander" in html
    assert "32DD00" in html
    assert "Zuidhorn" in html
    assert "RSG De Borgen" in html
    assert "Fablab Westerkwartier" in html
    assert "Techniekmuseum Noord" in html
    assert "Machinefabriek Waterland" in html
    # Another period, a rejected region and an ended participation are not shown.
    assert "Techregio van vroeger" not in html
    assert "Afgewezen regio" not in html
    assert "Gestopte school" not in html
    # The branch without coordinates is in the list, marked as not on the map.
    assert "Basisschool Zonder Coördinaten" in html
    assert "niet op de kaart" in html


def test_page_counts_branches_pupils_and_partners_per_region(client, netwerk):
    antwoord = client.get(KAART)

    regios = {r.slug: r for r in antwoord.context["netwerk"].regios}
    assert len(regios["next-education"].vestigingen) == 2
    assert regios["next-education"].leerlingen == 1110
    assert len(regios["next-education"].partners) == 2
    assert len(regios["sto-waterland"].vestigingen) == 2
    assert "1.110 leerlingen" in antwoord.content.decode()


def test_page_tells_the_map_where_its_data_is_and_that_there_are_no_tiles(client, netwerk):
    html = client.get(KAART).content.decode()

    assert f'data-geojson-url="{GEOJSON}?tijdvak=tijdvak-2"' in html
    assert 'data-tegels-url=""' in html
    assert 'id="netwerkkaart"' in html


def test_page_shows_the_latest_period_when_no_applications_are_open(client, netwerk):
    Tijdvak.objects.update(aanvragen_open=False)

    antwoord = client.get(KAART)

    assert antwoord.context["netwerk"].tijdvak.code == "tijdvak-2"
    Tijdvak.objects.filter(code="tijdvak-1").update(aanvragen_open=True)
    assert client.get(KAART).context["netwerk"].tijdvak.code == "tijdvak-1"


def test_period_filter_shows_that_periods_regions(client, netwerk):
    html = client.get(KAART, {"tijdvak": "tijdvak-1"}).content.decode()

    assert "Techregio van vroeger" in html
    assert "School van vroeger" in html
    assert "Next Education" not in html


def test_region_filter_narrows_the_list_and_the_map(client, netwerk):
    antwoord = client.get(KAART, {"regio": "sto-waterland"})

    html = antwoord.content.decode()
    assert [r.slug for r in antwoord.context["netwerk"].regios] == ["sto-waterland"]
    assert "Basisschool Het Purmer" in html
    assert "Basisschool De Meander" not in html
    assert "Fablab Westerkwartier" not in html
    # The region filter keeps every region of the period as a choice.
    assert '<option value="next-education">Next Education</option>' in html
    assert "regio=sto-waterland" in html  # the map's GeoJSON address
    # The company has no position: in the list, not on the map.
    assert "Machinefabriek Waterland" in html
    assert namen(geojson(client, regio="sto-waterland")) == {"Basisschool Het Purmer"}


def test_partner_kind_filter_shows_only_those_partners(client, netwerk):
    antwoord = client.get(KAART, {"soort": Organisatiesoort.MUSEUM})

    html = antwoord.content.decode()
    assert "Techniekmuseum Noord" in html
    assert "Fablab Westerkwartier" not in html
    assert "Basisschool De Meander" not in html
    # Regions without a museum are left out.
    assert [r.slug for r in antwoord.context["netwerk"].regios] == ["next-education"]
    assert namen(geojson(client, soort=Organisatiesoort.MUSEUM)) == {"Techniekmuseum Noord"}


def test_school_type_filter_shows_only_those_branches(client, netwerk):
    html = client.get(KAART, {"schooltype": "vo"}).content.decode()

    assert "RSG De Borgen" in html
    assert "Basisschool De Meander" not in html
    assert "Techniekmuseum Noord" not in html


def test_partner_kind_and_school_type_together_show_both(client, netwerk):
    antwoord = client.get(KAART, {"soort": Organisatiesoort.BEDRIJF, "schooltype": "vo"})

    getoond = {d.naam for r in antwoord.context["netwerk"].regios for d in r.deelnemers}
    assert getoond == {"RSG De Borgen", "Machinefabriek Waterland"}


def test_unknown_filter_value_gets_a_message_and_the_whole_map(client, netwerk):
    antwoord = client.get(KAART, {"regio": "bestaat-niet"})

    assert antwoord.status_code == 200
    assert antwoord.context["form"].errors["regio"]
    assert len(antwoord.context["netwerk"].regios) == 2
    assert client.get(GEOJSON, {"regio": "bestaat-niet"}).status_code == 400


def test_page_without_any_region_says_so(client):
    antwoord = client.get(KAART)

    assert antwoord.status_code == 200
    assert "Er zijn geen regio’s die aan deze filters voldoen." in antwoord.content.decode()


# --- GeoJSON -------------------------------------------------------------------------------


def test_geojson_is_a_valid_feature_collection_in_lon_lat(client, netwerk):
    collectie = geojson(client)

    controleer_featurecollection(collectie)
    meander = next(
        f for f in collectie["features"] if f["properties"]["naam"] == "Basisschool De Meander"
    )
    assert meander["geometry"]["coordinates"] == [6.4, 53.24]
    assert meander["properties"] == {
        "naam": "Basisschool De Meander",
        "deelnemer": "vestiging",
        "soort": "bao",
        "soort_naam": "basisonderwijs",
        "regio": "Next Education",
        "regio_slug": "next-education",
        "kleur": regiokleur(0),
        "plaats": "Zuidhorn",
        "vestigingscode": "32DD00",
        "leerlingen": 210,
    }


def test_geojson_leaves_out_what_has_no_position_but_the_list_keeps_it(client, netwerk):
    gevonden = namen(geojson(client))

    assert "Basisschool Zonder Coördinaten" not in gevonden
    # Waterland's company has no coordinates and no municipality: list only.
    assert "Machinefabriek Waterland" not in gevonden
    assert gevonden == {
        "Basisschool De Meander",
        "RSG De Borgen",
        "Basisschool Het Purmer",
        "Fablab Westerkwartier",
        "Techniekmuseum Noord",
    }


def test_partner_without_coordinates_sits_amid_the_regions_branches_in_its_municipality(
    client, netwerk
):
    collectie = geojson(client)

    fablab = next(
        f for f in collectie["features"] if f["properties"]["naam"] == "Fablab Westerkwartier"
    )
    lengte, breedte = fablab["geometry"]["coordinates"]
    assert lengte == pytest.approx(6.39)
    assert breedte == pytest.approx(53.2)
    assert fablab["properties"]["locatie_benaderd"] is True
    museum = next(
        f for f in collectie["features"] if f["properties"]["naam"] == "Techniekmuseum Noord"
    )
    assert museum["geometry"]["coordinates"] == [6.566, 53.219]
    assert museum["properties"]["locatie_benaderd"] is False


def test_geojson_holds_no_personal_data(client, netwerk):
    tekst = client.get(GEOJSON).content.decode()

    for geheim in ("Geheime", "Contactpersoon", "geheim@voorbeeld.nl", "0687654321"):
        assert geheim not in tekst
    # Nor the organisation's own e-mail and telephone, nor street addresses.
    for niet_openbaar in ("info@fablab.example", "0612345678", "Schoolstraat", "9801AB"):
        assert niet_openbaar not in tekst
    verboden = {"email", "telefoon", "straat", "postcode", "huisnummer", "contactpersoon"}
    for feature in json.loads(tekst)["features"]:
        assert not verboden & set(feature["properties"])


def test_geojson_may_be_cached_publicly(client, netwerk):
    antwoord = client.get(GEOJSON)

    assert "public" in antwoord["Cache-Control"]
    assert "max-age=300" in antwoord["Cache-Control"]


def test_geojson_answers_with_four_queries_for_a_small_map(
    client, netwerk, django_assert_num_queries
):
    with django_assert_num_queries(4):
        client.get(GEOJSON)


# --- national scale ----------------------------------------------------------------------

AANTAL_REGIOS = 56


@pytest.fixture
def landelijk_netwerk():
    """The whole register split over 56 regions: every counting branch takes part, spread
    by municipality (alphabetically, round robin), plus three partners per region."""
    call_command("import_scholen", stdout=StringIO())
    tijdvak = Tijdvak.objects.get(code="tijdvak-2")
    regios = Regio.objects.bulk_create(
        Regio(naam=f"Leerecosysteem {i:02d}", slug=f"leerecosysteem-{i:02d}", tijdvak=tijdvak)
        for i in range(AANTAL_REGIOS)
    )
    regio_van_gemeente = {
        gemeente_id: regios[i % AANTAL_REGIOS]
        for i, gemeente_id in enumerate(
            Gemeente.objects.order_by("provincie__naam", "naam").values_list("id", flat=True)
        )
    }
    tellend = list(
        Vestiging.objects.filter(telt_mee=True, in_register=True).values_list(
            "id", "gemeente_id", "breedtegraad"
        )
    )
    deelnames = [
        Deelname(regio=regio_van_gemeente[gemeente_id], tijdvak=tijdvak, vestiging_id=vestiging_id)
        for vestiging_id, gemeente_id, _breedte in tellend
    ]
    # A municipality where the region has a branch with a position, for the library.
    gemeente_per_regio = {
        regio_van_gemeente[gemeente_id].id: gemeente_id
        for _id, gemeente_id, breedte in tellend
        if breedte is not None
    }
    for i, regio in enumerate(regios):
        met_plaats = OrganisatieFactory(
            soort=Organisatiesoort.MUSEUM,
            breedtegraad=Decimal("52.1"),
            lengtegraad=Decimal("5.1"),
        )
        in_gemeente = OrganisatieFactory(
            soort=Organisatiesoort.BIBLIOTHEEK, gemeente_id=gemeente_per_regio[regio.id]
        )
        zonder = OrganisatieFactory(soort=Organisatiesoort.BEDRIJF, kvk_nummer=f"{90000000 + i}")
        deelnames += [
            Deelname(regio=regio, tijdvak=tijdvak, organisatie=o)
            for o in (met_plaats, in_gemeente, zonder)
        ]
    Deelname.objects.bulk_create(deelnames, batch_size=2000)
    return {"vestigingen": len(tellend), "regios": regios}


def test_geojson_at_national_scale_costs_the_same_queries_as_a_small_map(
    client, landelijk_netwerk, django_assert_num_queries
):
    with django_assert_num_queries(4):
        antwoord = client.get(GEOJSON)

    collectie = json.loads(antwoord.content)
    controleer_featurecollection(collectie)
    vestigingen = [f for f in collectie["features"] if f["properties"]["deelnemer"] == "vestiging"]
    partners = [f for f in collectie["features"] if f["properties"]["deelnemer"] == "organisatie"]
    # Every counting branch with coordinates: about 8,300 of the register's 8,622.
    assert 8_000 <= len(vestigingen) <= landelijk_netwerk["vestigingen"]
    assert len({f["properties"]["regio_slug"] for f in vestigingen}) == AANTAL_REGIOS
    # Per region a museum with its own position and a library placed in its municipality;
    # the company without either stays off the map.
    assert len(partners) == 2 * AANTAL_REGIOS


def test_page_at_national_scale_costs_the_same_queries_as_a_small_map(
    client, landelijk_netwerk, django_assert_num_queries
):
    with django_assert_num_queries(4):
        antwoord = client.get(KAART, {"regio": "leerecosysteem-07"})

    assert antwoord.status_code == 200
    assert len(antwoord.context["netwerk"].regios) == 1


def test_page_for_a_small_map_costs_four_queries(client, netwerk, django_assert_num_queries):
    with django_assert_num_queries(4):
        client.get(KAART)
