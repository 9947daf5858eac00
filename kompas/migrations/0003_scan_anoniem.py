"""The scan promises anonymity: events of answering recorded before that promise was kept
named the respondent (``door``, and their name in the description on the timeline). Drop
the actor and rewrite the description, so past answers are as anonymous as new ones."""

from django.db import migrations

ACTIE = "scan.ingevuld"


def anonimiseer(apps, schema_editor):
    Gebeurtenis = apps.get_model("ecosysteem", "Gebeurtenis")
    Scanronde = apps.get_model("kompas", "Scanronde")
    namen = dict(Scanronde.objects.values_list("pk", "naam"))
    for gebeurtenis in Gebeurtenis.objects.filter(actie=ACTIE):
        naam = namen.get(int(gebeurtenis.onderwerp_id)) if gebeurtenis.onderwerp_id else None
        gebeurtenis.door = None
        gebeurtenis.gegevens = {"anoniem": True}
        gebeurtenis.omschrijving = (
            f"Scanronde {naam}: een antwoord ontvangen" if naam else "Scan: een antwoord ontvangen"
        )
        gebeurtenis.save(update_fields=["door", "gegevens", "omschrijving"])


class Migration(migrations.Migration):
    dependencies = [
        ("kompas", "0002_startinhoud"),
        ("ecosysteem", "0004_actievocabulaire"),
    ]

    operations = [migrations.RunPython(anonimiseer, migrations.RunPython.noop)]
