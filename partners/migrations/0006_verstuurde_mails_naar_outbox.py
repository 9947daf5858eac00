"""Carry the marks of ``Aanmelding.verstuurde_mails`` into the e-mail outbox as sent rows,
so the outbox holds the whole history; the next migration drops the field."""

import datetime

from django.db import migrations
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

# The old mark -> (the audit action of the step, the e-mail's template).
SOORTEN = {
    "bevestigen": ("aanmelding.ingediend", "aanmelding_bevestigen"),
    "programmamanager": ("aanmelding.bevestigd", "aanmelding_te_beoordelen"),
    "goedgekeurd": ("aanmelding.goedgekeurd", "aanmelding_goedgekeurd"),
    "afgewezen": ("aanmelding.afgewezen", "aanmelding_afgewezen"),
}
ONDERWERP = "(verstuurd vóór de outbox; onderwerp niet bewaard)"


def programmamanagers(Rol, regio_id, dag):
    return sorted(
        set(
            Rol.objects.filter(regio_id=regio_id, soort="programmamanager")
            .filter(
                Q(startdatum__isnull=True) | Q(startdatum__lte=dag),
                Q(einddatum__isnull=True) | Q(einddatum__gte=dag),
            )
            .exclude(persoon__email="")
            .values_list("persoon__email", flat=True)
        )
    )


def naar_outbox(apps, schema_editor):
    Aanmelding = apps.get_model("partners", "Aanmelding")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Gebeurtenis = apps.get_model("ecosysteem", "Gebeurtenis")
    UitgaandeEmail = apps.get_model("ecosysteem", "UitgaandeEmail")
    Rol = apps.get_model("regios", "Rol")
    soort_aanmelding = ContentType.objects.filter(app_label="partners", model="aanmelding").first()
    rijen = []
    for aanmelding in Aanmelding.objects.exclude(verstuurde_mails={}).iterator():
        for merk, tijd in (aanmelding.verstuurde_mails or {}).items():
            actie, sjabloon = SOORTEN.get(merk, ("", merk))
            gebeurtenis = None
            if soort_aanmelding is not None and actie:
                gebeurtenis = (
                    Gebeurtenis.objects.filter(
                        onderwerp_type=soort_aanmelding,
                        onderwerp_id=str(aanmelding.pk),
                        actie=actie,
                    )
                    .order_by("pk")
                    .first()
                )
            stap = (
                f"gebeurtenis:{gebeurtenis.pk}"
                if gebeurtenis is not None
                else f"aanmelding:{aanmelding.pk}:{merk}"
            )
            verstuurd = parse_datetime(str(tijd)) or aanmelding.aangemaakt_op
            if timezone.is_naive(verstuurd):
                verstuurd = timezone.make_aware(verstuurd, datetime.UTC)
            if merk == "programmamanager":
                # The old mark kept no addresses: those in office that day received it.
                adressen = programmamanagers(
                    Rol, aanmelding.regio_id, timezone.localdate(verstuurd)
                )
            else:
                adressen = [aanmelding.email]
            rijen += [
                UitgaandeEmail(
                    stap=stap,
                    gebeurtenis=gebeurtenis,
                    ontvanger=adres,
                    soort=sjabloon,
                    onderwerp=ONDERWERP,
                    tekst="",
                    verstuurd_op=verstuurd,
                    pogingen=1,
                    laatste_poging_op=verstuurd,
                )
                for adres in adressen
                if adres
            ]
    UitgaandeEmail.objects.bulk_create(rijen, ignore_conflicts=True)
    # ``aangemaakt_op`` is set on insert; the rows were written when they were sent.
    UitgaandeEmail.objects.filter(onderwerp=ONDERWERP).update(aangemaakt_op=F("verstuurd_op"))


def terug(apps, schema_editor):
    Aanmelding = apps.get_model("partners", "Aanmelding")
    UitgaandeEmail = apps.get_model("ecosysteem", "UitgaandeEmail")
    merken = {sjabloon: merk for merk, (_actie, sjabloon) in SOORTEN.items()}
    for rij in UitgaandeEmail.objects.filter(
        soort__in=merken, verstuurd_op__isnull=False, gebeurtenis__isnull=False
    ).select_related("gebeurtenis"):
        aanmelding = Aanmelding.objects.filter(pk=rij.gebeurtenis.onderwerp_id or None).first()
        if aanmelding is None:
            continue
        aanmelding.verstuurde_mails = {
            **aanmelding.verstuurde_mails,
            merken[rij.soort]: rij.verstuurd_op.isoformat(),
        }
        aanmelding.save(update_fields=["verstuurde_mails"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("ecosysteem", "0006_uitgaande_email"),
        ("partners", "0005_aanmelding_uren"),
        ("regios", "0004_convenant"),
    ]

    operations = [migrations.RunPython(naar_outbox, terug)]
