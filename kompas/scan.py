"""The collaboration scan: its questions, and the results computed from plain data.

The questions are the five conditions of the Common Eye model and the eight success
factors for local collaboration. Everything here works on plain Python values (no
database), so the results are tested in microseconds and the web page, an export or a
report compute them the same way.

Anonymity is part of the computation, not of the template: below the minimum number of
respondents the functions return no numbers at all, and a kind of partner with too few
respondents is merged into "overig" so that no small group can be singled out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import fmean

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# --- the questions ---------------------------------------------------------------------

CONDITIE = "conditie"
SUCCESFACTOR = "succesfactor"

ONDERDELEN = [
    (CONDITIE, _("Vijf condities voor samenwerking (Common Eye)")),
    (SUCCESFACTOR, _("Acht succesfactoren voor lokale samenwerking")),
]

SCHAAL: list[tuple[int, object]] = [
    (1, _("helemaal niet")),
    (2, _("een beetje")),
    (3, _("voor de helft")),
    (4, _("grotendeels")),
    (5, _("helemaal")),
]
SCHAAL_MIN = 1
SCHAAL_MAX = 5


@dataclass(frozen=True)
class Vraag:
    code: str
    onderdeel: str
    titel: object  # lazy translation
    tekst: object  # lazy translation


VRAGEN: list[Vraag] = [
    Vraag(
        "ambitie",
        CONDITIE,
        _("Gedeelde ambitie"),
        _(
            "Onderschrijven alle partners één heldere ambitie voor het technologieonderwijs "
            "in onze regio?"
        ),
    ),
    Vraag(
        "belangen",
        CONDITIE,
        _("Eigen en gezamenlijke belangen"),
        _(
            "Weten de partners van elkaar wat ieder met de samenwerking wil bereiken, en is "
            "daar open over gesproken?"
        ),
    ),
    Vraag(
        "relatie",
        CONDITIE,
        _("Relatie en vertrouwen"),
        _(
            "Kennen de partners elkaar goed genoeg om ook lastige onderwerpen samen op tafel "
            "te leggen?"
        ),
    ),
    Vraag(
        "organisatie",
        CONDITIE,
        _("Organisatie en sturing"),
        _(
            "Is duidelijk wie wat beslist en uitvoert, en past die inrichting bij wat we "
            "samen willen bereiken?"
        ),
    ),
    Vraag(
        "proces",
        CONDITIE,
        _("Proces"),
        _(
            "Zetten we de juiste stappen in een logische volgorde, en kijken we samen "
            "regelmatig of we nog op koers liggen?"
        ),
    ),
    Vraag(
        "droom",
        SUCCESFACTOR,
        _("Gezamenlijke droom"),
        _(
            "Is er een toekomstbeeld voor de kinderen in onze regio waar alle partners "
            "achter staan?"
        ),
    ),
    Vraag(
        "doelen",
        SUCCESFACTOR,
        _("Heldere doelen"),
        _(
            "Zijn de doelen zo concreet dat iedere partner weet waaraan hij bijdraagt en wat "
            "het hem oplevert?"
        ),
    ),
    Vraag(
        "programmaleiding",
        SUCCESFACTOR,
        _("Goede programmaleiding"),
        _(
            "Heeft de regio een programmaleider die het gebied kent, partners verbindt en de "
            "voortgang bewaakt?"
        ),
    ),
    Vraag(
        "vertrouwen",
        SUCCESFACTOR,
        _("Onderling vertrouwen"),
        _(
            "Is er een klik tussen de mensen aan tafel, zodat afspraken worden nagekomen "
            "zonder alles vast te leggen?"
        ),
    ),
    Vraag(
        "gemeente",
        SUCCESFACTOR,
        _("Betrokken gemeente"),
        _("Denkt en doet de gemeente (of denken de gemeenten) actief mee met het leerecosysteem?"),
    ),
    Vraag(
        "draagvlak",
        SUCCESFACTOR,
        _("Breed draagvlak"),
        _(
            "Wordt de samenwerking gedragen door een brede kring in de regio, en niet alleen "
            "door een paar trekkers?"
        ),
    ),
    Vraag(
        "eigen_kracht",
        SUCCESFACTOR,
        _("Inbreng naar eigen kracht"),
        _(
            "Brengt iedere partner in waar hij sterk in is, in plaats van dat iedereen "
            "hetzelfde doet?"
        ),
    ),
    Vraag(
        "financien",
        SUCCESFACTOR,
        _("Financiële basis"),
        _(
            "Staat de samenwerking financieel stevig genoeg om ook na de subsidieperiode door "
            "te gaan?"
        ),
    ),
]
VRAAGCODES: list[str] = [v.code for v in VRAGEN]
VRAAG_PER_CODE: dict[str, Vraag] = {v.code: v for v in VRAGEN}
CONDITIES: list[Vraag] = [v for v in VRAGEN if v.onderdeel == CONDITIE]
SUCCESFACTOREN: list[Vraag] = [v for v in VRAGEN if v.onderdeel == SUCCESFACTOR]


def minimum_respondenten() -> int:
    """Below this many answers a round shows no results. A setting, so a region (or a
    privacy officer) can raise it without a code change; never below 1."""
    return max(1, int(getattr(settings, "SCAN_MINIMUM_RESPONDENTEN", 3)))


# --- kinds of partner ------------------------------------------------------------------

OVERIG = "overig"
SOORTGROEPEN: list[tuple[str, object]] = [
    ("onderwijs", _("onderwijs")),
    ("bedrijf", _("bedrijfsleven")),
    ("overheid", _("overheid")),
    ("cultuur", _("cultuur, bibliotheek en buitenschools leren")),
    (OVERIG, _("overig")),
]
SOORTGROEP_LABEL = dict(SOORTGROEPEN)

# Organisatie.soort codes per group. Kept as strings so this module needs no models; a
# code that is missing here (or empty: a person without organisation) counts as "overig".
SOORT_NAAR_GROEP: dict[str, str] = {
    **dict.fromkeys(
        [
            "schoolbestuur",
            "po_school",
            "sbo_school",
            "so_school",
            "vo_school",
            "mbo",
            "hbo",
            "universiteit",
        ],
        "onderwijs",
    ),
    "bedrijf": "bedrijf",
    "gemeente": "overheid",
    "provincie": "overheid",
    **dict.fromkeys(["museum", "bibliotheek", "wetenschapscentrum", "techlab"], "cultuur"),
}


def soortgroep(organisatiesoort: str) -> str:
    return SOORT_NAAR_GROEP.get(organisatiesoort or "", OVERIG)


# --- plain input -----------------------------------------------------------------------


@dataclass(frozen=True)
class Antwoord:
    """One person's answers, without the person: what the results are computed from."""

    organisatiesoort: str
    scores: dict[str, int]
    toelichtingen: dict[str, str] = field(default_factory=dict)


# --- results ---------------------------------------------------------------------------


def decimaal(waarde: float | None) -> str:
    """A mean in Dutch notation with one decimal: ``3,5``."""
    return "" if waarde is None else f"{waarde:.1f}".replace(".", ",")


@dataclass(frozen=True)
class Vraaguitslag:
    vraag: Vraag
    aantal: int
    gemiddelde: float | None
    verdeling: list[int]  # how many answered 1, 2, 3, 4, 5

    @property
    def gemiddelde_tekst(self) -> str:
        return decimaal(self.gemiddelde)


def uitslag_per_vraag(antwoorden: Sequence[Antwoord]) -> list[Vraaguitslag]:
    """Per question, in the questionnaire's order: number of answers, mean, distribution."""
    uitslagen = []
    for vraag in VRAGEN:
        scores = [a.scores[vraag.code] for a in antwoorden if vraag.code in a.scores]
        telling = Counter(scores)
        uitslagen.append(
            Vraaguitslag(
                vraag=vraag,
                aantal=len(scores),
                gemiddelde=fmean(scores) if scores else None,
                verdeling=[telling.get(n, 0) for n in range(SCHAAL_MIN, SCHAAL_MAX + 1)],
            )
        )
    return uitslagen


@dataclass(frozen=True)
class Groepsuitslag:
    code: str
    label: object
    aantal: int
    gemiddelden: dict[str, float | None]
    # Labels of the groups that were too small on their own and are counted in this one.
    samengevoegd: tuple = ()

    def gemiddelde_tekst(self, code: str) -> str:
        return decimaal(self.gemiddelden.get(code))


def uitslag_per_soortgroep(
    antwoorden: Sequence[Antwoord], minimum: int | None = None
) -> list[Groepsuitslag]:
    """Means per question for each kind of partner.

    Every group shown has at least ``minimum`` respondents, and together the groups cover
    all respondents. A group below the minimum is merged into "overig"; while "overig" is
    still too small, the smallest remaining group joins it too. Simply hiding a small
    group would not do: its answers could be worked out from the overall mean and the
    means of the groups shown.
    """
    minimum = minimum_respondenten() if minimum is None else minimum
    per_groep: dict[str, list[Antwoord]] = defaultdict(list)
    for antwoord in antwoorden:
        per_groep[soortgroep(antwoord.organisatiesoort)].append(antwoord)

    samengevoegd: list[str] = []
    overig = per_groep.pop(OVERIG, [])
    for code in [c for c, _label in SOORTGROEPEN if c in per_groep]:
        if len(per_groep[code]) < minimum:
            overig += per_groep.pop(code)
            samengevoegd.append(code)
    while overig and len(overig) < minimum and per_groep:
        kleinste = min(per_groep, key=lambda c: (len(per_groep[c]), c))
        overig += per_groep.pop(kleinste)
        samengevoegd.append(kleinste)
    if overig and len(overig) < minimum:
        return []  # fewer respondents in total than the minimum: nothing to show

    groepen = []
    for code, label in SOORTGROEPEN:
        leden = overig if code == OVERIG else per_groep.get(code)
        if not leden:
            continue
        groepen.append(
            Groepsuitslag(
                code=code,
                label=label,
                aantal=len(leden),
                gemiddelden={v.code: _gemiddelde(leden, v.code) for v in VRAGEN},
                samengevoegd=tuple(lbl for c, lbl in SOORTGROEPEN if c in samengevoegd)
                if code == OVERIG
                else (),
            )
        )
    return groepen


def _gemiddelde(antwoorden: Iterable[Antwoord], code: str) -> float | None:
    scores = [a.scores[code] for a in antwoorden if code in a.scores]
    return fmean(scores) if scores else None


def opmerkingen_per_vraag(antwoorden: Sequence[Antwoord]) -> dict[str, list[str]]:
    """The comments per question, without who wrote them. Sorted alphabetically, so the
    order does not give away who answered first or last."""
    per_vraag: dict[str, list[str]] = {}
    for vraag in VRAGEN:
        teksten = sorted((a.toelichtingen.get(vraag.code) or "").strip() for a in antwoorden)
        teksten = [t for t in teksten if t]
        if teksten:
            per_vraag[vraag.code] = teksten
    return per_vraag


@dataclass(frozen=True)
class Uitslag:
    """A round's results, or (below the minimum) nothing but the number of answers."""

    aantal: int
    minimum: int
    zichtbaar: bool
    vragen: list[Vraaguitslag]
    groepen: list[Groepsuitslag]
    opmerkingen: dict[str, list[str]]

    @property
    def condities(self) -> list[Vraaguitslag]:
        return [u for u in self.vragen if u.vraag.onderdeel == CONDITIE]

    @property
    def succesfactoren(self) -> list[Vraaguitslag]:
        return [u for u in self.vragen if u.vraag.onderdeel == SUCCESFACTOR]


def bereken_uitslag(antwoorden: Sequence[Antwoord], minimum: int | None = None) -> Uitslag:
    minimum = minimum_respondenten() if minimum is None else minimum
    if len(antwoorden) < minimum:
        return Uitslag(
            aantal=len(antwoorden),
            minimum=minimum,
            zichtbaar=False,
            vragen=[],
            groepen=[],
            opmerkingen={},
        )
    return Uitslag(
        aantal=len(antwoorden),
        minimum=minimum,
        zichtbaar=True,
        vragen=uitslag_per_vraag(antwoorden),
        groepen=uitslag_per_soortgroep(antwoorden, minimum),
        opmerkingen=opmerkingen_per_vraag(antwoorden),
    )


@dataclass(frozen=True)
class Trendreeks:
    """One question's mean per round; None where a round has too few answers."""

    vraag: Vraag
    gemiddelden: list[float | None]

    @property
    def teksten(self) -> list[str]:
        return [decimaal(g) for g in self.gemiddelden]


def trend(
    rondes: Sequence[Sequence[Antwoord]],
    vragen: Sequence[Vraag] = CONDITIES,
    minimum: int | None = None,
) -> list[Trendreeks]:
    """The mean per question per round, rounds in the order given (oldest first)."""
    minimum = minimum_respondenten() if minimum is None else minimum
    return [
        Trendreeks(
            vraag=vraag,
            gemiddelden=[
                _gemiddelde(antwoorden, vraag.code) if len(antwoorden) >= minimum else None
                for antwoorden in rondes
            ],
        )
        for vraag in vragen
    ]
