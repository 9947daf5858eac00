"""What the demo builds, as plain data.

The regions follow the examples in the programme's sources (Next Education in the
Westerkwartier, STO-regio Waterland, the tech hubs of the Stedendriehoek, STEAM Limburg and
Toptechniek in bedrijf Noordoost-Brabant). Their schools are real branches picked from the
register; everything else is invented: companies, museums, libraries, clubs, people and KvK
numbers (all KvK numbers start with 99 and exist only here). Municipalities, provinces,
universities and universities of applied sciences are named as themselves, without a KvK
number, and their people are fictional.

Each object has a natural key (region slug, KvK number or name, e-mail address, user name)
so that a second run finds what the first one made.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ecosysteem.rollen import BEHEERDERS, BEOORDELAARS, BESLUITVORMERS
from kompas.models import Doelgroep as D
from kompas.models import Interventieniveau as N
from partners.models import Organisatiesoort as S
from regios.models import Orgaansoort as O
from regios.models import Rolsoort as R
from regios.models import StoRelatie

TIJDVAK = "tijdvak-2"
E_MAILDOMEIN = "demo.regioportaal.example"


@dataclass(frozen=True)
class Partner:
    sleutel: str
    naam: str
    soort: str
    plaats: str
    omschrijving: str
    kvk: str = ""  # empty for public institutions named as themselves
    gemeente: str = ""  # the register's name, e.g. "S HERTOGENBOSCH"
    penvoerder: bool = False


@dataclass(frozen=True)
class Orgaan:
    soort: str
    naam: str
    taak: str


@dataclass(frozen=True)
class Rolkeuze:
    soort: str
    orgaan: str | None = None  # name of one of the region's bodies
    namens: str | None = None  # key of one of the region's partners


@dataclass(frozen=True)
class Mens:
    voornaam: str
    achternaam: str
    functie: str
    partner: str
    rollen: tuple[Rolkeuze, ...]
    tussenvoegsel: str = ""
    login: str = ""  # user name; empty: a contact without an account
    loginrol: str = ""  # how the login table describes the account


@dataclass(frozen=True)
class Scholenkeuze:
    """Which register branches take part, picked in a fixed order (never at random): the
    gemeenten in name order, branches by vestigingscode, taking turns so every municipality
    is represented."""

    po: int
    vo: int
    vbo: int = 0  # branches with only vbo or praktijkonderwijs: shown, but they do not count
    vo_eerst: tuple[str, ...] = ()  # name fragments of vo branches to take first


@dataclass(frozen=True)
class Demoregio:
    slug: str
    naam: str
    provincies: tuple[str, ...]
    gemeenten: tuple[str, ...]  # register names; empty means every municipality of the provinces
    sto_relatie: str
    sto_regio_naam: str
    sto_toelichting: str
    visie: str
    scholen: Scholenkeuze
    partners: tuple[Partner, ...]
    organen: tuple[Orgaan, ...]
    mensen: tuple[Mens, ...] = field(default=())


# Regions the demo submits and has assessed by the demo reviewer, so the decision maker
# finds a dossier waiting (see voortgang.py). Its branches all count, so it passes.
BEOORDEELDE_REGIOS: tuple[str, ...] = ("westerkwartier",)


@dataclass(frozen=True)
class Ministerieaccount:
    login: str
    voornaam: str
    achternaam: str
    groep: str
    rol: str
    beheerder: bool = False


# Demo content is data in Dutch, like what a programme manager types; it is not interface
# text, so it is not marked for translation.
STUURGROEPTAAK = (
    "Stelt het meerjarenplan en de begroting vast, bewaakt de voortgang en de afspraken "
    "tussen de partners, en legt via de penvoerder verantwoording af."
)


REGIOS: tuple[Demoregio, ...] = (
    Demoregio(
        slug="westerkwartier",
        naam="Next Education Westerkwartier",
        provincies=("Groningen",),
        gemeenten=("WESTERKWARTIER",),
        sto_relatie=StoRelatie.ANDER_GEBIED,
        sto_regio_naam="STO-regio Groningen",
        sto_toelichting=(
            "Het leerecosysteem beslaat één gemeente binnen een groter STO-gebied. De "
            "vmbo-afdelingen blijven hun techniekprogramma in STO-verband uitvoeren; hier "
            "ligt het accent op de basisschool en de overstap naar het voortgezet onderwijs. "
            "De programmamanagers van beide regio's overleggen elk kwartaal."
        ),
        visie=(
            "Kinderen in het Westerkwartier leren de wereld om hen heen onderzoeken: ze stellen "
            "vragen, bouwen proefopstellingen en presenteren wat ze ontdekten. Leerkrachten "
            "ontwerpen die lessen samen met onderzoekers en makers uit de streek, zodat "
            "techniek geen los project is maar een vaste manier van leren. Gemeente, bedrijven, "
            "bibliotheek en makerslab openen hun deuren, ook na schooltijd, zodat elk kind - "
            "op het dorp en in de kern - dezelfde kansen krijgt."
        ),
        scholen=Scholenkeuze(po=24, vo=5, vo_eerst=("Borgen",)),
        partners=(
            Partner(
                "bestuur",
                "Stichting Kwartiergeest Primair Onderwijs",
                S.SCHOOLBESTUUR,
                "Zuidhorn",
                "Bevoegd gezag van basisscholen in het Westerkwartier; penvoerder van het "
                "leerecosysteem.",
                kvk="99100001",
                gemeente="WESTERKWARTIER",
                penvoerder=True,
            ),
            Partner(
                "gemeente",
                "Gemeente Westerkwartier",
                S.GEMEENTE,
                "Zuidhorn",
                "Verbindt het programma met het lokale onderwijs- en jeugdbeleid en stelt "
                "ruimtes in de dorpshuizen beschikbaar.",
                gemeente="WESTERKWARTIER",
            ),
            Partner(
                "provincie",
                "Provincie Groningen",
                S.PROVINCIE,
                "Groningen",
                "Cofinanciering vanuit het provinciale programma voor techniektalent.",
            ),
            Partner(
                "universiteit",
                "Rijksuniversiteit Groningen",
                S.UNIVERSITEIT,
                "Groningen",
                "Onderzoekers begeleiden leerkrachten bij het ontwerpen van onderzoekend leren "
                "en meten wat het oplevert.",
            ),
            Partner(
                "mbo",
                "Vakcollege Noord-West",
                S.MBO,
                "Leek",
                "Studenten techniek geven gastlessen en helpen bij de maakdagen.",
                kvk="99100005",
                gemeente="WESTERKWARTIER",
            ),
            Partner(
                "makerslab",
                "Makerslab Kwartierwerk",
                S.TECHLAB,
                "Leek",
                "Werkplaats met lasersnijder, 3D-printers en elektronica; ontvangt klassen en "
                "leent materiaalkisten uit.",
                kvk="99100006",
                gemeente="WESTERKWARTIER",
            ),
            Partner(
                "bibliotheek",
                "Bibliotheek Het Leeslicht",
                S.BIBLIOTHEEK,
                "Grootegast",
                "Programmeerclubs en een uitleencollectie robotica voor scholen.",
                kvk="99100007",
                gemeente="WESTERKWARTIER",
            ),
            Partner(
                "agrotech",
                "Agrotech Marum BV",
                S.BEDRIJF,
                "Marum",
                "Ontwikkelt sensoren voor de melkveehouderij; ontvangt klassen op het "
                "proefbedrijf.",
                kvk="99100008",
                gemeente="WESTERKWARTIER",
            ),
            Partner(
                "installateur",
                "Installatiebedrijf Van der Ploeg en Zonen BV",
                S.BEDRIJF,
                "Zuidhorn",
                "Levert vakmensen voor gastlessen over warmtepompen en zonnepanelen.",
                kvk="99100009",
                gemeente="WESTERKWARTIER",
            ),
            Partner(
                "museum",
                "Molenmuseum De Kwartierwind",
                S.MUSEUM,
                "Aduard",
                "Lesprogramma over wind, tandwielen en malen voor groep 5 tot en met 8.",
                kvk="99100010",
                gemeente="WESTERKWARTIER",
            ),
            Partner(
                "opvang",
                "Kinderopvang De Wadvogel",
                S.KINDEROPVANG,
                "Grootegast",
                "Bouw- en ontdekhoeken in de buitenschoolse opvang.",
                kvk="99100011",
                gemeente="WESTERKWARTIER",
            ),
            Partner(
                "scouting",
                "Scoutinggroep De Landmeters",
                S.VERENIGING,
                "Leek",
                "Pionieren en kaartlezen als techniekactiviteit op zaterdag.",
                kvk="99100012",
                gemeente="WESTERKWARTIER",
            ),
        ),
        organen=(
            Orgaan(O.STUURGROEP, "Stuurgroep Next Education", STUURGROEPTAAK),
            Orgaan(
                O.KERNGROEP,
                "Kerngroep schooldirecteuren",
                "Directeuren van de deelnemende basisscholen en de projectleider; vertalen het "
                "plan naar de scholen en delen wat werkt.",
            ),
            Orgaan(
                O.WERKGROEP,
                "Werkgroep onderzoekend leren",
                "Leerkrachten, onderzoekers en makers ontwerpen en beproeven lessenseries.",
            ),
        ),
        mensen=(
            Mens(
                "Marieke",
                "Hoekstra",
                "programmamanager",
                "bestuur",
                (Rolkeuze(R.PROGRAMMAMANAGER),),
                login="pm-westerkwartier",
                loginrol="programmamanager",
            ),
            Mens(
                "Jelle",
                "Dijkstra",
                "projectleider onderzoekend leren",
                "universiteit",
                (
                    Rolkeuze(R.PROJECTLEIDER),
                    Rolkeuze(R.KERNGROEPLID, orgaan="Kerngroep schooldirecteuren"),
                ),
                login="pl-westerkwartier",
                loginrol="projectleider",
            ),
            Mens(
                "Anouk",
                "Veenstra",
                "voorzitter college van bestuur",
                "bestuur",
                (
                    Rolkeuze(R.STUURGROEPLID, "Stuurgroep Next Education", "bestuur"),
                    Rolkeuze(R.ONDERTEKENAAR, namens="bestuur"),
                ),
                login="sg-westerkwartier",
                loginrol="stuurgroeplid",
            ),
            Mens(
                "Femke",
                "Boer",
                "coördinator educatie",
                "makerslab",
                (
                    Rolkeuze(R.CONTACTPERSOON, namens="makerslab"),
                    Rolkeuze(R.WERKGROEPLID, "Werkgroep onderzoekend leren", "makerslab"),
                ),
                tussenvoegsel="de",
                login="partner-westerkwartier",
                loginrol="contactpersoon partner",
            ),
            Mens(
                "Sander",
                "Mulder",
                "beleidsadviseur onderwijs",
                "gemeente",
                (Rolkeuze(R.STUURGROEPLID, "Stuurgroep Next Education", "gemeente"),),
            ),
            Mens(
                "Pieter",
                "Bosma",
                "directeur basisschool",
                "bestuur",
                (Rolkeuze(R.KERNGROEPLID, "Kerngroep schooldirecteuren", "bestuur"),),
            ),
            Mens(
                "Ilse",
                "Wierenga",
                "directeur",
                "agrotech",
                (
                    Rolkeuze(R.STUURGROEPLID, "Stuurgroep Next Education", "agrotech"),
                    Rolkeuze(R.CONTACTPERSOON, namens="agrotech"),
                ),
            ),
        ),
    ),
    Demoregio(
        slug="waterland",
        naam="Techkwadraat Waterland",
        provincies=("Noord-Holland",),
        gemeenten=(
            "PURMEREND",
            "EDAM-VOLENDAM",
            "WATERLAND",
            "LANDSMEER",
            "OOSTZAAN",
            "WORMERLAND",
        ),
        sto_relatie=StoRelatie.GEDEELD,
        sto_regio_naam="STO-regio Waterland",
        sto_toelichting=(
            "Zelfde gebied en één organisatie: de stuurgroep en het programmabureau van STO "
            "sturen ook Techkwadraat aan. Het techniekleslokaal dat STO bij een vmbo-school "
            "inrichtte, staat voortaan ook open voor groepen uit het basisonderwijs."
        ),
        visie=(
            "In Waterland loopt techniek als een rode draad van groep 1 tot het examen. "
            "Basisscholen plannen een ochtend of middag in het techniekleslokaal van het vmbo, "
            "bedrijven uit de haven en de bouw laten zien wat er achter de dijk gebeurt, en de "
            "bibliotheek en het museum maken er een doorlopend verhaal van. Omdat STO en "
            "Techkwadraat één organisatie delen, hoeven scholen maar één loket te kennen."
        ),
        scholen=Scholenkeuze(po=30, vo=5, vbo=1),
        partners=(
            Partner(
                "bestuur",
                "Stichting Polderwijs Waterland",
                S.SCHOOLBESTUUR,
                "Purmerend",
                "Bevoegd gezag van basisscholen in Purmerend en omgeving; penvoerder.",
                kvk="99200001",
                gemeente="PURMEREND",
                penvoerder=True,
            ),
            Partner(
                "vo-bestuur",
                "Stichting Zeeweg Voortgezet Onderwijs",
                S.SCHOOLBESTUUR,
                "Purmerend",
                "Bevoegd gezag van de vmbo-school met het techniekleslokaal.",
                kvk="99200002",
                gemeente="PURMEREND",
            ),
            Partner(
                "purmerend",
                "Gemeente Purmerend",
                S.GEMEENTE,
                "Purmerend",
                "Trekker van het regionale onderwijsoverleg; financiert het leerlingvervoer "
                "naar het techniekleslokaal.",
                gemeente="PURMEREND",
            ),
            Partner(
                "edam-volendam",
                "Gemeente Edam-Volendam",
                S.GEMEENTE,
                "Volendam",
                "Verbindt het programma met de maritieme bedrijven in de gemeente.",
                gemeente="EDAM-VOLENDAM",
            ),
            Partner(
                "provincie",
                "Provincie Noord-Holland",
                S.PROVINCIE,
                "Haarlem",
                "Cofinanciering uit het provinciale arbeidsmarktprogramma.",
            ),
            Partner(
                "mbo",
                "Vakschool Waterland",
                S.MBO,
                "Purmerend",
                "Mbo-opleidingen techniek; studenten begeleiden de lessen in het "
                "techniekleslokaal.",
                kvk="99200006",
                gemeente="PURMEREND",
            ),
            Partner(
                "werf",
                "Scheepstechniek Volendam BV",
                S.BEDRIJF,
                "Volendam",
                "Jachtbouw en onderhoud; ontvangt klassen op de werf.",
                kvk="99200007",
                gemeente="EDAM-VOLENDAM",
            ),
            Partner(
                "elektro",
                "Waterland Elektro en Domotica BV",
                S.BEDRIJF,
                "Monnickendam",
                "Installateur; gastlessen over slimme huizen en energie.",
                kvk="99200008",
                gemeente="WATERLAND",
            ),
            Partner(
                "museum",
                "Polder- en Gemalenmuseum Waterland",
                S.MUSEUM,
                "Broek in Waterland",
                "Lesprogramma over waterbeheer, pompen en dijken.",
                kvk="99200009",
                gemeente="WATERLAND",
            ),
            Partner(
                "bibliotheek",
                "Bibliotheek De Wijde Zee",
                S.BIBLIOTHEEK,
                "Purmerend",
                "Makerplaats en codeerclub in de centrale bibliotheek.",
                kvk="99200010",
                gemeente="PURMEREND",
            ),
            Partner(
                "techniekhuis",
                "Techniekhuis Purmerend",
                S.TECHLAB,
                "Purmerend",
                "Naschoolse techniekclub en materiaalbank voor scholen.",
                kvk="99200011",
                gemeente="PURMEREND",
            ),
            Partner(
                "opvang",
                "Kinderopvang Het Kwakelpad",
                S.KINDEROPVANG,
                "Landsmeer",
                "Bouwplaats-thema's in de buitenschoolse opvang.",
                kvk="99200012",
                gemeente="LANDSMEER",
            ),
            Partner(
                "modelbouw",
                "Modelbouwvereniging De Zaanbouwers",
                S.VERENIGING,
                "Wormer",
                "Hobbyclub die jongeren leert modelschepen en treinen bouwen.",
                kvk="99200013",
                gemeente="WORMERLAND",
            ),
        ),
        organen=(
            Orgaan(O.STUURGROEP, "Stuurgroep STO en Techkwadraat Waterland", STUURGROEPTAAK),
            Orgaan(
                O.IMPLEMENTATIEGROEP,
                "Implementatiegroep",
                "Programmamanager, projectleiders en een vertegenwoordiger per sector; zet "
                "besluiten van de stuurgroep om in activiteiten.",
            ),
            Orgaan(
                O.WERKGROEP,
                "Werkgroep techniekleslokaal po",
                "Roostert de bezoeken van basisscholen en ontwikkelt de lessen voor groep 3 "
                "tot en met 8.",
            ),
        ),
        mensen=(
            Mens(
                "Noor",
                "Koster",
                "programmamanager STO en Techkwadraat",
                "bestuur",
                (Rolkeuze(R.PROGRAMMAMANAGER),),
                login="pm-waterland",
                loginrol="programmamanager",
            ),
            Mens(
                "Bram",
                "Schouten",
                "projectleider techniekleslokaal",
                "vo-bestuur",
                (
                    Rolkeuze(R.PROJECTLEIDER),
                    Rolkeuze(R.WERKGROEPLID, "Werkgroep techniekleslokaal po", "vo-bestuur"),
                ),
                login="pl-waterland",
                loginrol="projectleider",
            ),
            Mens(
                "Hanneke",
                "Tol",
                "bestuurder",
                "bestuur",
                (
                    Rolkeuze(
                        R.STUURGROEPLID, "Stuurgroep STO en Techkwadraat Waterland", "bestuur"
                    ),
                    Rolkeuze(R.ONDERTEKENAAR, namens="bestuur"),
                ),
                login="sg-waterland",
                loginrol="stuurgroeplid",
            ),
            Mens(
                "Kees",
                "Steur",
                "bedrijfsleider",
                "werf",
                (
                    Rolkeuze(R.CONTACTPERSOON, namens="werf"),
                    Rolkeuze(R.STUURGROEPLID, "Stuurgroep STO en Techkwadraat Waterland", "werf"),
                ),
                login="partner-waterland",
                loginrol="contactpersoon partner",
            ),
            Mens(
                "Yara",
                "Haddou",
                "adviseur onderwijs en arbeidsmarkt",
                "purmerend",
                (
                    Rolkeuze(
                        R.STUURGROEPLID, "Stuurgroep STO en Techkwadraat Waterland", "purmerend"
                    ),
                ),
            ),
            Mens(
                "Ruud",
                "Molenaar",
                "educatief medewerker",
                "museum",
                (Rolkeuze(R.CONTACTPERSOON, namens="museum"),),
            ),
        ),
    ),
    Demoregio(
        slug="stedendriehoek",
        naam="Techniek Stedendriehoek",
        provincies=("Gelderland", "Overijssel"),
        gemeenten=("APELDOORN", "DEVENTER", "EPE", "ZUTPHEN", "LOCHEM", "VOORST", "BRUMMEN"),
        sto_relatie=StoRelatie.GEDEELDE_STUURGROEP,
        sto_regio_naam="STO-regio Stedendriehoek",
        sto_toelichting=(
            "Eén stuurgroep voor STO en Techkwadraat; elk programma heeft een eigen "
            "programmamanager en projectleiders. De techhubs in Apeldoorn, Deventer, "
            "Epe/Vaassen en Zutphen zijn de gedeelde uitvoeringsplekken."
        ),
        visie=(
            "De Stedendriehoek bouwt voort op haar techhubs: plekken waar kinderen, jongeren en "
            "volwassenen zelf aan de slag gaan met techniek. Techkwadraat brengt die hubs naar "
            "de basisschool: elke school koppelt zich aan een hub en aan een bedrijf in de "
            "buurt. Zo ontstaat één leerlijn van kleuter tot vakman, waarin bedrijven, "
            "hogeschool en gemeenten allemaal een vaste plek hebben."
        ),
        scholen=Scholenkeuze(po=42, vo=7, vbo=1),
        partners=(
            Partner(
                "bestuur",
                "Stichting Driestromen Onderwijs",
                S.SCHOOLBESTUUR,
                "Apeldoorn",
                "Bevoegd gezag van basisscholen in Apeldoorn, Epe en Voorst; penvoerder.",
                kvk="99300001",
                gemeente="APELDOORN",
                penvoerder=True,
            ),
            Partner(
                "ijssel-bestuur",
                "Stichting IJsselscholen",
                S.SCHOOLBESTUUR,
                "Zutphen",
                "Bevoegd gezag van basisscholen in Zutphen, Lochem en Brummen.",
                kvk="99300002",
                gemeente="ZUTPHEN",
            ),
            Partner(
                "apeldoorn",
                "Gemeente Apeldoorn",
                S.GEMEENTE,
                "Apeldoorn",
                "Huisvest de techhub in de binnenstad en verbindt het programma met het "
                "economisch beleid.",
                gemeente="APELDOORN",
            ),
            Partner(
                "deventer",
                "Gemeente Deventer",
                S.GEMEENTE,
                "Deventer",
                "Cofinanciering via het lokale onderwijsachterstandenbeleid.",
                gemeente="DEVENTER",
            ),
            Partner(
                "gelderland",
                "Provincie Gelderland",
                S.PROVINCIE,
                "Arnhem",
                "Cofinanciering uit het provinciale programma voor technisch talent.",
            ),
            Partner(
                "saxion",
                "Saxion Hogeschool",
                S.HBO,
                "Deventer",
                "Pabo- en techniekstudenten ontwikkelen lesmateriaal en doen praktijkonderzoek.",
            ),
            Partner(
                "mbo",
                "Vakcollege IJssel en Veluwe",
                S.MBO,
                "Apeldoorn",
                "Mbo-opleidingen techniek; docenten leiden basisschoolleerkrachten bij.",
                kvk="99300007",
                gemeente="APELDOORN",
            ),
            Partner(
                "techhubs",
                "Techhubnetwerk IJsselvallei",
                S.TECHLAB,
                "Deventer",
                "Beheert de vier techhubs en hun activiteitenprogramma.",
                kvk="99300008",
                gemeente="DEVENTER",
            ),
            Partner(
                "staal",
                "IJsselstaal Constructie BV",
                S.BEDRIJF,
                "Zutphen",
                "Staalbouwer; bedrijfsbezoeken en een jaarlijkse bouwwedstrijd.",
                kvk="99300009",
                gemeente="ZUTPHEN",
            ),
            Partner(
                "precisie",
                "Veluwe Precisietechniek BV",
                S.BEDRIJF,
                "Vaassen",
                "Fijnmechanica; gastlessen meten en frezen.",
                kvk="99300010",
                gemeente="EPE",
            ),
            Partner(
                "uitvindfabriek",
                "Ontdekcentrum De Uitvindfabriek",
                S.WETENSCHAPSCENTRUM,
                "Apeldoorn",
                "Science center met tentoonstellingen en schoolprogramma's.",
                kvk="99300011",
                gemeente="APELDOORN",
            ),
            Partner(
                "erfgoed",
                "Industrieel Erfgoedhuis Zutphen",
                S.MUSEUM,
                "Zutphen",
                "Museum over de industriegeschiedenis van de IJsselsteden.",
                kvk="99300012",
                gemeente="ZUTPHEN",
            ),
            Partner(
                "bibliotheek",
                "Bibliotheek De Veluwse Bron",
                S.BIBLIOTHEEK,
                "Epe",
                "Digitale werkplaats en leesbevordering met techniekboeken.",
                kvk="99300013",
                gemeente="EPE",
            ),
            Partner(
                "opvang",
                "Kinderopvang Bolderburen",
                S.KINDEROPVANG,
                "Deventer",
                "Techniekmiddagen in de buitenschoolse opvang.",
                kvk="99300014",
                gemeente="DEVENTER",
            ),
            Partner(
                "scouting",
                "Scouting Hanzegroep Deventer",
                S.VERENIGING,
                "Deventer",
                "Waterscouting: bootjes bouwen en onderhouden.",
                kvk="99300015",
                gemeente="DEVENTER",
            ),
        ),
        organen=(
            Orgaan(O.STUURGROEP, "Stuurgroep STO en Techkwadraat Stedendriehoek", STUURGROEPTAAK),
            Orgaan(
                O.ADVIESRAAD,
                "Adviesraad bedrijfsleven",
                "Ondernemers uit de regio adviseren over de aansluiting op de arbeidsmarkt.",
            ),
            Orgaan(
                O.PROJECTGROEP,
                "Projectgroep techhubs",
                "Coördineert het aanbod van de vier techhubs voor het basisonderwijs.",
            ),
        ),
        mensen=(
            Mens(
                "Lotte",
                "Brink",
                "programmamanager Techkwadraat",
                "bestuur",
                (Rolkeuze(R.PROGRAMMAMANAGER),),
                tussenvoegsel="van den",
                login="pm-stedendriehoek",
                loginrol="programmamanager",
            ),
            Mens(
                "Thijs",
                "Kampman",
                "projectleider techhubs",
                "techhubs",
                (
                    Rolkeuze(R.PROJECTLEIDER),
                    Rolkeuze(R.WERKGROEPLID, "Projectgroep techhubs", "techhubs"),
                ),
                login="pl-stedendriehoek",
                loginrol="projectleider",
            ),
            Mens(
                "Gerrit",
                "Haverkamp",
                "bestuurder",
                "bestuur",
                (
                    Rolkeuze(
                        R.STUURGROEPLID, "Stuurgroep STO en Techkwadraat Stedendriehoek", "bestuur"
                    ),
                    Rolkeuze(R.ONDERTEKENAAR, namens="bestuur"),
                ),
                login="sg-stedendriehoek",
                loginrol="stuurgroeplid",
            ),
            Mens(
                "Sanne",
                "Wolters",
                "hoofd educatie",
                "uitvindfabriek",
                (Rolkeuze(R.CONTACTPERSOON, namens="uitvindfabriek"),),
                login="partner-stedendriehoek",
                loginrol="contactpersoon partner",
            ),
            Mens(
                "Erik",
                "Jansen",
                "directeur",
                "staal",
                (
                    Rolkeuze(R.ADVIESRAADLID, "Adviesraad bedrijfsleven", "staal"),
                    Rolkeuze(R.CONTACTPERSOON, namens="staal"),
                ),
            ),
            Mens(
                "Miriam",
                "Oosterhof",
                "lector techniekonderwijs",
                "saxion",
                (
                    Rolkeuze(
                        R.STUURGROEPLID, "Stuurgroep STO en Techkwadraat Stedendriehoek", "saxion"
                    ),
                ),
            ),
        ),
    ),
    Demoregio(
        slug="limburg",
        naam="STEAM Limburg",
        provincies=("Limburg",),
        gemeenten=(),
        sto_relatie=StoRelatie.GESCHEIDEN,
        sto_regio_naam="STO-regio's Noord-, Midden- en Zuid-Limburg",
        sto_toelichting=(
            "Het netwerk beslaat de hele provincie en daarmee drie STO-regio's. STEAM Limburg "
            "heeft een eigen stuurgroep en programmabureau; per deelregio is er een werkgroep "
            "die met de STO-regio afstemt over de overgang naar het vo."
        ),
        visie=(
            "STEAM Limburg wil dat elk Limburgs kind op de basisschool wetenschap, techniek, "
            "kunst en wiskunde als één geheel beleeft. We borduren voort op netwerken die er al "
            "zijn, leggen het eigenaarschap bij de schoolbesturen met een meerjarig convenant en "
            "een coördinator per school, en vertellen samen een herkenbaar verhaal over wat "
            "techniek in Limburg betekent, van de mijnen van toen tot de chemie en maakindustrie "
            "van nu."
        ),
        scholen=Scholenkeuze(po=93, vo=15, vbo=1),
        partners=(
            Partner(
                "bestuur",
                "Stichting Maas en Heuvel Scholen",
                S.SCHOOLBESTUUR,
                "Sittard",
                "Bevoegd gezag van basisscholen in Zuid- en Midden-Limburg; penvoerder.",
                kvk="99400001",
                gemeente="SITTARD-GELEEN",
                penvoerder=True,
            ),
            Partner(
                "noord-bestuur",
                "Stichting Peel en Maas Basisonderwijs",
                S.SCHOOLBESTUUR,
                "Venlo",
                "Bevoegd gezag van basisscholen in Noord-Limburg.",
                kvk="99400002",
                gemeente="VENLO",
            ),
            Partner(
                "provincie",
                "Provincie Limburg",
                S.PROVINCIE,
                "Maastricht",
                "Medefinancier en gastheer van de jaarlijkse STEAM-dag.",
            ),
            Partner(
                "heerlen",
                "Gemeente Heerlen",
                S.GEMEENTE,
                "Heerlen",
                "Verbindt het programma met de aanpak van kansengelijkheid in Parkstad.",
                gemeente="HEERLEN",
            ),
            Partner(
                "venlo",
                "Gemeente Venlo",
                S.GEMEENTE,
                "Venlo",
                "Verbindt het programma met de logistieke en agrarische bedrijven in de regio.",
                gemeente="VENLO",
            ),
            Partner(
                "universiteit",
                "Universiteit Maastricht",
                S.UNIVERSITEIT,
                "Maastricht",
                "Onderzoek naar de effecten van STEAM-onderwijs; begeleiding van "
                "schoolcoördinatoren.",
            ),
            Partner(
                "zuyd",
                "Zuyd Hogeschool",
                S.HBO,
                "Heerlen",
                "Pabo-studenten lopen stage als STEAM-assistent.",
            ),
            Partner(
                "robotica",
                "Mijnstreek Robotica BV",
                S.BEDRIJF,
                "Kerkrade",
                "Bouwt robotcellen voor de maakindustrie; robotles op locatie.",
                kvk="99400008",
                gemeente="KERKRADE",
            ),
            Partner(
                "kunststof",
                "Maasvallei Kunststoftechniek BV",
                S.BEDRIJF,
                "Roermond",
                "Spuitgieterij; ontwerpwedstrijd voor groep 7 en 8.",
                kvk="99400009",
                gemeente="ROERMOND",
            ),
            Partner(
                "museum",
                "Museum voor Mijn en Machine",
                S.MUSEUM,
                "Heerlen",
                "Lesprogramma over energie en techniek in de mijnstreek.",
                kvk="99400010",
                gemeente="HEERLEN",
            ),
            Partner(
                "ontdekpaviljoen",
                "Wetenschapscentrum Het Ontdekpaviljoen",
                S.WETENSCHAPSCENTRUM,
                "Venlo",
                "Interactieve tentoonstellingen en een mobiel lab dat scholen bezoekt.",
                kvk="99400011",
                gemeente="VENLO",
            ),
            Partner(
                "maasfabriek",
                "Makerspace De Maasfabriek",
                S.TECHLAB,
                "Maastricht",
                "Open werkplaats; docentenscholing in digitale fabricage.",
                kvk="99400012",
                gemeente="MAASTRICHT",
            ),
            Partner(
                "bibliotheek",
                "Bibliotheek Mergelland Leest",
                S.BIBLIOTHEEK,
                "Valkenburg",
                "Codeerclubs en STEAM-boekenkisten voor scholen.",
                kvk="99400013",
                gemeente="VALKENBURG AAN DE GEUL",
            ),
            Partner(
                "opvang",
                "Kinderopvang Kabouterberg",
                S.KINDEROPVANG,
                "Weert",
                "Natuur- en techniekprogramma in de opvang.",
                kvk="99400014",
                gemeente="WEERT",
            ),
            Partner(
                "radioclub",
                "Radioclub De Zendmast",
                S.VERENIGING,
                "Roermond",
                "Hobbyclub voor radio en elektronica; solderen met kinderen.",
                kvk="99400015",
                gemeente="ROERMOND",
            ),
        ),
        organen=(
            Orgaan(O.STUURGROEP, "Stuurgroep STEAM Limburg", STUURGROEPTAAK),
            Orgaan(
                O.KERNGROEP,
                "Kerngroep schoolcoördinatoren",
                "De STEAM-coördinatoren van de schoolbesturen en de projectleider.",
            ),
            Orgaan(
                O.WERKGROEP,
                "Werkgroep Noord-Limburg",
                "Afstemming met de STO-regio en het aanbod in Noord-Limburg.",
            ),
            Orgaan(
                O.WERKGROEP,
                "Werkgroep Midden-Limburg",
                "Afstemming met de STO-regio en het aanbod in Midden-Limburg.",
            ),
            Orgaan(
                O.WERKGROEP,
                "Werkgroep Zuid-Limburg",
                "Afstemming met de STO-regio en het aanbod in Zuid-Limburg.",
            ),
        ),
        mensen=(
            Mens(
                "Roel",
                "Vossen",
                "programmamanager STEAM Limburg",
                "bestuur",
                (Rolkeuze(R.PROGRAMMAMANAGER),),
                login="pm-limburg",
                loginrol="programmamanager",
            ),
            Mens(
                "Lieke",
                "Janssen",
                "projectleider",
                "bestuur",
                (
                    Rolkeuze(R.PROJECTLEIDER),
                    Rolkeuze(R.KERNGROEPLID, "Kerngroep schoolcoördinatoren", "bestuur"),
                ),
                login="pl-limburg",
                loginrol="projectleider",
            ),
            Mens(
                "Jos",
                "Hermans",
                "bestuurder",
                "bestuur",
                (
                    Rolkeuze(R.STUURGROEPLID, "Stuurgroep STEAM Limburg", "bestuur"),
                    Rolkeuze(R.ONDERTEKENAAR, namens="bestuur"),
                ),
                login="sg-limburg",
                loginrol="stuurgroeplid",
            ),
            Mens(
                "Mieke",
                "Smeets",
                "educatief projectleider",
                "ontdekpaviljoen",
                (
                    Rolkeuze(R.CONTACTPERSOON, namens="ontdekpaviljoen"),
                    Rolkeuze(R.WERKGROEPLID, "Werkgroep Noord-Limburg", "ontdekpaviljoen"),
                ),
                login="partner-limburg",
                loginrol="contactpersoon partner",
            ),
            Mens(
                "Bas",
                "Geurts",
                "beleidsmedewerker onderwijs",
                "provincie",
                (Rolkeuze(R.STUURGROEPLID, "Stuurgroep STEAM Limburg", "provincie"),),
            ),
            Mens(
                "Anja",
                "Coenen",
                "STEAM-coördinator",
                "noord-bestuur",
                (
                    Rolkeuze(R.KERNGROEPLID, "Kerngroep schoolcoördinatoren", "noord-bestuur"),
                    Rolkeuze(R.WERKGROEPLID, "Werkgroep Noord-Limburg", "noord-bestuur"),
                ),
            ),
            Mens(
                "Frank",
                "Lemmens",
                "STEAM-coördinator",
                "bestuur",
                (Rolkeuze(R.WERKGROEPLID, "Werkgroep Zuid-Limburg", "bestuur"),),
            ),
        ),
    ),
    Demoregio(
        slug="noordoost-brabant",
        naam="Toptechniek Noordoost-Brabant",
        provincies=("Noord-Brabant",),
        gemeenten=(
            "S HERTOGENBOSCH",
            "OSS",
            "MAASHORST",
            "MEIERIJSTAD",
            "BERNHEZE",
            "LAND VAN CUIJK",
            "BOEKEL",
            "SINT-MICHIELSGESTEL",
            "VUGHT",
            "BOXTEL",
            "HEUSDEN",
        ),
        sto_relatie=StoRelatie.GEDEELD,
        sto_regio_naam="STO-regio Noordoost-Brabant",
        sto_toelichting=(
            "De regio bouwt voort op een samenwerking van vmbo-scholen, roc's en bedrijven die "
            "al jaren bestaat; het onderwijs houdt de regie. Techkwadraat breidt die keten uit "
            "naar de basisschool, met dezelfde stuurgroep en hetzelfde programmabureau."
        ),
        visie=(
            "Noordoost-Brabant kent geen grote technologiecampus, maar wel honderden "
            "maakbedrijven in voeding, machinebouw en installatietechniek. Wij willen dat "
            "kinderen die bedrijven al op de basisschool leren kennen, en dat de overstap van "
            "basisschool naar vmbo, mbo en werk voelt als een doorgaande weg in plaats van een "
            "reeks drempels. Scholen werken daarbij als partners, niet als concurrenten: het "
            "gaat om wat de leerling verder helpt."
        ),
        scholen=Scholenkeuze(po=48, vo=8, vbo=1, vo_eerst=("VBO/MAVO",)),
        partners=(
            Partner(
                "bestuur",
                "Stichting Dommel en Aa Onderwijsgroep",
                S.SCHOOLBESTUUR,
                "'s-Hertogenbosch",
                "Bevoegd gezag van basisscholen in 's-Hertogenbosch en Meierijstad; penvoerder.",
                kvk="99500001",
                gemeente="S HERTOGENBOSCH",
                penvoerder=True,
            ),
            Partner(
                "vmbo-bestuur",
                "Stichting Maasland Vmbo",
                S.SCHOOLBESTUUR,
                "Oss",
                "Bevoegd gezag van vmbo-scholen in Oss en Maashorst.",
                kvk="99500002",
                gemeente="OSS",
            ),
            Partner(
                "den-bosch",
                "Gemeente 's-Hertogenbosch",
                S.GEMEENTE,
                "'s-Hertogenbosch",
                "Verbindt het programma met de regionale arbeidsmarktagenda.",
                gemeente="S HERTOGENBOSCH",
            ),
            Partner(
                "oss",
                "Gemeente Oss",
                S.GEMEENTE,
                "Oss",
                "Cofinanciering en ruimte in de wijkcentra voor naschoolse techniek.",
                gemeente="OSS",
            ),
            Partner(
                "provincie",
                "Provincie Noord-Brabant",
                S.PROVINCIE,
                "'s-Hertogenbosch",
                "Cofinanciering uit het provinciale programma voor vakmanschap.",
            ),
            Partner(
                "avans",
                "Avans Hogeschool",
                S.HBO,
                "'s-Hertogenbosch",
                "Pabo en techniekopleidingen; praktijkonderzoek naar doorlopende leerlijnen.",
            ),
            Partner(
                "mbo-maaskant",
                "Vakcollege Maaskant",
                S.MBO,
                "Oss",
                "Roc met opleidingen in procestechniek en installatietechniek.",
                kvk="99500007",
                gemeente="OSS",
            ),
            Partner(
                "mbo-peel",
                "Techniekcollege De Peel",
                S.MBO,
                "Uden",
                "Roc met opleidingen in mechatronica en voedingstechnologie.",
                kvk="99500008",
                gemeente="MAASHORST",
            ),
            Partner(
                "voeding",
                "Maaskant Voedingstechniek BV",
                S.BEDRIJF,
                "Oss",
                "Machines voor de voedingsindustrie; open dagen voor scholen.",
                kvk="99500009",
                gemeente="OSS",
            ),
            Partner(
                "machinebouw",
                "Brabantse Machinebouw Uden BV",
                S.BEDRIJF,
                "Uden",
                "Machinebouwer; leerlingen ontwerpen een onderdeel dat echt gemaakt wordt.",
                kvk="99500010",
                gemeente="MAASHORST",
            ),
            Partner(
                "installatie",
                "Meierij Installatiegroep BV",
                S.BEDRIJF,
                "Veghel",
                "Installateur; gastlessen over duurzame energie.",
                kvk="99500011",
                gemeente="MEIERIJSTAD",
            ),
            Partner(
                "museum",
                "Museum Het Stoomgemaal Maaskant",
                S.MUSEUM,
                "Lith",
                "Werkend stoomgemaal; lessen over water en energie.",
                kvk="99500012",
                gemeente="OSS",
            ),
            Partner(
                "fablab",
                "Fablab Bossche Werkplaats",
                S.TECHLAB,
                "'s-Hertogenbosch",
                "Fablab met een mobiele werkplaats die scholen bezoekt.",
                kvk="99500013",
                gemeente="S HERTOGENBOSCH",
            ),
            Partner(
                "bibliotheek",
                "Bibliotheek De Maashorst Leest",
                S.BIBLIOTHEEK,
                "Uden",
                "Techniekboeken, codeerlessen en een makerhoek.",
                kvk="99500014",
                gemeente="MAASHORST",
            ),
            Partner(
                "opvang",
                "Kinderopvang De Kikkerpoel",
                S.KINDEROPVANG,
                "Heesch",
                "Techniekweken in de buitenschoolse opvang.",
                kvk="99500015",
                gemeente="BERNHEZE",
            ),
            Partner(
                "scouting",
                "Scouting De Peelpioniers",
                S.VERENIGING,
                "Boekel",
                "Pionierprojecten en een jaarlijkse bouwwedstrijd.",
                kvk="99500016",
                gemeente="BOEKEL",
            ),
        ),
        organen=(
            Orgaan(O.STUURGROEP, "Stuurgroep Toptechniek", STUURGROEPTAAK),
            Orgaan(
                O.KERNGROEP,
                "Kerngroep directeuren po en vmbo",
                "Directeuren van basisscholen en vmbo-scholen met de projectleider; bewaken de "
                "doorlopende leerlijn.",
            ),
            Orgaan(
                O.PROJECTGROEP,
                "Projectgroep doorlopende leerlijn po-vo-mbo",
                "Docenten uit po, vmbo en mbo ontwikkelen samen de overstapprogramma's.",
            ),
        ),
        mensen=(
            Mens(
                "Hans",
                "Verhoeven",
                "programmamanager",
                "bestuur",
                (Rolkeuze(R.PROGRAMMAMANAGER),),
                login="pm-noordoost-brabant",
                loginrol="programmamanager",
            ),
            Mens(
                "Eva",
                "Hurk",
                "projectleider doorlopende leerlijn",
                "vmbo-bestuur",
                (
                    Rolkeuze(R.PROJECTLEIDER),
                    Rolkeuze(
                        R.WERKGROEPLID,
                        "Projectgroep doorlopende leerlijn po-vo-mbo",
                        "vmbo-bestuur",
                    ),
                    Rolkeuze(R.KERNGROEPLID, "Kerngroep directeuren po en vmbo"),
                ),
                tussenvoegsel="van den",
                login="pl-noordoost-brabant",
                loginrol="projectleider",
            ),
            Mens(
                "Marloes",
                "Kuijpers",
                "voorzitter raad van bestuur",
                "bestuur",
                (
                    Rolkeuze(R.STUURGROEPLID, "Stuurgroep Toptechniek", "bestuur"),
                    Rolkeuze(R.ONDERTEKENAAR, namens="bestuur"),
                ),
                login="sg-noordoost-brabant",
                loginrol="stuurgroeplid",
            ),
            Mens(
                "Wim",
                "Heijden",
                "hr-manager",
                "machinebouw",
                (
                    Rolkeuze(R.CONTACTPERSOON, namens="machinebouw"),
                    Rolkeuze(R.STUURGROEPLID, "Stuurgroep Toptechniek", "machinebouw"),
                ),
                tussenvoegsel="van der",
                login="partner-noordoost-brabant",
                loginrol="contactpersoon partner",
            ),
            Mens(
                "Stijn",
                "Raaijmakers",
                "directeur onderwijs",
                "mbo-maaskant",
                (Rolkeuze(R.STUURGROEPLID, "Stuurgroep Toptechniek", "mbo-maaskant"),),
            ),
            Mens(
                "Ingrid",
                "Martens",
                "beleidsadviseur economie",
                "oss",
                (Rolkeuze(R.STUURGROEPLID, "Stuurgroep Toptechniek", "oss"),),
            ),
        ),
    ),
)


MINISTERIE: tuple[Ministerieaccount, ...] = (
    Ministerieaccount("beoordelaar", "Daan", "Visser", BEOORDELAARS, "beoordelaar (DUS-I)"),
    Ministerieaccount("besluitvormer", "Esther", "Bakker", BESLUITVORMERS, "besluitvormer"),
    Ministerieaccount("beheerder", "Ruben", "Smit", BEHEERDERS, "beheerder", beheerder=True),
)


@dataclass(frozen=True)
class Financien:
    """How far a demo region got with its money: pledged co-financing and the budget plan as
    a share of the maximum subsidy, and whether the stated pupil counts of mixed-track vo
    branches are filled in. The regions differ, so the demo shows both passing and failing
    rules."""

    cofinanciering: str  # share of the maximum subsidy, e.g. "0.12"
    begroting: str  # share of subsidy plus co-financing; "0" for no plan yet
    leerlingen_opgeven: bool


FINANCIEN: dict[str, Financien] = {
    # Nearly ready: only the vbo-only branch still has to go before it can be submitted.
    "westerkwartier": Financien(cofinanciering="0.12", begroting="0.97", leerlingen_opgeven=True),
    # Pledges fall short of the required share.
    "waterland": Financien(cofinanciering="0.06", begroting="0.90", leerlingen_opgeven=True),
    # Budget plan larger than subsidy plus co-financing.
    "stedendriehoek": Financien(cofinanciering="0.10", begroting="1.05", leerlingen_opgeven=False),
    "limburg": Financien(cofinanciering="0.15", begroting="0", leerlingen_opgeven=False),
    "noordoost-brabant": Financien(cofinanciering="0", begroting="0", leerlingen_opgeven=False),
}

# Budget plan lines: cost category, description, share of a school year's budget.
BEGROTINGSREGELS: tuple[tuple[str, str, str], ...] = (
    ("personeel", "Vrijgemaakte uren van leerkrachten voor het techniekprogramma", "0.40"),
    ("expertise", "Inhuur van techniekcoaches en gastdocenten uit het bedrijfsleven", "0.20"),
    ("activiteiten", "Techniekdagen, bedrijfsbezoeken en de regionale maakweek", "0.20"),
    ("materialen", "Bouwpakketten, sensoren en gereedschap voor de scholen", "0.10"),
    ("coordinatie", "Programmabureau en netwerkbijeenkomsten", "0.10"),
)

# What out-of-school partners pledge, by kind of organisation.
TOEZEGGINGEN: dict[str, tuple[str, str]] = {
    "bedrijf": ("uren", "Medewerkers geven gastlessen en begeleiden bedrijfsbezoeken"),
    "techlab": ("faciliteiten", "Gebruik van de werkplaats en machines voor schoolgroepen"),
    "museum": ("faciliteiten", "Gratis toegang en educatieve rondleidingen voor klassen"),
    "wetenschapscentrum": ("faciliteiten", "Workshops in het science center"),
    "bibliotheek": ("materialen", "Uitleen van programmeer- en robotsets"),
    "gemeente": ("geld", "Bijdrage uit het onderwijsbeleid van de gemeente"),
    "provincie": ("geld", "Bijdrage uit het provinciale programma voor techniektalent"),
}


# --- the activity plan -----------------------------------------------------------------

# Compass points made by kompas/migrations/0002_startinhoud.py.
SAMENWERKING = "regionale-samenwerking"
ONDERWIJS = "onderwijsontwikkeling"


@dataclass(frozen=True)
class Demoactiviteit:
    titel: str
    beschrijving: str
    kompaspunten: tuple[str, ...]  # slugs
    niveau: str
    doelgroepen: tuple[str, ...]
    partners: tuple[str, ...]  # keys of the region's partners
    jaren: tuple[int, ...]  # school years counted from the period's first (0, 1, ...)
    leerlingen: int
    vestigingen: int
    # The region's budget lines of these cost categories in the activity's school years,
    # if the region has a budget plan.
    kostensoorten: tuple[str, ...] = ()


# Each region leans on other compass points and intervention levels, so the coverage
# charts differ from one region to the next.
ACTIVITEITEN: dict[str, tuple[Demoactiviteit, ...]] = {
    "westerkwartier": (
        Demoactiviteit(
            "Onderzoekend leren met het makerslab",
            "Leerkrachten volgen een leergang van zes bijeenkomsten in Makerslab Kwartierwerk. "
            "Onderzoekers van de RUG begeleiden hen bij het ontwerpen van een eigen "
            "lessenserie, die ze in de eigen groep uitproberen en daarna met collega's delen.",
            (ONDERWIJS,),
            N.KENNIS,
            (D.LERAREN, D.PO),
            ("universiteit", "makerslab"),
            (0, 1),
            leerlingen=2400,
            vestigingen=24,
            kostensoorten=("personeel", "expertise"),
        ),
        Demoactiviteit(
            "Maakdagen in de dorpshuizen",
            "Op woensdagmiddag en in de vakanties bouwen kinderen in de dorpshuizen met "
            "materiaalkisten van het makerslab en de bibliotheek. Mbo-studenten en "
            "scoutingleiding begeleiden; de buitenschoolse opvang brengt groepen mee.",
            (SAMENWERKING,),
            N.PILOTS,
            (D.PO, D.BUITENSCHOOLS),
            ("gemeente", "makerslab", "bibliotheek", "mbo", "scouting", "opvang"),
            (0, 1),
            leerlingen=900,
            vestigingen=12,
            kostensoorten=("activiteiten", "materialen"),
        ),
        Demoactiviteit(
            "Overstapprogramma groep 8 en brugklas",
            "Groep 8 en de brugklas werken samen aan een opdracht van Agrotech Marum: een "
            "sensor die meet hoe het de koeien in de stal gaat. De basisschool begint, de "
            "brugklas maakt het af, en de leerlingen presenteren op het proefbedrijf.",
            (SAMENWERKING, ONDERWIJS),
            N.KETEN,
            (D.PO, D.VO),
            ("bestuur", "mbo", "agrotech"),
            (1,),
            leerlingen=600,
            vestigingen=10,
            kostensoorten=("activiteiten",),
        ),
    ),
    "waterland": (
        Demoactiviteit(
            "Basisscholen in het techniekleslokaal",
            "Elke groep 7 en 8 komt twee dagdelen per jaar naar het techniekleslokaal van het "
            "vmbo. Vmbo-leerlingen en mbo-studenten zijn de instructeurs; de gemeente betaalt "
            "het vervoer.",
            (SAMENWERKING, ONDERWIJS),
            N.KETEN,
            (D.PO, D.VO),
            ("vo-bestuur", "mbo", "purmerend"),
            (0, 1),
            leerlingen=1800,
            vestigingen=30,
            kostensoorten=("activiteiten", "personeel"),
        ),
        Demoactiviteit(
            "Techniekweek Waterland",
            "Een week in maart waarin werven, installateurs, het gemalenmuseum en de "
            "bibliotheek hun deuren openen. Scholen kiezen uit een programma van "
            "bedrijfsbezoeken, workshops en een modelbouwwedstrijd.",
            (SAMENWERKING,),
            N.REGIONAAL,
            (D.PO, D.BUITENSCHOOLS),
            ("werf", "elektro", "museum", "bibliotheek", "modelbouw"),
            (0, 1),
            leerlingen=3000,
            vestigingen=30,
            kostensoorten=("activiteiten", "materialen"),
        ),
        Demoactiviteit(
            "Dashboard techniekonderwijs Waterland",
            "Een gezamenlijk dashboard met per school het aantal techniekuren, bezoeken aan "
            "het techniekleslokaal en de keuze voor een technisch profiel. De stuurgroep "
            "bespreekt het twee keer per jaar.",
            (SAMENWERKING,),
            N.MONITORING,
            (D.PO, D.VO),
            ("purmerend", "edam-volendam"),
            (0, 1),
            leerlingen=0,
            vestigingen=35,
            kostensoorten=("coordinatie",),
        ),
    ),
    "stedendriehoek": (
        Demoactiviteit(
            "Techhubs op het schoolplein",
            "De mobiele techhubs rijden langs de basisscholen met opdrachten van "
            "IJsselstaal en Veluwe Precisietechniek: lassen op afstand, meten tot op de "
            "micrometer en een eigen onderdeel frezen.",
            (ONDERWIJS,),
            N.PILOTS,
            (D.PO,),
            ("techhubs", "staal", "precisie"),
            (0, 1),
            leerlingen=2000,
            vestigingen=20,
            kostensoorten=("materialen", "expertise"),
        ),
        Demoactiviteit(
            "Leergemeenschap techniek voor leerkrachten",
            "Leerkrachten uit Apeldoorn, Deventer en Zutphen komen vijf keer per jaar samen "
            "in De Uitvindfabriek. Het lectoraat van Saxion brengt onderzoek in en helpt "
            "scholen hun techniekaanbod in een leerlijn te zetten.",
            (ONDERWIJS,),
            N.KENNIS,
            (D.LERAREN,),
            ("saxion", "uitvindfabriek"),
            (0, 1),
            leerlingen=0,
            vestigingen=25,
            kostensoorten=("personeel", "expertise"),
        ),
    ),
    "limburg": (
        Demoactiviteit(
            "STEAM-lab in de bibliotheek",
            "Op zaterdag een open STEAM-lab in de bibliotheek, met solderen bij de radioclub, "
            "3D-printen met De Maasfabriek en een bouwhoek voor de jongsten van de opvang.",
            (SAMENWERKING,),
            N.PILOTS,
            (D.PO, D.BUITENSCHOOLS),
            ("bibliotheek", "maasfabriek", "radioclub", "opvang"),
            (0, 1),
            leerlingen=800,
            vestigingen=0,
        ),
        Demoactiviteit(
            "Vervoersfonds voor schoolbezoeken",
            "Een fonds dat de bus betaalt naar Het Ontdekpaviljoen en het Museum voor Mijn en "
            "Machine, zodat ook scholen ver van Heerlen en Kerkrade er met de klas komen. "
            "Scholen voor speciaal onderwijs gaan voor.",
            (SAMENWERKING,),
            N.FINANCIEEL,
            (D.PO, D.SO),
            ("provincie", "ontdekpaviljoen", "museum"),
            (0, 1),
            leerlingen=1500,
            vestigingen=25,
        ),
        Demoactiviteit(
            "Regionale STEAM-tafel",
            "Drie keer per jaar een STEAM-tafel per deelregio, waar scholen, gemeenten en "
            "Zuyd Hogeschool vraag en aanbod bij elkaar brengen. Een netwerkcoördinator houdt "
            "de contacten bij en volgt afspraken op.",
            (SAMENWERKING,),
            N.NETWERK,
            (D.LERAREN,),
            ("provincie", "heerlen", "venlo", "zuyd"),
            (0, 1),
            leerlingen=0,
            vestigingen=40,
        ),
    ),
    "noordoost-brabant": (
        Demoactiviteit(
            "Doorlopende leerlijn po-vmbo-mbo",
            "Docenten uit po, vmbo en mbo beschrijven samen wat een leerling aan het eind van "
            "groep 8, de onderbouw en het vmbo kan op het gebied van techniek, en maken "
            "overstapopdrachten die aansluiten op de opleidingen van beide roc's.",
            (SAMENWERKING, ONDERWIJS),
            N.KETEN,
            (D.PO, D.VO, D.LERAREN),
            ("vmbo-bestuur", "mbo-maaskant", "mbo-peel", "avans"),
            (0, 1),
            leerlingen=1200,
            vestigingen=18,
        ),
        Demoactiviteit(
            "Ontwerpen voor de machinebouw",
            "Vmbo-leerlingen ontwerpen een onderdeel voor een machine van Brabantse "
            "Machinebouw of Maaskant Voedingstechniek. Het fablab helpt bij het prototype; "
            "het beste ontwerp wordt echt gemaakt.",
            (ONDERWIJS,),
            N.PILOTS,
            (D.VO,),
            ("machinebouw", "voeding", "fablab"),
            (1,),
            leerlingen=300,
            vestigingen=5,
        ),
    ),
}


# --- the collaboration agreement -------------------------------------------------------


@dataclass(frozen=True)
class Handtekening:
    partner: str  # key of one of the region's partners
    naam: str
    functie: str


@dataclass(frozen=True)
class Democonvenant:
    """An agreement, found again by its title. It either starts on a fixed date, or ends a
    number of days after the run that made it, so the page shows an agreement about to
    expire; both run two years. Some partners sign, the rest show as not yet signed."""

    titel: str
    handtekeningen: tuple[Handtekening, ...]
    ingangsdatum: datetime.date | None = None
    dagen_tot_einde: int | None = None


NIEUW_CONVENANT = datetime.date(2026, 9, 1)

CONVENANTEN: dict[str, tuple[Democonvenant, ...]] = {
    "westerkwartier": (
        Democonvenant(
            "Samenwerkingsconvenant Next Education Westerkwartier 2026-2028",
            (
                Handtekening("bestuur", "Anouk Veenstra", "voorzitter college van bestuur"),
                Handtekening("gemeente", "Hendrik Nijdam", "wethouder onderwijs"),
                Handtekening("universiteit", "prof. dr. Wietske Alberda", "decaan"),
                Handtekening("makerslab", "Femke de Boer", "coördinator educatie"),
                Handtekening("agrotech", "Ilse Wierenga", "directeur"),
            ),
            ingangsdatum=NIEUW_CONVENANT,
        ),
    ),
    "waterland": (
        Democonvenant(
            "Samenwerkingsconvenant Techkwadraat Waterland 2026-2028",
            (
                Handtekening("bestuur", "Hanneke Tol", "bestuurder"),
                Handtekening("vo-bestuur", "Gert-Jan Kaptein", "rector-bestuurder"),
                Handtekening("purmerend", "Monique Zwart", "wethouder onderwijs"),
            ),
            ingangsdatum=NIEUW_CONVENANT,
        ),
        # The STO agreement on the shared technology classroom, due for renewal: the
        # page and the daily reminder show the "ends soon" case.
        Democonvenant(
            "Convenant techniekleslokaal STO Waterland",
            (
                Handtekening("bestuur", "Hanneke Tol", "bestuurder"),
                Handtekening("vo-bestuur", "Gert-Jan Kaptein", "rector-bestuurder"),
                Handtekening("mbo", "Dirk Mooij", "directeur techniek"),
                Handtekening("werf", "Kees Steur", "bedrijfsleider"),
            ),
            dagen_tot_einde=45,
        ),
    ),
    "stedendriehoek": (
        Democonvenant(
            "Convenant Techniek Stedendriehoek 2026-2028",
            (
                Handtekening("bestuur", "Gerrit Haverkamp", "bestuurder"),
                Handtekening("ijssel-bestuur", "Marjolein Stegeman", "bestuurder"),
                Handtekening("apeldoorn", "Rik Wassink", "wethouder economie en onderwijs"),
                Handtekening("saxion", "dr. Miriam Oosterhof", "lector techniekonderwijs"),
                Handtekening("techhubs", "Thijs Kampman", "projectleider techhubs"),
                Handtekening("staal", "Erik Jansen", "directeur"),
            ),
            ingangsdatum=NIEUW_CONVENANT,
        ),
    ),
    "limburg": (
        Democonvenant(
            "Samenwerkingsovereenkomst STEAM Limburg 2026-2028",
            (
                Handtekening("bestuur", "Jos Hermans", "bestuurder"),
                Handtekening("noord-bestuur", "Carla Peeters", "bestuurder"),
                Handtekening("provincie", "Ton Hendrix", "gedeputeerde onderwijs"),
            ),
            ingangsdatum=NIEUW_CONVENANT,
        ),
    ),
    "noordoost-brabant": (
        Democonvenant(
            "Convenant Toptechniek in bedrijf Noordoost-Brabant 2026-2028",
            (
                Handtekening("bestuur", "Marloes Kuijpers", "voorzitter raad van bestuur"),
                Handtekening("vmbo-bestuur", "Jeroen van Dinther", "bestuurder"),
                Handtekening("mbo-maaskant", "Stijn Raaijmakers", "directeur onderwijs"),
                Handtekening("machinebouw", "Wim van der Heijden", "hr-manager"),
            ),
            ingangsdatum=NIEUW_CONVENANT,
        ),
    ),
}


# --- the collaboration scan ------------------------------------------------------------


@dataclass(frozen=True)
class Scanantwoord:
    login: str
    # One score per question, in the order of kompas.scan.VRAAGCODES: ambitie, belangen,
    # relatie, organisatie, proces | droom, doelen, programmaleiding, vertrouwen,
    # gemeente, draagvlak, eigen_kracht, financien.
    scores: tuple[int, ...]
    toelichtingen: tuple[tuple[str, str], ...] = ()  # (question code, comment)


@dataclass(frozen=True)
class Demoscanronde:
    naam: str
    toelichting: str
    antwoorden: tuple[Scanantwoord, ...]
    gesloten: bool = True


# Rounds in the order they are opened: a region has at most one open round, so the
# closed ones come first.
SCANRONDES: dict[str, tuple[Demoscanronde, ...]] = {
    "westerkwartier": (
        Demoscanronde(
            "Nulmeting voorjaar 2026",
            "De eerste meting, bij de start van het leerecosysteem. Vul de scan in vanuit "
            "uw eigen rol; niemand ziet wie wat heeft geantwoord.",
            (
                Scanantwoord(
                    "pm-westerkwartier",
                    (4, 3, 4, 3, 3, 4, 3, 4, 4, 3, 3, 4, 2),
                    (
                        (
                            "financien",
                            "Na 2028 is er nog geen dekking voor de uren in het makerslab; "
                            "dat moet de stuurgroep dit jaar regelen.",
                        ),
                    ),
                ),
                Scanantwoord(
                    "pl-westerkwartier",
                    (4, 2, 3, 3, 2, 4, 2, 5, 4, 3, 2, 4, 2),
                    (
                        (
                            "doelen",
                            "De doelen per school zijn nog te algemeen. Maak per schooljaar "
                            "concreet wat leerlingen leren.",
                        ),
                    ),
                ),
                Scanantwoord(
                    "sg-westerkwartier",
                    (5, 3, 4, 4, 3, 5, 3, 4, 4, 4, 3, 3, 3),
                    (
                        (
                            "gemeente",
                            "De gemeente denkt goed mee, maar de dorpshuizen zijn nog niet "
                            "vast beschikbaar.",
                        ),
                    ),
                ),
                Scanantwoord(
                    "partner-westerkwartier",
                    (3, 2, 3, 2, 3, 4, 2, 4, 3, 2, 2, 5, 1),
                    (
                        (
                            "organisatie",
                            "Als partner weten we niet altijd wie op een school het "
                            "aanspreekpunt is.",
                        ),
                        (
                            "eigen_kracht",
                            "Het makerslab wordt echt als werkplaats gebruikt, niet als uitje.",
                        ),
                    ),
                ),
            ),
        ),
        Demoscanronde(
            "Tussenmeting schooljaar 2026-2027",
            "Een jaar verder: hoe staat de samenwerking er nu voor?",
            (
                Scanantwoord(
                    "sg-westerkwartier",
                    (5, 4, 4, 4, 4, 5, 4, 4, 4, 4, 3, 4, 3),
                ),
            ),
            gesloten=False,
        ),
    ),
    # Two answers, below the minimum: the page shows the count, not the results.
    "limburg": (
        Demoscanronde(
            "Nulmeting 2026",
            "Een eerste verkenning in de kerngroep, voordat de scan breed uitgaat.",
            (
                Scanantwoord("pm-limburg", (4, 3, 3, 2, 3, 4, 3, 4, 3, 3, 2, 4, 3)),
                Scanantwoord(
                    "pl-limburg",
                    (3, 3, 4, 2, 2, 4, 2, 4, 4, 2, 2, 3, 2),
                    (
                        (
                            "organisatie",
                            "Met drie deelregio's is niet altijd duidelijk wie waarover beslist.",
                        ),
                    ),
                ),
            ),
        ),
    ),
}
