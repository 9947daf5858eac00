"""Apply the retention periods now, as the nightly beat task does."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from regios.tasks import pas_bewaartermijnen_toe


class Command(BaseCommand):
    help = _(
        "Verwijder onbevestigde en afgewezen aanmeldingen en oude e-mails waarvan de "
        "bewaartermijn voorbij is."
    )

    def handle(self, *args, **options):
        uitkomst = pas_bewaartermijnen_toe()
        self.stdout.write(
            _(
                "Verwijderd: %(onbevestigd)s onbevestigde aanmelding(en), %(afgewezen)s "
                "afgewezen aanmelding(en), %(emails)s e-mail(s)."
            )
            % {
                "onbevestigd": uitkomst["onbevestigde_aanmeldingen"],
                "afgewezen": uitkomst["afgewezen_aanmeldingen"],
                "emails": uitkomst["emails"],
            }
        )
