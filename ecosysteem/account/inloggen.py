"""Logging in: the lock-out after repeated failures (django-axes), the address it counts
per, the login page with its second step, and what a login records.

django-axes keeps every failed attempt (AccessAttempt, AccessFailureLog) and every login
and logout (AccessLog); the admin shows them under *Axes*. A lock-out is also an event of
the portal's own audit trail, so an administrator sees it next to everything else.
"""

from __future__ import annotations

import datetime
import time

from axes.backends import AxesStandaloneBackend
from axes.signals import user_locked_out
from axes.utils import reset as hef_blokkade_op
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ..audit import leg_vast
from ..models import Actie, Gebeurtenis, Gebruiker
from ..netwerk import client_adres
from ..rollen import BEHEERDERS, BEOORDELAARS, BESLUITVORMERS
from . import tweestaps

__all__ = ["Inlogbeperking", "InloggenView", "hef_blokkade_op", "inlogadres", "landingspagina"]


class Inlogbeperking(AxesStandaloneBackend):
    """django-axes' check, first of the authentication backends: a locked-out account and
    address get no further. A check without a request (the shell, a management command,
    the test client's ``login``) is no attempt over the network and is not counted; axes
    itself would refuse it with an error."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def inlogadres(request) -> str:
    """The client's address as the lock-out counts it: the one the trusted proxies saw
    (:func:`ecosysteem.netwerk.client_adres`), never what the client wrote itself."""
    return client_adres(request)


def blokkadepagina(request, original_response=None, credentials=None):
    """The page of a locked-out login (django-axes' ``AXES_LOCKOUT_CALLABLE``): why, how long,
    and the way back (waiting, or a new password by e-mail). Status 429."""
    afkoeling = settings.AXES_COOLOFF_TIME or datetime.timedelta(hours=1)
    return render(
        request,
        "account/geblokkeerd.html",
        {
            "pogingen": settings.AXES_FAILURE_LIMIT,
            "minuten": max(1, int(afkoeling.total_seconds() // 60)),
        },
        status=429,
    )


def landingspagina(user) -> str:
    """Where a login without an explicit ``next`` leads: reviewers and decision makers to
    their queue, administrators to the administration, everybody else to their regions.
    The queue wins for someone who is both, because reviewing is the daily work. Read from
    the groups here (ecosysteem imports no app; URL names are text)."""
    groepen = set(user.groups.values_list("name", flat=True))
    if groepen & {BEOORDELAARS, BESLUITVORMERS}:
        return reverse("subsidie:wachtrij")
    if BEHEERDERS in groepen or (user.is_active and user.is_superuser):
        return reverse("admin:index")
    return reverse(settings.LOGIN_REDIRECT_URL)


class InloggenView(auth_views.LoginView):
    """Django's login page; after the password, who has an app gives its code and who
    needs one but has none sets it up (see :class:`~.middleware.TweestapsMiddleware`).
    Without a (safe) ``next`` the login lands where the person's work is
    (:func:`landingspagina`)."""

    def get_success_url(self):
        volgende = self.get_redirect_url() or landingspagina(self.request.user)
        stand = tweestaps.stand(self.request)
        if stand.moet_code_geven:
            doel = "account:tweestaps_controleren"
        elif stand.moet_instellen:
            doel = "account:tweestaps_instellen"
        else:
            return volgende
        return f"{reverse(doel)}?{urlencode({'next': volgende})}"


@receiver(user_logged_in, dispatch_uid="tweestaps_stand")
def onthoud_tweestaps(sender, request, user, **kwargs) -> None:
    """At login: keep whether the account needs or has a second factor. A login that is
    complete without one counts as a fresh confirmation of the password."""
    if request is None or not hasattr(request, "session"):
        return
    stand = tweestaps.onthoud_stand(request, user)
    if not (stand.moet_code_geven or stand.moet_instellen):
        request.session[tweestaps.HERBEVESTIGD_OP] = time.time()


@receiver(user_locked_out, dispatch_uid="inloggen_geblokkeerd")
def leg_blokkade_vast(sender, request, username, ip_address, **kwargs) -> None:
    """A lock-out in the audit trail, once per account and address per cool-off (every
    further attempt during the lock-out would otherwise add a row)."""
    gebruikersnaam = (username or "")[:150]
    sinds = timezone.now() - (settings.AXES_COOLOFF_TIME or datetime.timedelta(hours=1))
    if Gebeurtenis.objects.filter(
        actie=Actie.INLOGGEN_GEBLOKKEERD,
        tijdstip__gte=sinds,
        gegevens__gebruikersnaam=gebruikersnaam,
        gegevens__adres=ip_address or "",
    ).exists():
        return
    gebruiker = Gebruiker.objects.filter(username=gebruikersnaam).first() if username else None
    leg_vast(
        actie=Actie.INLOGGEN_GEBLOKKEERD,
        omschrijving=_(
            "Inloggen als %(naam)s vanaf %(adres)s geblokkeerd na %(aantal)d mislukte pogingen."
        )
        % {
            "naam": gebruikersnaam or "?",
            "adres": ip_address or "?",
            "aantal": settings.AXES_FAILURE_LIMIT,
        },
        onderwerp=gebruiker,
        gegevens={
            "gebruikersnaam": gebruikersnaam,
            "adres": ip_address or "",
            "pad": request.path[:200] if request is not None else "",
        },
    )
