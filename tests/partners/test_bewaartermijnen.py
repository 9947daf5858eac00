"""Squatting and stale registrations: unconfirmed registrations expire and are removed with
their personal data, the programme manager can reject them before that, registering again
after expiry works, rejected ones and old e-mails go after their retention period, and the
form's limit counts per client (behind the proxies) and per region."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecosysteem import opmaak
from ecosysteem.bewaren import verwijder_oude_emails
from ecosysteem.models import Actie, Gebeurtenis, UitgaandeEmail
from partners.models import Aanmelding, Aanmeldingstatus
from regios.tasks import pas_bewaartermijnen_toe
from tests.dossiers import leeg_dossier
from tests.partners.test_aanmelding import aanmelden, formulier, link_uit, pad

pytestmark = pytest.mark.django_db

NAAM = "Fatima El Amrani"
EMAIL = "fatima@robotica-noord.example"


@pytest.fixture
def dossier():
    return leeg_dossier(naam="Techregio Noord", slug="noord")


def dagen_geleden(aanmelding: Aanmelding, dagen: int) -> None:
    Aanmelding.objects.filter(pk=aanmelding.pk).update(
        aangemaakt_op=timezone.now() - datetime.timedelta(days=dagen)
    )


def alle_teksten() -> str:
    """Everything the audit trail and the outbox hold as text."""
    delen = []
    for g in Gebeurtenis.objects.all():
        delen += [g.omschrijving, g.reden, str(g.gegevens)]
    for e in UitgaandeEmail.objects.all():
        delen += [e.ontvanger, e.onderwerp, e.tekst]
    return "\n".join(delen)


def test_an_unconfirmed_registration_is_removed_with_its_personal_data_once_expired(
    client, dossier, settings, django_capture_on_commit_callbacks
):
    settings.AANMELDING_BEVESTIGEN_DAGEN = 7
    with django_capture_on_commit_callbacks(execute=True):
        aanmelden(client, dossier.regio)
    link = pad(link_uit(mail.outbox[0]))
    aanmelding = Aanmelding.objects.get()
    # The mail names the moment the link stops working, 7 days after the registration.
    tot = opmaak.datumtijd(aanmelding.aangemaakt_op + datetime.timedelta(days=7))
    assert f"De link werkt tot {tot} uur (Nederlandse tijd), 7 dagen na uw aanmelding." in (
        " ".join(mail.outbox[0].body.split())
    )
    assert EMAIL in alle_teksten()

    # Not yet due: the task leaves it.
    dagen_geleden(aanmelding, 6)
    assert pas_bewaartermijnen_toe()["onbevestigde_aanmeldingen"] == 0
    assert Aanmelding.objects.filter(pk=aanmelding.pk).exists()

    dagen_geleden(aanmelding, 8)
    uitvoer = StringIO()
    call_command("pas_bewaartermijnen_toe", stdout=uitvoer)
    assert "1 onbevestigde aanmelding(en)" in uitvoer.getvalue()
    assert not Aanmelding.objects.exists()
    teksten = alle_teksten()
    assert EMAIL not in teksten and NAAM not in teksten and "Fatima" not in teksten
    verwijderd = Gebeurtenis.objects.get(actie=Actie.AANMELDING_VERWIJDERD)
    assert "niet binnen 7 dagen bevestigd" in verwijderd.omschrijving
    assert verwijderd.regio == dossier.regio
    # The trail of the registration's steps stays.
    assert Gebeurtenis.objects.filter(actie=Actie.AANMELDING_INGEDIEND).exists()
    # A second run finds nothing.
    assert pas_bewaartermijnen_toe()["onbevestigde_aanmeldingen"] == 0

    # The old link says what happened and leads back to the form.
    antwoord = client.get(link)
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "niet op tijd is bevestigd" in html and "opnieuw aanmelden" in html.lower()
    assert reverse("regios:aanmelden", args=["noord"]) in html


def test_registering_again_after_expiry_is_accepted_before_and_after_the_removal(
    client, dossier, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        aanmelden(client, dossier.regio)
    eerste = Aanmelding.objects.get()
    oude_link = pad(link_uit(mail.outbox[0]))
    # While it waits, the same KvK number is a duplicate.
    antwoord = aanmelden(client, dossier.regio, naam="Nog een keer")
    assert "doet al mee in" in antwoord.content.decode()
    dagen_geleden(eerste, 8)

    # Expired but not removed yet: the expired link says so and links to the form.
    antwoord = client.get(oude_link)
    assert antwoord.status_code == 400
    assert reverse("regios:aanmelden", args=["noord"]) in antwoord.content.decode()
    eerste.refresh_from_db()
    assert eerste.status == Aanmeldingstatus.TE_BEVESTIGEN

    # ... and it stands in nobody's way.
    with django_capture_on_commit_callbacks(execute=True):
        assert aanmelden(client, dossier.regio, ip="192.0.2.50").status_code == 302
    tweede = Aanmelding.objects.exclude(pk=eerste.pk).get()
    pas_bewaartermijnen_toe()
    assert list(Aanmelding.objects.values_list("pk", flat=True)) == [tweede.pk]
    # The new link works.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(pad(link_uit(mail.outbox[-1]))).status_code == 200
    tweede.refresh_from_db()
    assert tweede.status == Aanmeldingstatus.BEVESTIGD

    # And after removal too.
    with django_capture_on_commit_callbacks(execute=True):
        aanmelden(client, dossier.regio, kvk_nummer="87654321", naam="Ander BV", ip="192.0.2.51")
    derde = Aanmelding.objects.get(kvk_nummer="87654321")
    dagen_geleden(derde, 8)
    pas_bewaartermijnen_toe()
    assert (
        aanmelden(client, dossier.regio, kvk_nummer="87654321", ip="192.0.2.52").status_code == 302
    )


def test_the_programme_manager_rejects_an_unconfirmed_registration_without_mailing_it(
    client, dossier, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        aanmelden(client, dossier.regio)
    aanmelding = Aanmelding.objects.get()
    mails = len(mail.outbox)
    pm = Client()
    pm.force_login(dossier.programmamanager)
    pagina = pm.get(reverse("regios:partners", args=["noord"])).content.decode()
    url = reverse("regios:aanmelding_afwijzen", args=["noord", aanmelding.pk])
    assert "Nog niet bevestigd" in pagina and f'action="{url}"' in pagina
    with django_capture_on_commit_callbacks(execute=True):
        pm.post(url, {"reden": "Niet van deze organisatie."})
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmeldingstatus.AFGEWEZEN
    assert aanmelding.besloten_door == dossier.programmamanager
    # The address was never confirmed: nothing is sent to it.
    assert len(mail.outbox) == mails
    event = Gebeurtenis.objects.get(actie=Actie.AANMELDING_AFGEWEZEN)
    assert event.van_status == Aanmeldingstatus.TE_BEVESTIGEN
    # The real organisation can register now.
    assert aanmelden(client, dossier.regio, email="echt@robotica.example").status_code == 302
    # The confirmation link of the rejected one confirms nothing.
    client.get(pad(link_uit(mail.outbox[0])))
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmeldingstatus.AFGEWEZEN


def test_rejected_registrations_and_old_e_mails_go_after_their_retention_period(
    client, dossier, settings, django_capture_on_commit_callbacks
):
    settings.BEWAARTERMIJN_AFGEWEZEN_AANMELDING_DAGEN = 30
    settings.BEWAARTERMIJN_EMAIL_DAGEN = 60
    with django_capture_on_commit_callbacks(execute=True):
        aanmelden(client, dossier.regio)
    aanmelding = Aanmelding.objects.get()
    Aanmelding.objects.filter(pk=aanmelding.pk).update(status=Aanmeldingstatus.BEVESTIGD)
    pm = Client()
    pm.force_login(dossier.programmamanager)
    with django_capture_on_commit_callbacks(execute=True):
        pm.post(
            reverse("regios:aanmelding_afwijzen", args=["noord", aanmelding.pk]),
            {"reden": f"Geen aanbod van {NAAM}."},
        )
    assert pas_bewaartermijnen_toe()["afgewezen_aanmeldingen"] == 0
    Aanmelding.objects.filter(pk=aanmelding.pk).update(
        besloten_op=timezone.now() - datetime.timedelta(days=31)
    )
    assert pas_bewaartermijnen_toe()["afgewezen_aanmeldingen"] == 1
    assert not Aanmelding.objects.exists()
    assert NAAM not in alle_teksten() and EMAIL not in alle_teksten()
    afwijzing = Gebeurtenis.objects.get(actie=Actie.AANMELDING_AFGEWEZEN)
    assert afwijzing.reden == "Geen aanbod van [aanmelder]."

    # E-mails: a row of another step, sent 61 days ago, goes; a recent one stays.
    nieuwe = UitgaandeEmail.objects.create(
        stap="test:1", ontvanger="a@voorbeeld.nl", soort="x", onderwerp="x", tekst="x"
    )
    oude = UitgaandeEmail.objects.create(
        stap="test:2", ontvanger="b@voorbeeld.nl", soort="x", onderwerp="x", tekst="x"
    )
    lang_geleden = timezone.now() - datetime.timedelta(days=61)
    UitgaandeEmail.objects.filter(pk=oude.pk).update(
        aangemaakt_op=lang_geleden, verstuurd_op=lang_geleden
    )
    assert verwijder_oude_emails() == 1
    assert list(UitgaandeEmail.objects.values_list("pk", flat=True)) == [nieuwe.pk]
    event = Gebeurtenis.objects.get(actie=Actie.EMAILS_VERWIJDERD)
    assert event.gegevens == {"aantal": 1, "dagen": 60} and "b@voorbeeld.nl" not in str(event)
    assert verwijder_oude_emails() == 0


def test_the_limit_counts_per_forwarded_client_and_per_region(client, dossier, settings):
    settings.VERTROUWDE_PROXIES = 1
    settings.AANMELDING_MAX_PER_UUR = 5
    ander = leeg_dossier(naam="Techregio West", slug="west").regio

    def vanaf(regio, xff, n):
        return client.post(
            reverse("regios:aanmelden", args=[regio.slug]),
            _velden(n),
            REMOTE_ADDR="10.0.0.1",  # the proxy, the same for everybody
            HTTP_X_FORWARDED_FOR=xff,
        )

    for n in range(5):
        # What the client put in front of the proxy's entry changes nothing.
        assert vanaf(dossier.regio, f"198.51.100.{n}, 203.0.113.5", n).status_code == 302
    antwoord = vanaf(dossier.regio, "203.0.113.5", 5)
    assert antwoord.status_code == 429
    assert "Te veel aanmeldingen" in antwoord.content.decode()
    # Another client behind the same proxy still gets through.
    assert vanaf(dossier.regio, "203.0.113.6", 6).status_code == 302
    # The same client at another region too: the limit is per region.
    assert vanaf(ander, "203.0.113.5", 7).status_code == 302
    assert Aanmelding.objects.filter(regio=dossier.regio).count() == 6


def _velden(n: int) -> dict:
    return formulier(kvk_nummer=f"3000000{n}", naam=f"Bedrijf {n}", email=f"b{n}@voorbeeld.nl")
