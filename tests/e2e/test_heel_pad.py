"""Browser test of the whole path, each person in their own role: a partner registers and
confirms the e-mail address; the programme manager approves it and submits the dossier; a
reviewer takes the dossier and asks for more information; the programme manager answers
and submits again; the reviewer assesses; a decision maker who did not assess it grants.
Every step is on the dossier's timeline, for the region and for the ministry alike."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from ecosysteem.rollen import BEOORDELAARS, BESLUITVORMERS
from regios.models import Regiostatus
from subsidie.models import Beoordelingscriterium, Besluit
from tests.dossiers import compleet_dossier
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.e2e


def medewerker(groep, **velden):
    gebruiker = GebruikerFactory(**velden)
    gebruiker.groups.add(Group.objects.get(name=groep))
    return gebruiker


def mail_aan(adres: str):
    berichten = [m for m in mail.outbox if adres in m.to]
    assert berichten, f"geen e-mail aan {adres}"
    return berichten[-1]


def test_register_approve_submit_ask_answer_assess_and_grant(
    page, adres, ingelogd_als, controleer_toegankelijkheid
):
    d = compleet_dossier(naam="Techregio Het Hele Pad", slug="hele-pad")
    regio = d.regio
    pm_adres = d.programmamanager.persoon.email
    beoordelaar = medewerker(BEOORDELAARS, first_name="Bea", last_name="Oordeel")
    besluitvormer = medewerker(BESLUITVORMERS, first_name="Bas", last_name="Luit")

    # 1. A museum registers through the public form and confirms its e-mail address.
    page.goto(adres(reverse("regios:aanmelden", args=[regio.slug])))
    page.get_by_label("Soort organisatie").select_option("museum")
    page.get_by_label("Naam van de organisatie").fill("Techniekmuseum Het Pad")
    page.get_by_label("KvK-nummer").fill("12345678")
    page.get_by_label("Postcode").fill("9712 AB")
    page.get_by_label("Plaats").fill("Groningen")
    page.get_by_label("Voornaam").fill("Joost")
    page.get_by_label("Achternaam", exact=True).fill("de Boer")
    page.get_by_label("E-mailadres").fill("joost@museum.example")
    page.get_by_label("gastlessen").check()
    page.get_by_label("Ik ga akkoord met de").check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.get_by_role("heading", name="Bevestig uw e-mailadres").wait_for()
    link = re.search(r"/aanmelden/bevestigen/\S+/", mail_aan("joost@museum.example").body)
    page.goto(adres(link.group(0)))
    expect(page.get_by_role("heading", level=1)).to_contain_text("bevestigd")
    assert "Techniekmuseum Het Pad" in mail_aan(pm_adres).subject

    # 2. The programme manager approves it and submits the dossier.
    ingelogd_als(d.programmamanager)
    page.goto(adres(reverse("regios:partners", args=[regio.slug])))
    page.get_by_role("button", name="Goedkeuren: Techniekmuseum Het Pad").click()
    expect(page.locator(".utrecht-alert").first).to_contain_text("Techniekmuseum Het Pad")
    page.goto(adres(reverse("subsidie:indienen", args=[regio.slug])))
    page.get_by_role("button", name="Dossier indienen").click()
    expect(page.locator("#beoordeling-ministerie")).to_contain_text("wacht op een beoordelaar")
    assert "ingediend" in mail_aan(besluitvormer.email).subject

    # 3. The reviewer finds it in the queue, takes it and asks for more information.
    ingelogd_als(beoordelaar)
    page.goto(adres(reverse("subsidie:wachtrij")))
    controleer_toegankelijkheid()
    page.get_by_role("link", name="Techregio Het Hele Pad").click()
    expect(page.locator("#toetsing")).to_contain_text("Voldaan")
    controleer_toegankelijkheid()
    page.get_by_role("link", name="Beoordeling en besluit").click()
    page.get_by_role("link", name="Beoordelaar toewijzen").click()
    page.get_by_label("Beoordelaar").select_option(label="Bea Oordeel")
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.locator("#dossierstatus")).to_contain_text("in beoordeling")
    page.get_by_role("link", name="Om aanvulling vragen").click()
    # An empty question is refused in Dutch, with the focus on the error summary.
    page.get_by_role("button", name="Vragen versturen").click()
    expect(page.locator(".portaal-foutoverzicht")).to_contain_text(
        "Schrijf op welke informatie u nog nodig hebt."
    )
    controleer_toegankelijkheid()
    page.get_by_label("Welke informatie hebt u nog nodig?").fill(
        "Hoe blijft de techniekweek bestaan na het tijdvak?"
    )
    page.get_by_role("button", name="Vragen versturen").click()
    expect(page.locator("#dossierstatus")).to_contain_text("aanvulling gevraagd")
    assert "techniekweek" in mail_aan(pm_adres).body

    # 4. The programme manager answers and submits again.
    ingelogd_als(d.programmamanager)
    page.goto(adres(reverse("subsidie:dossier", args=[regio.slug])))
    expect(page.locator("#beoordeling-ministerie")).to_contain_text("techniekweek")
    # The dossier can be changed again: the answer comes with a better vision.
    page.goto(adres(reverse("regios:gegevens", args=[regio.slug])))
    page.get_by_label("Visie").fill("Elk kind maakt elk jaar kennis met techniek in de regio.")
    page.get_by_role("button", name="Opslaan").click()
    page.goto(adres(reverse("subsidie:dossier", args=[regio.slug])))
    page.get_by_role("link", name="Vragen beantwoorden en opnieuw indienen").click()
    page.get_by_label("Uw antwoord op de vragen van de beoordelaar").fill(
        "De stuurgroep neemt de techniekweek op in de jaarplanning van alle scholen."
    )
    page.get_by_role("button", name="Dossier indienen").click()
    regio.refresh_from_db()
    assert regio.status == Regiostatus.IN_BEOORDELING
    assert regio.indieningen.count() == 2
    assert "stuurgroep" in mail_aan(beoordelaar.email).body

    # 5. The reviewer reads what changed and assesses version 2.
    ingelogd_als(beoordelaar)
    page.goto(adres(reverse("subsidie:beoordeling", args=[regio.slug])))
    expect(page.get_by_role("heading", name="Gewijzigd sinds versie 1")).to_be_visible()
    expect(page.locator("#wijzigingen")).to_contain_text("visie gewijzigd")
    page.goto(adres(reverse("subsidie:beoordeling_stand", args=[regio.slug])))
    expect(page.locator("#kop-vragen ~ article")).to_contain_text("Beantwoord op")
    page.get_by_role("link", name="Dossier beoordelen").click()
    criteria = list(Beoordelingscriterium.objects.filter(tijdvak=regio.tijdvak))
    for criterium in criteria:
        groep = page.get_by_role("group", name=f"Score voor {criterium.naam}")
        groep.get_by_label("4", exact=True).check()
        page.get_by_label(f"Motivering bij {criterium.naam}").fill(
            f"Goed uitgewerkt: {criterium.naam.lower()}."
        )
    page.get_by_label("Samenvattend oordeel").fill("Een sterk plan met breed draagvlak.")
    controleer_toegankelijkheid()
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.locator("#totaalscore")).to_contain_text(f"{4 * len(criteria)} van")
    # Four eyes: the reviewer is offered no decision.
    expect(page.get_by_role("link", name="Besluit nemen")).to_have_count(0)

    # 6. A decision maker who did not assess it grants, within the maximum.
    ingelogd_als(besluitvormer)
    page.goto(adres(reverse("subsidie:beoordeling_stand", args=[regio.slug])))
    page.get_by_role("link", name="Besluit nemen").click()
    maximum = regio.indieningen.order_by("-versie").first().maximale_subsidie
    page.get_by_label("toekennen").check()
    page.get_by_label("Toegekend bedrag in euro").fill("999.999.999,00")
    page.get_by_label("Motivering").fill("Het plan voldoet ruim aan de criteria.")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.locator(".portaal-foutoverzicht")).to_contain_text("U kunt ten hoogste")
    controleer_toegankelijkheid()
    page.get_by_label("Toegekend bedrag in euro").fill("250.000,00")
    page.get_by_role("button", name="Concept opslaan").click()
    # The summary states the outcome in words; the letter is read before it is sent.
    expect(page.locator("#uitkomst-in-woorden")).to_contain_text("U kent €\u00a0250.000,00 toe")
    controleer_toegankelijkheid()
    page.get_by_role("link", name=re.compile("De brief lezen")).click()
    expect(page.locator("#brief-besluit")).to_contain_text("€\u00a0250.000,00")
    expect(page.locator("#brief-bezwaar")).to_contain_text("uiterlijk op")
    controleer_toegankelijkheid()
    page.get_by_role("link", name="Terug naar controleren en versturen").click()
    page.get_by_role("button", name="Beschikking versturen").click()
    expect(page.locator("#besluit")).to_contain_text("€\u00a0250.000,00")
    controleer_toegankelijkheid()
    besluit = Besluit.objects.get(regio=regio)
    assert besluit.bedrag == Decimal("250000.00") < maximum
    assert besluit.is_verstuurd and besluit.kenmerk in besluit.brief_html
    assert "toegekend" in mail_aan(pm_adres).body.lower()

    # Every step is on the timeline: the ministry's and the region's.
    stappen = [
        "Techniekmuseum Het Pad heeft zich aangemeld als partner",
        "heeft het e-mailadres van de aanmelding bevestigd",
        "Aanmelding van Techniekmuseum Het Pad goedgekeurd",
        "Dossier ingediend (versie 1)",
        "Beoordelaar: Bea Oordeel.",
        "Aanvulling gevraagd.",
        "Vragen beantwoord met versie 2.",
        "Dossier ingediend (versie 2)",
        "Beoordeling vastgelegd (versie 2)",
        "Subsidie toegekend: €\u00a0250.000,00.",
    ]
    page.goto(adres(reverse("subsidie:beoordeling_tijdlijn", args=[regio.slug])))
    tijdlijn = page.locator("#tijdlijn")
    for stap in stappen:
        expect(tijdlijn).to_contain_text(stap)
    controleer_toegankelijkheid()
    ingelogd_als(d.programmamanager)
    page.goto(adres(reverse("regios:tijdlijn", args=[regio.slug])))
    for stap in stappen:
        expect(tijdlijn).to_contain_text(stap)
    expect(tijdlijn).to_contain_text("Hoe blijft de techniekweek bestaan")
    page.goto(adres(reverse("subsidie:dossier", args=[regio.slug])))
    expect(page.locator("#beoordeling-ministerie")).to_contain_text(
        "is €\u00a0250.000,00 subsidie toegekend"
    )
    controleer_toegankelijkheid()
    # The programme manager reads the letter as it was sent.
    page.get_by_role("link", name=f"Beschikking {besluit.kenmerk}").click()
    expect(page.locator("#brief-motivering")).to_contain_text(
        "Het plan voldoet ruim aan de criteria."
    )
    controleer_toegankelijkheid()
