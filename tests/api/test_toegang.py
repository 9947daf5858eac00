"""Every endpoint of the API against every role, with a personal token: what each may
read, and that nobody reads outside their region. (Writes per role: test_schrijven.py.)"""

from __future__ import annotations

import pytest
from django.urls import reverse

from regios.models import Deelname
from subsidie.dossier import laad_dossier
from subsidie.models import Begrotingsregel, Cofinanciering
from tests.api.wereld import MINISTERIE, ROLLEN, bouw_wereld

pytestmark = pytest.mark.django_db

NIET_INGELOGD = 401


def verwacht(standaard: int, **afwijkend: int) -> dict[str, int]:
    tabel = dict.fromkeys(ROLLEN, standaard)
    tabel.update(afwijkend)
    return tabel


def openbaar() -> dict[str, int]:
    # A revoked token is refused even where no login is needed: the client must know.
    return verwacht(200, ingetrokken_token=NIET_INGELOGD)


def ingelogd() -> dict[str, int]:
    return verwacht(200, anoniem=NIET_INGELOGD, ingetrokken_token=NIET_INGELOGD)


def dossier() -> dict[str, int]:
    """A part of the region's live dossier: its readers and the administrator; everyone
    else is not told the region exists (404), as on the pages."""
    return verwacht(
        404,
        anoniem=NIET_INGELOGD,
        ingetrokken_token=NIET_INGELOGD,
        projectleider=200,
        programmamanager=200,
        beheerder=200,
    )


def ministerie() -> dict[str, int]:
    return verwacht(
        403,
        anoniem=NIET_INGELOGD,
        ingetrokken_token=NIET_INGELOGD,
        **dict.fromkeys(MINISTERIE, 200),
    )


@pytest.fixture
def wereld():
    w = bouw_wereld()
    slug = w.regio.slug
    deelname = Deelname.objects.filter(regio=w.regio).first()
    school = Deelname.objects.filter(regio=w.regio, vestiging__isnull=False).first().vestiging
    partner = Deelname.objects.filter(regio=w.regio, organisatie__isnull=False).first()
    rij = {
        "deelname": deelname.pk,
        "cofinanciering": Cofinanciering.objects.filter(regio=w.regio).first().pk,
        "begrotingsregel": Begrotingsregel.objects.filter(regio=w.regio).first().pk,
    }
    w.urls = {
        "api:tijdvak-list": (reverse("api:tijdvak-list"), openbaar()),
        "api:tijdvak-detail": (
            reverse("api:tijdvak-detail", args=[w.regio.tijdvak.code]),
            openbaar(),
        ),
        "api:school-list": (reverse("api:school-list") + "?plaats=Groningen", openbaar()),
        "api:school-detail": (
            reverse("api:school-detail", args=[school.vestigingscode]),
            openbaar(),
        ),
        "api:organisatie-list": (reverse("api:organisatie-list"), ingelogd()),
        "api:organisatie-detail": (
            reverse("api:organisatie-detail", args=[partner.organisatie_id]),
            # The organisation takes part in this region: its readers, the ministry and the
            # partner's own contact person see it; the other region's manager does not.
            verwacht(
                200,
                anoniem=NIET_INGELOGD,
                ingetrokken_token=NIET_INGELOGD,
                pm_andere_regio=404,
                contactpersoon=404,
            ),
        ),
        "api:regio-list": (reverse("api:regio-list"), ingelogd()),
        "api:regio-detail": (
            reverse("api:regio-detail", args=[slug]),
            verwacht(
                200,
                anoniem=NIET_INGELOGD,
                ingetrokken_token=NIET_INGELOGD,
                contactpersoon=404,
                pm_andere_regio=404,
            ),
        ),
        "api:deelname-list": (reverse("api:deelname-list", args=[slug]), dossier()),
        "api:deelname-detail": (
            reverse("api:deelname-detail", args=[slug, rij["deelname"]]),
            dossier(),
        ),
        "api:cofinanciering-list": (reverse("api:cofinanciering-list", args=[slug]), dossier()),
        "api:cofinanciering-detail": (
            reverse("api:cofinanciering-detail", args=[slug, rij["cofinanciering"]]),
            dossier(),
        ),
        "api:begrotingsregel-list": (reverse("api:begrotingsregel-list", args=[slug]), dossier()),
        "api:begrotingsregel-detail": (
            reverse("api:begrotingsregel-detail", args=[slug, rij["begrotingsregel"]]),
            dossier(),
        ),
        "api:activiteit-list": (reverse("api:activiteit-list", args=[slug]), dossier()),
        "api:berekening": (reverse("api:berekening", args=[slug]), dossier()),
        "api:scan": (reverse("api:scan", args=[slug]), dossier()),
        # Not submitted yet: the ministry has nothing to read of it.
        "api:documenten": (reverse("api:documenten", args=[slug]), dossier()),
        "api:beoordeling": (reverse("api:beoordeling", args=[slug]), ministerie()),
        "api:wachtrij": (reverse("api:wachtrij"), ministerie()),
        "api:open_besluiten": (reverse("api:open_besluiten"), verwacht(200)),
        "api:netwerk": (reverse("api:netwerk"), verwacht(200)),
        "api:open_besluiten_csv": (reverse("api:open_besluiten_csv"), verwacht(200)),
        "api:schema": (reverse("api:schema"), verwacht(200)),
        "api:documentatie": (reverse("api:documentatie"), verwacht(200)),
    }
    return w


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_endpoint_per_role(wereld, rol):
    client = wereld.client(rol)
    fouten = []
    for naam, (url, tabel) in wereld.urls.items():
        status = client.get(url).status_code
        if status != tabel[rol]:
            fouten.append(f"{naam}: {status}, verwacht {tabel[rol]}")
    assert not fouten, "\n".join(fouten)


def test_lists_hold_only_what_the_role_may_read(wereld):
    def slugs(rol):
        return {
            r["slug"] for r in wereld.client(rol).get(reverse("api:regio-list")).json()["results"]
        }

    beide = {wereld.regio.slug, wereld.andere_regio.slug}
    assert slugs("programmamanager") == {wereld.regio.slug}
    assert slugs("projectleider") == {wereld.regio.slug}
    assert slugs("pm_andere_regio") == {wereld.andere_regio.slug}
    assert slugs("contactpersoon") == set()
    for rol in MINISTERIE:
        assert slugs(rol) == beide

    def organisaties(rol):
        return {
            o["id"]
            for o in wereld.client(rol).get(reverse("api:organisatie-list")).json()["results"]
        }

    eigen = set(
        Deelname.objects.filter(regio=wereld.regio, organisatie__isnull=False).values_list(
            "organisatie_id", flat=True
        )
    )
    assert organisaties("programmamanager") == eigen
    assert organisaties("pm_andere_regio") == set()
    assert organisaties("contactpersoon") == {
        wereld.gebruikers["contactpersoon"].persoon.organisatie_id
    }


def test_the_browser_session_reads_as_the_token_does(wereld):
    url = reverse("api:deelname-list", args=[wereld.regio.slug])
    assert wereld.client("programmamanager", sessie=True).get(url).status_code == 200
    assert wereld.client("pm_andere_regio", sessie=True).get(url).status_code == 404


def test_key_figures_are_the_dossiers_own(wereld):
    antwoord = wereld.client("programmamanager").get(
        reverse("api:regio-detail", args=[wereld.regio.slug])
    )
    dossier = laad_dossier(wereld.regio)
    cijfers = antwoord.json()["kerngetallen"]
    assert cijfers["vestigingen"] == len(dossier.berekening.tellende) == 23
    assert cijfers["leerlingen"] == 2300
    assert cijfers["maximale_subsidie"] == f"{dossier.berekening.totaal:.2f}"
    assert cijfers["cofinanciering"] == f"{dossier.cofinanciering_totaal:.2f}"
    berekening = (
        wereld.client("programmamanager")
        .get(reverse("api:berekening", args=[wereld.regio.slug]))
        .json()
    )
    assert berekening["maximale_subsidie"] == cijfers["maximale_subsidie"]
    assert berekening["compleet"] is True
    assert {v["code"] for v in berekening["subsidievoorwaarden"]} == {
        r.code for r in dossier.toetsing
    }
