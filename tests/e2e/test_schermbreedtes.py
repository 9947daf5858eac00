"""Every main page at a laptop width (1280 px) and a phone width (390 × 844), in each role,
with a dossier as big as a real one and long names: no table is wider than its column at
1280 px, the page's own content (its first section heading after the title and the
navigation) starts on the first phone screen, and axe finds no violations at either width.

Screenshots of the branches page, the queue and the ministry overview at both widths are
saved under $E2E_SCHERMAFDRUKKEN (or the test's tmp_path)."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from ecosysteem.rollen import BEOORDELAARS
from kompas.models import (
    Activiteit,
    Interventieniveau,
    Kompaspunt,
    Scaninzending,
    Scanronde,
    Scanscore,
)
from kompas.scan import VRAAGCODES
from partners.models import Organisatie, Organisatiesoort, Provincie, Vestiging
from regios.models import Deelname, Rolsoort
from subsidie.services import dien_in
from tests.dossiers import compleet_dossier
from tests.e2e.conftest import beschrijf_overtredingen
from tests.factories import GebruikerFactory, OrganisatieFactory, PersoonFactory, RolFactory

pytestmark = pytest.mark.e2e

BREED = {"width": 1280, "height": 900}
SMAL = {"width": 390, "height": 844}

LANGE_SCHOOLNAAM = "Christelijke Basisschool Het Kompas van de Westerkwartierse Lindenhof"
LANGE_ORGANISATIE = "Stichting voor Openbaar Primair Onderwijs Noordoost-Groningen en Omstreken"

# Per table in the page's content: how much wider it is than its container (0 is fine).
TABELLEN_TE_BREED = """() => {
  const inhoud = document.querySelector('#inhoud');
  return [...inhoud.querySelectorAll('table')]
    .filter(t => t.offsetParent !== null)
    .map(t => {
      const houder = t.closest('.utrecht-table-container') || t.parentElement;
      return {
        tabel: (t.caption && t.caption.innerText.trim()) || t.id || '(zonder bijschrift)',
        teveel: Math.ceil(t.getBoundingClientRect().width) - houder.clientWidth,
        inhoudTeveel: houder.scrollWidth - houder.clientWidth,
      };
    })
    .filter(r => r.teveel > 1 || r.inhoudTeveel > 1);
}"""

# The page's own content: the first section heading after the page title; for a page
# without one, the first element after the title.
BEGIN_INHOUD = """() => {
  const inhoud = document.querySelector('#inhoud');
  const kop = [...inhoud.querySelectorAll('h2')].find(h => h.offsetParent !== null);
  const el = kop || inhoud.querySelector('h1 ~ *');
  const r = el.getBoundingClientRect();
  return {tekst: el.innerText.slice(0, 60), boven: r.top + window.scrollY,
          onder: r.bottom + window.scrollY};
}"""


def medewerker(groep):
    gebruiker = GebruikerFactory(first_name="Mira", last_name="van het Ministerie")
    gebruiker.groups.add(Group.objects.get(name=groep))
    return gebruiker


def groot_dossier(naam: str, slug: str):
    """A complete dossier with 60 branches, long school and partner names, several
    roles, an activity and a closed scan round with results."""
    d = compleet_dossier(naam=naam, slug=slug, po=55, vo=5)
    regio = d.regio
    regio.provincies.set(Provincie.objects.filter(naam__in=["Groningen", "Drenthe"]))
    for i, vestiging in enumerate(Vestiging.objects.filter(deelnames__regio=regio)):
        vestiging.naam = f"{LANGE_SCHOOLNAAM} {i}"
        vestiging.plaats = "Oostermoer-Zuidlaardermeerstreek"
        vestiging.save()
    for i in range(6):
        org = OrganisatieFactory(
            naam=f"{LANGE_ORGANISATIE} {i}",
            soort=Organisatiesoort.SCHOOLBESTUUR if i % 2 else Organisatiesoort.BEDRIJF,
        )
        Deelname.objects.create(regio=regio, organisatie=org)
        RolFactory(
            regio=regio,
            persoon=PersoonFactory(
                organisatie=org, voornaam="Maria-Magdalena", achternaam=f"van der Heijden-{i}"
            ),
            soort=Rolsoort.CONTACTPERSOON,
        )
    Organisatie.objects.filter(deelnames__regio=regio, deelnames__is_penvoerder=True).update(
        naam=LANGE_ORGANISATIE + " (penvoerder)"
    )
    punt, _ = Kompaspunt.objects.get_or_create(
        slug="regionale-samenwerking",
        defaults={"naam": "Regionale samenwerking", "volgorde": 10, "samenvatting": "Samen"},
    )
    activiteit = Activiteit.objects.create(
        regio=regio,
        titel="Techniekweek voor alle groepen zeven en acht van de deelnemende scholen",
        beschrijving="Een week lang techniek in de klas, met gastlessen van bedrijven.",
        interventieniveau=Interventieniveau.REGIONAAL,
        doelgroepen=["leraren"],
        schooljaren=[regio.tijdvak.eerste_schooljaar],
        bereik_leerlingen=1200,
        bereik_vestigingen=30,
    )
    activiteit.kompaspunten.set([punt])
    ronde = Scanronde.objects.create(regio=regio, naam="Voorjaar 2026", gesloten_op=timezone.now())
    for i in range(4):
        inzending = Scaninzending.objects.create(
            ronde=ronde, persoon=PersoonFactory(), organisatiesoort=Organisatiesoort.PO_SCHOOL
        )
        Scanscore.objects.bulk_create(
            [
                Scanscore(inzending=inzending, vraag=code, score=3 + i % 2, toelichting="")
                for code in VRAAGCODES
            ]
        )
    d.ronde = ronde
    return d


def controleer_pagina(
    page, adres, pad, naam, controleer_toegankelijkheid, axe_overtredingen, schermafdruk, foto
):
    fouten = []
    for breedte, viewport in (("1280", BREED), ("390", SMAL)):
        page.set_viewport_size(viewport)
        antwoord = page.goto(adres(pad))
        assert antwoord.status == 200, f"{naam}: {antwoord.status}"
        if breedte == "1280":
            te_breed = page.evaluate(TABELLEN_TE_BREED)
            if te_breed:
                fouten.append(f"{naam} @1280: tabel te breed: {te_breed}")
        else:
            begin = page.evaluate(BEGIN_INHOUD)
            if begin["boven"] > SMAL["height"] - 40:
                fouten.append(f"{naam} @390: inhoud begint op {begin['boven']:.0f}px: {begin}")
            pagina_breed = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            if pagina_breed > 1:
                fouten.append(f"{naam} @390: pagina {pagina_breed}px te breed")
        try:
            controleer_toegankelijkheid()
        except AssertionError as fout:
            fouten.append(f"{naam} @{breedte}: axe: {fout}")
        # Landmarks with the same role and name (axe's best practice, not in WCAG's tags).
        dubbel = [
            o for o in axe_overtredingen(["best-practice"]) if o["id"].startswith("landmark-")
        ]
        if dubbel:
            fouten.append(f"{naam} @{breedte}: {beschrijf_overtredingen(dubbel)}")
        if foto:
            schermafdruk(f"{foto}-{breedte}")
    return fouten


@pytest.mark.parametrize("rol", ["programmamanager", "ministerie", "publiek"])
def test_every_main_page_fits_both_widths(
    rol, page, adres, ingelogd_als, controleer_toegankelijkheid, axe_overtredingen, schermafdruk
):
    live = groot_dossier("Techniekregio Noordoost-Groningen en het Oldambt", "noordoost")
    slug = live.regio.slug
    if rol == "programmamanager":
        ingelogd_als(live.programmamanager)
        paginas = [
            ("overzicht", reverse("subsidie:dossier", kwargs={"slug": slug}), None),
            ("partners", reverse("regios:partners", kwargs={"slug": slug}), None),
            ("vestigingen", reverse("subsidie:vestigingen", kwargs={"slug": slug}), "vestigingen"),
            ("rollen", reverse("regios:rollen", kwargs={"slug": slug}), None),
            ("begroting", reverse("subsidie:begroting", kwargs={"slug": slug}), None),
            ("cofinanciering", reverse("subsidie:cofinanciering", kwargs={"slug": slug}), None),
            ("activiteiten", reverse("kompas:activiteiten", kwargs={"slug": slug}), None),
            ("kompas", reverse("kompas:kompas"), None),
            ("scan", reverse("kompas:scan", kwargs={"slug": slug}), None),
            (
                "scan-uitslag",
                reverse("kompas:scan_uitslag", kwargs={"slug": slug, "pk": live.ronde.pk}),
                None,
            ),
            ("tijdlijn", reverse("regios:tijdlijn", kwargs={"slug": slug}), None),
        ]
    elif rol == "ministerie":
        ingediend = groot_dossier("Techregio Zuidoost-Drenthe en de Veenkoloniën", "zuidoost")
        dien_in(regio=ingediend.regio, door=ingediend.programmamanager)
        for i in range(8):
            extra = compleet_dossier(
                naam=f"Samenwerkingsverband Techniekonderwijs Regio {i}", slug=f"extra-{i}"
            )
            extra.regio.provincies.set(Provincie.objects.filter(naam="Noord-Brabant"))
            dien_in(regio=extra.regio, door=extra.programmamanager)
        ingelogd_als(medewerker(BEOORDELAARS))
        s = ingediend.regio.slug
        paginas = [
            ("wachtrij", reverse("subsidie:wachtrij"), "wachtrij"),
            ("overzicht", reverse("subsidie:ministerie_overzicht"), "ministerie-overzicht"),
            ("aanvraag", reverse("subsidie:beoordeling", kwargs={"slug": s}), None),
            ("beoordeling", reverse("subsidie:beoordeling_stand", kwargs={"slug": s}), None),
        ]
    else:
        paginas = [
            ("home", reverse("home"), None),
            ("kaart", reverse("regios:netwerkkaart"), None),
            ("aanmelden", reverse("regios:aanmelden", kwargs={"slug": slug}), None),
        ]
    assert Decimal(live.regio.deelnames.count()) > 60

    fouten = []
    for naam, pad, foto in paginas:
        fouten += controleer_pagina(
            page,
            adres,
            pad,
            naam,
            controleer_toegankelijkheid,
            axe_overtredingen,
            schermafdruk,
            foto,
        )
    assert not fouten, "\n".join(fouten)
