"""The budget engine: a region's maximum subsidy for one period, with its breakdown.

Pure functions over plain data (no database), so the dossier page, the API, the PDF and the
ministry overview all compute the same figures, and the tests run in microseconds. The
regulation pays an amount per participating branch plus an amount per pupil, once per
period (tijdvak), not per school year.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from partners.onderwijstypen import leerwegen

SCHOOLSOORT_VOLGORDE = ("bao", "sbo", "so", "so_vso", "vso", "vo", "onbekend")


@dataclass(frozen=True)
class Parameters:
    """The regulation's numbers for one period (``subsidie.Regeling``)."""

    bedrag_per_vestiging: Decimal
    bedrag_per_leerling: Decimal
    minimum_po_vestigingen: int
    minimum_vo_vestigingen: int
    cofinanciering_percentage: Decimal
    cofinanciering_grondslag: str  # "subsidie" or "begroting"
    tellende_schoolsoorten: frozenset[str]
    tellende_leerwegen: frozenset[str]


@dataclass(frozen=True)
class VestigingInvoer:
    """A participating branch as the engine needs it."""

    vestigingscode: str
    naam: str
    schoolsoort: str
    sector: str
    onderwijstype: str
    leerlingen_register: int | None
    opgegeven_leerlingen: int | None = None
    toelichting: str = ""
    # An administrator's decision on whether the branch counts (None: no decision), with
    # its reason; it goes before the regulation's reading of the register type.
    besluit: bool | None = None
    besluit_reden: str = ""


@dataclass(frozen=True)
class VestigingUitkomst:
    invoer: VestigingInvoer
    telt_mee: bool
    reden: str
    leerlingen: int  # pupils counted for the subsidy
    leerlingen_bron: str  # "register", "opgegeven" or "ontbreekt"
    leerlingen_uitleg: str
    bedrag_vestiging: Decimal
    bedrag_leerlingen: Decimal
    opgave_nodig: bool  # the register's total includes tracks that do not count

    @property
    def bedrag(self) -> Decimal:
        return self.bedrag_vestiging + self.bedrag_leerlingen


@dataclass(frozen=True)
class Soortregel:
    """One line of the breakdown: a school type, its branches and pupils, and the amounts."""

    schoolsoort: str
    vestigingen: int
    leerlingen: int
    bedrag_vestigingen: Decimal
    bedrag_leerlingen: Decimal

    @property
    def bedrag(self) -> Decimal:
        return self.bedrag_vestigingen + self.bedrag_leerlingen


@dataclass(frozen=True)
class Subsidieberekening:
    parameters: Parameters
    vestigingen: tuple[VestigingUitkomst, ...]
    per_soort: tuple[Soortregel, ...]
    totaal_vestigingen: Decimal = field(default=Decimal("0"))
    totaal_leerlingen: Decimal = field(default=Decimal("0"))

    @property
    def totaal(self) -> Decimal:
        return self.totaal_vestigingen + self.totaal_leerlingen

    @property
    def tellende(self) -> tuple[VestigingUitkomst, ...]:
        return tuple(v for v in self.vestigingen if v.telt_mee)

    @property
    def niet_tellende(self) -> tuple[VestigingUitkomst, ...]:
        return tuple(v for v in self.vestigingen if not v.telt_mee)

    @property
    def aantal_po(self) -> int:
        return sum(1 for v in self.tellende if v.invoer.sector == "po")

    @property
    def aantal_vo(self) -> int:
        return sum(1 for v in self.tellende if v.invoer.sector == "vo")

    @property
    def aantal_leerlingen(self) -> int:
        return sum(v.leerlingen for v in self.tellende)

    @property
    def zonder_leerlingen(self) -> tuple[VestigingUitkomst, ...]:
        return tuple(v for v in self.tellende if v.leerlingen_bron == "ontbreekt")

    @property
    def opgave_ontbreekt(self) -> tuple[VestigingUitkomst, ...]:
        """Mixed-track branches whose eligible pupil count has not been stated yet."""
        return tuple(
            v for v in self.tellende if v.opgave_nodig and v.leerlingen_bron != "opgegeven"
        )


def beoordeel_vestiging(parameters: Parameters, invoer: VestigingInvoer) -> tuple[bool, str, bool]:
    """Whether a branch counts under these parameters, why, and whether the programme
    manager must state the eligible pupils (the register total includes other tracks)."""
    if invoer.besluit is not None:
        reden = _("Besluit van de beheerder: %(reden)s") % {"reden": invoer.besluit_reden}
        opgave = (
            invoer.besluit
            and invoer.schoolsoort == "vo"
            and bool(set(leerwegen(invoer.onderwijstype)) - parameters.tellende_leerwegen)
        )
        return invoer.besluit, reden, opgave
    if invoer.schoolsoort not in parameters.tellende_schoolsoorten:
        return False, _("Schoolsoort telt niet mee in deze regeling."), False
    if invoer.schoolsoort != "vo":
        return True, _("Telt mee."), False
    tracks = leerwegen(invoer.onderwijstype)
    tellend = [t for t in tracks if t in parameters.tellende_leerwegen]
    if not tellend:
        return (
            False,
            _("Alleen %(leerwegen)s: deze leerwegen tellen niet mee.")
            % {"leerwegen": "/".join(tracks) or "?"},
            False,
        )
    anders = [t for t in tracks if t not in parameters.tellende_leerwegen]
    if anders:
        return (
            True,
            _("Telt mee om %(tellend)s; ook %(anders)s, die niet meetellen.")
            % {"tellend": "/".join(tellend), "anders": "/".join(anders)},
            True,
        )
    return True, _("Telt mee."), False


def _tel_leerlingen(invoer: VestigingInvoer, opgave_nodig: bool) -> tuple[int, str, str]:
    register = invoer.leerlingen_register
    if invoer.opgegeven_leerlingen is not None:
        aantal = invoer.opgegeven_leerlingen
        if register is not None and aantal > register:
            # Never above the register: the engine caps, the rules report it.
            return (
                register,
                "register",
                _(
                    "Opgegeven %(opgegeven)s is meer dan het register (%(register)s); het "
                    "registeraantal is gebruikt."
                )
                % {"opgegeven": aantal, "register": register},
            )
        uitleg = _("Opgegeven door de regio: %(aantal)s van %(register)s leerlingen.") % {
            "aantal": aantal,
            "register": register if register is not None else "?",
        }
        if invoer.toelichting:
            uitleg = f"{uitleg} {invoer.toelichting}"
        return aantal, "opgegeven", uitleg
    if register is None:
        return 0, "ontbreekt", _("Het register geeft geen leerlingaantal; geteld als 0.")
    if opgave_nodig:
        return (
            register,
            "register",
            _("Registertotaal van alle leerwegen (%(aantal)s); geef het tellende aantal op.")
            % {"aantal": register},
        )
    return register, "register", _("Leerlingaantal uit het register.")


def bereken_subsidie(
    parameters: Parameters, vestigingen: Iterable[VestigingInvoer]
) -> Subsidieberekening:
    """Maximum subsidy of a partnership: per counting branch the branch amount, plus per
    counted pupil the pupil amount."""
    uitkomsten: list[VestigingUitkomst] = []
    for invoer in sorted(vestigingen, key=lambda v: v.vestigingscode):
        telt_mee, reden, opgave_nodig = beoordeel_vestiging(parameters, invoer)
        if telt_mee:
            leerlingen, bron, uitleg = _tel_leerlingen(invoer, opgave_nodig)
            bedrag_vestiging = parameters.bedrag_per_vestiging
            bedrag_leerlingen = parameters.bedrag_per_leerling * leerlingen
        else:
            leerlingen, bron, uitleg = 0, "register", _("Telt niet mee.")
            bedrag_vestiging = bedrag_leerlingen = Decimal("0")
        uitkomsten.append(
            VestigingUitkomst(
                invoer=invoer,
                telt_mee=telt_mee,
                reden=reden,
                leerlingen=leerlingen,
                leerlingen_bron=bron,
                leerlingen_uitleg=uitleg,
                bedrag_vestiging=bedrag_vestiging,
                bedrag_leerlingen=bedrag_leerlingen,
                opgave_nodig=opgave_nodig,
            )
        )
    return Subsidieberekening(
        parameters=parameters,
        vestigingen=tuple(uitkomsten),
        per_soort=_per_soort(uitkomsten),
        totaal_vestigingen=sum((u.bedrag_vestiging for u in uitkomsten), Decimal("0")),
        totaal_leerlingen=sum((u.bedrag_leerlingen for u in uitkomsten), Decimal("0")),
    )


def _per_soort(uitkomsten: Sequence[VestigingUitkomst]) -> tuple[Soortregel, ...]:
    regels = []
    for soort in SCHOOLSOORT_VOLGORDE:
        van_soort = [u for u in uitkomsten if u.telt_mee and u.invoer.schoolsoort == soort]
        if van_soort:
            regels.append(
                Soortregel(
                    schoolsoort=soort,
                    vestigingen=len(van_soort),
                    leerlingen=sum(u.leerlingen for u in van_soort),
                    bedrag_vestigingen=sum((u.bedrag_vestiging for u in van_soort), Decimal(0)),
                    bedrag_leerlingen=sum((u.bedrag_leerlingen for u in van_soort), Decimal(0)),
                )
            )
    return tuple(regels)


def vereiste_cofinanciering(
    parameters: Parameters, *, subsidie: Decimal, begroting: Decimal = Decimal("0")
) -> Decimal:
    """The co-financing the partnership must pledge: a share of the maximum subsidy, or of
    the total budget plan, as the regulation's basis says."""
    grondslag = begroting if parameters.cofinanciering_grondslag == "begroting" else subsidie
    bedrag = grondslag * parameters.cofinanciering_percentage / Decimal(100)
    return bedrag.quantize(Decimal("0.01"))
