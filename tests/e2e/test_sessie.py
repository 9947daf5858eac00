"""Before an idle login ends, the page warns and offers to stay logged in (WCAG 2.2.1);
staying logged in counts as activity on the server. The browser's clock is moved on, the
server's session is real."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from playwright.sync_api import expect

from ecosysteem.middleware import LAATST
from tests.dossiers import leeg_dossier

pytestmark = pytest.mark.e2e


def laatst_actief() -> int:
    return Session.objects.get().get_decoded()[LAATST]


def test_a_warning_two_minutes_before_the_idle_timeout_keeps_the_login_alive(
    page, adres, ingelogd_als, controleer_toegankelijkheid
):
    d = leeg_dossier()
    ingelogd_als(d.programmamanager)
    page.clock.install()
    page.goto(adres(reverse("subsidie:dossier", args=[d.regio.slug])))
    melding = page.locator("#sessie-melding")
    expect(melding).to_have_count(0)

    page.clock.fast_forward("27:50")
    expect(melding).to_have_count(0)
    page.clock.fast_forward("00:20")  # 28 minutes: two minutes before the end of 30
    expect(melding).to_have_attribute("role", "alert")
    expect(melding).to_contain_text("over twee minuten automatisch uitgelogd")
    controleer_toegankelijkheid()

    # Make the server's last activity old enough to be written again, then stay logged in.
    sessie = Session.objects.get()
    gegevens = sessie.get_decoded()
    gegevens[LAATST] -= 28 * 60
    Session.objects.filter(pk=sessie.pk).update(session_data=Session.objects.encode(gegevens))
    oud = laatst_actief()
    with page.expect_response(lambda antwoord: antwoord.url == adres(reverse("home"))):
        melding.get_by_role("button", name="Ingelogd blijven").click()
    expect(melding).to_have_count(0)
    assert laatst_actief() > oud
    # Still logged in, and the count starts again.
    page.clock.fast_forward("27:00")
    expect(melding).to_have_count(0)


def test_no_warning_for_a_visitor_who_is_not_logged_in(page, adres):
    page.clock.install()
    page.goto(adres(reverse("home")))
    page.clock.fast_forward("31:00")
    expect(page.locator("#sessie-melding")).to_have_count(0)
