"""Words that fit (issue 12, point 6) and Dutch notation on real pages and mails (point 5):
outcomes as participles, no repeated words, organisations told apart, the administrators'
note kept from regions (tests/subsidie/test_cofinanciering_views.py), and a confirmation
mail that says until when its link works."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django import forms
from django.core import mail
from django.urls import reverse

from ecosysteem import opmaak
from ecosysteem.formulieren import Formulier
from ecosysteem.models import Actie, Gebeurtenis
from ecosysteem.rollen import BEOORDELAARS, BESLUITVORMERS
from kompas.forms_activiteiten import ActiviteitForm
from partners.models import Aanmelding
from regios.forms_convenant import OndertekeningForm
from regios.forms_partners import RolForm, partners_van
from regios.models import Convenant
from subsidie.forms import CofinancieringForm
from subsidie.models import Besluit
from subsidie.services.beoordeling import (
    leg_beoordeling_vast,
    neem_besluit,
    verstuur_besluit,
    wijs_beoordelaar_toe,
)
from tests.dossiers import leeg_dossier
from tests.factories import DeelnameFactory, OrganisatieFactory, VestigingFactory
from tests.partners.test_aanmelding import aanmelden
from tests.subsidie.test_beoordeling_views import ingediend, ingelogd, medewerker, scores

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
MAANDEN = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"


def tekst(response) -> str:
    """The page as text; the hard space after the euro sign is kept."""
    inhoud = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"[^\S\u00a0]+", " ", html.unescape(inhoud))


# --- outcomes read as participles ----------------------------------------------------------


def beoordeeld():
    """A submitted dossier, assessed; the decision is someone else's to take."""
    d = ingediend()
    beoordelaar = medewerker(BEOORDELAARS, BESLUITVORMERS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    leg_beoordeling_vast(
        regio=d.regio, scores=scores(d.regio), eindoordeel="Goed.", door=beoordelaar
    )
    d.beoordelaar = beoordelaar
    d.besluitvormer = medewerker(BESLUITVORMERS)
    return d


@pytest.fixture
def toegekend():
    d = beoordeeld()
    besluit = neem_besluit(
        regio=d.regio,
        uitkomst="toekennen",
        bedrag=Decimal("250000"),
        motivering="Sterk plan.",
        door=d.besluitvormer,
    )
    verstuur_besluit(besluit=besluit, door=d.besluitvormer)
    return d


def test_queue_overview_and_assessment_show_the_outcome_as_toegekend(toegekend):
    d = toegekend
    client = ingelogd(d.beoordelaar)
    pagina_s = {
        "wachtrij": tekst(client.get(reverse("subsidie:wachtrij"))),
        "overzicht": tekst(client.get(reverse("subsidie:ministerie_overzicht"))),
        "stand": tekst(client.get(reverse("subsidie:beoordeling_stand", args=[d.regio.slug]))),
    }
    for naam, pagina in pagina_s.items():
        assert f"toegekend (€{NBSP}250.000,00)" in pagina or (
            naam == "stand" and "Uitkomst toegekend" in pagina
        ), naam
        assert "toekennen (€" not in pagina, naam
        assert "Uitkomst toekennen" not in pagina, naam


def test_the_decision_form_keeps_its_verbs():
    d = beoordeeld()
    formulier = ingelogd(d.besluitvormer).get(
        reverse("subsidie:beoordeling_besluit", args=[d.regio.slug])
    )
    inhoud = formulier.content.decode()
    assert 'value="toekennen"' in inhoud and 'value="afwijzen"' in inhoud


def test_a_rejection_reads_afgewezen_in_the_csv_and_the_admin_title():
    d = beoordeeld()
    besluit = neem_besluit(
        regio=d.regio, uitkomst="afwijzen", motivering="Te smal.", door=d.besluitvormer
    )
    verstuur_besluit(besluit=besluit, door=d.besluitvormer)
    assert besluit.uitslag == "afgewezen"
    assert str(besluit).endswith(": afgewezen")
    csv = ingelogd(d.beoordelaar).get(reverse("subsidie:ministerie_csv")).content.decode("utf-8")
    assert "afgewezen" in csv and "afwijzen" not in csv


def test_the_queue_shows_the_submission_date_in_full(toegekend):
    pagina = tekst(ingelogd(toegekend.beoordelaar).get(reverse("subsidie:wachtrij")))
    vandaag = opmaak.datum(toegekend.regio.indieningen.latest("versie").ingediend_op)
    assert re.fullmatch(rf"\d{{1,2}} ({MAANDEN}) \d{{4}}", vandaag)
    assert vandaag in pagina


# --- no repeated words ---------------------------------------------------------------------


def test_a_mixed_branch_in_the_search_says_telt_mee_once():
    d = leeg_dossier()
    VestigingFactory(naam="Lyceum Zuidhorn", onderwijstype="VBO/MAVO/HAVO", leerlingen=800)
    antwoord = ingelogd(d.programmamanager).get(
        reverse("subsidie:vestigingen_zoeken", args=[d.regio.slug]),
        {"q": "lyceum"},
        headers={"HX-Request": "true"},
    )
    inhoud = tekst(antwoord)
    assert "Telt mee om MAVO/HAVO" in inhoud
    assert "Telt mee: Telt mee" not in inhoud


def test_a_branch_without_a_street_shows_no_leading_comma():
    d = leeg_dossier()
    VestigingFactory(
        naam="Yuverta Purmerend", straat="", huisnummer="", postcode="1442AG", plaats="Purmerend"
    )
    antwoord = ingelogd(d.programmamanager).get(
        reverse("subsidie:vestigingen_zoeken", args=[d.regio.slug]),
        {"q": "yuverta"},
        headers={"HX-Request": "true"},
    )
    inhoud = tekst(antwoord)
    assert "1442 AG Purmerend" in inhoud
    assert ", 1442" not in inhoud and "1442AG" not in inhoud


@pytest.mark.parametrize(
    ("titel", "kort"),
    [
        ("Convenant Noord 2026", "Noord 2026"),
        ("convenant techniek", "techniek"),
        ("Samenwerkingsconvenant", "Samenwerkingsconvenant"),
        ("Convenant", "Convenant"),
    ],
)
def test_agreement_title_without_the_word_the_sentence_already_says(titel, kort):
    assert Convenant(titel=titel).korte_titel == kort


def test_adding_an_agreement_called_convenant_does_not_say_convenant_twice():
    d = leeg_dossier()
    client = ingelogd(d.programmamanager)
    antwoord = client.post(
        reverse("regios:convenant", args=[d.regio.slug]),
        {"titel": "Convenant Techniek Noord", "ingangsdatum": "01-08-2026", "einddatum": ""},
        follow=True,
    )
    inhoud = tekst(antwoord)
    assert "Het convenant Techniek Noord is toegevoegd." in inhoud
    assert "onvenant Convenant" not in inhoud
    audit = Gebeurtenis.objects.get(actie=Actie.CONVENANT_TOEGEVOEGD)
    assert audit.omschrijving == "Convenant Techniek Noord toegevoegd."


def test_organisations_with_the_same_name_are_told_apart_by_place():
    d = leeg_dossier()
    houten = OrganisatieFactory(naam="Yuverta", plaats="Houten")
    velp = OrganisatieFactory(naam="Yuverta", plaats="Velp")
    aeres = OrganisatieFactory(naam="Aeres", plaats="Ede")
    for organisatie in (houten, velp, aeres):
        DeelnameFactory(regio=d.regio, organisatie=organisatie, vestiging=None)

    assert list(partners_van(d.regio)) == [aeres, houten, velp]
    form = RolForm(regio=d.regio)
    labels = [label for waarde, label in form.fields["namens"].choices if waarde]
    assert labels == ["Aeres", "Yuverta (Houten)", "Yuverta (Velp)"]
    ondertekening = OndertekeningForm(partners=partners_van(d.regio))
    labels = [label for waarde, label in ondertekening.fields["organisatie"].choices if waarde]
    assert labels == ["Aeres", "Yuverta (Houten)", "Yuverta (Velp)"]


def test_pledge_and_activity_forms_tell_equal_names_apart_too():
    d = leeg_dossier()
    for naam, plaats in (("Yuverta", "Houten"), ("Yuverta", "Velp"), ("Aeres", "Ede")):
        DeelnameFactory(
            regio=d.regio, organisatie=OrganisatieFactory(naam=naam, plaats=plaats), vestiging=None
        )
    partners = list(partners_van(d.regio))
    verwacht = ["Aeres", "Yuverta (Houten)", "Yuverta (Velp)"]
    toezegging = CofinancieringForm(partners=partners, schooljaren=[2026])
    assert [label for waarde, label in toezegging.fields["organisatie"].choices if waarde] == (
        verwacht
    )
    activiteit = ActiviteitForm(
        kompaspunten=[], partners=partners, schooljaren=[2026], begrotingsregels=[]
    )
    assert [label for _waarde, label in activiteit.fields["partners"].choices] == verwacht


def test_the_roles_page_lists_each_organisation_once_with_its_place():
    d = leeg_dossier()
    for plaats in ("Houten", "Velp"):
        DeelnameFactory(
            regio=d.regio,
            organisatie=OrganisatieFactory(naam="Yuverta", plaats=plaats),
            vestiging=None,
        )
    inhoud = ingelogd(d.programmamanager).get(reverse("regios:rol_nieuw", args=[d.regio.slug]))
    pagina = inhoud.content.decode()
    assert pagina.count(">Yuverta (Houten)</option>") == 2  # "namens" and "werkt bij"
    assert ">Yuverta</option>" not in pagina


# --- the confirmation mail -----------------------------------------------------------------


def test_the_confirmation_mail_says_until_when_the_link_works(
    client, settings, django_capture_on_commit_callbacks
):
    settings.AANMELDING_BEVESTIGEN_DAGEN = 3
    d = leeg_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        aanmelden(client, d.regio)
    aanmelding = Aanmelding.objects.get()
    tot = opmaak.datumtijd(aanmelding.aangemaakt_op + datetime.timedelta(days=3))
    assert re.fullmatch(rf"\d{{1,2}} ({MAANDEN}) \d{{4}} \d\d:\d\d", tot)
    body = " ".join(mail.outbox[0].body.split())
    assert f"De link werkt tot {tot} uur (Nederlandse tijd), 3 dagen na uw aanmelding." in body
    assert "dagen geldig" not in body


def test_the_sent_decision_letter_names_the_amount_with_a_hard_space(toegekend):
    besluit = Besluit.objects.get(regio=toegekend.regio)
    assert f"€{NBSP}250.000,00" in besluit.brief_html
    audit = Gebeurtenis.objects.filter(regio=toegekend.regio, omschrijving__contains="€")
    assert audit.exists()
    assert all(f"€{NBSP}" in g.omschrijving and "€ " not in g.omschrijving for g in audit)


# --- "(niet verplicht)" only where a field is optional in every case -----------------------


def label_met_markering(pagina: str, veld: str) -> bool:
    """Whether the label of ``id_<veld>`` carries the "(niet verplicht)" mark."""
    gevonden = re.search(rf'for="id_{veld}">(.*?)</(label|legend)>', pagina, re.S)
    if gevonden is None:  # a group of options has its mark in the legend
        gevonden = re.search(
            rf'<legend[^>]*>(.*?)</legend>(?:(?!</fieldset>).)*name="{veld}"', pagina, re.S
        )
    assert gevonden is not None, veld
    return "(niet verplicht)" in gevonden.group(1)


def test_registration_marks_only_fields_that_are_optional_in_every_case(client):
    d = leeg_dossier()
    pagina = client.get(reverse("regios:aanmelden", args=[d.regio.slug])).content.decode()
    # Required for some kinds of organisation, or once a kind of contribution is chosen.
    for veld in (
        "kvk_nummer",
        "vestigingscode",
        "cofinanciering_bedrag",
        "cofinanciering_uren",
        "cofinanciering_uurtarief",
    ):
        assert not label_met_markering(pagina, veld), veld
    # Optional whatever else is filled in.
    assert label_met_markering(pagina, "tussenvoegsel")
    assert label_met_markering(pagina, "telefoon")


def test_the_granted_amount_is_not_marked_optional():
    d = beoordeeld()
    pagina = (
        ingelogd(d.besluitvormer)
        .get(reverse("subsidie:beoordeling_besluit", args=[d.regio.slug]))
        .content.decode()
    )
    assert not label_met_markering(pagina, "bedrag")
    assert "Nodig bij toekennen, leeg bij afwijzen." in pagina


# --- one style of error message ------------------------------------------------------------


class Proef(Formulier):
    naam = forms.CharField()
    eigen = forms.CharField(error_messages={"required": "Vul de eigen naam in."})
    soort = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    email = forms.EmailField()
    website = forms.URLField(assume_scheme="https")
    akkoord = forms.BooleanField()


def test_fields_without_their_own_message_get_the_portals_style():
    form = Proef(data={"soort": "c", "email": "geen", "website": "geen adres"})
    assert not form.is_valid()
    assert form.errors["naam"] == ["Vul dit veld in."]
    assert form.errors["eigen"] == ["Vul de eigen naam in."]  # a form's own text stays
    assert form.errors["soort"] == ["Kies een van de mogelijkheden uit de lijst."]
    assert form.errors["email"] == [
        "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
    ]
    assert form.errors["website"] == [
        "Vul een geldig webadres in, bijvoorbeeld https://www.voorbeeld.nl."
    ]
    assert form.errors["akkoord"] == ["Vink dit aan om verder te gaan."]
    leeg = Proef(data={})
    assert not leeg.is_valid()
    assert leeg.errors["soort"] == ["Kies een van de mogelijkheden."]
    alle = " ".join(m for fouten in form.errors.values() for m in fouten)
    assert "Dit veld is verplicht" not in alle and "Voer een" not in alle
    assert "Selecteer" not in alle


def test_the_defaults_of_one_form_do_not_leak_into_django_fields():
    Proef()
    assert forms.CharField().error_messages["required"] != "Vul dit veld in."
