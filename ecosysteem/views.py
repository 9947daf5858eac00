from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import defaults
from django.views.generic import TemplateView


class InformatiepaginaView(TemplateView):
    """A static page reached from the footer, with a breadcrumb back to the home page."""

    titel = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # "Home" with a context: Django's Dutch catalogue translates a bare "Home" as
        # "Voorpagina", which is not what Dutch government sites say.
        context["kruimelpad"] = [
            (pgettext_lazy("kruimelpad", "Home"), reverse_lazy("home")),
            (self.titel, None),
        ]
        return context


class PrivacyView(InformatiepaginaView):
    template_name = "privacy.html"
    titel = _("Privacyverklaring")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The retention periods as the portal applies them (settings, see README).
        context["bewaartermijnen"] = {
            "onbevestigd": settings.AANMELDING_BEVESTIGEN_DAGEN,
            "afgewezen": settings.BEWAARTERMIJN_AFGEWEZEN_AANMELDING_DAGEN,
            "emails": settings.BEWAARTERMIJN_EMAIL_DAGEN,
        }
        return context


class ToegankelijkheidView(InformatiepaginaView):
    template_name = "toegankelijkheid.html"
    titel = _("Toegankelijkheidsverklaring")


def niet_gevonden(request, exception=None):
    """404: the API answers in JSON, as all its other errors; pages get the portal's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Niet gevonden.")}, status=404)
    return defaults.page_not_found(request, exception)
