"""The public intervention compass: list, search, factsheet, the admin's cleaning of rich
text, and the start content of the data migration."""

import importlib
import itertools
import re

import pytest
from django.apps import apps
from django.db import connection
from django.forms import modelform_factory
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompas.admin import FactsheetFormulier, KompaspuntFormulier
from kompas.models import Hulpmiddel, Kompaspunt, Onderzoeksinzicht, Praktijkvoorbeeld
from kompas.sanering import schoon_html, veilige_link
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

LIJST = reverse("kompas:kompas")


def maak_kompaspunt(naam: str, **velden) -> Kompaspunt:
    slug = naam.lower().replace(" ", "-")
    velden.setdefault("samenvatting", f"Samenvatting van {naam}.")
    return Kompaspunt.objects.create(naam=naam, slug=slug, **velden)


def maak_factsheet(kompaspunt: Kompaspunt, aantal: int = 1) -> None:
    for nummer in range(aantal):
        Praktijkvoorbeeld.objects.create(
            kompaspunt=kompaspunt, titel=f"Voorbeeld {nummer}", tekst="<p>Voorbeeld.</p>"
        )
        Onderzoeksinzicht.objects.create(
            kompaspunt=kompaspunt, titel=f"Inzicht {nummer}", tekst="<p>Inzicht.</p>", bron="X"
        )
        Hulpmiddel.objects.create(
            kompaspunt=kompaspunt,
            titel=f"Hulpmiddel {nummer}",
            tekst="<p>Hulpmiddel.</p>",
            link="https://www.techkwadraat.nl/",
        )


def namen(antwoord) -> list[str]:
    return [kompaspunt.naam for kompaspunt in antwoord.context["kompaspunten"]]


# --- the list and the search ---------------------------------------------------------------


def test_lijst_toont_gepubliceerde_kompaspunten_met_aantallen_zonder_inloggen(client):
    punt = maak_kompaspunt("Ouders betrekken", volgorde=1)
    maak_factsheet(punt, aantal=2)
    maak_kompaspunt("Nog in de maak", gepubliceerd=False)

    antwoord = client.get(LIJST)

    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "Ouders betrekken" in inhoud
    assert "Samenvatting van Ouders betrekken." in inhoud
    assert "Nog in de maak" not in inhoud
    assert "2 praktijkvoorbeelden" in inhoud
    assert "2 inzichten uit onderzoek" in inhoud
    assert "2 tools en handvatten" in inhoud
    assert f'href="{punt.get_absolute_url()}"' in inhoud
    gevonden = next(k for k in antwoord.context["kompaspunten"] if k.pk == punt.pk)
    assert (gevonden.aantal_voorbeelden, gevonden.aantal_inzichten) == (2, 2)


def test_een_kompaspunt_zonder_factsheet_telt_nul(client):
    maak_kompaspunt("Leeg punt")

    antwoord = client.get(LIJST, {"q": "Leeg punt"})

    inhoud = antwoord.content.decode()
    assert "0 praktijkvoorbeelden" in inhoud
    assert "0 tools en handvatten" in inhoud


def test_zoeken_vindt_een_tekst_uit_de_factsheet(client):
    punt = maak_kompaspunt("Ouders betrekken")
    Onderzoeksinzicht.objects.create(
        kompaspunt=punt,
        titel="Thuis praten over techniek",
        tekst="<p>Gezinnen in een <strong>museumprogramma</strong> gingen samen bouwen.</p>",
        bron="Voorbeeldbron (2020)",
    )
    maak_kompaspunt("Iets anders")

    assert namen(client.get(LIJST, {"q": "museumprogramma"})) == ["Ouders betrekken"]
    # Every word must occur, each may sit in another text of the same point.
    assert namen(client.get(LIJST, {"q": "voorbeeldbron ouders"})) == ["Ouders betrekken"]
    assert namen(client.get(LIJST, {"q": "museumprogramma zeppelin"})) == []


def test_zoeken_vindt_naam_samenvatting_en_beschrijving(client):
    maak_kompaspunt("Zeppelins", samenvatting="Luchtvaart in de klas.")
    maak_kompaspunt("Onderwaterrobots", beschrijving="<p>Duiken met een onderwaterdrone.</p>")

    assert namen(client.get(LIJST, {"q": "zeppelins"})) == ["Zeppelins"]
    assert namen(client.get(LIJST, {"q": "luchtvaart"})) == ["Zeppelins"]
    assert namen(client.get(LIJST, {"q": "onderwaterdrone"})) == ["Onderwaterrobots"]


def test_zoeken_zonder_treffer_zegt_dat_en_biedt_de_hele_lijst(client):
    antwoord = client.get(LIJST, {"q": "xyzzy"})

    inhoud = antwoord.content.decode()
    assert "0 kompaspunten gevonden voor ‘xyzzy’" in inhoud
    assert "Toon alle kompaspunten" in inhoud
    assert 'value="xyzzy"' in inhoud


def test_zoeken_vindt_geen_ongepubliceerd_kompaspunt(client):
    maak_kompaspunt("Geheim plan", gepubliceerd=False)

    assert namen(client.get(LIJST, {"q": "geheim"})) == []


def test_zoektekst_wordt_ontsnapt(client):
    antwoord = client.get(LIJST, {"q": "<script>alert(1)</script>"})

    inhoud = antwoord.content.decode()
    assert "<script>alert(1)</script>" not in inhoud
    assert "&lt;script&gt;" in inhoud


def aantal_queries(client, adres: str, **params) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(adres, params).status_code == 200
    return len(vastgelegd.captured_queries)


def test_lijst_kost_vaste_aantal_queries(client):
    Kompaspunt.objects.all().delete()
    for nummer in range(2):
        maak_factsheet(maak_kompaspunt(f"Punt {nummer}"), aantal=2)
    weinig = aantal_queries(client, LIJST)
    weinig_zoeken = aantal_queries(client, LIJST, q="voorbeeld punt")

    for nummer in range(2, 10):
        maak_factsheet(maak_kompaspunt(f"Punt {nummer}"), aantal=3)
    veel = aantal_queries(client, LIJST)
    veel_zoeken = aantal_queries(client, LIJST, q="voorbeeld punt")

    assert Kompaspunt.objects.count() == 10
    assert veel == weinig
    assert veel_zoeken == weinig_zoeken


# --- the factsheet ---------------------------------------------------------------------------


def test_factsheet_toont_de_drie_delen_met_bron_en_link(client):
    punt = maak_kompaspunt("Ouders betrekken", beschrijving="<p>Over <em>ouders</em>.</p>")
    Praktijkvoorbeeld.objects.create(
        kompaspunt=punt, titel="Familiedag", tekst="<p>Een dag vol techniek.</p>", waar="Assen"
    )
    Onderzoeksinzicht.objects.create(
        kompaspunt=punt,
        titel="Thuis telt",
        tekst="<p>Ouders doen ertoe.</p>",
        bron="Jansen (2021), Ouders en techniek",
        link="https://example.org/onderzoek",
    )
    Hulpmiddel.objects.create(
        kompaspunt=punt,
        titel="Gesprekskaarten",
        tekst="<p>Voor een ouderavond.</p>",
        link="https://www.techkwadraat.nl/",
    )

    antwoord = client.get(punt.get_absolute_url())

    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "<p>Over <em>ouders</em>.</p>" in inhoud
    posities = [
        inhoud.index(tekst)
        for tekst in (
            ">Praktijkvoorbeelden</h2>",
            "Familiedag",
            ">Inzichten uit onderzoek</h2>",
            "Thuis telt",
            "Jansen (2021), Ouders en techniek",
            ">Tools en handvatten</h2>",
            "Gesprekskaarten",
        )
    ]
    assert posities == sorted(posities)
    assert "Assen" in inhoud
    assert 'href="https://example.org/onderzoek" rel="noopener">Jansen (2021)' in inhoud
    assert 'href="https://www.techkwadraat.nl/" rel="noopener">techkwadraat.nl</a>' in inhoud
    # The breadcrumb leads back to the compass.
    assert antwoord.context["kruimelpad"][1][1] == LIJST
    assert antwoord.context["kruimelpad"][-1][0] == "Ouders betrekken"


def test_factsheet_koppen_staan_in_volgorde(client):
    punt = maak_kompaspunt("Ouders betrekken")
    maak_factsheet(punt)

    inhoud = client.get(punt.get_absolute_url()).content.decode()

    hoofdinhoud = inhoud.split('id="inhoud"')[1].split("</main>")[0]
    niveaus = [int(n) for n in re.findall(r"<h([1-6])\b", hoofdinhoud)]
    assert niveaus[0] == 1
    # Never a level skipped on the way down, so the outline has no holes.
    assert all(b - a <= 1 for a, b in itertools.pairwise(niveaus))


def test_ongepubliceerd_kompaspunt_geeft_404_aan_bezoekers(client):
    punt = maak_kompaspunt("Nog in de maak", gepubliceerd=False)

    assert client.get(punt.get_absolute_url()).status_code == 404
    client.force_login(GebruikerFactory())
    assert client.get(punt.get_absolute_url()).status_code == 404


def test_beheerder_ziet_een_voorvertoning_van_een_ongepubliceerd_kompaspunt(client):
    punt = maak_kompaspunt("Nog in de maak", gepubliceerd=False)
    client.force_login(GebruikerFactory(is_staff=True, is_superuser=True))

    antwoord = client.get(punt.get_absolute_url())

    assert antwoord.status_code == 200
    assert "Voorvertoning" in antwoord.content.decode()


def test_onbekend_kompaspunt_geeft_404(client):
    assert (
        client.get(reverse("kompas:kompaspunt", kwargs={"slug": "bestaat-niet"})).status_code == 404
    )


def test_hoofdmenu_heeft_een_link_naar_het_kompas(client):
    inhoud = client.get(reverse("home")).content.decode()

    assert f'href="{LIJST}">Interventiekompas</a>' in inhoud


# --- cleaning rich text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vies", "verboden"),
    [
        ("<p>Hallo<script>alert(1)</script></p>", "alert"),
        ('<p onclick="alert(1)">Hallo</p>', "onclick"),
        ('<a href="https://x.nl" onmouseover="alert(1)">Hallo</a>', "onmouseover"),
        ('<a href="javascript:alert(1)">Hallo</a>', "javascript"),
        ('<a href="JaVaScRiPt:alert(1)">Hallo</a>', "alert"),
        ('<a href="data:text/html,&lt;script&gt;">Hallo</a>', "data:"),
        ('<img src="x" onerror="alert(1)">Hallo', "<img"),
        ("<style>p{}</style><p>Hallo</p>", "<style"),
        ('<iframe src="https://x.nl"></iframe><p>Hallo</p>', "iframe"),
        ('<p style="color:red">Hallo</p>', "style"),
        ('<a href="/beheer/">Hallo</a>', "/beheer/"),
    ],
)
def test_schoon_html_haalt_onveilige_opmaak_weg(vies, verboden):
    schoon = schoon_html(vies)

    assert verboden.lower() not in schoon.lower()
    assert "Hallo" in schoon


def test_schoon_html_laat_de_veilige_opmaak_staan():
    tekst = (
        "<h3>Kop</h3><h4>Subkop</h4><p>Een <strong>vet</strong> en <em>schuin</em> woord.<br>"
        "</p><ul><li>een</li></ul><ol><li>twee</li></ol><blockquote>citaat</blockquote>"
    )

    assert schoon_html(tekst) == tekst


def test_links_houden_alleen_href_en_title_en_krijgen_noopener():
    schoon = schoon_html(
        '<a href="https://x.nl/" title="Uitleg" target="_blank" rel="opener">x</a>'
        '<a href="mailto:info@x.nl">mail</a>'
    )

    assert schoon == (
        '<a href="https://x.nl/" title="Uitleg" rel="noopener">x</a>'
        '<a href="mailto:info@x.nl" rel="noopener">mail</a>'
    )


def test_veilige_link_laat_alleen_http_https_en_mailto_door():
    assert veilige_link("https://x.nl/") == "https://x.nl/"
    assert veilige_link("mailto:info@x.nl") == "mailto:info@x.nl"
    assert veilige_link("javascript:alert(1)") == ""
    assert veilige_link(" JAVASCRIPT:alert(1)") == ""
    assert veilige_link("//x.nl/") == ""
    assert veilige_link("") == ""


def test_filter_schoon_houdt_onveilige_inhoud_uit_de_database_van_de_pagina(client):
    # Written past the admin, as a shell or an import could.
    punt = maak_kompaspunt(
        "Vervuild", beschrijving='<p onclick="steel()">Tekst</p><script>steel()</script>'
    )
    Praktijkvoorbeeld.objects.create(
        kompaspunt=punt,
        titel="Voorbeeld",
        tekst='<a href="javascript:steel()">klik</a>',
        link="javascript:steel()",
    )
    Hulpmiddel.objects.create(
        kompaspunt=punt, titel="Hulp", tekst="<p>Hulp</p>", link="javascript:steel()"
    )

    inhoud = client.get(punt.get_absolute_url()).content.decode()

    assert "steel()" not in inhoud
    assert "<p>Tekst</p>" in inhoud


def test_filter_schoon_in_een_sjabloon():
    sjabloon = Template("{% load kompas %}{{ tekst|schoon }}")

    assert sjabloon.render(Context({"tekst": "<em>a</em><script>b</script>"})) == "<em>a</em>"
    assert sjabloon.render(Context({"tekst": None})) == ""


def test_beheerformulier_schoont_de_beschrijving_bij_opslaan():
    formulier = modelform_factory(
        Kompaspunt,
        form=KompaspuntFormulier,
        fields=["naam", "slug", "samenvatting", "beschrijving"],
    )(
        data={
            "naam": "Nieuw",
            "slug": "nieuw",
            "samenvatting": "Kort.",
            "beschrijving": '<p onclick="x()">Lang<script>x()</script></p>',
        }
    )

    assert formulier.is_valid(), formulier.errors
    assert formulier.save().beschrijving == "<p>Lang</p>"


def test_beheer_schoont_factsheetteksten_bij_opslaan(client):
    client.force_login(GebruikerFactory(is_staff=True, is_superuser=True))
    gegevens = {
        "naam": "Via beheer",
        "slug": "via-beheer",
        "samenvatting": "Kort.",
        "beschrijving": "<p>Goed</p><script>fout()</script>",
        "gepubliceerd": "on",
        "volgorde": "0",
    }
    for prefix, rijen in (
        ("praktijkvoorbeelden", [{"titel": "V", "tekst": '<p onclick="fout()">v</p>'}]),
        (
            "onderzoeksinzichten",
            [{"titel": "I", "tekst": '<a href="javascript:fout()">i</a>', "bron": "B"}],
        ),
        (
            "hulpmiddelen",
            [{"titel": "H", "tekst": "<p>h</p><script>fout()</script>", "link": "https://x.nl"}],
        ),
    ):
        gegevens |= {
            f"{prefix}-TOTAL_FORMS": str(len(rijen)),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for nummer, rij in enumerate(rijen):
            gegevens |= {f"{prefix}-{nummer}-{veld}": waarde for veld, waarde in rij.items()}
            gegevens[f"{prefix}-{nummer}-volgorde"] = "0"

    antwoord = client.post(reverse("admin:kompas_kompaspunt_add"), gegevens)

    assert antwoord.status_code == 302, antwoord.context["adminform"].form.errors
    punt = Kompaspunt.objects.get(slug="via-beheer")
    assert punt.beschrijving == "<p>Goed</p>"
    assert punt.praktijkvoorbeelden.get().tekst == "<p>v</p>"
    assert punt.onderzoeksinzichten.get().tekst == '<a rel="noopener">i</a>'
    assert punt.hulpmiddelen.get().tekst == "<p>h</p>"
    assert FactsheetFormulier.html_velden == ("tekst",)


def test_beheer_lijst_zoekt_en_filtert(client):
    client.force_login(GebruikerFactory(is_staff=True, is_superuser=True))
    maak_kompaspunt("Verborgen punt", gepubliceerd=False)
    adres = reverse("admin:kompas_kompaspunt_changelist")

    ongepubliceerd = client.get(adres, {"gepubliceerd__exact": "0"})
    gezocht = client.get(adres, {"q": "Common Eye"})

    assert [k.naam for k in ongepubliceerd.context["cl"].result_list] == ["Verborgen punt"]
    assert [k.naam for k in gezocht.context["cl"].result_list] == ["Regionale samenwerking"]


# --- start content ---------------------------------------------------------------------------


def test_startinhoud_staat_er_na_de_migraties(client):
    for slug, naam in (
        ("regionale-samenwerking", "Regionale samenwerking"),
        ("onderwijsontwikkeling", "Onderwijsontwikkeling"),
    ):
        punt = Kompaspunt.objects.get(slug=slug)
        assert punt.naam == naam
        assert punt.gepubliceerd
        assert 2 <= punt.praktijkvoorbeelden.count() <= 3
        assert 2 <= punt.onderzoeksinzichten.count() <= 3
        assert 2 <= punt.hulpmiddelen.count() <= 3
        assert all(inzicht.bron for inzicht in punt.onderzoeksinzichten.all())
        assert all(h.link.startswith("https://") for h in punt.hulpmiddelen.all())
        # The start content is already clean: saving it through the admin changes nothing.
        for tekst in [punt.beschrijving, *punt.praktijkvoorbeelden.values_list("tekst", flat=True)]:
            assert schoon_html(tekst) == tekst
        assert client.get(punt.get_absolute_url()).status_code == 200


def test_startinhoud_opnieuw_draaien_maakt_niets_dubbel_en_overschrijft_niets():
    migratie = importlib.import_module("kompas.migrations.0002_startinhoud")
    punt = Kompaspunt.objects.get(slug="regionale-samenwerking")
    punt.samenvatting = "Door een beheerder aangepast."
    punt.save()
    aantallen = (Kompaspunt.objects.count(), Praktijkvoorbeeld.objects.count())

    migratie.maak_startinhoud(apps, None)

    assert (Kompaspunt.objects.count(), Praktijkvoorbeeld.objects.count()) == aantallen
    punt.refresh_from_db()
    assert punt.samenvatting == "Door een beheerder aangepast."
