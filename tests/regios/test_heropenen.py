"""Reopening is offered only where it is possible, and only to who may do it.

Before: every frozen dossier page told everybody "Om iets te wijzigen heropent de
programmamanager het dossier", also in review, granted or rejected, and the reopen form
opened (and was only refused on submit).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from ecosysteem.models import Gebeurtenis
from ecosysteem.rollen import BEOORDELAARS
from regios.models import Regio, Regiostatus, Rolsoort
from subsidie.services import dien_in
from subsidie.services.beoordeling import wijs_beoordelaar_toe
from tests.dossiers import compleet_dossier
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

HINT = "Om iets te wijzigen"
PAGINAS = ("subsidie:dossier", "regios:gegevens", "subsidie:indienen")


def url(naam, regio):
    return reverse(naam, kwargs={"slug": regio.slug})


def ingelogd(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


def ingediend():
    d = compleet_dossier()
    dien_in(regio=d.regio, door=d.programmamanager)
    d.regio.refresh_from_db()
    return d


def in_beoordeling():
    d = ingediend()
    beoordelaar = GebruikerFactory()
    beoordelaar.groups.add(Group.objects.get(name=BEOORDELAARS))
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    d.regio.refresh_from_db()
    return d


def test_the_programme_manager_is_offered_reopening_while_the_review_has_not_started():
    d = ingediend()
    client = ingelogd(d.programmamanager)
    for naam in ("regios:gegevens", "subsidie:vestigingen", "regios:partners"):
        pagina = client.get(url(naam, d.regio)).content.decode()
        assert "ligt vast" in pagina, naam
        assert HINT in pagina, naam
        assert url("subsidie:heropenen", d.regio) in pagina, naam
    assert 'name="reden"' in client.get(url("subsidie:heropenen", d.regio)).content.decode()


@pytest.mark.parametrize("rol", [Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID])
def test_readers_who_cannot_reopen_are_not_told_to(rol):
    d = ingediend()
    client = ingelogd(d.lid(rol))
    for naam in PAGINAS:
        pagina = client.get(url(naam, d.regio)).content.decode()
        assert "ligt vast" in pagina, naam
        assert HINT not in pagina, naam
    pagina = client.get(url("subsidie:heropenen", d.regio)).content.decode()
    assert 'name="reden"' not in pagina
    assert "Alleen de programmamanager kan dit dossier heropenen." in pagina
    assert client.post(url("subsidie:heropenen", d.regio), {"reden": "x"}).status_code == 403


@pytest.mark.parametrize(
    "status", [Regiostatus.IN_BEOORDELING, Regiostatus.TOEGEKEND, Regiostatus.AFGEWEZEN]
)
def test_no_reopening_once_the_review_has_started_or_is_decided(status):
    d = in_beoordeling()
    if status != Regiostatus.IN_BEOORDELING:
        # Set-up shortcut; the decision itself is tested with the review.
        Regio.objects.filter(pk=d.regio.pk).update(status=status)
    client = ingelogd(d.programmamanager)
    for naam in PAGINAS:
        pagina = client.get(url(naam, d.regio)).content.decode()
        assert HINT not in pagina, naam
        assert "Zolang het ministerie nog niet met de beoordeling is begonnen" not in pagina

    reden = "Alleen een ingediend dossier dat nog niet in beoordeling is, kan worden heropend."
    formulier = client.get(url("subsidie:heropenen", d.regio))
    assert formulier.status_code == 200
    assert 'name="reden"' not in formulier.content.decode()
    assert reden in formulier.content.decode()

    gebeurtenissen = Gebeurtenis.objects.count()
    antwoord = client.post(
        url("subsidie:heropenen", d.regio), {"reden": "Toch nog iets"}, follow=True
    )
    assert reden in antwoord.content.decode()
    assert antwoord.redirect_chain[-1][0] == url("subsidie:indienen", d.regio)
    d.regio.refresh_from_db()
    assert d.regio.status == status
    assert Gebeurtenis.objects.count() == gebeurtenissen


def test_a_concept_dossier_has_nothing_to_reopen():
    d = compleet_dossier()
    client = ingelogd(d.programmamanager)
    pagina = client.get(url("subsidie:heropenen", d.regio)).content.decode()
    assert 'name="reden"' not in pagina
    assert "Alleen een ingediend dossier" in pagina
