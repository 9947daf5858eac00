"""Privacy (AVG): a person sees and downloads their own data and nothing of anyone else's,
asks for erasure; an administrator erases, which pseudonymises the person everywhere and
keeps the audit trail whole; deleting a person leaves no name in audit texts; the privacy
page's contact comes from its own setting."""

import datetime
import json
import os
from decimal import Decimal

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from ecosysteem.audit import leg_vast
from ecosysteem.models import (
    Actie,
    Gebeurtenis,
    Gebruiker,
    UitgaandeEmail,
    Verwijderverzoek,
    Verwijderverzoekstatus,
)
from ecosysteem.rollen import BEHEERDERS
from partners.models import Aanmelding, Aanmeldingstatus, Organisatie, Persoon
from partners.services import maak_persoon
from regios.models import Convenant, Deelname, Ondertekening, Rol, Rolsoort
from regios.services import ken_rol_toe
from subsidie.models import Cofinanciering, Indiening, Rapport, Rapportstatus
from subsidie.services.contact import wijzig_organisatiegegevens
from subsidie.services.privacy import (
    maak_verwijderverzoek,
    vraag_wissen_aan,
    wijs_wissen_af,
    wis_persoonsgegevens,
)
from tests.dossiers import leeg_dossier
from tests.factories import GebruikerFactory, OrganisatieFactory, PersoonFactory
from tests.partners.test_aanmelding import aanmelden, link_uit, pad

pytestmark = pytest.mark.django_db

NAAM = "Fatima El Amrani"
EMAIL = "fatima@robotica-noord.example"


def ingelogd(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


def beheerder(**velden) -> Gebruiker:
    gebruiker = GebruikerFactory(is_staff=True, is_superuser=True, **velden)
    gebruiker.groups.add(Group.objects.get(name=BEHEERDERS))
    return gebruiker


def teksten() -> str:
    """Everything the audit trail and the outbox hold as text."""
    delen = []
    for g in Gebeurtenis.objects.all():
        delen += [g.omschrijving, g.reden, json.dumps(g.gegevens, ensure_ascii=False)]
    for e in UitgaandeEmail.objects.all():
        delen += [e.ontvanger, e.onderwerp, e.tekst]
    return "\n".join(delen)


class Fatima:
    """Fatima registers Robotica Noord at Techregio Noord through the form, confirms, is
    approved, chooses a password, keeps her organisation's data; Jan is somebody else in
    the same region, Karin the contact of another organisation there."""

    def __init__(self, client, capture):
        self.dossier = leeg_dossier(naam="Techregio Noord", slug="noord")
        self.regio = self.dossier.regio
        with capture(execute=True):
            aanmelden(client, self.regio, telefoon="050-7654321")
        with capture(execute=True):
            client.get(pad(link_uit(mail.outbox[-1])))
        self.aanmelding = Aanmelding.objects.get()
        with capture(execute=True):
            ingelogd(self.dossier.programmamanager).post(
                reverse("subsidie:aanmelding_goedkeuren", args=["noord", self.aanmelding.pk])
            )
        self.persoon = Persoon.objects.get(email=EMAIL)
        self.gebruiker = self.persoon.gebruiker
        self.gebruiker.set_password("Techniek-voor-iedereen-9")
        self.gebruiker.save()
        self.organisatie = Organisatie.objects.get(kvk_nummer="12345678")
        wijzig_organisatiegegevens(
            organisatie=self.organisatie,
            door=self.gebruiker,
            website="https://robotica.example",
            contact={"functie": "Directeur techniek"},
        )
        # Someone else in the same region, named in an event Fatima did not do.
        self.jan = maak_persoon(
            voornaam="Jan", achternaam="de Boer", email="jan@voorbeeld.nl", door=None
        )
        ken_rol_toe(
            regio=self.regio,
            persoon=self.jan,
            soort=Rolsoort.STUURGROEPLID,
            door=self.dossier.programmamanager,
        )
        # Karin: contact of another organisation in the region, with its own pledge.
        self.ander = OrganisatieFactory(naam="Gemeente Noord")
        Deelname.objects.create(regio=self.regio, organisatie=self.ander)
        self.karin = GebruikerFactory(first_name="Karin", last_name="Dijkstra")
        Rol.objects.create(
            regio=self.regio,
            persoon=PersoonFactory(
                gebruiker=self.karin,
                voornaam="Karin",
                achternaam="Dijkstra",
                email="karin@gemeente.example",
                organisatie=self.ander,
            ),
            soort=Rolsoort.CONTACTPERSOON,
            namens=self.ander,
        )
        Cofinanciering.objects.create(
            regio=self.regio,
            organisatie=self.ander,
            schooljaar=self.regio.tijdvak.eerste_schooljaar,
            soort="geld",
            omschrijving="Bijdrage van de gemeente",
            bedrag=Decimal("7777"),
        )


@pytest.fixture
def fatima(client, django_capture_on_commit_callbacks):
    return Fatima(client, django_capture_on_commit_callbacks)


# --- seeing and downloading one's own data ------------------------------------------------


def test_my_data_page_shows_my_data_and_nothing_of_anyone_else_in_fixed_queries(
    fatima, django_assert_max_num_queries
):
    client = ingelogd(fatima.gebruiker)
    url = reverse("subsidie:mijn_gegevens")
    with django_assert_max_num_queries(14) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert "no-store" in antwoord["Cache-Control"]
    html = antwoord.content.decode()
    assert EMAIL in html and "Directeur techniek" in html and "050-7654321" in html
    assert "Techregio Noord" in html and "Contactpersoon van een partner" in html
    # Her registration and her organisation's pledge (40 h × € 62,50).
    assert "Robotica Noord BV, Techregio Noord" in html and "€\u00a02.500,00" in html
    for ander in (
        "Karin",
        "karin@gemeente.example",
        "€\u00a07.777,00",
        "Jan de Boer",
        "jan@voorbeeld",
    ):
        assert ander not in html

    # More roles, pledges and events cost no more queries.
    aantal = len(vastgelegd)
    for n in range(3):
        leg_vast(actie=Actie.PERSOON_GEWIJZIGD, omschrijving=f"Stap {n}", door=fatima.gebruiker)
        Rol.objects.create(
            regio=leeg_dossier().regio, persoon=fatima.persoon, soort=Rolsoort.STUURGROEPLID
        )
    with django_assert_max_num_queries(aantal):
        assert client.get(url).status_code == 200


def test_the_download_holds_all_my_data_masks_other_people_and_is_audited(fatima):
    # An event Fatima did that names someone else.
    leg_vast(
        actie=Actie.ROL_TOEGEKEND,
        omschrijving="Jan de Boer (jan@voorbeeld.nl) gevraagd door Fatima El Amrani.",
        door=fatima.gebruiker,
    )
    antwoord = ingelogd(fatima.gebruiker).get(reverse("subsidie:mijn_gegevens_download"))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("application/json")
    assert antwoord["Content-Disposition"].startswith('attachment; filename="mijn-gegevens')
    ruw = antwoord.content.decode()
    gegevens = json.loads(ruw)
    assert gegevens["account"]["email"] == EMAIL
    assert gegevens["contactpersoon"]["telefoon"] == "050-7654321"
    assert [r["rol"] for r in gegevens["rollen"]] == ["contactpersoon van een partner"]
    assert gegevens["aanmeldingen"][0]["status"] == "goedgekeurd"
    assert gegevens["aanmeldingen"][0]["toezegging"]["uren"] == "40.0"
    assert [t["organisatie"] for t in gegevens["toezeggingen"]] == ["Robotica Noord BV"]
    omschrijvingen = [g["omschrijving"] for g in gegevens["audittrail"]]
    assert "[iemand anders] ([iemand anders]) gevraagd door Fatima El Amrani." in omschrijvingen
    assert any("Contactpersoon Fatima El Amrani heeft gegevens" in o for o in omschrijvingen)
    for ander in ("Jan de Boer", "jan@voorbeeld.nl", "Karin", "karin@", "7777", "Gemeente Noord"):
        assert ander not in ruw
    download = Gebeurtenis.objects.get(actie=Actie.PERSOONSGEGEVENS_GEDOWNLOAD)
    assert download.door == fatima.gebruiker and NAAM not in download.omschrijving


def test_a_newcomer_waiting_to_act_for_an_organisation_does_not_see_its_pledges(fatima):
    nieuw = GebruikerFactory()
    persoon = PersoonFactory(gebruiker=nieuw)
    Rol.objects.create(
        regio=fatima.regio, persoon=persoon, soort=Rolsoort.CONTACTPERSOON, namens=fatima.ander
    )
    fatima.ander.koppelverzoeken.create(persoon=persoon, regio=fatima.regio)
    gegevens = json.loads(ingelogd(nieuw).get(reverse("subsidie:mijn_gegevens_download")).content)
    assert gegevens["toezeggingen"] == []
    assert gegevens["verzoeken_om_namens_een_organisatie_op_te_treden"][0]["status"] == (
        "wacht op goedkeuring"
    )


# --- asking for erasure --------------------------------------------------------------------


def test_asking_for_erasure_records_one_request_that_administrators_see(
    fatima, django_capture_on_commit_callbacks
):
    baas = beheerder(username="baas", email="baas@portaal.example")
    client = ingelogd(fatima.gebruiker)
    url = reverse("subsidie:mijn_gegevens_wissen")
    pagina = client.get(url).content.decode()
    assert "persoon #12" in pagina and "Vraag om wissen" in pagina
    antwoord = client.post(url, {"toelichting": "Alles graag."})
    assert "Vink aan dat u begrijpt wat wissen betekent" in antwoord.content.decode()
    assert not Verwijderverzoek.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url, {"toelichting": "Alles graag.", "begrepen": "on"}, follow=True)
    verzoek = Verwijderverzoek.objects.get()
    assert verzoek.gebruiker == fatima.gebruiker and verzoek.persoon == fatima.persoon
    assert verzoek.status == Verwijderverzoekstatus.OPEN
    assert f"verzoek {verzoek.pk}" in antwoord.content.decode()
    event = Gebeurtenis.objects.get(actie=Actie.VERWIJDERVERZOEK_INGEDIEND)
    assert event.door == fatima.gebruiker and NAAM not in event.omschrijving
    aan_baas = [m for m in mail.outbox if m.to == ["baas@portaal.example"]]
    assert len(aan_baas) == 1 and NAAM not in aan_baas[0].body
    assert f"/beheer/ecosysteem/verwijderverzoek/{verzoek.pk}/change/" in aan_baas[0].body
    # Asking again changes nothing.
    client.post(url, {"begrepen": "on"})
    assert Verwijderverzoek.objects.count() == 1
    lijst = ingelogd(baas).get(reverse("admin:ecosysteem_verwijderverzoek_changelist"))
    assert lijst.status_code == 200 and str(verzoek) in lijst.content.decode()


# --- erasure by an administrator ------------------------------------------------------------


def test_erasure_pseudonymises_the_person_everywhere_and_keeps_the_trail(
    fatima, django_capture_on_commit_callbacks
):
    regio = fatima.regio
    # What else carries her name: a signature, a submitted version, a PDF of the region.
    convenant = Convenant.objects.create(
        regio=regio,
        titel="Convenant Noord",
        ingangsdatum=datetime.date(2025, 8, 1),
        einddatum=datetime.date(2028, 7, 31),
    )
    Ondertekening.objects.create(
        convenant=convenant,
        organisatie=fatima.organisatie,
        ondertekenaar=NAAM,
        datum=datetime.date(2025, 9, 1),
    )
    indiening = Indiening.objects.create(
        regio=regio,
        versie=1,
        maximale_subsidie=Decimal("1"),
        cofinanciering=Decimal("1"),
        begroting=Decimal("1"),
        inhoud={"rollen": [{"persoon": NAAM, "rol": "contactpersoon"}, {"persoon": "Jan de Boer"}]},
    )
    rapport = Rapport.objects.create(
        regio=regio, soort="dossier", inhoud_hash="0" * 64, status=Rapportstatus.KLAAR
    )
    rapport.bestand.save("dossier.pdf", ContentFile(b"%PDF-1.7 Fatima El Amrani"))
    bestand = rapport.bestand.path
    verzoek = vraag_wissen_aan(gebruiker=fatima.gebruiker, toelichting="Ik stop.")
    door_haar = set(Gebeurtenis.objects.filter(door=fatima.gebruiker).values_list("pk", flat=True))
    voor = set(Gebeurtenis.objects.values_list("pk", flat=True))
    assert len(door_haar) >= 2 and NAAM in teksten() and EMAIL in teksten()
    baas = beheerder(username="baas")
    client = ingelogd(baas)
    lijst = reverse("admin:ecosysteem_verwijderverzoek_changelist")
    # The confirmation page first: it names whom it is about.
    bevestigen = client.post(lijst, {"action": "wissen", "_selected_action": [verzoek.pk]})
    assert bevestigen.status_code == 200
    assert (
        NAAM in bevestigen.content.decode() and "Ja, gegevens wissen" in bevestigen.content.decode()
    )
    assert Verwijderverzoek.objects.get().status == Verwijderverzoekstatus.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            lijst, {"action": "wissen", "_selected_action": [verzoek.pk], "bevestigd": "ja"}
        )

    verzoek.refresh_from_db()
    pseudoniem = f"persoon #{verzoek.pk}"
    assert verzoek.status == Verwijderverzoekstatus.UITGEVOERD
    assert verzoek.pseudoniem == pseudoniem and verzoek.toelichting == ""
    # Nothing identifies her any more, anywhere in the texts.
    alles = teksten()
    for kenmerk in (NAAM, "Fatima", "El Amrani", EMAIL, "050-7654321"):
        assert kenmerk not in alles, kenmerk
    assert pseudoniem in alles
    # The trail keeps every event, and her events still point at her (switched off) account.
    assert voor <= set(Gebeurtenis.objects.values_list("pk", flat=True))
    assert door_haar == set(
        Gebeurtenis.objects.filter(door=fatima.gebruiker).values_list("pk", flat=True)
    )
    gewijzigd = Gebeurtenis.objects.get(actie=Actie.ORGANISATIE_GEWIJZIGD, door=fatima.gebruiker)
    assert gewijzigd.omschrijving.startswith(f"Contactpersoon {pseudoniem} heeft gegevens")
    # The erasure itself is recorded, without her.
    gewist = Gebeurtenis.objects.get(actie=Actie.PERSOONSGEGEVENS_GEWIST)
    assert gewist.door == baas and gewist.gegevens["gebeurtenissen"] > 0
    assert NAAM not in str(gewist) and EMAIL not in json.dumps(gewist.gegevens)
    # The records themselves.
    gebruiker = Gebruiker.objects.get(pk=fatima.gebruiker.pk)
    assert gebruiker.username == f"verwijderd-{verzoek.pk}" and str(gebruiker) == pseudoniem
    assert not gebruiker.is_active and not gebruiker.has_usable_password()
    assert not gebruiker.groups.exists()
    assert authenticate(username=EMAIL, password="Techniek-voor-iedereen-9") is None
    persoon = Persoon.objects.get(pk=fatima.persoon.pk)
    assert persoon.volledige_naam == pseudoniem
    assert (persoon.telefoon, persoon.functie) == ("", "")
    assert persoon.email.endswith("@verwijderd.invalid")
    aanmelding = Aanmelding.objects.get(pk=fatima.aanmelding.pk)
    assert aanmelding.status == Aanmeldingstatus.GOEDGEKEURD
    assert aanmelding.contactnaam == pseudoniem and aanmelding.ip_hash == ""
    assert Ondertekening.objects.get().ondertekenaar == pseudoniem
    indiening.refresh_from_db()
    assert indiening.inhoud["rollen"] == [
        {"persoon": pseudoniem, "rol": "contactpersoon"},
        {"persoon": "Jan de Boer"},
    ]
    assert not Rapport.objects.filter(pk=rapport.pk).exists()
    assert not os.path.exists(bestand)
    # Her role in the region stays, on the pseudonym; Jan is untouched.
    assert Rol.objects.filter(persoon=persoon, regio=regio).exists()
    assert Persoon.objects.get(pk=fatima.jan.pk).volledige_naam == "Jan de Boer"
    assert "Jan de Boer" in alles
    # The session she had is gone with the password.
    assert ingelogd(gebruiker).get(reverse("subsidie:mijn_gegevens")).status_code == 302


def test_erasure_is_for_another_administrator_and_asks_a_reason_to_decline(fatima):
    verzoek = vraag_wissen_aan(gebruiker=fatima.gebruiker)
    with pytest.raises(PermissionDenied):
        wis_persoonsgegevens(verzoek=verzoek, door=fatima.dossier.programmamanager)
    baas = beheerder()
    eigen = maak_verwijderverzoek(door=baas, gebruiker=baas)
    with pytest.raises(PermissionDenied, match="andere beheerder"):
        wis_persoonsgegevens(verzoek=eigen, door=baas)
    with pytest.raises(Exception, match="reden"):
        wijs_wissen_af(verzoek=verzoek, door=baas, reden=" ")
    wijs_wissen_af(verzoek=verzoek, door=baas, reden="Nodig voor de verantwoording.")
    verzoek.refresh_from_db()
    assert verzoek.status == Verwijderverzoekstatus.AFGEWEZEN
    assert Persoon.objects.get(pk=fatima.persoon.pk).volledige_naam == NAAM
    with pytest.raises(Exception, match="al besloten"):
        wis_persoonsgegevens(verzoek=verzoek, door=baas)
    pagina = ingelogd(fatima.gebruiker).get(reverse("subsidie:mijn_gegevens_download"))
    assert "Nodig voor de verantwoording." in pagina.content.decode()


def test_an_administrator_erases_a_contact_without_an_account(fatima):
    baas = beheerder()
    lijst = reverse("admin:ecosysteem_verwijderverzoek_changelist")
    client = ingelogd(baas)
    leeg = client.post(reverse("admin:ecosysteem_verwijderverzoek_add"), {"toelichting": "?"})
    assert "Kies een account of een contactpersoon." in leeg.content.decode()
    toevoegen = client.post(
        reverse("admin:ecosysteem_verwijderverzoek_add"),
        {"persoon": fatima.jan.pk, "toelichting": "Per e-mail gevraagd."},
    )
    assert toevoegen.status_code == 302
    verzoek = Verwijderverzoek.objects.get(persoon=fatima.jan)
    client.post(lijst, {"action": "wissen", "_selected_action": [verzoek.pk], "bevestigd": "ja"})
    assert "Jan de Boer" not in teksten() and "jan@voorbeeld.nl" not in teksten()
    assert Persoon.objects.get(pk=fatima.jan.pk).volledige_naam == f"persoon #{verzoek.pk}"
    # Fatima is not touched.
    assert NAAM in teksten()


# --- deleting a person ----------------------------------------------------------------------


def test_deleting_a_person_or_an_account_leaves_no_name_in_audit_texts(fatima):
    baas = beheerder()
    client = ingelogd(baas)
    los = maak_persoon(voornaam="Lotte", achternaam="Visser", email="lotte@voorbeeld.nl", door=baas)
    assert "Lotte Visser" in teksten()
    antwoord = client.post(reverse("admin:partners_persoon_delete", args=[los.pk]), {"post": "yes"})
    assert antwoord.status_code == 302 and not Persoon.objects.filter(pk=los.pk).exists()
    assert "Lotte Visser" not in teksten() and "lotte@voorbeeld.nl" not in teksten()
    assert f"verwijderde persoon #{los.pk}" in teksten()

    karin = fatima.karin
    Rol.objects.filter(persoon__gebruiker=karin).delete()
    leg_vast(actie=Actie.PERSOON_GEWIJZIGD, omschrijving="Karin Dijkstra belde.", door=karin)
    client.post(reverse("admin:ecosysteem_gebruiker_delete", args=[karin.pk]), {"post": "yes"})
    assert not Gebruiker.objects.filter(pk=karin.pk).exists()
    assert "Karin Dijkstra" not in teksten()
    assert Gebeurtenis.objects.filter(
        Q(omschrijving__contains=f"verwijderd account #{karin.pk}") & Q(door__isnull=True)
    ).exists()


# --- the privacy page -----------------------------------------------------------------------


def test_the_privacy_page_names_its_own_contact_and_the_retention_periods(client, settings):
    settings.DEFAULT_FROM_EMAIL = "noreply@portaal.example"
    settings.PRIVACY_CONTACT_EMAIL = "privacy@ocw.example"
    settings.AANMELDING_BEVESTIGEN_DAGEN = 5
    settings.BEWAARTERMIJN_EMAIL_DAGEN = 30
    html = client.get(reverse("privacy")).content.decode()
    assert 'href="mailto:privacy@ocw.example"' in html and "noreply@portaal.example" not in html
    assert "niet binnen 5 dagen is bevestigd" in html and "30 dagen." in html
    assert reverse("subsidie:mijn_gegevens") in html
    settings.PRIVACY_CONTACT_EMAIL = ""
    html = client.get(reverse("privacy")).content.decode()
    assert "nog geen contactadres voor privacyvragen" in html
    assert "noreply@portaal.example" not in html
