"""Personal tokens: made and revoked on Mijn tokens, stored only as a hash, refused once
revoked or expired, throttled per token."""

from __future__ import annotations

import datetime
import hashlib
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from ecosysteem.models import Actie, Apitoken, Gebeurtenis
from ecosysteem.tokens import maak_token
from subsidie.services.privacy import maak_verwijderverzoek, wis_persoonsgegevens
from tests.api.wereld import medewerker
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


def api(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_the_page_makes_a_token_shows_it_once_and_keeps_only_its_hash():
    gebruiker = GebruikerFactory()
    pagina = Client()
    pagina.force_login(gebruiker)

    antwoord = pagina.post(reverse("api_tokens"), {"naam": "Administratie", "geldig_dagen": "90"})

    assert antwoord.status_code == 200
    token = re.search(
        r'id="nieuwe-token" type="text" readonly value="([^"]+)"', antwoord.content.decode()
    )[1]
    rij = Apitoken.objects.get(gebruiker=gebruiker)
    assert rij.sleutel_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {rij.naam, rij.begin, rij.sleutel_hash}
    assert abs(
        rij.verloopt_op - (timezone.now() + datetime.timedelta(days=90))
    ) < datetime.timedelta(minutes=1)
    assert Gebeurtenis.objects.filter(actie=Actie.TOKEN_AANGEMAAKT, door=gebruiker).exists()
    # Never shown again.
    assert token not in pagina.get(reverse("api_tokens")).content.decode()
    assert api(token).get(reverse("api:organisatie-list")).status_code == 200


def test_bad_input_on_the_page_gets_a_dutch_message():
    pagina = Client()
    pagina.force_login(GebruikerFactory())
    antwoord = pagina.post(reverse("api_tokens"), {"naam": "", "geldig_dagen": "9999"})
    assert antwoord.status_code == 400
    assert not Apitoken.objects.exists()
    fouten = antwoord.context["form"].errors
    assert set(fouten) == {"naam", "geldig_dagen"}
    assert 'id="id_naam_error"' in antwoord.content.decode()


def test_revoking_on_the_page_stops_the_token_at_once():
    gebruiker = GebruikerFactory()
    rij, token = maak_token(gebruiker=gebruiker, naam="Koppeling", geldig_dagen=30)
    assert api(token).get(reverse("api:regio-list")).status_code == 200
    pagina = Client()
    pagina.force_login(gebruiker)

    antwoord = pagina.post(reverse("api_token_intrekken", args=[rij.pk]), follow=True)

    assert "De token Koppeling is ingetrokken." in antwoord.content.decode()
    geweigerd = api(token).get(reverse("api:regio-list"))
    assert geweigerd.status_code == 401
    assert geweigerd.json() == {"detail": "Deze token is ingetrokken."}
    assert Gebeurtenis.objects.filter(actie=Actie.TOKEN_INGETROKKEN, door=gebruiker).exists()


def test_nobody_revokes_someone_elses_token():
    rij, token = maak_token(gebruiker=GebruikerFactory(), naam="Van een ander", geldig_dagen=30)
    pagina = Client()
    pagina.force_login(GebruikerFactory())
    assert pagina.post(reverse("api_token_intrekken", args=[rij.pk])).status_code == 403
    rij.refresh_from_db()
    assert rij.ingetrokken_op is None
    assert api(token).get(reverse("api:regio-list")).status_code == 200


def test_an_expired_or_unknown_token_is_refused_in_dutch():
    rij, token = maak_token(gebruiker=GebruikerFactory(), naam="Kort", geldig_dagen=1)
    Apitoken.objects.filter(pk=rij.pk).update(
        verloopt_op=timezone.now() - datetime.timedelta(seconds=1)
    )
    verlopen = api(token).get(reverse("api:regio-list"))
    assert (verlopen.status_code, verlopen.json()) == (401, {"detail": "Deze token is verlopen."})
    assert verlopen["WWW-Authenticate"] == 'Bearer realm="api"'
    onbekend = api("rp_" + "x" * 40).get(reverse("api:regio-list"))
    assert (onbekend.status_code, onbekend.json()) == (
        401,
        {"detail": "Deze token is niet geldig."},
    )


def test_an_inactive_account_cannot_use_its_token():
    gebruiker = GebruikerFactory()
    _rij, token = maak_token(gebruiker=gebruiker, naam="Oud account", geldig_dagen=30)
    gebruiker.is_active = False
    gebruiker.save(update_fields=["is_active"])
    assert api(token).get(reverse("api:regio-list")).status_code == 401


def test_throttling_counts_per_token(settings):
    settings.API_TOKEN_LIMIET = "3/hour"
    cache.clear()
    gebruiker = GebruikerFactory()
    _a, eerste = maak_token(gebruiker=gebruiker, naam="Eerste", geldig_dagen=30)
    _b, tweede = maak_token(gebruiker=gebruiker, naam="Tweede", geldig_dagen=30)
    url = reverse("api:tijdvak-list")
    assert [api(eerste).get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
    # Another token of the same person has its own count.
    assert api(tweede).get(url).status_code == 200
    cache.clear()


def test_the_last_use_is_recorded():
    rij, token = maak_token(gebruiker=GebruikerFactory(), naam="Gebruikt", geldig_dagen=30)
    assert rij.laatst_gebruikt_op is None
    api(token).get(reverse("api:tijdvak-list"))
    rij.refresh_from_db()
    assert rij.laatst_gebruikt_op is not None


def test_erasing_an_account_removes_its_tokens():
    gebruiker = GebruikerFactory()
    _rij, token = maak_token(gebruiker=gebruiker, naam="Koppeling Jan", geldig_dagen=30)
    beheerder = medewerker(is_staff=True, is_superuser=True)
    verzoek = maak_verwijderverzoek(door=beheerder, gebruiker=gebruiker)

    wis_persoonsgegevens(verzoek=verzoek, door=beheerder)

    assert not Apitoken.objects.filter(gebruiker=gebruiker).exists()
    assert api(token).get(reverse("api:regio-list")).status_code == 401
