"""Logging in test clients as the login page does, second factor included.

Ministry staff and administrators must pass a second factor before any page
(``ecosysteem.account.middleware``). Tests whose subject is not the login log them in with
``client.force_login`` as before: :func:`markeer_geverifieerd` then gives the account a real
authenticator app (a django-otp device, with :data:`SLEUTEL` as its key) and marks the
session as the code page would after a correct code. ``tests/conftest.py`` does this for
every ``force_login`` of such an account; ``force_login(user, tweede_factor=False)`` logs in
with the password step only, which the tests of the requirement itself use.
"""

from __future__ import annotations

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ecosysteem.account import tweestaps

# A fixed key (20 bytes, hex), so a test can compute the app's current code.
SLEUTEL = "3132333435363738393031323334353637383930"


def app_voor(gebruiker) -> TOTPDevice:
    """The account's authenticator app, set up with :data:`SLEUTEL` if it had none."""
    apparaat = TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(
            user=gebruiker, name=tweestaps.APPNAAM, key=SLEUTEL, confirmed=True
        )
    return apparaat


def huidige_code(apparaat: TOTPDevice, *, verschuiving: int = 0) -> str:
    """The code the app shows now (``verschuiving`` steps of 30 s later or earlier)."""
    totp = TOTP(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits)
    totp.time = time.time() + verschuiving * apparaat.step
    return f"{totp.token():06d}"


def markeer_geverifieerd(client: Client, gebruiker) -> None:
    """The session of a logged-in ``client`` passed the second factor just now."""
    apparaat = app_voor(gebruiker)
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    sessie[tweestaps.HERBEVESTIGD_OP] = time.time()
    sessie[tweestaps.SESSIESLEUTEL] = {
        "verplicht": tweestaps.tweede_factor_verplicht(gebruiker),
        "app": True,
        "tot": time.time() + 300,
    }
    sessie.save()
