"""The 403 page with advice that fits the person (``handler403`` of the root URLconf).

Anonymous visitors are asked to log in. On a region's page ministry staff are pointed to
the ministry's own pages (they read a submission there, not in the region's dossier), and
everybody else to the region's programme manager: by name and address when the person
knows the region already (a role in it, now or before, or a registration for it), else
without names, with the portal's contact address. The refusal's reason is shown when the
refusal carries one.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from partners.models import Aanmelding, Persoon

from ..models import Regio, Rol, Rolsoort
from ..rules import is_ministerie
from ..selectors import lopende_rol


def regio_van_pagina(request) -> Regio | None:
    """The region whose page was refused, for the pages under ``/regio/<slug>/``."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.route.startswith("regio/"):
        return None
    slug = match.kwargs.get("slug")
    return Regio.objects.filter(slug=slug).first() if slug else None


def kent_regio(user, regio: Regio) -> bool:
    """Whether the person has (or had) a role in the region or registered for it."""
    if Rol.objects.filter(regio=regio, persoon__gebruiker=user).exists():
        return True
    return (
        bool(user.email)
        and Aanmelding.objects.filter(regio=regio, email__iexact=user.email).exists()
    )


def programmamanagers(regio: Regio) -> list[Persoon]:
    """The region's current programme managers."""
    huidige = Rol.objects.filter(
        lopende_rol(timezone.localdate()), regio=regio, soort=Rolsoort.PROGRAMMAMANAGER
    )
    return list(
        Persoon.objects.filter(pk__in=huidige.values("persoon_id")).order_by(
            "achternaam", "voornaam"
        )
    )


def geen_toegang(request, exception=None):
    user = request.user
    context = {
        "exception": str(exception) if exception else "",
        "contactadres": settings.CONTACT_EMAIL,
        "advies": "inloggen",
    }
    if user.is_authenticated:
        regio = regio_van_pagina(request)
        context["regio"] = regio
        if is_ministerie(user):
            context["advies"] = "ministerie"
        elif regio is not None and kent_regio(user, regio):
            context["advies"] = "programmamanager"
            context["programmamanagers"] = programmamanagers(regio)
        else:
            context["advies"] = "vragen"
    return render(request, "403.html", context, status=403)
