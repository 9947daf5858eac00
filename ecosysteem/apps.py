from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcosysteemConfig(AppConfig):
    name = "ecosysteem"
    verbose_name = _("Portaal")

    def ready(self) -> None:
        from . import (
            gebruikersrechten,
            outbox,  # noqa: F401  (registers the outbox's Celery tasks)
            pseudoniem,
        )

        gebruikersrechten.verbind()
        pseudoniem.verbind()
