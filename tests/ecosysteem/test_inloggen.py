"""Throttling and the login audit (django-axes): a lock-out per account and address after
repeated failures, also on /beheer/, with a Dutch page and a way back; logins, failures and
logouts recorded; the client's address read behind the trusted proxies."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client, RequestFactory
from django.urls import reverse

from ecosysteem.account.diensten import stel_wachtwoord_in
from ecosysteem.account.inloggen import inlogadres
from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

WACHTWOORD = "geheim-wachtwoord-123"


def probeer(client, gebruikersnaam, wachtwoord, *, pad=None, adres="10.1.1.1"):
    return client.post(
        pad or reverse("login"),
        {"username": gebruikersnaam, "password": wachtwoord},
        REMOTE_ADDR=adres,
    )


def test_after_the_failures_the_account_is_locked_out_there_even_with_the_right_password(
    settings,
):
    gebruiker = GebruikerFactory(username="marit")
    client = Client()
    for _poging in range(settings.AXES_FAILURE_LIMIT - 1):
        assert probeer(client, "marit", "fout").status_code == 200
    geblokkeerd = probeer(client, "marit", "fout")
    assert geblokkeerd.status_code == 429
    pagina = geblokkeerd.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in pagina
    assert "15 minuten" in pagina
    assert reverse("account:wachtwoord_vergeten") in pagina

    # Now the right password is refused too, and further attempts add no audit rows.
    assert probeer(client, "marit", WACHTWOORD).status_code == 429
    assert probeer(client, "marit", "nog eens fout").status_code == 429
    blokkade = Gebeurtenis.objects.get(actie=Actie.INLOGGEN_GEBLOKKEERD)
    assert blokkade.onderwerp == gebruiker
    assert blokkade.gegevens["adres"] == "10.1.1.1"
    assert AccessAttempt.objects.get(username="marit").failures_since_start >= 5
    assert AccessFailureLog.objects.filter(username="marit").count() >= 5

    # Per account and address together: the same account elsewhere, another account here.
    assert probeer(Client(), "marit", WACHTWOORD, adres="10.2.2.2").status_code == 302
    GebruikerFactory(username="collega")
    assert probeer(Client(), "collega", WACHTWOORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off():
    GebruikerFactory(username="koen")
    client = Client()
    for _poging in range(5):
        probeer(client, "koen", "fout")
    assert probeer(client, "koen", WACHTWOORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert probeer(client, "koen", WACHTWOORD).status_code == 302


def test_a_new_password_by_e_mail_lifts_the_lock(django_capture_on_commit_callbacks):
    gebruiker = GebruikerFactory(username="iris")
    client = Client()
    for _poging in range(5):
        probeer(client, "iris", "fout")
    assert probeer(client, "iris", WACHTWOORD).status_code == 429
    with django_capture_on_commit_callbacks(execute=True):
        stel_wachtwoord_in(
            gebruiker=gebruiker, wachtwoord="een nieuw lang wachtwoord", door=None, via_link=True
        )
    assert not AccessAttempt.objects.filter(username="iris").exists()
    assert probeer(client, "iris", "een nieuw lang wachtwoord").status_code == 302


def test_the_admin_login_is_locked_out_the_same_way():
    GebruikerFactory(username="beheer", is_staff=True, is_superuser=True)
    client = Client()
    for _poging in range(4):
        assert probeer(client, "beheer", "fout", pad=reverse("admin:login")).status_code == 200
    antwoord = probeer(client, "beheer", "fout", pad=reverse("admin:login"))
    assert antwoord.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in antwoord.content.decode()
    assert probeer(client, "beheer", WACHTWOORD, pad=reverse("admin:login")).status_code == 429


def test_logins_failures_and_logouts_are_recorded():
    GebruikerFactory(username="lotte")
    client = Client()
    probeer(client, "lotte", "fout")
    assert probeer(client, "lotte", WACHTWOORD).status_code == 302
    client.post(reverse("logout"))
    assert AccessFailureLog.objects.filter(username="lotte").count() == 1
    log = AccessLog.objects.get(username="lotte")
    assert log.ip_address == "10.1.1.1"
    assert log.logout_time is not None
    # A success resets the count of failures.
    assert not AccessAttempt.objects.filter(username="lotte").exists()


def test_the_client_address_behind_the_trusted_proxies(settings):
    rf = RequestFactory()
    verzoek = rf.get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.VERTROUWDE_PROXIES = 0
    assert inlogadres(verzoek) == "172.18.0.5"  # no proxy: the header is the client's own
    settings.VERTROUWDE_PROXIES = 1
    assert inlogadres(verzoek) == "203.0.113.7"  # what the proxy appended; 6.6.6.6 was typed
    settings.VERTROUWDE_PROXIES = 2
    assert inlogadres(verzoek) == "6.6.6.6"
    assert inlogadres(rf.get("/", REMOTE_ADDR="172.18.0.5")) == "172.18.0.5"


def test_behind_a_proxy_the_lock_out_counts_per_client_not_per_proxy(settings):
    settings.VERTROUWDE_PROXIES = 1
    GebruikerFactory(username="ilse")

    def via_proxy(client_adres, wachtwoord):
        return Client().post(
            reverse("login"),
            {"username": "ilse", "password": wachtwoord},
            REMOTE_ADDR="172.18.0.5",
            HTTP_X_FORWARDED_FOR=client_adres,
        )

    for _poging in range(5):
        via_proxy("198.51.100.1", "fout")
    assert via_proxy("198.51.100.1", WACHTWOORD).status_code == 429
    assert via_proxy("198.51.100.2", WACHTWOORD).status_code == 302
    assert AccessAttempt.objects.get(username="ilse").ip_address == "198.51.100.1"
