"""E-mails about each step of a dossier's submission and review: who gets which mail, in
Dutch, with a link; each address once per step, also when the task runs again or fails
halfway; nothing when the service refuses; and through a real broker and worker.

The steps put their e-mails in the outbox (``ecosysteem.UitgaandeEmail``); a sent row is
what the ``Melding`` row used to be."""

from __future__ import annotations

import datetime
import smtplib
import time
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from ecosysteem.models import Gebeurtenis, UitgaandeEmail
from ecosysteem.outbox import verstuur, verstuur_email, zet_onverstuurde_in_wachtrij
from ecosysteem.rollen import BEOORDELAARS, BESLUITVORMERS
from regios.models import Rol, Rolsoort
from subsidie.models import Beoordelingscriterium
from subsidie.services import dien_in, heropen
from subsidie.services.beoordeling import (
    leg_beoordeling_vast,
    neem_besluit,
    verstuur_besluit,
    vraag_aanvulling,
    wijs_beoordelaar_toe,
)
from tests.celery_helpers import celery_naar
from tests.dossiers import compleet_dossier
from tests.factories import GebruikerFactory, PersoonFactory


def medewerker(*groepen, **velden):
    gebruiker = GebruikerFactory(**velden)
    for naam in groepen:
        gebruiker.groups.add(Group.objects.get(name=naam))
    return gebruiker


def scores(regio, score=4):
    return {
        c.code: (score, f"Motivering bij {c.naam}")
        for c in Beoordelingscriterium.objects.filter(tijdvak=regio.tijdvak)
    }


def verstuurd(**filters):
    """The outbox rows that were sent: one per e-mail that went out."""
    return UitgaandeEmail.objects.filter(verstuurd_op__isnull=False, **filters)


def rijen_van(gebeurtenis_id) -> list[int]:
    return list(
        UitgaandeEmail.objects.filter(gebeurtenis_id=gebeurtenis_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def verstuur_meldingen(gebeurtenis_id) -> int:
    """What the worker does with the e-mails of one step: each row once, in order; raises
    at the first failed send, like the task before its retry. How many went out now."""
    return sum(verstuur(pk) for pk in rijen_van(gebeurtenis_id))


def oud(**tijd):
    """Make every outbox row as old as ``tijd`` (the catch-up leaves young rows alone)."""
    for rij in UitgaandeEmail.objects.all():
        UitgaandeEmail.objects.filter(pk=rij.pk).update(
            aangemaakt_op=rij.aangemaakt_op - datetime.timedelta(**tijd)
        )


def post(*, wis=True):
    """The mails sent since the last call, by recipient (every mail has one)."""
    berichten = {}
    for bericht in mail.outbox:
        assert len(bericht.to) == 1
        assert bericht.to[0] not in berichten, f"twee mails aan {bericht.to[0]}"
        berichten[bericht.to[0]] = bericht
    if wis:
        mail.outbox.clear()
    return berichten


class Wereld:
    """A complete dossier with two programme managers (one no longer in office), a
    project leader, and ministry staff: a reviewer, two decision makers, an inactive one."""

    def __init__(self):
        self.d = compleet_dossier(naam="Techregio Westerkwartier", slug="westerkwartier")
        self.regio = self.d.regio
        self.pm = self.d.programmamanager
        self.pm_adres = self.pm.persoon.email
        self.tweede_pm = self.d.lid(Rolsoort.PROGRAMMAMANAGER)
        self.tweede_pm_adres = self.tweede_pm.persoon.email
        Rol.objects.create(
            regio=self.regio,
            persoon=PersoonFactory(email="oud@voorbeeld.nl"),
            soort=Rolsoort.PROGRAMMAMANAGER,
            einddatum=datetime.date(2020, 1, 1),
        )
        self.projectleider = self.d.lid(Rolsoort.PROJECTLEIDER)
        self.beoordelaar = medewerker(BEOORDELAARS, first_name="Bo", last_name="Beoordelaar")
        self.besluitvormer = medewerker(BESLUITVORMERS, first_name="Bas", last_name="Besluit")
        self.collega = medewerker(BESLUITVORMERS, first_name="Cor", last_name="Collega")
        self.inactief = medewerker(BESLUITVORMERS, is_active=False)

    @property
    def pms(self):
        return {self.pm_adres, self.tweede_pm_adres}

    def ververs(self):
        self.regio.refresh_from_db()
        return self.regio


@pytest.fixture
def wereld(db, django_capture_on_commit_callbacks):
    w = Wereld()

    def stap(functie, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            uitkomst = functie(**kwargs)
        w.ververs()
        return uitkomst

    w.stap = stap
    return w


def in_beoordeling(w):
    w.stap(dien_in, regio=w.regio, door=w.pm)
    w.stap(wijs_beoordelaar_toe, regio=w.regio, beoordelaar=w.beoordelaar, door=w.besluitvormer)
    mail.outbox.clear()


def beoordeeld(w):
    in_beoordeling(w)
    w.stap(
        leg_beoordeling_vast,
        regio=w.regio,
        scores=scores(w.regio),
        eindoordeel="Sterk plan.",
        door=w.beoordelaar,
    )
    mail.outbox.clear()


# --- who gets what, per step -------------------------------------------------------------


def test_first_submission_confirms_to_programme_managers_and_tells_the_decision_makers(wereld):
    w = wereld
    w.stap(dien_in, regio=w.regio, door=w.pm)

    berichten = post()
    # Current programme managers (also the one who submitted) and active decision makers;
    # not the reviewer, the project leader, a former PM or an inactive account.
    assert set(berichten) == w.pms | {w.besluitvormer.email, w.collega.email}
    bevestiging = berichten[w.pm_adres]
    assert bevestiging.subject == "Dossier van Techregio Westerkwartier ingediend (versie 1)"
    assert "Beste programmamanager van Techregio Westerkwartier," in bevestiging.body
    assert "Berekende maximale subsidie: €\u00a0" in bevestiging.body
    assert reverse("subsidie:dossier", kwargs={"slug": "westerkwartier"}) in bevestiging.body

    nieuw = berichten[w.collega.email]
    assert nieuw.subject == "Nieuw dossier ingediend: Techregio Westerkwartier"
    assert "Beste Cor Collega," in nieuw.body
    assert "Wijs er een toe" in nieuw.body
    assert "/ministerie/regio/westerkwartier/beoordeling/" in nieuw.body
    assert verstuurd(gebeurtenis__actie="dossier.ingediend").count() == 4


def test_reopening_tells_only_the_programme_managers_with_the_reason(wereld):
    w = wereld
    w.stap(dien_in, regio=w.regio, door=w.pm)
    mail.outbox.clear()

    w.stap(heropen, regio=w.regio, door=w.pm, reden="De begroting klopt nog niet.")

    berichten = post()
    assert set(berichten) == w.pms
    bericht = berichten[w.tweede_pm_adres]
    assert bericht.subject == "Dossier van Techregio Westerkwartier heropend"
    assert "De begroting klopt nog niet." in bericht.body
    assert "/regio/westerkwartier/" in bericht.body


def test_assigning_tells_the_reviewer_and_the_programme_managers_that_the_review_started(
    wereld,
):
    w = wereld
    w.stap(dien_in, regio=w.regio, door=w.pm)
    mail.outbox.clear()

    w.stap(wijs_beoordelaar_toe, regio=w.regio, beoordelaar=w.beoordelaar, door=w.besluitvormer)

    berichten = post()
    assert set(berichten) == w.pms | {w.beoordelaar.email}
    toegewezen = berichten[w.beoordelaar.email]
    assert toegewezen.subject == "Dossier van Techregio Westerkwartier is aan u toegewezen"
    assert "Beste Bo Beoordelaar," in toegewezen.body
    assert "/ministerie/regio/westerkwartier/beoordeling/" in toegewezen.body
    begonnen = berichten[w.pm_adres]
    assert begonnen.subject == (
        "De beoordeling van het dossier van Techregio Westerkwartier is begonnen"
    )
    assert "Heropenen kan vanaf nu niet meer." in begonnen.body


def test_reassigning_tells_the_new_and_the_previous_reviewer_but_nobody_what_they_did(
    wereld,
):
    w = wereld
    in_beoordeling(w)
    nieuwe = medewerker(BEOORDELAARS)

    w.stap(wijs_beoordelaar_toe, regio=w.regio, beoordelaar=nieuwe, door=w.besluitvormer)

    berichten = post()
    assert set(berichten) == {nieuwe.email, w.beoordelaar.email}
    overgedragen = berichten[w.beoordelaar.email]
    assert overgedragen.subject == (
        "Dossier van Techregio Westerkwartier is aan een andere beoordelaar gegeven"
    )
    assert f"{nieuwe} beoordeelt het nu." in overgedragen.body
    assert "vervalt" not in overgedragen.body

    # A reviewer who takes a dossier themselves gets no mail about it; the one it is taken
    # from does, and learns that their assessment lapses.
    w.stap(
        leg_beoordeling_vast, regio=w.regio, scores=scores(w.regio), eindoordeel="Ja.", door=nieuwe
    )
    post()
    w.stap(wijs_beoordelaar_toe, regio=w.regio, beoordelaar=w.beoordelaar, door=w.beoordelaar)
    berichten = post()
    assert set(berichten) == {nieuwe.email}
    assert "Uw beoordeling van dit dossier vervalt" in berichten[nieuwe.email].body
    assert Gebeurtenis.objects.filter(actie="beoordeling.toegewezen").count() == 3


def test_questions_go_to_the_programme_managers_with_a_link_to_the_submit_page(wereld, settings):
    w = wereld
    settings.SITE_URL = "https://regioportaal.example.nl/"
    in_beoordeling(w)

    w.stap(
        vraag_aanvulling,
        regio=w.regio,
        vragen="Hoe borgt u de techniekweek na 2027?",
        door=w.beoordelaar,
    )

    berichten = post()
    assert set(berichten) == w.pms
    bericht = berichten[w.pm_adres]
    assert bericht.subject == "Aanvulling gevraagd op het dossier van Techregio Westerkwartier"
    assert "Hoe borgt u de techniekweek na 2027?" in bericht.body
    assert "https://regioportaal.example.nl/regio/westerkwartier/indienen/" in bericht.body


def test_the_answer_reaches_the_reviewer_once_and_the_programme_managers_get_a_receipt(wereld):
    w = wereld
    in_beoordeling(w)
    w.stap(vraag_aanvulling, regio=w.regio, vragen="Wie zit in de stuurgroep?", door=w.beoordelaar)
    mail.outbox.clear()

    w.stap(dien_in, regio=w.regio, door=w.pm, antwoord="De wethouder en drie schoolbesturen.")

    berichten = post()
    # The decision makers are not bothered again: the dossier already has a reviewer.
    assert set(berichten) == w.pms | {w.beoordelaar.email}
    antwoord = berichten[w.beoordelaar.email]
    assert antwoord.subject == "Vragen beantwoord: dossier van Techregio Westerkwartier"
    assert "De wethouder en drie schoolbesturen." in antwoord.body
    assert "versie 2" in antwoord.body
    assert "/ministerie/regio/westerkwartier/beoordeling/" in antwoord.body
    ontvangst = berichten[w.tweede_pm_adres]
    assert ontvangst.subject == (
        "Aangevuld dossier van Techregio Westerkwartier ingediend (versie 2)"
    )
    assert "De beoordeling gaat verder." in ontvangst.body


def test_an_assessment_goes_to_the_decision_makers_but_not_to_the_reviewer(wereld):
    w = wereld
    w.stap(dien_in, regio=w.regio, door=w.pm)
    # The reviewer is a decision maker too: four eyes, so no mail for them.
    beide = medewerker(BEOORDELAARS, BESLUITVORMERS)
    w.stap(wijs_beoordelaar_toe, regio=w.regio, beoordelaar=beide, door=w.besluitvormer)
    mail.outbox.clear()

    w.stap(
        leg_beoordeling_vast,
        regio=w.regio,
        scores=scores(w.regio, score=3),
        eindoordeel="Redelijk plan.",
        door=beide,
    )

    berichten = post()
    assert set(berichten) == {w.besluitvormer.email, w.collega.email}
    bericht = berichten[w.collega.email]
    assert bericht.subject == (
        "Dossier van Techregio Westerkwartier is beoordeeld en wacht op een besluit"
    )
    aantal = Beoordelingscriterium.objects.filter(tijdvak=w.regio.tijdvak).count()
    assert f"met in totaal {3 * aantal} punten" in bericht.body
    assert "/ministerie/regio/westerkwartier/beoordeling/" in bericht.body


def neem_en_verstuur(**stap):
    """The decision as it reaches the region: drafted, then sent."""
    return verstuur_besluit(besluit=neem_besluit(**stap), door=stap["door"])


def test_a_grant_tells_the_programme_managers_outcome_amount_and_motivation_and_the_reviewer(
    wereld,
):
    w = wereld
    beoordeeld(w)

    w.stap(
        neem_en_verstuur,
        regio=w.regio,
        uitkomst="toekennen",
        bedrag=Decimal("250000"),
        motivering="Het plan voldoet ruim aan de criteria.",
        door=w.collega,
    )

    berichten = post()
    assert set(berichten) == w.pms | {w.beoordelaar.email}
    besluit = berichten[w.pm_adres]
    assert besluit.subject == "Besluit over de subsidieaanvraag van Techregio Westerkwartier"
    assert "de subsidie is toegekend, voor een bedrag van €\u00a0250.000,00" in besluit.body
    assert "Het plan voldoet ruim aan de criteria." in besluit.body
    assert "/regio/westerkwartier/" in besluit.body
    beoordelaar = berichten[w.beoordelaar.email]
    assert beoordelaar.subject == "Besluit genomen over het dossier van Techregio Westerkwartier"
    assert "€\u00a0250.000,00" in beoordelaar.body


def test_a_rejection_says_so_without_an_amount(wereld):
    w = wereld
    beoordeeld(w)

    w.stap(
        neem_en_verstuur,
        regio=w.regio,
        uitkomst="afwijzen",
        motivering="Het plan sluit niet aan bij de STO-regio.",
        door=w.besluitvormer,
    )

    bericht = post()[w.pm_adres]
    assert "de aanvraag is afgewezen" in bericht.body
    assert "€" not in bericht.body
    assert "Het plan sluit niet aan bij de STO-regio." in bericht.body


# --- once per recipient ------------------------------------------------------------------


def test_running_the_task_again_sends_nothing_more(wereld):
    w = wereld
    w.stap(dien_in, regio=w.regio, door=w.pm)
    assert len(post()) == 4
    gebeurtenis = Gebeurtenis.objects.get(actie="dossier.ingediend")

    assert verstuur_meldingen(gebeurtenis.pk) == 0
    assert sum(verstuur_email.delay(pk).get() for pk in rijen_van(gebeurtenis.pk)) == 0
    assert mail.outbox == []
    assert verstuurd(gebeurtenis=gebeurtenis).count() == 4


class WeigertAdressen(EmailBackend):
    """The test mailbox, but the SMTP server refuses the addresses in ``geweigerd``."""

    geweigerd: set[str] = set()

    def send_messages(self, messages):
        for bericht in messages:
            for adres in bericht.to:
                if adres in self.geweigerd:
                    raise smtplib.SMTPRecipientsRefused({adres: (550, b"Mailbox unavailable")})
        return super().send_messages(messages)


def test_a_failed_send_is_not_marked_and_the_next_run_sends_only_what_is_missing(
    wereld, settings, monkeypatch
):
    w = wereld
    settings.EMAIL_BACKEND = f"{__name__}.WeigertAdressen"
    in_beoordeling(w)
    monkeypatch.setattr(WeigertAdressen, "geweigerd", {w.tweede_pm_adres})

    # Queued on commit, which the test's transaction never reaches; the task is called
    # directly so that the SMTP error surfaces instead of Celery's retry.
    vraag_aanvulling(regio=w.regio, vragen="Welke scholen doen mee?", door=w.beoordelaar)
    gebeurtenis = Gebeurtenis.objects.get(actie="aanvulling.gevraagd")
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        verstuur_meldingen(gebeurtenis.pk)
    gemarkeerd = set(verstuurd(gebeurtenis=gebeurtenis).values_list("ontvanger", flat=True))
    # What went out before the refusal is marked; the refused address is not.
    assert set(post()) == gemarkeerd
    assert w.tweede_pm_adres not in gemarkeerd

    monkeypatch.setattr(WeigertAdressen, "geweigerd", set())
    assert verstuur_meldingen(gebeurtenis.pk) == len(w.pms - gemarkeerd)
    assert set(post()) == w.pms - gemarkeerd
    assert set(verstuurd(gebeurtenis=gebeurtenis).values_list("ontvanger", flat=True)) == w.pms


def test_the_same_address_in_two_roles_gets_one_mail(wereld):
    w = wereld
    # A programme manager who is also a decision maker (a test set-up, but possible).
    dubbel = medewerker(BESLUITVORMERS, email=w.pm_adres.upper())
    w.stap(dien_in, regio=w.regio, door=w.pm)

    berichten = post()
    assert w.pm_adres in berichten
    assert dubbel.email not in berichten
    assert berichten[w.pm_adres].subject.startswith("Dossier van")


# --- refused steps send nothing ----------------------------------------------------------


def test_a_refused_step_sends_no_mail(wereld):
    w = wereld
    # Submitting twice: the second is refused.
    w.stap(dien_in, regio=w.regio, door=w.pm)
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        w.stap(dien_in, regio=w.regio, door=w.pm)
    # Questions by someone who is not the assigned reviewer.
    w.stap(wijs_beoordelaar_toe, regio=w.regio, beoordelaar=w.beoordelaar, door=w.besluitvormer)
    mail.outbox.clear()
    with pytest.raises(PermissionDenied):
        w.stap(vraag_aanvulling, regio=w.regio, vragen="Vraag?", door=w.besluitvormer)
    # A decision before the assessment.
    with pytest.raises(ValidationError):
        w.stap(
            neem_besluit,
            regio=w.regio,
            uitkomst="toekennen",
            bedrag=Decimal("1000"),
            motivering="Snel besloten.",
            door=w.collega,
        )
    # Reopening once the review has started.
    with pytest.raises(ValidationError):
        w.stap(heropen, regio=w.regio, door=w.pm, reden="Toch nog iets.")

    assert mail.outbox == []
    assert not UitgaandeEmail.objects.exclude(
        gebeurtenis__actie__in=["dossier.ingediend", "beoordeling.toegewezen"]
    ).exists()


# --- through the broker ------------------------------------------------------------------


def wacht_op(voorwaarde, tijd=20.0):
    einde = time.monotonic() + tijd
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.1)
    return False


def test_the_assignment_mail_reaches_the_reviewer_through_redis_and_a_worker(
    celery_werker, mailoutbox
):
    # Built after the worker fixture: the worker's own connection sees committed rows only.
    w = Wereld()
    dien_in(regio=w.regio, door=w.pm)
    assert wacht_op(lambda: len(mail.outbox) == 4), [m.to for m in mail.outbox]
    mail.outbox.clear()

    # The service commits, and only then queues the task on the broker.
    wijs_beoordelaar_toe(regio=w.regio, beoordelaar=w.beoordelaar, door=w.besluitvormer)
    assert wacht_op(lambda: len(mail.outbox) == 3), [m.to for m in mail.outbox]
    berichten = post()
    assert set(berichten) == w.pms | {w.beoordelaar.email}
    assert berichten[w.beoordelaar.email].subject == (
        "Dossier van Techregio Westerkwartier is aan u toegewezen"
    )

    # Through the broker a second run finds every mail marked and sends nothing. (The
    # outbox's task keeps no result; here it is asked to, to wait for it.)
    gebeurtenis = Gebeurtenis.objects.get(actie="beoordeling.toegewezen")
    resultaten = [
        verstuur_email.apply_async((pk,), ignore_result=False) for pk in rijen_van(gebeurtenis.pk)
    ]
    assert {r.__class__.__name__ for r in resultaten} == {"AsyncResult"}
    assert sum(r.get(timeout=20) for r in resultaten) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_catch_up_sends_what_a_lost_task_never_sent_and_only_once():
    """The step commits and then queues its e-mails; if the broker was down, the task is
    lost. The beat task finds the step's e-mails unsent in the outbox and queues them (here
    without a broker, so the queued task runs at once)."""
    d = compleet_dossier()
    # Without executing the on-commit callbacks: as if the queueing failed.
    dien_in(regio=d.regio, door=d.programmamanager)
    mail.outbox.clear()

    # A step of a minute ago may still have its task in the queue: left alone.
    assert zet_onverstuurde_in_wachtrij() == 0
    oud(minutes=10)
    assert zet_onverstuurde_in_wachtrij() >= 1
    assert d.programmamanager.persoon.email in post()
    assert zet_onverstuurde_in_wachtrij() == 0
    assert post() == {}

    # Steps older than the catch-up period are history, not a backlog.
    UitgaandeEmail.objects.update(verstuurd_op=None)
    oud(days=3)
    assert zet_onverstuurde_in_wachtrij() == 0


@pytest.mark.django_db
def test_with_the_broker_down_a_submission_still_stands_and_the_catch_up_mails_later(
    django_capture_on_commit_callbacks, broker_onbereikbaar, caplog
):
    d = compleet_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        dien_in(regio=d.regio, door=d.programmamanager)
    d.regio.refresh_from_db()
    assert d.regio.status == "ingediend"
    assert "in on_commit()" in caplog.text
    assert not mail.outbox and not verstuurd().exists()
    assert UitgaandeEmail.objects.filter(
        verstuurd_op__isnull=True, ontvanger=d.programmamanager.persoon.email
    ).exists()

    # The broker is back (here: no broker, so queueing runs the task in this process).
    oud(minutes=10)
    with celery_naar({"task_always_eager": True}):
        assert zet_onverstuurde_in_wachtrij() >= 1
    assert d.programmamanager.persoon.email in post()
