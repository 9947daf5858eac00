"""Two-factor login on django-otp: an authenticator app (TOTP) plus single-use backup codes.

Who needs it: ministry staff (the groups in :data:`ecosysteem.rollen.MINISTERIEGROEPEN`)
and administrators (staff or superuser accounts). Everyone else may switch it on; from then
on their login asks for the code too.

A session is *verified* once the second factor was entered in it: django-otp's session key
then names the device. The portal trusts that key for the rest of the session instead of
reading the device on every page (django-otp's own middleware does), so pages cost no extra
query; a device that is removed elsewhere leaves sessions verified until they end.

Whether an account needs (or has) a second factor is kept in the session too, read at login
and again every ``TWEESTAPS_HERCONTROLE_MINUTEN``: see :func:`stand`.

The writes (setting up the app, new backup codes, switching off) are services: in a
transaction, checked, audited.
"""

from __future__ import annotations

import time
from base64 import b32encode
from binascii import unhexlify
from dataclasses import dataclass

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from ..audit import leg_vast
from ..models import Actie, Gebruiker
from ..rollen import MINISTERIEGROEPEN

SESSIESLEUTEL = "tweestaps"
# When the password (and the code) were last confirmed: a login or :mod:`.herbevestiging`.
HERBEVESTIGD_OP = "herbevestigd_op"
AANTAL_RESERVECODES = 10
APPNAAM = "Authenticator-app"
RESERVENAAM = "Reservecodes"


# --- who needs it, who has it --------------------------------------------------------------


def tweede_factor_verplicht(gebruiker) -> bool:
    """Ministry staff and administrators log in with a second factor."""
    if not gebruiker or not gebruiker.is_authenticated:
        return False
    if gebruiker.is_staff or gebruiker.is_superuser:
        return True
    return gebruiker.groups.filter(name__in=MINISTERIEGROEPEN).exists()


def heeft_app(gebruiker) -> bool:
    return TOTPDevice.objects.filter(user=gebruiker, confirmed=True).exists()


@dataclass(frozen=True)
class Stand:
    """What the session knows about the account's second factor."""

    verplicht: bool
    app: bool

    @property
    def moet_code_geven(self) -> bool:
        """An app is set up: the login is complete only with its code (or a backup code)."""
        return self.app

    @property
    def moet_instellen(self) -> bool:
        """Required but not set up yet: the app must be set up before anything else."""
        return self.verplicht and not self.app


def onthoud_stand(request, gebruiker) -> Stand:
    """Read the account's state from the database and keep it in the session."""
    nieuw = Stand(verplicht=tweede_factor_verplicht(gebruiker), app=heeft_app(gebruiker))
    request.session[SESSIESLEUTEL] = {
        "verplicht": nieuw.verplicht,
        "app": nieuw.app,
        "tot": time.time() + 60 * settings.TWEESTAPS_HERCONTROLE_MINUTEN,
    }
    return nieuw


def stand(request) -> Stand:
    """The account's state as kept in the session; read again once it is older than
    ``TWEESTAPS_HERCONTROLE_MINUTEN`` (so a group given during a session takes effect)."""
    bewaard = request.session.get(SESSIESLEUTEL)
    if not isinstance(bewaard, dict) or bewaard.get("tot", 0) < time.time():
        return onthoud_stand(request, request.user)
    return Stand(verplicht=bool(bewaard.get("verplicht")), app=bool(bewaard.get("app")))


def is_geverifieerd(request) -> bool:
    """Whether the second factor was entered in this session."""
    sessie = getattr(request, "session", None)
    return bool(sessie is not None and sessie.get(DEVICE_ID_SESSION_KEY))


def markeer_geverifieerd(request, apparaat) -> None:
    """The second factor was entered: the session is verified from now on (with a new
    session key, since it gained rights), and counts as a fresh confirmation."""
    request.session.cycle_key()
    otp_login(request, apparaat)
    request.session[HERBEVESTIGD_OP] = time.time()
    onthoud_stand(request, request.user)


# --- checking a code -------------------------------------------------------------------------


def normaliseer(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def controleer_code(gebruiker: Gebruiker, code: str) -> tuple[object | None, str]:
    """The device that accepts ``code`` (six digits: the app; otherwise a backup code, which
    is used up), or None and why not. django-otp slows down repeated wrong codes per device
    (1, 2, 4, 8... seconds); during such a pause every code is refused."""
    code = normaliseer(code)
    if code.isdigit() and len(code) == 6:
        apparaten = TOTPDevice.objects.filter(user=gebruiker, confirmed=True)
    else:
        apparaten = StaticDevice.objects.filter(user=gebruiker, confirmed=True)
    reden = _("Deze code klopt niet. Controleer de code en probeer het opnieuw.")
    with transaction.atomic():
        for apparaat in apparaten.select_for_update():
            toegestaan, _gegevens = apparaat.verify_is_allowed()
            if not toegestaan:
                reden = _(
                    "Te veel onjuiste codes achter elkaar. Wacht een halve minuut en probeer "
                    "het dan opnieuw."
                )
                continue
            if apparaat.verify_token(code):
                return apparaat, ""
    return None, reden


def code_klopt_voor_sleutel(sleutel: str, code: str) -> bool:
    """Whether ``code`` is the app's current code for a key that is not stored yet (the
    first code, while setting up)."""
    code = normaliseer(code)
    if not (code.isdigit() and len(code) == 6):
        return False
    totp = TOTP(unhexlify(sleutel.encode()))
    totp.time = time.time()
    return totp.verify(int(code), tolerance=1)


def nieuwe_sleutel() -> str:
    return default_key()


def sleutel_als_tekst(sleutel: str) -> str:
    """The key as the apps ask for it when typed in: base32, in groups of four."""
    tekst = b32encode(unhexlify(sleutel.encode())).decode()
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


def configuratielink(gebruiker: Gebruiker, sleutel: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    return TOTPDevice(user=gebruiker, key=sleutel).config_url


def qr_code(inhoud: str, *, label: str) -> SafeString:
    """``inhoud`` as a QR code: inline SVG, drawn here (nothing is fetched), dark on white,
    announced to screen readers by ``label``."""
    svg = segno.make(inhoud, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="portaal-qr", lineclass=None, omitsize=True
    )
    # segno writes the <svg> element itself; the role and label make it one image.
    kop = format_html('<svg role="img" aria-label="{}" ', label)
    return mark_safe(svg.replace("<svg ", kop, 1))


# --- services ---------------------------------------------------------------------------------


def _nieuwe_reservecodes(gebruiker: Gebruiker, codes: list[str] | None) -> list[str]:
    StaticDevice.objects.filter(user=gebruiker).delete()
    apparaat = StaticDevice.objects.create(user=gebruiker, name=RESERVENAAM, confirmed=True)
    codes = codes or [StaticToken.random_token() for _i in range(AANTAL_RESERVECODES)]
    StaticToken.objects.bulk_create(StaticToken(device=apparaat, token=code) for code in codes)
    return codes


@transaction.atomic
def stel_app_in(
    *, gebruiker: Gebruiker, sleutel: str, door: Gebruiker | None, reservecodes=None
) -> tuple[TOTPDevice, list[str]]:
    """Set up (or replace) the account's authenticator app with ``sleutel``, and give it a
    new set of backup codes, which are returned: they are shown once and stored only as
    django-otp stores them. An earlier app and earlier backup codes stop working."""
    vervangt = TOTPDevice.objects.filter(user=gebruiker).exists()
    TOTPDevice.objects.filter(user=gebruiker).delete()
    apparaat = TOTPDevice.objects.create(user=gebruiker, name=APPNAAM, key=sleutel, confirmed=True)
    codes = _nieuwe_reservecodes(gebruiker, reservecodes)
    leg_vast(
        actie=Actie.TWEESTAPS_INGESTELD,
        omschrijving=(
            _("Tweestapsverificatie van %(naam)s opnieuw ingesteld met een nieuwe app.")
            if vervangt
            else _("Tweestapsverificatie van %(naam)s ingesteld.")
        )
        % {"naam": gebruiker.get_username()},
        door=door,
        onderwerp=gebruiker,
        gegevens={"vervangt": vervangt, "reservecodes": len(codes)},
    )
    return apparaat, codes


@transaction.atomic
def vernieuw_reservecodes(*, gebruiker: Gebruiker, door: Gebruiker) -> list[str]:
    """A new set of backup codes; the earlier ones stop working."""
    if not heeft_app(gebruiker):
        raise ValidationError(
            _("Stel eerst een authenticator-app in; de reservecodes horen daarbij."),
            code="geen_app",
        )
    codes = _nieuwe_reservecodes(gebruiker, None)
    leg_vast(
        actie=Actie.RESERVECODES_VERNIEUWD,
        omschrijving=_("Nieuwe reservecodes voor %(naam)s.") % {"naam": gebruiker.get_username()},
        door=door,
        onderwerp=gebruiker,
    )
    return codes


@transaction.atomic
def zet_tweestaps_uit(*, gebruiker: Gebruiker, door: Gebruiker) -> None:
    """Switch the second factor off: only for accounts that do not need it."""
    if tweede_factor_verplicht(gebruiker):
        raise ValidationError(
            _(
                "Voor uw account is tweestapsverificatie verplicht. U kunt wel een nieuwe "
                "app instellen, bijvoorbeeld op een nieuwe telefoon."
            ),
            code="verplicht",
        )
    TOTPDevice.objects.filter(user=gebruiker).delete()
    StaticDevice.objects.filter(user=gebruiker).delete()
    leg_vast(
        actie=Actie.TWEESTAPS_UITGEZET,
        omschrijving=_("Tweestapsverificatie van %(naam)s uitgezet.")
        % {"naam": gebruiker.get_username()},
        door=door,
        onderwerp=gebruiker,
    )


def resterende_reservecodes(gebruiker: Gebruiker) -> int:
    return StaticToken.objects.filter(device__user=gebruiker, device__confirmed=True).count()


def vergeet_verificatie(request) -> None:
    """The session is no longer verified (its device was removed)."""
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
