"""Two-factor login: required for ministry staff and administrators before any ministry
page or the admin, offered to everyone else; the app (TOTP) and backup codes; confirming
the login again before sending a decision."""

from __future__ import annotations

import re
import time
from base64 import b32decode
from binascii import hexlify

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ecosysteem.account import tweestaps
from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis
from ecosysteem.rollen import BEOORDELAARS, BESLUITVORMERS
from tests.factories import GebruikerFactory
from tests.tweestaps import app_voor, huidige_code

pytestmark = pytest.mark.django_db

WACHTWOORD = "geheim-wachtwoord-123"

MINISTERIEPAGINAS = (
    reverse("subsidie:wachtrij"),
    reverse("subsidie:ministerie_overzicht"),
    reverse("subsidie:ministerie_csv"),
    reverse("subsidie:beoordeling", args=["ergens"]),
    reverse("subsidie:mijn_regio"),
    reverse("account:overzicht"),
)


def medewerker(*groepen, **velden):
    gebruiker = GebruikerFactory(**velden)
    for naam in groepen:
        gebruiker.groups.add(Group.objects.get(name=naam))
    return gebruiker


def inloggen(client: Client, gebruiker, wachtwoord: str = WACHTWOORD, **extra):
    return client.post(
        reverse("login"),
        {"username": gebruiker.get_username(), "password": wachtwoord, **extra},
    )


def sleutel_van_pagina(pagina) -> str:
    """The key a person would type into their app, read from the set-up page, as hex."""
    tekst = re.search(r'id="sleutel">([A-Z2-7 ]+)<', pagina.content.decode()).group(1)
    return hexlify(b32decode(tekst.replace(" ", ""))).decode()


def code_voor_sleutel(sleutel: str) -> str:
    return huidige_code(TOTPDevice(key=sleutel))


def test_a_reviewer_without_a_second_factor_is_sent_to_set_it_up_before_any_page():
    beoordelaar = medewerker(BEOORDELAARS)
    client = Client()
    antwoord = inloggen(client, beoordelaar)
    assert antwoord["Location"].startswith(reverse("account:tweestaps_instellen"))
    for pagina in MINISTERIEPAGINAS:
        antwoord = client.get(pagina)
        assert antwoord.status_code == 302, pagina
        assert antwoord["Location"] == (
            reverse("account:tweestaps_instellen") + "?next=" + pagina.replace("/", "%2F")
        ), pagina
    # Nor can it write: a POST is sent away before any view runs.
    assert client.post(reverse("subsidie:wachtrij"))["Location"].startswith(
        reverse("account:tweestaps_instellen")
    )
    # Logging out and the set-up itself stay reachable.
    assert client.get(reverse("account:tweestaps_instellen")).status_code == 200


def test_an_administrator_must_pass_the_second_factor_before_the_admin_too():
    beheerder = GebruikerFactory(is_staff=True, is_superuser=True)
    app_voor(beheerder)
    client = Client()
    antwoord = client.post(
        reverse("admin:login"),
        {"username": beheerder.username, "password": WACHTWOORD, "next": "/beheer/"},
    )
    assert antwoord.status_code == 302
    antwoord = client.get("/beheer/")
    assert antwoord["Location"] == reverse("account:tweestaps_controleren") + "?next=%2Fbeheer%2F"
    assert client.get("/beheer/ecosysteem/gebeurtenis/").status_code == 302
    code = client.post(
        reverse("account:tweestaps_controleren"),
        {"code": huidige_code(TOTPDevice.objects.get(user=beheerder)), "next": "/beheer/"},
    )
    assert code["Location"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200


def test_setting_up_the_app_shows_a_local_qr_code_and_the_key_then_backup_codes():
    beoordelaar = medewerker(BEOORDELAARS)
    client = Client()
    inloggen(client, beoordelaar)
    pagina = client.get(reverse("account:tweestaps_instellen"), {"next": "/ministerie/beoordelen/"})
    inhoud = pagina.content.decode()
    assert '<svg role="img" aria-label="QR-code' in inhoud
    assert "otpauth" not in inhoud  # the secret is in the picture, not in a link
    sleutel = sleutel_van_pagina(pagina)
    # The same key on a second view of the page (kept in the session until confirmed).
    assert sleutel_van_pagina(client.get(reverse("account:tweestaps_instellen"))) == sleutel
    assert not TOTPDevice.objects.exists()

    fout = client.post(
        reverse("account:tweestaps_instellen"),
        {"code": "000000", "next": "/ministerie/beoordelen/"},
    )
    assert "klopt niet" in fout.context["form"].errors["code"][0]
    assert not TOTPDevice.objects.exists()

    antwoord = client.post(
        reverse("account:tweestaps_instellen"),
        {"code": code_voor_sleutel(sleutel), "next": "/ministerie/beoordelen/"},
    )
    assert antwoord["Location"] == (
        reverse("account:reservecodes") + "?next=%2Fministerie%2Fbeoordelen%2F"
    )
    apparaat = TOTPDevice.objects.get(user=beoordelaar)
    assert apparaat.confirmed and apparaat.key == sleutel
    codes = client.get(antwoord["Location"]).context["codes"]
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=beoordelaar).values_list("token", flat=True)
    )
    # Shown once.
    assert client.get(reverse("account:reservecodes")).context["codes"] is None
    assert Gebeurtenis.objects.get(actie=Actie.TWEESTAPS_INGESTELD).door == beoordelaar
    # The session passed the second factor: the ministry's pages open.
    assert client.get(reverse("subsidie:wachtrij")).status_code == 200


def test_logging_in_with_an_app_asks_the_code_and_a_backup_code_works_once():
    beoordelaar = medewerker(BEOORDELAARS)
    apparaat = app_voor(beoordelaar)
    codes = tweestaps.vernieuw_reservecodes(gebruiker=beoordelaar, door=beoordelaar)
    client = Client()
    antwoord = inloggen(client, beoordelaar, next="/ministerie/beoordelen/")
    assert antwoord["Location"] == (
        reverse("account:tweestaps_controleren") + "?next=%2Fministerie%2Fbeoordelen%2F"
    )
    assert client.get("/ministerie/beoordelen/").status_code == 302
    # With an app, setting up another one first needs the code.
    assert client.get(reverse("account:tweestaps_instellen"))["Location"].startswith(
        reverse("account:tweestaps_controleren")
    )

    fout = client.post(reverse("account:tweestaps_controleren"), {"code": "123456"})
    assert "klopt niet" in fout.context["form"].errors["code"][0]
    # Right after a wrong code, django-otp makes the next attempt wait (even a right one).
    apparaat.refresh_from_db()
    assert apparaat.throttling_failure_count == 1
    te_snel = client.post(
        reverse("account:tweestaps_controleren"), {"code": huidige_code(apparaat)}
    )
    assert "Te veel onjuiste codes" in te_snel.context["form"].errors["code"][0]
    TOTPDevice.objects.filter(pk=apparaat.pk).update(throttling_failure_timestamp=None)

    goed = client.post(
        reverse("account:tweestaps_controleren"),
        {"code": huidige_code(apparaat), "next": "/ministerie/beoordelen/"},
    )
    assert goed["Location"] == "/ministerie/beoordelen/"
    assert client.get("/ministerie/beoordelen/").status_code == 200

    # Another login, with a backup code (in capitals and with a space, as people type).
    tweede = Client()
    inloggen(tweede, beoordelaar)
    reserve = codes[0]
    antwoord = tweede.post(
        reverse("account:tweestaps_controleren"), {"code": f"{reserve[:4].upper()} {reserve[4:]}"}
    )
    assert antwoord.status_code == 302
    assert tweede.get("/ministerie/beoordelen/").status_code == 200
    derde = Client()
    inloggen(derde, beoordelaar)
    opnieuw = derde.post(reverse("account:tweestaps_controleren"), {"code": reserve})
    assert opnieuw.status_code == 200
    assert derde.get("/ministerie/beoordelen/").status_code == 302


def test_a_regional_user_logs_in_without_a_code_and_may_switch_it_on_and_off():
    gebruiker = GebruikerFactory()
    client = Client()
    assert inloggen(client, gebruiker)["Location"] == reverse("subsidie:mijn_regio")
    assert client.get(reverse("subsidie:mijn_regio")).status_code == 200
    overzicht = client.get(reverse("account:overzicht")).content.decode()
    assert "Staat uit" in overzicht

    pagina = client.get(reverse("account:tweestaps_instellen"))
    sleutel = sleutel_van_pagina(pagina)
    client.post(reverse("account:tweestaps_instellen"), {"code": code_voor_sleutel(sleutel)})
    assert "Staat aan" in client.get(reverse("account:overzicht")).content.decode()

    # From now on the login asks the code too.
    ander = Client()
    assert inloggen(ander, gebruiker)["Location"].startswith(
        reverse("account:tweestaps_controleren")
    )
    assert ander.get(reverse("subsidie:mijn_regio")).status_code == 302

    # Switching off: the login was confirmed at set-up, so it goes at once.
    assert client.get(reverse("account:tweestaps_uitzetten")).status_code == 200
    assert client.post(reverse("account:tweestaps_uitzetten"))["Location"] == reverse(
        "account:overzicht"
    )
    assert not TOTPDevice.objects.filter(user=gebruiker).exists()
    assert Gebeurtenis.objects.filter(actie=Actie.TWEESTAPS_UITGEZET).exists()
    assert inloggen(Client(), gebruiker)["Location"] == reverse("subsidie:mijn_regio")


def test_ministry_staff_cannot_switch_it_off():
    besluitvormer = medewerker(BESLUITVORMERS)
    client = Client()
    client.force_login(besluitvormer)
    assert client.get(reverse("account:tweestaps_uitzetten"))["Location"] == reverse(
        "account:overzicht"
    )
    client.post(reverse("account:tweestaps_uitzetten"))
    assert TOTPDevice.objects.filter(user=besluitvormer).exists()
    assert not Gebeurtenis.objects.filter(actie=Actie.TWEESTAPS_UITGEZET).exists()


def test_a_group_given_during_a_session_takes_effect_at_the_next_check(settings):
    gebruiker = GebruikerFactory()
    client = Client()
    client.force_login(gebruiker)
    assert client.get(reverse("subsidie:mijn_regio")).status_code == 200
    gebruiker.groups.add(Group.objects.get(name=BEOORDELAARS))
    # Within TWEESTAPS_HERCONTROLE_MINUTEN the session's knowledge stands, but the ministry's
    # pages are reached only once it is checked again...
    sessie = client.session
    sessie[tweestaps.SESSIESLEUTEL]["tot"] = time.time() - 1
    sessie.save()
    antwoord = client.get(reverse("subsidie:wachtrij"))
    assert antwoord["Location"].startswith(reverse("account:tweestaps_instellen"))


def test_the_test_helper_logs_ministry_staff_in_as_after_both_steps():
    beoordelaar = medewerker(BEOORDELAARS)
    client = Client()
    client.force_login(beoordelaar)
    assert client.session[DEVICE_ID_SESSION_KEY] == app_voor(beoordelaar).persistent_id
    assert client.get(reverse("subsidie:wachtrij")).status_code == 200
    alleen_wachtwoord = Client()
    alleen_wachtwoord.force_login(beoordelaar, tweede_factor=False)
    assert alleen_wachtwoord.get(reverse("subsidie:wachtrij"))["Location"].startswith(
        reverse("account:tweestaps_controleren")
    )


def test_the_api_answers_a_session_without_its_second_factor_with_the_reason():
    beoordelaar = medewerker(BEOORDELAARS)
    alleen_wachtwoord = Client()
    alleen_wachtwoord.force_login(beoordelaar, tweede_factor=False)
    antwoord = alleen_wachtwoord.get(reverse("api:wachtrij"))
    assert antwoord.status_code == 403
    assert antwoord["Content-Type"] == "application/json"
    assert antwoord.json()["code"] == "tweede_factor_vereist"
    assert "tweede factor" in antwoord.json()["detail"]
    volledig = Client()
    volledig.force_login(beoordelaar)
    assert volledig.get(reverse("api:wachtrij")).status_code == 200


def test_confirming_the_login_again_needs_the_password_and_the_code():
    besluitvormer = medewerker(BESLUITVORMERS)
    apparaat = app_voor(besluitvormer)
    client = Client()
    client.force_login(besluitvormer)
    sessie = client.session
    sessie[tweestaps.HERBEVESTIGD_OP] = time.time() - 3600
    sessie.save()
    url = reverse("account:herbevestigen") + "?next=/account/"
    pagina = client.get(url)
    assert set(pagina.context["form"].fields) == {"wachtwoord", "code"}

    fout = client.post(url, {"wachtwoord": "verkeerd", "code": huidige_code(apparaat)})
    assert "klopt niet" in fout.context["form"].errors["wachtwoord"][0]
    assert client.session[tweestaps.HERBEVESTIGD_OP] < time.time() - 3000
    fout = client.post(url, {"wachtwoord": WACHTWOORD, "code": "000000"})
    assert "code" in fout.context["form"].errors
    TOTPDevice.objects.filter(pk=apparaat.pk).update(throttling_failure_timestamp=None)
    goed = client.post(
        url, {"wachtwoord": WACHTWOORD, "code": huidige_code(apparaat, verschuiving=1)}
    )
    assert goed["Location"] == "/account/"
    assert client.session[tweestaps.HERBEVESTIGD_OP] > time.time() - 5
