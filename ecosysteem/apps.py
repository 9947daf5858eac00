from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcosysteemConfig(AppConfig):
    name = "ecosysteem"
    verbose_name = _("Portaal")
