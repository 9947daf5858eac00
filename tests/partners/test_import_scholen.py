"""The national school register import: formats, report, idempotence and all-or-nothing."""

import copy
import datetime
import gzip
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecosysteem.models import Gebeurtenis
from partners.models import Gemeente, Registerimport, Vestiging
from partners.register import Registerfout, importeer_register, lees_bestand
from partners.register.normaliseren import leesbare_naam
from tests.factories import DeelnameFactory, GebruikerFactory, VestigingFactory

FIXTURES = Path(__file__).parent / "fixtures"
KLEIN = FIXTURES / "scholen-klein.geo.json"
PO_CSV = FIXTURES / "duo-vestigingen-po.csv"
VO_CSV = FIXTURES / "duo-vestigingen-vo.csv"
SO_CSV = FIXTURES / "duo-vestigingen-so.csv"
PEILDATUM = datetime.date(2024, 11, 22)


def draai(*args, **opties) -> str:
    uit = io.StringIO()
    call_command("import_scholen", *[str(a) for a in args], stdout=uit, **opties)
    return uit.getvalue()


def klein_register() -> dict:
    return json.loads(KLEIN.read_text(encoding="utf-8"))


def schrijf(pad: Path, data: dict) -> Path:
    pad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return pad


def momentopname() -> dict:
    """Everything an import could touch, to compare before and after a failed run."""
    return {
        "vestigingen": list(Vestiging.objects.order_by("vestigingscode").values()),
        "gemeenten": list(Gemeente.objects.order_by("naam_register").values()),
        "imports": Registerimport.objects.count(),
        "gebeurtenissen": Gebeurtenis.objects.count(),
    }


def schrijfqueries(context: CaptureQueriesContext, tabel: str) -> list[str]:
    return [
        q["sql"]
        for q in context.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and f'"{tabel}"' in q["sql"]
    ]


# -- the whole shipped register (a few seconds per import, so only two imports) ----------


@pytest.mark.django_db
def test_shipped_register_loads_once_and_then_changes_nothing():
    eerste = draai()

    assert Vestiging.objects.count() == 8622
    assert Gemeente.objects.count() == 342
    assert "Gelezen: 8717 rijen, 8622 verschillende vestigingscodes." in eerste
    assert "74 codes komen meer dan eens voor" in eerste
    assert "95 rijen zijn overgeslagen" in eerste
    assert "14YX00: bewaard feature 49, Velddreef 322" in eerste
    assert "277 rijen zonder aantal" in eerste
    assert "Onbekende onderwijstypen: geen." in eerste
    assert "Peildatum: 2024-11-22" in eerste
    assert "Resultaat: 8622 nieuw, 0 gewijzigd" in eerste

    # Duplicates: the first row in file order is kept.
    touwladder = Vestiging.objects.get(vestigingscode="14YX00")
    assert touwladder.huisnummer == "322"
    aida = Vestiging.objects.get(vestigingscode="32DD00")
    assert aida.leerlingen is None
    assert aida.website == ""
    assert aida.lengtegraad == Decimal("4.332230")
    assert aida.breedtegraad == Decimal("52.066957")
    assert aida.gemeente.naam == "'s-Gravenhage"
    assert aida.gemeente.naam_register == "S GRAVENHAGE"
    assert aida.provincie.naam == "Zuid-Holland"
    assert aida.peildatum == PEILDATUM
    assert Vestiging.objects.filter(leerlingen__isnull=True).count() == 271
    assert Vestiging.objects.filter(telt_mee=False).count() == 293

    import_1 = Registerimport.objects.get()
    assert import_1.formaat == "geojson"
    assert import_1.sha256 == "ab073b68bbf126ba5b981371d83a2b186f241f326ed73c5f445c8cdd611e0374"
    assert (import_1.rijen, import_1.nieuw, import_1.gewijzigd) == (8717, 8622, 0)
    assert import_1.rapport in eerste
    voor = list(Vestiging.objects.order_by("pk").values_list("pk", "bijgewerkt_op"))

    with CaptureQueriesContext(connection) as queries:
        tweede = draai(settings.SCHOLENREGISTER_STANDAARD)

    assert "Niets gewijzigd: 8622 vestigingen ongewijzigd." in tweede
    assert schrijfqueries(queries, "partners_vestiging") == []
    assert schrijfqueries(queries, "partners_gemeente") == []
    assert list(Vestiging.objects.order_by("pk").values_list("pk", "bijgewerkt_op")) == voor
    import_2 = Registerimport.objects.order_by("-pk").first()
    assert Registerimport.objects.count() == 2
    assert (import_2.nieuw, import_2.gewijzigd, import_2.ongewijzigd, import_2.verdwenen) == (
        0,
        0,
        8622,
        0,
    )
    assert "Niets gewijzigd" in import_2.rapport


@pytest.mark.django_db
def test_truncated_gzip_of_the_register_changes_nothing(tmp_path):
    VestigingFactory(vestigingscode="32DD00", brin_nummer="32DD", naam="Aida (oud)")
    voor = momentopname()
    ruw = Path(settings.SCHOLENREGISTER_STANDAARD).read_bytes()
    afgekapt = tmp_path / "scholen.geo.json.gz"
    afgekapt.write_bytes(ruw[: len(ruw) // 2])

    with pytest.raises(CommandError, match="afgekapt") as fout:
        draai(afgekapt)

    assert "Er is niets gewijzigd" in str(fout.value)
    assert momentopname() == voor


# -- formats ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_small_geojson_fields_and_classification():
    uitvoer = draai(KLEIN)

    assert Vestiging.objects.count() == 10
    # basisschool
    aida = Vestiging.objects.get(vestigingscode="32DD00")
    assert (aida.schoolsoort, aida.sector, aida.telt_mee) == ("bao", "po", True)
    assert aida.brin_nummer == "32DD"
    assert aida.adres == "Elboogstraat 68, 2516 PV 's-Gravenhage"
    assert aida.onderwijsgebied == "Noord-Zuid-Holland"
    # VBO only: does not count.
    vbo = Vestiging.objects.get(vestigingscode="31JC06")
    assert (vbo.schoolsoort, vbo.sector, vbo.telt_mee, vbo.gemengde_leerwegen) == (
        "vo",
        "vo",
        False,
        False,
    )
    assert "vbo en praktijkonderwijs tellen niet mee" in vbo.telt_mee_reden
    # VBO/MAVO: counts for MAVO, and the pupil total is mixed.
    gemengd = Vestiging.objects.get(vestigingscode="05AV03")
    assert (gemengd.telt_mee, gemengd.gemengde_leerwegen) == (True, True)
    assert "MAVO" in gemengd.telt_mee_reden
    # (V)SO and SBAO count, in the po sector.
    vso = Vestiging.objects.get(vestigingscode="00LD00")
    assert (vso.schoolsoort, vso.sector, vso.telt_mee) == ("so_vso", "po", True)
    assert Vestiging.objects.get(vestigingscode="12XR00").schoolsoort == "sbo"
    assert Vestiging.objects.get(vestigingscode="00DI04").telt_mee is False  # PRO
    # House letter and readable municipality names.
    klim_op = Vestiging.objects.get(vestigingscode="14DZ00")
    assert klim_op.huisnummer == "22A"
    assert klim_op.gemeente.naam == "Capelle aan den IJssel"
    assert Gemeente.objects.get(naam_register="SUDWEST-FRYSLAN").naam == "Súdwest-Fryslân"
    assert "2 vestigingen tellen niet mee, want ze geven alleen vbo of " in uitvoer
    assert "praktijkonderwijs (PRO 1, VBO 1)." in uitvoer
    assert "1 codes komen meer dan eens voor" in uitvoer


@pytest.mark.django_db
def test_gzip_and_zip_are_recognised_by_their_bytes_not_their_name(tmp_path):
    inhoud = KLEIN.read_bytes()
    vermomd = tmp_path / "register.json"  # gzip inside, plain name
    vermomd.write_bytes(gzip.compress(inhoud))
    bestand = lees_bestand(vermomd)
    assert (bestand.verpakking, bestand.formaat) == ("gzip", "geojson")

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("scholen20241122.geo.json", inhoud)
    als_zip = tmp_path / "scholen20241122.geo.zip"
    als_zip.write_bytes(buffer.getvalue())

    resultaat = importeer_register(pad=als_zip)

    assert resultaat.nieuw == 10
    assert resultaat.peildatum == PEILDATUM  # taken from the file name
    assert "uit de bestandsnaam" in resultaat.rapport
    assert "GeoJSON (zip)" in resultaat.rapport


@pytest.mark.django_db
def test_duo_csv_windows_1252_with_two_digit_branch_codes():
    uitvoer = draai(PO_CSV, peildatum="2025-01-06")

    assert Vestiging.objects.count() == 5
    fugelsang = Vestiging.objects.get(vestigingscode="99XZ00")
    assert fugelsang.naam == "CBS De Fûgelsang"
    assert fugelsang.plaats == "Ysbrechtum"
    assert fugelsang.postcode == "8633KH"
    assert fugelsang.bevoegd_gezag_nummer == "20512"
    assert fugelsang.onderwijstype == "basisschool"
    assert fugelsang.schoolsoort == "bao"
    assert fugelsang.gemeente.naam == "Súdwest-Fryslân"
    assert fugelsang.breedtegraad is None and fugelsang.leerlingen is None
    assert fugelsang.peildatum == datetime.date(2025, 1, 6)
    gereon = Vestiging.objects.get(vestigingscode="98YA01")
    assert gereon.naam == "Basisschool Sint-Geréon"
    assert gereon.huisnummer == "12A"
    assert gereon.website == ""
    kameleon = Vestiging.objects.get(vestigingscode="97ZB00")
    assert kameleon.plaats == "'s-Hertogenbosch"
    assert kameleon.gemeente.naam == "'s-Hertogenbosch"
    assert "tekens in windows-1252" in uitvoer
    assert "5 vestigingscodes stonden er als vestigingsnummer van 2 cijfers" in uitvoer
    assert "geen kolom voor het onderwijstype" in uitvoer
    assert Registerimport.objects.get().formaat == "duo-csv"


@pytest.mark.django_db
def test_duo_csv_keeps_coordinates_and_pupils_of_known_branches():
    draai(KLEIN)
    aida_voor = Vestiging.objects.get(vestigingscode="32DD00")
    touwladder_voor = Vestiging.objects.get(vestigingscode="14YX00")

    uitvoer = draai(PO_CSV, peildatum="2025-01-06")

    touwladder = Vestiging.objects.get(vestigingscode="14YX00")
    assert touwladder.leerlingen == touwladder_voor.leerlingen == 140
    assert touwladder.breedtegraad == touwladder_voor.breedtegraad
    assert touwladder.bevoegd_gezag_nummer == "41739"  # the GeoJSON has none
    aida = Vestiging.objects.get(vestigingscode="32DD00")
    assert (aida.plaats, aida.postcode) == (aida_voor.plaats, aida_voor.postcode)
    assert aida.lengtegraad == aida_voor.lengtegraad
    assert "Dit bestand bevat geen coördinaten en leerlingaantallen" in uitvoer
    assert "bij 2 al bekende vestigingen zijn de bestaande waarden behouden" in uitvoer
    # The po file covers only basisscholen: the other bao branches left, vo stays.
    assert not Vestiging.objects.get(vestigingscode="14EZ00").in_register
    assert Vestiging.objects.get(vestigingscode="31JC06").in_register
    assert Vestiging.objects.get(vestigingscode="00LD00").in_register


@pytest.mark.django_db
def test_duo_csv_vo_and_so_types_and_unknown_types():
    vo = draai(VO_CSV, peildatum="2025-01-06")
    so = draai(SO_CSV, peildatum="2025-01-06")

    assert Vestiging.objects.get(vestigingscode="31JC06").telt_mee is False
    assert Vestiging.objects.get(vestigingscode="05AV03").gemengde_leerwegen is True
    zola = Vestiging.objects.get(vestigingscode="96QA00")
    assert zola.naam == "Stedelijk Lyceum Émile Zola"
    assert zola.telt_mee is True
    kovo = Vestiging.objects.get(vestigingscode="95RB01")
    assert (kovo.schoolsoort, kovo.telt_mee) == ("onbekend", False)
    assert "Onbekend onderwijstype KOVO" in kovo.telt_mee_reden
    assert "Onbekende onderwijstypen: KOVO (1×)" in vo
    assert "Onderwijstype gelezen uit kolom ONDERWIJSSTRUCTUUR" in vo
    assert Vestiging.objects.get(vestigingscode="12XR00").schoolsoort == "sbo"
    assert Vestiging.objects.get(vestigingscode="94SC00").schoolsoort == "vso"
    assert Vestiging.objects.get(vestigingscode="00LD00").schoolsoort == "so_vso"
    assert "Soort 'Speciaal basisonderwijs' gelezen als SBAO" in so
    # Loading the so file did not retire the vo branches.
    assert Vestiging.objects.filter(in_register=False).count() == 0


def test_csv_without_peildatum_is_refused():
    with pytest.raises(CommandError, match="--peildatum"):
        draai(PO_CSV)


def test_invalid_peildatum_is_refused():
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        draai(KLEIN, peildatum="22-11-2024")


# -- changes between registers -----------------------------------------------------------


@pytest.mark.django_db
def test_branch_missing_from_a_later_file_leaves_the_register_but_stays(tmp_path):
    draai(KLEIN)
    deelname = DeelnameFactory(vestiging=Vestiging.objects.get(vestigingscode="31JC06"))
    data = klein_register()
    data["features"] = [
        f for f in data["features"] if f["properties"]["vestigingscode"] != "31JC06"
    ]

    uitvoer = draai(schrijf(tmp_path / "later.geo.json", data))

    weg = Vestiging.objects.get(vestigingscode="31JC06")
    assert weg.in_register is False
    assert weg.deelnames.get() == deelname
    assert Vestiging.objects.filter(in_register=True).count() == 9
    assert "Niet meer in het register: 1 vestigingen" in uitvoer
    assert "31JC06 Zone.college vmbo Zwolle (Zwolle)" in uitvoer
    assert Registerimport.objects.order_by("-pk").first().verdwenen == 1

    terug = draai(KLEIN)

    assert Vestiging.objects.get(vestigingscode="31JC06").in_register is True
    assert "Weer in het register: 1 vestigingen" in terug


@pytest.mark.django_db
def test_changed_rows_are_updated_and_reported_and_only_they(tmp_path):
    draai(KLEIN)
    data = klein_register()
    for feature in data["features"]:
        if feature["properties"]["vestigingscode"] == "12XR00":
            feature["properties"]["leerlingen"] = 300
            feature["properties"]["naam"] = "SBO De Wissel"
            feature["properties"]["gemeente"] = "DONGEN"

    with CaptureQueriesContext(connection) as queries:
        uitvoer = draai(schrijf(tmp_path / "nieuwer.geo.json", data))

    wissel = Vestiging.objects.get(vestigingscode="12XR00")
    assert (wissel.naam, wissel.leerlingen, wissel.gemeente.naam) == (
        "SBO De Wissel",
        300,
        "Dongen",
    )
    assert "Resultaat: 0 nieuw, 1 gewijzigd, 9 ongewijzigd" in uitvoer
    assert "leerlingen (register) 259 → 300" in uitvoer
    assert "gemeente Oosterhout → Dongen" in uitvoer
    assert "Gemeenten: 1 nieuw aangemaakt (bijvoorbeeld Dongen)" in uitvoer
    updates = schrijfqueries(queries, "partners_vestiging")
    assert len(updates) == 1
    # Only the changed fields are written.
    assert 'SET "naam" =' in updates[0] and '"straat"' not in updates[0]


@pytest.mark.django_db
def test_new_peildatum_alone_is_not_a_change():
    draai(KLEIN)

    uitvoer = draai(KLEIN, peildatum="2025-02-01")

    assert "Resultaat: 0 nieuw, 0 gewijzigd, 10 ongewijzigd" in uitvoer
    assert "kregen er 10 alleen de nieuwe peildatum" in uitvoer
    assert set(Vestiging.objects.values_list("peildatum", flat=True)) == {datetime.date(2025, 2, 1)}


@pytest.mark.django_db
def test_dry_run_saves_nothing():
    uitvoer = draai(KLEIN, dry_run=True)

    assert "PROEFRUN" in uitvoer
    assert "Resultaat: 10 nieuw" in uitvoer
    assert Vestiging.objects.count() == 0
    assert Gemeente.objects.count() == 0
    assert Registerimport.objects.count() == 0


@pytest.mark.django_db
def test_every_run_is_recorded_with_an_audit_event():
    beheerder = GebruikerFactory()
    resultaat = importeer_register(pad=KLEIN, door=beheerder)

    gebeurtenis = Gebeurtenis.objects.get(actie="scholenregister.geimporteerd")
    assert gebeurtenis.onderwerp == resultaat.registerimport
    assert gebeurtenis.door == resultaat.registerimport.door == beheerder
    assert gebeurtenis.gegevens["dubbele_codes"] == 1
    assert resultaat.registerimport.rapport == resultaat.rapport


# -- bad files change nothing ------------------------------------------------------------


@pytest.mark.django_db
def test_malformed_features_change_nothing_and_are_all_named(tmp_path):
    draai(KLEIN)
    voor = momentopname()
    data = klein_register()
    data["features"][3]["properties"]["vestigingscode"] = "31JC6"
    del data["features"][4]["properties"]["naam"]
    data["features"][5]["geometry"]["coordinates"] = [53.1, 6.1]
    data["features"][6]["properties"]["leerlingen"] = "veel"
    data["features"][7]["properties"]["provincie"] = "Vlaanderen"
    data["features"][9]["properties"]["naam"] = "A" * 201

    with pytest.raises(CommandError) as fout:
        draai(schrijf(tmp_path / "kapot.geo.json", data))

    melding = str(fout.value)
    assert "6 van de 11 rijen bevatten fouten. Er is niets gewijzigd." in melding
    assert "feature 4 (31JC6): vestigingscode '31JC6' is ongeldig" in melding
    assert "feature 5 (05AV03): eigenschap 'naam' ontbreekt" in melding
    assert "feature 6 (00LD00): coördinaten [53.1, 6.1] lijken verwisseld" in melding
    assert "feature 7 (12XR00): leerlingen 'veel' is geen aantal" in melding
    assert "feature 8 (17VP00): onbekende provincie 'Vlaanderen'" in melding
    assert "feature 10 (14EZ00): naam is langer dan 200 tekens" in melding
    assert momentopname() == voor


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bederf", "verwacht"),
    [
        (lambda d: d["features"][0]["properties"].pop("provincie"), "'provincie' ontbreekt"),
        (
            lambda d: d["features"][0].update(geometry={"type": "Point", "coordinates": [1, 2]}),
            "liggen niet in Nederland",
        ),
        (lambda d: d["features"][0].update(geometry={"type": "Polygon"}), "geen Point"),
        (lambda d: d["features"][0]["properties"].update(brin_nummer="99ZZ"), "past niet bij"),
        (lambda d: d["features"][0]["properties"].update(postcode="25169"), "postcode '25169'"),
    ],
)
def test_each_kind_of_row_error_is_caught(tmp_path, bederf, verwacht):
    data = klein_register()
    bederf(data)

    with pytest.raises(Registerfout, match=verwacht) as fout:
        importeer_register(pad=schrijf(tmp_path / "kapot.geo.json", data))

    assert fout.value.fouten[0].nummer == 1
    assert Vestiging.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [
        (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "prop', "afgekapt"),
        (b'{"type": "FeatureCollection", "features": [}', "geen geldige JSON"),
        (b'{"type": "Feature"}', "geen FeatureCollection"),
        (b"", "leeg"),
        (b"gewoon wat tekst", "Onbekend bestandsformaat"),
        (b"PROVINCIE;PLAATSNAAM\r\nUtrecht;UTRECHT\r\n", "mist de kolom"),
    ],
)
def test_unusable_files_are_refused_with_a_dutch_message(tmp_path, inhoud, verwacht):
    pad = tmp_path / "register.bin"
    pad.write_bytes(inhoud)

    with pytest.raises(Registerfout, match=verwacht):
        importeer_register(pad=pad, peildatum=PEILDATUM)

    assert Vestiging.objects.count() == 0


@pytest.mark.django_db
def test_a_failure_while_writing_rolls_everything_back(monkeypatch):
    draai(KLEIN)
    voor = momentopname()

    def kapot(**kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr("partners.register.importeer.leg_vast", kapot)
    # A new date gives the import work to do (and roll back) before the record fails.
    with pytest.raises(RuntimeError):
        importeer_register(pad=KLEIN, peildatum=datetime.date(2025, 3, 1))

    assert momentopname() == voor


@pytest.mark.django_db
def test_csv_row_errors_name_the_line(tmp_path):
    regels = PO_CSV.read_bytes().decode("cp1252").splitlines()
    regels[2] = regels[2].replace(";14YX;00;", ";14YX;0X;")
    regels[4] = regels[4].rsplit(";", 3)[0]  # too few fields
    pad = tmp_path / "po.csv"
    pad.write_bytes("\r\n".join(regels).encode("cp1252"))

    with pytest.raises(Registerfout) as fout:
        importeer_register(pad=pad, peildatum=PEILDATUM)

    melding = str(fout.value)
    assert "regel 3 (0X): vestigingscode '0X' is ongeldig" in melding
    assert "regel 5: heeft 17 velden, de kopregel 20" in melding


# -- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("register", "leesbaar"),
    [
        ("S GRAVENHAGE", "'s-Gravenhage"),
        ("S HERTOGENBOSCH", "'s-Hertogenbosch"),
        ("'S-GRAVENZANDE", "'s-Gravenzande"),
        ("CAPELLE AAN DEN IJSSEL", "Capelle aan den IJssel"),
        ("IJSSELSTEIN", "IJsselstein"),
        ("ALPHEN AAN DEN RIJN", "Alphen aan den Rijn"),
        ("REUSEL-DE MIERDEN", "Reusel-De Mierden"),
        ("HARDINXVELD-GIESSENDAM", "Hardinxveld-Giessendam"),
        ("DE BILT", "De Bilt"),
        ("HET HOGELAND", "Het Hogeland"),
        ("LAND VAN CUIJK", "Land van Cuijk"),
        ("EIJSDEN-MARGRATEN", "Eijsden-Margraten"),
        ("SUDWEST-FRYSLAN", "Súdwest-Fryslân"),
        ("BERGEN NH", "Bergen (NH.)"),
        ("Zoetermeer", "Zoetermeer"),
    ],
)
def test_readable_municipality_names(register, leesbaar):
    assert leesbare_naam(register) == leesbaar


@pytest.mark.django_db
def test_long_lists_of_row_errors_are_cut_off_but_counted(tmp_path):
    data = klein_register()
    voorbeeld = data["features"][0]
    data["features"] = []
    for nummer in range(60):
        feature = copy.deepcopy(voorbeeld)
        feature["properties"]["vestigingscode"] = f"32DD{nummer:03d}"
        data["features"].append(feature)

    with pytest.raises(Registerfout) as fout:
        importeer_register(pad=schrijf(tmp_path / "kapot.geo.json", data))

    melding = str(fout.value)
    assert len(fout.value.fouten) == 60
    assert "feature 50 (32DD049)" in melding
    assert "feature 51 (32DD050)" not in melding
    assert "... en nog 10 rijen met fouten." in melding


@pytest.mark.django_db
def test_a_file_missing_many_known_branches_needs_confirmation():
    draai(KLEIN)
    VestigingFactory.create_batch(60)  # basisscholen the po file below does not list
    voor = momentopname()

    with pytest.raises(CommandError, match="mist 62 van de 64 bekende vestigingen"):
        draai(PO_CSV, peildatum="2025-01-06")
    assert momentopname() == voor

    proef = draai(PO_CSV, peildatum="2025-01-06", dry_run=True)
    assert "Let op: Dit bestand mist 62 van de 64" in proef

    draai(PO_CSV, peildatum="2025-01-06", accepteer_verdwenen=True)
    assert Vestiging.objects.filter(in_register=False).count() == 62


@pytest.mark.django_db
def test_a_new_import_keeps_the_administrators_decision_on_counting():
    from partners.services import beoordeel_vestiging

    draai(KLEIN)
    vbo = Vestiging.objects.get(vestigingscode="31JC06")
    beoordeel_vestiging(
        vestiging=vbo, telt_mee=True, reden="Heeft ook een mavo-afdeling.", door=None
    )

    uitvoer = draai(KLEIN)

    vbo.refresh_from_db()
    assert (vbo.telt_mee, vbo.telt_mee_besluit) == (True, True)
    assert vbo.telt_mee_reden == "Heeft ook een mavo-afdeling."
    assert "Besluit van de beheerder behouden: bij 1 vestigingen" in uitvoer
    assert "Niets gewijzigd" in uitvoer
