from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KompasConfig(AppConfig):
    name = "kompas"
    verbose_name = _("Interventiekompas")

    def ready(self) -> None:
        from ecosysteem import meldingen

        from .meldingen import ACTIES, meld_scanronde

        meldingen.registreer(ACTIES, meld_scanronde)
