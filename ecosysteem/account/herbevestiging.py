"""Confirming the login again before a step that matters, such as sending a decision.

A view that uses :class:`VereistHerbevestiging` is reached only if the person entered
their password (and, with an app, its code) within ``HERBEVESTIGING_MINUTEN``: at login or
on the confirmation page (``account:herbevestigen``), which then sends them back. Put the
mixin after the mixins that decide who may open the page, so that someone who may not is
refused first and is not asked to confirm for nothing.
"""

from __future__ import annotations

import time
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _

from .tweestaps import HERBEVESTIGD_OP


def recent_bevestigd(request) -> bool:
    """Whether the login was confirmed within ``HERBEVESTIGING_MINUTEN``."""
    sessie = getattr(request, "session", None)
    moment = sessie.get(HERBEVESTIGD_OP) if sessie is not None else None
    if not isinstance(moment, int | float):
        return False
    return 0 <= time.time() - moment < 60 * settings.HERBEVESTIGING_MINUTEN


def markeer_bevestigd(request) -> None:
    request.session[HERBEVESTIGD_OP] = time.time()


def terugadres(request) -> str:
    """Where to return after confirming: this page for a GET; for a POST the page the form
    was on (when it is this portal's), else the home page."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    verwijzer = request.META.get("HTTP_REFERER", "")
    if verwijzer and url_has_allowed_host_and_scheme(
        verwijzer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return verwijzer
    return "/"


def vraag_herbevestiging(request, *, terug: str, reden: str = ""):
    """Send the person to the confirmation page, and from there to ``terug``."""
    if reden:
        messages.info(request, reden)
    return redirect(f"{resolve_url('account:herbevestigen')}?{urlencode({'next': terug})}")


class VereistHerbevestiging:
    """View mixin: the view's handlers run only after a recent confirmation of the login.

    ``herbevestiging_terug``: the URL name of the page to return to after confirming,
    reversed with the view's own arguments; by default this page (a GET) or, for a POST,
    the page the form was on. A POST cannot be replayed, so the person then submits the
    form again."""

    herbevestiging_terug = ""
    herbevestiging_reden = _(
        "Bevestig voor deze stap uw inlog met uw wachtwoord en de code uit uw app."
    )

    def herbevestiging_nodig(self) -> bool:
        return True

    def herbevestiging_terug_url(self) -> str:
        if self.herbevestiging_terug:
            return resolve_url(self.herbevestiging_terug, **self.kwargs)
        return terugadres(self.request)

    def dispatch(self, request, *args, **kwargs):
        methode = request.method.lower()
        behandeld = methode in self.http_method_names and hasattr(self, methode)
        if (
            behandeld
            and request.user.is_authenticated
            and self.herbevestiging_nodig()
            and not recent_bevestigd(request)
        ):
            return vraag_herbevestiging(
                request, terug=self.herbevestiging_terug_url(), reden=str(self.herbevestiging_reden)
            )
        return super().dispatch(request, *args, **kwargs)


def vereist_herbevestiging(view):
    """The same for a function view: back to the same page after confirming."""

    @wraps(view)
    def omhulsel(request, *args, **kwargs):
        if request.user.is_authenticated and not recent_bevestigd(request):
            return vraag_herbevestiging(
                request,
                terug=terugadres(request),
                reden=str(VereistHerbevestiging.herbevestiging_reden),
            )
        return view(request, *args, **kwargs)

    return omhulsel
