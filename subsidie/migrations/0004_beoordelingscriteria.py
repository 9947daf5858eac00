from django.db import migrations

# The criteria are data per period: an administrator changes or adds them. These are the
# portal's starting set, in its own words.
CRITERIA = [
    (
        "partnerschap",
        "Kracht van het partnerschap",
        "Doen scholen en partners buiten school allemaal echt mee, met duidelijke rollen, een "
        "penvoerder die het kan dragen en een werkende governance?",
    ),
    (
        "kompas",
        "Onderbouwing met het interventiekompas",
        "Kiest de regio activiteiten die aansluiten bij wat bekend is over wat werkt, en legt "
        "ze uit waarom?",
    ),
    (
        "samenhang",
        "Samenhang van plan, activiteiten en begroting",
        "Passen de activiteiten bij de visie, en betaalt de begroting precies wat het plan nodig "
        "heeft?",
    ),
    (
        "borging",
        "Leervermogen en borging",
        "Meet de regio wat ze bereikt, stuurt ze bij en blijft de samenwerking bestaan na het "
        "tijdvak?",
    ),
    (
        "sto",
        "Afstemming met Sterk Techniekonderwijs",
        "Is helder hoe de regio en de STO-regio samenwerken en elkaar aanvullen?",
    ),
]


def maak_criteria(apps, schema_editor):
    Tijdvak = apps.get_model("regios", "Tijdvak")
    Criterium = apps.get_model("subsidie", "Beoordelingscriterium")
    for tijdvak in Tijdvak.objects.all():
        for volgorde, (code, naam, toelichting) in enumerate(CRITERIA, start=1):
            Criterium.objects.get_or_create(
                tijdvak=tijdvak,
                code=code,
                defaults={"naam": naam, "toelichting": toelichting, "volgorde": volgorde},
            )


class Migration(migrations.Migration):
    dependencies = [("subsidie", "0003_beoordeling"), ("regios", "0002_tijdvakken")]
    operations = [migrations.RunPython(maak_criteria, migrations.RunPython.noop)]
