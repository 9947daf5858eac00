"""Dossier pages: scan."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from regios.views.basis import DossierMixin


class Overzicht(DossierMixin, TemplateView):
    template_name = "regios/dossier_basis.html"
    dossierdeel = "scan"
    titel = _("scan")


urlpatterns = [path("regio/<slug:slug>/scan/", Overzicht.as_view(), name="scan")]
