"""Writes through the API: the same services as the pages, so the same audit event, the
same version bump, the same Dutch messages (as field errors), the optimistic version check,
and nothing written for whom it is not."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from ecosysteem.models import Actie, Gebeurtenis
from kompas.models import Activiteit, Kompaspunt
from partners.models import Organisatiesoort
from regios.models import Deelname, Deelnamestatus, Regio
from subsidie.models import Begrotingsregel, Cofinanciering
from subsidie.services import dien_in
from tests.api.wereld import ROLLEN, bouw_wereld
from tests.factories import OrganisatieFactory, VestigingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wereld():
    return bouw_wereld()


def versie(regio) -> int:
    return Regio.objects.get(pk=regio.pk).versie


def begrotingsregel(regio, **velden) -> dict:
    return {
        "schooljaar": regio.tijdvak.eerste_schooljaar,
        "kostensoort": "expertise",
        "omschrijving": "Inhuur techniekcoach",
        "bedrag": "12500.00",
        "versie": versie(regio),
        **velden,
    }


def test_a_budget_line_through_the_api_leaves_the_pages_audit_event_and_version(wereld):
    regio = wereld.regio
    voor = versie(regio)
    pm = wereld.gebruikers["programmamanager"]

    antwoord = wereld.client("programmamanager").post(
        reverse("api:begrotingsregel-list", args=[regio.slug]),
        begrotingsregel(regio),
        format="json",
    )

    assert antwoord.status_code == 201, antwoord.json()
    rij = Begrotingsregel.objects.get(pk=antwoord.json()["id"])
    assert rij.bedrag == Decimal("12500.00")
    assert antwoord.json()["dossierversie"] == voor + 1 == versie(regio)
    gebeurtenis = Gebeurtenis.objects.filter(regio=regio).first()
    assert gebeurtenis.actie == Actie.BEGROTING_TOEGEVOEGD
    assert gebeurtenis.door == pm
    assert gebeurtenis.onderwerp == rij
    assert gebeurtenis.gegevens["naar"]["bedrag"] == "12500.00"

    # The page writes the same event: add a line through the budget page and compare.
    pagina = Client()
    pagina.force_login(pm)
    assert (
        pagina.post(
            reverse("subsidie:begroting", args=[regio.slug]),
            {
                "versie": versie(regio),
                "schooljaar": regio.tijdvak.eerste_schooljaar,
                "kostensoort": "expertise",
                "omschrijving": "Inhuur techniekcoach",
                "bedrag": "12.500,00",
            },
        ).status_code
        == 302
    )
    via_pagina = Gebeurtenis.objects.filter(regio=regio).first()
    assert via_pagina.pk != gebeurtenis.pk
    assert (via_pagina.actie, via_pagina.door, via_pagina.omschrijving) == (
        gebeurtenis.actie,
        gebeurtenis.door,
        gebeurtenis.omschrijving,
    )
    assert via_pagina.gegevens["naar"] == gebeurtenis.gegevens["naar"]
    assert versie(regio) == voor + 2


def test_a_stale_version_is_refused_with_409_and_nothing_is_written(wereld):
    regio = wereld.regio
    oud = begrotingsregel(regio)
    Regio.objects.filter(pk=regio.pk).update(versie=oud["versie"] + 1)
    regels = Begrotingsregel.objects.count()

    antwoord = wereld.client("programmamanager").post(
        reverse("api:begrotingsregel-list", args=[regio.slug]), oud, format="json"
    )

    assert antwoord.status_code == 409
    assert antwoord.json()["non_field_errors"] == [
        "Iemand anders heeft het dossier gewijzigd nadat u dit formulier opende. "
        "Bekijk de actuele gegevens en voer uw wijziging opnieuw in."
    ]
    assert Begrotingsregel.objects.count() == regels
    assert versie(regio) == oud["versie"] + 1


def test_the_services_dutch_messages_come_back_per_field(wereld):
    regio = wereld.regio
    client = wereld.client("programmamanager")
    voor = versie(regio)

    buiten = client.post(
        reverse("api:begrotingsregel-list", args=[regio.slug]),
        begrotingsregel(regio, schooljaar=2099),
        format="json",
    )
    assert buiten.status_code == 400
    # The service's own message, as the budget form shows it when the form lets it through.
    assert buiten.json() == {
        "schooljaar": ["Kies een schooljaar binnen het tijdvak Tijdvak 2 (2026/27 – 2027/28)."]
    }

    uren = client.post(
        reverse("api:cofinanciering-list", args=[regio.slug]),
        {
            "organisatie": Deelname.objects.filter(regio=regio, organisatie__soort="bedrijf")
            .get()
            .organisatie_id,
            "schooljaar": regio.tijdvak.eerste_schooljaar,
            "soort": "uren",
            "omschrijving": "Gastlessen",
            "versie": voor,
        },
        format="json",
    )
    assert uren.status_code == 400
    assert set(uren.json()) >= {"uren", "uurtarief"}
    assert versie(regio) == voor


def test_who_may_write_per_role_and_nothing_is_written_for_the_others(wereld):
    regio = wereld.regio
    url = reverse("api:begrotingsregel-list", args=[regio.slug])
    verwacht = dict.fromkeys(ROLLEN, 404)
    verwacht.update(
        anoniem=401,
        ingetrokken_token=401,
        projectleider=403,
        programmamanager=201,
        beheerder=201,
    )
    fouten = []
    for rol in ROLLEN:
        regels = Begrotingsregel.objects.count()
        gebeurtenissen = Gebeurtenis.objects.count()
        status = wereld.client(rol).post(url, begrotingsregel(regio), format="json").status_code
        if status != verwacht[rol]:
            fouten.append(f"{rol}: {status}, verwacht {verwacht[rol]}")
        if verwacht[rol] != 201:
            assert Begrotingsregel.objects.count() == regels, rol
            assert Gebeurtenis.objects.count() == gebeurtenissen, rol
    assert not fouten, "\n".join(fouten)


def test_nobody_writes_into_another_region(wereld):
    """The other region's manager cannot reach this region's rows, nor move a row of this
    region through their own region's address."""
    regel = Begrotingsregel.objects.filter(regio=wereld.regio).first()
    andere = wereld.client("pm_andere_regio")
    eigen_slug = wereld.andere_regio.slug
    url = reverse("api:begrotingsregel-detail", args=[eigen_slug, regel.pk])
    assert andere.put(url, begrotingsregel(wereld.andere_regio), format="json").status_code == 404
    assert andere.delete(f"{url}?versie={versie(wereld.andere_regio)}").status_code == 404
    assert Begrotingsregel.objects.filter(pk=regel.pk, regio=wereld.regio).exists()


def test_change_and_remove_go_through_the_services(wereld):
    regio = wereld.regio
    client = wereld.client("programmamanager")
    regel = Begrotingsregel.objects.filter(regio=regio).first()
    url = reverse("api:begrotingsregel-detail", args=[regio.slug, regel.pk])

    gewijzigd = client.put(url, begrotingsregel(regio, bedrag="100.00"), format="json")
    assert gewijzigd.status_code == 200
    regel.refresh_from_db()
    assert regel.bedrag == Decimal("100.00")
    assert Gebeurtenis.objects.filter(regio=regio).first().actie == Actie.BEGROTING_GEWIJZIGD

    weg = client.delete(f"{url}?versie={versie(regio)}")
    assert weg.status_code == 200
    assert weg.json() == {"dossierversie": versie(regio)}
    assert not Begrotingsregel.objects.filter(pk=regel.pk).exists()
    assert Gebeurtenis.objects.filter(regio=regio).first().actie == Actie.BEGROTING_VERWIJDERD
    # Without the version, nothing happens.
    andere = Begrotingsregel.objects.create(
        regio=regio, schooljaar=2025, kostensoort="overig", omschrijving="x", bedrag=1
    )
    zonder = client.delete(reverse("api:begrotingsregel-detail", args=[regio.slug, andere.pk]))
    assert zonder.status_code == 400
    assert "versie" in zonder.json()


def test_add_and_end_a_branch_and_an_organisation(wereld):
    regio = wereld.regio
    client = wereld.client("programmamanager")
    url = reverse("api:deelname-list", args=[regio.slug])
    school = VestigingFactory()

    toegevoegd = client.post(
        url, {"vestigingscode": school.vestigingscode, "versie": versie(regio)}, format="json"
    )
    assert toegevoegd.status_code == 201, toegevoegd.json()
    assert toegevoegd.json()["vestiging"]["vestigingscode"] == school.vestigingscode
    assert Gebeurtenis.objects.filter(regio=regio).first().actie == Actie.DEELNAME_TOEGEVOEGD

    nogmaals = client.post(
        url, {"vestigingscode": school.vestigingscode, "versie": versie(regio)}, format="json"
    )
    assert nogmaals.status_code == 400
    assert nogmaals.json()["non_field_errors"] == [f"{school} doet al mee in deze regio."]

    museum = OrganisatieFactory(soort=Organisatiesoort.MUSEUM)
    partner = client.post(url, {"organisatie": museum.pk, "versie": versie(regio)}, format="json")
    assert partner.status_code == 201
    deelname = Deelname.objects.get(pk=partner.json()["id"])

    geen_penvoerder = client.post(
        url,
        {
            "organisatie": OrganisatieFactory(soort=Organisatiesoort.BEDRIJF).pk,
            "is_penvoerder": True,
            "versie": versie(regio),
        },
        format="json",
    )
    assert geen_penvoerder.status_code == 400
    assert "kan geen penvoerder zijn" in geen_penvoerder.json()["non_field_errors"][0]

    einde = client.post(
        reverse("api:deelname-beeindigen", args=[regio.slug, deelname.pk]),
        {"reden": "Stopt", "versie": versie(regio)},
        format="json",
    )
    assert einde.status_code == 200
    deelname.refresh_from_db()
    assert deelname.status == Deelnamestatus.BEEINDIGD
    gebeurtenis = Gebeurtenis.objects.filter(regio=regio).first()
    assert (gebeurtenis.actie, gebeurtenis.reden) == (Actie.DEELNAME_BEEINDIGD, "Stopt")
    assert einde.json()["dossierversie"] == versie(regio)

    penvoerder = Deelname.objects.get(regio=regio, is_penvoerder=True)
    blijft = client.post(
        reverse("api:deelname-beeindigen", args=[regio.slug, penvoerder.pk]),
        {"versie": versie(regio)},
        format="json",
    )
    assert blijft.status_code == 400
    assert "wijs eerst een andere penvoerder aan" in blijft.json()["non_field_errors"][0]


def test_ending_per_role(wereld):
    regio = wereld.regio
    deelname = Deelname.objects.filter(regio=regio, organisatie__soort="bedrijf").get()
    url = reverse("api:deelname-beeindigen", args=[regio.slug, deelname.pk])
    verwacht = dict.fromkeys(ROLLEN, 404)
    verwacht.update(anoniem=401, ingetrokken_token=401, projectleider=403)
    for rol in ROLLEN:
        if rol in ("programmamanager", "beheerder"):
            continue
        status = wereld.client(rol).post(url, {"versie": versie(regio)}, format="json")
        assert status.status_code == verwacht[rol], rol
    deelname.refresh_from_db()
    assert deelname.status == Deelnamestatus.ACTIEF


def test_a_submitted_dossier_refuses_writes_with_the_pages_reason(wereld):
    regio = wereld.regio
    dien_in(regio=regio, door=wereld.gebruikers["programmamanager"])
    regels = Begrotingsregel.objects.count()

    antwoord = wereld.client("programmamanager").post(
        reverse("api:begrotingsregel-list", args=[regio.slug]),
        begrotingsregel(regio),
        format="json",
    )

    assert antwoord.status_code == 400
    assert "kan niet meer worden gewijzigd" in antwoord.json()["non_field_errors"][0]
    assert Begrotingsregel.objects.count() == regels
    # The project leader is still refused for who they are.
    assert (
        wereld.client("projectleider")
        .post(
            reverse("api:begrotingsregel-list", args=[regio.slug]),
            begrotingsregel(regio),
            format="json",
        )
        .status_code
        == 403
    )


def test_an_activity_and_a_pledge_through_the_api(wereld):
    regio = wereld.regio
    client = wereld.client("programmamanager")
    punt = Kompaspunt.objects.order_by("volgorde").first()
    activiteit = client.post(
        reverse("api:activiteit-list", args=[regio.slug]),
        {
            "titel": "Techniekweek",
            "beschrijving": "Een week vol techniek.",
            "kompaspunten": [punt.slug],
            "interventieniveau": "III",
            "doelgroepen": ["po"],
            "schooljaren": [regio.tijdvak.eerste_schooljaar],
            "versie": versie(regio),
        },
        format="json",
    )
    assert activiteit.status_code == 201, activiteit.json()
    assert Activiteit.objects.get(pk=activiteit.json()["id"]).kompaspunten.get() == punt
    assert Gebeurtenis.objects.filter(regio=regio).first().actie == Actie.ACTIVITEIT_TOEGEVOEGD

    dubbel = client.post(
        reverse("api:activiteit-list", args=[regio.slug]),
        {**activiteit.json(), "kompaspunten": [punt.slug], "versie": versie(regio)},
        format="json",
    )
    assert dubbel.status_code == 400
    assert dubbel.json()["titel"] == ["Deze regio heeft al een activiteit met deze titel."]

    bedrijf = Deelname.objects.filter(regio=regio, organisatie__soort="bedrijf").get()
    toezegging = client.post(
        reverse("api:cofinanciering-list", args=[regio.slug]),
        {
            "organisatie": bedrijf.organisatie_id,
            "schooljaar": regio.tijdvak.eerste_schooljaar,
            "soort": "uren",
            "omschrijving": "Gastlessen",
            "uren": "40.0",
            "uurtarief": "62.50",
            "versie": versie(regio),
        },
        format="json",
    )
    assert toezegging.status_code == 201, toezegging.json()
    assert toezegging.json()["waarde"] == "2500.00"
    assert Cofinanciering.objects.filter(regio=regio).count() == 2
    assert Gebeurtenis.objects.filter(regio=regio).first().actie == Actie.COFINANCIERING_TOEGEVOEGD
