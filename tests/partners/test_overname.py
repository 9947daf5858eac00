"""Registering for an organisation that is in the portal already: the region's programme
manager lets the organisation take part, but the newcomer acts for it only once its own
contact person (or an administrator) agrees. Every region shares the organisation, so one
programme manager's approval must never hand it to somebody else."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from ecosysteem.models import Actie, Gebeurtenis
from ecosysteem.rechten import mag
from ecosysteem.rollen import BEHEERDERS
from partners.models import (
    Aanmelding,
    Aanmeldingstatus,
    Koppelverzoek,
    Koppelverzoekstatus,
    Organisatie,
    Persoon,
)
from regios.models import Deelname, Rol, Rolsoort
from regios.services import ken_rol_toe, voeg_organisatie_toe, wijzig_rol
from regios.services.koppeling import keur_koppelverzoek_goed, wijs_koppelverzoek_af
from subsidie.services.aanmelding import keur_aanmelding_goed
from subsidie.services.contact import sla_toezegging_op, wijzig_organisatiegegevens
from tests.dossiers import leeg_dossier
from tests.factories import (
    GebruikerFactory,
    OrganisatieFactory,
    PersoonFactory,
    VestigingFactory,
)
from tests.partners.test_aanmelding import aanmelden, link_uit, pad

pytestmark = pytest.mark.django_db

KVK = "12345678"


def ingelogd(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


class Wereld:
    """Fablab Zuidhorn takes part in Techregio Noord, with Anna as its contact; Techregio
    West is another region, whose public form anybody can use."""

    def __init__(self):
        self.noord = leeg_dossier(naam="Techregio Noord", slug="noord")
        self.west = leeg_dossier(naam="Techregio West", slug="west")
        self.fablab = OrganisatieFactory(
            naam="Fablab Zuidhorn", kvk_nummer=KVK, website="https://fablab.example"
        )
        Deelname.objects.create(regio=self.noord.regio, organisatie=self.fablab)
        self.anna = GebruikerFactory(username="anna", email="anna@fablab.example")
        Rol.objects.create(
            regio=self.noord.regio,
            persoon=PersoonFactory(
                gebruiker=self.anna,
                organisatie=self.fablab,
                voornaam="Anna",
                achternaam="Smit",
                email="anna@fablab.example",
            ),
            soort=Rolsoort.CONTACTPERSOON,
            namens=self.fablab,
        )

    def meld_aan_en_keur_goed(self, client, django_capture_on_commit_callbacks, **anders):
        """Register Fablab Zuidhorn at Techregio West through the form, confirm through the
        e-mail's link and let West's programme manager approve it from the Partners page.
        Returns the new contact's account."""
        anders.setdefault("kvk_nummer", KVK)
        anders.setdefault("naam", "Fablab Zuidhorn")
        with django_capture_on_commit_callbacks(execute=True):
            assert aanmelden(client, self.west.regio, **anders).status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(pad(link_uit(mail.outbox[-1]))).status_code == 200
        aanmelding = Aanmelding.objects.get(regio=self.west.regio)
        assert aanmelding.status == Aanmeldingstatus.BEVESTIGD
        pm = ingelogd(self.west.programmamanager)
        self.kaart = pm.get(reverse("regios:partners", args=["west"])).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            pm.post(reverse("subsidie:aanmelding_goedkeuren", args=["west", aanmelding.pk]))
        aanmelding.refresh_from_db()
        assert aanmelding.status == Aanmeldingstatus.GOEDGEKEURD
        return Persoon.objects.get(email=aanmelding.email).gebruiker


@pytest.fixture
def wereld():
    return Wereld()


def test_a_takeover_by_kvk_number_gives_no_control_until_the_organisations_contact_agrees(
    client, wereld, django_capture_on_commit_callbacks
):
    nieuw = wereld.meld_aan_en_keur_goed(client, django_capture_on_commit_callbacks)
    # The approval card warned the programme manager.
    assert 'id="aanmelding-' in wereld.kaart and "Fablab Zuidhorn staat al in het portaal" in (
        wereld.kaart
    )
    assert "mag pas namens Fablab Zuidhorn optreden" in wereld.kaart
    # No second organisation: the existing one takes part in West too.
    assert Organisatie.objects.filter(kvk_nummer=KVK).count() == 1
    assert Deelname.objects.filter(regio=wereld.west.regio, organisatie=wereld.fablab).exists()
    verzoek = Koppelverzoek.objects.get()
    assert verzoek.status == Koppelverzoekstatus.OPEN
    assert verzoek.organisatie == wereld.fablab and verzoek.persoon.gebruiker == nieuw
    assert verzoek.persoon.organisatie is None

    # The newcomer has no say over the organisation: not on the page, not in the service.
    assert not mag("regios.namens_organisatie", nieuw, wereld.fablab)
    als_nieuw = ingelogd(nieuw)
    gegevens = reverse("subsidie:mijn_organisatie_gegevens", args=[wereld.fablab.pk])
    assert als_nieuw.get(gegevens).status_code == 403
    assert als_nieuw.post(gegevens, {"naam": "Overgenomen BV"}).status_code == 403
    with pytest.raises(PermissionDenied):
        wijzig_organisatiegegevens(
            organisatie=wereld.fablab, door=nieuw, website="https://kwaadwillend.example"
        )
    with pytest.raises(PermissionDenied):
        sla_toezegging_op(
            regio=wereld.west.regio,
            organisatie=wereld.fablab,
            door=nieuw,
            schooljaar=wereld.west.regio.tijdvak.eerste_schooljaar,
            soort="geld",
            omschrijving="Namens een ander",
            bedrag=1,
        )
    overzicht = als_nieuw.get(reverse("subsidie:mijn_organisatie"))
    assert overzicht.status_code == 200
    assert "U hebt gevraagd om namens Fablab Zuidhorn op te treden" in overzicht.content.decode()
    assert gegevens not in overzicht.content.decode()
    wereld.fablab.refresh_from_db()
    assert wereld.fablab.naam == "Fablab Zuidhorn"
    assert wereld.fablab.website == "https://fablab.example"

    # West's programme manager cannot let the newcomer in either.
    with pytest.raises(PermissionDenied):
        keur_koppelverzoek_goed(verzoek=verzoek, door=wereld.west.programmamanager)
    goedkeuren = reverse("subsidie:koppelverzoek_goedkeuren", args=[verzoek.pk])
    assert ingelogd(wereld.west.programmamanager).post(goedkeuren).status_code == 403
    assert ingelogd(nieuw).post(goedkeuren).status_code == 403

    # Anna was told, and decides on Mijn organisatie.
    aan_anna = [m for m in mail.outbox if m.to == ["anna@fablab.example"]]
    assert len(aan_anna) == 1 and "Fatima El Amrani" in aan_anna[0].body
    assert "/mijn-organisatie/#verzoeken" in aan_anna[0].body
    als_anna = ingelogd(wereld.anna)
    pagina = als_anna.get(reverse("subsidie:mijn_organisatie")).content.decode()
    assert "Fatima El Amrani voor Fablab Zuidhorn" in pagina and goedkeuren in pagina
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = als_anna.post(goedkeuren)
    assert antwoord.status_code == 302
    verzoek.refresh_from_db()
    assert (
        verzoek.status == Koppelverzoekstatus.GOEDGEKEURD and verzoek.besloten_door == wereld.anna
    )
    assert verzoek.persoon.organisatie == wereld.fablab

    # From now on the newcomer is a contact like Anna.
    assert mag("regios.namens_organisatie", nieuw, wereld.fablab)
    assert als_nieuw.get(gegevens).status_code == 200
    wijzig_organisatiegegevens(
        organisatie=wereld.fablab, door=nieuw, website="https://fablab-zuidhorn.example"
    )
    wereld.fablab.refresh_from_db()
    assert wereld.fablab.website == "https://fablab-zuidhorn.example"
    assert mail.outbox[-1].to == ["fatima@robotica-noord.example"]
    assert "mag nu namens Fablab Zuidhorn optreden" in mail.outbox[-1].body
    acties = list(
        Gebeurtenis.objects.filter(actie__startswith="koppelverzoek.").values_list(
            "actie", flat=True
        )
    )
    assert sorted(acties) == [Actie.KOPPELVERZOEK_GOEDGEKEURD, Actie.KOPPELVERZOEK_INGEDIEND]


def test_a_rejected_request_leaves_the_newcomer_without_rights_and_tells_them_and_the_region(
    client, wereld, django_capture_on_commit_callbacks
):
    nieuw = wereld.meld_aan_en_keur_goed(client, django_capture_on_commit_callbacks)
    verzoek = Koppelverzoek.objects.get()
    afwijzen = reverse("subsidie:koppelverzoek_afwijzen", args=[verzoek.pk])
    als_anna = ingelogd(wereld.anna)
    antwoord = als_anna.post(afwijzen, {"reden": " "}, follow=True)
    assert "Geef een reden voor de afwijzing" in antwoord.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        als_anna.post(afwijzen, {"reden": "Werkt niet bij ons."})
    verzoek.refresh_from_db()
    assert verzoek.status == Koppelverzoekstatus.AFGEWEZEN
    assert not mag("regios.namens_organisatie", nieuw, wereld.fablab)
    pm_adres = wereld.west.programmamanager.persoon.email
    ontvangers = {m.to[0]: m.body for m in mail.outbox[-2:]}
    assert "Werkt niet bij ons." in ontvangers["fatima@robotica-noord.example"]
    assert "Trek die rol zo nodig in" in ontvangers[pm_adres]
    pagina = ingelogd(nieuw).get(reverse("subsidie:mijn_organisatie")).content.decode()
    assert "is afgewezen" in pagina and "Werkt niet bij ons." in pagina


def test_an_organisation_without_a_contact_is_for_the_administrator(
    client, wereld, django_capture_on_commit_callbacks
):
    Rol.objects.filter(persoon__gebruiker=wereld.anna).delete()
    beheerder = GebruikerFactory(
        username="beheer", email="beheer@portaal.example", is_staff=True, is_superuser=True
    )
    beheerder.groups.add(Group.objects.get(name=BEHEERDERS))
    nieuw = wereld.meld_aan_en_keur_goed(client, django_capture_on_commit_callbacks)
    verzoek = Koppelverzoek.objects.get()
    aan_beheer = [m for m in mail.outbox if m.to == ["beheer@portaal.example"]]
    assert len(aan_beheer) == 1
    assert f"/beheer/partners/koppelverzoek/{verzoek.pk}/change/" in aan_beheer[0].body
    beheer = ingelogd(beheerder)
    lijst = reverse("admin:partners_koppelverzoek_changelist")
    assert "Fablab Zuidhorn" in beheer.get(lijst).content.decode()
    beheer.post(lijst, {"action": "goedkeuren", "_selected_action": [verzoek.pk]})
    verzoek.refresh_from_db()
    assert verzoek.status == Koppelverzoekstatus.GOEDGEKEURD and verzoek.besloten_door == beheerder
    assert mag("regios.namens_organisatie", nieuw, wereld.fablab)


def test_the_organisations_own_contact_registering_elsewhere_asks_nobody(
    client, wereld, django_capture_on_commit_callbacks
):
    anna = wereld.meld_aan_en_keur_goed(
        client,
        django_capture_on_commit_callbacks,
        email="anna@fablab.example",
        voornaam="Anna",
        achternaam="Smit",
    )
    assert anna == wereld.anna
    assert not Koppelverzoek.objects.exists()
    assert "staat al in het portaal" not in wereld.kaart
    assert Rol.objects.filter(regio=wereld.west.regio, persoon__gebruiker=anna).exists()
    assert mag("regios.namens_organisatie", anna, wereld.fablab)


def test_a_school_branch_of_an_existing_school_is_a_request_too(
    client, wereld, django_capture_on_commit_callbacks
):
    VestigingFactory(vestigingscode="32DD00", brin_nummer="32DD", naam="De Borgen")
    school = OrganisatieFactory(
        naam="De Borgen", soort="po_school", kvk_nummer="", brin_nummer="32DD"
    )
    Deelname.objects.create(regio=wereld.noord.regio, organisatie=school)
    nieuw = wereld.meld_aan_en_keur_goed(
        client,
        django_capture_on_commit_callbacks,
        soort="po_school",
        kvk_nummer="",
        vestigingscode="32DD00",
        naam="De Borgen",
    )
    assert "De Borgen staat al in het portaal" in wereld.kaart
    assert Organisatie.objects.filter(brin_nummer="32DD").count() == 1
    assert Koppelverzoek.objects.get().organisatie == school
    assert not mag("regios.namens_organisatie", nieuw, school)


def test_a_new_organisation_is_its_registrants_at_once(
    client, wereld, django_capture_on_commit_callbacks
):
    nieuw = wereld.meld_aan_en_keur_goed(
        client, django_capture_on_commit_callbacks, kvk_nummer="87654321", naam="Robotica BV"
    )
    organisatie = Organisatie.objects.get(kvk_nummer="87654321")
    assert "staat al in het portaal" not in wereld.kaart
    assert not Koppelverzoek.objects.exists()
    assert mag("regios.namens_organisatie", nieuw, organisatie)


def test_deciding_twice_or_without_a_reason_is_refused(
    client, wereld, django_capture_on_commit_callbacks
):
    wereld.meld_aan_en_keur_goed(client, django_capture_on_commit_callbacks)
    verzoek = Koppelverzoek.objects.get()
    with pytest.raises(Exception, match="reden"):
        wijs_koppelverzoek_af(verzoek=verzoek, door=wereld.anna, reden="")
    keur_koppelverzoek_goed(verzoek=verzoek, door=wereld.anna)
    with pytest.raises(Exception, match="al besloten"):
        wijs_koppelverzoek_af(verzoek=verzoek, door=wereld.anna, reden="Toch niet.")


def test_approving_the_registration_itself_stays_the_programme_managers(wereld):
    """The join request does not move the region's own decision: keur_aanmelding_goed still
    checks the region's permission."""
    aanmelding = Aanmelding.objects.create(
        regio=wereld.west.regio,
        status=Aanmeldingstatus.BEVESTIGD,
        soort="bedrijf",
        naam="Fablab Zuidhorn",
        kvk_nummer=KVK,
        postcode="9712AB",
        plaats="Groningen",
        voornaam="Piet",
        achternaam="Puk",
        email="piet@voorbeeld.nl",
        privacy_akkoord=True,
    )
    with pytest.raises(PermissionDenied):
        keur_aanmelding_goed(aanmelding=aanmelding, door=wereld.anna)


def test_a_contact_role_given_by_hand_for_an_organisation_others_act_for_is_a_request_too(
    wereld,
):
    """The same rule on the Rollen page: West's programme manager adds Fablab Zuidhorn as a
    partner and makes a person of their choosing its contact."""
    pm = wereld.west.programmamanager
    voeg_organisatie_toe(regio=wereld.west.regio, organisatie=wereld.fablab, door=pm)
    gebruiker = GebruikerFactory()
    rol = ken_rol_toe(
        regio=wereld.west.regio,
        persoon=PersoonFactory(gebruiker=gebruiker),
        soort=Rolsoort.CONTACTPERSOON,
        namens=wereld.fablab,
        door=pm,
    )
    verzoek = Koppelverzoek.objects.get()
    assert verzoek.persoon == rol.persoon and verzoek.regio == wereld.west.regio
    assert not mag("regios.namens_organisatie", gebruiker, wereld.fablab)
    # Changing an existing role to act for it asks as well.
    ander = GebruikerFactory()
    tweede = ken_rol_toe(
        regio=wereld.west.regio,
        persoon=PersoonFactory(gebruiker=ander),
        soort=Rolsoort.STUURGROEPLID,
        door=pm,
    )
    wijzig_rol(rol=tweede, door=pm, soort=Rolsoort.CONTACTPERSOON, namens=wereld.fablab)
    assert Koppelverzoek.objects.filter(persoon=tweede.persoon).exists()
    assert not mag("regios.namens_organisatie", ander, wereld.fablab)

    # An organisation that only this region knows stays the region's own: no request.
    lokaal = OrganisatieFactory(naam="Buurthuis West")
    voeg_organisatie_toe(regio=wereld.west.regio, organisatie=lokaal, door=pm)
    for _ in range(2):
        iemand = GebruikerFactory()
        ken_rol_toe(
            regio=wereld.west.regio,
            persoon=PersoonFactory(gebruiker=iemand),
            soort=Rolsoort.CONTACTPERSOON,
            namens=lokaal,
            door=pm,
        )
        assert mag("regios.namens_organisatie", iemand, lokaal)
    assert not Koppelverzoek.objects.filter(organisatie=lokaal).exists()
