from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidieConfig(AppConfig):
    name = "subsidie"
    verbose_name = _("Subsidie")

    def ready(self) -> None:
        from ecosysteem import meldingen

        from . import meldingen_privacy
        from .meldingen import STAPPEN, meld_stap

        meldingen.registreer(STAPPEN, meld_stap)
        meldingen.registreer(meldingen_privacy.ACTIES, meldingen_privacy.meld_verwijderverzoek)
