"""Dossier page: inviting a person with a role to an account (from the Rollen page)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from ecosysteem.rechten import mag, waarom_niet
from partners.models import Persoon

from ..services.uitnodiging import huidige_rollen, nodig_uit_voor_account, uitnodiging_mogelijk
from .basis import DossierMixin, voer_uit
from .rollen import RollenOnderdeelMixin


class UitnodigenView(RollenOnderdeelMixin, DossierMixin, TemplateView):
    """Confirm, then send. Works after submission too: an account is not part of the
    dossier."""

    template_name = "regios/rollen_uitnodigen.html"
    titel = gettext_lazy("Uitnodigen voor een account")
    schrijfrecht = "regios.account_uitnodigen"

    def persoon(self) -> Persoon:
        if not hasattr(self, "_persoon"):
            persoon = get_object_or_404(
                Persoon.objects.select_related("gebruiker"), pk=self.kwargs["persoon"]
            )
            self._rollen = huidige_rollen(persoon, self.regio)
            if not self._rollen:
                raise Http404
            self._persoon = persoon
        return self._persoon

    def get(self, request, *args, **kwargs):
        # The Rollen page's own rule (AlleenBewerkenMixin) does not apply: inviting is
        # possible whatever the dossier's state.
        if not mag(self.schrijfrecht, request.user, self.regio):
            raise PermissionDenied(waarom_niet(self.schrijfrecht, request.user, self.regio))
        persoon = self.persoon()
        if not uitnodiging_mogelijk(persoon):
            messages.info(
                request,
                _("%(naam)s heeft al een account met een wachtwoord.")
                % {"naam": persoon.volledige_naam},
            )
            return redirect("regios:rollen", slug=self.regio.slug)
        return TemplateView.get(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        persoon = self.persoon()
        context.update(
            persoon=persoon, rollen=self._rollen, opnieuw=persoon.gebruiker_id is not None
        )
        return context

    def post(self, request, *args, **kwargs):
        persoon = self.persoon()
        gelukt, gebruiker = voer_uit(
            request,
            None,
            lambda: nodig_uit_voor_account(persoon=persoon, regio=self.regio, door=request.user),
        )
        if gelukt:
            messages.success(
                request,
                _(
                    "%(naam)s krijgt een e-mail op %(email)s met een link om een wachtwoord "
                    "te kiezen. De gebruikersnaam is %(gebruikersnaam)s."
                )
                % {
                    "naam": persoon.volledige_naam,
                    "email": gebruiker.email,
                    "gebruikersnaam": gebruiker.get_username(),
                },
            )
        return redirect("regios:rollen", slug=self.regio.slug)


urlpatterns = [
    path(
        "regio/<slug:slug>/rollen/personen/<int:persoon>/uitnodigen/",
        UitnodigenView.as_view(),
        name="account_uitnodigen",
    ),
]
