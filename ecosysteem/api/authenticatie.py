"""Machine clients authenticate with a personal token: ``Authorization: Bearer <token>``.
Browsers use their session (DRF's SessionAuthentication, with its CSRF check)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from ..models import Apitoken
from ..tokens import zoek_token

SLEUTELWOORD = "Bearer"
# The last use is written at most this often, so a busy client does not write every request.
GEBRUIK_BIJWERKEN_NA = datetime.timedelta(minutes=5)


class TokenAuthenticatie(authentication.BaseAuthentication):
    def authenticate(self, request):
        kop = authentication.get_authorization_header(request).split()
        if not kop or kop[0].lower() != SLEUTELWOORD.lower().encode():
            return None
        if len(kop) != 2:
            raise exceptions.AuthenticationFailed(
                _("Geef na 'Bearer' precies één token, zonder spaties.")
            )
        try:
            tekst = kop[1].decode()
        except UnicodeError as fout:
            raise exceptions.AuthenticationFailed(_("Deze token is niet geldig.")) from fout
        rij = zoek_token(tekst)
        if rij is None:
            raise exceptions.AuthenticationFailed(_("Deze token is niet geldig."))
        nu = timezone.now()
        if rij.ingetrokken_op is not None:
            raise exceptions.AuthenticationFailed(_("Deze token is ingetrokken."))
        if rij.verloopt_op <= nu:
            raise exceptions.AuthenticationFailed(_("Deze token is verlopen."))
        if not rij.gebruiker.is_active:
            raise exceptions.AuthenticationFailed(_("Dit account is niet actief."))
        if rij.laatst_gebruikt_op is None or nu - rij.laatst_gebruikt_op > GEBRUIK_BIJWERKEN_NA:
            Apitoken.objects.filter(pk=rij.pk).update(laatst_gebruikt_op=nu)
        gebruiker = rij.gebruiker
        # A machine client: permissions that depend on how a person logged in (a verified
        # second factor, for instance) can tell it from a browser session.
        gebruiker.apitoken = rij
        return gebruiker, rij

    def authenticate_header(self, request):
        return f'{SLEUTELWOORD} realm="api"'


class TokenSchema(OpenApiAuthenticationExtension):
    """How the schema documents the token: HTTP bearer."""

    target_class = TokenAuthenticatie
    name = "persoonlijkeToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": _(
                "Een persoonlijke token uit Mijn tokens (/mijn-tokens/): "
                "Authorization: Bearer <token>."
            ),
        }
