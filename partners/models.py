"""Organisations, their contact persons, and the national school register."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ecosysteem import opmaak

from .validators import (
    BRIN_PATROON,
    KVK_PATROON,
    VESTIGINGSCODE_PATROON,
    valideer_brin,
    valideer_kvk,
    valideer_postcode,
    valideer_vestigingscode,
)


class Provincie(models.Model):
    naam = models.CharField(_("naam"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Gemeente(models.Model):
    """A municipality as the register names it (upper case), with a readable name."""

    naam_register = models.CharField(_("naam in het register"), max_length=80, unique=True)
    naam = models.CharField(_("naam"), max_length=80)
    provincie = models.ForeignKey(
        Provincie, verbose_name=_("provincie"), on_delete=models.PROTECT, related_name="gemeenten"
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Schoolsoort(models.TextChoices):
    BAO = "bao", _("basisonderwijs")
    SBO = "sbo", _("speciaal basisonderwijs")
    SO = "so", _("speciaal onderwijs")
    VSO = "vso", _("voortgezet speciaal onderwijs")
    SO_VSO = "so_vso", _("speciaal en voortgezet speciaal onderwijs")
    VO = "vo", _("voortgezet onderwijs")
    ONBEKEND = "onbekend", _("onbekend")


class Sector(models.TextChoices):
    PO = "po", _("primair onderwijs")
    VO = "vo", _("voortgezet onderwijs")


class Vestiging(models.Model):
    """A school branch from DUO's national register."""

    vestigingscode = models.CharField(
        _("vestigingscode"),
        max_length=6,
        unique=True,
        validators=[valideer_vestigingscode],
        help_text=_("BRIN-nummer plus 2 cijfers, bijvoorbeeld 32DD00."),
    )
    brin_nummer = models.CharField(_("BRIN-nummer"), max_length=4, db_index=True)
    bevoegd_gezag_nummer = models.CharField(_("bevoegd-gezagnummer"), max_length=10, blank=True)
    naam = models.CharField(_("naam"), max_length=200)
    onderwijstype = models.CharField(
        _("onderwijstype (register)"),
        max_length=60,
        help_text=_("Zoals het register het noemt, bijvoorbeeld basisschool of VBO/MAVO/HAVO."),
    )
    schoolsoort = models.CharField(_("schoolsoort"), max_length=10, choices=Schoolsoort.choices)
    sector = models.CharField(_("sector"), max_length=2, choices=Sector.choices, blank=True)
    telt_mee = models.BooleanField(_("telt mee voor de subsidie"), default=False)
    telt_mee_reden = models.CharField(_("waarom (niet)"), max_length=300, blank=True)
    # Set when an administrator decided by hand; the budget engine follows it and a new
    # import of the register keeps it.
    telt_mee_besluit = models.BooleanField(
        _("besluit van de beheerder"),
        null=True,
        blank=True,
        help_text=_("Leeg: het register en de regeling bepalen of de vestiging meetelt."),
    )
    gemengde_leerwegen = models.BooleanField(
        _("leerlingtotaal omvat niet-tellende leerwegen"), default=False
    )
    denominatie = models.CharField(_("denominatie"), max_length=80, blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    straat = models.CharField(_("straat"), max_length=120, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    plaats = models.CharField(_("plaats"), max_length=80, blank=True)
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="vestigingen"
    )
    provincie = models.ForeignKey(
        Provincie, verbose_name=_("provincie"), on_delete=models.PROTECT, related_name="vestigingen"
    )
    onderwijsgebied = models.CharField(_("onderwijsgebied"), max_length=80, blank=True)
    breedtegraad = models.DecimalField(
        _("breedtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    lengtegraad = models.DecimalField(
        _("lengtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    leerlingen = models.PositiveIntegerField(
        _("leerlingen (register)"),
        null=True,
        blank=True,
        help_text=_("Leeg als het register geen aantal geeft."),
    )
    peildatum = models.DateField(_("datum van het register"))
    in_register = models.BooleanField(
        _("staat in het laatste register"),
        default=True,
        help_text=_("Uit: de vestiging kwam bij de laatste import niet meer voor."),
    )
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")
        ordering = ["naam", "vestigingscode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vestigingscode__regex=VESTIGINGSCODE_PATROON),
                name="vestiging_code_formaat",
                violation_error_message=_("Een vestigingscode is het BRIN-nummer plus 2 cijfers."),
            ),
            models.CheckConstraint(
                condition=Q(brin_nummer__regex=BRIN_PATROON),
                name="vestiging_brin_formaat",
            ),
            models.CheckConstraint(
                condition=Q(vestigingscode__startswith=models.F("brin_nummer")),
                name="vestiging_code_begint_met_brin",
            ),
            models.CheckConstraint(
                condition=Q(breedtegraad__isnull=True)
                | Q(breedtegraad__gte=50, breedtegraad__lte=54),
                name="vestiging_breedtegraad_in_nederland",
            ),
            models.CheckConstraint(
                condition=Q(lengtegraad__isnull=True) | Q(lengtegraad__gte=3, lengtegraad__lte=8),
                name="vestiging_lengtegraad_in_nederland",
            ),
        ]
        indexes = [
            models.Index(fields=["postcode"]),
            models.Index(fields=["plaats"]),
            models.Index(fields=["sector", "telt_mee"]),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.vestigingscode}, {self.plaats})"

    @property
    def adres(self) -> str:
        return opmaak.adres(self.straat, self.huisnummer, self.postcode, self.plaats)


class Registerimport(models.Model):
    """One load of the school register, with what the importer did."""

    gestart_op = models.DateTimeField(_("gestart op"), auto_now_add=True)
    bron = models.CharField(_("bron"), max_length=300)
    sha256 = models.CharField(_("controlegetal (SHA-256)"), max_length=64)
    formaat = models.CharField(_("formaat"), max_length=20)
    peildatum = models.DateField(_("datum van het register"))
    rijen = models.PositiveIntegerField(_("rijen gelezen"), default=0)
    nieuw = models.PositiveIntegerField(_("nieuwe vestigingen"), default=0)
    gewijzigd = models.PositiveIntegerField(_("gewijzigde vestigingen"), default=0)
    ongewijzigd = models.PositiveIntegerField(_("ongewijzigde vestigingen"), default=0)
    verdwenen = models.PositiveIntegerField(_("niet meer in het register"), default=0)
    rapport = models.TextField(_("rapport"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("registerimport")
        verbose_name_plural = _("registerimports")
        ordering = ["-gestart_op"]

    def __str__(self) -> str:
        return f"{self.bron} ({opmaak.datumtijd(self.gestart_op)})"


class Organisatiesoort(models.TextChoices):
    SCHOOLBESTUUR = "schoolbestuur", _("schoolbestuur (bevoegd gezag)")
    PO_SCHOOL = "po_school", _("basisschool")
    SBO_SCHOOL = "sbo_school", _("school voor speciaal basisonderwijs")
    SO_SCHOOL = "so_school", _("school voor (voortgezet) speciaal onderwijs")
    VO_SCHOOL = "vo_school", _("school voor voortgezet onderwijs")
    MBO = "mbo", _("mbo-instelling")
    HBO = "hbo", _("hogeschool")
    UNIVERSITEIT = "universiteit", _("universiteit")
    BEDRIJF = "bedrijf", _("bedrijf")
    MUSEUM = "museum", _("museum")
    BIBLIOTHEEK = "bibliotheek", _("bibliotheek")
    WETENSCHAPSCENTRUM = "wetenschapscentrum", _("science center")
    TECHLAB = "techlab", _("techlab, fablab of makerspace")
    KINDEROPVANG = "kinderopvang", _("kinderopvang")
    GEMEENTE = "gemeente", _("gemeente")
    PROVINCIE = "provincie", _("provincie")
    BUURTHUIS = "buurthuis", _("buurt- of wijkcentrum")
    VERENIGING = "vereniging", _("scouting of hobbyclub")
    OVERIG = "overig", _("overig")


SCHOOLSOORTEN = frozenset(
    {
        Organisatiesoort.SCHOOLBESTUUR,
        Organisatiesoort.PO_SCHOOL,
        Organisatiesoort.SBO_SCHOOL,
        Organisatiesoort.SO_SCHOOL,
        Organisatiesoort.VO_SCHOOL,
    }
)


class Organisatie(models.Model):
    """A partner organisation: school board, company, museum, municipality and so on."""

    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=20, choices=Organisatiesoort.choices)
    kvk_nummer = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, validators=[valideer_kvk]
    )
    brin_nummer = models.CharField(
        _("BRIN-nummer"),
        max_length=4,
        blank=True,
        validators=[valideer_brin],
        help_text=_("Voor scholen en onderwijsinstellingen, bijvoorbeeld 32DD."),
    )
    bevoegd_gezag_nummer = models.CharField(
        _("bevoegd-gezagnummer"),
        max_length=10,
        blank=True,
        help_text=_("Het nummer van het schoolbestuur bij DUO."),
    )
    straat = models.CharField(_("straat"), max_length=120, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=6, blank=True, validators=[valideer_postcode]
    )
    plaats = models.CharField(_("plaats"), max_length=80, blank=True)
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisaties",
    )
    breedtegraad = models.DecimalField(
        _("breedtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    lengtegraad = models.DecimalField(
        _("lengtegraad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("algemeen e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)
    omschrijving = models.TextField(_("wat de organisatie inbrengt"), blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["kvk_nummer"],
                condition=~Q(kvk_nummer=""),
                name="organisatie_kvk_uniek",
                violation_error_message=_("Er is al een organisatie met dit KvK-nummer."),
            ),
            models.CheckConstraint(
                condition=Q(kvk_nummer="") | Q(kvk_nummer__regex=KVK_PATROON),
                name="organisatie_kvk_formaat",
            ),
            models.CheckConstraint(
                condition=Q(brin_nummer="") | Q(brin_nummer__regex=BRIN_PATROON),
                name="organisatie_brin_formaat",
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def is_onderwijs(self) -> bool:
        return self.soort in SCHOOLSOORTEN


class Persoon(models.Model):
    """A contact person; linked to a user account once they log in."""

    voornaam = models.CharField(_("voornaam"), max_length=80)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=120)
    email = models.EmailField(_("e-mailadres"), unique=True)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)
    functie = models.CharField(_("functie"), max_length=120, blank=True)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contactpersonen",
    )
    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruikersaccount"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="persoon",
    )

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["achternaam", "voornaam"]

    def __str__(self) -> str:
        return self.volledige_naam

    @property
    def volledige_naam(self) -> str:
        return " ".join(d for d in (self.voornaam, self.tussenvoegsel, self.achternaam) if d)

    # What identifies the person in the portal's texts, and what stands there instead once
    # the record is deleted (ecosysteem.pseudoniem).
    def persoonskenmerken(self) -> list[str]:
        return [self.volledige_naam, self.email, self.telefoon]

    def pseudoniem_na_verwijderen(self) -> str:
        return _("verwijderde persoon #%(nummer)s") % {"nummer": self.pk}


class Cofinancieringsoort(models.TextChoices):
    """What a partner pledges: money or in kind. Here, not in subsidie, because the
    registration form already asks for a pledge; the co-financing of subsidie uses it too."""

    GELD = "geld", _("geld")
    UREN = "uren", _("in natura: uren")
    FACILITEITEN = "faciliteiten", _("in natura: faciliteiten")
    MATERIALEN = "materialen", _("in natura: materialen")


class Aanmeldingstatus(models.TextChoices):
    TE_BEVESTIGEN = "te_bevestigen", _("e-mailadres nog niet bevestigd")
    BEVESTIGD = "bevestigd", _("wacht op goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
    AFGEWEZEN = "afgewezen", _("afgewezen")


class Aanbod(models.TextChoices):
    EXPERTISE = "expertise", _("expertise")
    FACILITEITEN = "faciliteiten", _("faciliteiten")
    GASTLESSEN = "gastlessen", _("gastlessen")
    LOCATIES = "locaties", _("locaties")


class Aanmelding(models.Model):
    """An organisation's own registration as a partner of a region, through the public
    form. It becomes an organisation, a contact person and a participation only when the
    region's programme manager approves it."""

    regio = models.ForeignKey(
        "regios.Regio",
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="aanmeldingen",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Aanmeldingstatus.choices,
        default=Aanmeldingstatus.TE_BEVESTIGEN,
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Organisatiesoort.choices)
    naam = models.CharField(_("naam"), max_length=200)
    kvk_nummer = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, validators=[valideer_kvk]
    )
    vestiging = models.ForeignKey(
        Vestiging,
        verbose_name=_("schoolvestiging"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aanmeldingen",
    )
    straat = models.CharField(_("straat"), max_length=120, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, validators=[valideer_postcode])
    plaats = models.CharField(_("plaats"), max_length=80)
    website = models.URLField(_("website"), blank=True)
    voornaam = models.CharField(_("voornaam"), max_length=80)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=120)
    email = models.EmailField(_("e-mailadres"))
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)
    functie = models.CharField(_("functie"), max_length=120, blank=True)
    aanbod = models.JSONField(_("wat de organisatie biedt"), default=list, blank=True)
    aanbod_toelichting = models.TextField(_("toelichting op het aanbod"), blank=True)
    # The pledge as offered. On approval it becomes a Cofinanciering of the region for the
    # first school year of its period (see keur_aanmelding_goed); the contact can change it
    # afterwards on "Mijn organisatie". A pledge of hours is offered as hours and hourly
    # rate, as the region's co-financing records it; the amount then holds their product, so
    # every pledge has its value in euros here.
    cofinanciering_soort = models.CharField(_("soort cofinanciering"), max_length=20, blank=True)
    cofinanciering_bedrag = models.DecimalField(
        _("bedrag of waarde (euro)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    cofinanciering_uren = models.DecimalField(
        _("aantal uren"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    cofinanciering_uurtarief = models.DecimalField(
        _("uurtarief (euro)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    cofinanciering_omschrijving = models.TextField(_("omschrijving cofinanciering"), blank=True)
    privacy_akkoord = models.BooleanField(_("akkoord met de privacyverklaring"), default=False)
    # A keyed hash, never the address itself: enough to count registrations per address.
    ip_hash = models.CharField(_("adrescontrole"), max_length=64, db_index=True, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    bevestigd_op = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reden = models.TextField(_("reden"), blank=True)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="aanmeldingen",
    )

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kvk_nummer="") | Q(kvk_nummer__regex=KVK_PATROON),
                name="aanmelding_kvk_formaat",
            ),
            models.CheckConstraint(
                condition=~Q(kvk_nummer="") | Q(vestiging__isnull=False),
                name="aanmelding_kvk_of_vestiging",
                violation_error_message=_("Vul een KvK-nummer of een vestigingscode in."),
            ),
            models.CheckConstraint(
                condition=Q(privacy_akkoord=True),
                name="aanmelding_privacy_akkoord",
                violation_error_message=_("Ga akkoord met de privacyverklaring."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.regio})"

    @property
    def contactnaam(self) -> str:
        return " ".join(d for d in (self.voornaam, self.tussenvoegsel, self.achternaam) if d)

    @property
    def cofinanciering_soort_label(self) -> str:
        soorten = dict(Cofinancieringsoort.choices)
        return str(soorten.get(self.cofinanciering_soort, self.cofinanciering_soort))

    def get_aanbod_display(self) -> list[str]:
        labels = dict(Aanbod.choices)
        return [str(labels.get(code, code)) for code in self.aanbod]


class Koppelverzoekstatus(models.TextChoices):
    OPEN = "open", _("wacht op goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
    AFGEWEZEN = "afgewezen", _("afgewezen")


class Koppelverzoek(models.Model):
    """A person's request to act for an organisation that was in the portal before they
    came: made when a registration with its KvK number or branch is approved. Every region
    shares the organisation, so one region's programme manager cannot hand it to a
    newcomer: until a contact person of the organisation (or an administrator) approves,
    the person's contact roles for it give no right to change it."""

    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="koppelverzoeken",
    )
    persoon = models.ForeignKey(
        Persoon,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="koppelverzoeken",
    )
    aanmelding = models.ForeignKey(
        Aanmelding,
        verbose_name=_("aanmelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="koppelverzoeken",
    )
    # Where the person registered: the request is shown and audited there.
    regio = models.ForeignKey(
        "regios.Regio",
        verbose_name=_("regio van de aanmelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="koppelverzoeken",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Koppelverzoekstatus.choices,
        default=Koppelverzoekstatus.OPEN,
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reden = models.TextField(_("reden"), blank=True)

    class Meta:
        verbose_name = _("verzoek om namens een organisatie op te treden")
        verbose_name_plural = _("verzoeken om namens een organisatie op te treden")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "persoon"],
                name="koppelverzoek_eenmaal_per_persoon_en_organisatie",
                violation_error_message=_(
                    "Er is al een verzoek van deze persoon voor deze organisatie."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.persoon} → {self.organisatie} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == Koppelverzoekstatus.OPEN
