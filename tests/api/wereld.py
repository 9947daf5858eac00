"""A region with a person for every role, and an API client per role: with a personal
token (the machine clients) or, where asked, the browser session."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from ecosysteem.rollen import BEHEERDERS, BEOORDELAARS, BESLUITVORMERS
from ecosysteem.tokens import maak_token, trek_token_in
from regios.models import Deelname, Regio, Rol, Rolsoort
from tests.dossiers import compleet_dossier, leeg_dossier
from tests.factories import GebruikerFactory, PersoonFactory

ROLLEN = (
    "anoniem",
    "contactpersoon",
    "projectleider",
    "programmamanager",
    "pm_andere_regio",
    "beoordelaar",
    "besluitvormer",
    "beheerder",
    "ingetrokken_token",
)
MINISTERIE = ("beoordelaar", "besluitvormer", "beheerder")


def medewerker(*groepen, **velden):
    gebruiker = GebruikerFactory(**velden)
    for naam in groepen:
        gebruiker.groups.add(Group.objects.get(name=naam))
    return gebruiker


@dataclass
class Wereld:
    regio: Regio
    andere_regio: Regio
    gebruikers: dict
    tokens: dict = field(default_factory=dict)

    def client(self, rol: str, *, sessie: bool = False) -> APIClient:
        client = APIClient()
        if rol == "anoniem":
            return client
        if sessie:
            client.force_login(self.gebruikers[rol])
        else:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {self.tokens[rol]}")
        return client


def bouw_wereld() -> Wereld:
    d = compleet_dossier(naam="Techregio API", slug="api")
    regio = d.regio
    andere = leeg_dossier(naam="Andere regio", slug="andere")
    bedrijf = Deelname.objects.filter(regio=regio, organisatie__soort="bedrijf").get()
    contact = GebruikerFactory()
    Rol.objects.create(
        regio=regio,
        persoon=PersoonFactory(gebruiker=contact, organisatie=bedrijf.organisatie),
        soort=Rolsoort.CONTACTPERSOON,
        namens=bedrijf.organisatie,
    )
    gebruikers = {
        "contactpersoon": contact,
        "projectleider": d.lid(Rolsoort.PROJECTLEIDER),
        "programmamanager": d.programmamanager,
        "pm_andere_regio": andere.programmamanager,
        "beoordelaar": medewerker(BEOORDELAARS),
        "besluitvormer": medewerker(BESLUITVORMERS),
        "beheerder": medewerker(BEHEERDERS, is_staff=True, is_superuser=True),
    }
    wereld = Wereld(regio=regio, andere_regio=andere.regio, gebruikers=gebruikers)
    for rol, gebruiker in gebruikers.items():
        wereld.tokens[rol] = maak_token(gebruiker=gebruiker, naam=f"test {rol}", geldig_dagen=30)[1]
    # The programme manager's second token, revoked: it opens nothing any more.
    rij, token = maak_token(gebruiker=d.programmamanager, naam="oud", geldig_dagen=30)
    trek_token_in(token=rij, door=d.programmamanager)
    wereld.tokens["ingetrokken_token"] = token
    gebruikers["ingetrokken_token"] = d.programmamanager
    return wereld
