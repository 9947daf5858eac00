"""Building dossiers for tests: an empty region with a programme manager, or a complete one
that passes every eligibility rule."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from partners.models import Organisatiesoort
from regios.models import Deelname, Regio, Rol, Rolsoort
from subsidie.models import Begrotingsregel, Cofinanciering, Cofinancieringsoort, Kostensoort
from tests.factories import (
    GebruikerFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    VestigingFactory,
)


@dataclass
class Testdossier:
    regio: Regio
    programmamanager: object  # Gebruiker

    def lid(self, soort: str, **gebruiker):
        """A user with role ``soort`` in this region."""
        gebruiker = GebruikerFactory(**gebruiker)
        Rol.objects.create(
            regio=self.regio, persoon=PersoonFactory(gebruiker=gebruiker), soort=soort
        )
        return gebruiker


def leeg_dossier(**regio) -> Testdossier:
    regio = RegioFactory(**regio)
    pm = GebruikerFactory()
    Rol.objects.create(
        regio=regio, persoon=PersoonFactory(gebruiker=pm), soort=Rolsoort.PROGRAMMAMANAGER
    )
    return Testdossier(regio=regio, programmamanager=pm)


def voeg_vestigingen_toe(regio: Regio, *, po: int = 20, vo: int = 3, leerlingen: int = 100):
    vestigingen = [VestigingFactory(leerlingen=leerlingen) for _ in range(po)] + [
        VestigingFactory(onderwijstype="HAVO/VWO", leerlingen=leerlingen) for _ in range(vo)
    ]
    Deelname.objects.bulk_create(
        [Deelname(regio=regio, tijdvak=regio.tijdvak, vestiging=v) for v in vestigingen]
    )
    return vestigingen


def compleet_dossier(*, po: int = 20, vo: int = 3, **regio) -> Testdossier:
    """A dossier that passes every rule: po × 100 + vo × 100 pupils, a school board as
    penvoerder, a company with 10% co-financing, STO described, a budget within reach."""
    dossier = leeg_dossier(
        sto_relatie="gedeeld",
        sto_regio_naam="STO Testregio",
        sto_toelichting="Gedeelde stuurgroep.",
        **regio,
    )
    r = dossier.regio
    voeg_vestigingen_toe(r, po=po, vo=vo)
    bestuur = OrganisatieFactory(soort=Organisatiesoort.SCHOOLBESTUUR)
    bedrijf = OrganisatieFactory(soort=Organisatiesoort.BEDRIJF)
    Deelname.objects.create(regio=r, organisatie=bestuur, is_penvoerder=True)
    Deelname.objects.create(regio=r, organisatie=bedrijf)
    subsidie = (po + vo) * Decimal("8500") + (po + vo) * 100 * Decimal("45")
    Cofinanciering.objects.create(
        regio=r,
        organisatie=bedrijf,
        schooljaar=r.tijdvak.eerste_schooljaar,
        soort=Cofinancieringsoort.GELD,
        omschrijving="Bijdrage aan techniekdagen",
        bedrag=subsidie / 10,
    )
    Begrotingsregel.objects.create(
        regio=r,
        schooljaar=r.tijdvak.eerste_schooljaar,
        kostensoort=Kostensoort.PERSONEEL,
        omschrijving="Vrijgemaakte uren leerkrachten",
        bedrag=subsidie,
    )
    return dossier
