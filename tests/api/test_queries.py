"""Every list of the API costs the same number of queries for a small region and for a
large one (and for two regions or twelve): the lists read across relations in a fixed
number of queries, as the pages do."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kompas.models import Activiteit, Kompaspunt
from regios.models import Deelname, Regio, Regiostatus
from subsidie.models import Begrotingsregel, Besluit, Cofinanciering, Indiening
from tests.api.wereld import bouw_wereld
from tests.dossiers import compleet_dossier, voeg_vestigingen_toe
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


def besluit(regio, beslisser, nummer: int) -> Besluit:
    indiening = Indiening.objects.create(
        regio=regio,
        versie=1,
        maximale_subsidie=Decimal("100000"),
        cofinanciering=Decimal("10000"),
        begroting=Decimal("100000"),
        inhoud={},
    )
    return Besluit.objects.create(
        regio=regio,
        kenmerk=f"TK-2026-{nummer:04d}",
        status="verstuurd",
        adressaat=Deelname.objects.filter(regio=regio, is_penvoerder=True).get().organisatie,
        verstuurd_op=timezone.now(),
        bezwaar_tot=timezone.localdate() + datetime.timedelta(weeks=6),
        indiening=indiening,
        uitkomst="toekennen",
        bedrag=Decimal("90000"),
        motivering="Voldoet.",
        genomen_door=beslisser,
    )


def vergroot(wereld, keer: int) -> None:
    """More of everything in the region, and more regions with decisions."""
    regio = wereld.regio
    voeg_vestigingen_toe(regio, po=20 * keer, vo=3 * keer)
    punt = Kompaspunt.objects.first()
    for n in range(5 * keer):
        partner = OrganisatieFactory()
        Deelname.objects.create(regio=regio, organisatie=partner)
        Cofinanciering.objects.create(
            regio=regio,
            organisatie=partner,
            schooljaar=regio.tijdvak.eerste_schooljaar,
            soort="geld",
            omschrijving="Bijdrage",
            bedrag=Decimal("100"),
        )
        regel = Begrotingsregel.objects.create(
            regio=regio,
            schooljaar=regio.tijdvak.eerste_schooljaar,
            kostensoort="activiteiten",
            omschrijving=f"Regel {n}",
            bedrag=Decimal("100"),
        )
        activiteit = Activiteit.objects.create(
            regio=regio,
            titel=f"Activiteit {keer}-{n}",
            beschrijving="Iets.",
            interventieniveau="III",
            doelgroepen=["po"],
            schooljaren=[regio.tijdvak.eerste_schooljaar],
        )
        activiteit.kompaspunten.set([punt])
        activiteit.partners.set([partner])
        activiteit.begrotingsregels.set([regel])
    for n in range(2 * keer):
        extra = compleet_dossier(po=2, vo=1).regio
        besluit(extra, wereld.gebruikers["besluitvormer"], 100 * keer + n)
        # Decided (set directly: the lifecycle is tested elsewhere), so it is in the queue.
        Regio.objects.filter(pk=extra.pk).update(status=Regiostatus.TOEGEKEND)


def lijsten(wereld) -> dict[str, tuple[str, str]]:
    slug = wereld.regio.slug
    return {
        naam: (url, rol)
        for naam, url, rol in [
            ("tijdvakken", reverse("api:tijdvak-list"), "anoniem"),
            ("scholen", reverse("api:school-list") + "?naam=a", "anoniem"),
            ("organisaties", reverse("api:organisatie-list"), "programmamanager"),
            ("organisaties (ministerie)", reverse("api:organisatie-list"), "beoordelaar"),
            ("regio's", reverse("api:regio-list"), "programmamanager"),
            ("regio's (ministerie)", reverse("api:regio-list"), "beoordelaar"),
            ("deelnames", reverse("api:deelname-list", args=[slug]), "programmamanager"),
            ("cofinanciering", reverse("api:cofinanciering-list", args=[slug]), "programmamanager"),
            ("begroting", reverse("api:begrotingsregel-list", args=[slug]), "programmamanager"),
            ("activiteiten", reverse("api:activiteit-list", args=[slug]), "programmamanager"),
            ("berekening", reverse("api:berekening", args=[slug]), "programmamanager"),
            ("scan", reverse("api:scan", args=[slug]), "programmamanager"),
            ("documenten", reverse("api:documenten", args=[slug]), "programmamanager"),
            ("wachtrij", reverse("api:wachtrij"), "beoordelaar"),
            ("open data", reverse("api:open_besluiten"), "anoniem"),
            ("netwerk", reverse("api:netwerk"), "anoniem"),
            ("open data csv", reverse("api:open_besluiten_csv"), "anoniem"),
        ]
    }


def tel(wereld) -> dict[str, int]:
    uitkomst = {}
    for naam, (url, rol) in lijsten(wereld).items():
        client = wereld.client(rol)
        client.get(url)  # warm: content types, sessions
        with CaptureQueriesContext(connection) as queries:
            antwoord = client.get(url)
        assert antwoord.status_code == 200, (naam, antwoord.content[:300])
        uitkomst[naam] = len(queries)
    return uitkomst


def test_list_queries_do_not_grow_with_the_data():
    wereld = bouw_wereld()
    vergroot(wereld, 1)
    klein = tel(wereld)
    vergroot(wereld, 4)
    groot = tel(wereld)
    assert groot == klein
    # And the large lists do hold the larger data.
    assert len(wereld.client("anoniem").get(reverse("api:open_besluiten")).json()["results"]) == 10
    assert len(wereld.client("beoordelaar").get(reverse("api:wachtrij")).json()["results"]) == 10
