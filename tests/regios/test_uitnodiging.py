"""Inviting a person with a role to an account: the programme manager (or an administrator)
invites from the Rollen page, the person gets an e-mail through the outbox with a link to
choose a password, and then logs in with what the role allows."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis, Gebruiker, UitgaandeEmail
from regios.models import Rol, Rolsoort
from regios.services import nodig_uit_voor_account
from tests.dossiers import leeg_dossier
from tests.factories import GebruikerFactory, PersoonFactory

pytestmark = pytest.mark.django_db

GOED = "mijn eigen lange wachtwoord"


def link_uit(tekst: str) -> str:
    return re.search(r"/wachtwoord/[^/\s]+/[^/\s]+/", tekst).group(0)


@pytest.fixture
def regio_met_projectleider():
    d = leeg_dossier(naam="Techregio Noord", slug="noord")
    persoon = PersoonFactory(voornaam="Bram", achternaam="Kok", email="bram@voorbeeld.nl")
    Rol.objects.create(regio=d.regio, persoon=persoon, soort=Rolsoort.PROJECTLEIDER)
    return d, persoon


def test_an_invitation_accepted_mail_link_password_and_logged_in_with_the_role(
    regio_met_projectleider, django_capture_on_commit_callbacks
):
    d, persoon = regio_met_projectleider
    pm = Client()
    pm.force_login(d.programmamanager)
    rollen = pm.get(reverse("regios:rollen", args=["noord"])).content.decode()
    uitnodigen = reverse("regios:account_uitnodigen", args=["noord", persoon.pk])
    assert uitnodigen in rollen
    assert "Nog niet" in rollen

    bevestigen = pm.get(uitnodigen)
    assert bevestigen.status_code == 200
    assert "bram@voorbeeld.nl" in bevestigen.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = pm.post(uitnodigen)
    assert antwoord["Location"] == reverse("regios:rollen", args=["noord"])

    persoon.refresh_from_db()
    gebruiker = persoon.gebruiker
    assert gebruiker.username == "bram@voorbeeld.nl"
    assert not gebruiker.has_usable_password()
    gebeurtenis = Gebeurtenis.objects.get(actie=Actie.ACCOUNT_UITGENODIGD)
    assert (gebeurtenis.door, gebeurtenis.regio, gebeurtenis.onderwerp) == (
        d.programmamanager,
        d.regio,
        gebruiker,
    )
    assert gebeurtenis.gegevens["rollen"] == ["projectleider"]

    # The e-mail, through the outbox: to the person, naming the region and the role.
    rij = UitgaandeEmail.objects.get(soort="account_uitgenodigd")
    assert rij.ontvanger == "bram@voorbeeld.nl"
    assert rij.gebeurtenis == gebeurtenis
    assert "Techregio Noord" in rij.onderwerp
    assert "projectleider" in rij.tekst
    assert "bram@voorbeeld.nl" in rij.tekst  # the user name
    assert [m.to for m in mail.outbox] == [["bram@voorbeeld.nl"]]
    assert "Uitgenodigd" in pm.get(reverse("regios:rollen", args=["noord"])).content.decode()

    # The link: choose a password, then log in and read the dossier as project leader.
    bram = Client()
    pagina = bram.get(link_uit(rij.tekst), follow=True)
    assert pagina.context["gebruikersnaam"] == "bram@voorbeeld.nl"
    formulier = pagina.redirect_chain[-1][0]
    gekozen = bram.post(formulier, {"new_password1": GOED, "new_password2": GOED})
    assert gekozen["Location"] == reverse("account:wachtwoord_gekozen")
    ingelogd = bram.post(reverse("login"), {"username": "bram@voorbeeld.nl", "password": GOED})
    assert ingelogd["Location"] == reverse("subsidie:mijn_regio")
    dossier = bram.get(reverse("regios:rollen", args=["noord"]))
    assert dossier.status_code == 200
    assert dossier.context["user"] == gebruiker
    # A reader: no invitations of their own.
    assert bram.get(uitnodigen).status_code == 403
    assert "Ja" in pm.get(reverse("regios:rollen", args=["noord"])).content.decode()


def test_inviting_again_sends_a_new_link_until_a_password_is_chosen(regio_met_projectleider):
    d, persoon = regio_met_projectleider
    nodig_uit_voor_account(persoon=persoon, regio=d.regio, door=d.programmamanager)
    nodig_uit_voor_account(persoon=persoon, regio=d.regio, door=d.programmamanager)
    assert UitgaandeEmail.objects.filter(soort="account_uitgenodigd").count() == 2
    assert Gebruiker.objects.filter(email="bram@voorbeeld.nl").count() == 1
    assert Gebeurtenis.objects.filter(
        actie=Actie.ACCOUNT_UITGENODIGD, gegevens__opnieuw=True
    ).exists()

    persoon.refresh_from_db()
    persoon.gebruiker.set_password(GOED)
    persoon.gebruiker.save()
    with pytest.raises(ValidationError, match="heeft al een account met een wachtwoord"):
        nodig_uit_voor_account(persoon=persoon, regio=d.regio, door=d.programmamanager)
    pm = Client()
    pm.force_login(d.programmamanager)
    # The page says so instead of offering it.
    antwoord = pm.get(reverse("regios:account_uitnodigen", args=["noord", persoon.pk]))
    assert antwoord["Location"] == reverse("regios:rollen", args=["noord"])
    assert UitgaandeEmail.objects.filter(soort="account_uitgenodigd").count() == 2


def test_an_account_with_the_persons_address_is_linked_rather_than_duplicated(
    regio_met_projectleider,
):
    d, persoon = regio_met_projectleider
    bestaand = GebruikerFactory(username="bram", email="Bram@voorbeeld.nl", password=None)
    bestaand.set_unusable_password()
    bestaand.save()
    gebruiker = nodig_uit_voor_account(persoon=persoon, regio=d.regio, door=d.programmamanager)
    assert gebruiker == bestaand
    persoon.refresh_from_db()
    assert persoon.gebruiker == bestaand


def test_only_the_programme_manager_or_an_administrator_invites_and_only_people_with_a_role(
    regio_met_projectleider,
):
    d, persoon = regio_met_projectleider
    lezer = d.lid(Rolsoort.STUURGROEPLID)
    with pytest.raises(PermissionDenied):
        nodig_uit_voor_account(persoon=persoon, regio=d.regio, door=lezer)
    client = Client()
    client.force_login(lezer)
    url = reverse("regios:account_uitnodigen", args=["noord", persoon.pk])
    assert client.post(url).status_code == 403
    buitenstaander = PersoonFactory()
    assert (
        Client().get(reverse("regios:account_uitnodigen", args=["noord", buitenstaander.pk]))
    ).status_code == 302  # to the login page
    pm = Client()
    pm.force_login(d.programmamanager)
    assert (
        pm.get(reverse("regios:account_uitnodigen", args=["noord", buitenstaander.pk])).status_code
        == 404
    )
    with pytest.raises(ValidationError, match="geen rol"):
        nodig_uit_voor_account(persoon=buitenstaander, regio=d.regio, door=d.programmamanager)
    assert not UitgaandeEmail.objects.exists()
    assert not Gebeurtenis.objects.filter(actie=Actie.ACCOUNT_UITGENODIGD).exists()

    beheerder = GebruikerFactory(is_staff=True, is_superuser=True)
    nodig_uit_voor_account(persoon=persoon, regio=d.regio, door=beheerder)
    assert Gebeurtenis.objects.get(actie=Actie.ACCOUNT_UITGENODIGD).door == beheerder


def test_the_rollen_page_costs_the_same_queries_with_invitation_links(regio_met_projectleider):
    d, _persoon = regio_met_projectleider
    pm = Client()
    pm.force_login(d.programmamanager)
    url = reverse("regios:rollen", args=["noord"])
    pm.get(url)
    with CaptureQueriesContext(connection) as weinig:
        pm.get(url)
    for nummer in range(5):
        Rol.objects.create(
            regio=d.regio,
            persoon=PersoonFactory(gebruiker=GebruikerFactory() if nummer % 2 else None),
            soort=Rolsoort.PROJECTLEIDER,
        )
    with CaptureQueriesContext(connection) as veel:
        pagina = pm.get(url)
    assert len(veel) == len(weinig)
    assert pagina.content.decode().count("Uitnodigen voor een account") >= 3
