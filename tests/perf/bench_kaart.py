"""Time of the network map at national scale: 56 regions holding every counting branch.

Not collected by the normal run (pytest collects only test_*.py); run it by name:

    .venv/bin/pytest tests/perf/bench_kaart.py -q -s

It prints the time and size of the GeoJSON answer and of the page, with and without a
region filter. Targets: GeoJSON under 1 s, the whole national page under 3 s.
"""

import time

import pytest
from django.db import connection
from django.urls import reverse

from tests.regios.test_kaart import geen_tegels, landelijk_netwerk  # noqa: F401

pytestmark = pytest.mark.django_db


def meet(client, url, parameters=None) -> tuple[float, int]:
    client.get(url, parameters)  # warm up caches (templates, translations)
    begin = time.perf_counter()
    antwoord = client.get(url, parameters)
    duur = time.perf_counter() - begin
    assert antwoord.status_code == 200
    return duur, len(antwoord.content)


def test_bench_netwerkkaart(client, landelijk_netwerk):  # noqa: F811
    # Fresh tables have no statistics yet; in production autovacuum keeps them current.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    metingen = {
        "geojson, heel Nederland": (reverse("regios:netwerkkaart_geojson"), None, 1.0),
        "pagina, heel Nederland": (reverse("regios:netwerkkaart"), None, 3.0),
        "pagina, een regio": (
            reverse("regios:netwerkkaart"),
            {"regio": "leerecosysteem-07"},
            0.5,
        ),
    }
    for naam, (url, parameters, doel) in metingen.items():
        duur, grootte = meet(client, url, parameters)
        print(f"{naam}: {duur:.2f} s, {grootte / 1024:.0f} KiB (doel < {doel} s)")
        assert duur < doel
