"""Browser tests: Playwright (Python) driving Debian's Chromium against pytest-django's
live server.

Fixtures for every browser test:

- ``browser``: a Chromium per test, started after the test database is ready.
- ``page``: a Dutch-speaking browser tab, against a database holding only the data
  migrations' rows plus what the test creates. Every test runs under the portal's
  Content-Security-Policy: a violation in any frame (an inline script or style, a source
  the policy does not allow) fails the test when it ends.
- ``csp_overtredingen``: the violations recorded so far, for tests that look at them.
- ``adres("/pad/")``: the live server's absolute url for a path.
- ``inloggen(gebruiker)``: logs in through the login form, as a person would.
- ``ingelogd_als(gebruiker)``: puts a session cookie in the browser, for tests whose subject
  is not the login itself (faster, and independent of the login page).
- ``axe_overtredingen()``: runs axe-core on the current page and returns the WCAG 2.1 A/AA
  violations; ``controleer_toegankelijkheid()`` asserts there are none, naming each one.
- ``schermafdruk("naam")``: saves a full-page screenshot (to $E2E_SCHERMAFDRUKKEN if set,
  else to the test's tmp_path) and returns its path.

Mark browser tests with ``@pytest.mark.e2e``; they run in the normal suite.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import reverse
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Headless in a container: no sandbox (runs as root), no GPU, and nothing that phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WACHTWOORD = "geheim-wachtwoord-123"  # the password GebruikerFactory gives every user


@pytest.fixture
def browser(live_server, transactional_db, django_db_serialized_rollback):
    # The live server runs in another thread, so tests need real commits (transactional_db);
    # serialized rollback brings back the rows of data migrations (periods, provinces)
    # that the flush after each transactional test removes.
    #
    # Playwright's sync API keeps an event loop running in the main thread. While it runs,
    # Django refuses database access from test code (factories) unless told it is safe, and
    # its connection handler hands out a fresh connection object that lacks the serialized
    # test data. So the browser starts only after the database fixtures have done their
    # work (one Chromium per test: about half a second), and the flag is set only while it
    # runs, so other tests keep Django's check.
    vorige = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
                # Close the connections test code opened while the loop ran; left open,
                # they would keep PostgreSQL from dropping the test database at the end.
                connections.close_all()
    finally:
        if vorige is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = vorige


@pytest.fixture
def browsercontext(browser):
    # A Dutch browser: LocaleMiddleware follows Accept-Language, and the portal's users
    # are Dutch.
    context = browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


# Reports every Content-Security-Policy violation of a document (top page and frames) to the
# test. Playwright's init scripts run outside the page's policy, so this one is not blocked.
MELD_CSP = """
document.addEventListener("securitypolicyviolation", function (e) {
  window.meldCspOvertreding([e.violatedDirective, e.blockedURI, e.sourceFile + ":" +
    e.lineNumber, document.location.href].join(" | "));
});
"""


@pytest.fixture
def csp_overtredingen(browsercontext):
    overtredingen: list[str] = []

    def meld(tekst: str) -> None:
        overtredingen.append(tekst)

    browsercontext.expose_function("meldCspOvertreding", meld)
    browsercontext.add_init_script(MELD_CSP)
    return overtredingen


@pytest.fixture
def page(browsercontext, csp_overtredingen):
    tab = browsercontext.new_page()
    # The browser also says it in the console (with the directive and the blocked source).
    tab.on(
        "console",
        lambda bericht: (
            csp_overtredingen.append(f"console: {bericht.text}")
            if bericht.type == "error" and "Content Security Policy" in bericht.text
            else None
        ),
    )
    yield tab
    tab.close()
    assert not csp_overtredingen, "CSP-overtredingen:\n" + "\n".join(csp_overtredingen)


@pytest.fixture
def adres(live_server):
    def _adres(pad: str) -> str:
        return f"{live_server.url}{pad}"

    return _adres


@pytest.fixture
def inloggen(page, adres):
    def _inloggen(gebruiker, wachtwoord: str = WACHTWOORD) -> None:
        page.goto(adres(reverse("login")))
        page.get_by_label("Gebruikersnaam").fill(gebruiker.get_username())
        page.get_by_label("Wachtwoord").fill(wachtwoord)
        with page.expect_navigation():
            page.get_by_role("button", name="Inloggen").click()

    return _inloggen


@pytest.fixture
def ingelogd_als(page, browsercontext, live_server):
    def _ingelogd_als(gebruiker) -> None:
        client = Client()
        client.force_login(gebruiker)
        browsercontext.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )

    return _ingelogd_als


@pytest.fixture
def axe_overtredingen(page):
    def _axe_overtredingen(tags: list[str] = WCAG_21_AA) -> list[dict]:
        # Evaluated by Playwright rather than added as a <script> element: the page's
        # Content-Security-Policy allows no inline script, and axe is not the page's own.
        page.evaluate(AXE.read_text(encoding="utf-8"))
        resultaat = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
        )
        return resultaat["violations"]

    return _axe_overtredingen


@pytest.fixture
def controleer_toegankelijkheid(page, axe_overtredingen):
    def _controleer() -> None:
        overtredingen = axe_overtredingen()
        assert not overtredingen, f"{page.url}\n{beschrijf_overtredingen(overtredingen)}"

    return _controleer


def beschrijf_overtredingen(overtredingen: list[dict]) -> str:
    """One line per violation and element, to read in a failed assertion."""
    regels = []
    for overtreding in overtredingen:
        for knoop in overtreding["nodes"]:
            regels.append(
                f"{overtreding['id']} ({overtreding['impact']}): {overtreding['help']} "
                f"at {', '.join(knoop['target'])}"
            )
    return "\n".join(regels)


@pytest.fixture
def schermafdruk(page, tmp_path):
    map_ = Path(os.environ.get("E2E_SCHERMAFDRUKKEN") or tmp_path)
    map_.mkdir(parents=True, exist_ok=True)

    def _schermafdruk(naam: str) -> Path:
        pad = map_ / f"{naam}.png"
        page.screenshot(path=str(pad), full_page=True)
        return pad

    return _schermafdruk
