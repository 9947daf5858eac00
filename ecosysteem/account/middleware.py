"""The second factor is not optional once it applies.

A logged-in person whose session has not passed the second factor, while their account has
an app (they chose one, or must have one) or must have one, reaches only the page that asks
for the code (or sets up the app), logging out, and pages open to anyone without an
account (privacy, choosing a password). Every other page, the ministry's and the admin's
included, sends them there first and back afterwards; the API answers 403 with the reason
instead (a program cannot fill in the code). Nothing about this costs a query per
page: see :func:`ecosysteem.account.tweestaps.stand`.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import tweestaps

CODE_GEVEN = "account:tweestaps_controleren"
INSTELLEN = "account:tweestaps_instellen"

# Pages that need no (finished) login: reachable while the second step is pending.
VRIJ = frozenset(
    {
        "logout",
        "privacy",
        "toegankelijkheid",
        "set_language",
        "account:wachtwoord_vergeten",
        "account:wachtwoord_vergeten_verstuurd",
        "account:wachtwoord_kiezen",
        "account:wachtwoord_gekozen",
        "account:nieuwe_link",
    }
)


class TweestapsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        gebruiker = request.user
        if not gebruiker.is_authenticated or tweestaps.is_geverifieerd(request):
            return None
        naam = request.resolver_match.view_name if request.resolver_match else ""
        if naam in VRIJ:
            return None
        stand = tweestaps.stand(request)
        if stand.moet_code_geven:
            doel = CODE_GEVEN
        elif stand.moet_instellen:
            doel = INSTELLEN
        else:
            return None
        if naam == doel:
            return None
        if request.resolver_match and "api" in request.resolver_match.namespaces:
            # A program cannot follow a redirect to a form: it gets the reason, as the API
            # answers every refusal.
            return JsonResponse(
                {
                    "detail": _(
                        "Log eerst in met uw tweede factor (authenticator-app of reservecode)."
                    ),
                    "code": "tweede_factor_vereist",
                },
                status=403,
            )
        terug = request.get_full_path() if request.method in ("GET", "HEAD") else "/"
        return redirect(f"{reverse(doel)}?{urlencode({'next': terug})}")
