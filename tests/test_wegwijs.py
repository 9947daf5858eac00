"""Where people land and find their way: the login's landing per role (an explicit next
wins), the 403 page's advice per person, the public list of the period's regions and the
help page with the regulation's numbers and the contact address."""

from __future__ import annotations

import datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecosysteem.rollen import BEHEERDERS, BEOORDELAARS, BESLUITVORMERS
from partners.models import Aanmelding, Aanmeldingstatus
from regios.models import Regiostatus, Rol, Rolsoort, Tijdvak
from regios.views.geen_toegang import geen_toegang, kent_regio
from subsidie.models import Regeling
from tests.dossiers import leeg_dossier, voeg_vestigingen_toe
from tests.factories import GebruikerFactory, PersoonFactory, RegioFactory
from tests.tweestaps import app_voor, huidige_code

pytestmark = pytest.mark.django_db

WACHTWOORD = "geheim-wachtwoord-123"


def medewerker(*groepen, **velden):
    gebruiker = GebruikerFactory(**velden)
    for naam in groepen:
        gebruiker.groups.add(Group.objects.get(name=naam))
    return gebruiker


def inloggen(client: Client, gebruiker, **extra):
    return client.post(
        reverse("login"), {"username": gebruiker.get_username(), "password": WACHTWOORD, **extra}
    )


def inloggen_met_code(client: Client, gebruiker, **extra) -> str:
    """Password, then the app's code, as the login pages ask: where the login ends."""
    apparaat = app_voor(gebruiker)
    eerste = inloggen(client, gebruiker, **extra)
    assert eerste.status_code == 302
    assert eerste["Location"].startswith(reverse("account:tweestaps_controleren"))
    volgende = parse_qs(urlsplit(eerste["Location"]).query)["next"][0]
    tweede = client.post(
        reverse("account:tweestaps_controleren"),
        {"code": huidige_code(apparaat), "next": volgende},
    )
    assert tweede.status_code == 302
    return tweede["Location"]


# --- where a login lands ------------------------------------------------------------------


@pytest.mark.parametrize("groep", [BEOORDELAARS, BESLUITVORMERS])
def test_reviewers_and_decision_makers_land_on_their_queue(groep):
    client = Client()
    assert inloggen_met_code(client, medewerker(groep)) == reverse("subsidie:wachtrij")
    assert client.get(reverse("subsidie:wachtrij")).status_code == 200


def test_administrators_land_on_the_administration():
    beheerder = medewerker(BEHEERDERS, is_staff=True, is_superuser=True)
    client = Client()
    assert inloggen_met_code(client, beheerder) == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_administrator_who_also_reviews_lands_on_the_queue():
    beide = medewerker(BEHEERDERS, BEOORDELAARS, is_staff=True, is_superuser=True)
    assert inloggen_met_code(Client(), beide) == reverse("subsidie:wachtrij")


def test_an_explicit_next_wins_over_the_landing():
    beoordelaar = medewerker(BEOORDELAARS)
    doel = reverse("subsidie:ministerie_overzicht")
    assert inloggen_met_code(Client(), beoordelaar, next=doel) == doel
    pm = leeg_dossier().programmamanager
    antwoord = inloggen(Client(), pm, next=reverse("account:overzicht"))
    assert antwoord["Location"] == reverse("account:overzicht")


def test_a_next_to_another_site_is_ignored():
    beoordelaar = medewerker(BEOORDELAARS)
    assert inloggen_met_code(Client(), beoordelaar, next="https://elders.example/") == reverse(
        "subsidie:wachtrij"
    )


def test_people_of_a_region_land_on_their_regions():
    d = leeg_dossier(naam="Techregio Landing")
    client = Client()
    antwoord = inloggen(client, d.programmamanager)
    assert antwoord["Location"] == reverse("subsidie:mijn_regio")
    assert "Techregio Landing" in client.get(antwoord["Location"]).content.decode()


def test_ministry_staff_never_see_the_no_role_text_and_others_get_a_way_forward():
    client = Client()
    client.force_login(medewerker(BEOORDELAARS))
    pagina = client.get(reverse("subsidie:mijn_regio")).content.decode()
    assert 'id="ministerie-links"' in pagina
    assert 'id="zonder-rol"' not in pagina
    assert "nog geen rol" not in pagina
    client = Client()
    client.force_login(GebruikerFactory())
    pagina = client.get(reverse("subsidie:mijn_regio")).content.decode()
    assert 'id="zonder-rol"' in pagina
    assert reverse("regios:regiolijst") in pagina
    assert reverse("subsidie:hulp") in pagina


# --- the 403 page's advice ----------------------------------------------------------------


def advies(antwoord) -> str:
    assert antwoord.status_code == 403
    pagina = antwoord.content.decode()
    return pagina.split('data-advies="', 1)[1].split('"', 1)[0]


def test_an_anonymous_visitor_is_asked_to_log_in(rf):
    # No page refuses an anonymous visitor with 403 (they go to the login first), so the
    # handler is called as Django calls it.
    verzoek = rf.get("/regio/ergens/")
    verzoek.user = AnonymousUser()
    verzoek.session = {}
    antwoord = geen_toegang(verzoek, PermissionDenied("Log eerst in."))
    pagina = antwoord.content.decode()
    assert antwoord.status_code == 403
    assert 'data-advies="inloggen"' in pagina
    assert reverse("login") + "?next=/regio/ergens/" in pagina
    assert "Log eerst in." in pagina


def test_someone_with_a_role_in_the_region_is_sent_to_its_programme_manager():
    d = leeg_dossier(naam="Techregio Advies", slug="advies")
    pm_persoon = d.programmamanager.persoon
    lid = d.lid(Rolsoort.STUURGROEPLID)
    client = Client()
    client.force_login(lid)
    antwoord = client.post(reverse("regios:gegevens", args=["advies"]), {"naam": "Anders"})
    assert advies(antwoord) == "programmamanager"
    pagina = antwoord.content.decode()
    assert 'id="reden-geen-toegang"' in pagina  # the refusal's own reason
    assert pm_persoon.volledige_naam in pagina
    assert f"mailto:{pm_persoon.email}" in pagina
    assert "Techregio Advies" in pagina
    # The portal's contact address, not the privacy one.
    assert "mailto:vragen@regioportaal.test" in pagina


def test_someone_without_a_role_gets_the_general_advice_and_no_names():
    d = leeg_dossier(naam="Techregio Geheim")
    client = Client()
    client.force_login(GebruikerFactory())
    antwoord = client.get(reverse("subsidie:mijn_organisatie"))
    assert advies(antwoord) == "vragen"
    pagina = antwoord.content.decode()
    assert d.programmamanager.persoon.email not in pagina
    assert "mailto:vragen@regioportaal.test" in pagina


def test_ministry_staff_are_pointed_to_the_ministry_pages():
    client = Client()
    client.force_login(medewerker(BEOORDELAARS))
    antwoord = client.get(reverse("subsidie:mijn_organisatie"))
    assert advies(antwoord) == "ministerie"
    pagina = antwoord.content.decode()
    assert reverse("subsidie:ministerie_overzicht") in pagina
    assert reverse("subsidie:wachtrij") in pagina


def test_a_registration_or_an_ended_role_counts_as_knowing_the_region():
    d = leeg_dossier()
    aangemeld = GebruikerFactory(email="nieuw@voorbeeld.nl")
    Aanmelding.objects.create(
        regio=d.regio,
        status=Aanmeldingstatus.BEVESTIGD,
        soort="bedrijf",
        naam="Aangemeld Bedrijf",
        kvk_nummer="87654321",
        postcode="9712AB",
        plaats="Groningen",
        voornaam="Nina",
        achternaam="Nieuw",
        email="Nieuw@voorbeeld.nl",
        privacy_akkoord=True,
    )
    vroeger = GebruikerFactory()
    Rol.objects.create(
        regio=d.regio,
        persoon=PersoonFactory(gebruiker=vroeger),
        soort=Rolsoort.WERKGROEPLID,
        startdatum=datetime.date(2020, 1, 1),
        einddatum=datetime.date(2021, 1, 1),
    )
    assert kent_regio(aangemeld, d.regio)
    assert kent_regio(vroeger, d.regio)
    assert not kent_regio(GebruikerFactory(), d.regio)


# --- the public list of regions -----------------------------------------------------------


def test_the_public_list_shows_each_region_with_its_registration_and_its_map():
    open_ = leeg_dossier(naam="Techregio Open", slug="open").regio
    voeg_vestigingen_toe(open_, po=2, vo=1)
    RegioFactory(naam="Techregio Besloten", slug="besloten", status=Regiostatus.TOEGEKEND)
    afgewezen = RegioFactory(naam="Techregio Afgewezen", status=Regiostatus.AFGEWEZEN)
    antwoord = Client().get(reverse("regios:regiolijst"))
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    rijen = {regio.naam: kaart for regio, kaart in antwoord.context["regios"]}
    assert set(rijen) == {"Techregio Open", "Techregio Besloten"}
    assert afgewezen.naam not in pagina
    assert reverse("regios:aanmelden", args=["open"]) in pagina
    # A decided region takes no registrations, so it has no link to the form.
    assert reverse("regios:aanmelden", args=["besloten"]) not in pagina
    tijdvak = open_.tijdvak.code
    assert rijen["Techregio Open"] == (
        f"{reverse('regios:netwerkkaart')}?tijdvak={tijdvak}&regio=open"
    )
    assert rijen["Techregio Open"].replace("&", "&amp;") in pagina
    regio = next(r for r, _kaart in antwoord.context["regios"] if r.slug == "open")
    assert regio.aantal_vestigingen == 3
    assert "3 schoolvestigingen" in pagina
    # The map link really filters the map on that region.
    kaart = Client().get(rijen["Techregio Open"])
    assert kaart.status_code == 200
    assert kaart.context["form"].cleaned_data["regio"] == "open"


def test_the_public_list_takes_a_fixed_number_of_queries():
    def queries() -> int:
        with CaptureQueriesContext(connection) as vastgelegd:
            assert Client().get(reverse("regios:regiolijst")).status_code == 200
        return len(vastgelegd)

    leeg_dossier()
    een = queries()
    for _ in range(6):
        voeg_vestigingen_toe(leeg_dossier().regio, po=2, vo=1)
    assert queries() == een


def test_the_public_list_shows_another_period_on_request():
    ander = Tijdvak.objects.exclude(code="tijdvak-2").first()
    assert ander is not None
    RegioFactory(naam="Techregio Eerder", tijdvak=ander)
    standaard = Client().get(reverse("regios:regiolijst")).content.decode()
    assert "Techregio Eerder" not in standaard
    assert f"?tijdvak={ander.code}" in standaard
    gekozen = Client().get(reverse("regios:regiolijst"), {"tijdvak": ander.code})
    assert "Techregio Eerder" in gekozen.content.decode()


# --- the help page ------------------------------------------------------------------------


def test_the_help_page_reads_the_amounts_from_the_regulation(settings):
    regeling = Regeling.objects.get(tijdvak__code="tijdvak-2")
    pagina = Client().get(reverse("subsidie:hulp")).content.decode()
    assert "€ 8.500,00 per deelnemende vestiging" in pagina.replace("\xa0", " ")
    assert "€ 45,00 per leerling" in pagina.replace("\xa0", " ")
    # Changed by an administrator: the page follows.
    regeling.bedrag_per_vestiging = Decimal("9100")
    regeling.bedrag_per_leerling = Decimal("47.50")
    regeling.save()
    pagina = Client().get(reverse("subsidie:hulp")).content.decode().replace("\xa0", " ")
    assert "€ 9.100,00 per deelnemende vestiging" in pagina
    assert "€ 47,50 per leerling" in pagina
    assert "8.500" not in pagina.split('id="regeling-tijdvak-2-bedragen"', 1)[1].split("</ul>")[0]
    assert f"ten minste {regeling.minimum_po_vestigingen} vestigingen" in pagina


def test_the_help_page_names_the_contact_address_not_the_privacy_one(settings):
    settings.CONTACT_EMAIL = "helpdesk@ocw.example"
    settings.PRIVACY_CONTACT_EMAIL = "privacy@ocw.example"
    pagina = Client().get(reverse("subsidie:hulp")).content.decode()
    assert 'id="contactadres"' in pagina
    assert "mailto:helpdesk@ocw.example" in pagina
    assert "privacy@ocw.example" not in pagina
    assert reverse("privacy") in pagina
    assert reverse("regios:regiolijst") in pagina


def test_the_help_page_takes_a_fixed_number_of_queries():
    with CaptureQueriesContext(connection) as vastgelegd:
        assert Client().get(reverse("subsidie:hulp")).status_code == 200
    assert len(vastgelegd) <= 2
