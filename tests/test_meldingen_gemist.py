"""The notifications people missed: everybody with a role in the region hears that a scan
round opened; the programme managers hear when a partner changes its own pledge. Both go
through the outbox, to those people only."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from ecosysteem.models import Actie, Gebeurtenis, UitgaandeEmail
from ecosysteem.rollen import BEOORDELAARS
from kompas.services_scan import open_scanronde
from partners.models import Koppelverzoek, Organisatiesoort
from regios.models import Deelname, Rol, Rolsoort
from subsidie.models import Cofinanciering, Cofinancieringsoort
from subsidie.services.aanvraag import sla_cofinanciering_op
from subsidie.services.contact import sla_toezegging_op, verwijder_toezegging
from tests.dossiers import leeg_dossier
from tests.factories import GebruikerFactory, OrganisatieFactory, PersoonFactory

pytestmark = pytest.mark.django_db


def ontvangers(actie: str) -> set[str]:
    gebeurtenis = Gebeurtenis.objects.filter(actie=actie).latest("tijdstip")
    return set(
        UitgaandeEmail.objects.filter(gebeurtenis=gebeurtenis).values_list("ontvanger", flat=True)
    )


def met_rol(regio, soort, **rol):
    gebruiker = GebruikerFactory()
    Rol.objects.create(regio=regio, persoon=PersoonFactory(gebruiker=gebruiker), soort=soort, **rol)
    return gebruiker


# --- a scan round opens ---------------------------------------------------------------------


def test_everybody_with_a_role_hears_that_a_scan_round_opened(
    django_capture_on_commit_callbacks,
):
    d = leeg_dossier(naam="Techregio Scan")
    regio = d.regio
    lid = met_rol(regio, Rolsoort.STUURGROEPLID)
    werkgroep = met_rol(regio, Rolsoort.WERKGROEPLID)
    bedrijf = OrganisatieFactory(soort=Organisatiesoort.BEDRIJF)
    contact = GebruikerFactory()
    Rol.objects.create(
        regio=regio,
        persoon=PersoonFactory(gebruiker=contact, organisatie=bedrijf),
        soort=Rolsoort.CONTACTPERSOON,
        namens=bedrijf,
    )
    # Not told: a role that ended, a role elsewhere, ministry staff, a disabled account, a
    # person without an account, and a contact who is still waiting to be let in.
    geweest = met_rol(
        regio,
        Rolsoort.PROJECTLEIDER,
        startdatum=datetime.date(2020, 1, 1),
        einddatum=datetime.date(2021, 1, 1),
    )
    elders = leeg_dossier().programmamanager
    beoordelaar = GebruikerFactory()
    beoordelaar.groups.add(Group.objects.get(name=BEOORDELAARS))
    uit = met_rol(regio, Rolsoort.KERNGROEPLID)
    uit.is_active = False
    uit.save(update_fields=["is_active"])
    zonder_account = PersoonFactory()
    Rol.objects.create(regio=regio, persoon=zonder_account, soort=Rolsoort.ADVIESRAADLID)
    wachtend = GebruikerFactory()
    wachtende = PersoonFactory(gebruiker=wachtend, organisatie=bedrijf)
    Rol.objects.create(
        regio=regio, persoon=wachtende, soort=Rolsoort.CONTACTPERSOON, namens=bedrijf
    )
    Koppelverzoek.objects.create(organisatie=bedrijf, persoon=wachtende, regio=regio)

    with django_capture_on_commit_callbacks(execute=True):
        ronde = open_scanronde(regio=regio, naam="Voorjaar 2027", door=d.programmamanager)

    verwacht = {lid.persoon.email, werkgroep.persoon.email, contact.persoon.email}
    assert ontvangers(Actie.SCANRONDE_GEOPEND) == verwacht
    for niet in (d.programmamanager, geweest, elders, beoordelaar, uit, wachtend):
        assert niet.email not in ontvangers(Actie.SCANRONDE_GEOPEND)
    assert zonder_account.email not in ontvangers(Actie.SCANRONDE_GEOPEND)
    rij = UitgaandeEmail.objects.filter(soort="scanronde_geopend").first()
    assert "Techregio Scan" in rij.onderwerp
    assert "Voorjaar 2027" in rij.tekst
    assert f"/regio/{regio.slug}/scan/{ronde.pk}/invullen/" in rij.tekst
    # The worker sent them (eagerly, without a broker), each to its one person.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(verwacht)
    assert all(len(m.to) == 1 for m in mail.outbox)


def test_a_refused_scan_round_mails_nobody():
    d = leeg_dossier()
    met_rol(d.regio, Rolsoort.STUURGROEPLID)
    with pytest.raises(Exception):  # noqa: B017 (the refusal itself is tested in tests/kompas)
        open_scanronde(regio=d.regio, naam="   ", door=d.programmamanager)
    assert not UitgaandeEmail.objects.exists()


# --- a partner changes its pledge -----------------------------------------------------------


@pytest.fixture
def partner():
    d = leeg_dossier(naam="Techregio Toezegging")
    regio = d.regio
    tweede_pm = met_rol(regio, Rolsoort.PROGRAMMAMANAGER)
    organisatie = OrganisatieFactory(naam="Makerslab Oost", soort=Organisatiesoort.TECHLAB)
    Deelname.objects.create(regio=regio, organisatie=organisatie)
    contact = GebruikerFactory()
    Rol.objects.create(
        regio=regio,
        persoon=PersoonFactory(gebruiker=contact, organisatie=organisatie),
        soort=Rolsoort.CONTACTPERSOON,
        namens=organisatie,
    )
    rij = Cofinanciering.objects.create(
        regio=regio,
        organisatie=organisatie,
        schooljaar=regio.tijdvak.eerste_schooljaar,
        soort=Cofinancieringsoort.GELD,
        omschrijving="Bijdrage aan de techniekdag",
        bedrag=Decimal("1000"),
    )
    return d, tweede_pm, organisatie, contact, rij


def test_the_programme_managers_hear_when_a_partner_changes_its_pledge(partner):
    d, tweede_pm, organisatie, contact, rij = partner
    # People with other roles in the region, and in other regions, are not told.
    lid = met_rol(d.regio, Rolsoort.STUURGROEPLID)
    elders = leeg_dossier().programmamanager
    sla_toezegging_op(
        regio=d.regio,
        organisatie=organisatie,
        door=contact,
        schooljaar=rij.schooljaar,
        soort=Cofinancieringsoort.GELD,
        omschrijving="Bijdrage aan de techniekdag",
        bedrag=Decimal("2500"),
        cofinanciering=rij,
    )
    assert ontvangers(Actie.COFINANCIERING_GEWIJZIGD) == {
        d.programmamanager.persoon.email,
        tweede_pm.persoon.email,
    }
    for niet in (contact, lid, elders):
        assert niet.persoon.email not in ontvangers(Actie.COFINANCIERING_GEWIJZIGD)
    mailtje = UitgaandeEmail.objects.get(
        soort="melding_toezegging_gewijzigd", ontvanger=d.programmamanager.persoon.email
    )
    assert "Makerslab Oost" in mailtje.onderwerp
    tekst = mailtje.tekst.replace("\xa0", " ")
    assert "€ 1.000,00" in tekst
    assert "€ 2.500,00" in tekst
    assert f"/regio/{d.regio.slug}/cofinanciering/" in tekst


def test_a_new_and_a_removed_pledge_are_told_too(partner):
    d, _tweede_pm, organisatie, contact, rij = partner
    sla_toezegging_op(
        regio=d.regio,
        organisatie=organisatie,
        door=contact,
        schooljaar=rij.schooljaar + 1,
        soort=Cofinancieringsoort.GELD,
        omschrijving="Materialen",
        bedrag=Decimal("300"),
    )
    assert d.programmamanager.persoon.email in ontvangers(Actie.COFINANCIERING_TOEGEVOEGD)
    verwijder_toezegging(cofinanciering=rij, door=contact)
    assert d.programmamanager.persoon.email in ontvangers(Actie.COFINANCIERING_VERWIJDERD)
    verwijderd = UitgaandeEmail.objects.filter(
        gebeurtenis__actie=Actie.COFINANCIERING_VERWIJDERD
    ).first()
    assert "verwijderd" in verwijderd.tekst


def test_the_programme_managers_own_change_mails_nobody(partner):
    d, _tweede_pm, organisatie, _contact, rij = partner
    sla_cofinanciering_op(
        regio=d.regio,
        door=d.programmamanager,
        organisatie=organisatie,
        schooljaar=rij.schooljaar,
        soort=Cofinancieringsoort.GELD,
        omschrijving="Bijdrage aan de techniekdag",
        bedrag=Decimal("1500"),
        cofinanciering=rij,
    )
    assert Gebeurtenis.objects.filter(actie=Actie.COFINANCIERING_GEWIJZIGD).exists()
    assert not UitgaandeEmail.objects.exists()
