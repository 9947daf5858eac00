"""The dossier's Rollen page: governance bodies and the people with a role, and who may
change them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis
from partners.models import Persoon
from regios.bewerken import DossierBevroren
from regios.models import Bestuursorgaan, Orgaansoort, Regiostatus, Rol, Rolsoort
from regios.services import ken_rol_toe, maak_orgaan
from tests.factories import (
    BestuursorgaanFactory,
    DeelnameFactory,
    GebruikerFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    RolFactory,
)

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def url(naam: str, regio, **kwargs) -> str:
    return reverse(f"regios:{naam}", kwargs={"slug": regio.slug, **kwargs})


def met_rol(regio, soort=Rolsoort.PROGRAMMAMANAGER, **persoon):
    gebruiker = GebruikerFactory()
    RolFactory(persoon=PersoonFactory(gebruiker=gebruiker, **persoon), regio=regio, soort=soort)
    return gebruiker


@pytest.fixture
def regio():
    return RegioFactory(naam="Techregio Westerkwartier")


@pytest.fixture
def pm(regio):
    return met_rol(regio, voornaam="Femke", achternaam="Bakker")


@pytest.fixture
def pm_client(client, pm):
    client.force_login(pm)
    return client


def partner(regio, **velden):
    return DeelnameFactory(
        regio=regio, vestiging=None, organisatie=OrganisatieFactory(**velden)
    ).organisatie


def nieuwe_rol(regio, **velden) -> dict:
    gegevens = {
        "versie": regio.versie,
        "soort": Rolsoort.PROJECTLEIDER,
        "orgaan": "",
        "namens": "",
        "persoon_keuze": "nieuw",
        "email": "sanne.devries@voorbeeld.nl",
        "voornaam": "Sanne",
        "tussenvoegsel": "de",
        "achternaam": "Vries",
        "functie": "Directeur",
        "organisatie": "",
    }
    gegevens.update(velden)
    return gegevens


def veldfout(pagina: str, veld: str) -> str:
    gevonden = re.search(rf'id="id_{veld}_error">(.*?)</div>', pagina, re.S)
    assert gevonden, f"no error next to {veld}"
    return re.sub(r"<[^>]+>", "", gevonden.group(1)).replace("Fout:", "").strip()


# --- the page ----------------------------------------------------------------------------


def test_page_groups_people_by_body_and_lists_the_other_roles_apart(pm_client, regio):
    BestuursorgaanFactory(regio=regio, soort=Orgaansoort.WERKGROEP, naam="Werkgroep Techniek")
    BestuursorgaanFactory(regio=regio, soort=Orgaansoort.ADVIESRAAD, naam="Adviesraad")
    stuurgroep = BestuursorgaanFactory(regio=regio, naam="Stuurgroep Westerkwartier")
    school = partner(regio, naam="Stichting Primair")
    RolFactory(
        regio=regio,
        soort=Rolsoort.STUURGROEPLID,
        orgaan=stuurgroep,
        namens=school,
        persoon=PersoonFactory(voornaam="Ahmed", achternaam="Yilmaz", functie="Bestuurder"),
    )
    RolFactory(
        regio=regio,
        soort=Rolsoort.PROJECTLEIDER,
        persoon=PersoonFactory(voornaam="Lotte", achternaam="Smit", gebruiker=GebruikerFactory()),
    )
    RolFactory(regio=RegioFactory(), persoon=PersoonFactory(voornaam="Elders"))

    pagina = html(pm_client.get(url("rollen", regio)))

    overig, organen = pagina.split('id="kop-organen"', 1)
    assert "Femke Bakker" in overig
    assert "Lotte Smit" in overig
    assert "Ahmed Yilmaz" not in overig
    # Programme manager before project leader: the roles in their own order.
    assert overig.index("Femke Bakker") < overig.index("Lotte Smit")
    # The steering group comes first, working groups last.
    assert organen.index("Stuurgroep Westerkwartier") < organen.index("Adviesraad")
    stuurgroep_deel, werkgroep_deel = organen.split("Werkgroep Techniek", 1)
    assert "Stuurgroep Westerkwartier" in organen
    assert "Ahmed Yilmaz" in stuurgroep_deel
    assert "Stichting Primair" in stuurgroep_deel
    assert "Bestuurder" in stuurgroep_deel
    assert "Dit orgaan heeft nog geen leden." in werkgroep_deel
    assert "Elders" not in pagina
    lotte = overig.split("Lotte Smit", 1)[1].split("</tr>", 1)[0]
    assert ">Ja</td>" in lotte


def test_rollen_page_query_count_does_not_grow_with_bodies_and_roles(pm_client, regio):
    weinig_queries = _queries_voor(pm_client, url("rollen", regio))

    school = partner(regio)
    for nummer in range(6):
        orgaan = BestuursorgaanFactory(
            regio=regio, soort=Orgaansoort.WERKGROEP, naam=f"Werkgroep {nummer}"
        )
        for _ in range(4):
            RolFactory(
                regio=regio,
                soort=Rolsoort.WERKGROEPLID,
                orgaan=orgaan,
                namens=school,
                persoon=PersoonFactory(organisatie=school),
            )
    RolFactory.create_batch(5, regio=regio, soort=Rolsoort.PROJECTLEIDER)

    assert _queries_voor(pm_client, url("rollen", regio)) == weinig_queries


def _queries_voor(client, adres) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(adres)
    assert response.status_code == 200
    return len(queries)


# --- bodies ------------------------------------------------------------------------------


def test_creating_a_body_records_it_and_raises_the_version(pm_client, regio):
    response = pm_client.post(
        url("orgaan_nieuw", regio),
        {
            "versie": regio.versie,
            "soort": Orgaansoort.KERNGROEP,
            "naam": "Kerngroep directeuren",
            "taak": "Stemt de activiteiten af.",
        },
        follow=True,
    )

    orgaan = Bestuursorgaan.objects.get(regio=regio)
    assert orgaan.soort == Orgaansoort.KERNGROEP
    assert "Kerngroep directeuren is ingesteld." in html(response)
    assert Gebeurtenis.objects.filter(actie=Actie.ORGAAN_AANGEMAAKT, regio=regio).count() == 1
    regio.refresh_from_db()
    assert regio.versie == 2


def test_a_body_name_used_twice_is_refused_next_to_the_name(pm_client, regio):
    BestuursorgaanFactory(regio=regio, naam="Stuurgroep")

    response = pm_client.post(
        url("orgaan_nieuw", regio),
        {"versie": regio.versie, "soort": Orgaansoort.STUURGROEP, "naam": "stuurgroep"},
    )

    assert "al een orgaan met de naam stuurgroep" in veldfout(html(response), "naam")
    assert Bestuursorgaan.objects.count() == 1


def test_dissolving_a_body_asks_first_and_ends_its_members_roles(pm_client, regio):
    orgaan = BestuursorgaanFactory(regio=regio, naam="Stuurgroep")
    RolFactory(
        regio=regio,
        orgaan=orgaan,
        soort=Rolsoort.STUURGROEPLID,
        persoon=PersoonFactory(voornaam="Ahmed", achternaam="Yilmaz"),
    )

    bevestiging = html(pm_client.get(url("orgaan_opheffen", regio, orgaan=orgaan.pk)))
    response = pm_client.post(
        url("orgaan_opheffen", regio, orgaan=orgaan.pk),
        {"versie": regio.versie, "reden": "Samengevoegd"},
        follow=True,
    )

    assert "Ahmed Yilmaz (stuurgroeplid)" in bevestiging
    assert not Bestuursorgaan.objects.exists()
    assert not Rol.objects.filter(soort=Rolsoort.STUURGROEPLID).exists()
    assert "Stuurgroep is opgeheven." in html(response)
    assert Gebeurtenis.objects.get(actie=Actie.ORGAAN_VERWIJDERD).reden == "Samengevoegd"


# --- giving a role -------------------------------------------------------------------------


def test_a_new_person_gets_a_role_without_a_login(pm_client, regio):
    school = partner(regio, naam="Stichting Primair")

    response = pm_client.post(
        url("rol_nieuw", regio), nieuwe_rol(regio, organisatie=school.pk), follow=True
    )

    persoon = Persoon.objects.get(email="sanne.devries@voorbeeld.nl")
    assert persoon.volledige_naam == "Sanne de Vries"
    assert persoon.organisatie == school
    assert persoon.gebruiker is None
    assert Rol.objects.filter(regio=regio, persoon=persoon, soort=Rolsoort.PROJECTLEIDER).exists()
    pagina = html(response)
    assert "Sanne de Vries is nu projectleider." in pagina
    assert "nog geen account" in pagina
    assert Gebeurtenis.objects.filter(actie=Actie.PERSOON_AANGEMAAKT).count() == 1
    gebeurtenis = Gebeurtenis.objects.get(actie=Actie.ROL_TOEGEKEND)
    assert gebeurtenis.regio == regio
    assert gebeurtenis.door.persoon.achternaam == "Bakker"


def test_an_existing_person_with_an_account_is_found_by_email_and_told_so(pm_client, regio):
    stuurgroep = BestuursorgaanFactory(regio=regio, naam="Stuurgroep")
    bekend = PersoonFactory(
        voornaam="Ahmed",
        achternaam="Yilmaz",
        email="a.yilmaz@voorbeeld.nl",
        gebruiker=GebruikerFactory(),
    )

    response = pm_client.post(
        url("rol_nieuw", regio),
        nieuwe_rol(
            regio,
            soort=Rolsoort.STUURGROEPLID,
            orgaan=stuurgroep.pk,
            persoon_keuze="bestaand",
            email="A.Yilmaz@voorbeeld.nl",
            voornaam="",
            achternaam="",
        ),
        follow=True,
    )

    rol = Rol.objects.get(persoon=bekend)
    assert rol.orgaan == stuurgroep
    assert Persoon.objects.count() == 2  # the programme manager and Ahmed; nobody new
    pagina = html(response)
    assert "Ahmed Yilmaz is nu stuurgroeplid (Stuurgroep)." in pagina
    assert "heeft al een account in het portaal en kan het dossier nu lezen" in pagina


def test_an_unknown_email_for_an_existing_person_is_refused_next_to_the_field(pm_client, regio):
    response = pm_client.post(
        url("rol_nieuw", regio), nieuwe_rol(regio, persoon_keuze="bestaand", email="x@y.nl")
    )

    assert "Er staat niemand met dit e-mailadres in het portaal." in veldfout(
        html(response), "email"
    )
    assert not Rol.objects.exclude(soort=Rolsoort.PROGRAMMAMANAGER).exists()


def test_a_new_person_with_a_known_email_is_refused_with_the_name(pm_client, regio):
    PersoonFactory(voornaam="Ahmed", achternaam="Yilmaz", email="a.yilmaz@voorbeeld.nl")

    response = pm_client.post(
        url("rol_nieuw", regio), nieuwe_rol(regio, email="a.yilmaz@voorbeeld.nl")
    )

    assert "Ahmed Yilmaz" in veldfout(html(response), "email")
    assert Persoon.objects.count() == 2


def test_a_new_person_needs_a_name_and_a_valid_email(pm_client, regio):
    response = pm_client.post(
        url("rol_nieuw", regio),
        nieuwe_rol(regio, email="geen-adres", voornaam="", achternaam=""),
    )
    zonder_naam = pm_client.post(
        url("rol_nieuw", regio), nieuwe_rol(regio, voornaam="", achternaam=" ")
    )

    assert veldfout(html(response), "email") == (
        "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
    )
    pagina = html(zonder_naam)
    assert veldfout(pagina, "voornaam") == "Vul de voornaam in."
    assert veldfout(pagina, "achternaam") == "Vul de achternaam in."
    assert Persoon.objects.count() == 1
    assert not Gebeurtenis.objects.exists()


def test_a_membership_in_a_body_of_the_wrong_kind_is_refused_and_no_person_is_left(
    pm_client, regio
):
    werkgroep = BestuursorgaanFactory(regio=regio, soort=Orgaansoort.WERKGROEP, naam="Werkgroep")

    response = pm_client.post(
        url("rol_nieuw", regio),
        nieuwe_rol(regio, soort=Rolsoort.STUURGROEPLID, orgaan=werkgroep.pk),
    )

    assert "Een stuurgroeplid hoort niet in Werkgroep" in veldfout(html(response), "orgaan")
    # The new person was written before the role was refused: one transaction undoes both.
    assert not Persoon.objects.filter(email="sanne.devries@voorbeeld.nl").exists()
    assert not Gebeurtenis.objects.exists()
    regio.refresh_from_db()
    assert regio.versie == 1


def test_a_role_the_person_already_has_is_refused(pm_client, regio, pm):
    response = pm_client.post(
        url("rol_nieuw", regio),
        nieuwe_rol(
            regio,
            soort=Rolsoort.PROGRAMMAMANAGER,
            persoon_keuze="bestaand",
            email=pm.persoon.email,
        ),
    )

    assert "Femke Bakker is al programmamanager in deze regio." in veldfout(html(response), "soort")


def test_on_behalf_of_offers_only_the_regions_partners(pm_client, regio):
    partner(regio, naam="Stichting Primair")
    OrganisatieFactory(naam="Niet Van Hier")

    pagina = html(pm_client.get(url("rol_nieuw", regio)))

    assert "Stichting Primair" in pagina
    assert "Niet Van Hier" not in pagina


def test_adding_a_member_from_a_body_proposes_the_body_and_its_role(pm_client, regio):
    stuurgroep = BestuursorgaanFactory(regio=regio, naam="Stuurgroep")

    pagina = html(pm_client.get(url("rol_nieuw", regio) + f"?orgaan={stuurgroep.pk}"))

    assert f'<option value="{stuurgroep.pk}" selected>Stuurgroep' in pagina
    assert '<option value="stuurgroeplid" selected>' in pagina


# --- revoking ------------------------------------------------------------------------------


def test_revoking_a_role_asks_first_and_keeps_the_person(pm_client, regio):
    rol = RolFactory(
        regio=regio,
        soort=Rolsoort.PROJECTLEIDER,
        persoon=PersoonFactory(voornaam="Lotte", achternaam="Smit"),
    )

    bevestiging = html(pm_client.get(url("rol_intrekken", regio, rol=rol.pk)))
    response = pm_client.post(
        url("rol_intrekken", regio, rol=rol.pk),
        {"versie": regio.versie, "reden": "Andere baan"},
        follow=True,
    )

    assert "Lotte Smit" in bevestiging
    assert not Rol.objects.filter(pk=rol.pk).exists()
    assert Persoon.objects.filter(achternaam="Smit").exists()
    assert "Lotte Smit is geen projectleider meer." in html(response)
    gebeurtenis = Gebeurtenis.objects.get(actie=Actie.ROL_INGETROKKEN)
    assert gebeurtenis.reden == "Andere baan"
    assert gebeurtenis.regio == regio


def test_the_last_programme_manager_cannot_be_revoked(pm_client, regio, pm):
    rol = Rol.objects.get(persoon=pm.persoon)

    response = pm_client.post(url("rol_intrekken", regio, rol=rol.pk), {"versie": regio.versie})

    assert "is de enige programmamanager van de regio" in html(response)
    assert Rol.objects.filter(pk=rol.pk).exists()


def test_revoking_ones_own_role_with_another_manager_left_leads_out_of_the_dossier(
    pm_client, regio, pm
):
    RolFactory(regio=regio, soort=Rolsoort.PROGRAMMAMANAGER)
    eigen = Rol.objects.get(persoon=pm.persoon)

    response = pm_client.post(url("rol_intrekken", regio, rol=eigen.pk), {"versie": regio.versie})

    assert response.status_code == 302
    assert response["Location"] == reverse("subsidie:mijn_regio")
    assert pm_client.get(url("rollen", regio)).status_code == 404


# --- version and state -------------------------------------------------------------------


def test_a_stale_version_is_refused(pm_client, regio):
    regio.versie = 4
    regio.save()

    response = pm_client.post(url("rol_nieuw", regio), nieuwe_rol(regio, versie=3))

    assert "Iemand anders heeft het dossier gewijzigd" in html(response)
    assert not Persoon.objects.filter(email="sanne.devries@voorbeeld.nl").exists()
    assert not Gebeurtenis.objects.exists()


def test_roles_are_dossier_content_frozen_once_submitted(pm_client, regio):
    orgaan = BestuursorgaanFactory(regio=regio)
    rol = RolFactory(regio=regio, soort=Rolsoort.PROJECTLEIDER)
    regio.status = Regiostatus.INGEDIEND
    regio.save()

    pagina = html(pm_client.get(url("rollen", regio)))
    posts = [
        pm_client.post(url("rol_nieuw", regio), nieuwe_rol(regio)),
        pm_client.post(url("rol_intrekken", regio, rol=rol.pk), {"versie": regio.versie}),
        pm_client.post(
            url("orgaan_nieuw", regio),
            {"versie": regio.versie, "soort": "werkgroep", "naam": "Werkgroep"},
        ),
        pm_client.post(url("orgaan_opheffen", regio, orgaan=orgaan.pk), {"versie": regio.versie}),
    ]

    assert "ligt vast" in pagina
    assert url("rol_nieuw", regio) not in pagina
    assert [r.status_code for r in posts] == [403, 403, 403, 403]
    assert Rol.objects.filter(pk=rol.pk).exists()
    assert Bestuursorgaan.objects.count() == 1


def test_the_services_refuse_a_submitted_dossier_too(regio, pm):
    regio.status = Regiostatus.INGEDIEND
    regio.save()

    with pytest.raises(DossierBevroren):
        maak_orgaan(regio=regio, soort="stuurgroep", naam="Stuurgroep", door=pm)
    with pytest.raises(DossierBevroren):
        ken_rol_toe(
            regio=regio,
            soort=Rolsoort.PROJECTLEIDER,
            door=None,
            nieuwe_persoon={"voornaam": "A", "achternaam": "B", "email": "a@b.nl"},
        )
    assert not Bestuursorgaan.objects.exists()
    assert not Persoon.objects.filter(email="a@b.nl").exists()


# --- who may ------------------------------------------------------------------------------


@pytest.mark.parametrize("soort", [Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID])
def test_project_leaders_and_steering_group_members_read_but_cannot_change(client, regio, soort):
    orgaan = BestuursorgaanFactory(regio=regio, naam="Stuurgroep")
    rol = RolFactory(regio=regio, soort=Rolsoort.PROJECTLEIDER)
    client.force_login(met_rol(regio, soort, voornaam="Lezer"))

    pagina = html(client.get(url("rollen", regio)))
    posts = [
        client.post(url("rol_nieuw", regio), nieuwe_rol(regio)),
        client.post(url("rol_intrekken", regio, rol=rol.pk), {"versie": regio.versie}),
        client.post(url("orgaan_nieuw", regio), {"versie": 1, "soort": "werkgroep", "naam": "W"}),
        client.post(url("orgaan_opheffen", regio, orgaan=orgaan.pk), {"versie": 1}),
    ]
    formulier = client.get(url("rol_nieuw", regio))

    assert "Stuurgroep" in pagina
    assert "U kunt dit dossier lezen, maar niet wijzigen." in pagina
    assert "Intrekken" not in pagina
    assert [r.status_code for r in posts] == [403, 403, 403, 403]
    assert formulier.status_code == 302
    assert Rol.objects.filter(pk=rol.pk).exists()
    assert Bestuursorgaan.objects.count() == 1


def _alle_adressen(regio, rol, orgaan):
    return [
        url("rollen", regio),
        url("rol_nieuw", regio),
        url("rol_intrekken", regio, rol=rol.pk),
        url("orgaan_nieuw", regio),
        url("orgaan_opheffen", regio, orgaan=orgaan.pk),
    ]


def test_programme_manager_of_another_region_gets_404_everywhere(client, regio):
    rol = RolFactory(regio=regio, soort=Rolsoort.PROJECTLEIDER)
    orgaan = BestuursorgaanFactory(regio=regio)
    client.force_login(met_rol(RegioFactory()))

    for adres in _alle_adressen(regio, rol, orgaan):
        assert client.get(adres).status_code == 404, adres
        assert client.post(adres, {"versie": regio.versie}).status_code == 404, adres
    assert Rol.objects.filter(pk=rol.pk).exists()
    assert Bestuursorgaan.objects.filter(pk=orgaan.pk).exists()


def test_a_role_or_body_of_another_region_is_not_found(pm_client, regio):
    elders = RegioFactory()
    rol = RolFactory(regio=elders, soort=Rolsoort.PROJECTLEIDER)
    orgaan = BestuursorgaanFactory(regio=elders)

    assert pm_client.get(url("rol_intrekken", regio, rol=rol.pk)).status_code == 404
    assert pm_client.post(url("rol_intrekken", regio, rol=rol.pk), {"versie": 1}).status_code == 404
    assert pm_client.get(url("orgaan_opheffen", regio, orgaan=orgaan.pk)).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client, regio):
    rol = RolFactory(regio=regio)
    orgaan = BestuursorgaanFactory(regio=regio)

    for adres in _alle_adressen(regio, rol, orgaan):
        for response in (client.get(adres), client.post(adres, {"versie": 1})):
            assert response.status_code == 302, adres
            assert response["Location"].startswith(reverse("login")), adres
