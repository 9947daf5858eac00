"""The data migrations that carry the e-mails sent before the outbox (``subsidie.Melding``,
``Aanmelding.verstuurde_mails``, the agreement reminders) into it as sent rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from ecosysteem.models import Actie, Gebeurtenis, UitgaandeEmail
from partners.models import Aanmelding
from tests.dossiers import leeg_dossier
from tests.partners.test_aanmelding import aanmelden

VOOR_DE_OUTBOX = [
    ("ecosysteem", "0006_uitgaande_email"),
    ("partners", "0005_aanmelding_uren"),
    ("regios", "0004_convenant"),
    ("subsidie", "0005_meldingen"),
]


def migreer(doelen):
    executor = MigrationExecutor(connection)
    executor.migrate(doelen)
    return executor.loader.project_state(doelen).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_emails_sent_before_the_outbox_are_carried_into_it_as_sent_rows():
    d = leeg_dossier()
    pm_adres = d.programmamanager.persoon.email
    aanmelden(Client(), d.regio)
    aanmelding = Aanmelding.objects.get()
    ingediend = Gebeurtenis.objects.get(actie=Actie.AANMELDING_INGEDIEND)
    herinnering = Gebeurtenis.objects.create(
        actie=Actie.CONVENANT_HERINNERING,
        omschrijving="Herinnering verstuurd",
        regio=d.regio,
        gegevens={"ontvangers": [pm_adres]},
    )
    nu = timezone.now()
    eindpunten = MigrationExecutor(connection).loader.graph.leaf_nodes()

    try:
        oud = migreer(VOOR_DE_OUTBOX)
        oud.get_model("ecosysteem", "UitgaandeEmail").objects.all().delete()
        oud.get_model("partners", "Aanmelding").objects.filter(pk=aanmelding.pk).update(
            verstuurde_mails={"bevestigen": nu.isoformat(), "programmamanager": nu.isoformat()}
        )
        oud.get_model("subsidie", "Melding").objects.create(
            gebeurtenis_id=ingediend.pk,
            ontvanger="beoordelaar@voorbeeld.nl",
            soort="dossier_nieuw",
            verstuurd_op=nu,
        )
    finally:
        migreer(eindpunten)

    rijen = {
        (r.soort, r.ontvanger): r for r in UitgaandeEmail.objects.select_related("gebeurtenis")
    }
    assert set(rijen) == {
        ("aanmelding_bevestigen", "fatima@robotica-noord.example"),
        ("aanmelding_te_beoordelen", pm_adres),
        ("melding_dossier_nieuw", "beoordelaar@voorbeeld.nl"),
        ("convenant_herinnering", pm_adres),
    }
    assert all(r.verstuurd_op is not None for r in rijen.values())
    # The registration's confirmation belongs to its audit event, so a step is mailed once.
    bevestiging = rijen[("aanmelding_bevestigen", "fatima@robotica-noord.example")]
    assert bevestiging.gebeurtenis == ingediend
    assert bevestiging.stap == f"gebeurtenis:{ingediend.pk}"
    assert bevestiging.aangemaakt_op == bevestiging.verstuurd_op
    assert rijen[("convenant_herinnering", pm_adres)].gebeurtenis == herinnering
