"""Passwords: a forgotten one by e-mail end to end, an expired link that offers a new one,
changing one's own, and Dutch messages next to the field they are about."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import password_validation
from django.core import mail
from django.test import Client
from django.urls import reverse

from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis, Gebruiker, UitgaandeEmail
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

GOED = "een lange zin als wachtwoord"


def link_uit(tekst: str) -> str:
    return re.search(r"/wachtwoord/[^/\s]+/[^/\s]+/", tekst).group(0)


def inloggen(client: Client, gebruikersnaam: str, wachtwoord: str):
    return client.post(reverse("login"), {"username": gebruikersnaam, "password": wachtwoord})


def vraag_link(client: Client, email: str, capture):
    with capture(execute=True):
        return client.post(reverse("account:wachtwoord_vergeten"), {"email": email})


def test_a_forgotten_password_end_to_end_mail_link_new_password_login(
    django_capture_on_commit_callbacks,
):
    gebruiker = GebruikerFactory(username="fenna", email="fenna@voorbeeld.nl")
    client = Client()
    assert "Wachtwoord vergeten" in client.get(reverse("login")).content.decode()
    assert client.get(reverse("account:wachtwoord_vergeten")).status_code == 200

    # The address as typed differently: found all the same.
    antwoord = vraag_link(client, "Fenna@Voorbeeld.nl", django_capture_on_commit_callbacks)
    assert antwoord["Location"] == reverse("account:wachtwoord_vergeten_verstuurd")

    # One e-mail in the outbox, to the account's own address, and sent.
    rij = UitgaandeEmail.objects.get(soort="wachtwoord_link")
    assert rij.ontvanger == "fenna@voorbeeld.nl"
    assert rij.verstuurd_op is not None
    assert [m.to for m in mail.outbox] == [["fenna@voorbeeld.nl"]]
    assert "fenna" in rij.tekst  # the user name to log in with

    # The link leads to the form (by way of Django's token-hiding redirect).
    pagina = client.get(link_uit(rij.tekst), follow=True)
    assert pagina.status_code == 200
    assert pagina.context["validlink"]
    formulier_url = pagina.redirect_chain[-1][0]

    # A weak password: the Dutch reasons next to the new password, not under the repeat.
    fout = client.post(formulier_url, {"new_password1": "fenna123", "new_password2": "fenna123"})
    form = fout.context["form"]
    assert "te kort" in " ".join(form.errors["new_password1"])
    assert "lijkt te veel op uw" in " ".join(form.errors["new_password1"])
    assert "new_password2" not in form.errors
    # Two different ones: that is about the repeat.
    fout = client.post(formulier_url, {"new_password1": GOED, "new_password2": GOED + "!"})
    assert list(fout.context["form"].errors) == ["new_password2"]
    assert "niet gelijk" in fout.context["form"].errors["new_password2"][0]

    gekozen = client.post(formulier_url, {"new_password1": GOED, "new_password2": GOED})
    assert gekozen["Location"] == reverse("account:wachtwoord_gekozen")
    assert Gebeurtenis.objects.filter(actie=Actie.WACHTWOORD_GEKOZEN, door=None).exists()

    # The old password no longer works, the new one does; the link is used up.
    assert inloggen(Client(), "fenna", "geheim-wachtwoord-123").status_code == 200
    ingelogd = Client()
    assert inloggen(ingelogd, "fenna", GOED)["Location"] == reverse("subsidie:mijn_regio")
    assert ingelogd.get(reverse("account:overzicht")).context["user"] == gebruiker
    assert reverse("api_tokens") in ingelogd.get(reverse("account:overzicht")).content.decode()
    assert not Client().get(link_uit(rij.tekst), follow=True).context["validlink"]


def test_an_unknown_address_gets_the_same_answer_and_no_mail(django_capture_on_commit_callbacks):
    antwoord = vraag_link(Client(), "niemand@voorbeeld.nl", django_capture_on_commit_callbacks)
    assert antwoord["Location"] == reverse("account:wachtwoord_vergeten_verstuurd")
    assert not UitgaandeEmail.objects.exists()


def test_asking_again_at_once_sends_no_second_mail(django_capture_on_commit_callbacks):
    GebruikerFactory(email="sanne@voorbeeld.nl")
    client = Client()
    for _keer in range(3):
        vraag_link(client, "sanne@voorbeeld.nl", django_capture_on_commit_callbacks)
    assert UitgaandeEmail.objects.filter(soort="wachtwoord_link").count() == 1


def test_an_inactive_account_gets_no_link(django_capture_on_commit_callbacks):
    GebruikerFactory(email="weg@voorbeeld.nl", is_active=False)
    vraag_link(Client(), "weg@voorbeeld.nl", django_capture_on_commit_callbacks)
    assert not UitgaandeEmail.objects.exists()


def test_an_expired_link_offers_a_new_one_that_goes_to_the_accounts_own_address(
    settings, django_capture_on_commit_callbacks
):
    settings.WACHTWOORDLINK_WACHTTIJD_MINUTEN = 0
    GebruikerFactory(username="ruud", email="ruud@voorbeeld.nl")
    vraag_link(Client(), "ruud@voorbeeld.nl", django_capture_on_commit_callbacks)
    eerste = UitgaandeEmail.objects.get()

    # The link's time is up.
    settings.PASSWORD_RESET_TIMEOUT = -1
    client = Client()
    pagina = client.get(link_uit(eerste.tekst), follow=True)
    assert not pagina.context["validlink"]
    tekst = pagina.content.decode()
    assert "werkt niet meer" in tekst
    assert "programmamanager" not in tekst
    nieuwe_link = reverse("account:nieuwe_link", args=[pagina.context["uidb64"]])
    assert f'action="{nieuwe_link}"' in tekst

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(nieuwe_link)
    assert antwoord["Location"] == reverse("account:wachtwoord_vergeten_verstuurd")
    tweede = UitgaandeEmail.objects.exclude(pk=eerste.pk).get()
    assert tweede.ontvanger == "ruud@voorbeeld.nl"
    gebeurtenis = Gebeurtenis.objects.get(
        actie=Actie.WACHTWOORDLINK_GEVRAAGD, gegevens__reden="verlopen"
    )
    assert gebeurtenis.onderwerp == Gebruiker.objects.get(username="ruud")

    # The new link works (within its time).
    settings.PASSWORD_RESET_TIMEOUT = 3600
    assert Client().get(link_uit(tweede.tekst), follow=True).context["validlink"]


def test_a_new_link_for_an_unknown_account_says_the_same_and_sends_nothing():
    antwoord = Client().post(reverse("account:nieuwe_link", args=["OTk5OTk"]))
    assert antwoord["Location"] == reverse("account:wachtwoord_vergeten_verstuurd")
    assert Client().post(reverse("account:nieuwe_link", args=["!!"])).status_code == 302
    assert not UitgaandeEmail.objects.exists()
    assert Client().get(reverse("account:nieuwe_link", args=["MQ"])).status_code == 405


def test_changing_ones_own_password_asks_the_current_one_and_keeps_the_session():
    gebruiker = GebruikerFactory(username="joost")
    client = Client()
    client.force_login(gebruiker)
    ander_apparaat = Client()
    ander_apparaat.force_login(gebruiker)
    url = reverse("account:wachtwoord_wijzigen")
    assert client.get(reverse("account:overzicht")).status_code == 200

    fout = client.post(
        url, {"old_password": "verkeerd", "new_password1": GOED, "new_password2": GOED}
    )
    assert list(fout.context["form"].errors) == ["old_password"]
    assert "niet uw huidige wachtwoord" in fout.context["form"].errors["old_password"][0]
    kort = client.post(
        url,
        {"old_password": "geheim-wachtwoord-123", "new_password1": "123", "new_password2": "123"},
    )
    assert set(kort.context["form"].errors) == {"new_password1"}

    antwoord = client.post(
        url,
        {"old_password": "geheim-wachtwoord-123", "new_password1": GOED, "new_password2": GOED},
    )
    assert antwoord["Location"] == reverse("account:overzicht")
    gebruiker.refresh_from_db()
    assert gebruiker.check_password(GOED)
    assert Gebeurtenis.objects.get(actie=Actie.WACHTWOORD_GEWIJZIGD).door == gebruiker
    # This session stays logged in; the other one ends.
    assert client.get(reverse("account:overzicht")).status_code == 200
    assert ander_apparaat.get(reverse("account:overzicht")).status_code == 302


def test_the_password_rules_speak_dutch():
    gebruiker = Gebruiker(username="annemiek", email="annemiek@voorbeeld.nl")
    with pytest.raises(Exception) as fout:
        password_validation.validate_password("12345678", gebruiker)
    berichten = " ".join(fout.value.messages)
    assert "te kort: gebruik minstens 12 tekens" in berichten
    assert "alleen uit cijfers" in berichten
    assert "te vaak gebruikt" in berichten
    assert not re.search(r"\b(password|This|must)\b", berichten)
    hulp = password_validation.password_validators_help_text_html()
    assert "minstens 12 tekens" in hulp
