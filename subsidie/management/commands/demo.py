"""``manage.py demo``: five example regions on real schools, and a login for every role."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners.models import Vestiging
from subsidie.demo.bouwen import bouw_demo

# Printed next to the accounts anyway; a real deployment never runs the demo without DEBUG
# unless someone chose a base deliberately (see below).
STANDAARD_WACHTWOORD = "techkwadraat-demo"

SOORTEN = {
    "regio": gettext_lazy("regio's"),
    "organisatie": gettext_lazy("organisaties"),
    "deelname_organisatie": gettext_lazy("deelnames van organisaties"),
    "deelname_vestiging": gettext_lazy("deelnames van schoolvestigingen"),
    "bestuursorgaan": gettext_lazy("bestuursorganen"),
    "persoon": gettext_lazy("personen"),
    "rol": gettext_lazy("rollen"),
    "gebruiker": gettext_lazy("accounts"),
    "leerlingopgave": gettext_lazy("opgaven van tellende leerlingen"),
    "cofinanciering": gettext_lazy("toezeggingen voor cofinanciering"),
    "begrotingsregel": gettext_lazy("begrotingsregels"),
    "activiteit": gettext_lazy("activiteiten"),
    "convenant": gettext_lazy("convenanten"),
    "ondertekening": gettext_lazy("ondertekeningen"),
    "scanronde": gettext_lazy("scanrondes"),
    "scaninzending": gettext_lazy("ingevulde scans"),
    "tweestaps": gettext_lazy("tweestapsverificaties"),
}


def wachtwoordbasis() -> tuple[str, bool]:
    """The base of the demo passwords, and whether someone set it on purpose."""
    gekozen = getattr(settings, "DEMO_WACHTWOORD", "") or os.environ.get("DEMO_WACHTWOORD", "")
    return (gekozen or STANDAARD_WACHTWOORD), bool(gekozen)


def tabel(koppen: list[str], rijen: list[list[str]]) -> list[str]:
    breedtes = [max(len(str(c)) for c in kolom) for kolom in zip(koppen, *rijen, strict=False)]

    def regel(cellen) -> str:
        return "  ".join(str(c).ljust(b) for c, b in zip(cellen, breedtes, strict=True)).rstrip()

    return [regel(koppen), regel("-" * b for b in breedtes), *(regel(r) for r in rijen)]


class Command(BaseCommand):
    help = _(
        "Bouwt vijf voorbeeldregio's met echte scholen uit het register, verzonnen partners, "
        "bestuursorganen en rollen, en een account per rol. Veilig om vaker te draaien: wat "
        "er al is, blijft zoals het is. Toont steeds de accounts met hun wachtwoord."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--herstel-wachtwoorden",
            action="store_true",
            help=_(
                "Zet de wachtwoorden van bestaande demo-accounts terug naar de getoonde "
                "wachtwoorden (bijvoorbeeld na het wijzigen van DEMO_WACHTWOORD)."
            ),
        )

    def handle(self, *args, **opties):
        if not Vestiging.objects.filter(in_register=True).exists():
            raise CommandError(
                _(
                    "Het scholenregister is leeg: de demo bouwt regio's met echte scholen. "
                    "Laad eerst het register met: python manage.py import_scholen"
                )
            )
        basis, gekozen = wachtwoordbasis()
        if not settings.DEBUG and not gekozen:
            # A server that runs without DEBUG may be reachable by others: well-known
            # passwords (and a superuser) must then be a deliberate choice.
            raise CommandError(
                _(
                    "DEBUG staat uit: de demo maakt hier alleen accounts als u zelf een "
                    "wachtwoordbasis kiest. Zet DEMO_WACHTWOORD en probeer het opnieuw."
                )
            )
        try:
            verslag = bouw_demo(basis=basis, herstel_wachtwoorden=opties["herstel_wachtwoorden"])
        except ValidationError as fout:
            raise CommandError(" ".join(fout.messages)) from fout

        schrijf = self.stdout.write
        tijdvakken = sorted({r.tijdvak for r in verslag.regios})
        schrijf(
            self.style.MIGRATE_HEADING(
                _("Demo: %(aantal)d regio's in %(tijdvak)s")
                % {"aantal": len(verslag.regios), "tijdvak": ", ".join(tijdvakken)}
            )
        )
        for regel in tabel(
            [
                _("regio"),
                _("po"),
                _("vo"),
                _("telt niet mee"),
                _("organisaties"),
                _("organen"),
                _("rollen"),
                _("penvoerder"),
            ],
            [
                [
                    r.naam,
                    r.po,
                    r.vo,
                    r.niet_tellend,
                    r.organisaties,
                    r.organen,
                    r.rollen,
                    r.penvoerder,
                ]
                for r in verslag.regios
            ],
        ):
            schrijf(regel)
        for waarschuwing in verslag.waarschuwingen:
            schrijf(self.style.WARNING(waarschuwing))
        schrijf("")

        if verslag.niets_gewijzigd:
            schrijf(self.style.SUCCESS(_("Niets gewijzigd: de demogegevens stonden er al.")))
        else:
            gemaakt = ", ".join(
                f"{aantal} {SOORTEN.get(soort, soort)}"
                for soort, aantal in verslag.aangemaakt.items()
            )
            if gemaakt:
                schrijf(self.style.SUCCESS(_("Aangemaakt: %(wat)s.") % {"wat": gemaakt}))
            if verslag.wachtwoorden_hersteld:
                schrijf(
                    self.style.SUCCESS(
                        _("Wachtwoord teruggezet voor %(aantal)d bestaande accounts.")
                        % {"aantal": verslag.wachtwoorden_hersteld}
                    )
                )

        schrijf("")
        schrijf(self.style.MIGRATE_HEADING(_("Inloggen: /inloggen/ (beheer: /beheer/)")))
        for regel in tabel(
            [_("gebruikersnaam"), _("rol"), _("regio"), _("wachtwoord")],
            [[a.gebruikersnaam, a.rol, a.regio, a.wachtwoord] for a in verslag.accounts],
        ):
            schrijf(regel)
        schrijf("")
        schrijf(
            self.style.MIGRATE_HEADING(
                _("Tweestapsverificatie (verplicht voor ministerie en beheer)")
            )
        )
        for regel in tabel(
            [_("gebruikersnaam"), _("sleutel voor een authenticator-app"), _("reservecodes")],
            [[t.gebruikersnaam, t.sleutel, " ".join(t.reservecodes)] for t in verslag.tweestaps],
        ):
            schrijf(regel)
        schrijf(
            _(
                "Na het wachtwoord vraagt het portaal een code: uit een authenticator-app "
                "waarin u de sleutel hebt gezet (op tijd gebaseerd, zes cijfers), of een van "
                "de reservecodes (elke code werkt één keer)."
            )
        )
        if not opties["herstel_wachtwoorden"] and not all(a.nieuw for a in verslag.accounts):
            schrijf(
                _(
                    "Bestaande accounts houden hun wachtwoord en reservecodes. Werkt een "
                    "wachtwoord of reservecode uit deze tabellen niet (meer), draai dan: "
                    "python manage.py demo --herstel-wachtwoorden"
                )
            )
