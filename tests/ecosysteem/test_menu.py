"""The main menu offers each person their own pages, chosen at login."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from ecosysteem.rollen import BEOORDELAARS
from regios.models import Rol, Rolsoort
from tests.dossiers import leeg_dossier
from tests.factories import GebruikerFactory, OrganisatieFactory, PersoonFactory

pytestmark = pytest.mark.django_db


def menu_van(gebruiker) -> str:
    client = Client()
    if gebruiker is not None:
        client.force_login(gebruiker)
    return client.get(reverse("home")).content.decode()


def test_each_person_sees_their_own_menu_items():
    d = leeg_dossier()
    beoordelaar = GebruikerFactory()
    beoordelaar.groups.add(Group.objects.get(name=BEOORDELAARS))
    contact = GebruikerFactory()
    organisatie = OrganisatieFactory()
    Rol.objects.create(
        regio=d.regio,
        persoon=PersoonFactory(gebruiker=contact, organisatie=organisatie),
        soort=Rolsoort.CONTACTPERSOON,
        namens=organisatie,
    )
    beoordelen = f'href="{reverse("subsidie:wachtrij")}"'
    mijn_organisatie = f'href="{reverse("subsidie:mijn_organisatie")}"'

    assert beoordelen in menu_van(beoordelaar)
    assert mijn_organisatie not in menu_van(beoordelaar)
    assert mijn_organisatie in menu_van(contact)
    assert beoordelen not in menu_van(contact)
    for ander in (d.programmamanager, None):
        menu = menu_van(ander)
        assert beoordelen not in menu and mijn_organisatie not in menu
