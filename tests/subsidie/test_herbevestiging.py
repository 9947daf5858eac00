"""Sending a decision asks the decision maker to confirm the login again (password and the
app's code) unless that was done within HERBEVESTIGING_MINUTEN; until then nothing is sent."""

import time

import pytest
from django.urls import reverse

from ecosysteem.account.tweestaps import HERBEVESTIGD_OP
from ecosysteem.rollen import BESLUITVORMERS
from subsidie.models import Besluit
from subsidie.services.beoordeling import neem_besluit
from tests.subsidie.test_beoordeling_views import ingelogd, medewerker, url
from tests.subsidie.test_beschikking import beoordeeld  # noqa: F401  (the fixture)
from tests.tweestaps import app_voor, huidige_code

pytestmark = pytest.mark.django_db


def verouder_bevestiging(client, minuten: int) -> None:
    sessie = client.session
    sessie[HERBEVESTIGD_OP] = time.time() - 60 * minuten
    sessie.save()


def test_sending_a_decision_asks_to_confirm_the_login_first(beoordeeld, settings):  # noqa: F811
    settings.HERBEVESTIGING_MINUTEN = 10
    d = beoordeeld
    besluitvormer = medewerker(BESLUITVORMERS)
    concept = neem_besluit(
        regio=d.regio, uitkomst="afwijzen", motivering="Onvoldoende samenhang.", door=besluitvormer
    )
    client = ingelogd(besluitvormer)
    verouder_bevestiging(client, 11)

    # The summary says what will happen; the send button leads to the confirmation.
    samenvatting = client.get(url("beoordeling_samenvatting", d.regio)).content.decode()
    assert 'id="herbevestiging-uitleg"' in samenvatting
    antwoord = client.post(url("beoordeling_versturen", d.regio))
    terug = url("beoordeling_samenvatting", d.regio)
    assert antwoord["Location"] == (
        reverse("account:herbevestigen") + "?next=" + terug.replace("/", "%2F")
    )
    concept.refresh_from_db()
    assert not concept.is_verstuurd

    # Password and code: back to the summary, which now sends at once.
    apparaat = app_voor(besluitvormer)
    bevestigd = client.post(
        antwoord["Location"],
        {"wachtwoord": "geheim-wachtwoord-123", "code": huidige_code(apparaat), "next": terug},
    )
    assert bevestigd["Location"] == terug
    assert 'id="herbevestiging-uitleg"' not in client.get(terug).content.decode()
    verstuurd = client.post(url("beoordeling_versturen", d.regio))
    assert verstuurd["Location"] == url("beoordeling_stand", d.regio)
    assert Besluit.objects.get(pk=concept.pk).is_verstuurd


def test_a_fresh_login_counts_as_a_recent_confirmation(beoordeeld):  # noqa: F811
    d = beoordeeld
    besluitvormer = medewerker(BESLUITVORMERS)
    concept = neem_besluit(
        regio=d.regio, uitkomst="afwijzen", motivering="Onvoldoende samenhang.", door=besluitvormer
    )
    client = ingelogd(besluitvormer)
    verouder_bevestiging(client, 2)
    assert client.post(url("beoordeling_versturen", d.regio)).status_code == 302
    assert Besluit.objects.get(pk=concept.pk).is_verstuurd


def test_someone_who_may_not_send_is_refused_before_being_asked_to_confirm(
    beoordeeld,  # noqa: F811
):
    d = beoordeeld
    besluitvormer = medewerker(BESLUITVORMERS)
    neem_besluit(
        regio=d.regio, uitkomst="afwijzen", motivering="Onvoldoende samenhang.", door=besluitvormer
    )
    # A programme manager is no ministry staff: refused at once, nothing asked.
    pm = ingelogd(d.programmamanager)
    assert pm.post(url("beoordeling_versturen", d.regio)).status_code == 403
