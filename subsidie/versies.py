"""What changed between two submitted versions of a dossier, for the reviewer who reads a
resubmission. Works on the frozen JSON of ``Indiening.inhoud`` only, so it shows exactly
what was submitted, whatever happened to the live dossier since."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from ecosysteem.opmaak import euro, getal


@dataclass
class Onderdeelwijziging:
    titel: str
    toegevoegd: list[str] = field(default_factory=list)
    vervallen: list[str] = field(default_factory=list)
    gewijzigd: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.toegevoegd or self.vervallen or self.gewijzigd)


@dataclass
class Versieverschil:
    totalen: list[tuple[str, str, str]]
    onderdelen: list[Onderdeelwijziging]

    def __bool__(self) -> bool:
        return bool(self.totalen or self.onderdelen)


def _bedrag(waarde) -> str:
    return euro(Decimal(str(waarde or 0)))


def _vergelijk_lijst(
    titel: str,
    oud: list[dict],
    nieuw: list[dict],
    *,
    sleutel: Callable[[dict], tuple],
    label: Callable[[dict], str],
    verschil: Callable[[dict, dict], str | None],
) -> Onderdeelwijziging:
    wijziging = Onderdeelwijziging(titel=titel)
    oud_per = {sleutel(r): r for r in oud}
    nieuw_per = {sleutel(r): r for r in nieuw}
    for k, rij in nieuw_per.items():
        if k not in oud_per:
            wijziging.toegevoegd.append(label(rij))
        else:
            tekst = verschil(oud_per[k], rij)
            if tekst:
                wijziging.gewijzigd.append(tekst)
    wijziging.vervallen = [label(rij) for k, rij in oud_per.items() if k not in nieuw_per]
    return wijziging


def _vestiging_label(v: dict) -> str:
    return f"{v['naam']} ({v['vestigingscode']})"


def _vestiging_verschil(oud: dict, nieuw: dict) -> str | None:
    delen = []
    if oud.get("leerlingen") != nieuw.get("leerlingen"):
        delen.append(
            _("leerlingen %(oud)s → %(nieuw)s")
            % {
                "oud": getal(oud.get("leerlingen") or 0),
                "nieuw": getal(nieuw.get("leerlingen") or 0),
            }
        )
    if oud.get("telt_mee") != nieuw.get("telt_mee"):
        delen.append(_("telt nu mee") if nieuw.get("telt_mee") else _("telt niet meer mee"))
    return f"{_vestiging_label(nieuw)}: {', '.join(delen)}" if delen else None


def _partner_verschil(oud: dict, nieuw: dict) -> str | None:
    if oud.get("penvoerder") != nieuw.get("penvoerder"):
        return (
            _("%(naam)s is nu penvoerder")
            if nieuw.get("penvoerder")
            else _("%(naam)s is geen penvoerder meer")
        ) % {"naam": nieuw["naam"]}
    return None


def _bedrag_verschil(veld: str, label: Callable[[dict], str]):
    def verschil(oud: dict, nieuw: dict) -> str | None:
        if Decimal(str(oud.get(veld) or 0)) != Decimal(str(nieuw.get(veld) or 0)):
            return f"{label(nieuw)}: {_bedrag(oud.get(veld))} → {_bedrag(nieuw.get(veld))}"
        return None

    return verschil


def _geen_verschil(oud: dict, nieuw: dict) -> str | None:
    return None


def _cofinanciering_label(c: dict) -> str:
    waarde = _bedrag(c["waarde"])
    return f"{c['partner']}, {c['schooljaar']}, {c['soort']}: {c['omschrijving']} ({waarde})"


def _begroting_label(r: dict) -> str:
    return f"{r['schooljaar']}, {r['kostensoort']}: {r['omschrijving']} ({_bedrag(r['bedrag'])})"


def _vergelijk_gebied(oud: dict, nieuw: dict) -> Onderdeelwijziging:
    """Provinces and municipalities added or dropped; lists of names in ``regio``."""
    wijziging = Onderdeelwijziging(titel=_("Gemeenten en provincies"))
    for sleutel, soort in (("provincies", _("provincie")), ("gemeenten", _("gemeente"))):
        a, b = oud.get(sleutel, []), nieuw.get(sleutel, [])
        wijziging.toegevoegd += [f"{soort} {naam}" for naam in b if naam not in a]
        wijziging.vervallen += [f"{soort} {naam}" for naam in a if naam not in b]
    return wijziging


def _convenant_label(c: dict) -> str:
    return f"{c['titel']} ({c['ingangsdatum']} – {c['einddatum']})"


def _convenant_verschil(oud: dict, nieuw: dict) -> str | None:
    delen = []
    for veld, label in (("ingangsdatum", _("ingangsdatum")), ("einddatum", _("einddatum"))):
        if oud.get(veld) != nieuw.get(veld):
            delen.append(f"{label} {oud.get(veld)} → {nieuw.get(veld)}")
    doc_oud, doc_nieuw = oud.get("document"), nieuw.get("document")
    if (doc_oud or {}).get("sha256") != (doc_nieuw or {}).get("sha256"):
        if not doc_nieuw:
            delen.append(_("document verwijderd"))
        elif not doc_oud:
            delen.append(_("document toegevoegd"))
        else:
            delen.append(_("ander document (andere SHA-256)"))
    getekend_oud = {o["partner"]: o for o in oud.get("ondertekeningen", [])}
    getekend_nieuw = {o["partner"]: o for o in nieuw.get("ondertekeningen", [])}
    for partner, o in getekend_nieuw.items():
        if partner not in getekend_oud:
            delen.append(_("ondertekend door %(partner)s") % {"partner": partner})
        elif o != getekend_oud[partner]:
            delen.append(_("ondertekening van %(partner)s gewijzigd") % {"partner": partner})
    for partner in getekend_oud.keys() - getekend_nieuw.keys():
        delen.append(_("ondertekening van %(partner)s vervallen") % {"partner": partner})
    return f"{nieuw['titel']}: {', '.join(delen)}" if delen else None


def _scanronde_label(r: dict) -> str:
    return _("%(naam)s (%(stand)s, %(aantal)s respondenten)") % {
        "naam": r["naam"],
        "stand": _("open") if r.get("open") else _("gesloten"),
        "aantal": getal(r.get("respondenten") or 0),
    }


def _scanronde_verschil(oud: dict, nieuw: dict) -> str | None:
    delen = []
    if oud.get("open") != nieuw.get("open"):
        delen.append(_("weer open") if nieuw.get("open") else _("gesloten"))
    if oud.get("respondenten") != nieuw.get("respondenten"):
        delen.append(
            _("respondenten %(oud)s → %(nieuw)s")
            % {
                "oud": getal(oud.get("respondenten") or 0),
                "nieuw": getal(nieuw.get("respondenten") or 0),
            }
        )
    return f"{nieuw['naam']}: {', '.join(delen)}" if delen else None


def _kort(tekst: str, lengte: int = 80) -> str:
    """A long text cut to a readable length for the comparison."""
    tekst = " ".join(str(tekst or "").split())
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1].rstrip() + "…"


def _lijst(waarden) -> str:
    return ", ".join(str(w) for w in waarden) if waarden else _("geen")


def _regel_label(r: dict) -> str:
    return f"{r['schooljaar']} {r['omschrijving']} ({_bedrag(r['bedrag'])})"


def _activiteit_verschil(oud: dict, nieuw: dict) -> str | None:
    """Which fields of an activity changed, each with its old and new value; of a list
    (compass points, partners, budget lines) what was added and what dropped."""
    delen = []
    if oud.get("beschrijving") != nieuw.get("beschrijving"):
        delen.append(
            _("beschrijving „%(oud)s” → „%(nieuw)s”")
            % {"oud": _kort(oud.get("beschrijving")), "nieuw": _kort(nieuw.get("beschrijving"))}
        )
    if oud.get("interventieniveau") != nieuw.get("interventieniveau"):
        delen.append(
            _("interventieniveau %(oud)s → %(nieuw)s")
            % {
                "oud": oud.get("interventieniveau_label") or oud.get("interventieniveau"),
                "nieuw": nieuw.get("interventieniveau_label") or nieuw.get("interventieniveau"),
            }
        )
    for veld, label in (
        ("bereik_leerlingen", _("bereik leerlingen")),
        ("bereik_vestigingen", _("bereik vestigingen")),
    ):
        if oud.get(veld) != nieuw.get(veld):
            delen.append(f"{label} {getal(oud.get(veld) or 0)} → {getal(nieuw.get(veld) or 0)}")
    for veld, label in (("doelgroepen", _("doelgroepen")), ("schooljaren", _("schooljaren"))):
        if list(oud.get(veld, [])) != list(nieuw.get(veld, [])):
            delen.append(f"{label} {_lijst(oud.get(veld))} → {_lijst(nieuw.get(veld))}")
    for veld, label, naam in (
        ("kompaspunten", _("kompaspunten"), str),
        ("partners", _("partners"), str),
        ("begrotingsregels", _("begrotingsregels"), _regel_label),
    ):
        a = [naam(w) for w in oud.get(veld, [])]
        b = [naam(w) for w in nieuw.get(veld, [])]
        erbij = [w for w in b if w not in a]
        eraf = [w for w in a if w not in b]
        if erbij:
            delen.append(_("%(veld)s erbij: %(namen)s") % {"veld": label, "namen": _lijst(erbij)})
        if eraf:
            delen.append(_("%(veld)s eraf: %(namen)s") % {"veld": label, "namen": _lijst(eraf)})
    if not delen and oud != nieuw:
        delen.append(_("gewijzigd"))
    return f"{nieuw['titel']}: {'; '.join(delen)}" if delen else None


def _nieuwe_onderdelen(oud: dict, nieuw: dict) -> list[Onderdeelwijziging]:
    """Agreement, scan and area, frozen since later versions of the portal. A version
    from before that has none of them; their absence there is no change, so a part is
    compared only when both versions have it."""
    onderdelen = []
    regio_oud, regio_nieuw = oud.get("regio", {}), nieuw.get("regio", {})
    if "gemeenten" in regio_oud and "gemeenten" in regio_nieuw:
        onderdelen.append(_vergelijk_gebied(regio_oud, regio_nieuw))
    if "convenanten" in oud and "convenanten" in nieuw:
        onderdelen.append(
            _vergelijk_lijst(
                _("Convenant"),
                oud["convenanten"],
                nieuw["convenanten"],
                sleutel=lambda c: (c["titel"],),
                label=_convenant_label,
                verschil=_convenant_verschil,
            )
        )
    if "scan" in oud and "scan" in nieuw:
        onderdelen.append(
            _vergelijk_lijst(
                _("Samenwerkingsscan"),
                oud["scan"].get("rondes", []),
                nieuw["scan"].get("rondes", []),
                sleutel=lambda r: (r["naam"],),
                label=_scanronde_label,
                verschil=_scanronde_verschil,
            )
        )
    return onderdelen


def vergelijk_indieningen(oud: dict, nieuw: dict) -> Versieverschil:
    """The changes from submission ``oud`` to submission ``nieuw`` (both ``inhoud``)."""
    totalen = []
    t_oud, t_nieuw = oud.get("totalen", {}), nieuw.get("totalen", {})
    for sleutel, label, opmaak in [
        ("maximale_subsidie", _("Maximale subsidie"), _bedrag),
        ("vestigingen", _("Tellende vestigingen"), getal),
        ("leerlingen", _("Tellende leerlingen"), getal),
        ("cofinanciering", _("Cofinanciering"), _bedrag),
        ("begroting", _("Begroting"), _bedrag),
    ]:
        a, b = t_oud.get(sleutel), t_nieuw.get(sleutel)
        if str(a) != str(b):
            totalen.append((label, opmaak(a or 0), opmaak(b or 0)))

    gegevens = Onderdeelwijziging(titel=_("Gegevens en STO"))
    velden = {
        "naam": _("naam"),
        "visie": _("visie"),
        "sto_relatie": _("relatie met de STO-regio"),
        "sto_regio_naam": _("naam van de STO-regio"),
        "sto_toelichting": _("afstemming met de STO-regio"),
    }
    for sleutel, label in velden.items():
        if oud.get("regio", {}).get(sleutel) != nieuw.get("regio", {}).get(sleutel):
            gegevens.gewijzigd.append(_("%(veld)s gewijzigd") % {"veld": label})

    onderdelen = [
        gegevens,
        _vergelijk_lijst(
            _("Vestigingen"),
            oud.get("vestigingen", []),
            nieuw.get("vestigingen", []),
            sleutel=lambda v: (v["vestigingscode"],),
            label=_vestiging_label,
            verschil=_vestiging_verschil,
        ),
        _vergelijk_lijst(
            _("Partners"),
            oud.get("partners", []),
            nieuw.get("partners", []),
            sleutel=lambda p: (p["naam"],),
            label=lambda p: p["naam"],
            verschil=_partner_verschil,
        ),
        _vergelijk_lijst(
            _("Rollen"),
            oud.get("rollen", []),
            nieuw.get("rollen", []),
            sleutel=lambda r: (r["persoon"], r["rol"], r["orgaan"]),
            label=lambda r: " – ".join(d for d in (r["persoon"], r["rol"], r["orgaan"]) if d),
            verschil=_geen_verschil,
        ),
        _vergelijk_lijst(
            _("Cofinanciering"),
            oud.get("cofinanciering", []),
            nieuw.get("cofinanciering", []),
            sleutel=lambda c: (c["partner"], c["schooljaar"], c["soort"], c["omschrijving"]),
            label=_cofinanciering_label,
            verschil=_bedrag_verschil("waarde", lambda c: f"{c['partner']}, {c['omschrijving']}"),
        ),
        _vergelijk_lijst(
            _("Begroting"),
            oud.get("begroting", []),
            nieuw.get("begroting", []),
            sleutel=lambda r: (r["schooljaar"], r["kostensoort"], r["omschrijving"]),
            label=_begroting_label,
            verschil=_bedrag_verschil(
                "bedrag", lambda r: f"{r['schooljaar']}, {r['omschrijving']}"
            ),
        ),
        _vergelijk_lijst(
            _("Activiteiten"),
            oud.get("activiteiten", []),
            nieuw.get("activiteiten", []),
            sleutel=lambda a: (a["titel"],),
            label=lambda a: a["titel"],
            verschil=_activiteit_verschil,
        ),
        *_nieuwe_onderdelen(oud, nieuw),
    ]
    return Versieverschil(totalen=totalen, onderdelen=[o for o in onderdelen if o])
