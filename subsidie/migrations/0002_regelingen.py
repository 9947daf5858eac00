from decimal import Decimal

from django.db import migrations

TOELICHTING = (
    "De openbare bronnen noemen geen percentage voor de cofinanciering. Het portaal begint met "
    "10% van de maximale subsidie, zoals de verwante regeling Sterk Techniekonderwijs vraagt; "
    "de beheerder stelt het juiste percentage vast."
)
PEILDATUM = (
    "De regeling noemt geen peildatum voor leerlingaantallen; het portaal telt met het "
    "scholenregister (DUO, leerlingen 2023/2024) tot de beheerder een peildatum vastlegt."
)


def maak_regelingen(apps, schema_editor):
    Tijdvak = apps.get_model("regios", "Tijdvak")
    Regeling = apps.get_model("subsidie", "Regeling")
    for tijdvak in Tijdvak.objects.filter(code__in=["tijdvak-1", "tijdvak-2"]):
        Regeling.objects.get_or_create(
            tijdvak=tijdvak,
            defaults={
                "bedrag_per_vestiging": Decimal("8500.00"),
                "bedrag_per_leerling": Decimal("45.00"),
                "minimum_po_vestigingen": 20,
                "minimum_vo_vestigingen": 3,
                "cofinanciering_percentage": Decimal("10.00"),
                "cofinanciering_grondslag": "subsidie",
                "cofinanciering_toelichting": TOELICHTING,
                "tellende_schoolsoorten": ["bao", "sbo", "so", "vso", "so_vso", "vo"],
                "tellende_leerwegen": ["MAVO", "HAVO", "VWO", "BRUGJAAR"],
                "peildatum_toelichting": PEILDATUM,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("subsidie", "0001_initial"), ("regios", "0002_tijdvakken")]
    operations = [migrations.RunPython(maak_regelingen, migrations.RunPython.noop)]
