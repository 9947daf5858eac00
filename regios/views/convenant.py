"""Dossier pages: convenant."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .basis import DossierMixin


class Overzicht(DossierMixin, TemplateView):
    template_name = "regios/dossier_basis.html"
    dossierdeel = "convenant"
    titel = _("Convenant")


urlpatterns = [path("regio/<slug:slug>/convenant/", Overzicht.as_view(), name="convenant")]
