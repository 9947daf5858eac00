"""The e-mail outbox: a step writes its e-mails in its own transaction and answers at once,
also with the broker down; the worker sends each e-mail once and retries failures; the
beat task queues (never sends) what is still unsent, so e-mails follow once the broker is
back. With a real redis-server that the tests stop and start, and a real worker."""

from __future__ import annotations

import datetime
import re
import smtplib
import time

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.test import Client
from django.urls import reverse

from ecosysteem.models import Actie, Gebeurtenis, UitgaandeEmail
from ecosysteem.outbox import (
    MAX_POGINGEN,
    Email,
    leg_klaar,
    verstuur_email,
    zet_onverstuurde_in_wachtrij,
)
from ecosysteem.rollen import BEOORDELAARS, BESLUITVORMERS
from partners.models import Aanmelding, Aanmeldingstatus
from regios.models import Regiostatus
from subsidie.services import dien_in
from subsidie.services.beoordeling import vraag_aanvulling, wijs_beoordelaar_toe
from tests.dossiers import compleet_dossier, leeg_dossier
from tests.factories import GebruikerFactory
from tests.partners.test_aanmelding import aanmelden

# Far below the ~20 s a step waited before, and above what a slow test machine needs.
PROMPT = 3.0


def binnen(seconden: float, functie, *args, **kwargs):
    """Call ``functie`` and assert it answers within ``seconden``; its result."""
    begin = time.monotonic()
    uitkomst = functie(*args, **kwargs)
    duur = time.monotonic() - begin
    assert duur < seconden, f"{functie.__name__} duurde {duur:.2f} s"
    return uitkomst


def wacht_op(voorwaarde, tijd=30.0) -> bool:
    einde = time.monotonic() + tijd
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.1)
    return False


def onverstuurd():
    return UitgaandeEmail.objects.filter(verstuurd_op__isnull=True)


def verouder(minuten: int = 5) -> None:
    """As if the rows were written ``minuten`` ago: the catch-up leaves young rows alone."""
    for rij in UitgaandeEmail.objects.all():
        UitgaandeEmail.objects.filter(pk=rij.pk).update(
            aangemaakt_op=rij.aangemaakt_op - datetime.timedelta(minutes=minuten)
        )


def link_uit(tekst: str) -> str:
    return re.search(r"https?://\S+|/\S+/", tekst).group(0)


def ingelogd(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


def medewerker(*groepen, **velden):
    gebruiker = GebruikerFactory(**velden)
    for naam in groepen:
        gebruiker.groups.add(Group.objects.get(name=naam))
    return gebruiker


# --- with the broker down ----------------------------------------------------------------


def test_with_the_broker_down_registration_confirmation_and_approval_answer_at_once_and_mail_later(
    wisselende_broker, mailoutbox
):
    d = leeg_dossier()
    regio = d.regio
    pm_adres = d.programmamanager.persoon.email
    wisselende_broker.stop()

    # The public form.
    antwoord = binnen(PROMPT, aanmelden, Client(), regio)
    assert antwoord.status_code == 302
    aanmelding = Aanmelding.objects.get()
    bevestiging = onverstuurd().get(soort="aanmelding_bevestigen")
    assert bevestiging.ontvanger == "fatima@robotica-noord.example"

    # The link in the (not yet sent) e-mail confirms the address.
    antwoord = binnen(PROMPT, Client().get, link_uit(bevestiging.tekst))
    assert antwoord.status_code == 200
    assert onverstuurd().get(soort="aanmelding_te_beoordelen").ontvanger == pm_adres

    # The programme manager approves; the contact is to get the choose-a-password link.
    pm = ingelogd(d.programmamanager)
    antwoord = binnen(
        PROMPT, pm.post, reverse("subsidie:aanmelding_goedkeuren", args=[regio.slug, aanmelding.pk])
    )
    assert antwoord.status_code == 302
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmeldingstatus.GOEDGEKEURD
    welkom = onverstuurd().get(soort="aanmelding_goedgekeurd")
    assert welkom.ontvanger == "fatima@robotica-noord.example"
    assert "/wachtwoord/" in welkom.tekst

    assert mail.outbox == []
    assert onverstuurd().count() == 3

    # The broker is back: the beat task queues the rows, the worker sends them.
    wisselende_broker.start()
    verouder()
    with wisselende_broker.werker():
        assert zet_onverstuurde_in_wachtrij() == 3
        assert wacht_op(lambda: not onverstuurd().exists()), list(onverstuurd().values())
    ontvangen = {(m.to[0], m.subject) for m in mail.outbox}
    assert ontvangen == {(r.ontvanger, r.onderwerp) for r in UitgaandeEmail.objects.all()}
    assert len(mail.outbox) == 3
    assert {m.to[0] for m in mail.outbox} == {"fatima@robotica-noord.example", pm_adres}

    # The choose-a-password link, composed at the step, still works.
    contact = Client()
    welkomstmail = next(m for m in mail.outbox if "goedgekeurd" in m.subject)
    pagina = contact.get(link_uit(welkomstmail.body), follow=True)
    assert pagina.status_code == 200
    assert "new_password1" in pagina.content.decode()


def test_with_the_broker_down_a_resubmission_with_an_answer_answers_at_once_and_mails_later(
    wisselende_broker, mailoutbox
):
    d = compleet_dossier(naam="Techregio Westerkwartier", slug="westerkwartier")
    regio = d.regio
    beoordelaar = medewerker(BEOORDELAARS)
    besluitvormer = medewerker(BESLUITVORMERS)
    wisselende_broker.stop()
    dien_in(regio=regio, door=d.programmamanager)
    wijs_beoordelaar_toe(regio=regio, beoordelaar=beoordelaar, door=besluitvormer)
    vraag_aanvulling(regio=regio, vragen="Wie zit in de stuurgroep?", door=beoordelaar)
    regio.refresh_from_db()
    eerder = set(UitgaandeEmail.objects.values_list("pk", flat=True))

    # The resubmission records two steps (submitted, questions answered), each with e-mail.
    antwoord = binnen(
        PROMPT,
        ingelogd(d.programmamanager).post,
        reverse("subsidie:indienen", kwargs={"slug": regio.slug}),
        {"versie": regio.versie, "antwoord": "De wethouder en drie schoolbesturen."},
    )
    assert antwoord.status_code == 302
    regio.refresh_from_db()
    assert regio.status == Regiostatus.IN_BEOORDELING  # answered: the review goes on
    nieuw = onverstuurd().exclude(pk__in=eerder)
    assert {(r.soort, r.ontvanger) for r in nieuw} == {
        ("melding_dossier_ingediend", d.programmamanager.persoon.email),
        ("melding_aanvulling_beantwoord", beoordelaar.email),
    }
    assert mail.outbox == []

    wisselende_broker.start()
    verouder()
    with wisselende_broker.werker():
        assert zet_onverstuurde_in_wachtrij() == UitgaandeEmail.objects.count()
        assert wacht_op(lambda: not onverstuurd().exists())
    antwoorden = [m for m in mail.outbox if m.to == [beoordelaar.email]]
    assert [m.subject for m in antwoorden if "beantwoord" in m.subject] == [
        "Vragen beantwoord: dossier van Techregio Westerkwartier"
    ]
    assert "De wethouder en drie schoolbesturen." in antwoorden[-1].body
    assert len(mail.outbox) == UitgaandeEmail.objects.count()


def test_the_catch_up_queues_the_unsent_rows_and_the_worker_sends_them(
    wisselende_broker, mailoutbox
):
    regio = leeg_dossier().regio
    wisselende_broker.stop()
    aanmelden(Client(), regio)
    wisselende_broker.start()
    verouder()

    # No worker yet: the catch-up only puts a message on the broker, it sends nothing.
    assert zet_onverstuurde_in_wachtrij() == 1
    assert wisselende_broker.wachtrij() == 1
    assert mail.outbox == [] and onverstuurd().count() == 1

    with wisselende_broker.werker():
        assert wacht_op(lambda: not onverstuurd().exists())
    assert [m.to for m in mail.outbox] == [["fatima@robotica-noord.example"]]
    rij = UitgaandeEmail.objects.get()
    assert rij.pogingen == 1 and rij.laatste_fout == ""


def test_a_step_with_the_broker_down_waits_less_than_a_second_for_it(wisselende_broker):
    wisselende_broker.stop()
    gebeurtenis = Gebeurtenis.objects.create(actie=Actie.REGIO_GEWIJZIGD, omschrijving="Test")

    def stap():
        with transaction.atomic():
            leg_klaar(
                [Email(f"{n}@voorbeeld.nl", "test", "Onderwerp", "Tekst") for n in range(3)],
                gebeurtenis=gebeurtenis,
            )

    binnen(1.0, stap)
    assert onverstuurd().count() == 3


# --- once per step and address, retries --------------------------------------------------


@pytest.mark.django_db
def test_each_address_gets_one_email_per_step_whatever_its_case_or_how_often_it_is_written(
    django_capture_on_commit_callbacks,
):
    gebeurtenis = Gebeurtenis.objects.create(actie=Actie.REGIO_GEWIJZIGD, omschrijving="Test")
    with django_capture_on_commit_callbacks(execute=True):
        leg_klaar(
            [
                Email("Pm@Voorbeeld.nl", "test", "Eerste", "Tekst"),
                Email("pm@voorbeeld.nl ", "test", "Tweede", "Tekst"),
                Email("ander@voorbeeld.nl", "test", "Eerste", "Tekst"),
            ],
            gebeurtenis=gebeurtenis,
        )
        leg_klaar([Email("PM@voorbeeld.nl", "test", "Derde", "Tekst")], gebeurtenis=gebeurtenis)
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("Pm@Voorbeeld.nl", "Eerste"),
        ("ander@voorbeeld.nl", "Eerste"),
    ]
    assert UitgaandeEmail.objects.count() == 2

    # Another step may mail the same address again.
    ander = Gebeurtenis.objects.create(actie=Actie.REGIO_GEWIJZIGD, omschrijving="Nog een")
    with django_capture_on_commit_callbacks(execute=True):
        leg_klaar([Email("pm@voorbeeld.nl", "test", "Vierde", "Tekst")], gebeurtenis=ander)
    assert mail.outbox[-1].subject == "Vierde"


@pytest.mark.django_db
def test_a_refused_step_leaves_no_email_in_the_outbox(django_capture_on_commit_callbacks):
    gebeurtenis = Gebeurtenis.objects.create(actie=Actie.REGIO_GEWIJZIGD, omschrijving="Test")
    with (
        pytest.raises(RuntimeError),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        leg_klaar([Email("pm@voorbeeld.nl", "test", "O", "T")], gebeurtenis=gebeurtenis)
        raise RuntimeError("de stap weigert")
    assert not UitgaandeEmail.objects.exists()
    assert mail.outbox == []


class WeigertEerst(EmailBackend):
    """The test mailbox behind an SMTP server that refuses the first ``weigeringen``
    sends."""

    weigeringen = 0

    def send_messages(self, messages):
        if WeigertEerst.weigeringen > 0:
            WeigertEerst.weigeringen -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def een_stap_met_email(adres="pm@voorbeeld.nl"):
    """A committed step that mails ``adres``."""
    with transaction.atomic():
        gebeurtenis = Gebeurtenis.objects.create(actie=Actie.REGIO_GEWIJZIGD, omschrijving="T")
        leg_klaar([Email(adres, "test", "Onderwerp", "Tekst")], gebeurtenis=gebeurtenis)


def test_the_worker_retries_a_failed_smtp_send_until_it_goes_out_and_never_twice(
    wisselende_broker, settings, monkeypatch, mailoutbox
):
    settings.EMAIL_BACKEND = f"{__name__}.WeigertEerst"
    settings.OUTBOX_HERHAALTIJD = 0  # retry at once, instead of after 30 s and more
    monkeypatch.setattr(WeigertEerst, "weigeringen", 2)
    with wisselende_broker.werker():
        een_stap_met_email()
        assert wacht_op(lambda: not onverstuurd().exists())
        rij = UitgaandeEmail.objects.get()
        # Sent again through the broker: the worker finds it sent and does nothing.
        assert verstuur_email.apply_async((rij.pk,), ignore_result=False).get(timeout=20) is False

    rij.refresh_from_db()
    assert rij.pogingen == 3
    assert [m.to for m in mail.outbox] == [["pm@voorbeeld.nl"]]


def test_when_every_retry_fails_the_error_stays_on_the_row_for_the_catch_up(
    wisselende_broker, settings, monkeypatch, mailoutbox
):
    settings.EMAIL_BACKEND = f"{__name__}.WeigertEerst"
    settings.OUTBOX_HERHAALTIJD = 0
    monkeypatch.setattr(WeigertEerst, "weigeringen", 100)
    with wisselende_broker.werker():
        een_stap_met_email()
        # The first try and five retries.
        assert wacht_op(lambda: UitgaandeEmail.objects.filter(pogingen=6).exists())
        time.sleep(0.5)
    rij = UitgaandeEmail.objects.get()
    assert rij.verstuurd_op is None and rij.pogingen == 6
    assert rij.laatste_fout.startswith("SMTPServerDisconnected")
    assert mail.outbox == []

    # Later the server accepts again, and the catch-up's task gets it out.
    monkeypatch.setattr(WeigertEerst, "weigeringen", 0)
    UitgaandeEmail.objects.filter(pk=rij.pk).update(
        laatste_poging_op=rij.laatste_poging_op - datetime.timedelta(minutes=5)
    )
    verouder()
    with wisselende_broker.werker():
        assert zet_onverstuurde_in_wachtrij() == 1
        assert wacht_op(lambda: not onverstuurd().exists())
    assert [m.to for m in mail.outbox] == [["pm@voorbeeld.nl"]]


@pytest.mark.django_db
def test_without_a_broker_the_email_is_sent_in_process_and_a_failure_waits_for_the_catch_up(
    settings, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.WeigertEerst"
    monkeypatch.setattr(WeigertEerst, "weigeringen", 1)
    with django_capture_on_commit_callbacks(execute=True):
        een_stap_met_email("eerste@voorbeeld.nl")
    rij = UitgaandeEmail.objects.get()
    assert rij.verstuurd_op is None and rij.pogingen == 1
    assert "in on_commit()" in caplog.text  # the step stands; the error is logged

    with django_capture_on_commit_callbacks(execute=True):
        een_stap_met_email("tweede@voorbeeld.nl")
    assert [m.to for m in mail.outbox] == [["tweede@voorbeeld.nl"]]


@pytest.mark.django_db
def test_the_catch_up_leaves_young_old_and_given_up_rows_alone():
    gebeurtenis = Gebeurtenis.objects.create(actie=Actie.REGIO_GEWIJZIGD, omschrijving="Test")
    # Outside a transaction's commit: written, never queued.
    leg_klaar(
        [Email(f"{n}@voorbeeld.nl", "test", "O", "T") for n in range(3)], gebeurtenis=gebeurtenis
    )
    jong, opgegeven, oud = UitgaandeEmail.objects.order_by("pk")
    verouder()
    UitgaandeEmail.objects.filter(pk=jong.pk).update(aangemaakt_op=jong.aangemaakt_op)
    UitgaandeEmail.objects.filter(pk=opgegeven.pk).update(pogingen=MAX_POGINGEN)
    UitgaandeEmail.objects.filter(pk=oud.pk).update(
        aangemaakt_op=oud.aangemaakt_op - datetime.timedelta(days=3)
    )
    assert zet_onverstuurde_in_wachtrij() == 0
    assert verstuur_email(opgegeven.pk) is False
    assert mail.outbox == []


def test_the_catch_up_is_on_the_beat_schedule(settings):
    schema = settings.CELERY_BEAT_SCHEDULE["verstuur-uitgaande-emails"]
    assert schema["task"] == "ecosysteem.outbox.zet_onverstuurde_in_wachtrij"
    assert schema["task"] in verstuur_email.app.tasks
    assert "ecosysteem.outbox.verstuur_email" in verstuur_email.app.tasks


# --- the admin ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_lists_the_outbox_read_only_by_sent_or_unsent_without_the_text(client):
    client.force_login(GebruikerFactory(is_staff=True, is_superuser=True))
    gebeurtenis = Gebeurtenis.objects.create(actie=Actie.REGIO_GEWIJZIGD, omschrijving="Test")
    leg_klaar(
        [
            Email("verstuurd@voorbeeld.nl", "test", "Verstuurd", "Geheime link /x/"),
            Email("wacht@voorbeeld.nl", "test", "Wacht", "Geheime link /y/"),
        ],
        gebeurtenis=gebeurtenis,
    )
    verstuur_email(UitgaandeEmail.objects.get(ontvanger="verstuurd@voorbeeld.nl").pk)
    lijst = reverse("admin:ecosysteem_uitgaandeemail_changelist")

    verzonden = client.get(lijst, {"verzonden": "ja"}).content.decode()
    wachtend = client.get(lijst, {"verzonden": "nee"}).content.decode()
    assert "verstuurd@voorbeeld.nl" in verzonden and "wacht@voorbeeld.nl" not in verzonden
    assert "wacht@voorbeeld.nl" in wachtend and "verstuurd@voorbeeld.nl" not in wachtend

    rij = UitgaandeEmail.objects.get(ontvanger="wacht@voorbeeld.nl")
    detail = client.get(reverse("admin:ecosysteem_uitgaandeemail_change", args=[rij.pk]))
    assert detail.status_code == 200
    assert "Geheime link" not in detail.content.decode()
    assert client.get(reverse("admin:ecosysteem_uitgaandeemail_add")).status_code == 403
