"""The intervention compass with its factsheets, a region's activity plan, and the
collaboration scan."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# --- the compass ----------------------------------------------------------------------


class Kompaspunt(models.Model):
    """A point of the intervention compass, with a factsheet of three parts: practice
    examples, insights from research, and tools and guides. Administrators maintain them."""

    naam = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("korte naam in de adresbalk"), max_length=80, unique=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    samenvatting = models.CharField(_("samenvatting"), max_length=300)
    beschrijving = models.TextField(
        _("beschrijving"), blank=True, help_text=_("Opmaak met HTML; wordt opgeschoond.")
    )
    gepubliceerd = models.BooleanField(_("gepubliceerd"), default=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("kompaspunt")
        verbose_name_plural = _("kompaspunten")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("kompas:kompaspunt", kwargs={"slug": self.slug})


class FactsheetOnderdeel(models.Model):
    kompaspunt = models.ForeignKey(
        Kompaspunt, verbose_name=_("kompaspunt"), on_delete=models.CASCADE, related_name="+"
    )
    titel = models.CharField(_("titel"), max_length=200)
    tekst = models.TextField(_("tekst"), help_text=_("Opmaak met HTML; wordt opgeschoond."))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        abstract = True
        ordering = ["volgorde", "titel"]

    def __str__(self) -> str:
        return self.titel


class Praktijkvoorbeeld(FactsheetOnderdeel):
    kompaspunt = models.ForeignKey(
        Kompaspunt,
        verbose_name=_("kompaspunt"),
        on_delete=models.CASCADE,
        related_name="praktijkvoorbeelden",
    )
    waar = models.CharField(_("regio of plaats"), max_length=120, blank=True)
    link = models.URLField(_("meer informatie"), blank=True)

    class Meta(FactsheetOnderdeel.Meta):
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")


class Onderzoeksinzicht(FactsheetOnderdeel):
    kompaspunt = models.ForeignKey(
        Kompaspunt,
        verbose_name=_("kompaspunt"),
        on_delete=models.CASCADE,
        related_name="onderzoeksinzichten",
    )
    bron = models.CharField(
        _("bron"),
        max_length=300,
        help_text=_(
            "De verwijzing: wie, wanneer, titel; bijvoorbeeld 'Verwey-Jonker Instituut (2019)'."
        ),
    )
    link = models.URLField(_("link naar de bron"), blank=True)

    class Meta(FactsheetOnderdeel.Meta):
        verbose_name = _("inzicht uit onderzoek")
        verbose_name_plural = _("inzichten uit onderzoek")


class Hulpmiddel(FactsheetOnderdeel):
    kompaspunt = models.ForeignKey(
        Kompaspunt,
        verbose_name=_("kompaspunt"),
        on_delete=models.CASCADE,
        related_name="hulpmiddelen",
    )
    link = models.URLField(_("link"))

    class Meta(FactsheetOnderdeel.Meta):
        verbose_name = _("tool of handvat")
        verbose_name_plural = _("tools en handvatten")


# --- the activity plan -----------------------------------------------------------------


class Interventieniveau(models.TextChoices):
    FINANCIEEL = "I", _("I – financiële middelen")
    MONITORING = "II", _("II – monitoring en benchmarking")
    PILOTS = "III", _("III – pilotgerichte interventies")
    KENNIS = "IV", _("IV – kennisprogramma")
    REGIONAAL = "V", _("V – regionale samenwerking")
    KETEN = "VI", _("VI – ketensamenwerking tussen schoolsoorten")
    NETWERK = "VII", _("VII – netwerkondersteuning")


class Doelgroep(models.TextChoices):
    PO = "po", _("primair onderwijs")
    SO = "so", _("speciaal onderwijs")
    VO = "vo", _("voortgezet onderwijs")
    BUITENSCHOOLS = "buitenschools", _("buitenschools")
    LERAREN = "leraren", _("leraren")


class Activiteit(models.Model):
    """An activity of a region's plan, mapped to the compass."""

    regio = models.ForeignKey(
        "regios.Regio",
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="activiteiten",
    )
    titel = models.CharField(_("titel"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"))
    kompaspunten = models.ManyToManyField(
        Kompaspunt, verbose_name=_("kompaspunten"), related_name="activiteiten"
    )
    interventieniveau = models.CharField(
        _("interventieniveau"), max_length=3, choices=Interventieniveau.choices
    )
    doelgroepen = models.JSONField(
        _("doelgroepen"), default=list, help_text=_("Codes: po, so, vo, buitenschools, leraren.")
    )
    partners = models.ManyToManyField(
        "partners.Organisatie",
        verbose_name=_("betrokken partners"),
        blank=True,
        related_name="activiteiten",
    )
    schooljaren = models.JSONField(
        _("schooljaren"), default=list, help_text=_("Beginjaren, bijvoorbeeld [2026, 2027].")
    )
    bereik_leerlingen = models.PositiveIntegerField(_("beoogd bereik: leerlingen"), default=0)
    bereik_vestigingen = models.PositiveIntegerField(_("beoogd bereik: vestigingen"), default=0)
    begrotingsregels = models.ManyToManyField(
        "subsidie.Begrotingsregel",
        verbose_name=_("begrotingsregels"),
        blank=True,
        related_name="activiteiten",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["regio", "titel"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "titel"],
                name="activiteit_titel_uniek_per_regio",
                violation_error_message=_("Deze regio heeft al een activiteit met deze titel."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def clean(self) -> None:
        onbekend = set(self.doelgroepen or []) - set(Doelgroep.values)
        if onbekend:
            raise ValidationError({"doelgroepen": _("Onbekende doelgroep.")})
        if not self.doelgroepen:
            raise ValidationError({"doelgroepen": _("Kies minstens één doelgroep.")})


# --- the collaboration scan ------------------------------------------------------------


class Scanronde(models.Model):
    """A round of the collaboration scan that a programme manager opens for the region."""

    regio = models.ForeignKey(
        "regios.Regio",
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="scanrondes",
    )
    naam = models.CharField(_("naam"), max_length=120)
    toelichting = models.TextField(_("toelichting voor de deelnemers"), blank=True)
    geopend_op = models.DateTimeField(_("geopend op"), auto_now_add=True)
    geopend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geopend door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gesloten_op = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("scanronde")
        verbose_name_plural = _("scanrondes")
        ordering = ["regio", "geopend_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "naam"],
                name="scanronde_naam_uniek_per_regio",
                violation_error_message=_("Deze regio heeft al een scanronde met deze naam."),
            ),
            models.UniqueConstraint(
                fields=["regio"],
                condition=Q(gesloten_op__isnull=True),
                name="een_open_scanronde_per_regio",
                violation_error_message=_("Er staat al een scanronde open; sluit die eerst."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.regio}: {self.naam}"

    @property
    def is_open(self) -> bool:
        return self.gesloten_op is None


class Scaninzending(models.Model):
    """One person's answers in a scan round. The person is kept only to prevent answering
    twice; results never show who answered what."""

    ronde = models.ForeignKey(
        Scanronde,
        verbose_name=_("scanronde"),
        on_delete=models.CASCADE,
        related_name="inzendingen",
    )
    persoon = models.ForeignKey(
        "partners.Persoon",
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The kind of partner the person answers for, copied at the time of answering, so the
    # spread between kinds of partners stays as it was.
    organisatiesoort = models.CharField(_("soort organisatie"), max_length=20, blank=True)
    ingediend_op = models.DateTimeField(_("ingediend op"), auto_now_add=True)

    class Meta:
        verbose_name = _("scaninzending")
        verbose_name_plural = _("scaninzendingen")
        constraints = [
            models.UniqueConstraint(
                fields=["ronde", "persoon"],
                name="scan_eenmaal_per_persoon",
                violation_error_message=_("U hebt deze scanronde al ingevuld."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ronde} #{self.pk}"


class Scanscore(models.Model):
    """The score on one question (a Common Eye condition or a success factor)."""

    inzending = models.ForeignKey(
        Scaninzending,
        verbose_name=_("inzending"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    vraag = models.CharField(_("vraag"), max_length=40)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("scanscore")
        verbose_name_plural = _("scanscores")
        constraints = [
            models.UniqueConstraint(fields=["inzending", "vraag"], name="scanscore_eenmaal"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="scanscore_schaal_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vraag}: {self.score}"
