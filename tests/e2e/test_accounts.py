"""Accounts in the browser, as people use them: an invitation accepted, a forgotten
password, an expired link, a reviewer setting up and using the second factor, a lock-out.
axe checks every new page (WCAG 2.1 AA)."""

from __future__ import annotations

import re
import time
from base64 import b32decode

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import TOTP
from playwright.sync_api import expect

from ecosysteem.models import UitgaandeEmail
from ecosysteem.rollen import BEOORDELAARS
from regios.models import Rolsoort
from tests.factories import GebruikerFactory, PersoonFactory, RegioFactory, RolFactory

pytestmark = pytest.mark.e2e

GOED = "een zin die ik onthoud"


def pad_uit(tekst: str) -> str:
    return re.search(r"/wachtwoord/[^/\s]+/[^/\s]+/", tekst).group(0)


def wacht_op_email(soort: str) -> UitgaandeEmail:
    for _poging in range(50):
        rij = UitgaandeEmail.objects.filter(soort=soort).order_by("-pk").first()
        if rij is not None:
            return rij
        time.sleep(0.1)
    raise AssertionError(f"geen e-mail {soort}")


def kies_wachtwoord(page, controleer_toegankelijkheid) -> None:
    """On the choose-a-password page: a refused password first (its reasons next to the
    field), then a good one."""
    controleer_toegankelijkheid()
    page.get_by_label("Nieuw wachtwoord", exact=True).fill("kort")
    page.get_by_label("Herhaal het nieuwe wachtwoord").fill("kort")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.locator("#id_new_password1_error")).to_contain_text("te kort")
    expect(page.locator("#id_new_password2_error")).to_have_count(0)
    controleer_toegankelijkheid()
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(GOED)
    page.get_by_label("Herhaal het nieuwe wachtwoord").fill(GOED)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord opgeslagen")
    controleer_toegankelijkheid()


def log_in_via_formulier(page, gebruikersnaam: str, wachtwoord: str) -> None:
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()


def test_an_invitation_accepted_in_the_browser(
    page, adres, browsercontext, ingelogd_als, controleer_toegankelijkheid
):
    regio = RegioFactory(naam="Techregio Zuid", slug="zuid")
    pm = GebruikerFactory(first_name="Femke", last_name="Bakker")
    RolFactory(regio=regio, persoon=PersoonFactory(gebruiker=pm), soort=Rolsoort.PROGRAMMAMANAGER)
    RolFactory(
        regio=regio,
        persoon=PersoonFactory(voornaam="Bram", achternaam="Kok", email="bram@voorbeeld.nl"),
        soort=Rolsoort.PROJECTLEIDER,
    )
    ingelogd_als(pm)
    page.goto(adres(reverse("regios:rollen", args=["zuid"])))
    page.get_by_role("link", name="Uitnodigen voor een account: Bram Kok").click()
    expect(page.get_by_role("button", name="Uitnodiging sturen")).to_be_visible()
    controleer_toegankelijkheid()
    page.get_by_role("button", name="Uitnodiging sturen").click()
    expect(page.get_by_role("status")).to_contain_text("bram@voorbeeld.nl")
    controleer_toegankelijkheid()

    uitnodiging = wacht_op_email("account_uitgenodigd")
    assert uitnodiging.ontvanger == "bram@voorbeeld.nl"
    browsercontext.clear_cookies()
    page.goto(adres(pad_uit(uitnodiging.tekst)))
    expect(page.locator("#gebruikersnaam")).to_have_text("bram@voorbeeld.nl")
    kies_wachtwoord(page, controleer_toegankelijkheid)

    page.get_by_role("link", name="Inloggen").last.click()
    log_in_via_formulier(page, "bram@voorbeeld.nl", GOED)
    page.goto(adres(reverse("regios:rollen", args=["zuid"])))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Techregio Zuid")


def test_a_forgotten_password_and_an_expired_link_in_the_browser(
    page, adres, settings, controleer_toegankelijkheid
):
    settings.WACHTWOORDLINK_WACHTTIJD_MINUTEN = 0
    GebruikerFactory(username="fenna", email="fenna@voorbeeld.nl")
    page.goto(adres(reverse("login")))
    page.get_by_role("link", name="Wachtwoord vergeten of nog geen wachtwoord?").click()
    controleer_toegankelijkheid()
    page.get_by_label("E-mailadres").fill("fenna@voorbeeld.nl")
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    controleer_toegankelijkheid()
    link = pad_uit(wacht_op_email("wachtwoord_link").tekst)

    # Expired: the page offers a new link itself.
    settings.PASSWORD_RESET_TIMEOUT = -1
    page.goto(adres(link))
    expect(page.get_by_role("alert")).to_contain_text("werkt niet meer")
    controleer_toegankelijkheid()
    page.get_by_role("button", name="Stuur mij een nieuwe link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    assert UitgaandeEmail.objects.filter(soort="wachtwoord_link").count() == 2

    settings.PASSWORD_RESET_TIMEOUT = 3600
    page.goto(adres(pad_uit(wacht_op_email("wachtwoord_link").tekst)))
    kies_wachtwoord(page, controleer_toegankelijkheid)
    page.goto(adres(reverse("login")))
    log_in_via_formulier(page, "fenna", GOED)
    assert page.url.endswith(reverse("subsidie:mijn_regio"))


def test_a_reviewer_sets_up_the_second_factor_and_logs_in_with_a_backup_code(
    page, adres, inloggen, controleer_toegankelijkheid
):
    beoordelaar = GebruikerFactory(username="daan")
    beoordelaar.groups.add(Group.objects.get(name=BEOORDELAARS))
    inloggen(beoordelaar)
    # Before any page: the set-up.
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    page.goto(adres(reverse("subsidie:wachtrij")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    expect(page.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    controleer_toegankelijkheid()

    sleutel = page.locator("#sleutel").inner_text().replace(" ", "")
    totp = TOTP(b32decode(sleutel))
    totp.time = time.time()
    page.get_by_label("Code uit de app").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reservecodes")
    controleer_toegankelijkheid()
    reservecode = page.locator("#reservecodes code").first.inner_text()
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beoordelen")

    # Mijn account, changing the password, confirming the login: each page passes axe.
    page.locator(".portaal-gebruiker__naam").click()  # the name in the header
    expect(page.locator("#tweestaps-stand")).to_contain_text("Staat aan")
    controleer_toegankelijkheid()
    page.get_by_role("link", name="Wachtwoord wijzigen").click()
    controleer_toegankelijkheid()
    page.goto(adres(reverse("account:herbevestigen")))
    controleer_toegankelijkheid()

    # Next login: the code page, where a backup code works.
    page.get_by_role("button", name="Uitloggen").click()
    inloggen(beoordelaar)
    expect(page.get_by_role("heading", level=1)).to_have_text("Code invullen")
    controleer_toegankelijkheid()
    page.get_by_label("Code").fill(reservecode)
    page.get_by_role("button", name="Inloggen").first.click()
    page.goto(adres(reverse("subsidie:wachtrij")))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beoordelen")


def test_the_lock_out_page(page, adres, settings, controleer_toegankelijkheid):
    GebruikerFactory(username="marit")
    page.goto(adres(reverse("login")))
    for _poging in range(settings.AXES_FAILURE_LIMIT):
        log_in_via_formulier(page, "marit", "verkeerd")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen tijdelijk geblokkeerd")
    expect(page.get_by_role("link", name="wachtwoord vergeten")).to_be_visible()
    controleer_toegankelijkheid()
