"""Which branch types of the national register count for the subsidy, and why.

Pure functions over the register's ``type`` text (DUO's onderwijsstructuur or soort), so the
importer, the budget engine and the tests share one reading of it. The regulation counts
po, sbo, (v)so, vmbo-tl (MAVO), havo and vwo; a branch that teaches only vbo (vmbo basis/
kader) or praktijkonderwijs (PRO) does not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Tracks that count towards the subsidy, and those that do not.
TELLENDE_VO_LEERWEGEN = frozenset({"MAVO", "HAVO", "VWO", "BRUGJAAR"})
NIET_TELLENDE_VO_LEERWEGEN = frozenset({"VBO", "PRO"})

PO_SOORTEN = {
    "BASISSCHOOL": "bao",
    "BAO": "bao",
    "SBAO": "sbo",
    "SBO": "sbo",
    "SO": "so",
    "VSO": "vso",
    "(V)SO": "so_vso",
}


@dataclass(frozen=True)
class Classificatie:
    schoolsoort: str  # bao, sbo, so, vso, so_vso, vo, onbekend
    sector: str  # po, vo, or "" when unknown
    telt_mee: bool
    gemengd: bool  # the register's pupil total includes tracks that do not count
    bekend: bool
    reden: str


def leerwegen(type_tekst: str) -> list[str]:
    """The tracks in a register type such as ``VBO/MAVO/HAVO``, upper case, in order."""
    return [deel.strip().upper() for deel in (type_tekst or "").split("/") if deel.strip()]


def classificeer(type_tekst: str) -> Classificatie:
    """Read a register type and say whether the branch counts, with the reason in Dutch."""
    schoon = (type_tekst or "").strip().upper()
    if schoon in PO_SOORTEN:
        soort = PO_SOORTEN[schoon]
        sector = "vo" if soort == "vso" else "po"
        return Classificatie(
            schoolsoort=soort,
            sector=sector,
            telt_mee=True,
            gemengd=False,
            bekend=True,
            reden=str(_("%(type)s telt mee voor de subsidie.") % {"type": type_tekst.strip()}),
        )
    delen = leerwegen(schoon)
    onbekend = [d for d in delen if d not in TELLENDE_VO_LEERWEGEN | NIET_TELLENDE_VO_LEERWEGEN]
    if not delen or onbekend:
        return Classificatie(
            schoolsoort="onbekend",
            sector="",
            telt_mee=False,
            gemengd=False,
            bekend=False,
            reden=str(
                _(
                    "Onbekend onderwijstype %(type)s: telt niet mee tot een beheerder "
                    "het beoordeelt."
                )
                % {"type": type_tekst.strip() or "(leeg)"}
            ),
        )
    tellend = [d for d in delen if d in TELLENDE_VO_LEERWEGEN]
    niet_tellend = [d for d in delen if d in NIET_TELLENDE_VO_LEERWEGEN]
    if not tellend:
        return Classificatie(
            schoolsoort="vo",
            sector="vo",
            telt_mee=False,
            gemengd=False,
            bekend=True,
            reden=str(
                _("Alleen %(leerwegen)s: vbo en praktijkonderwijs tellen niet mee.")
                % {"leerwegen": "/".join(niet_tellend)}
            ),
        )
    if niet_tellend:
        reden = _(
            "Telt mee om %(tellend)s; het leerlingtotaal van het register omvat ook "
            "%(niet)s, dus de programmamanager geeft het tellende aantal op."
        ) % {"tellend": "/".join(tellend), "niet": "/".join(niet_tellend)}
    elif tellend == ["BRUGJAAR"]:
        reden = _("Brugjaarlocatie: telt mee als vo-vestiging.")
    else:
        reden = _("%(tellend)s telt mee voor de subsidie.") % {"tellend": "/".join(tellend)}
    return Classificatie(
        schoolsoort="vo",
        sector="vo",
        telt_mee=True,
        gemengd=bool(niet_tellend),
        bekend=True,
        reden=str(reden),
    )
