from django.db import migrations

GROEPEN = ["Beoordelaars", "Besluitvormers", "Beheerders"]


def maak_groepen(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for naam in GROEPEN:
        Group.objects.get_or_create(name=naam)


class Migration(migrations.Migration):
    dependencies = [
        ("ecosysteem", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(maak_groepen, migrations.RunPython.noop)]
