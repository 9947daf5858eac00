"""Dossier pages: partners."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .basis import DossierMixin


class Overzicht(DossierMixin, TemplateView):
    template_name = "regios/dossier_basis.html"
    dossierdeel = "partners"
    titel = _("partners")


urlpatterns = [path("regio/<slug:slug>/partners/", Overzicht.as_view(), name="partners")]
