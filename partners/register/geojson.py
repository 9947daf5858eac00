"""Reader for the GeoJSON compilation of DUO's register (edugis-repo/data-nl-scholen).

A FeatureCollection of Points in CRS84 ([longitude, latitude]); the properties are
described in partners/data/README.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from . import normaliseren as n
from .typen import REGISTERVELDEN, Registerfout, Rij, Rijfout

VERPLICHT = ("vestigingscode", "naam", "type", "gemeente", "provincie")

# Text properties: GeoJSON property -> (Vestiging field, name in messages).
TEKSTEN = {
    "naam": "naam",
    "denominatie": "denominatie",
    "straat": "straat",
    "plaats": "plaats",
    "onderwijsgebied": "onderwijsgebied",
}


class GeojsonLezer:
    formaat = "geojson"
    # Everything but the school board number, which the compilation does not carry.
    velden = frozenset(REGISTERVELDEN) - {"bevoegd_gezag_nummer"}

    def __init__(self, tekst: str) -> None:
        try:
            data = json.loads(tekst)
        except json.JSONDecodeError as fout:
            # A cut-off file stops before its closing bracket, or the parser runs out of text.
            schoon = tekst.rstrip()
            afgekapt = fout.pos >= len(schoon) or not schoon.endswith(("}", "]"))
            raise Registerfout(
                (
                    _(
                        "Het GeoJSON-bestand is afgekapt: het houdt op midden in de gegevens "
                        "(regel %(regel)d, kolom %(kolom)d). Er is niets gewijzigd."
                    )
                    if afgekapt
                    else _(
                        "Het GeoJSON-bestand is geen geldige JSON (regel %(regel)d, kolom "
                        "%(kolom)d: %(fout)s). Er is niets gewijzigd."
                    )
                )
                % {"regel": fout.lineno, "kolom": fout.colno, "fout": fout.msg}
            ) from None
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise Registerfout(
                _("Het GeoJSON-bestand is geen FeatureCollection. Er is niets gewijzigd.")
            )
        features = data.get("features")
        if not isinstance(features, list):
            raise Registerfout(
                _("Het GeoJSON-bestand heeft geen lijst 'features'. Er is niets gewijzigd.")
            )
        self.features = features
        self.zonder_coordinaten = 0
        self.kleine_aantallen = 0

    def __len__(self) -> int:
        return len(self.features)

    def rijen(self) -> Iterator[Rij | Rijfout]:
        for index, feature in enumerate(self.features, start=1):
            yield self.lees_feature(index, feature)

    def lees_feature(self, nummer: int, feature: Any) -> Rij | Rijfout:
        plek = _("feature %(nummer)d") % {"nummer": nummer}
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            return Rijfout(nummer, plek, "", [_("is geen Feature met properties")])
        props = feature["properties"]
        ruwe_code = props.get("vestigingscode")
        fout = Rijfout(nummer, plek, ruwe_code if isinstance(ruwe_code, str) else "")
        meldingen = fout.meldingen

        for sleutel in VERPLICHT:
            if sleutel not in props:
                meldingen.append(_("eigenschap '%(naam)s' ontbreekt") % {"naam": sleutel})
            elif sleutel != "type" and _leeg(props[sleutel]):
                # An empty type is allowed: it is stored as an unknown type and reported.
                meldingen.append(_("eigenschap '%(naam)s' is leeg") % {"naam": sleutel})
        if meldingen:
            return fout

        waarden: dict[str, Any] = {}

        def neem(functie, *args):
            try:
                return functie(*args)
            except n.Ongeldig as ongeldig:
                meldingen.append(str(ongeldig))
                return None

        def tekstveld(veld: str, waarde: Any, naam: str) -> None:
            schoon = neem(n.tekst, waarde, naam)
            if schoon is not None:
                waarden[veld] = neem(n.begrensd, schoon, veld, naam)

        code = neem(n.vestigingscode, props["vestigingscode"])
        if code:
            waarden["brin_nummer"] = neem(
                n.brin_bij_code, props.get("brin_nummer"), code, "brin_nummer"
            )
        for sleutel, veld in TEKSTEN.items():
            tekstveld(veld, props.get(sleutel), sleutel)
        tekstveld("onderwijstype", props.get("type"), "type")
        tekstveld("website", props.get("internetadres"), "internetadres")
        tekstveld(
            "huisnummer",
            neem(
                n.huisnummer,
                props.get("huisnummer"),
                props.get("huisletter"),
                props.get("huisnummertoevoeging"),
            ),
            "huisnummer",
        )
        waarden["postcode"] = neem(n.postcode, props.get("postcode"))
        aantal = neem(n.leerlingen, props.get("leerlingen"))
        if aantal is not None:
            waarden["leerlingen"], klein = aantal
            self.kleine_aantallen += klein
        plaats = neem(n.punt, feature.get("geometry"))
        gemeente = neem(n.register_gemeente, props["gemeente"])
        provincie = neem(n.tekst, props["provincie"], "provincie")
        if meldingen:
            return fout
        if plaats is None:
            self.zonder_coordinaten += 1
            waarden["breedtegraad"] = waarden["lengtegraad"] = None
        else:
            waarden["breedtegraad"], waarden["lengtegraad"] = plaats
        return Rij(
            nummer=nummer,
            plek=plek,
            vestigingscode=code,
            waarden=waarden,
            gemeente=gemeente,
            provincie=provincie,
            adres=n.adres(waarden),
        )

    def opmerkingen(self) -> list[str]:
        regels = []
        if self.zonder_coordinaten:
            regels.append(
                _("%(aantal)d vestigingen hebben geen geometrie: opgeslagen zonder coördinaten.")
                % {"aantal": self.zonder_coordinaten}
            )
        if self.kleine_aantallen:
            regels.append(
                _("%(aantal)d leerlingaantallen '<5' zijn opgeslagen als 2.")
                % {"aantal": self.kleine_aantallen}
            )
        return regels


def _leeg(waarde: Any) -> bool:
    return waarde is None or (isinstance(waarde, str) and not waarde.strip())
