from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegiosConfig(AppConfig):
    name = "regios"
    verbose_name = _("Regio's")

    def ready(self) -> None:
        from . import menu  # noqa: F401  (connects the login signal)
