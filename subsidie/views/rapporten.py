"""Reports of a dossier as PDF: asking for one (the page returns at once), its progress
(polled by htmx and announced to screen readers), and the download.

Each view checks the report's permission (:func:`subsidie.services.rapporten.rapportrecht`):
who may not see the region at all gets 404, as on the dossier pages; who may see the region
but not this report (a steering-group member and the assessment report) gets 403 with the
reason. Every download is recorded in the audit trail.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View

from ecosysteem.documenten import registreer_download
from ecosysteem.rechten import mag, waarom_niet
from regios.models import Regio

from ..models import Rapport, Rapportsoort
from ..services.rapporten import rapportrecht, vraag_rapport_aan


def mag_regio_zien(user, regio) -> bool:
    """Whether the region's existence may be confirmed to ``user`` (else 404)."""
    return mag("regios.dossier_bekijken", user, regio) or mag(
        "subsidie.rapport_bekijken", user, regio
    )


def eis_rapportrecht(user, regio, soort, indiening, besluit=None) -> None:
    recht = rapportrecht(soort, indiening, besluit)
    if mag(recht, user, regio):
        return
    if not mag_regio_zien(user, regio):
        raise Http404
    raise PermissionDenied(waarom_niet(recht, user, regio))


def rapportsoorten_voor(user, regio, indiening=None) -> list[tuple[str, str]]:
    """The reports ``user`` may have of ``regio`` (of ``indiening``, or the live dossier),
    as (code, label) for the buttons. The assessment report goes with a submitted version."""
    soorten = [Rapportsoort.DOSSIER, Rapportsoort.BEGROTING]
    if indiening is not None:
        soorten.append(Rapportsoort.BEOORDELING)
    return [
        (soort.value, str(soort.label))
        for soort in soorten
        if mag(rapportrecht(soort, indiening), user, regio)
    ]


class RapportMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.regio = get_object_or_404(Regio.objects.select_related("tijdvak"), slug=kwargs["slug"])
        if not mag_regio_zien(request.user, self.regio):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def rapport(self) -> Rapport:
        rapport = get_object_or_404(
            Rapport.objects.select_related("regio", "indiening", "besluit"),
            pk=self.kwargs["rapport"],
            regio=self.regio,
        )
        eis_rapportrecht(
            self.request.user, self.regio, rapport.soort, rapport.indiening, rapport.besluit
        )
        return rapport


def stand(request, rapport: Rapport) -> TemplateResponse:
    """The report's state: the polling fragment for htmx, a small page otherwise."""
    sjabloon = (
        "subsidie/partials/rapport_stand.html" if request.htmx else "subsidie/rapport_stand.html"
    )
    return TemplateResponse(
        request,
        sjabloon,
        {"rapport": rapport, "regio": rapport.regio, "titel": rapport.titel},
    )


class Maken(RapportMixin, View):
    """POST ``soort`` (and ``versie`` for a submitted version): asks for the report and
    answers at once with its state."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        soort = request.POST.get("soort", "")
        if soort not in Rapportsoort.values:
            raise Http404
        indiening = besluit = None
        if request.POST.get("versie"):
            try:
                indiening = self.regio.indieningen.get(versie=int(request.POST["versie"]))
            except (ValueError, self.regio.indieningen.model.DoesNotExist):
                raise Http404 from None
        if soort == Rapportsoort.BESCHIKKING:
            besluit = get_object_or_404(
                self.regio.besluiten.all(), kenmerk=request.POST.get("kenmerk", "")
            )
        eis_rapportrecht(request.user, self.regio, soort, indiening, besluit)
        try:
            rapport = vraag_rapport_aan(
                regio=self.regio,
                soort=soort,
                door=request.user,
                indiening=indiening,
                besluit=besluit,
            )
        except ValidationError as fout:
            for bericht in fout.messages:
                messages.error(request, bericht)
            return redirect(self.terug())
        if request.htmx:
            return stand(request, rapport)
        return redirect("subsidie:rapport_stand", slug=self.regio.slug, rapport=rapport.pk)

    def terug(self) -> str:
        volgende = self.request.POST.get("volgende", "")
        if url_has_allowed_host_and_scheme(volgende, {self.request.get_host()}):
            return volgende
        return reverse("subsidie:dossier", kwargs={"slug": self.regio.slug})


class Stand(RapportMixin, View):
    def get(self, request, *args, **kwargs):
        return stand(request, self.rapport())


class Download(RapportMixin, View):
    """The PDF (or the auditor's ZIP), for whoever may see it; every download is
    recorded."""

    def get(self, request, *args, **kwargs):
        rapport = self.rapport()
        if not rapport.is_klaar or not rapport.bestand:
            raise Http404
        try:
            bestand = rapport.bestand.open("rb")
        except FileNotFoundError as fout:
            raise Http404 from fout
        registreer_download(
            door=request.user,
            regio=self.regio,
            onderwerp=rapport,
            omschrijving=_("%(document)s gedownload") % {"document": capfirst(rapport.titel)},
            gegevens={
                "soort": rapport.soort,
                "versie": rapport.indiening.versie if rapport.indiening_id else None,
                "kenmerk": rapport.besluit.kenmerk if rapport.besluit_id else None,
                "sha256": rapport.sha256,
            },
        )
        antwoord = FileResponse(
            bestand, content_type=rapport.mediatype, filename=rapport.bestandsnaam
        )
        antwoord["Cache-Control"] = "private, no-store"
        return antwoord


urlpatterns = [
    path("regio/<slug:slug>/rapporten/maken/", Maken.as_view(), name="rapport_maken"),
    path("regio/<slug:slug>/rapporten/<int:rapport>/", Stand.as_view(), name="rapport_stand"),
    path(
        "regio/<slug:slug>/rapporten/<int:rapport>/download/",
        Download.as_view(),
        name="rapport_download",
    ),
]
