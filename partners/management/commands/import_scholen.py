"""``manage.py import_scholen [PAD]``: load DUO's national school register."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from partners.register import Registerfout, importeer_register


def datum(waarde: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(waarde)
    except ValueError:
        raise CommandError(
            _("Ongeldige peildatum '%(waarde)s': gebruik JJJJ-MM-DD, bijvoorbeeld 2024-11-22.")
            % {"waarde": waarde}
        ) from None


class Command(BaseCommand):
    help = _(
        "Leest het landelijke scholenregister van DUO in (GeoJSON of DUO-CSV, eventueel gzip "
        "of zip) en werkt de schoolvestigingen en gemeenten bij. Alles of niets: bij een fout "
        "verandert er niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "pad",
            nargs="?",
            default=None,
            help=_("Het registerbestand; standaard %(pad)s.")
            % {"pad": settings.SCHOLENREGISTER_STANDAARD},
        )
        parser.add_argument(
            "--peildatum",
            type=str,
            default=None,
            help=_(
                "Datum van het register (JJJJ-MM-DD). Standaard: 2024-11-22 voor het "
                "meegeleverde register, anders een datum in de bestandsnaam; verplicht voor "
                "een CSV van DUO."
            ),
        )
        parser.add_argument(
            "--accepteer-verdwenen",
            action="store_true",
            help=_(
                "Ook doorgaan als het bestand meer dan 10%% van de bekende vestigingen mist "
                "(die worden dan als 'niet meer in het register' gemarkeerd)."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Alles controleren en het rapport tonen, maar niets opslaan."),
        )

    def handle(self, *args, **opties):
        peildatum = datum(opties["peildatum"]) if opties["peildatum"] else None
        try:
            resultaat = importeer_register(
                pad=opties["pad"],
                peildatum=peildatum,
                proef=opties["dry_run"],
                accepteer_verdwenen=opties["accepteer_verdwenen"],
            )
        except Registerfout as fout:
            raise CommandError(str(fout)) from fout
        if opties["verbosity"] >= 1:
            self.stdout.write(resultaat.rapport)
        if resultaat.proef:
            self.stdout.write(self.style.WARNING(_("Proefrun: er is niets opgeslagen.")))
        elif resultaat.niets_gewijzigd:
            self.stdout.write(self.style.SUCCESS(_("Klaar: het register was al bijgewerkt.")))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Klaar: %(nieuw)d nieuw, %(gewijzigd)d gewijzigd, %(verdwenen)d niet meer "
                        "in het register."
                    )
                    % {
                        "nieuw": resultaat.nieuw,
                        "gewijzigd": resultaat.gewijzigd,
                        "verdwenen": resultaat.verdwenen,
                    }
                )
            )
