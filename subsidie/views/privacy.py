"""Mijn gegevens: a logged-in person sees what the portal holds about them, downloads it as
JSON, and asks for it to be erased (AVG art. 15, 17 and 20). Every logged-in person may,
whatever their role; nobody sees anybody else's data here. The pages are never cached."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Verwijderverzoek, Verwijderverzoekstatus

from ..forms_privacy import WissenForm
from ..privacy import GEBEURTENISSEN_OP_PAGINA, persoonsgegevens
from ..services.privacy import vraag_wissen_aan


@method_decorator(never_cache, name="dispatch")
class MijnGegevensMixin(LoginRequiredMixin):
    titel = gettext_lazy("Mijn gegevens")

    def kruimelpad(self):
        pad = [(pgettext_lazy("kruimelpad", "Home"), reverse("home"))]
        if self.titel == MijnGegevensMixin.titel:
            return [*pad, (self.titel, None)]
        return [
            *pad,
            (MijnGegevensMixin.titel, reverse("subsidie:mijn_gegevens")),
            (self.titel, None),
        ]

    def open_verzoek(self) -> Verwijderverzoek | None:
        return Verwijderverzoek.objects.filter(
            gebruiker=self.request.user, status=Verwijderverzoekstatus.OPEN
        ).first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(titel=self.titel, kruimelpad=self.kruimelpad())
        return context


class MijnGegevensView(MijnGegevensMixin, TemplateView):
    template_name = "subsidie/mijn_gegevens.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        gegevens = persoonsgegevens(self.request.user)
        context.update(
            gegevens=gegevens, op_pagina=GEBEURTENISSEN_OP_PAGINA, open_verzoek=self.open_verzoek()
        )
        return context


class MijnGegevensDownloadView(MijnGegevensMixin, View):
    """The same data as JSON, every audit event included; the download is audited."""

    def get(self, request, *args, **kwargs):
        gegevens = persoonsgegevens(request.user, alle_gebeurtenissen=True).als_json()
        leg_vast(
            actie=Actie.PERSOONSGEGEVENS_GEDOWNLOAD,
            omschrijving=_("Eigen persoonsgegevens gedownload."),
            door=request.user,
        )
        antwoord = HttpResponse(
            json.dumps(gegevens, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        naam = f"mijn-gegevens-regioportaal-{timezone.localdate():%Y-%m-%d}.json"
        antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
        return antwoord


class GegevensWissenView(MijnGegevensMixin, TemplateView):
    """Asking to have one's data erased: what that means, and the request. An
    administrator carries it out (or explains why not)."""

    template_name = "subsidie/mijn_gegevens_wissen.html"
    titel = gettext_lazy("Gegevens laten wissen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=kwargs.get("form") or WissenForm(),
            open_verzoek=self.open_verzoek(),
            privacy_contactadres=settings.PRIVACY_CONTACT_EMAIL,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = WissenForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        verzoek = vraag_wissen_aan(
            gebruiker=request.user, toelichting=form.cleaned_data["toelichting"]
        )
        messages.success(
            request,
            _(
                "Uw verzoek (nummer %(nummer)s) is ontvangen. Een beheerder van het portaal "
                "handelt het binnen een maand af."
            )
            % {"nummer": verzoek.pk},
        )
        return redirect("subsidie:mijn_gegevens")


urlpatterns = [
    path("mijn-gegevens/", MijnGegevensView.as_view(), name="mijn_gegevens"),
    path(
        "mijn-gegevens/download/",
        MijnGegevensDownloadView.as_view(),
        name="mijn_gegevens_download",
    ),
    path("mijn-gegevens/wissen/", GegevensWissenView.as_view(), name="mijn_gegevens_wissen"),
]
