from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0006_verstuurde_mails_naar_outbox"),
    ]

    operations = [
        migrations.RemoveField(model_name="aanmelding", name="verstuurde_mails"),
    ]
