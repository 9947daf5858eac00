"""Dossier pages: activiteiten."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from regios.views.basis import DossierMixin


class Overzicht(DossierMixin, TemplateView):
    template_name = "regios/dossier_basis.html"
    dossierdeel = "activiteiten"
    titel = _("activiteiten")


urlpatterns = [path("regio/<slug:slug>/activiteiten/", Overzicht.as_view(), name="activiteiten")]
