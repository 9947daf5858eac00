"""Middleware for pages with personal data: no copies in caches, and sessions that end.

Written here rather than taken from a package: the session packages on PyPI know one
timeout, not an idle timeout next to an absolute lifetime, nor htmx or background polls.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.cache import add_never_cache_headers
from django.utils.translation import ngettext

# Session keys: when the person logged in and when they last did something (Unix seconds).
BEGIN = "_portaal_sessie_begin"
LAATST = "_portaal_sessie_laatst"
# The last activity is written at most once a minute, so not every page writes the session.
SCHRIJF_NA = 60
# A request the page makes by itself (the progress of a report, polled every few seconds)
# carries this header: it is not activity, so it does not keep an idle session alive.
ACHTERGROND = "X-Portaal-Achtergrond"


class GeenOpslagVoorIngelogden:
    """``Cache-Control: no-store, private`` (and the rest of Django's never-cache headers) on
    every response to someone logged in, including the response that logs them out: these
    pages hold personal data, which must not stay in a browser's or a proxy's cache. Static
    files never get here (WhiteNoise answers them first) and keep being cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ingelogd = request.user.is_authenticated
        antwoord = self.get_response(request)
        if ingelogd or request.user.is_authenticated:
            add_never_cache_headers(antwoord)
        return antwoord


@receiver(user_logged_in, dispatch_uid="portaal_sessie_begin")
def noteer_begin(sender, request, user, **kwargs) -> None:
    """The session's start, written with the login itself: the first page after it then
    does not write the session again (and costs no more queries than the next)."""
    if request is not None and hasattr(request, "session"):
        request.session[BEGIN] = request.session[LAATST] = int(time.time())


def inactief_seconden() -> int:
    return settings.SESSIE_INACTIEF_MINUTEN * 60


def maximaal_seconden() -> int:
    return settings.SESSIE_MAXIMAAL_UREN * 3600


class SessieVerloop:
    """Ends a login after ``SESSIE_INACTIEF_MINUTEN`` without activity, and in any case
    ``SESSIE_MAXIMAAL_UREN`` after logging in. The person then lands on the login page with a
    message saying why (a page built by htmx is sent there as a whole), and after logging in
    again returns to the page they asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            nu = int(time.time())
            sessie = request.session
            begin = sessie.get(BEGIN)
            laatst = sessie.get(LAATST, begin)
            if begin is None:
                sessie[BEGIN] = sessie[LAATST] = nu
            elif nu - begin >= maximaal_seconden():
                return self.verlopen(request, "maximaal")
            elif nu - laatst >= inactief_seconden():
                return self.verlopen(request, "inactief")
            elif nu - laatst >= SCHRIJF_NA and not request.headers.get(ACHTERGROND):
                sessie[LAATST] = nu
        return self.get_response(request)

    def verlopen(self, request, reden: str):
        logout(request)
        if reden == "inactief":
            minuten = settings.SESSIE_INACTIEF_MINUTEN
            bericht = ngettext(
                "U bent automatisch uitgelogd, omdat u %(aantal)d minuut niets in het portaal "
                "hebt gedaan. Log opnieuw in om verder te gaan.",
                "U bent automatisch uitgelogd, omdat u %(aantal)d minuten niets in het portaal "
                "hebt gedaan. Log opnieuw in om verder te gaan.",
                minuten,
            ) % {"aantal": minuten}
        else:
            uren = settings.SESSIE_MAXIMAAL_UREN
            bericht = ngettext(
                "U bent automatisch uitgelogd, omdat u al %(aantal)d uur was ingelogd. Log "
                "opnieuw in om verder te gaan.",
                "U bent automatisch uitgelogd, omdat u al %(aantal)d uur was ingelogd. Log "
                "opnieuw in om verder te gaan.",
                uren,
            ) % {"aantal": uren}
        messages.warning(request, bericht)
        # Back to the page asked for, after logging in; not to a form's POST address or a
        # fragment that htmx fetches.
        terug = request.get_full_path() if request.method == "GET" else ""
        if request.headers.get("HX-Request"):
            antwoord = HttpResponse(status=204)
            antwoord["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
            return antwoord
        if not terug:
            return redirect(settings.LOGIN_URL)
        return redirect_to_login(terug)
