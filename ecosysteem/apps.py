from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcosysteemConfig(AppConfig):
    name = "ecosysteem"
    verbose_name = _("Portaal")

    def ready(self) -> None:
        from . import (
            gebruikersrechten,
            meldingen,
            middleware,  # noqa: F401  (notes the start of a session at login)
            outbox,  # noqa: F401  (registers the outbox's Celery tasks)
            pseudoniem,
        )
        from .account import inloggen  # noqa: F401  (connects the login and lock-out signals)
        from .account.meldingen import ACTIES, meld_account

        gebruikersrechten.verbind()
        meldingen.registreer(ACTIES, meld_account)
        pseudoniem.verbind()
