"""Carry the agreement reminders sent so far (their audit events name the recipients) into
the e-mail outbox as sent rows, so the outbox holds every e-mail the portal sent."""

from django.db import migrations
from django.db.models import F

ONDERWERP = "(verstuurd vóór de outbox; onderwerp niet bewaard)"


def naar_outbox(apps, schema_editor):
    Gebeurtenis = apps.get_model("ecosysteem", "Gebeurtenis")
    UitgaandeEmail = apps.get_model("ecosysteem", "UitgaandeEmail")
    rijen = []
    for gebeurtenis in Gebeurtenis.objects.filter(actie="convenant.herinnering_verstuurd"):
        ontvangers = (gebeurtenis.gegevens or {}).get("ontvangers") or []
        rijen += [
            UitgaandeEmail(
                stap=f"gebeurtenis:{gebeurtenis.pk}",
                gebeurtenis=gebeurtenis,
                ontvanger=adres,
                soort="convenant_herinnering",
                onderwerp=ONDERWERP,
                tekst="",
                verstuurd_op=gebeurtenis.tijdstip,
                pogingen=1,
                laatste_poging_op=gebeurtenis.tijdstip,
            )
            for adres in ontvangers
            if isinstance(adres, str) and adres.strip()
        ]
    UitgaandeEmail.objects.bulk_create(rijen, ignore_conflicts=True)
    UitgaandeEmail.objects.filter(onderwerp=ONDERWERP).update(aangemaakt_op=F("verstuurd_op"))


class Migration(migrations.Migration):
    dependencies = [
        ("ecosysteem", "0006_uitgaande_email"),
        ("regios", "0004_convenant"),
    ]

    operations = [migrations.RunPython(naar_outbox, migrations.RunPython.noop)]
