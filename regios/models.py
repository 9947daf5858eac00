"""Periods, regions, who takes part in them, and how they are governed."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecosysteem import opmaak
from ecosysteem.documenten import prive_opslag

from .levenscyclus import OVERGANGEN, Regiostatus, Toestand, toestand


class Tijdvak(models.Model):
    """A subsidy period (tijdvak) covering one or more school years."""

    naam = models.CharField(_("naam"), max_length=80, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    eerste_schooljaar = models.PositiveSmallIntegerField(
        _("eerste schooljaar"), help_text=_("Het beginjaar, bijvoorbeeld 2025 voor 2025/26.")
    )
    aantal_schooljaren = models.PositiveSmallIntegerField(_("aantal schooljaren"))
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"))
    aanvragen_open = models.BooleanField(_("aanvragen mogelijk"), default=False)

    class Meta:
        verbose_name = _("tijdvak")
        verbose_name_plural = _("tijdvakken")
        ordering = ["startdatum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__gt=models.F("startdatum")),
                name="tijdvak_einde_na_start",
                violation_error_message=_("De einddatum moet na de startdatum liggen."),
            ),
            models.CheckConstraint(
                condition=Q(aantal_schooljaren__gte=1, aantal_schooljaren__lte=6),
                name="tijdvak_aantal_schooljaren",
                violation_error_message=_("Een tijdvak beslaat 1 tot 6 schooljaren."),
            ),
            models.CheckConstraint(
                condition=Q(eerste_schooljaar__gte=2000, eerste_schooljaar__lte=2100),
                name="tijdvak_eerste_schooljaar",
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def stap(self, vandaag: datetime.date | None = None) -> tuple[str, str, datetime.date]:
        """Where the period stands on ``vandaag`` (today in the Dutch time zone): the step's
        code, its name, and the date that comes next (the start, or the end)."""
        vandaag = vandaag or timezone.localdate()
        if vandaag < self.startdatum:
            if self.aanvragen_open:
                return "aanvragen", _("Aanvragen: de uitvoering begint op"), self.startdatum
            return "voorbereiding", _("Voorbereiding: de uitvoering begint op"), self.startdatum
        if vandaag <= self.einddatum:
            if self.aanvragen_open:
                return (
                    "aanvragen",
                    _("Aanvragen en uitvoering: het tijdvak loopt tot en met"),
                    (self.einddatum),
                )
            return "uitvoering", _("Uitvoering: het tijdvak loopt tot en met"), self.einddatum
        return "afgelopen", _("Afgelopen: het tijdvak eindigde op"), self.einddatum

    @property
    def huidige_stap(self) -> tuple[str, str, datetime.date]:
        return self.stap()

    @property
    def schooljaren(self) -> list[str]:
        """The school years as ``2025/26``, ``2026/27``, ..."""
        return [
            f"{jaar}/{(jaar + 1) % 100:02d}"
            for jaar in range(
                self.eerste_schooljaar, self.eerste_schooljaar + self.aantal_schooljaren
            )
        ]


class StoRelatie(models.TextChoices):
    GEDEELD = "gedeeld", _("zelfde gebied, gedeelde governance en programmaorganisatie")
    GEDEELDE_STUURGROEP = (
        "gedeelde_stuurgroep",
        _("zelfde gebied, gedeelde stuurgroep, eigen programmaorganisaties"),
    )
    GESCHEIDEN = "gescheiden", _("(deels) zelfde gebied, maar eigen governance en organisatie")
    ANDER_GEBIED = "ander_gebied", _("ander gebied dan de STO-regio")


class Regio(models.Model):
    """A regional learning ecosystem applying for one period."""

    naam = models.CharField(_("naam"), max_length=160)
    slug = models.SlugField(_("korte naam in de adresbalk"), max_length=80, unique=True)
    tijdvak = models.ForeignKey(
        Tijdvak, verbose_name=_("tijdvak"), on_delete=models.PROTECT, related_name="regios"
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Regiostatus.choices, default=Regiostatus.CONCEPT
    )
    sto_relatie = models.CharField(
        _("relatie met de STO-regio"), max_length=24, choices=StoRelatie.choices, blank=True
    )
    sto_regio_naam = models.CharField(_("naam van de STO-regio"), max_length=160, blank=True)
    sto_toelichting = models.TextField(_("toelichting op de afstemming met STO"), blank=True)
    provincies = models.ManyToManyField(
        "partners.Provincie", verbose_name=_("provincies"), blank=True, related_name="regios"
    )
    gemeenten = models.ManyToManyField(
        "partners.Gemeente", verbose_name=_("gemeenten"), blank=True, related_name="regios"
    )
    visie = models.TextField(_("visie"), blank=True)
    # Raised by every change of the dossier: a form that was opened on an older version is
    # refused instead of silently overwriting someone else's work.
    versie = models.PositiveIntegerField(_("versie van het dossier"), default=1, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["tijdvak", "naam"],
                name="regio_naam_uniek_per_tijdvak",
                violation_error_message=_("Er is in dit tijdvak al een regio met deze naam."),
            ),
            models.CheckConstraint(
                condition=~Q(sto_relatie="") | Q(sto_regio_naam=""),
                name="regio_sto_naam_vraagt_relatie",
                violation_error_message=_("Kies ook hoe de regio zich tot de STO-regio verhoudt."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("regios:detail", kwargs={"slug": self.slug})

    # What the status means, from the lifecycle table (regios.levenscyclus). Templates
    # and code ask these instead of comparing status strings.
    @property
    def toestand(self) -> Toestand:
        return toestand(self.status)

    @property
    def is_bewerkbaar(self) -> bool:
        return self.toestand.bewerkbaar

    @property
    def is_bij_ministerie(self) -> bool:
        return self.toestand.bij_ministerie

    @property
    def wacht_op_beoordelaar(self) -> bool:
        return self.toestand.wacht_op_beoordelaar

    @property
    def wordt_beoordeeld(self) -> bool:
        return self.toestand.wordt_beoordeeld

    @property
    def wacht_op_aanvulling(self) -> bool:
        return self.toestand.wacht_op_aanvulling

    @property
    def is_toewijsbaar(self) -> bool:
        return self.toestand.toewijsbaar

    @property
    def is_besloten(self) -> bool:
        return self.toestand.besloten

    @property
    def neemt_aanmeldingen_aan(self) -> bool:
        """Whether new partners may still register through the public form: until the
        ministry decided on the dossier. After the decision an approval could never be
        taken in, so the form would leave the applicant waiting for nothing."""
        return self.toestand.neemt_aanmeldingen_aan

    @property
    def kan_indienen(self) -> bool:
        """The status allows submitting (whether all rules pass is the dossier's check)."""
        return any(
            self.status in OVERGANGEN[naam].van for naam in ("indienen", "aanvulling_indienen")
        )

    @property
    def kan_heropenen(self) -> bool:
        """The status allows reopening (who may is ``regios.dossier_heropenen``)."""
        return self.status in OVERGANGEN["heropenen"].van


class Deelnamestatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("aangemeld")
    ACTIEF = "actief", _("actief")
    BEEINDIGD = "beeindigd", _("beëindigd")
    AFGEWEZEN = "afgewezen", _("afgewezen")


LOPENDE_DEELNAME = Q(status__in=[Deelnamestatus.AANGEMELD, Deelnamestatus.ACTIEF])


class Deelname(models.Model):
    """An organisation or a school branch taking part in a region."""

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="deelnames"
    )
    # Copied from the region on save, so the database can hold a branch to one region per
    # period.
    tijdvak = models.ForeignKey(
        Tijdvak,
        verbose_name=_("tijdvak"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    organisatie = models.ForeignKey(
        "partners.Organisatie",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deelnames",
    )
    vestiging = models.ForeignKey(
        "partners.Vestiging",
        verbose_name=_("schoolvestiging"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deelnames",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Deelnamestatus.choices, default=Deelnamestatus.ACTIEF
    )
    is_penvoerder = models.BooleanField(_("penvoerder"), default=False)
    startdatum = models.DateField(_("deelname vanaf"), null=True, blank=True)
    einddatum = models.DateField(_("deelname tot"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    opgegeven_leerlingen = models.PositiveIntegerField(
        _("tellende leerlingen (opgave regio)"),
        null=True,
        blank=True,
        help_text=_(
            "Alleen als het register ook leerlingen telt van leerwegen die niet meetellen, "
            "of geen aantal geeft. Nooit meer dan het register."
        ),
    )
    leerlingen_toelichting = models.CharField(
        _("toelichting op het leerlingaantal"), max_length=300, blank=True
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["regio", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisatie__isnull=False, vestiging__isnull=True)
                | Q(organisatie__isnull=True, vestiging__isnull=False),
                name="deelname_organisatie_of_vestiging",
                violation_error_message=_(
                    "Een deelname gaat over een organisatie of over een schoolvestiging."
                ),
            ),
            models.UniqueConstraint(
                fields=["vestiging", "tijdvak"],
                condition=Q(vestiging__isnull=False) & LOPENDE_DEELNAME,
                name="vestiging_een_regio_per_tijdvak",
                violation_error_message=_(
                    "Deze vestiging doet in dit tijdvak al mee in een regio."
                ),
            ),
            models.UniqueConstraint(
                fields=["organisatie", "regio"],
                condition=Q(organisatie__isnull=False) & LOPENDE_DEELNAME,
                name="organisatie_eenmaal_per_regio",
                violation_error_message=_("Deze organisatie doet al mee in deze regio."),
            ),
            models.UniqueConstraint(
                fields=["regio"],
                condition=Q(is_penvoerder=True),
                name="een_penvoerder_per_regio",
                violation_error_message=_("Een regio heeft precies één penvoerder."),
            ),
            models.CheckConstraint(
                condition=Q(is_penvoerder=False) | Q(organisatie__isnull=False),
                name="penvoerder_is_organisatie",
                violation_error_message=_("De penvoerder is een organisatie."),
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True)
                | Q(startdatum__isnull=True)
                | Q(einddatum__gte=models.F("startdatum")),
                name="deelname_einde_na_start",
                violation_error_message=_("De einddatum mag niet voor de startdatum liggen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deelnemer} in {self.regio}"

    def save(self, *args, **kwargs) -> None:
        self.tijdvak_id = self.regio.tijdvak_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.is_penvoerder and self.organisatie_id is None:
            raise ValidationError({"is_penvoerder": _("De penvoerder is een organisatie.")})

    @property
    def deelnemer(self):
        return self.vestiging or self.organisatie


class Orgaansoort(models.TextChoices):
    STUURGROEP = "stuurgroep", _("stuurgroep")
    ADVIESRAAD = "adviesraad", _("adviesraad")
    IMPLEMENTATIEGROEP = "implementatiegroep", _("implementatiegroep")
    PROJECTGROEP = "projectgroep", _("projectgroep")
    WERKGROEP = "werkgroep", _("werkgroep")
    KERNGROEP = "kerngroep", _("kerngroep")


class Bestuursorgaan(models.Model):
    """A governance body of a region: steering group, advisory board, working group..."""

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="organen"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Orgaansoort.choices)
    naam = models.CharField(_("naam"), max_length=160)
    taak = models.TextField(_("taak en mandaat"), blank=True)

    class Meta:
        verbose_name = _("bestuursorgaan")
        verbose_name_plural = _("bestuursorganen")
        ordering = ["regio", "soort", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "naam"],
                name="orgaan_naam_uniek_per_regio",
                violation_error_message=_("Deze regio heeft al een orgaan met deze naam."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.regio})"


class Rolsoort(models.TextChoices):
    PROGRAMMAMANAGER = "programmamanager", _("programmamanager")
    PROJECTLEIDER = "projectleider", _("projectleider")
    STUURGROEPLID = "stuurgroeplid", _("stuurgroeplid")
    ADVIESRAADLID = "adviesraadlid", _("lid adviesraad")
    WERKGROEPLID = "werkgroeplid", _("lid werkgroep")
    KERNGROEPLID = "kerngroeplid", _("lid kerngroep")
    CONTACTPERSOON = "contactpersoon", _("contactpersoon van een partner")
    ONDERTEKENAAR = "ondertekenaar", _("tekenbevoegde van de penvoerder")


class Rol(models.Model):
    """A person's role in a region, optionally in one of its governance bodies."""

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="rollen"
    )
    persoon = models.ForeignKey(
        "partners.Persoon",
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="rollen",
    )
    soort = models.CharField(_("rol"), max_length=20, choices=Rolsoort.choices)
    orgaan = models.ForeignKey(
        Bestuursorgaan,
        verbose_name=_("orgaan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="leden",
    )
    namens = models.ForeignKey(
        "partners.Organisatie",
        verbose_name=_("namens organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    startdatum = models.DateField(_("vanaf"), null=True, blank=True)
    einddatum = models.DateField(_("tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        ordering = ["regio", "soort", "persoon__achternaam"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "persoon", "soort"],
                condition=Q(orgaan__isnull=True),
                name="rol_uniek_zonder_orgaan",
                violation_error_message=_("Deze persoon heeft deze rol al in deze regio."),
            ),
            models.UniqueConstraint(
                fields=["regio", "persoon", "soort", "orgaan"],
                condition=Q(orgaan__isnull=False),
                name="rol_uniek_in_orgaan",
                violation_error_message=_("Deze persoon heeft deze rol al in dit orgaan."),
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True)
                | Q(startdatum__isnull=True)
                | Q(einddatum__gte=models.F("startdatum")),
                name="rol_einde_na_start",
                violation_error_message=_("De einddatum mag niet voor de startdatum liggen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.persoon} – {self.get_soort_display()} ({self.regio})"

    def clean(self) -> None:
        if self.orgaan_id and self.orgaan.regio_id != self.regio_id:
            raise ValidationError({"orgaan": _("Dit orgaan hoort bij een andere regio.")})


class Convenantstatus(models.TextChoices):
    """Where an agreement stands on a given day."""

    LOPEND = "lopend", _("loopt")
    KOMEND = "komend", _("gaat nog in")
    VERLOPEN = "verlopen", _("verlopen")


class Convenant(models.Model):
    """The region's collaboration agreement. Partners sign it again every two years; the
    programme manager is reminded before it expires."""

    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="convenanten"
    )
    titel = models.CharField(_("titel"), max_length=200)
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(
        _("einddatum"), help_text=_("Meestal twee jaar na de ingangsdatum.")
    )
    # Private: served only by the permission-checked, audited download view.
    document = models.FileField(
        _("document"), upload_to="convenanten/", storage=prive_opslag, blank=True
    )
    herinnering_verstuurd_op = models.DateTimeField(
        _("herinnering verstuurd op"), null=True, blank=True, editable=False
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("convenant")
        verbose_name_plural = _("convenanten")
        ordering = ["regio", "-ingangsdatum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__gt=models.F("ingangsdatum")),
                name="convenant_einde_na_ingang",
                violation_error_message=_("De einddatum moet na de ingangsdatum liggen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.regio})"

    @property
    def korte_titel(self) -> str:
        """The title for a sentence that already says "convenant": "Convenant Noord 2026"
        gives "Noord 2026" (see :func:`ecosysteem.opmaak.zonder_voorvoegsel`)."""
        return opmaak.zonder_voorvoegsel(self.titel, "convenant")

    def status_op(self, dag: datetime.date) -> Convenantstatus:
        """Whether the agreement runs on ``dag``, is yet to start or has ended."""
        if self.einddatum < dag:
            return Convenantstatus.VERLOPEN
        if self.ingangsdatum > dag:
            return Convenantstatus.KOMEND
        return Convenantstatus.LOPEND


class Ondertekening(models.Model):
    convenant = models.ForeignKey(
        Convenant,
        verbose_name=_("convenant"),
        on_delete=models.CASCADE,
        related_name="ondertekeningen",
    )
    organisatie = models.ForeignKey(
        "partners.Organisatie",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="ondertekeningen",
    )
    ondertekenaar = models.CharField(_("ondertekend door"), max_length=160)
    functie = models.CharField(_("functie"), max_length=120, blank=True)
    datum = models.DateField(_("datum van ondertekening"))

    class Meta:
        verbose_name = _("ondertekening")
        verbose_name_plural = _("ondertekeningen")
        ordering = ["convenant", "datum", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["convenant", "organisatie"],
                name="ondertekening_eenmaal_per_partner",
                violation_error_message=_("Deze partner heeft dit convenant al ondertekend."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} – {opmaak.datum(self.datum)}"
