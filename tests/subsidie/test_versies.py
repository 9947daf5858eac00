"""What changed between two submitted versions, read from their frozen contents."""

import copy

from subsidie.versies import vergelijk_indieningen


def inhoud():
    return {
        "regio": {"naam": "Techregio", "visie": "Oud", "sto_relatie": "gedeeld"},
        "totalen": {
            "maximale_subsidie": "299000.00",
            "vestigingen": 23,
            "leerlingen": 2300,
            "cofinanciering": "29900.00",
            "begroting": "250000.00",
        },
        "vestigingen": [
            {"vestigingscode": "11AA00", "naam": "De Meander", "leerlingen": 100, "telt_mee": True},
            {"vestigingscode": "22BB00", "naam": "Het Kompas", "leerlingen": 80, "telt_mee": True},
        ],
        "partners": [
            {"naam": "Bestuur", "penvoerder": True},
            {"naam": "Bedrijf", "penvoerder": False},
        ],
        "rollen": [{"persoon": "Sam", "rol": "programmamanager", "orgaan": ""}],
        "cofinanciering": [
            {
                "partner": "Bedrijf",
                "schooljaar": "2026/27",
                "soort": "geld",
                "omschrijving": "Techniekdagen",
                "waarde": "29900.00",
            }
        ],
        "begroting": [
            {
                "schooljaar": "2026/27",
                "kostensoort": "activiteiten",
                "omschrijving": "Techniekweek",
                "bedrag": "250000.00",
            }
        ],
        "activiteiten": [{"titel": "Techniekweek", "beschrijving": "Een week."}],
    }


def test_identical_versions_have_no_changes():
    assert not vergelijk_indieningen(inhoud(), inhoud())


def test_changes_per_part_and_in_the_key_figures():
    oud = inhoud()
    nieuw = copy.deepcopy(oud)
    nieuw["regio"]["visie"] = "Nieuw"
    nieuw["totalen"]["leerlingen"] = 2320
    nieuw["totalen"]["maximale_subsidie"] = "299900.00"
    nieuw["vestigingen"][0]["leerlingen"] = 120
    del nieuw["vestigingen"][1]
    nieuw["vestigingen"].append(
        {"vestigingscode": "33CC00", "naam": "De Wissel", "leerlingen": 60, "telt_mee": False}
    )
    nieuw["partners"][1]["penvoerder"] = True
    nieuw["partners"][0]["penvoerder"] = False
    nieuw["cofinanciering"][0]["waarde"] = "35000.00"
    nieuw["begroting"] = []
    nieuw["activiteiten"][0]["beschrijving"] = "Twee weken."

    verschil = vergelijk_indieningen(oud, nieuw)

    assert ("Tellende leerlingen", "2.300", "2.320") in verschil.totalen
    assert ("Maximale subsidie", "€\u00a0299.000,00", "€\u00a0299.900,00") in verschil.totalen
    assert [label for label, _oud, _nieuw in verschil.totalen] == [
        "Maximale subsidie",
        "Tellende leerlingen",
    ]
    per_titel = {o.titel: o for o in verschil.onderdelen}
    assert per_titel["Gegevens en STO"].gewijzigd == ["visie gewijzigd"]
    vestigingen = per_titel["Vestigingen"]
    assert vestigingen.toegevoegd == ["De Wissel (33CC00)"]
    assert vestigingen.vervallen == ["Het Kompas (22BB00)"]
    assert vestigingen.gewijzigd == ["De Meander (11AA00): leerlingen 100 → 120"]
    assert set(per_titel["Partners"].gewijzigd) == {
        "Bedrijf is nu penvoerder",
        "Bestuur is geen penvoerder meer",
    }
    assert per_titel["Cofinanciering"].gewijzigd == [
        "Bedrijf, Techniekdagen: €\u00a029.900,00 → €\u00a035.000,00"
    ]
    assert per_titel["Begroting"].vervallen == [
        "2026/27, activiteiten: Techniekweek (€\u00a0250.000,00)"
    ]
    assert per_titel["Activiteiten"].gewijzigd == [
        "Techniekweek: beschrijving „Een week.” → „Twee weken.”"
    ]
    assert "Rollen" not in per_titel


def met_convenant_scan_en_gebied(inhoud: dict) -> dict:
    inhoud["regio"].update(provincies=["Groningen"], gemeenten=["Westerkwartier", "Zuidhorn"])
    inhoud["convenanten"] = [
        {
            "titel": "Convenant 2026",
            "ingangsdatum": "2026-01-01",
            "einddatum": "2028-01-01",
            "status": "lopend",
            "document": {"naam": "convenant-2026.pdf", "sha256": "a" * 64, "grootte": 10},
            "ondertekeningen": [
                {"partner": "Bestuur", "ondertekenaar": "Jan", "functie": "", "datum": "2026-01-05"}
            ],
            "niet_ondertekend": ["Bedrijf"],
        }
    ]
    inhoud["scan"] = {"rondes": [{"naam": "Voorjaar", "open": True, "respondenten": 3}]}
    return inhoud


def test_changes_in_the_agreement_the_scan_and_the_area_are_reported():
    oud = met_convenant_scan_en_gebied(inhoud())
    nieuw = copy.deepcopy(oud)
    nieuw["regio"]["gemeenten"] = ["Westerkwartier", "Groningen"]
    nieuw["regio"]["provincies"] = ["Groningen", "Drenthe"]
    convenant = nieuw["convenanten"][0]
    convenant["document"] = {"naam": "convenant-2026.pdf", "sha256": "b" * 64, "grootte": 12}
    convenant["ondertekeningen"].append(
        {"partner": "Bedrijf", "ondertekenaar": "Kees", "functie": "", "datum": "2026-02-01"}
    )
    convenant["niet_ondertekend"] = []
    convenant["einddatum"] = "2028-06-01"
    nieuw["scan"]["rondes"][0].update(open=False, respondenten=5)
    nieuw["scan"]["rondes"].append({"naam": "Najaar", "open": True, "respondenten": 0})

    verschil = vergelijk_indieningen(oud, nieuw)

    per_titel = {o.titel: o for o in verschil.onderdelen}
    gebied = per_titel["Gemeenten en provincies"]
    assert gebied.toegevoegd == ["provincie Drenthe", "gemeente Groningen"]
    assert gebied.vervallen == ["gemeente Zuidhorn"]
    [tekst] = per_titel["Convenant"].gewijzigd
    assert "Convenant 2026" in tekst
    assert "einddatum 2028-01-01 → 2028-06-01" in tekst
    assert "ander document" in tekst
    assert "ondertekend door Bedrijf" in tekst
    scan = per_titel["Samenwerkingsscan"]
    assert scan.toegevoegd == ["Najaar (open, 0 respondenten)"]
    assert scan.gewijzigd == ["Voorjaar: gesloten, respondenten 3 → 5"]


def test_a_version_from_before_these_parts_were_recorded_is_compared_without_them():
    # Version 1 was submitted before agreement, scan and area were frozen: their absence
    # there is not a change, so nothing is reported as added.
    assert not vergelijk_indieningen(inhoud(), met_convenant_scan_en_gebied(inhoud()))


def activiteit(**velden) -> dict:
    return {
        "titel": "Techniekweek",
        "beschrijving": "Een week.",
        "kompaspunten": ["Regionale samenwerking"],
        "interventieniveau": "III",
        "interventieniveau_label": "III – pilotgerichte interventies",
        "doelgroepen": ["Primair onderwijs"],
        "partners": ["Fablab"],
        "schooljaren": ["2026/27"],
        "bereik_leerlingen": 400,
        "bereik_vestigingen": 8,
        "begrotingsregels": [
            {
                "schooljaar": "2026/27",
                "kostensoort": "activiteiten",
                "omschrijving": "Bus",
                "bedrag": "250.00",
            }
        ],
        **velden,
    }


def test_a_changed_activity_names_each_changed_field_with_old_and_new_value():
    oud, nieuw = inhoud(), inhoud()
    oud["activiteiten"] = [activiteit()]
    nieuw["activiteiten"] = [
        activiteit(
            interventieniveau="V",
            interventieniveau_label="V – regionale samenwerking",
            bereik_vestigingen=12,
            schooljaren=["2026/27", "2027/28"],
            partners=["Bibliotheek"],
            kompaspunten=["Regionale samenwerking", "Onderwijsontwikkeling"],
            begrotingsregels=[],
        )
    ]
    [wijziging] = {o.titel: o for o in vergelijk_indieningen(oud, nieuw).onderdelen}[
        "Activiteiten"
    ].gewijzigd
    assert wijziging == (
        "Techniekweek: interventieniveau III – pilotgerichte interventies → "
        "V – regionale samenwerking; bereik vestigingen 8 → 12; "
        "schooljaren 2026/27 → 2026/27, 2027/28; kompaspunten erbij: Onderwijsontwikkeling; "
        "partners erbij: Bibliotheek; partners eraf: Fablab; "
        "begrotingsregels eraf: 2026/27 Bus (€\u00a0250,00)"
    )


def test_an_unchanged_activity_is_not_listed():
    oud, nieuw = inhoud(), inhoud()
    oud["activiteiten"] = nieuw["activiteiten"] = [activiteit()]
    assert "Activiteiten" not in {o.titel for o in vergelijk_indieningen(oud, nieuw).onderdelen}
