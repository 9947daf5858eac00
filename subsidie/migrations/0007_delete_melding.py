from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("subsidie", "0006_meldingen_naar_outbox"),
    ]

    operations = [
        migrations.DeleteModel(name="Melding"),
    ]
