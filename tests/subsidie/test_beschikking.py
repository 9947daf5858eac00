"""The decision as a letter: drafted with reasons from the assessment, read in the
browser, confirmed on a summary that says the outcome in words, and sent; final once sent,
corrected only by a second letter that points to the first."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ecosysteem.models import Gebeurtenis
from ecosysteem.rollen import BEOORDELAARS, BESLUITVORMERS
from regios.models import Regiostatus
from subsidie.models import Besluit, Regeling
from subsidie.services.beoordeling import (
    AlVerstuurd,
    leg_beoordeling_vast,
    neem_besluit,
    verstuur_besluit,
    wijs_beoordelaar_toe,
    wijzig_besluit,
)
from tests.subsidie.test_beoordeling_views import ingediend, ingelogd, medewerker, scores, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def beoordeeld():
    """A submitted dossier, assessed by a reviewer who is a decision maker too."""
    d = ingediend()
    beoordelaar = medewerker(BEOORDELAARS, BESLUITVORMERS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    leg_beoordeling_vast(
        regio=d.regio, scores=scores(d.regio), eindoordeel="Goed.", door=beoordelaar
    )
    d.beoordelaar = beoordelaar
    return d


# Sent on Monday 2 March 2026 (Amsterdam): the last day to object is Monday 13 April.
VERZONDEN = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def test_the_whole_decision_draft_preview_summary_send(
    beoordeeld, django_capture_on_commit_callbacks
):
    d = beoordeeld
    besluitvormer = medewerker(BESLUITVORMERS)
    client = ingelogd(besluitvormer)

    # Draft: the reasons are prefilled from the eligibility check and every criterion.
    formulier = client.get(url("beoordeling_besluit", d.regio)).content.decode()
    assert "voldoet aan alle subsidievoorwaarden" in formulier
    assert "Motivering bij" in formulier and "Goed." in formulier
    antwoord = client.post(
        url("beoordeling_besluit", d.regio),
        {
            "uitkomst": "toekennen",
            "bedrag": "276.495,00",
            "motivering": "Het plan is sterk en breed gedragen.",
        },
    )
    assert antwoord["Location"] == url("beoordeling_samenvatting", d.regio)
    concept = Besluit.objects.get(regio=d.regio)
    assert concept.kenmerk == f"TK-{timezone.localdate().year}-0001"
    assert not concept.is_verstuurd and concept.adressaat is not None
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.IN_BEOORDELING  # nothing decided yet

    # Preview: the letter in the browser, marked as a draft.
    voorbeeld = client.get(
        reverse("subsidie:beoordeling_beschikking", args=[d.regio.slug, concept.kenmerk])
    ).content.decode()
    assert "Concept: deze beschikking is nog niet verstuurd" in voorbeeld
    assert "€\u00a0276.495,00" in voorbeeld and "Het plan is sterk en breed gedragen." in voorbeeld

    # Summary: the outcome in words.
    samenvatting = client.get(url("beoordeling_samenvatting", d.regio)).content.decode()
    assert "U kent €\u00a0276.495,00 toe" in samenvatting

    # Send.
    with (
        mock.patch("django.utils.timezone.now", return_value=VERZONDEN),
        django_capture_on_commit_callbacks(execute=True),
    ):
        verstuurd = client.post(url("beoordeling_versturen", d.regio))
    assert verstuurd.status_code == 302
    besluit = Besluit.objects.get(regio=d.regio)
    assert besluit.is_verstuurd and besluit.verstuurd_op == VERZONDEN
    assert besluit.bezwaar_tot == datetime.date(2026, 4, 13)
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.TOEGEKEND

    # The stored letter holds the amount, the reasons, the legal basis and the last day.
    brief = besluit.brief_html
    regeling = Regeling.objects.get(tijdvak=d.regio.tijdvak)
    assert '<html lang="nl">' in brief
    assert "Concept:" not in brief
    assert "€\u00a0276.495,00" in brief
    assert "Het plan is sterk en breed gedragen." in brief
    assert "Kaderregeling subsidies OCW, SZW en VWS" in brief
    assert regeling.grondslag_tekst[:60] in brief
    assert "uiterlijk op 13 april 2026" in brief
    assert "2 maart 2026" in brief and besluit.kenmerk in brief
    assert "namens deze" in brief and "Postbus 16375" in brief
    assert "Voortgangsverslag schooljaar" in brief

    # The programme managers get a link to the letter.
    pm = [m for m in mail.outbox if d.programmamanager.persoon.email in m.to][-1]
    assert f"/regio/{d.regio.slug}/beschikking/{besluit.kenmerk}/" in pm.body
    assert "13 april 2026" in pm.body
    # ... and read it as it was sent, also from the dossier's overview.
    pmclient = ingelogd(d.programmamanager)
    overzicht = pmclient.get(reverse("subsidie:dossier", args=[d.regio.slug])).content.decode()
    assert besluit.kenmerk in overzicht
    gelezen = pmclient.get(reverse("subsidie:beschikking", args=[d.regio.slug, besluit.kenmerk]))
    assert gelezen.content.decode() == brief
    # Ministry staff read it on the review page.
    stand = client.get(url("beoordeling_stand", d.regio)).content.decode()
    assert f"Beschikking {besluit.kenmerk}" in stand


def test_a_rejection_in_words_and_a_rejection_with_an_amount_is_refused(beoordeeld):
    d = beoordeeld
    besluitvormer = medewerker(BESLUITVORMERS)
    with pytest.raises(ValidationError) as fout:
        neem_besluit(
            regio=d.regio,
            uitkomst="afwijzen",
            bedrag=Decimal("5"),
            motivering="Te weinig samenhang.",
            door=besluitvormer,
        )
    assert fout.value.message_dict["bedrag"] == [
        "Bij afwijzen hoort geen bedrag. Maak het veld leeg of kies toekennen."
    ]
    assert not Besluit.objects.exists()
    neem_besluit(
        regio=d.regio, uitkomst="afwijzen", motivering="Te weinig samenhang.", door=besluitvormer
    )
    samenvatting = ingelogd(besluitvormer).get(url("beoordeling_samenvatting", d.regio))
    assert "U wijst de aanvraag af" in samenvatting.content.decode()


def test_a_sent_decision_cannot_change_and_a_correction_is_a_second_linked_letter(beoordeeld):
    d = beoordeeld
    besluitvormer = medewerker(BESLUITVORMERS)
    eerste = neem_besluit(
        regio=d.regio,
        uitkomst="toekennen",
        bedrag=Decimal("200000"),
        motivering="Goed plan.",
        door=besluitvormer,
    )
    verstuur_besluit(besluit=eerste, door=besluitvormer)
    eerste.refresh_from_db()
    brief = eerste.brief_html

    # The service refuses a change and a second sending.
    with pytest.raises(AlVerstuurd):
        wijzig_besluit(besluit=eerste, door=besluitvormer, bedrag=Decimal("1"))
    with pytest.raises(AlVerstuurd):
        verstuur_besluit(besluit=eerste, door=besluitvormer)
    # The pages refuse too: the draft page is closed on a decided dossier.
    client = ingelogd(besluitvormer)
    antwoord = client.post(
        url("beoordeling_besluit", d.regio),
        {"uitkomst": "toekennen", "bedrag": "1,00", "motivering": "Anders."},
        follow=True,
    )
    assert "Deze stap kan nu niet: het dossier is toegekend." in antwoord.content.decode()
    assert client.post(url("beoordeling_versturen", d.regio)).status_code == 302
    eerste.refresh_from_db()
    assert (eerste.bedrag, eerste.brief_html) == (Decimal("200000.00"), brief)

    # The reviewer may not correct (four eyes as for the decision).
    with pytest.raises(Exception, match="andere besluitvormer"):
        neem_besluit(
            regio=d.regio,
            uitkomst="toekennen",
            bedrag=Decimal("250000"),
            motivering="x",
            door=d.beoordelaar,
            corrigeert=eerste,
        )

    # A correction through the pages: prefilled from the first, sent as a new letter.
    formulier = client.get(url("beoordeling_correctie", d.regio)).content.decode()
    assert f"U corrigeert besluit {eerste.kenmerk}" in formulier
    client.post(
        url("beoordeling_correctie", d.regio),
        {"uitkomst": "toekennen", "bedrag": "250.000,00", "motivering": "Rekenfout hersteld."},
    )
    assert (
        "U kent €\u00a0250.000,00 toe"
        in client.get(url("beoordeling_samenvatting", d.regio)).content.decode()
    )
    client.post(url("beoordeling_versturen", d.regio))

    tweede = Besluit.objects.exclude(pk=eerste.pk).get(regio=d.regio)
    assert tweede.is_verstuurd and tweede.corrigeert == eerste
    assert tweede.kenmerk != eerste.kenmerk
    assert f"ons besluit {eerste.kenmerk}" in tweede.brief_html
    assert "€\u00a0250.000,00" in tweede.brief_html
    eerste.refresh_from_db()
    assert eerste.brief_html == brief  # the first letter is untouched
    assert list(Besluit.objects.geldend()) == [tweede]
    acties = set(Gebeurtenis.objects.filter(regio=d.regio).values_list("actie", flat=True))
    assert {"besluit.correctie_opgesteld", "besluit.gecorrigeerd"} <= acties
    gecorrigeerd = Gebeurtenis.objects.get(actie="besluit.gecorrigeerd")
    assert gecorrigeerd.gegevens["corrigeert"] == eerste.kenmerk
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.TOEGEKEND
    pm = ingelogd(d.programmamanager).get(reverse("subsidie:dossier", args=[d.regio.slug]))
    tekst = pm.content.decode()
    assert eerste.kenmerk in tekst and tweede.kenmerk in tekst
    assert "is €\u00a0250.000,00 subsidie toegekend" in tekst


def test_a_correction_may_turn_a_grant_into_a_rejection(beoordeeld):
    d = beoordeeld
    besluitvormer = medewerker(BESLUITVORMERS)
    eerste = verstuur_besluit(
        besluit=neem_besluit(
            regio=d.regio,
            uitkomst="toekennen",
            bedrag=Decimal("1000"),
            motivering="Ja.",
            door=besluitvormer,
        ),
        door=besluitvormer,
    )
    correctie = neem_besluit(
        regio=d.regio,
        uitkomst="afwijzen",
        motivering="Toch niet.",
        door=besluitvormer,
        corrigeert=eerste,
    )
    verstuur_besluit(besluit=correctie, door=besluitvormer)
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.AFGEWEZEN
    # The first letter is corrected once; a second correction corrects the one in force.
    with pytest.raises(ValidationError, match="al gecorrigeerd"):
        neem_besluit(
            regio=d.regio,
            uitkomst="afwijzen",
            motivering="Nog eens.",
            door=besluitvormer,
            corrigeert=eerste,
        )


def test_a_reviewer_without_the_decision_role_cannot_see_a_summary_or_send(beoordeeld):
    d = beoordeeld
    neem_besluit(
        regio=d.regio,
        uitkomst="afwijzen",
        motivering="Nee.",
        door=medewerker(BESLUITVORMERS),
    )
    client = ingelogd(medewerker(BEOORDELAARS))
    assert client.get(url("beoordeling_samenvatting", d.regio)).status_code == 403
    assert client.post(url("beoordeling_versturen", d.regio)).status_code == 403
    assert not Besluit.objects.verstuurd().exists()
