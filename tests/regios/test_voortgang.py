"""Progress you can see: the dossier's navigation marks each part with eligibility rules as
complete or not, from the rules the page checked anyway (or, on other pages, the result
remembered for this version of the dossier); the overview names the period's step and the
date that comes next."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regios import voortgang
from regios.models import Regio, Tijdvak
from subsidie.toetsing import Toetsresultaat
from tests.dossiers import compleet_dossier, leeg_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lege_cache():
    cache.clear()
    yield
    cache.clear()


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(naam: str, regio: Regio) -> str:
    return reverse(naam, kwargs={"slug": regio.slug})


def markering(html: str, deel: str) -> str | None:
    """The mark after a part's name in the dossier navigation: 'voldoet', 'voldoet nog niet'
    or None."""
    lijst = html[html.index('id="dossiermenu-lijst"') :]
    lijst = lijst[: lijst.index("</ul>")]
    item = re.search(rf">{re.escape(deel)}(.*?)</a>", lijst, re.S)
    assert item, f"{deel} staat niet in de navigatie"
    gevonden = re.search(r"\((voldoet(?: nog niet)?)\)", item.group(1))
    return gevonden.group(1) if gevonden else None


def test_rules_per_part_all_must_pass():
    def r(plek, geslaagd):
        return Toetsresultaat(code=plek, titel="", geslaagd=geslaagd, bericht="", plek=plek)

    delen = voortgang.per_deel(
        [r("vestigingen", True), r("vestigingen", False), r("partners", True)]
    )
    assert delen == {"vestigingen": False, "partners": True}


def test_overview_of_an_empty_dossier_marks_the_parts_that_do_not_pass_yet():
    d = leeg_dossier()
    html = ingelogd(d.programmamanager).get(url("subsidie:dossier", d.regio)).content.decode()
    assert markering(html, "Vestigingen") == "voldoet nog niet"
    assert markering(html, "Partners") == "voldoet nog niet"
    # One programme manager is there: the roles rule passes.
    assert markering(html, "Rollen") == "voldoet"
    # Parts without rules carry no mark.
    assert markering(html, "Tijdlijn") is None
    assert markering(html, "Activiteiten") is None


def test_a_complete_dossier_marks_every_part_with_rules_as_complete():
    d = compleet_dossier()
    html = ingelogd(d.programmamanager).get(url("subsidie:dossier", d.regio)).content.decode()
    for deel in ("Gegevens en STO", "Vestigingen", "Partners", "Rollen", "Cofinanciering"):
        assert markering(html, deel) == "voldoet", deel
    assert markering(html, "Begroting") == "voldoet"


def test_other_pages_show_the_remembered_result_until_the_dossier_changes():
    d = leeg_dossier()
    client = ingelogd(d.programmamanager)
    # Before any page checked the rules, a page without them shows no marks.
    html = client.get(url("regios:partners", d.regio)).content.decode()
    assert markering(html, "Vestigingen") is None
    client.get(url("subsidie:dossier", d.regio))
    html = client.get(url("regios:partners", d.regio)).content.decode()
    assert markering(html, "Vestigingen") == "voldoet nog niet"
    # A change raises the dossier's version: the remembered result no longer applies.
    Regio.objects.filter(pk=d.regio.pk).update(versie=d.regio.versie + 1)
    html = client.get(url("regios:partners", d.regio)).content.decode()
    assert markering(html, "Vestigingen") is None


def test_the_marks_cost_no_query_on_a_page_without_the_rules():
    d = leeg_dossier()
    client = ingelogd(d.programmamanager)
    client.get(url("regios:rollen", d.regio))
    with CaptureQueriesContext(connection) as zonder:
        client.get(url("regios:rollen", d.regio))
    client.get(url("subsidie:dossier", d.regio))
    with CaptureQueriesContext(connection) as met:
        html = client.get(url("regios:rollen", d.regio)).content.decode()
    assert markering(html, "Vestigingen") == "voldoet nog niet"
    assert len(zonder) > 0
    assert len(met) == len(zonder)


@pytest.mark.parametrize(
    ("vandaag", "open_", "stap", "datum"),
    [
        (datetime.date(2026, 3, 1), True, "aanvragen", datetime.date(2026, 8, 1)),
        (datetime.date(2026, 3, 1), False, "voorbereiding", datetime.date(2026, 8, 1)),
        (datetime.date(2027, 3, 1), False, "uitvoering", datetime.date(2028, 7, 31)),
        (datetime.date(2028, 7, 31), False, "uitvoering", datetime.date(2028, 7, 31)),
        (datetime.date(2028, 8, 1), False, "afgelopen", datetime.date(2028, 7, 31)),
    ],
)
def test_period_step_and_next_date(vandaag, open_, stap, datum):
    tijdvak = Tijdvak(
        naam="T",
        code="t",
        eerste_schooljaar=2026,
        aantal_schooljaren=2,
        startdatum=datetime.date(2026, 8, 1),
        einddatum=datetime.date(2028, 7, 31),
        aanvragen_open=open_,
    )
    code, _naam, volgende = tijdvak.stap(vandaag)
    assert (code, volgende) == (stap, datum)


def test_overview_names_the_periods_step_and_its_date():
    d = leeg_dossier()
    tijdvak = d.regio.tijdvak
    _code, naam, datum = tijdvak.huidige_stap
    html = ingelogd(d.programmamanager).get(url("subsidie:dossier", d.regio)).content.decode()
    regel = re.search(r'id="tijdvak-stap">(.*?)</p>', html, re.S).group(1)
    assert str(naam) in regel
    maanden = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december"]  # fmt: skip
    assert f"{datum.day} {maanden[datum.month - 1]} {datum.year}" in regel
    # Only on the overview.
    html = ingelogd(d.programmamanager).get(url("regios:partners", d.regio)).content.decode()
    assert 'id="tijdvak-stap"' not in html
