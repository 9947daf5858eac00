"""Partner self-registration: the public form, its defences against abuse, the e-mail
confirmation, and the programme manager's decision."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import authenticate
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from ecosysteem.models import Actie, Gebeurtenis, UitgaandeEmail
from ecosysteem.outbox import verstuur_email
from partners.bevestiging import TOKEN_ZOUT
from partners.forms_aanmelding import AanmeldingForm
from partners.models import Aanmelding, Aanmeldingstatus, Organisatie, Persoon
from regios.models import Deelname, Regio, Regiostatus, Rol, Rolsoort
from regios.services.aanmelding import AanmeldingGesloten, dien_aanmelding_in
from subsidie.models import Cofinanciering
from tests.dossiers import leeg_dossier
from tests.factories import DeelnameFactory, OrganisatieFactory, VestigingFactory

pytestmark = pytest.mark.django_db


def formulier(**anders) -> dict:
    gegevens = {
        "soort": "bedrijf",
        "naam": "Robotica Noord BV",
        "kvk_nummer": "1234 5678",
        "straat": "Havenstraat",
        "huisnummer": "12",
        "postcode": "9712 AB",
        "plaats": "Groningen",
        "website": "https://robotica-noord.example",
        "voornaam": "Fatima",
        "tussenvoegsel": "",
        "achternaam": "El Amrani",
        "email": "fatima@robotica-noord.example",
        "telefoon": "050-1234567",
        "functie": "Directeur",
        "aanbod": ["expertise", "gastlessen"],
        "aanbod_toelichting": "Gastlessen over robots.",
        "cofinanciering_soort": "uren",
        # Hidden for hours, and ignored: hours are given as hours and rate.
        "cofinanciering_bedrag": "999",
        "cofinanciering_uren": "40",
        "cofinanciering_uurtarief": "62,50",
        "cofinanciering_omschrijving": "Uren van onze technici.",
        "privacy_akkoord": "on",
        "website_2": "",
    }
    gegevens.update(anders)
    return gegevens


def aanmelden(client, regio, ip="192.0.2.1", **anders):
    return client.post(
        reverse("regios:aanmelden", args=[regio.slug]), formulier(**anders), REMOTE_ADDR=ip
    )


def link_uit(bericht) -> str:
    return re.search(r"https?://\S+|/\S+/", bericht.body).group(0)


def pad(link: str) -> str:
    return re.sub(r"^https?://[^/]+", "", link)


@pytest.fixture
def dossier():
    return leeg_dossier()


def test_whole_path_register_confirm_approve_and_log_in(
    client, dossier, django_capture_on_commit_callbacks
):
    regio = dossier.regio
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = aanmelden(client, regio)
    assert antwoord.status_code == 302
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.kvk_nummer == "12345678" and aanmelding.postcode == "9712AB"
    assert aanmelding.status == Aanmeldingstatus.TE_BEVESTIGEN
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["fatima@robotica-noord.example"]

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.get(pad(link_uit(mail.outbox[0])))
    assert antwoord.status_code == 200
    assert "Uw e-mailadres is bevestigd" in antwoord.content.decode()
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmeldingstatus.BEVESTIGD
    assert mail.outbox[1].to == [dossier.programmamanager.persoon.email]

    pm = Client()
    pm.force_login(dossier.programmamanager)
    pagina = pm.get(reverse("regios:partners", args=[regio.slug])).content.decode()
    assert "Robotica Noord BV" in pagina
    assert reverse("regios:aanmelden", args=[regio.slug]) in pagina
    with django_capture_on_commit_callbacks(execute=True):
        pm.post(reverse("subsidie:aanmelding_goedkeuren", args=[regio.slug, aanmelding.pk]))
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmeldingstatus.GOEDGEKEURD
    organisatie = Organisatie.objects.get(kvk_nummer="12345678")
    assert Deelname.objects.filter(regio=regio, organisatie=organisatie, status="actief").exists()
    persoon = Persoon.objects.get(email="fatima@robotica-noord.example")
    assert Rol.objects.filter(regio=regio, persoon=persoon, soort=Rolsoort.CONTACTPERSOON).exists()
    assert not persoon.gebruiker.has_usable_password()
    acties = set(Gebeurtenis.objects.values_list("actie", flat=True))
    assert {"aanmelding.ingediend", "aanmelding.bevestigd", "aanmelding.goedgekeurd"} <= acties

    welkom = mail.outbox[2]
    assert welkom.to == ["fatima@robotica-noord.example"]
    contact = Client()
    antwoord = contact.get(pad(link_uit(welkom)), follow=True)
    assert antwoord.status_code == 200
    antwoord = contact.post(
        antwoord.redirect_chain[-1][0],
        {"new_password1": "Techniek-voor-iedereen-9", "new_password2": "Techniek-voor-iedereen-9"},
    )
    assert antwoord.status_code == 302
    assert authenticate(username=persoon.gebruiker.username, password="Techniek-voor-iedereen-9")


def test_confirmation_mail_task_is_idempotent(client, dossier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        aanmelden(client, dossier.regio)
    rij = UitgaandeEmail.objects.get(gebeurtenis__actie=Actie.AANMELDING_INGEDIEND)
    assert verstuur_email(rij.pk) is False
    assert len(mail.outbox) == 1


def test_filled_honeypot_is_refused_and_nothing_is_written(client, dossier):
    antwoord = aanmelden(client, dossier.regio, website_2="http://spam.example")
    assert antwoord.status_code == 400
    assert "kon niet worden verwerkt" in antwoord.content.decode()
    assert not Aanmelding.objects.exists() and not Gebeurtenis.objects.exists()
    assert mail.outbox == []


def test_sixth_registration_within_an_hour_from_one_address_is_refused(client, dossier):
    for n in range(5):
        antwoord = aanmelden(client, dossier.regio, kvk_nummer=f"1111111{n}", naam=f"Bedrijf {n}")
        assert antwoord.status_code == 302
    antwoord = aanmelden(client, dossier.regio, kvk_nummer="22222222")
    assert antwoord.status_code == 429
    assert "Te veel aanmeldingen vanaf dit adres" in antwoord.content.decode()
    assert Aanmelding.objects.count() == 5
    # Another address is not affected.
    assert (
        aanmelden(client, dossier.regio, ip="192.0.2.99", kvk_nummer="22222222").status_code == 302
    )


def test_duplicate_kvk_number_names_the_organisation(client, dossier):
    bestaand = OrganisatieFactory(naam="Fablab Stad", kvk_nummer="12345678")
    Deelname.objects.create(regio=dossier.regio, organisatie=bestaand)
    antwoord = aanmelden(client, dossier.regio)
    assert antwoord.status_code == 200
    assert "Fablab Stad doet al mee in" in antwoord.content.decode()
    assert not Aanmelding.objects.exists()


def test_pending_registration_with_the_same_kvk_is_a_duplicate(client, dossier):
    aanmelden(client, dossier.regio)
    antwoord = aanmelden(client, dossier.regio, naam="Nog een keer")
    assert "Robotica Noord BV doet al mee in" in antwoord.content.decode()
    assert Aanmelding.objects.count() == 1


def test_school_registers_with_a_branch_from_the_register(client, dossier):
    vestiging = VestigingFactory(vestigingscode="32DD00", brin_nummer="32DD")
    antwoord = aanmelden(
        client, dossier.regio, soort="po_school", kvk_nummer="", vestigingscode="32dd00"
    )
    assert antwoord.status_code == 302
    assert Aanmelding.objects.get().vestiging == vestiging
    DeelnameFactory(regio=dossier.regio, vestiging=vestiging)
    antwoord = aanmelden(
        client, dossier.regio, soort="po_school", kvk_nummer="", vestigingscode="99ZZ00"
    )
    assert "staat niet in het scholenregister" in antwoord.content.decode()


@pytest.mark.parametrize(
    ("veld", "waarde", "bericht"),
    [
        ("kvk_nummer", "1234", "Een KvK-nummer bestaat uit 8 cijfers"),
        ("postcode", "12345", "Vul een geldige Nederlandse postcode in"),
        ("email", "fatima@", "Vul een geldig e-mailadres in"),
        ("privacy_akkoord", "", "Ga akkoord met de privacyverklaring"),
    ],
)
def test_malformed_input_gets_a_dutch_message_and_nothing_is_written(
    client, dossier, veld, waarde, bericht
):
    antwoord = aanmelden(client, dossier.regio, **{veld: waarde})
    assert antwoord.status_code == 200
    assert bericht in antwoord.content.decode()
    assert not Aanmelding.objects.exists() and not Gebeurtenis.objects.exists()


def test_invalid_or_expired_token_gets_a_dutch_message(client, dossier, settings):
    antwoord = client.get(reverse("regios:aanmelding_bevestigen", args=["rommel"]))
    assert antwoord.status_code == 400
    assert "Deze bevestigingslink is ongeldig" in antwoord.content.decode()
    aanmelden(client, dossier.regio)
    settings.AANMELDING_BEVESTIGEN_DAGEN = -1
    token = signing.dumps(Aanmelding.objects.get().pk, salt=TOKEN_ZOUT, compress=True)
    antwoord = client.get(reverse("regios:aanmelding_bevestigen", args=[token]))
    assert "verlopen" in antwoord.content.decode()
    assert Aanmelding.objects.get().status == Aanmeldingstatus.TE_BEVESTIGEN


def bevestigde_aanmelding(client, regio) -> Aanmelding:
    aanmelden(client, regio)
    aanmelding = Aanmelding.objects.get()
    aanmelding.status = Aanmeldingstatus.BEVESTIGD
    aanmelding.save()
    return aanmelding


def test_reject_needs_a_reason_and_mails_the_contact(
    client, dossier, django_capture_on_commit_callbacks
):
    aanmelding = bevestigde_aanmelding(client, dossier.regio)
    pm = Client()
    pm.force_login(dossier.programmamanager)
    url = reverse("regios:aanmelding_afwijzen", args=[dossier.regio.slug, aanmelding.pk])
    antwoord = pm.post(url, {"reden": " "}, follow=True)
    assert "Geef een reden voor de afwijzing" in antwoord.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        pm.post(url, {"reden": "Geen technologie-aanbod."})
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmeldingstatus.AFGEWEZEN
    assert "Geen technologie-aanbod." in mail.outbox[-1].body
    assert not Organisatie.objects.exists()


def test_approving_on_a_frozen_dossier_is_refused_with_the_dossiers_message(client, dossier):
    aanmelding = bevestigde_aanmelding(client, dossier.regio)
    dossier.regio.status = Regiostatus.INGEDIEND
    dossier.regio.save()
    pm = Client()
    pm.force_login(dossier.programmamanager)
    antwoord = pm.post(
        reverse("subsidie:aanmelding_goedkeuren", args=[dossier.regio.slug, aanmelding.pk]),
        follow=True,
    )
    assert "kan niet meer worden gewijzigd" in antwoord.content.decode()
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmeldingstatus.BEVESTIGD
    assert not Organisatie.objects.exists()


@pytest.mark.parametrize(
    ("status", "open_"),
    [
        (Regiostatus.CONCEPT, True),
        (Regiostatus.INGEDIEND, True),
        (Regiostatus.IN_BEOORDELING, True),
        (Regiostatus.AANVULLING_GEVRAAGD, True),
        (Regiostatus.TOEGEKEND, False),
        (Regiostatus.AFGEWEZEN, False),
    ],
)
def test_a_region_takes_registrations_until_its_dossier_is_decided(status, open_):
    assert Regio(status=status).neemt_aanmeldingen_aan is open_


@pytest.mark.parametrize("status", [Regiostatus.TOEGEKEND, Regiostatus.AFGEWEZEN])
def test_the_form_of_a_decided_region_is_closed_says_why_and_writes_nothing(
    client, dossier, status, django_capture_on_commit_callbacks
):
    regio = dossier.regio
    Deelname.objects.create(
        regio=regio, organisatie=OrganisatieFactory(naam="Bestuur Noord"), is_penvoerder=True
    )
    regio.status = status
    regio.save()

    pagina = client.get(reverse("regios:aanmelden", args=[regio.slug]))
    html = pagina.content.decode()
    assert pagina.status_code == 200
    assert "Aanmelden is gesloten" in html
    assert f"Over de subsidieaanvraag van {regio.naam} is besloten" in html
    assert "programmamanager" in html and "Bestuur Noord" in html
    assert 'method="post"' not in html

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = aanmelden(client, regio)
    assert antwoord.status_code == 403
    assert "Aanmelden is gesloten" in antwoord.content.decode()
    assert not Aanmelding.objects.exists()
    assert not Gebeurtenis.objects.filter(actie=Actie.AANMELDING_INGEDIEND).exists()
    assert mail.outbox == []


def test_the_registration_service_refuses_a_decided_region(dossier):
    regio = dossier.regio
    # Decided after the page was read: the service reads the status itself.
    Regio.objects.filter(pk=regio.pk).update(status=Regiostatus.TOEGEKEND)
    velden = AanmeldingForm(data=formulier())
    assert velden.is_valid(), velden.errors
    with pytest.raises(AanmeldingGesloten) as fout:
        dien_aanmelding_in(regio=regio, ip_adres="192.0.2.1", **velden.aanmeldingvelden())
    assert fout.value.code == "gesloten"
    assert not Aanmelding.objects.exists()


def test_a_pending_registration_on_a_decided_region_is_rejected_and_the_applicant_told(
    client, dossier, django_capture_on_commit_callbacks
):
    aanmelding = bevestigde_aanmelding(client, dossier.regio)
    regio = dossier.regio
    regio.status = Regiostatus.TOEGEKEND
    regio.save()
    pm = Client()
    pm.force_login(dossier.programmamanager)

    pagina = pm.get(reverse("regios:partners", args=[regio.slug])).content.decode()
    kaart = pagina[pagina.index('id="aanmeldingen"') :]
    assert "Robotica Noord BV" in kaart
    assert "kan niet meer worden goedgekeurd" in kaart
    assert reverse("subsidie:aanmelding_goedkeuren", args=[regio.slug, aanmelding.pk]) not in kaart
    assert reverse("regios:aanmelding_afwijzen", args=[regio.slug, aanmelding.pk]) in kaart
    # The reason is filled in already, so the applicant hears why.
    assert "is al besloten" in kaart

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = pm.post(
            reverse("regios:aanmelding_afwijzen", args=[regio.slug, aanmelding.pk]),
            {"reden": "Over de aanvraag van de regio is al besloten."},
        )
    assert antwoord.status_code == 302
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmeldingstatus.AFGEWEZEN
    assert mail.outbox[-1].to == ["fatima@robotica-noord.example"]
    assert "Over de aanvraag van de regio is al besloten." in mail.outbox[-1].body


def test_only_the_regions_programme_manager_decides(client, dossier):
    aanmelding = bevestigde_aanmelding(client, dossier.regio)
    urls = [
        reverse(naam, args=[dossier.regio.slug, aanmelding.pk])
        for naam in ("subsidie:aanmelding_goedkeuren", "regios:aanmelding_afwijzen")
    ]
    ander = Client()
    ander.force_login(leeg_dossier().programmamanager)
    projectleider = Client()
    projectleider.force_login(dossier.lid(Rolsoort.PROJECTLEIDER))
    for url in urls:
        assert ander.post(url, {"reden": "x"}).status_code == 404
        assert projectleider.post(url, {"reden": "x"}).status_code == 403
        antwoord = Client().post(url, {"reden": "x"})
        assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmeldingstatus.BEVESTIGD


# --- the pledge -------------------------------------------------------------------------


def goedkeuren(dossier, aanmelding):
    pm = Client()
    pm.force_login(dossier.programmamanager)
    return pm.post(
        reverse("subsidie:aanmelding_goedkeuren", args=[dossier.regio.slug, aanmelding.pk]),
        follow=True,
    )


def test_pledge_of_hours_becomes_cofinanciering_of_the_first_school_year_on_approval(
    client, dossier
):
    aanmelding = bevestigde_aanmelding(client, dossier.regio)
    assert aanmelding.cofinanciering_uren == Decimal("40")
    assert aanmelding.cofinanciering_uurtarief == Decimal("62.50")
    # The amount holds the value in euros, not the hidden field's 999.
    assert aanmelding.cofinanciering_bedrag == Decimal("2500.00")
    assert not Cofinanciering.objects.exists()
    # The programme manager sees the pledge as offered, in euros and hours.
    pm = Client()
    pm.force_login(dossier.programmamanager)
    kaart = pm.get(reverse("regios:partners", args=[dossier.regio.slug])).content.decode()
    assert "€\u00a02.500,00 (in natura: uren: 40 uur à €\u00a062,50)" in kaart

    goedkeuren(dossier, aanmelding)

    toezegging = Cofinanciering.objects.get()
    organisatie = Organisatie.objects.get(kvk_nummer="12345678")
    assert toezegging.regio == dossier.regio and toezegging.organisatie == organisatie
    assert toezegging.schooljaar == dossier.regio.tijdvak.eerste_schooljaar
    assert (toezegging.soort, toezegging.uren, toezegging.uurtarief, toezegging.bedrag) == (
        "uren",
        Decimal("40.0"),
        Decimal("62.50"),
        None,
    )
    assert toezegging.waarde == Decimal("2500.00")
    assert toezegging.omschrijving == "Uren van onze technici."
    gebeurtenis = Gebeurtenis.objects.get(actie="cofinanciering.toegevoegd")
    assert gebeurtenis.regio == dossier.regio and gebeurtenis.door == dossier.programmamanager
    goedkeuring = Gebeurtenis.objects.get(actie="aanmelding.goedgekeurd")
    assert goedkeuring.gegevens["cofinanciering"] == toezegging.pk


def test_pledge_of_money_keeps_its_amount_and_gets_a_description_when_none_was_given(
    client, dossier
):
    aanmelden(
        client,
        dossier.regio,
        cofinanciering_soort="geld",
        cofinanciering_bedrag="1.250,50",
        cofinanciering_uren="",
        cofinanciering_uurtarief="",
        cofinanciering_omschrijving="",
    )
    aanmelding = Aanmelding.objects.get()
    aanmelding.status = Aanmeldingstatus.BEVESTIGD
    aanmelding.save()
    goedkeuren(dossier, aanmelding)
    toezegging = Cofinanciering.objects.get()
    assert (toezegging.soort, toezegging.bedrag, toezegging.uren) == (
        "geld",
        Decimal("1250.50"),
        None,
    )
    assert toezegging.omschrijving == "Toegezegd bij de aanmelding als partner."


def test_registration_without_a_pledge_adds_no_cofinanciering(client, dossier):
    aanmelden(
        client,
        dossier.regio,
        cofinanciering_soort="",
        cofinanciering_bedrag="",
        cofinanciering_uren="",
        cofinanciering_uurtarief="",
    )
    aanmelding = Aanmelding.objects.get()
    aanmelding.status = Aanmeldingstatus.BEVESTIGD
    aanmelding.save()
    goedkeuren(dossier, aanmelding)
    assert Aanmelding.objects.get().status == Aanmeldingstatus.GOEDGEKEURD
    assert not Cofinanciering.objects.exists()
    assert (
        Gebeurtenis.objects.get(actie="aanmelding.goedgekeurd").gegevens["cofinanciering"] is None
    )


@pytest.mark.parametrize(
    ("velden", "veld", "bericht"),
    [
        ({"cofinanciering_uurtarief": ""}, "cofinanciering_uurtarief", "Vul het uurtarief in"),
        ({"cofinanciering_uren": "0"}, "cofinanciering_uren", "groter zijn dan 0"),
        (
            {"cofinanciering_soort": "geld", "cofinanciering_bedrag": ""},
            "cofinanciering_bedrag",
            "Vul het bedrag of de waarde van de bijdrage in",
        ),
        ({"cofinanciering_soort": ""}, "cofinanciering_soort", "Kies de soort bijdrage"),
        (
            {"cofinanciering_uren": "9999999", "cofinanciering_uurtarief": "999999"},
            "cofinanciering_uren",
            "Deze waarde is te groot",
        ),
    ],
)
def test_pledge_values_that_do_not_fit_its_kind_are_refused_next_to_the_field(
    client, dossier, velden, veld, bericht
):
    antwoord = aanmelden(client, dossier.regio, **velden)
    assert antwoord.status_code == 200
    assert bericht in " ".join(antwoord.context["form"].errors[veld])
    assert not Aanmelding.objects.exists()


def test_a_pledge_the_region_refuses_leaves_the_approval_undone(client, dossier):
    aanmelding = bevestigde_aanmelding(client, dossier.regio)
    # Not possible through the form; stands for any refusal of the co-financing service.
    Aanmelding.objects.filter(pk=aanmelding.pk).update(
        cofinanciering_soort="geld", cofinanciering_bedrag=Decimal("-5")
    )
    antwoord = goedkeuren(dossier, aanmelding)
    assert "Vul een bedrag groter dan 0 in" in antwoord.content.decode()
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmeldingstatus.BEVESTIGD
    assert not Organisatie.objects.exists()
    assert not Persoon.objects.filter(email="fatima@robotica-noord.example").exists()
    assert not Cofinanciering.objects.exists()
    assert not Rol.objects.filter(soort=Rolsoort.CONTACTPERSOON).exists()


def test_hours_registered_as_an_amount_only_are_left_to_the_programme_manager(client, dossier):
    aanmelding = bevestigde_aanmelding(client, dossier.regio)
    # As registrations were stored before the form asked for hours and rate.
    Aanmelding.objects.filter(pk=aanmelding.pk).update(
        cofinanciering_uren=None, cofinanciering_uurtarief=None
    )
    goedkeuren(dossier, aanmelding)
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmeldingstatus.GOEDGEKEURD
    assert not Cofinanciering.objects.exists()
    goedkeuring = Gebeurtenis.objects.get(actie="aanmelding.goedgekeurd")
    assert "niet als cofinanciering overgenomen" in goedkeuring.omschrijving


def test_with_the_broker_down_the_registration_still_succeeds(
    client, django_capture_on_commit_callbacks, broker_onbereikbaar, caplog
):
    regio = leeg_dossier().regio
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = aanmelden(client, regio)

    assert antwoord.status_code == 302
    assert Aanmelding.objects.get().status == Aanmeldingstatus.TE_BEVESTIGEN
    assert not mail.outbox
    assert "in on_commit()" in caplog.text  # logged, not shown to the person
