import datetime

from django.db import migrations

TIJDVAKKEN = [
    # code, naam, eerste schooljaar, aantal schooljaren
    ("tijdvak-1", "Tijdvak 1 (2025/26 – 2027/28)", 2025, 3),
    ("tijdvak-2", "Tijdvak 2 (2026/27 – 2027/28)", 2026, 2),
]


def maak_tijdvakken(apps, schema_editor):
    Tijdvak = apps.get_model("regios", "Tijdvak")
    for code, naam, eerste, aantal in TIJDVAKKEN:
        Tijdvak.objects.get_or_create(
            code=code,
            defaults={
                "naam": naam,
                "eerste_schooljaar": eerste,
                "aantal_schooljaren": aantal,
                "startdatum": datetime.date(eerste, 8, 1),
                "einddatum": datetime.date(eerste + aantal, 7, 31),
                "aanvragen_open": code == "tijdvak-2",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("regios", "0001_initial")]
    operations = [migrations.RunPython(maak_tijdvakken, migrations.RunPython.noop)]
