"""Reader for DUO's own CSV files of school branches.

DUO publishes one file per sector ("02.-alle-schoolvestigingen-basisonderwijs.csv",
"02.-alle-vestigingen-vo.csv", "09.-alle-vestigingen-sbo-so-en-vso.csv"): ``;``-separated,
windows-1252, one row per branch, upper-case column names. The column set differs per file
and has changed over the years, so columns are found by name (with the older names as
aliases) and whatever is absent is simply not provided: no coordinates, and pupil counts
only if the file happens to have a column for them.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from . import normaliseren as n
from .typen import Registerfout, Rij, Rijfout

# Our name -> the column names DUO has used for it, first match wins.
KOLOMMEN = {
    "vestigingscode": ("VESTIGINGSCODE", "VESTIGINGSNUMMER"),
    "instellingscode": ("INSTELLINGSCODE", "BRIN NUMMER", "BRINNUMMER", "BRIN"),
    "naam": ("VESTIGINGSNAAM", "INSTELLINGSNAAM VESTIGING", "INSTELLINGSNAAM"),
    "bevoegd_gezag_nummer": ("BEVOEGD GEZAG NUMMER", "BEVOEGD GEZAG"),
    "straat": ("STRAATNAAM",),
    "huisnummer": ("HUISNUMMER-TOEVOEGING", "HUISNUMMER"),
    "postcode": ("POSTCODE",),
    "plaats": ("PLAATSNAAM",),
    "gemeente": ("GEMEENTENAAM",),
    "provincie": ("PROVINCIE",),
    "denominatie": ("DENOMINATIE",),
    "website": ("INTERNETADRES",),
    # vo: ONDERWIJSSTRUCTUUR ("VBO/MAVO/HAVO/VWO"); sbo/(v)so: a kind-of-school column.
    "onderwijstype": (
        "ONDERWIJSSTRUCTUUR",
        "SOORT PO",
        "SOORT PRIMAIR ONDERWIJS",
        "TYPE PO",
        "SOORT ONDERWIJS",
        "TYPE",
    ),
    "onderwijsgebied": ("ONDERWIJSGEBIED NAAM", "ONDERWIJSGEBIED"),
    "leerlingen": ("AANTAL LEERLINGEN", "LEERLINGEN", "TOTAAL AANTAL LEERLINGEN"),
}
VERPLICHTE_KOLOMMEN = ("vestigingscode", "naam", "gemeente", "provincie")

# The basisonderwijs file has no type column: every row in it is a basisschool.
STANDAARD_TYPE = "basisschool"

# Written-out kinds of school that may appear in a kind-of-school column, mapped onto the
# register types partners.onderwijstypen knows. Anything else is passed on unchanged and
# ends up as an unknown type in the report.
SOORTEN_VOLUIT = {
    "BASISONDERWIJS": "basisschool",
    "BASISSCHOOL": "basisschool",
    "SPECIAAL BASISONDERWIJS": "SBAO",
    "SPECIAAL ONDERWIJS": "SO",
    "VOORTGEZET SPECIAAL ONDERWIJS": "VSO",
    "SPECIAAL EN VOORTGEZET SPECIAAL ONDERWIJS": "(V)SO",
    "(VOORTGEZET) SPECIAAL ONDERWIJS": "(V)SO",
    "SO/VSO": "(V)SO",
    "SO EN VSO": "(V)SO",
}

TEKSTVELDEN = ("naam", "straat", "denominatie", "website", "onderwijsgebied")


def kolomnaam(kop: str) -> str:
    return " ".join(kop.replace("\ufeff", "").split()).upper()


class DuoCsvLezer:
    formaat = "duo-csv"

    def __init__(self, tekst: str) -> None:
        # newline="" lets the csv module see line ends itself (quoted fields may span lines).
        self.lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=";", quotechar='"')
        try:
            kop = next(self.lezer)
        except StopIteration:
            raise Registerfout(_("Het CSV-bestand is leeg. Er is niets gewijzigd.")) from None
        self.kop = [kolomnaam(k) for k in kop]
        self.kolom: dict[str, int] = {}
        for veld, namen in KOLOMMEN.items():
            for naam in namen:
                if naam in self.kop:
                    self.kolom[veld] = self.kop.index(naam)
                    break
        ontbrekend = [KOLOMMEN[v][0] for v in VERPLICHTE_KOLOMMEN if v not in self.kolom]
        if ontbrekend:
            raise Registerfout(
                _(
                    "Het CSV-bestand mist de kolom(men) %(kolommen)s. Gevonden kolommen: "
                    "%(kop)s. Er is niets gewijzigd."
                )
                % {"kolommen": ", ".join(ontbrekend), "kop": "; ".join(self.kop) or "-"}
            )
        self.velden = frozenset(
            {"brin_nummer", "onderwijstype"}
            | {
                veld
                for veld in self.kolom
                if veld not in ("vestigingscode", "instellingscode", "gemeente", "provincie")
            }
        )
        self.aantal_rijen = 0
        self.korte_codes = 0
        self.plaatsen_omgezet = 0
        self.kleine_aantallen = 0
        self.soorten_voluit: Counter[tuple[str, str]] = Counter()

    def rijen(self) -> Iterator[Rij | Rijfout]:
        breedte = len(self.kop)
        for velden in self.lezer:
            regelnummer = self.lezer.line_num
            if not any(v.strip() for v in velden):
                continue  # blank lines, often at the end of a file
            self.aantal_rijen += 1
            # Some exports end every line with a separator: tolerate empty extra fields.
            while len(velden) > breedte and not velden[-1].strip():
                velden = velden[:-1]
            if len(velden) != breedte:
                yield Rijfout(
                    regelnummer,
                    _("regel %(nummer)d") % {"nummer": regelnummer},
                    "",
                    [
                        _("heeft %(aantal)d velden, de kopregel %(kop)d")
                        % {"aantal": len(velden), "kop": breedte}
                    ],
                )
                continue
            yield self.lees_regel(regelnummer, velden)

    def veld(self, velden: list[str], naam: str) -> str | None:
        index = self.kolom.get(naam)
        return None if index is None else velden[index]

    def lees_regel(self, nummer: int, velden: list[str]) -> Rij | Rijfout:
        plek = _("regel %(nummer)d") % {"nummer": nummer}
        ruwe_code = (self.veld(velden, "vestigingscode") or "").strip()
        fout = Rijfout(nummer, plek, ruwe_code)
        meldingen = fout.meldingen
        waarden: dict[str, Any] = {}

        def neem(functie, *args):
            try:
                return functie(*args)
            except n.Ongeldig as ongeldig:
                meldingen.append(str(ongeldig))
                return None

        for verplicht in VERPLICHTE_KOLOMMEN:
            if not (self.veld(velden, verplicht) or "").strip():
                meldingen.append(_("kolom %(kolom)s is leeg") % {"kolom": KOLOMMEN[verplicht][0]})
        if meldingen:
            return fout

        instelling = self.veld(velden, "instellingscode")
        code = neem(n.vestigingscode, ruwe_code, instelling)
        if code:
            if len(ruwe_code) <= 2:
                self.korte_codes += 1
                fout.vestigingscode = code
            waarden["brin_nummer"] = neem(n.brin_bij_code, instelling, code, "INSTELLINGSCODE")
        for veld in TEKSTVELDEN:
            if veld in self.kolom:
                schoon = neem(n.tekst, self.veld(velden, veld), KOLOMMEN[veld][0])
                if schoon is not None:
                    waarden[veld] = neem(n.begrensd, schoon, veld, KOLOMMEN[veld][0])
        if "bevoegd_gezag_nummer" in self.kolom:
            waarden["bevoegd_gezag_nummer"] = neem(
                n.begrensd,
                (self.veld(velden, "bevoegd_gezag_nummer") or "").strip(),
                "bevoegd_gezag_nummer",
                KOLOMMEN["bevoegd_gezag_nummer"][0],
            )
        if "huisnummer" in self.kolom:
            waarden["huisnummer"] = neem(
                n.begrensd,
                neem(n.huisnummer_duo, self.veld(velden, "huisnummer")) or "",
                "huisnummer",
                KOLOMMEN["huisnummer"][0],
            )
        if "postcode" in self.kolom:
            waarden["postcode"] = neem(n.postcode, self.veld(velden, "postcode"))
        if "plaats" in self.kolom:
            plaats = neem(n.tekst, self.veld(velden, "plaats"), "PLAATSNAAM") or ""
            leesbaar = n.leesbare_naam(plaats)
            self.plaatsen_omgezet += leesbaar != plaats
            waarden["plaats"] = neem(n.begrensd, leesbaar, "plaats", "PLAATSNAAM")
        waarden["onderwijstype"] = neem(n.begrensd, self.type(velden), "onderwijstype", "type")
        if "leerlingen" in self.kolom:
            aantal = neem(n.leerlingen, self.veld(velden, "leerlingen"))
            if aantal is not None:
                waarden["leerlingen"], klein = aantal
                self.kleine_aantallen += klein
        gemeente = neem(n.register_gemeente, self.veld(velden, "gemeente"))
        provincie = neem(n.tekst, self.veld(velden, "provincie"), "PROVINCIE")
        if meldingen:
            return fout
        return Rij(
            nummer=nummer,
            plek=plek,
            vestigingscode=code,
            waarden=waarden,
            gemeente=gemeente,
            provincie=provincie,
            adres=n.adres(waarden),
        )

    def type(self, velden: list[str]) -> str:
        if "onderwijstype" not in self.kolom:
            return STANDAARD_TYPE
        ruw = " ".join((self.veld(velden, "onderwijstype") or "").split())
        vertaald = SOORTEN_VOLUIT.get(ruw.upper())
        if vertaald and vertaald != ruw:
            self.soorten_voluit[(ruw, vertaald)] += 1
            return vertaald
        return ruw

    def opmerkingen(self) -> list[str]:
        regels = []
        if "onderwijstype" not in self.kolom:
            regels.append(
                _(
                    "Het bestand heeft geen kolom voor het onderwijstype (zoals het "
                    "basisonderwijsbestand van DUO): alle vestigingen zijn ingelezen als "
                    "%(type)s."
                )
                % {"type": STANDAARD_TYPE}
            )
        else:
            kolom = self.kop[self.kolom["onderwijstype"]]
            regels.append(_("Onderwijstype gelezen uit kolom %(kolom)s.") % {"kolom": kolom})
        for (ruw, vertaald), aantal in sorted(self.soorten_voluit.items()):
            regels.append(
                _("Soort '%(ruw)s' gelezen als %(type)s (%(aantal)d vestigingen).")
                % {"ruw": ruw, "type": vertaald, "aantal": aantal}
            )
        if self.korte_codes:
            regels.append(
                _(
                    "%(aantal)d vestigingscodes stonden er als vestigingsnummer van 2 cijfers en "
                    "zijn aangevuld met de INSTELLINGSCODE."
                )
                % {"aantal": self.korte_codes}
            )
        if self.plaatsen_omgezet:
            regels.append(
                _("%(aantal)d plaatsnamen in hoofdletters zijn leesbaar gemaakt.")
                % {"aantal": self.plaatsen_omgezet}
            )
        if self.kleine_aantallen:
            regels.append(
                _("%(aantal)d leerlingaantallen '<5' zijn opgeslagen als 2.")
                % {"aantal": self.kleine_aantallen}
            )
        return regels
