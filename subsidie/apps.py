from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidieConfig(AppConfig):
    name = "subsidie"
    verbose_name = _("Subsidie")
