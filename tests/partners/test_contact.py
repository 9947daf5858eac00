"""Mijn organisatie: a partner's contact person keeps the organisation's data and its
co-financing pledges up to date, in the regions where they are its contact, and nobody
else can."""

import datetime
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecosysteem.models import Gebeurtenis
from partners.models import Organisatie, Organisatiesoort, Persoon
from regios.models import Deelname, Deelnamestatus, Regio, Regiostatus, Rol, Rolsoort
from subsidie.models import Cofinanciering, Cofinancieringsoort
from subsidie.services.contact import sla_toezegging_op, wijzig_organisatiegegevens
from tests.dossiers import leeg_dossier
from tests.factories import GebruikerFactory, OrganisatieFactory, PersoonFactory

pytestmark = pytest.mark.django_db


def contactpersoon(regio, organisatie, **rol):
    """A user who is the contact person of ``organisatie`` in ``regio``."""
    gebruiker = GebruikerFactory()
    persoon = PersoonFactory(gebruiker=gebruiker, organisatie=organisatie, functie="docent")
    Rol.objects.create(
        regio=regio, persoon=persoon, soort=Rolsoort.CONTACTPERSOON, namens=organisatie, **rol
    )
    return gebruiker


def ingelogd(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


def toezegging(regio, organisatie, **velden) -> Cofinanciering:
    velden = {
        "schooljaar": regio.tijdvak.eerste_schooljaar,
        "soort": Cofinancieringsoort.GELD,
        "omschrijving": "Bijdrage aan de techniekdag",
        "bedrag": Decimal("1000"),
        **velden,
    }
    return Cofinanciering.objects.create(regio=regio, organisatie=organisatie, **velden)


class Opzet:
    def __init__(self):
        self.dossier = leeg_dossier(naam="Techregio Noord", slug="noord")
        self.regio = self.dossier.regio
        self.organisatie = OrganisatieFactory(
            naam="Fablab Zuidhorn", soort=Organisatiesoort.TECHLAB, kvk_nummer="12345678"
        )
        Deelname.objects.create(regio=self.regio, organisatie=self.organisatie)
        self.contact = contactpersoon(self.regio, self.organisatie)
        self.toezegging = toezegging(self.regio, self.organisatie)

    def urls(self) -> dict[str, str]:
        org, slug, pk = self.organisatie.pk, self.regio.slug, self.toezegging.pk
        return {
            "overzicht": reverse("subsidie:mijn_organisatie"),
            "gegevens": reverse("subsidie:mijn_organisatie_gegevens", args=[org]),
            "toevoegen": reverse("subsidie:mijn_toezegging_toevoegen", args=[org, slug]),
            "wijzigen": reverse("subsidie:mijn_toezegging_wijzigen", args=[org, slug, pk]),
            "verwijderen": reverse("subsidie:mijn_toezegging_verwijderen", args=[org, slug, pk]),
        }


@pytest.fixture
def opzet():
    return Opzet()


def toezeggingpost(opzet, **anders) -> dict:
    return {
        "versie": Regio.objects.get(pk=opzet.regio.pk).versie,
        "schooljaar": opzet.regio.tijdvak.eerste_schooljaar + 1,
        "soort": "geld",
        "bedrag": "2.500,00",
        "uren": "",
        "uurtarief": "",
        "omschrijving": "Materialen voor de maakweek",
        **anders,
    }


def gegevenspost(**anders) -> dict:
    return {
        "naam": "Fablab Zuidhorn",
        "straat": "Havenweg",
        "huisnummer": "3a",
        "postcode": "9801 ab",
        "plaats": "Zuidhorn",
        "website": "fablab-zuidhorn.example",
        "email": "info@fablab-zuidhorn.example",
        "telefoon": "0594-123456",
        "omschrijving": "Werkplaats met lasersnijder en 3D-printers.",
        "contact_telefoon": "06-12345678",
        "contact_functie": "coördinator educatie",
        **anders,
    }


# --- who may see what ---------------------------------------------------------------------


def test_visitors_are_sent_to_the_login_page(opzet):
    for naam, url in opzet.urls().items():
        for antwoord in (Client().get(url), Client().post(url, toezeggingpost(opzet))):
            assert antwoord.status_code == 302, naam
            assert antwoord["Location"].startswith(reverse("login")), naam


def test_users_without_a_contact_role_get_403_and_change_nothing(opzet):
    pm = ingelogd(opzet.dossier.programmamanager)
    zonder_rol = ingelogd(GebruikerFactory())
    for client in (pm, zonder_rol):
        for naam, url in opzet.urls().items():
            assert client.get(url).status_code == 403, naam
            assert client.post(url, toezeggingpost(opzet)).status_code == 403, naam
    assert (
        "Deze pagina is voor contactpersonen" in pm.get(opzet.urls()["overzicht"]).content.decode()
    )
    assert Cofinanciering.objects.count() == 1
    assert not Gebeurtenis.objects.exists()


def test_a_contact_whose_role_has_ended_gets_403(opzet):
    Rol.objects.filter(persoon__gebruiker=opzet.contact).update(
        einddatum=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert ingelogd(opzet.contact).get(opzet.urls()["overzicht"]).status_code == 403


def test_the_contact_of_another_organisation_gets_404_for_this_organisations_pages(opzet):
    ander = OrganisatieFactory(naam="Bibliotheek Noord")
    Deelname.objects.create(regio=opzet.regio, organisatie=ander)
    andere_contact = ingelogd(contactpersoon(opzet.regio, ander))
    assert andere_contact.get(opzet.urls()["overzicht"]).status_code == 200
    for naam in ("gegevens", "toevoegen", "wijzigen", "verwijderen"):
        url = opzet.urls()[naam]
        assert andere_contact.get(url).status_code == 404, naam
        assert (
            andere_contact.post(url, {**toezeggingpost(opzet), **gegevenspost()}).status_code == 404
        )
    # Nor through their own organisation's pages with this organisation's pledge.
    eigen = reverse(
        "subsidie:mijn_toezegging_wijzigen", args=[ander.pk, opzet.regio.slug, opzet.toezegging.pk]
    )
    assert andere_contact.post(eigen, toezeggingpost(opzet)).status_code == 404
    opzet.toezegging.refresh_from_db()
    assert opzet.toezegging.bedrag == Decimal("1000.00")
    assert Organisatie.objects.get(pk=opzet.organisatie.pk).straat == ""
    assert not Gebeurtenis.objects.exists()


def test_a_region_where_the_person_is_not_the_contact_is_404(opzet):
    # The organisation also takes part in another region, with another contact person.
    elders = leeg_dossier(slug="zuid").regio
    Deelname.objects.create(regio=elders, organisatie=opzet.organisatie)
    daar = toezegging(elders, opzet.organisatie)
    client = ingelogd(opzet.contact)
    org = opzet.organisatie.pk
    for url in (
        reverse("subsidie:mijn_toezegging_toevoegen", args=[org, elders.slug]),
        reverse("subsidie:mijn_toezegging_wijzigen", args=[org, elders.slug, daar.pk]),
        reverse("subsidie:mijn_toezegging_verwijderen", args=[org, elders.slug, daar.pk]),
        # A pledge of the other region under this region's slug.
        reverse("subsidie:mijn_toezegging_wijzigen", args=[org, opzet.regio.slug, daar.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert "zuid" not in client.get(opzet.urls()["overzicht"]).content.decode()


def test_services_refuse_who_is_not_the_contact(opzet):
    with pytest.raises(PermissionDenied):
        wijzig_organisatiegegevens(
            organisatie=opzet.organisatie, door=opzet.dossier.programmamanager, plaats="Leek"
        )
    with pytest.raises(PermissionDenied):
        sla_toezegging_op(
            regio=opzet.regio,
            organisatie=opzet.organisatie,
            door=GebruikerFactory(),
            schooljaar=2026,
            soort="geld",
            omschrijving="x",
            bedrag=Decimal("1"),
        )
    # Not the KvK number or the kind, not even by the contact.
    with pytest.raises(PermissionDenied, match="programmamanager"):
        wijzig_organisatiegegevens(
            organisatie=opzet.organisatie, door=opzet.contact, kvk_nummer="87654321"
        )
    assert Organisatie.objects.get(pk=opzet.organisatie.pk).kvk_nummer == "12345678"
    assert not Gebeurtenis.objects.exists()


def test_mijn_regio_links_to_the_page_for_contacts_only(opzet):
    pagina = reverse("subsidie:mijn_regio")
    link = f'href="{reverse("subsidie:mijn_organisatie")}"'
    assert link in ingelogd(opzet.contact).get(pagina).content.decode()
    assert link not in ingelogd(opzet.dossier.programmamanager).get(pagina).content.decode()
    # The region is listed for the contact, but not as a link to a dossier they cannot open.
    dossier = f'href="{reverse("subsidie:dossier", args=[opzet.dossier.regio.slug])}"'
    assert dossier not in ingelogd(opzet.contact).get(pagina).content.decode()
    assert dossier in ingelogd(opzet.dossier.programmamanager).get(pagina).content.decode()


# --- the overview -------------------------------------------------------------------------


def test_overview_shows_the_organisation_and_its_pledges_in_fixed_queries(
    opzet, django_assert_max_num_queries
):
    client = ingelogd(opzet.contact)
    url = opzet.urls()["overzicht"]
    # Session, user, the contact roles, participations, pledges, and the requests to act
    # for an organisation (the user's own and those they decide on).
    with django_assert_max_num_queries(6):
        html = client.get(url).content.decode()
    assert "Fablab Zuidhorn" in html and "Cofinanciering in Techregio Noord" in html
    assert "1 toezegging in Techregio Noord, samen €\u00a01.000,00" in html
    assert opzet.urls()["wijzigen"] in html and opzet.urls()["toevoegen"] in html

    # More pledges, organisations and regions cost no more queries.
    toezegging(opzet.regio, opzet.organisatie, soort="uren", bedrag=None, uren=40, uurtarief=50)
    tweede = OrganisatieFactory(naam="Gemeente Westerkwartier")
    elders = leeg_dossier(slug="west").regio
    for regio in (opzet.regio, elders):
        Deelname.objects.create(regio=regio, organisatie=tweede)
        toezegging(regio, tweede)
    persoon = Persoon.objects.get(gebruiker=opzet.contact)
    Rol.objects.create(regio=elders, persoon=persoon, soort=Rolsoort.CONTACTPERSOON, namens=tweede)
    with django_assert_max_num_queries(6):
        html = client.get(url).content.decode()
    assert "2 toezeggingen in Techregio Noord, samen €\u00a03.000,00" in html
    assert "40 uur × €\u00a050,00" in html
    assert "Gemeente Westerkwartier" in html and f"Cofinanciering in {elders.naam}" in html


# --- the organisation's data --------------------------------------------------------------


def test_contact_changes_the_organisations_data_and_each_region_records_it(opzet):
    elders = leeg_dossier(slug="oost").regio
    Deelname.objects.create(regio=elders, organisatie=opzet.organisatie)
    Rol.objects.create(
        regio=elders,
        persoon=Persoon.objects.get(gebruiker=opzet.contact),
        soort=Rolsoort.STUURGROEPLID,
    )
    client = ingelogd(opzet.contact)
    assert client.get(opzet.urls()["gegevens"]).context["form"].initial["naam"] == "Fablab Zuidhorn"
    antwoord = client.post(
        opzet.urls()["gegevens"],
        # Fields the page does not offer are ignored.
        gegevenspost(kvk_nummer="87654321", soort="bedrijf"),
        follow=True,
    )
    assert "De gegevens van Fablab Zuidhorn zijn opgeslagen." in antwoord.content.decode()
    organisatie = Organisatie.objects.get(pk=opzet.organisatie.pk)
    assert organisatie.postcode == "9801AB" and organisatie.straat == "Havenweg"
    assert organisatie.website == "https://fablab-zuidhorn.example"
    assert (organisatie.kvk_nummer, organisatie.soort) == ("12345678", "techlab")
    persoon = Persoon.objects.get(gebruiker=opzet.contact)
    assert (persoon.telefoon, persoon.functie) == ("06-12345678", "coördinator educatie")
    # One event, in the region where the person is its contact (not where they have
    # another role).
    gebeurtenis = Gebeurtenis.objects.get(actie="organisatie.gewijzigd")
    assert gebeurtenis.regio == opzet.regio and gebeurtenis.door == opzet.contact
    assert gebeurtenis.gegevens["wijzigingen"]["postcode"] == ["", "9801AB"]
    assert gebeurtenis.gegevens["contactpersoon"]["functie"] == ["docent", "coördinator educatie"]

    # The same again changes nothing and records nothing.
    antwoord = client.post(opzet.urls()["gegevens"], gegevenspost(), follow=True)
    assert "Er was niets gewijzigd." in antwoord.content.decode()
    assert Gebeurtenis.objects.filter(actie="organisatie.gewijzigd").count() == 1


@pytest.mark.parametrize(
    ("veld", "waarde", "bericht"),
    [
        ("naam", "", "Vul de naam van de organisatie in."),
        ("postcode", "12345", "Vul een geldige Nederlandse postcode in"),
        ("website", "niet een adres", "Vul een geldig webadres in"),
        ("email", "info@", "Vul een geldig e-mailadres in"),
    ],
)
def test_bad_organisation_data_gets_a_dutch_message_and_nothing_is_written(
    opzet, veld, waarde, bericht
):
    antwoord = ingelogd(opzet.contact).post(
        opzet.urls()["gegevens"], gegevenspost(**{veld: waarde})
    )
    assert antwoord.status_code == 200
    assert bericht in " ".join(antwoord.context["form"].errors[veld])
    assert "data-foutoverzicht" in antwoord.content.decode()
    assert Organisatie.objects.get(pk=opzet.organisatie.pk).straat == ""
    assert not Gebeurtenis.objects.exists()


def test_a_save_over_a_newer_change_is_refused_instead_of_undoing_it(opzet):
    client = ingelogd(opzet.contact)
    geopend_op = client.get(opzet.urls()["gegevens"]).context["form"].initial["geopend_op"]
    # Meanwhile the organisation changes (another contact, or the programme manager).
    Organisatie.objects.get(pk=opzet.organisatie.pk).save()

    antwoord = client.post(
        opzet.urls()["gegevens"], gegevenspost(plaats="Grootegast", geopend_op=geopend_op)
    )

    assert "zijn gewijzigd sinds u dit formulier opende" in antwoord.content.decode()
    assert Organisatie.objects.get(pk=opzet.organisatie.pk).plaats != "Grootegast"
    assert not Gebeurtenis.objects.exists()
    # Opened again, the form carries the current moment and the save goes through.
    geopend_op = client.get(opzet.urls()["gegevens"]).context["form"].initial["geopend_op"]
    client.post(opzet.urls()["gegevens"], gegevenspost(plaats="Grootegast", geopend_op=geopend_op))
    assert Organisatie.objects.get(pk=opzet.organisatie.pk).plaats == "Grootegast"
    beschadigd = client.post(opzet.urls()["gegevens"], gegevenspost(geopend_op="gisteren"))
    assert "Het formulier is beschadigd" in beschadigd.content.decode()


def test_organisation_data_can_change_while_the_dossier_is_frozen(opzet):
    Regio.objects.filter(pk=opzet.regio.pk).update(status=Regiostatus.INGEDIEND)
    ingelogd(opzet.contact).post(opzet.urls()["gegevens"], gegevenspost(plaats="Grootegast"))
    assert Organisatie.objects.get(pk=opzet.organisatie.pk).plaats == "Grootegast"


# --- pledges ------------------------------------------------------------------------------


def test_contact_adds_a_pledge_of_money_in_the_dossier(opzet):
    versie = Regio.objects.get(pk=opzet.regio.pk).versie
    antwoord = ingelogd(opzet.contact).post(
        opzet.urls()["toevoegen"], toezeggingpost(opzet), follow=True
    )
    assert (
        "De toezegging voor 2027/28 in Techregio Noord is toegevoegd." in antwoord.content.decode()
    )
    nieuw = Cofinanciering.objects.exclude(pk=opzet.toezegging.pk).get()
    assert (nieuw.regio, nieuw.organisatie, nieuw.schooljaar) == (
        opzet.regio,
        opzet.organisatie,
        2027,
    )
    assert (nieuw.soort, nieuw.bedrag, nieuw.omschrijving) == (
        "geld",
        Decimal("2500.00"),
        "Materialen voor de maakweek",
    )
    assert Regio.objects.get(pk=opzet.regio.pk).versie == versie + 1
    gebeurtenis = Gebeurtenis.objects.get(actie="cofinanciering.toegevoegd")
    assert gebeurtenis.regio == opzet.regio and gebeurtenis.door == opzet.contact
    assert gebeurtenis.gegevens["door_contactpersoon"] is True
    assert "door contactpersoon" in gebeurtenis.omschrijving


def test_contact_changes_a_pledge_to_hours_and_rate(opzet):
    ingelogd(opzet.contact).post(
        opzet.urls()["wijzigen"],
        toezeggingpost(opzet, soort="uren", bedrag="999", uren="12,5", uurtarief="80"),
    )
    opzet.toezegging.refresh_from_db()
    assert (opzet.toezegging.soort, opzet.toezegging.bedrag) == ("uren", None)
    assert opzet.toezegging.waarde == Decimal("1000.00")
    gebeurtenis = Gebeurtenis.objects.get(actie="cofinanciering.gewijzigd")
    assert gebeurtenis.gegevens["van"]["bedrag"] == "1000.00"
    assert gebeurtenis.gegevens["naar"]["uren"] == "12.5"


def test_contact_deletes_a_pledge_after_confirming(opzet):
    client = ingelogd(opzet.contact)
    assert "Ja, verwijderen" in client.get(opzet.urls()["verwijderen"]).content.decode()
    versie = Regio.objects.get(pk=opzet.regio.pk).versie
    antwoord = client.post(opzet.urls()["verwijderen"], {"versie": versie}, follow=True)
    assert "is verwijderd" in antwoord.content.decode()
    assert not Cofinanciering.objects.exists()
    gebeurtenis = Gebeurtenis.objects.get(actie="cofinanciering.verwijderd")
    assert gebeurtenis.regio == opzet.regio and gebeurtenis.gegevens["waarde"] == "1000.00"


@pytest.mark.parametrize(
    ("anders", "veld", "bericht"),
    [
        ({"bedrag": ""}, "bedrag", "Vul het bedrag in."),
        ({"bedrag": "-5"}, "bedrag", "Een bedrag kan niet negatief zijn."),
        ({"soort": "uren", "uren": "10", "uurtarief": ""}, "uurtarief", "Vul het uurtarief in"),
        ({"schooljaar": "2040"}, "schooljaar", "Kies een schooljaar binnen het tijdvak."),
        ({"omschrijving": ""}, "omschrijving", "Beschrijf de bijdrage."),
    ],
)
def test_bad_pledge_input_gets_a_dutch_message_and_nothing_is_written(opzet, anders, veld, bericht):
    antwoord = ingelogd(opzet.contact).post(
        opzet.urls()["toevoegen"], toezeggingpost(opzet, **anders)
    )
    assert antwoord.status_code == 200
    assert bericht in " ".join(antwoord.context["form"].errors[veld])
    assert Cofinanciering.objects.count() == 1
    assert not Gebeurtenis.objects.exists()


def test_a_frozen_dossier_shows_why_and_refuses_every_change_of_a_pledge(opzet):
    Regio.objects.filter(pk=opzet.regio.pk).update(status=Regiostatus.INGEDIEND)
    client = ingelogd(opzet.contact)
    overzicht = client.get(opzet.urls()["overzicht"]).content.decode()
    assert "Het dossier van Techregio Noord is ingediend en ligt daarom vast" in overzicht
    assert opzet.urls()["wijzigen"] not in overzicht and opzet.urls()["toevoegen"] not in overzicht
    pagina = client.get(opzet.urls()["toevoegen"])
    assert pagina.status_code == 200 and "form" not in pagina.context
    assert "ligt daarom vast" in pagina.content.decode()

    for naam in ("toevoegen", "wijzigen"):
        antwoord = client.post(opzet.urls()[naam], toezeggingpost(opzet))
        assert "Het dossier van Techregio Noord is ingediend" in antwoord.content.decode(), naam
    antwoord = client.post(opzet.urls()["verwijderen"], {"versie": opzet.regio.versie})
    assert "ligt daarom vast" in antwoord.content.decode()
    opzet.toezegging.refresh_from_db()
    assert opzet.toezegging.bedrag == Decimal("1000.00") and Cofinanciering.objects.count() == 1
    assert not Gebeurtenis.objects.exists()


def test_a_stale_form_is_refused_and_shown_again_on_the_current_version(opzet):
    client = ingelogd(opzet.contact)
    oud = Regio.objects.get(pk=opzet.regio.pk).versie
    # Meanwhile the programme manager changes the dossier.
    Regio.objects.filter(pk=opzet.regio.pk).update(versie=oud + 1)
    antwoord = client.post(opzet.urls()["wijzigen"], toezeggingpost(opzet, versie=oud, bedrag="5"))
    assert "Iemand anders heeft het dossier gewijzigd" in antwoord.content.decode()
    assert antwoord.context["form"].data["versie"] == str(oud + 1)
    opzet.toezegging.refresh_from_db()
    assert opzet.toezegging.bedrag == Decimal("1000.00")
    # Sent again after reading the message, it goes through.
    client.post(opzet.urls()["wijzigen"], toezeggingpost(opzet, versie=oud + 1, bedrag="5"))
    opzet.toezegging.refresh_from_db()
    assert opzet.toezegging.bedrag == Decimal("5.00")


def test_an_organisation_that_left_the_region_cannot_pledge_there(opzet):
    Deelname.objects.filter(organisatie=opzet.organisatie).update(status=Deelnamestatus.BEEINDIGD)
    client = ingelogd(opzet.contact)
    assert (
        "doet niet (meer) mee in Techregio Noord"
        in client.get(opzet.urls()["overzicht"]).content.decode()
    )
    antwoord = client.post(opzet.urls()["toevoegen"], toezeggingpost(opzet))
    assert "Deze organisatie doet niet mee in de regio." in antwoord.content.decode()
    assert Cofinanciering.objects.count() == 1


# --- the demo -----------------------------------------------------------------------------


def test_demo_partner_logins_are_contacts_who_can_use_the_page(settings):
    settings.DEMO_WACHTWOORD = "proef-demo"
    call_command("import_scholen", stdout=StringIO())
    call_command("demo", stdout=StringIO())
    for regio in Regio.objects.filter(tijdvak__code="tijdvak-2"):
        client = Client()
        assert client.login(
            username=f"partner-{regio.slug}",
            password=_demowachtwoord(f"partner-{regio.slug}"),
        ), regio.slug
        antwoord = client.get(reverse("subsidie:mijn_organisatie"))
        assert antwoord.status_code == 200, regio.slug
        assert f"Cofinanciering in {regio.naam}" in antwoord.content.decode()
        assert (
            reverse("subsidie:mijn_organisatie")
            in client.get(reverse("subsidie:mijn_regio")).content.decode()
        )
    # Waterland's dossier is open: its demo contact can change the company's pledges.
    client = Client()
    client.login(username="partner-waterland", password=_demowachtwoord("partner-waterland"))
    html = client.get(reverse("subsidie:mijn_organisatie")).content.decode()
    assert "Scheepstechniek Volendam BV" in html
    assert "/waterland/cofinanciering/toevoegen/" in html
    assert re.search(r"/waterland/cofinanciering/\d+/wijzigen/", html)
    # Westerkwartier's demo dossier is under review: its contact is told why it is fixed.
    client.login(
        username="partner-westerkwartier", password=_demowachtwoord("partner-westerkwartier")
    )
    html = client.get(reverse("subsidie:mijn_organisatie")).content.decode()
    assert "ligt daarom vast" in html


def _demowachtwoord(gebruikersnaam: str) -> str:
    from subsidie.demo.bouwen import wachtwoord

    return wachtwoord("proef-demo", gebruikersnaam)
