"""Approving a partner's registration, from the region's Partners page. In subsidie because
the approval takes over the pledge as co-financing; rejecting stays in regios."""

from __future__ import annotations

from django.contrib import messages
from django.urls import path
from django.utils.translation import gettext as _
from django.views.generic import View

from regios.views.basis import voer_uit
from regios.views.partners import AanmeldingBesluitMixin

from ..services.aanmelding import keur_aanmelding_goed


class AanmeldingGoedkeurenView(AanmeldingBesluitMixin, View):
    def post(self, request, *args, **kwargs):
        aanmelding = self.aanmelding()
        gelukt, _resultaat = voer_uit(
            request, None, lambda: keur_aanmelding_goed(aanmelding=aanmelding, door=request.user)
        )
        if gelukt:
            messages.success(
                request,
                _("%(naam)s doet nu mee als partner; de contactpersoon krijgt een e-mail.")
                % {"naam": aanmelding.naam},
            )
        return self.terug()


urlpatterns = [
    path(
        "regio/<slug:slug>/partners/aanmeldingen/<int:aanmelding>/goedkeuren/",
        AanmeldingGoedkeurenView.as_view(),
        name="aanmelding_goedkeuren",
    ),
]
