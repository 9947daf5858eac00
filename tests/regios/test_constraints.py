"""The ecosystem's invariants are held by the database itself, not only by forms."""

import datetime

import pytest
from django.db import DataError, IntegrityError, transaction

from partners.models import Organisatiesoort, Vestiging
from regios.models import Deelname, Deelnamestatus, Regio, Rol, Rolsoort, Tijdvak
from tests.factories import (
    BestuursorgaanFactory,
    DeelnameFactory,
    GemeenteFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    VestigingFactory,
)

pytestmark = pytest.mark.django_db


def weigert(func) -> None:
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        func()


def test_branch_takes_part_in_one_region_per_period():
    vestiging = VestigingFactory()
    eerste = DeelnameFactory(vestiging=vestiging)
    andere_regio = RegioFactory(tijdvak=eerste.regio.tijdvak)

    weigert(lambda: Deelname.objects.create(regio=andere_regio, vestiging=vestiging))

    assert Deelname.objects.filter(vestiging=vestiging).count() == 1


def test_branch_may_take_part_again_in_another_period():
    vestiging = VestigingFactory()
    DeelnameFactory(
        vestiging=vestiging, regio=RegioFactory(tijdvak=Tijdvak.objects.get(code="tijdvak-1"))
    )

    Deelname.objects.create(
        regio=RegioFactory(tijdvak=Tijdvak.objects.get(code="tijdvak-2")), vestiging=vestiging
    )

    assert Deelname.objects.filter(vestiging=vestiging).count() == 2


def test_ended_participation_frees_the_branch_for_another_region():
    eerste = DeelnameFactory(status=Deelnamestatus.BEEINDIGD)
    andere_regio = RegioFactory(tijdvak=eerste.regio.tijdvak)

    Deelname.objects.create(regio=andere_regio, vestiging=eerste.vestiging)

    assert eerste.vestiging.deelnames.count() == 2


def test_participation_copies_the_period_of_its_region():
    deelname = DeelnameFactory()
    assert deelname.tijdvak_id == deelname.regio.tijdvak_id


@pytest.mark.parametrize("code", ["32DD0", "32dd00", "3ADD00", "32DD0A", "32DD000"])
def test_database_rejects_invalid_vestigingscode(code):
    geldig = VestigingFactory.build(gemeente=GemeenteFactory())
    geldig.vestigingscode = code
    geldig.brin_nummer = code[:4]
    weigert(geldig.save)
    assert not Vestiging.objects.filter(vestigingscode=code).exists()


def test_database_rejects_vestigingscode_of_another_brin():
    vestiging = VestigingFactory.build(
        gemeente=GemeenteFactory(), brin_nummer="32DD", vestigingscode="14YX00"
    )
    weigert(vestiging.save)


def test_database_rejects_duplicate_vestigingscode():
    bestaand = VestigingFactory()
    weigert(lambda: VestigingFactory(brin_nummer=bestaand.brin_nummer))


def test_database_rejects_duplicate_region_slug():
    regio = RegioFactory(slug="westerkwartier")
    weigert(lambda: RegioFactory(slug="westerkwartier", tijdvak=regio.tijdvak))
    assert Regio.objects.filter(slug="westerkwartier").count() == 1


def test_database_rejects_duplicate_region_name_in_one_period():
    regio = RegioFactory(naam="Techregio Waterland")
    weigert(lambda: RegioFactory(naam="Techregio Waterland", tijdvak=regio.tijdvak))


def test_participation_is_an_organisation_or_a_branch_not_both():
    regio = RegioFactory()
    weigert(
        lambda: Deelname.objects.create(
            regio=regio, vestiging=VestigingFactory(), organisatie=OrganisatieFactory()
        )
    )
    weigert(lambda: Deelname.objects.create(regio=regio))


def test_region_has_at_most_one_penvoerder():
    regio = RegioFactory()
    bestuur = OrganisatieFactory(soort=Organisatiesoort.SCHOOLBESTUUR, kvk_nummer="")
    Deelname.objects.create(regio=regio, organisatie=bestuur, is_penvoerder=True)

    weigert(
        lambda: Deelname.objects.create(
            regio=regio, organisatie=OrganisatieFactory(), is_penvoerder=True
        )
    )


def test_penvoerder_is_an_organisation():
    weigert(lambda: DeelnameFactory(is_penvoerder=True))


def test_organisation_takes_part_once_per_region():
    deelname = DeelnameFactory(vestiging=None, organisatie=OrganisatieFactory())
    weigert(lambda: Deelname.objects.create(regio=deelname.regio, organisatie=deelname.organisatie))


def test_database_rejects_duplicate_and_malformed_kvk_numbers():
    OrganisatieFactory(kvk_nummer="12345678")
    weigert(lambda: OrganisatieFactory(kvk_nummer="12345678"))
    weigert(lambda: OrganisatieFactory(kvk_nummer="1234"))
    # Organisations without a KvK number (a library of a municipality, say) may be many.
    OrganisatieFactory(kvk_nummer="")
    OrganisatieFactory(kvk_nummer="")


def test_period_must_end_after_it_starts():
    weigert(
        lambda: Tijdvak.objects.create(
            naam="Verkeerd",
            code="verkeerd",
            eerste_schooljaar=2027,
            aantal_schooljaren=1,
            startdatum=datetime.date(2027, 8, 1),
            einddatum=datetime.date(2027, 7, 31),
        )
    )


def test_periods_from_the_data_migration_list_their_school_years():
    assert Tijdvak.objects.get(code="tijdvak-1").schooljaren == ["2025/26", "2026/27", "2027/28"]
    assert Tijdvak.objects.get(code="tijdvak-2").schooljaren == ["2026/27", "2027/28"]


def test_person_holds_a_role_once_per_region_and_body():
    orgaan = BestuursorgaanFactory()
    persoon = PersoonFactory()
    Rol.objects.create(
        regio=orgaan.regio, persoon=persoon, soort=Rolsoort.STUURGROEPLID, orgaan=orgaan
    )
    weigert(
        lambda: Rol.objects.create(
            regio=orgaan.regio, persoon=persoon, soort=Rolsoort.STUURGROEPLID, orgaan=orgaan
        )
    )
    Rol.objects.create(regio=orgaan.regio, persoon=persoon, soort=Rolsoort.PROGRAMMAMANAGER)
    weigert(
        lambda: Rol.objects.create(
            regio=orgaan.regio, persoon=persoon, soort=Rolsoort.PROGRAMMAMANAGER
        )
    )
