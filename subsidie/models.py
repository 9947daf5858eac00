"""The regulation's parameters, co-financing pledges, the budget plan, and submissions."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecosysteem.documenten import prive_opslag
from ecosysteem.opmaak import schooljaar_label
from partners.models import Cofinancieringsoort, Schoolsoort

from .berekening import Parameters

STANDAARD_SCHOOLSOORTEN = ["bao", "sbo", "so", "vso", "so_vso", "vo"]
STANDAARD_LEERWEGEN = ["MAVO", "HAVO", "VWO", "BRUGJAAR"]


class Grondslag(models.TextChoices):
    SUBSIDIE = "subsidie", _("percentage van de maximale subsidie")
    BEGROTING = "begroting", _("percentage van de totale begroting")


class Regeling(models.Model):
    """The regulation's numbers for one period. Administrators maintain them; no code or
    template holds these amounts."""

    tijdvak = models.OneToOneField(
        "regios.Tijdvak",
        verbose_name=_("tijdvak"),
        on_delete=models.PROTECT,
        related_name="regeling",
    )
    bedrag_per_vestiging = models.DecimalField(
        _("bedrag per vestiging"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    bedrag_per_leerling = models.DecimalField(
        _("bedrag per leerling"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    minimum_po_vestigingen = models.PositiveSmallIntegerField(_("minimum aantal po-vestigingen"))
    minimum_vo_vestigingen = models.PositiveSmallIntegerField(_("minimum aantal vo-vestigingen"))
    cofinanciering_percentage = models.DecimalField(
        _("vereiste cofinanciering (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    cofinanciering_grondslag = models.CharField(
        _("grondslag van de cofinanciering"),
        max_length=12,
        choices=Grondslag.choices,
        default=Grondslag.SUBSIDIE,
    )
    cofinanciering_toelichting = models.TextField(
        _("toelichting op de cofinanciering"),
        blank=True,
        help_text=_(
            "Notitie voor beheerders, bijvoorbeeld waar het percentage vandaan komt. Alleen "
            "beheerders zien haar bij de cofinancieringseis; regio's niet."
        ),
    )
    tellende_schoolsoorten = models.JSONField(
        _("schoolsoorten die meetellen"),
        default=list,
        help_text=_("Codes: bao, sbo, so, vso, so_vso, vo."),
    )
    tellende_leerwegen = models.JSONField(
        _("vo-leerwegen die meetellen"),
        default=list,
        help_text=_("Zoals het register ze noemt, bijvoorbeeld MAVO, HAVO, VWO."),
    )
    peildatum_leerlingen = models.DateField(
        _("peildatum leerlingaantallen"),
        null=True,
        blank=True,
        help_text=_("Leeg zolang de regeling geen peildatum noemt; dan telt het register."),
    )
    peildatum_toelichting = models.CharField(
        _("toelichting op de peildatum"), max_length=300, blank=True
    )
    # --- what the decision letter (beschikking) says; a sent letter keeps its own copy.
    grondslag_tekst = models.TextField(
        _("wettelijke grondslag"),
        blank=True,
        help_text=_(
            "De regeling met haar artikelen, de kaderregeling voor subsidies van OCW en de "
            "Awb, zoals de beschikking ze noemt."
        ),
    )
    ondertekening_namens = models.CharField(
        _("namens wie getekend wordt"), max_length=200, blank=True
    )
    ondertekening_functie = models.CharField(
        _("functie van de ondertekenaar"), max_length=200, blank=True
    )
    ondertekening_afdeling = models.CharField(_("directie of afdeling"), max_length=200, blank=True)
    voorschot_percentages = models.JSONField(
        _("voorschot per schooljaar (%)"),
        default=list,
        blank=True,
        help_text=_(
            "Per schooljaar van het tijdvak het percentage van het toegekende bedrag, "
            "bijvoorbeeld [30, 30, 30]; de rest volgt na de vaststelling."
        ),
    )
    betaling_toelichting = models.TextField(_("toelichting op de betaling"), blank=True)
    voortgangsverslag_maanden = models.PositiveSmallIntegerField(
        _("voortgangsverslag: maanden na elk schooljaar"),
        default=3,
        validators=[MaxValueValidator(12)],
    )
    eindverantwoording_maanden = models.PositiveSmallIntegerField(
        _("eindverantwoording: maanden na het tijdvak"),
        default=5,
        validators=[MaxValueValidator(24)],
    )
    verplichtingen_tekst = models.TextField(
        _("verplichtingen"),
        blank=True,
        help_text=_(
            "Meldplicht van wijzigingen en wat voortgangsverslag en eindverantwoording bevatten."
        ),
    )
    niet_nakomen_tekst = models.TextField(_("gevolgen van niet nakomen"), blank=True)
    bezwaar_adres = models.TextField(_("adres voor bezwaar"), blank=True)

    class Meta:
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")
        ordering = ["tijdvak__startdatum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cofinanciering_percentage__gte=0, cofinanciering_percentage__lte=100),
                name="regeling_cofinanciering_percentage",
            ),
            models.CheckConstraint(
                condition=Q(bedrag_per_vestiging__gte=0, bedrag_per_leerling__gte=0),
                name="regeling_bedragen_niet_negatief",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Regeling %(tijdvak)s") % {"tijdvak": self.tijdvak})

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        percentages = self.voorschot_percentages or []
        if not isinstance(percentages, list) or not all(
            isinstance(p, int | float) and 0 <= p <= 100 for p in percentages
        ):
            raise ValidationError(
                {
                    "voorschot_percentages": _(
                        "Geef een lijst percentages, bijvoorbeeld [30, 30, 30]."
                    )
                }
            )
        if sum(percentages) > 100:
            raise ValidationError(
                {"voorschot_percentages": _("De voorschotten zijn samen meer dan 100%.")}
            )
        onbekend = set(self.tellende_schoolsoorten or []) - set(Schoolsoort.values)
        if onbekend:
            raise ValidationError(
                {
                    "tellende_schoolsoorten": _("Onbekende schoolsoort: %(s)s")
                    % {"s": ", ".join(sorted(onbekend))}
                }
            )

    def als_parameters(self) -> Parameters:
        return Parameters(
            bedrag_per_vestiging=self.bedrag_per_vestiging,
            bedrag_per_leerling=self.bedrag_per_leerling,
            minimum_po_vestigingen=self.minimum_po_vestigingen,
            minimum_vo_vestigingen=self.minimum_vo_vestigingen,
            cofinanciering_percentage=self.cofinanciering_percentage,
            cofinanciering_grondslag=self.cofinanciering_grondslag,
            tellende_schoolsoorten=frozenset(self.tellende_schoolsoorten),
            tellende_leerwegen=frozenset(w.upper() for w in self.tellende_leerwegen),
        )


class Cofinanciering(models.Model):
    """A partner's pledge for one school year: money, or in kind."""

    regio = models.ForeignKey(
        "regios.Regio",
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="cofinancieringen",
    )
    organisatie = models.ForeignKey(
        "partners.Organisatie",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="cofinancieringen",
    )
    schooljaar = models.PositiveSmallIntegerField(
        _("schooljaar"), help_text=_("Het beginjaar van het schooljaar.")
    )
    soort = models.CharField(_("soort"), max_length=12, choices=Cofinancieringsoort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    bedrag = models.DecimalField(
        _("bedrag"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Voor geld, faciliteiten en materialen: de waarde in euro's."),
    )
    uren = models.DecimalField(_("uren"), max_digits=8, decimal_places=1, null=True, blank=True)
    uurtarief = models.DecimalField(
        _("uurtarief"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("cofinanciering")
        verbose_name_plural = _("cofinancieringen")
        ordering = ["regio", "schooljaar", "organisatie__naam"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(soort="uren", uren__gt=0, uurtarief__gt=0, bedrag__isnull=True)
                    | (
                        ~Q(soort="uren")
                        & Q(bedrag__gt=0, uren__isnull=True, uurtarief__isnull=True)
                    )
                ),
                name="cofinanciering_waarde_past_bij_soort",
                violation_error_message=_(
                    "Uren vragen aantal uren en uurtarief; andere soorten een bedrag."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} {schooljaar_label(self.schooljaar)}: {self.waarde}"

    @property
    def waarde(self) -> Decimal:
        if self.soort == Cofinancieringsoort.UREN:
            return ((self.uren or 0) * (self.uurtarief or 0)).quantize(Decimal("0.01"))
        return self.bedrag or Decimal("0")

    @property
    def schooljaar_label(self) -> str:
        return schooljaar_label(self.schooljaar)


class Kostensoort(models.TextChoices):
    PERSONEEL = "personeel", _("vrijmaken van (onderwijs)personeel")
    EXPERTISE = "expertise", _("inhuur externe expertise")
    ACTIVITEITEN = "activiteiten", _("activiteiten")
    MATERIALEN = "materialen", _("materialen")
    COORDINATIE = "coordinatie", _("coördinatie en programmaorganisatie")
    OVERIG = "overig", _("overig")


class Begrotingsregel(models.Model):
    """A line of the budget plan: a cost in one school year and category."""

    regio = models.ForeignKey(
        "regios.Regio",
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="begrotingsregels",
    )
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    kostensoort = models.CharField(_("kostensoort"), max_length=14, choices=Kostensoort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    bedrag = models.DecimalField(
        _("bedrag"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")
        ordering = ["regio", "schooljaar", "kostensoort", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__gt=0),
                name="begrotingsregel_bedrag_positief",
                violation_error_message=_("Het bedrag moet groter zijn dan 0."),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{schooljaar_label(self.schooljaar)} {self.get_kostensoort_display()}: {self.bedrag}"
        )

    @property
    def schooljaar_label(self) -> str:
        return schooljaar_label(self.schooljaar)


class Indiening(models.Model):
    """A submitted version of a region's dossier, frozen as it was at submission."""

    regio = models.ForeignKey(
        "regios.Regio",
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        related_name="indieningen",
    )
    versie = models.PositiveSmallIntegerField(_("versie"))
    ingediend_op = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    maximale_subsidie = models.DecimalField(_("maximale subsidie"), max_digits=14, decimal_places=2)
    cofinanciering = models.DecimalField(_("cofinanciering"), max_digits=14, decimal_places=2)
    begroting = models.DecimalField(_("begroting"), max_digits=14, decimal_places=2)
    inhoud = models.JSONField(_("dossier zoals ingediend"))

    class Meta:
        verbose_name = _("indiening")
        verbose_name_plural = _("indieningen")
        ordering = ["regio", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["regio", "versie"], name="indiening_versie_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.regio} v{self.versie}"


# --- review and decision by the ministry ----------------------------------------------


class Beoordelingscriterium(models.Model):
    """A criterion on which reviewers assess applications; data per period."""

    tijdvak = models.ForeignKey(
        "regios.Tijdvak",
        verbose_name=_("tijdvak"),
        on_delete=models.PROTECT,
        related_name="beoordelingscriteria",
    )
    code = models.SlugField(_("code"), max_length=40)
    naam = models.CharField(_("naam"), max_length=160)
    toelichting = models.TextField(_("waar de beoordelaar op let"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    maximale_score = models.PositiveSmallIntegerField(_("maximale score"), default=5)

    class Meta:
        verbose_name = _("beoordelingscriterium")
        verbose_name_plural = _("beoordelingscriteria")
        ordering = ["tijdvak", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["tijdvak", "code"], name="criterium_code_uniek_per_tijdvak"
            ),
            models.CheckConstraint(
                condition=Q(maximale_score__gte=1, maximale_score__lte=10),
                name="criterium_maximale_score",
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Beoordeling(models.Model):
    """The ministry's review of one region's application: who reviews it, and the
    assessment on each criterion. One per region; the submissions it covers are the
    region's ``Indiening`` versions."""

    regio = models.OneToOneField(
        "regios.Regio",
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        related_name="beoordeling",
    )
    beoordelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordelaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="beoordelingen",
    )
    toegewezen_op = models.DateTimeField(_("toegewezen op"), null=True, blank=True)
    indiening = models.ForeignKey(
        Indiening,
        verbose_name=_("beoordeelde indiening"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    eindoordeel = models.TextField(_("samenvattend oordeel"), blank=True)
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")

    def __str__(self) -> str:
        return str(_("Beoordeling van %(regio)s") % {"regio": self.regio})


class Criteriumscore(models.Model):
    beoordeling = models.ForeignKey(
        Beoordeling,
        verbose_name=_("beoordeling"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterium = models.ForeignKey(
        Beoordelingscriterium,
        verbose_name=_("criterium"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(_("score"))
    motivering = models.TextField(_("motivering"))

    class Meta:
        verbose_name = _("score per criterium")
        verbose_name_plural = _("scores per criterium")
        ordering = ["criterium__volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["beoordeling", "criterium"], name="score_eenmaal_per_criterium"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterium}: {self.score}"


class Aanvullingsverzoek(models.Model):
    """Questions from the reviewer that return the dossier to the programme manager."""

    regio = models.ForeignKey(
        "regios.Regio",
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="aanvullingsverzoeken",
    )
    indiening = models.ForeignKey(
        Indiening,
        verbose_name=_("naar aanleiding van indiening"),
        on_delete=models.PROTECT,
        related_name="aanvullingsverzoeken",
    )
    vragen = models.TextField(_("vragen"))
    gesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesteld door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gesteld_op = models.DateTimeField(_("gesteld op"), auto_now_add=True)
    antwoord = models.TextField(_("antwoord"), blank=True)
    beantwoord_met = models.ForeignKey(
        Indiening,
        verbose_name=_("beantwoord met indiening"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzoek om aanvulling")
        verbose_name_plural = _("verzoeken om aanvulling")
        ordering = ["regio", "gesteld_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio"],
                condition=Q(beantwoord_op__isnull=True),
                name="een_open_aanvullingsverzoek_per_regio",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Aanvulling gevraagd voor %(regio)s") % {"regio": self.regio})


class Besluituitkomst(models.TextChoices):
    """What the assessor chooses (a verb, as on the decision form)."""

    TOEKENNEN = "toekennen", _("toekennen")
    AFWIJZEN = "afwijzen", _("afwijzen")


#: How a decision's outcome reads once it is taken: a participle, not the form's verb.
UITKOMST_ALS_UITSLAG = {
    Besluituitkomst.TOEKENNEN: _("toegekend"),
    Besluituitkomst.AFWIJZEN: _("afgewezen"),
}


class Besluitstatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    VERSTUURD = "verstuurd", _("verstuurd")


class BesluitQuerySet(models.QuerySet):
    def verstuurd(self):
        return self.filter(status=Besluitstatus.VERSTUURD)

    def geldend(self):
        """The sent decisions that no sent correction replaced: one per decided region."""
        return self.verstuurd().exclude(correctie__status=Besluitstatus.VERSTUURD)


class Kenmerkreeks(models.Model):
    """The last reference number handed out in a year. Locking this row hands out the
    next number to one decision at a time, so two drafts started at the same instant
    never draw the same number."""

    jaar = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    laatste = models.PositiveIntegerField(_("laatste volgnummer"), default=0)

    class Meta:
        verbose_name = _("kenmerkreeks")
        verbose_name_plural = _("kenmerkreeksen")

    def __str__(self) -> str:
        return f"TK-{self.jaar}: {self.laatste}"


class Besluit(models.Model):
    """The decision on a region's application as a letter (beschikking), by a decision
    maker who did not assess it. A draft may change; once sent it never does: a
    correction is a new decision with its own letter that points to the one it corrects."""

    regio = models.ForeignKey(
        "regios.Regio",
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        related_name="besluiten",
    )
    kenmerk = models.CharField(_("kenmerk"), max_length=20, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Besluitstatus.choices, default=Besluitstatus.CONCEPT
    )
    adressaat = models.ForeignKey(
        "partners.Organisatie",
        verbose_name=_("gericht aan (penvoerder)"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    periode_van = models.DateField(_("subsidieperiode vanaf"), null=True)
    periode_tot = models.DateField(_("subsidieperiode tot en met"), null=True)
    corrigeert = models.OneToOneField(
        "self",
        verbose_name=_("corrigeert besluit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correctie",
    )
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    verstuurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verstuurd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    bezwaar_tot = models.DateField(_("bezwaar mogelijk tot en met"), null=True, blank=True)
    brief_html = models.TextField(_("verstuurde brief (HTML)"), blank=True)
    indiening = models.ForeignKey(
        Indiening,
        verbose_name=_("besloten op indiening"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=10, choices=Besluituitkomst.choices)
    bedrag = models.DecimalField(
        _("toegekend bedrag"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    motivering = models.TextField(_("motivering"))
    genomen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("genomen door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    genomen_op = models.DateTimeField(_("genomen op"), auto_now_add=True)

    objects = BesluitQuerySet.as_manager()

    class Meta:
        verbose_name = _("besluit (beschikking)")
        verbose_name_plural = _("besluiten (beschikkingen)")
        ordering = ["regio", "genomen_op", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio"],
                condition=Q(status="concept"),
                name="een_concept_besluit_per_regio",
            ),
            models.UniqueConstraint(
                fields=["regio"],
                condition=Q(status="verstuurd", corrigeert__isnull=True),
                name="een_eerste_besluit_per_regio",
            ),
            models.CheckConstraint(
                condition=Q(status="concept", verstuurd_op__isnull=True)
                | Q(status="verstuurd", verstuurd_op__isnull=False, bezwaar_tot__isnull=False),
                name="besluit_verstuurd_heeft_datum",
            ),
            models.CheckConstraint(
                condition=(
                    Q(uitkomst="toekennen", bedrag__gt=0)
                    | Q(uitkomst="afwijzen", bedrag__isnull=True)
                ),
                name="besluit_bedrag_past_bij_uitkomst",
                violation_error_message=_(
                    "Bij toekennen hoort een bedrag groter dan 0, bij afwijzen geen bedrag."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kenmerk} {self.regio}: {self.uitslag}"

    @property
    def uitslag(self) -> str:
        """The outcome as people read it: "toegekend" or "afgewezen"."""
        return str(UITKOMST_ALS_UITSLAG.get(self.uitkomst, self.get_uitkomst_display()))

    @property
    def is_verstuurd(self) -> bool:
        return self.status == Besluitstatus.VERSTUURD

    @property
    def is_toekenning(self) -> bool:
        return self.uitkomst == Besluituitkomst.TOEKENNEN


# --- reports of the dossier (PDF) --------------------------------------------------------


class Rapportsoort(models.TextChoices):
    DOSSIER = "dossier", _("dossier")
    BEGROTING = "begroting", _("begrotingsoverzicht")
    BEOORDELING = "beoordeling", _("beoordelingsrapport")
    BESCHIKKING = "beschikking", _("beschikking")
    AUDITDOSSIER = "auditdossier", _("auditdossier")


class Rapportstatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("aangevraagd")
    BEZIG = "bezig", _("wordt gemaakt")
    KLAAR = "klaar", _("klaar")
    MISLUKT = "mislukt", _("mislukt")


class Rapport(models.Model):
    """One document made of a region's dossier: a report (PDF) of the live dossier (no
    ``indiening``) or of a submitted version, a decision letter (PDF, with ``besluit``), or
    the auditor's export (ZIP). Made by the worker (:mod:`subsidie.tasks`); the content
    hash says what it shows, so unchanged content is not made twice."""

    regio = models.ForeignKey(
        "regios.Regio",
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        related_name="rapporten",
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Rapportsoort.choices)
    indiening = models.ForeignKey(
        Indiening,
        verbose_name=_("versie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rapporten",
    )
    besluit = models.ForeignKey(
        "Besluit",
        verbose_name=_("beschikking"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rapporten",
    )
    inhoud_hash = models.CharField(_("SHA-256 van de inhoud"), max_length=64, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Rapportstatus.choices, default="aangevraagd"
    )
    bestand = models.FileField(
        _("bestand"), upload_to="rapporten/", storage=prive_opslag, blank=True
    )
    sha256 = models.CharField(_("SHA-256 van het bestand"), max_length=64, blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    fout = models.TextField(_("fout"), blank=True)

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporten")
        ordering = ["-aangevraagd_op", "-id"]
        indexes = [models.Index(fields=["regio", "soort", "indiening", "inhoud_hash"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.regio} ({self.get_status_display()})"

    @property
    def is_klaar(self) -> bool:
        return self.status == Rapportstatus.KLAAR

    @property
    def is_verlopen(self) -> bool:
        """Still pending after ``RAPPORT_MAX_WACHTTIJD`` seconds: the task was lost (no
        worker, broker down) or is stuck; shown as failed, with a retry button."""
        if self.status not in (Rapportstatus.AANGEVRAAGD, Rapportstatus.BEZIG):
            return False
        grens = timezone.now() - datetime.timedelta(seconds=settings.RAPPORT_MAX_WACHTTIJD)
        return self.aangevraagd_op < grens

    @property
    def is_mislukt(self) -> bool:
        return self.status == Rapportstatus.MISLUKT or self.is_verlopen

    @property
    def wacht(self) -> bool:
        return not self.is_klaar and not self.is_mislukt

    @property
    def titel(self) -> str:
        """What the document is, in words: "dossier (versie 2)", "beschikking TK-2026-0001"."""
        soort = self.get_soort_display()
        if self.besluit_id:
            return f"{soort} {self.besluit.kenmerk}"
        if self.indiening_id:
            return gettext("%(soort)s (versie %(versie)s)") % {
                "soort": soort,
                "versie": self.indiening.versie,
            }
        return str(soort)

    @property
    def is_zip(self) -> bool:
        return self.soort == Rapportsoort.AUDITDOSSIER

    @property
    def mediatype(self) -> str:
        return "application/zip" if self.is_zip else "application/pdf"

    @property
    def bestandsnaam(self) -> str:
        if self.soort == Rapportsoort.BESCHIKKING:
            concept = "" if self.besluit.is_verstuurd else "-concept"
            return f"beschikking-{self.besluit.kenmerk}{concept}.pdf"
        if self.is_zip:
            dag = timezone.localdate(self.aangevraagd_op).isoformat()
            return f"auditdossier-{self.regio.slug}-{dag}.zip"
        versie = f"-versie-{self.indiening.versie}" if self.indiening_id else ""
        return f"{self.soort}-{self.regio.slug}{versie}.pdf"
