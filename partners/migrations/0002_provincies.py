from django.db import migrations

PROVINCIES = [
    "Drenthe",
    "Flevoland",
    "Friesland",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
]


def maak_provincies(apps, schema_editor):
    Provincie = apps.get_model("partners", "Provincie")
    for naam in PROVINCIES:
        Provincie.objects.get_or_create(naam=naam)


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(maak_provincies, migrations.RunPython.noop)]
