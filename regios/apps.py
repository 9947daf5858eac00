from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegiosConfig(AppConfig):
    name = "regios"
    verbose_name = _("Regio's")

    def ready(self) -> None:
        from ecosysteem import meldingen
        from ecosysteem.models import Actie

        from . import menu  # noqa: F401  (connects the login signal)
        from .meldingen import (
            AANMELDING,
            KOPPELVERZOEK,
            meld_aanmelding,
            meld_convenantherinnering,
            meld_koppelverzoek,
        )

        meldingen.registreer(AANMELDING, meld_aanmelding)
        meldingen.registreer(KOPPELVERZOEK, meld_koppelverzoek)
        meldingen.registreer([Actie.CONVENANT_HERINNERING], meld_convenantherinnering)
