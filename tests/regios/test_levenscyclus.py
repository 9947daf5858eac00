"""The region's lifecycle table, walked: every transition from every status by every role.

Allowed: the status moves, the version goes up and one audit event records from and to.
Anything else: refused with its Dutch reason, and nothing is written (status, version,
events, e-mails). The expectations are written out here, not derived from the table, so
a change of the table or of a permission that nobody meant makes this test fail.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ecosysteem.models import Gebeurtenis
from ecosysteem.rechten import waarom_niet
from ecosysteem.rollen import BEHEERDERS, BEOORDELAARS, BESLUITVORMERS
from regios.levenscyclus import OVERGANGEN, TOESTANDEN, Regiostatus, voer_overgang_uit
from regios.models import Regio, Rol, Rolsoort
from subsidie.models import Beoordeling, Indiening
from tests.dossiers import leeg_dossier
from tests.factories import GebruikerFactory, OrganisatieFactory, PersoonFactory

pytestmark = pytest.mark.django_db

ROLLEN = (
    "anoniem",
    "zonder_rol",
    "contactpersoon",
    "projectleider",
    "stuurgroeplid",
    "programmamanager",
    "pm_andere_regio",
    "beoordelaar",
    "andere_beoordelaar",
    "besluitvormer",
    "besluitvormer_die_beoordeelde",
    "beheerder",
)
MINISTERIE = {"beoordelaar", "andere_beoordelaar", "besluitvormer", "besluitvormer_die_beoordeelde"}
BESLUITVORMERS_ = {"besluitvormer", "besluitvormer_die_beoordeelde"}

ALLEEN_PM = "Alleen de programmamanager kan dit dossier %s."
TOEWIJZEN = "Alleen beoordelaars en besluitvormers wijzen een beoordelaar toe."
VRAGEN = "Alleen de toegewezen beoordelaar vraagt om aanvulling."
GEEN_BESLUITVORMER = "Alleen een besluitvormer neemt een besluit."
VIER_OGEN = "U hebt dit dossier beoordeeld; een andere besluitvormer neemt het besluit."


# From which statuses each transition may be taken, and where it leads.
PAD = {
    "indienen": ({"concept"}, "ingediend"),
    "aanvulling_indienen": ({"aanvulling_gevraagd"}, "in_beoordeling"),
    "heropenen": ({"ingediend"}, "concept"),
    "beoordeling_starten": ({"ingediend"}, "in_beoordeling"),
    "aanvulling_vragen": ({"in_beoordeling"}, "aanvulling_gevraagd"),
    "toekennen": ({"in_beoordeling"}, "toegekend"),
    "afwijzen": ({"in_beoordeling"}, "afgewezen"),
    # Sending a correction of a sent decision (a second letter).
    "correctie_toekennen": ({"toegekend", "afgewezen"}, "toegekend"),
    "correctie_afwijzen": ({"toegekend", "afgewezen"}, "afgewezen"),
}


def toegestaan(overgang: str, toegewezen: str) -> set[str]:
    """Who may take ``overgang`` (from a status that allows it), with ``toegewezen`` as
    the dossier's reviewer, who also assessed its latest version."""
    return {
        "indienen": {"programmamanager", "beheerder"},
        "aanvulling_indienen": {"programmamanager", "beheerder"},
        "heropenen": {"programmamanager", "beheerder"},
        "beoordeling_starten": MINISTERIE,
        "aanvulling_vragen": {toegewezen},
        "toekennen": BESLUITVORMERS_ - {toegewezen},
        "afwijzen": BESLUITVORMERS_ - {toegewezen},
        "correctie_toekennen": BESLUITVORMERS_ - {toegewezen},
        "correctie_afwijzen": BESLUITVORMERS_ - {toegewezen},
    }[overgang]


def rolreden(overgang: str, rol: str, toegewezen: str) -> str:
    """The reason a role that may never take ``overgang`` is given."""
    if overgang in ("indienen", "aanvulling_indienen"):
        return ALLEEN_PM % "indienen"
    if overgang == "heropenen":
        return ALLEEN_PM % "heropenen"
    if overgang == "beoordeling_starten":
        return TOEWIJZEN
    if overgang == "aanvulling_vragen":
        return VRAGEN
    if rol not in BESLUITVORMERS_:
        return GEEN_BESLUITVORMER
    assert rol == toegewezen
    return VIER_OGEN


def statusreden(overgang: str, status: str) -> str:
    if overgang == "heropenen":
        return "Alleen een ingediend dossier dat nog niet in beoordeling is, kan worden heropend."
    return f"Deze stap kan nu niet: het dossier is {Regiostatus(status).label}."


def medewerker(*groepen, **velden):
    gebruiker = GebruikerFactory(**velden)
    for naam in groepen:
        gebruiker.groups.add(Group.objects.get(name=naam))
    return gebruiker


def wereld(toegewezen: str):
    """A region with a submission whose latest version ``toegewezen`` assessed, and a
    person for every role."""
    d = leeg_dossier()
    organisatie = OrganisatieFactory()
    contact = GebruikerFactory()
    Rol.objects.create(
        regio=d.regio,
        persoon=PersoonFactory(gebruiker=contact, organisatie=organisatie),
        soort=Rolsoort.CONTACTPERSOON,
        namens=organisatie,
    )
    mensen = {
        "anoniem": AnonymousUser(),
        "zonder_rol": GebruikerFactory(),
        "contactpersoon": contact,
        "projectleider": d.lid(Rolsoort.PROJECTLEIDER),
        "stuurgroeplid": d.lid(Rolsoort.STUURGROEPLID),
        "programmamanager": d.programmamanager,
        "pm_andere_regio": leeg_dossier().programmamanager,
        "beoordelaar": medewerker(BEOORDELAARS),
        "andere_beoordelaar": medewerker(BEOORDELAARS),
        "besluitvormer": medewerker(BESLUITVORMERS),
        "besluitvormer_die_beoordeelde": medewerker(BEOORDELAARS, BESLUITVORMERS),
        "beheerder": medewerker(BEHEERDERS, is_staff=True, is_superuser=True),
    }
    indiening = Indiening.objects.create(
        regio=d.regio,
        versie=1,
        ingediend_door=d.programmamanager,
        maximale_subsidie=Decimal("1000"),
        cofinanciering=Decimal("100"),
        begroting=Decimal("1000"),
        inhoud={},
    )
    Beoordeling.objects.create(
        regio=d.regio,
        beoordelaar=mensen[toegewezen],
        toegewezen_op=timezone.now(),
        indiening=indiening,
        eindoordeel="Goed.",
        beoordeeld_op=timezone.now(),
    )
    return d.regio, mensen


def zet_status(regio: Regio, status: str) -> Regio:
    # Test set-up only: the product writes the status in regios/levenscyclus.py alone.
    Regio.objects.filter(pk=regio.pk).update(status=status)
    return Regio.objects.get(pk=regio.pk)


def stand(regio: Regio):
    rij = Regio.objects.values("status", "versie").get(pk=regio.pk)
    return rij["status"], rij["versie"], Gebeurtenis.objects.count(), len(mail.outbox)


def voer_uit(regio, overgang, door, capture):
    with capture(execute=True):
        return voer_overgang_uit(
            regio=regio,
            overgang=overgang,
            door=door,
            omschrijving=f"Test: {overgang}",
            reden="Omdat het moet.",
        )


@pytest.mark.parametrize("toegewezen", ["beoordelaar", "besluitvormer_die_beoordeelde"])
def test_every_transition_from_every_status_by_every_role(
    toegewezen, django_capture_on_commit_callbacks
):
    regio, mensen = wereld(toegewezen)
    fouten = []
    geslaagd = 0
    assert set(OVERGANGEN) == set(PAD)
    for naam, overgang in OVERGANGEN.items():
        van, naar = PAD[naam]
        for status in Regiostatus.values:
            for rol in ROLLEN:
                regio = zet_status(regio, status)
                voor = stand(regio)
                mag = status in van and rol in toegestaan(naam, toegewezen)
                wie = f"{naam} vanuit {status} door {rol}"
                try:
                    gebeurtenis = voer_uit(
                        regio, naam, mensen[rol], django_capture_on_commit_callbacks
                    )
                except (PermissionDenied, ValidationError) as fout:
                    if mag:
                        fouten.append(f"{wie}: geweigerd ({fout})")
                        continue
                    reden = fout.messages[0] if isinstance(fout, ValidationError) else str(fout)
                    if rol in toegestaan(naam, toegewezen):
                        verwacht, soort = statusreden(naam, status), ValidationError
                    else:
                        verwacht, soort = rolreden(naam, rol, toegewezen), PermissionDenied
                    if reden != verwacht or not isinstance(fout, soort):
                        fouten.append(
                            f"{wie}: {type(fout).__name__} {reden!r}, verwacht {verwacht!r}"
                        )
                    if stand(regio) != voor:
                        fouten.append(f"{wie}: geweigerd maar er is iets geschreven")
                    continue
                if not mag:
                    fouten.append(f"{wie}: toegestaan, verwacht geweigerd")
                    continue
                geslaagd += 1
                status_na, versie_na, events_na, _mails = stand(regio)
                if (status_na, versie_na, events_na) != (naar, voor[1] + 1, voor[2] + 1):
                    fouten.append(f"{wie}: {status_na}/{versie_na}/{events_na} na de stap")
                if (
                    gebeurtenis.actie != overgang.actie
                    or gebeurtenis.van_status != status
                    or gebeurtenis.naar_status != naar
                    or gebeurtenis.regio_id != regio.pk
                    or gebeurtenis.door_id != getattr(mensen[rol], "pk", None)
                ):
                    fouten.append(f"{wie}: gebeurtenis {gebeurtenis.actie} niet zoals verwacht")
    assert not fouten, "\n".join(fouten)
    # Every transition was taken by each of its roles from each of its statuses.
    assert geslaagd == sum(len(PAD[n][0]) * len(toegestaan(n, toegewezen)) for n in PAD)


@pytest.mark.parametrize("naam", [n for n, o in OVERGANGEN.items() if o.vereist_reden])
def test_a_transition_that_needs_a_reason_refuses_without_one_and_writes_nothing(
    naam, django_capture_on_commit_callbacks
):
    regio, mensen = wereld("beoordelaar")
    overgang = OVERGANGEN[naam]
    regio = zet_status(regio, next(iter(overgang.van)))
    door = mensen[sorted(toegestaan(naam, "beoordelaar"))[0]]
    voor = stand(regio)
    with pytest.raises(ValidationError) as fout, django_capture_on_commit_callbacks(execute=True):
        voer_overgang_uit(regio=regio, overgang=naam, door=door, omschrijving="x", reden="  ")
    assert fout.value.message_dict[overgang.reden_veld] == [str(overgang.vereist_reden)]
    assert stand(regio) == voor


def test_every_status_has_a_row_in_the_table_and_every_transition_stays_inside_it():
    assert set(TOESTANDEN) == set(Regiostatus.values)
    for overgang in OVERGANGEN.values():
        assert overgang.van <= set(Regiostatus.values), overgang.naam
        assert overgang.naar in Regiostatus.values, overgang.naam


def test_the_region_answers_from_the_table():
    regio = Regio(status=Regiostatus.INGEDIEND)
    assert regio.kan_heropenen and regio.is_bij_ministerie and regio.wacht_op_beoordelaar
    assert not regio.is_bewerkbaar and not regio.is_besloten and regio.neemt_aanmeldingen_aan
    regio.status = Regiostatus.AANVULLING_GEVRAAGD
    assert regio.is_bewerkbaar and regio.kan_indienen and not regio.kan_heropenen
    regio.status = Regiostatus.TOEGEKEND
    assert regio.is_besloten and not regio.neemt_aanmeldingen_aan and not regio.kan_heropenen


def test_the_reason_helper_names_the_first_failing_condition():
    d = leeg_dossier()
    lezer = d.lid(Rolsoort.PROJECTLEIDER)
    assert waarom_niet("regios.dossier_heropenen", d.programmamanager, d.regio) == (
        "Alleen een ingediend dossier dat nog niet in beoordeling is, kan worden heropend."
    )
    assert waarom_niet("regios.dossier_heropenen", lezer, d.regio) == ALLEEN_PM % "heropenen"
    regio = zet_status(d.regio, Regiostatus.INGEDIEND)
    assert waarom_niet("regios.dossier_heropenen", d.programmamanager, regio) is None
    # The usual django-rules check agrees.
    assert d.programmamanager.has_perm("regios.dossier_heropenen", regio)
    assert not lezer.has_perm("regios.dossier_heropenen", regio)
