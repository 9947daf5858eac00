"""The write services of co-financing pledges and budget lines: each use case, each refusal,
the audit event, and that a refusal leaves nothing behind."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ecosysteem.models import Gebeurtenis
from regios.bewerken import DossierBevroren, DossierGewijzigd
from regios.models import Deelnamestatus, Regio, Regiostatus, Rolsoort, Tijdvak
from subsidie import services
from subsidie.models import Begrotingsregel, Cofinanciering, Cofinancieringsoort, Kostensoort
from tests.factories import (
    DeelnameFactory,
    GebruikerFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    RolFactory,
)

pytestmark = pytest.mark.django_db


def met_rol(regio: Regio, soort: str = Rolsoort.PROGRAMMAMANAGER, **velden):
    gebruiker = GebruikerFactory(**velden)
    RolFactory(regio=regio, persoon=PersoonFactory(gebruiker=gebruiker), soort=soort)
    return gebruiker


def partner_in(regio: Regio, **velden):
    organisatie = OrganisatieFactory(**velden)
    DeelnameFactory(regio=regio, organisatie=organisatie, vestiging=None)
    return organisatie


@pytest.fixture
def regio():
    # Period 2 covers the school years 2026/27 and 2027/28.
    return RegioFactory(tijdvak=Tijdvak.objects.get(code="tijdvak-2"))


@pytest.fixture
def pm(regio):
    return met_rol(regio)


@pytest.fixture
def bedrijf(regio):
    return partner_in(regio, naam="Fablab Zuidhorn")


def versie_van(regio: Regio) -> int:
    return Regio.objects.get(pk=regio.pk).versie


def gebeurtenissen(actie: str) -> list[Gebeurtenis]:
    return list(Gebeurtenis.objects.filter(actie=actie).order_by("id"))


def geld(regio, door, organisatie, **velden) -> Cofinanciering:
    waarden = {
        "schooljaar": 2026,
        "soort": Cofinancieringsoort.GELD,
        "omschrijving": "Bijdrage aan lesmateriaal",
        "bedrag": Decimal("1250.50"),
    }
    waarden.update(velden)
    return services.sla_cofinanciering_op(
        regio=regio, door=door, organisatie=organisatie, **waarden
    )


def regel(regio, door, **velden) -> Begrotingsregel:
    waarden = {
        "schooljaar": 2026,
        "kostensoort": Kostensoort.ACTIVITEITEN,
        "omschrijving": "Techniekweek",
        "bedrag": Decimal("4000.00"),
    }
    waarden.update(velden)
    return services.sla_begrotingsregel_op(regio=regio, door=door, **waarden)


def fouten(info) -> dict[str, list[str]]:
    return info.value.message_dict


# --- co-financing: what succeeds -------------------------------------------------------


def test_money_pledge_is_saved_raises_the_version_and_is_audited(regio, pm, bedrijf):
    voor = versie_van(regio)

    pledge = geld(regio, pm, bedrijf, versie=voor)

    pledge.refresh_from_db()
    assert (pledge.regio, pledge.organisatie, pledge.schooljaar) == (regio, bedrijf, 2026)
    assert pledge.waarde == Decimal("1250.50")
    assert versie_van(regio) == voor + 1
    [gebeurtenis] = gebeurtenissen("cofinanciering.toegevoegd")
    assert gebeurtenis.door == pm
    assert gebeurtenis.regio == regio
    assert gebeurtenis.onderwerp == pledge
    assert gebeurtenis.omschrijving == (
        "Cofinanciering van Fablab Zuidhorn (2026/27): €\u00a01.250,50."
    )
    assert gebeurtenis.gegevens["van"] is None
    assert gebeurtenis.gegevens["naar"]["waarde"] == "1250.50"


def test_hours_pledge_is_worth_hours_times_rate_and_drops_a_stray_amount(regio, pm, bedrijf):
    pledge = geld(
        regio,
        pm,
        bedrijf,
        soort=Cofinancieringsoort.UREN,
        bedrag=Decimal("999"),  # left in a hidden field of the form
        uren=Decimal("40"),
        uurtarief=Decimal("62.50"),
    )

    pledge.refresh_from_db()
    assert pledge.bedrag is None
    assert pledge.waarde == Decimal("2500.00")


def test_in_kind_facilities_pledge_drops_stray_hours(regio, pm, bedrijf):
    pledge = geld(
        regio,
        pm,
        bedrijf,
        soort=Cofinancieringsoort.FACILITEITEN,
        bedrag=Decimal("800"),
        uren=Decimal("3"),
        uurtarief=Decimal("10"),
    )

    pledge.refresh_from_db()
    assert (pledge.uren, pledge.uurtarief, pledge.bedrag) == (None, None, Decimal("800.00"))


def test_changing_a_pledge_records_old_and_new_values(regio, pm, bedrijf):
    pledge = geld(regio, pm, bedrijf)
    ander = partner_in(regio, naam="Bibliotheek Westerkwartier")

    services.sla_cofinanciering_op(
        regio=regio,
        door=pm,
        organisatie=ander,
        schooljaar=2027,
        soort=Cofinancieringsoort.UREN,
        omschrijving="Gastlessen",
        uren=Decimal("10"),
        uurtarief=Decimal("50"),
        cofinanciering=pledge,
        versie=versie_van(regio),
    )

    pledge.refresh_from_db()
    assert (pledge.organisatie, pledge.schooljaar, pledge.waarde) == (ander, 2027, Decimal("500"))
    assert Cofinanciering.objects.count() == 1
    [gebeurtenis] = gebeurtenissen("cofinanciering.gewijzigd")
    assert gebeurtenis.gegevens["van"]["partner"] == "Fablab Zuidhorn"
    assert gebeurtenis.gegevens["van"]["bedrag"] == "1250.50"
    assert gebeurtenis.gegevens["naar"]["partner"] == "Bibliotheek Westerkwartier"
    assert gebeurtenis.gegevens["naar"]["uren"] == "10.0"


def test_deleting_a_pledge_removes_it_and_audits_what_it_was(regio, pm, bedrijf):
    pledge = geld(regio, pm, bedrijf)
    voor = versie_van(regio)

    services.verwijder_cofinanciering(cofinanciering=pledge, door=pm, versie=voor)

    assert not Cofinanciering.objects.exists()
    assert versie_van(regio) == voor + 1
    [gebeurtenis] = gebeurtenissen("cofinanciering.verwijderd")
    assert gebeurtenis.regio == regio
    assert gebeurtenis.gegevens["van"]["waarde"] == "1250.50"
    assert gebeurtenis.omschrijving == "Cofinanciering van Fablab Zuidhorn (2026/27) verwijderd."


# --- co-financing: refusals ------------------------------------------------------------


def assert_niets_geschreven(regio: Regio, versie: int) -> None:
    assert versie_van(regio) == versie
    assert not Gebeurtenis.objects.filter(actie__startswith="cofinanciering.").exists()
    assert not Cofinanciering.objects.exists()


def test_partner_that_does_not_take_part_in_the_region_is_refused(regio, pm):
    buitenstaander = OrganisatieFactory()
    voor = versie_van(regio)

    with pytest.raises(ValidationError) as info:
        geld(regio, pm, buitenstaander)

    assert fouten(info) == {"organisatie": ["Deze organisatie doet niet mee in de regio."]}
    assert_niets_geschreven(regio, voor)


def test_partner_of_another_region_is_refused(regio, pm):
    elders = partner_in(RegioFactory(tijdvak=regio.tijdvak))

    with pytest.raises(ValidationError) as info:
        geld(regio, pm, elders)

    assert "organisatie" in fouten(info)


def test_partner_whose_participation_ended_is_refused(regio, pm):
    oud = OrganisatieFactory()
    DeelnameFactory(regio=regio, organisatie=oud, vestiging=None, status=Deelnamestatus.BEEINDIGD)

    with pytest.raises(ValidationError) as info:
        geld(regio, pm, oud)

    assert "organisatie" in fouten(info)


def test_missing_partner_is_refused_even_though_branches_take_part(regio, pm):
    DeelnameFactory(regio=regio)  # a school branch: its participation has no organisation

    with pytest.raises(ValidationError) as info:
        geld(regio, pm, None)

    assert fouten(info) == {"organisatie": ["Kies een partner."]}


@pytest.mark.parametrize("jaar", [2025, 2028, None])
def test_school_year_outside_the_period_is_refused(regio, pm, bedrijf, jaar):
    voor = versie_van(regio)

    with pytest.raises(ValidationError) as info:
        geld(regio, pm, bedrijf, schooljaar=jaar)

    assert fouten(info) == {
        "schooljaar": [f"Kies een schooljaar binnen het tijdvak {regio.tijdvak}."]
    }
    assert_niets_geschreven(regio, voor)


def test_hours_without_a_rate_are_refused(regio, pm, bedrijf):
    voor = versie_van(regio)

    with pytest.raises(ValidationError) as info:
        geld(regio, pm, bedrijf, soort=Cofinancieringsoort.UREN, bedrag=None, uren=Decimal("8"))

    assert fouten(info) == {
        "uurtarief": ["Vul het uurtarief in; uren zonder tarief hebben geen waarde."]
    }
    assert_niets_geschreven(regio, voor)


def test_negative_hours_and_rate_are_refused(regio, pm, bedrijf):
    with pytest.raises(ValidationError) as info:
        geld(
            regio,
            pm,
            bedrijf,
            soort=Cofinancieringsoort.UREN,
            uren=Decimal("-2"),
            uurtarief=Decimal("0"),
        )

    assert fouten(info) == {
        "uren": ["Het aantal uren moet groter zijn dan 0."],
        "uurtarief": ["Het uurtarief moet groter zijn dan 0."],
    }


@pytest.mark.parametrize("bedrag", [None, Decimal("0"), Decimal("-10")])
def test_money_pledge_needs_a_positive_amount(regio, pm, bedrijf, bedrag):
    with pytest.raises(ValidationError) as info:
        geld(regio, pm, bedrijf, bedrag=bedrag)

    assert fouten(info) == {"bedrag": ["Vul een bedrag groter dan 0 in."]}


def test_every_problem_is_reported_at_once(regio, pm):
    with pytest.raises(ValidationError) as info:
        geld(regio, pm, OrganisatieFactory(), schooljaar=2030, bedrag=None)

    assert set(fouten(info)) == {"organisatie", "schooljaar", "bedrag"}


def test_too_long_description_writes_nothing(regio, pm, bedrijf):
    voor = versie_van(regio)

    with pytest.raises(ValidationError) as info:
        geld(regio, pm, bedrijf, omschrijving="x" * 301)

    assert "omschrijving" in fouten(info)
    assert_niets_geschreven(regio, voor)


def test_frozen_dossier_refuses_a_pledge(regio, pm, bedrijf):
    Regio.objects.filter(pk=regio.pk).update(status=Regiostatus.INGEDIEND)
    regio.refresh_from_db()

    with pytest.raises(DossierBevroren):
        geld(regio, pm, bedrijf)

    assert_niets_geschreven(regio, regio.versie)


def test_stale_version_is_refused_with_the_message_to_look_again(regio, pm, bedrijf):
    voor = versie_van(regio)

    with pytest.raises(DossierGewijzigd) as info:
        geld(regio, pm, bedrijf, versie=voor - 1)

    assert "Iemand anders heeft het dossier gewijzigd" in info.value.messages[0]
    assert_niets_geschreven(regio, voor)


def test_project_leader_may_not_pledge(regio, bedrijf):
    projectleider = met_rol(regio, Rolsoort.PROJECTLEIDER)

    with pytest.raises(PermissionDenied):
        geld(regio, projectleider, bedrijf)

    assert not Cofinanciering.objects.exists()


def test_a_pledge_cannot_be_changed_through_another_region(regio, pm, bedrijf):
    pledge = geld(regio, pm, bedrijf)
    andere = RegioFactory(tijdvak=regio.tijdvak)
    pm_andere = met_rol(andere)
    partner_andere = partner_in(andere)

    with pytest.raises(PermissionDenied):
        services.sla_cofinanciering_op(
            regio=andere,
            door=pm_andere,
            organisatie=partner_andere,
            schooljaar=2026,
            soort=Cofinancieringsoort.GELD,
            omschrijving="Overgenomen",
            bedrag=Decimal("1"),
            cofinanciering=pledge,
        )

    pledge.refresh_from_db()
    assert pledge.regio == regio
    assert pledge.omschrijving == "Bijdrage aan lesmateriaal"


def test_a_refused_change_leaves_the_stored_pledge_and_the_callers_copy_alone(regio, pm, bedrijf):
    pledge = geld(regio, pm, bedrijf)

    with pytest.raises(ValidationError):
        services.sla_cofinanciering_op(
            regio=regio,
            door=pm,
            organisatie=bedrijf,
            schooljaar=2026,
            soort=Cofinancieringsoort.UREN,
            omschrijving="Uren",
            uren=Decimal("5"),
            cofinanciering=pledge,
        )

    assert pledge.soort == Cofinancieringsoort.GELD
    assert pledge.bedrag == Decimal("1250.50")
    opgeslagen = Cofinanciering.objects.get()
    assert (opgeslagen.soort, opgeslagen.bedrag) == (Cofinancieringsoort.GELD, Decimal("1250.50"))


def test_changing_a_pledge_someone_deleted_meanwhile_says_so(regio, pm, bedrijf):
    pledge = geld(regio, pm, bedrijf)
    Cofinanciering.objects.filter(pk=pledge.pk).delete()

    with pytest.raises(ValidationError) as info:
        geld(regio, pm, bedrijf, cofinanciering=pledge)

    assert "bestaat niet meer" in info.value.messages[0]
    assert not Cofinanciering.objects.exists()


def test_deleting_with_a_stale_version_keeps_the_pledge(regio, pm, bedrijf):
    pledge = geld(regio, pm, bedrijf)

    with pytest.raises(DossierGewijzigd):
        services.verwijder_cofinanciering(
            cofinanciering=pledge, door=pm, versie=versie_van(regio) - 1
        )

    assert Cofinanciering.objects.filter(pk=pledge.pk).exists()
    assert not gebeurtenissen("cofinanciering.verwijderd")


def test_deleting_from_a_frozen_dossier_is_refused(regio, pm, bedrijf):
    pledge = geld(regio, pm, bedrijf)
    Regio.objects.filter(pk=regio.pk).update(status=Regiostatus.INGEDIEND)

    with pytest.raises(DossierBevroren):
        services.verwijder_cofinanciering(cofinanciering=pledge, door=pm)

    assert Cofinanciering.objects.filter(pk=pledge.pk).exists()


# --- budget lines ----------------------------------------------------------------------


def test_budget_line_is_saved_raises_the_version_and_is_audited(regio, pm):
    voor = versie_van(regio)

    lijn = regel(regio, pm, versie=voor)

    lijn.refresh_from_db()
    assert (lijn.schooljaar, lijn.kostensoort, lijn.bedrag) == (
        2026,
        Kostensoort.ACTIVITEITEN,
        Decimal("4000.00"),
    )
    assert versie_van(regio) == voor + 1
    [gebeurtenis] = gebeurtenissen("begroting.toegevoegd")
    assert (gebeurtenis.door, gebeurtenis.regio, gebeurtenis.onderwerp) == (pm, regio, lijn)
    assert gebeurtenis.omschrijving == "Begrotingsregel 2026/27 activiteiten: €\u00a04.000,00."


def test_changing_a_budget_line_records_old_and_new_values(regio, pm):
    lijn = regel(regio, pm)

    regel(
        regio,
        pm,
        regel=lijn,
        schooljaar=2027,
        kostensoort=Kostensoort.EXPERTISE,
        bedrag=Decimal("7500"),
        versie=versie_van(regio),
    )

    lijn.refresh_from_db()
    assert (lijn.schooljaar, lijn.kostensoort, lijn.bedrag) == (
        2027,
        Kostensoort.EXPERTISE,
        Decimal("7500.00"),
    )
    [gebeurtenis] = gebeurtenissen("begroting.gewijzigd")
    assert gebeurtenis.gegevens["van"]["bedrag"] == "4000.00"
    assert gebeurtenis.gegevens["naar"]["kostensoort"] == "expertise"


def test_deleting_a_budget_line_removes_it_and_audits_what_it_was(regio, pm):
    lijn = regel(regio, pm)

    services.verwijder_begrotingsregel(regel=lijn, door=pm, versie=versie_van(regio))

    assert not Begrotingsregel.objects.exists()
    [gebeurtenis] = gebeurtenissen("begroting.verwijderd")
    assert gebeurtenis.gegevens["van"]["omschrijving"] == "Techniekweek"


def assert_geen_regels(regio: Regio, versie: int) -> None:
    assert versie_van(regio) == versie
    assert not Begrotingsregel.objects.exists()
    assert not Gebeurtenis.objects.filter(actie__startswith="begroting.").exists()


@pytest.mark.parametrize("jaar", [2025, 2028])
def test_budget_line_outside_the_period_is_refused(regio, pm, jaar):
    voor = versie_van(regio)

    with pytest.raises(ValidationError) as info:
        regel(regio, pm, schooljaar=jaar)

    assert set(fouten(info)) == {"schooljaar"}
    assert_geen_regels(regio, voor)


@pytest.mark.parametrize("bedrag", [None, Decimal("0"), Decimal("-1")])
def test_budget_line_needs_a_positive_amount(regio, pm, bedrag):
    voor = versie_van(regio)

    with pytest.raises(ValidationError) as info:
        regel(regio, pm, bedrag=bedrag)

    assert fouten(info) == {"bedrag": ["Vul een bedrag groter dan 0 in."]}
    assert_geen_regels(regio, voor)


def test_unknown_cost_category_is_refused(regio, pm):
    with pytest.raises(ValidationError) as info:
        regel(regio, pm, kostensoort="reizen")

    assert set(fouten(info)) == {"kostensoort"}
    assert_geen_regels(regio, versie_van(regio))


def test_frozen_dossier_refuses_a_budget_line(regio, pm):
    Regio.objects.filter(pk=regio.pk).update(status=Regiostatus.INGEDIEND)

    with pytest.raises(DossierBevroren):
        regel(regio, pm)

    assert not Begrotingsregel.objects.exists()


def test_stale_version_refuses_a_budget_line(regio, pm):
    voor = versie_van(regio)

    with pytest.raises(DossierGewijzigd):
        regel(regio, pm, versie=voor + 5)

    assert_geen_regels(regio, voor)


def test_steering_group_member_may_not_budget(regio):
    lid = met_rol(regio, Rolsoort.STUURGROEPLID)

    with pytest.raises(PermissionDenied):
        regel(regio, lid)


def test_a_budget_line_cannot_be_changed_through_another_region(regio, pm):
    lijn = regel(regio, pm)
    andere = RegioFactory(tijdvak=regio.tijdvak)
    pm_andere = met_rol(andere)

    with pytest.raises(PermissionDenied):
        regel(andere, pm_andere, regel=lijn, bedrag=Decimal("1"))

    lijn.refresh_from_db()
    assert lijn.bedrag == Decimal("4000.00")


def test_deleting_a_budget_line_with_a_stale_version_keeps_it(regio, pm):
    lijn = regel(regio, pm)

    with pytest.raises(DossierGewijzigd):
        services.verwijder_begrotingsregel(regel=lijn, door=pm, versie=1)

    assert Begrotingsregel.objects.filter(pk=lijn.pk).exists()
