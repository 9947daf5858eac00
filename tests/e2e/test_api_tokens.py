"""Browser test: a programme manager makes a token on Mijn tokens, reads the API's
documentation page (Swagger UI from the portal itself: no request leaves the portal), and
revokes the token; axe on both pages."""

import re

import pytest
from playwright.sync_api import expect

from ecosysteem.models import Apitoken
from tests.dossiers import leeg_dossier

pytestmark = pytest.mark.e2e


def test_token_made_shown_once_used_in_the_docs_and_revoked(
    page, adres, ingelogd_als, controleer_toegankelijkheid, live_server
):
    pm = leeg_dossier(naam="Techregio Tokens", slug="tokens").programmamanager
    ingelogd_als(pm)
    buiten = []
    page.on(
        "request",
        lambda verzoek: (
            None if verzoek.url.startswith(live_server.url) else buiten.append(verzoek.url)
        ),
    )

    page.goto(adres("/mijn-tokens/"))
    page.get_by_role("heading", name="Mijn tokens", level=1).wait_for()
    controleer_toegankelijkheid()
    page.get_by_label("Naam van de token").fill("Administratie")
    page.get_by_label("Geldig").select_option("30")
    page.get_by_role("button", name="Token maken").click()
    token = page.get_by_role("textbox", name="Uw token").input_value()
    assert token.startswith("rp_")
    controleer_toegankelijkheid()
    assert Apitoken.objects.get(gebruiker=pm).begin == token[:10]

    page.get_by_role("link", name="Lees de documentatie van de API").click()
    # Swagger UI renders the schema's Dutch title and operations.
    expect(page.get_by_text("Regioportaal Techkwadraat API").first).to_be_visible(timeout=15000)
    expect(page.get_by_text("Besluiten (open data)").first).to_be_visible()
    assert not buiten, buiten

    page.goto(adres("/mijn-tokens/"))
    page.get_by_role("button", name=re.compile("^Intrekken")).click()
    expect(page.get_by_text("De token Administratie is ingetrokken.")).to_be_visible()
    assert Apitoken.objects.get(gebruiker=pm).is_ingetrokken
    controleer_toegankelijkheid()
