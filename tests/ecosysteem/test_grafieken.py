"""The server-side SVG charts: valid XML, accessible name and description, bars in
proportion to their values, and input escaped."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from ecosysteem.grafieken import samenvatting, staafdiagram

SVG = "{http://www.w3.org/2000/svg}"


def ontleed(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def staven(wortel: ET.Element) -> dict[str, float]:
    return {r.get("data-label"): float(r.get("width")) for r in wortel.iter(f"{SVG}rect")}


def test_staafdiagram_is_valid_svg_with_role_title_and_description():
    wortel = ontleed(
        staafdiagram("Activiteiten per kompaspunt", [("Samenwerking", 3), ("Onderwijs", 1)])
    )
    assert wortel.tag == f"{SVG}svg"
    assert wortel.get("role") == "img"
    titel = wortel.find(f"{SVG}title")
    beschrijving = wortel.find(f"{SVG}desc")
    assert titel.text == "Activiteiten per kompaspunt"
    assert wortel.get("aria-labelledby") == f"{titel.get('id')} {beschrijving.get('id')}"
    assert "Samenwerking 3" in beschrijving.text
    assert "Onderwijs 1" in beschrijving.text
    assert wortel.get("viewBox").startswith("0 0 ")
    assert wortel.get("width") is None  # the container decides the width


def test_staven_zijn_evenredig_met_de_waarden():
    wortel = ontleed(staafdiagram("T", [("a", 4), ("b", 2), ("c", 1)]))
    breedtes = staven(wortel)
    assert breedtes["a"] == pytest.approx(2 * breedtes["b"], rel=1e-3)
    assert breedtes["b"] == pytest.approx(2 * breedtes["c"], rel=1e-3)


def test_een_vast_maximum_houdt_twee_grafieken_vergelijkbaar():
    klein = staven(ontleed(staafdiagram("T", [("a", 5)], max=10)))
    vol = staven(ontleed(staafdiagram("T", [("a", 10)], max=10)))
    assert klein["a"] == pytest.approx(vol["a"] / 2, rel=1e-3)


def test_een_nul_tekent_geen_staaf_maar_wel_het_getal():
    wortel = ontleed(staafdiagram("T", [("leeg", 0), ("vol", 2)]))
    assert set(staven(wortel)) == {"vol"}
    waarden = [t.text for t in wortel.iter(f"{SVG}text") if t.get("class") == "grafiek__waarde"]
    assert waarden == ["0", "2"]


def test_labels_en_titel_worden_ontsnapt():
    svg = staafdiagram('<script>alert("x")</script> & co', [('<b>vet</b> & "x"', 1)])
    assert "<script>" not in svg
    assert "<b>" not in svg
    wortel = ontleed(svg)  # still well-formed XML
    labels = "".join(wortel.find(f"{SVG}text").itertext())
    assert labels == '<b>vet</b> & "x"'


def test_lange_labels_lopen_over_meerdere_regels():
    label = "Een zeer lang kompaspunt " * 5
    wortel = ontleed(staafdiagram("T", [(label, 1)]))
    regels = list(wortel.find(f"{SVG}text").iter(f"{SVG}tspan"))
    assert len(regels) > 1
    assert " ".join(r.text for r in regels) == label.strip()


def test_getallen_in_nederlandse_notatie_en_eenheid_enkelvoud_of_meervoud():
    svg = staafdiagram("Bereik", [("a", 12500), ("b", 1)], eenheid=("leerling", "leerlingen"))
    beschrijving = ontleed(svg).find(f"{SVG}desc").text
    assert "a 12.500 leerlingen" in beschrijving
    assert "b 1 leerling" in beschrijving
    assert "12.500" in svg


def test_decimale_waarden():
    wortel = ontleed(staafdiagram("T", [("a", Decimal("2.5")), ("b", Decimal("5"))]))
    breedtes = staven(wortel)
    assert breedtes["b"] == pytest.approx(2 * breedtes["a"], rel=1e-3)
    assert "2,5" in "".join(wortel.itertext())


def test_zonder_gegevens_geldig_en_beschreven():
    wortel = ontleed(staafdiagram("Leeg", []))
    assert "geen gegevens" in wortel.find(f"{SVG}desc").text


def test_alles_nul_deelt_niet_door_nul():
    wortel = ontleed(staafdiagram("T", [("a", 0), ("b", 0)]))
    assert staven(wortel) == {}


def test_negatieve_waarde_wordt_geweigerd():
    with pytest.raises(ValueError):
        staafdiagram("T", [("a", -1)])


def test_ids_uniek_per_grafiek_via_ident():
    een = ontleed(staafdiagram("Zelfde titel", [("a", 1)], ident="een"))
    twee = ontleed(staafdiagram("Zelfde titel", [("a", 1)], ident="twee"))
    assert een.find(f"{SVG}title").get("id") != twee.find(f"{SVG}title").get("id")


def test_samenvatting_noemt_elke_waarde():
    assert samenvatting("Per niveau", [("I", 2), ("II", 0)]) == "Per niveau: I 2; II 0."
