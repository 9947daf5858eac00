"""The headers of every page (Content-Security-Policy, Permissions-Policy, no-store for
whoever is logged in) and the end of a session (idle timeout, absolute lifetime)."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from ecosysteem.inhoudsbeleid import stijlhashes
from ecosysteem.middleware import ACHTERGROND, BEGIN, LAATST
from ecosysteem.rollen import BEOORDELAARS
from subsidie.models import Besluit
from subsidie.services.beoordeling import verstuur_besluit
from tests.dossiers import leeg_dossier
from tests.factories import GebruikerFactory
from tests.regios.test_dossier_views import DOSSIER_URLS
from tests.test_toegang_per_rol import ROLLEN, client_voor, wereld  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

# Pages outside the registration/review table: public pages and the dossier's own pages.
OPENBAAR = ["home", "login", "privacy", "toegankelijkheid", "regios:netwerkkaart", "kompas:kompas"]
REGIOPAGINAS = [*DOSSIER_URLS, "kompas:activiteiten", "kompas:scan"]

# Inline script (a <script> without src), inline style elements and style attributes.
INLINE = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>|<style[\s>]|\sstyle=", re.IGNORECASE)


def controleer_koppen(naam: str, antwoord, *, ingelogd: bool) -> list[str]:
    fouten = []
    beleid = antwoord.get("Content-Security-Policy", "")
    richtlijnen = dict(
        (deel.strip().split(" ", 1) + [""])[:2] for deel in beleid.split(";") if deel.strip()
    )
    if richtlijnen.get("script-src") != "'self'" or richtlijnen.get("style-src") != "'self'":
        fouten.append(f"{naam}: CSP {beleid!r}")
    if "unsafe-inline" in beleid or "unsafe-eval" in beleid:
        fouten.append(f"{naam}: CSP staat inline of eval toe: {beleid!r}")
    if richtlijnen.get("frame-ancestors") != "'none'" or richtlijnen.get("object-src") != "'none'":
        fouten.append(f"{naam}: CSP zonder frame-ancestors/object-src 'none'")
    if "camera=()" not in antwoord.get("Permissions-Policy", ""):
        fouten.append(f"{naam}: Permissions-Policy {antwoord.get('Permissions-Policy')!r}")
    cache = antwoord.get("Cache-Control", "")
    if ingelogd and not {"no-store", "private"} <= {d.strip() for d in cache.split(",")}:
        fouten.append(f"{naam}: Cache-Control {cache!r} voor iemand die is ingelogd")
    if antwoord.get("Content-Type", "").startswith("text/html") and antwoord.status_code == 200:
        gevonden = INLINE.search(antwoord.content.decode())
        if gevonden:
            fouten.append(f"{naam}: inline script of stijl: {gevonden.group(0)!r}")
    return fouten


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_page_has_a_strict_csp_and_no_inline_script_or_style(wereld, rol):  # noqa: F811
    """The registration, review and decision pages of the access table, the public pages,
    the dossier's pages and the admin, for every role: each response (also a refusal or a
    redirect) carries the policy, and no page relies on inline script or style."""
    urls, gebruikers = wereld
    client = client_voor(gebruikers, rol)
    slug = urls["regios:partners"].split("/")[2]
    alle = dict(urls)
    alle.update({naam: reverse(naam) for naam in OPENBAAR})
    alle.update({naam: reverse(naam, kwargs={"slug": slug}) for naam in REGIOPAGINAS})
    alle["admin:index"] = reverse("admin:index")
    alle["admin:regios_regio_changelist"] = reverse("admin:regios_regio_changelist")
    fouten = []
    for naam, url in alle.items():
        fouten += controleer_koppen(naam, client.get(url), ingelogd=rol != "anoniem")
    assert not fouten, "\n".join(fouten)
    assert len(alle) > 40


def test_a_static_file_stays_cacheable_for_someone_logged_in():
    client = Client()
    client.force_login(GebruikerFactory())
    antwoord = client.get("/static/css/portaal.css")
    assert antwoord.status_code == 200
    assert "no-store" not in antwoord.get("Cache-Control", "")
    # A page for the same person is not.
    assert "no-store" in client.get(reverse("home"))["Cache-Control"]


def test_an_anonymous_visitor_gets_pages_that_may_be_cached():
    assert "no-store" not in Client().get(reverse("home")).get("Cache-Control", "")


def test_logging_out_is_not_stored_either():
    client = Client()
    client.force_login(GebruikerFactory())
    antwoord = client.post(reverse("logout"))
    assert antwoord.status_code == 302
    assert "no-store" in antwoord["Cache-Control"]


# --- the decision letter, which carries its own style sheet ------------------------------


def test_a_sent_letter_allows_exactly_its_own_style_sheet(wereld):  # noqa: F811
    _urls, gebruikers = wereld
    besluit = Besluit.objects.get(status="concept")
    verstuur_besluit(besluit=besluit, door=gebruikers["besluitvormer"])
    besluit.refresh_from_db()
    hashes = stijlhashes(besluit.brief_html)
    assert len(hashes) == 1

    regio_url = reverse("subsidie:beschikking", args=[besluit.regio.slug, besluit.kenmerk])
    antwoord = client_voor(gebruikers, "programmamanager").get(regio_url)
    assert antwoord.status_code == 200
    beleid = antwoord["Content-Security-Policy"]
    assert f"style-src {hashes[0]}" in beleid
    assert "default-src 'none'" in beleid and "unsafe-inline" not in beleid
    assert "script-src" not in beleid  # default-src 'none': no script at all

    ministerie_url = reverse(
        "subsidie:beoordeling_beschikking", args=[besluit.regio.slug, besluit.kenmerk]
    )
    antwoord = client_voor(gebruikers, "besluitvormer").get(ministerie_url)
    beleid = antwoord["Content-Security-Policy"]
    assert f"style-src 'self' {hashes[0]}" in beleid
    assert "script-src 'self'" in beleid and "unsafe-inline" not in beleid
    # The frame shows the letter itself; its look comes from the style sheet, not attributes.
    assert 'class="portaal-brief"' in antwoord.content.decode()


def test_the_hash_is_that_of_the_style_element_text():
    # sha256 of "p{}" in base64 (openssl dgst -sha256 -binary | base64), as a browser computes
    # it for <style>p{}</style>.
    assert stijlhashes("<html><style>p{}</style></html>") == [
        "'sha256-gG2yISYereRMiG2lMXrbiUgi0Ubw9p7QCeWcroOvy9Y='"
    ]


# --- sessions ----------------------------------------------------------------------------


def ingelogde_client(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    client.get(reverse("home"))  # the first page notes when the session began
    return client


def verschuif(client: Client, **seconden_geleden: int) -> None:
    sessie = client.session
    nu = int(time.time())
    for sleutel, geleden in seconden_geleden.items():
        sessie[{"begin": BEGIN, "laatst": LAATST}[sleutel]] = nu - geleden
    sessie.save()


def test_a_session_idle_for_longer_than_the_timeout_is_logged_out(settings):
    settings.SESSIE_INACTIEF_MINUTEN = 30
    d = leeg_dossier()
    client = ingelogde_client(d.programmamanager)
    dossier = reverse("subsidie:dossier", args=[d.regio.slug])
    assert client.get(dossier).status_code == 200

    verschuif(client, laatst=31 * 60)
    antwoord = client.get(dossier)

    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{reverse('login')}?next={dossier}"
    login = client.get(antwoord["Location"])
    assert login.context["user"].is_anonymous
    assert (
        "U bent automatisch uitgelogd, omdat u 30 minuten niets in het portaal hebt gedaan."
        in login.content.decode()
    )
    # Logged out for real: the dossier asks for a login again.
    assert client.get(dossier)["Location"].startswith(reverse("login"))


def test_activity_keeps_a_session_alive_but_a_background_poll_does_not(settings):
    settings.SESSIE_INACTIEF_MINUTEN = 30
    d = leeg_dossier()
    client = ingelogde_client(d.programmamanager)
    dossier = reverse("subsidie:dossier", args=[d.regio.slug])

    verschuif(client, laatst=20 * 60)
    client.get(dossier, headers={ACHTERGROND: "1"})
    assert int(time.time()) - client.session[LAATST] >= 20 * 60  # a poll is no activity

    client.get(dossier)
    assert int(time.time()) - client.session[LAATST] < 5
    verschuif(client, laatst=29 * 60)
    assert client.get(dossier).status_code == 200


def test_a_session_ends_after_its_absolute_lifetime_even_when_active(settings):
    settings.SESSIE_MAXIMAAL_UREN = 12
    d = leeg_dossier()
    client = ingelogde_client(d.programmamanager)
    verschuif(client, begin=12 * 3600 + 1, laatst=10)
    antwoord = client.get(reverse("subsidie:dossier", args=[d.regio.slug]), follow=True)
    assert antwoord.context["user"].is_anonymous
    assert "omdat u al 12 uur was ingelogd" in antwoord.content.decode()


def test_an_htmx_request_after_the_timeout_sends_the_whole_page_to_the_login(settings):
    gebruiker = GebruikerFactory()
    gebruiker.groups.add(Group.objects.get(name=BEOORDELAARS))
    client = ingelogde_client(gebruiker)
    verschuif(client, laatst=settings.SESSIE_INACTIEF_MINUTEN * 60)
    antwoord = client.get(reverse("subsidie:wachtrij"), headers={"HX-Request": "true"})
    assert antwoord.status_code == 204
    assert antwoord["HX-Redirect"] == reverse("login")


def test_a_post_after_the_timeout_writes_nothing_and_goes_to_the_login(settings):
    d = leeg_dossier(naam="Techregio Noord")
    client = ingelogde_client(d.programmamanager)
    verschuif(client, laatst=settings.SESSIE_INACTIEF_MINUTEN * 60 + 5)
    antwoord = client.post(
        reverse("regios:gegevens", args=[d.regio.slug]),
        {"naam": "Te laat", "versie": d.regio.versie},
    )
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("login")
    d.regio.refresh_from_db()
    assert d.regio.naam == "Techregio Noord"


def test_the_login_page_says_when_a_login_ends(settings, client):
    settings.SESSIE_INACTIEF_MINUTEN = 20
    settings.SESSIE_MAXIMAAL_UREN = 8
    html = client.get(reverse("login")).content.decode()
    assert "na 20 minuten zonder activiteit en uiterlijk 8 uur na het inloggen" in html


def test_the_session_cookie_does_not_outlive_the_absolute_lifetime(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSIE_MAXIMAAL_UREN * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
