"""Carry the ``Melding`` rows (e-mails sent about review steps) into the e-mail outbox as
sent rows; the next migration drops ``Melding``."""

from django.db import migrations
from django.db.models import F

ONDERWERP = "(verstuurd vóór de outbox; onderwerp niet bewaard)"


def naar_outbox(apps, schema_editor):
    Melding = apps.get_model("subsidie", "Melding")
    UitgaandeEmail = apps.get_model("ecosysteem", "UitgaandeEmail")
    UitgaandeEmail.objects.bulk_create(
        (
            UitgaandeEmail(
                stap=f"gebeurtenis:{melding.gebeurtenis_id}",
                gebeurtenis_id=melding.gebeurtenis_id,
                ontvanger=melding.ontvanger,
                soort=f"melding_{melding.soort}",
                onderwerp=ONDERWERP,
                tekst="",
                verstuurd_op=melding.verstuurd_op,
                pogingen=1,
                laatste_poging_op=melding.verstuurd_op,
            )
            for melding in Melding.objects.order_by("pk").iterator()
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )
    UitgaandeEmail.objects.filter(onderwerp=ONDERWERP).update(aangemaakt_op=F("verstuurd_op"))


def terug(apps, schema_editor):
    Melding = apps.get_model("subsidie", "Melding")
    UitgaandeEmail = apps.get_model("ecosysteem", "UitgaandeEmail")
    Melding.objects.bulk_create(
        (
            Melding(
                gebeurtenis_id=rij.gebeurtenis_id,
                ontvanger=rij.ontvanger,
                soort=rij.soort.removeprefix("melding_"),
                verstuurd_op=rij.verstuurd_op,
            )
            for rij in UitgaandeEmail.objects.filter(
                soort__startswith="melding_",
                gebeurtenis__isnull=False,
                verstuurd_op__isnull=False,
            ).iterator()
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ecosysteem", "0006_uitgaande_email"),
        ("subsidie", "0005_meldingen"),
    ]

    operations = [migrations.RunPython(naar_outbox, terug)]
