"""What every app shares: the user account, the audit trail and the e-mail outbox."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from . import opmaak


class Gebruiker(AbstractUser):
    """A person who logs in. What they may do follows from their roles in regions
    (``regios.Rol``) and, for ministry staff, from their groups."""

    email = models.EmailField(_("e-mailadres"), unique=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    # What identifies the person in the portal's texts, and what stands there instead once
    # the account is deleted (ecosysteem.pseudoniem).
    def persoonskenmerken(self) -> list[str]:
        return [self.get_full_name(), self.email, self.username]

    def pseudoniem_na_verwijderen(self) -> str:
        return _("verwijderd account #%(nummer)s") % {"nummer": self.pk}


class Actie(models.TextChoices):
    """Every action the audit trail knows, as ``onderwerp.wat``."""

    # regions, participation, governance (regios)
    REGIO_AANGEMAAKT = "regio.aangemaakt", _("regio aangemaakt")
    REGIO_GEWIJZIGD = "regio.gewijzigd", _("regio gewijzigd")
    REGIO_VERWIJDERD = "regio.verwijderd", _("regio verwijderd")
    DEELNAME_TOEGEVOEGD = "deelname.toegevoegd", _("deelnemer toegevoegd")
    DEELNAME_GEWIJZIGD = "deelname.gewijzigd", _("deelname gewijzigd")
    DEELNAME_BEEINDIGD = "deelname.beeindigd", _("deelname beëindigd")
    DEELNAME_VERWIJDERD = "deelname.verwijderd", _("deelname verwijderd")
    PENVOERDER_AANGEWEZEN = "deelname.penvoerder_aangewezen", _("penvoerder aangewezen")
    ORGAAN_AANGEMAAKT = "orgaan.aangemaakt", _("orgaan aangemaakt")
    ORGAAN_GEWIJZIGD = "orgaan.gewijzigd", _("orgaan gewijzigd")
    ORGAAN_VERWIJDERD = "orgaan.verwijderd", _("orgaan verwijderd")
    ROL_TOEGEKEND = "rol.toegekend", _("rol toegekend")
    ROL_GEWIJZIGD = "rol.gewijzigd", _("rol gewijzigd")
    ROL_INGETROKKEN = "rol.ingetrokken", _("rol ingetrokken")
    CONVENANT_TOEGEVOEGD = "convenant.toegevoegd", _("convenant toegevoegd")
    CONVENANT_GEWIJZIGD = "convenant.gewijzigd", _("convenant gewijzigd")
    ONDERTEKENING_TOEGEVOEGD = "convenant.ondertekend", _("convenant ondertekend")
    ONDERTEKENING_VERWIJDERD = (
        "convenant.ondertekening_verwijderd",
        _("ondertekening verwijderd"),
    )
    CONVENANT_HERINNERING = "convenant.herinnering_verstuurd", _("herinnering convenant")
    # organisations, people, the register (partners)
    ORGANISATIE_AANGEMAAKT = "organisatie.aangemaakt", _("organisatie aangemaakt")
    ORGANISATIE_GEWIJZIGD = "organisatie.gewijzigd", _("organisatie gewijzigd")
    PERSOON_AANGEMAAKT = "persoon.aangemaakt", _("persoon aangemaakt")
    PERSOON_GEWIJZIGD = "persoon.gewijzigd", _("persoon gewijzigd")
    GEBRUIKER_AANGEMAAKT = "gebruiker.aangemaakt", _("account aangemaakt")
    GEBRUIKER_GROEPEN_GEWIJZIGD = "gebruiker.groepen_gewijzigd", _("groepen gewijzigd")
    GEBRUIKER_RECHTEN_GEWIJZIGD = "gebruiker.rechten_gewijzigd", _("rechten gewijzigd")
    VESTIGING_BEOORDEELD = "vestiging.beoordeeld", _("telt mee vastgesteld")
    REGISTER_GEIMPORTEERD = "scholenregister.geimporteerd", _("scholenregister ingelezen")
    AANMELDING_INGEDIEND = "aanmelding.ingediend", _("aanmelding ontvangen")
    AANMELDING_BEVESTIGD = "aanmelding.bevestigd", _("aanmelding bevestigd")
    AANMELDING_GOEDGEKEURD = "aanmelding.goedgekeurd", _("aanmelding goedgekeurd")
    AANMELDING_AFGEWEZEN = "aanmelding.afgewezen", _("aanmelding afgewezen")
    AANMELDING_VERWIJDERD = "aanmelding.verwijderd", _("aanmelding verwijderd (bewaartermijn)")
    KOPPELVERZOEK_INGEDIEND = (
        "koppelverzoek.ingediend",
        _("verzoek om namens een organisatie op te treden"),
    )
    KOPPELVERZOEK_GOEDGEKEURD = (
        "koppelverzoek.goedgekeurd",
        _("optreden namens een organisatie goedgekeurd"),
    )
    KOPPELVERZOEK_AFGEWEZEN = (
        "koppelverzoek.afgewezen",
        _("optreden namens een organisatie afgewezen"),
    )
    # compass, activities, scan (kompas)
    ACTIVITEIT_TOEGEVOEGD = "activiteit.toegevoegd", _("activiteit toegevoegd")
    ACTIVITEIT_GEWIJZIGD = "activiteit.gewijzigd", _("activiteit gewijzigd")
    ACTIVITEIT_VERWIJDERD = "activiteit.verwijderd", _("activiteit verwijderd")
    SCANRONDE_GEOPEND = "scan.ronde_geopend", _("scanronde geopend")
    SCANRONDE_GESLOTEN = "scan.ronde_gesloten", _("scanronde gesloten")
    SCAN_INGEVULD = "scan.ingevuld", _("scan ingevuld")
    # the application, its review and decision (subsidie)
    COFINANCIERING_TOEGEVOEGD = "cofinanciering.toegevoegd", _("cofinanciering toegevoegd")
    COFINANCIERING_GEWIJZIGD = "cofinanciering.gewijzigd", _("cofinanciering gewijzigd")
    COFINANCIERING_VERWIJDERD = "cofinanciering.verwijderd", _("cofinanciering verwijderd")
    BEGROTING_TOEGEVOEGD = "begroting.toegevoegd", _("begrotingsregel toegevoegd")
    BEGROTING_GEWIJZIGD = "begroting.gewijzigd", _("begrotingsregel gewijzigd")
    BEGROTING_VERWIJDERD = "begroting.verwijderd", _("begrotingsregel verwijderd")
    REGELING_AANGEMAAKT = "regeling.aangemaakt", _("regeling vastgesteld")
    REGELING_GEWIJZIGD = "regeling.gewijzigd", _("regeling gewijzigd")
    CRITERIUM_TOEGEVOEGD = "criterium.toegevoegd", _("beoordelingscriterium toegevoegd")
    CRITERIUM_GEWIJZIGD = "criterium.gewijzigd", _("beoordelingscriterium gewijzigd")
    CRITERIUM_VERWIJDERD = "criterium.verwijderd", _("beoordelingscriterium verwijderd")
    DOSSIER_INGEDIEND = "dossier.ingediend", _("dossier ingediend")
    DOSSIER_HEROPEND = "dossier.heropend", _("dossier heropend")
    BEOORDELAAR_TOEGEWEZEN = "beoordeling.toegewezen", _("beoordelaar toegewezen")
    AANVULLING_GEVRAAGD = "aanvulling.gevraagd", _("aanvulling gevraagd")
    AANVULLING_BEANTWOORD = "aanvulling.beantwoord", _("vragen beantwoord")
    BEOORDELING_VASTGELEGD = "beoordeling.vastgelegd", _("beoordeling vastgelegd")
    BESLUIT_GENOMEN = "besluit.genomen", _("besluit genomen")
    BESCHIKKING_OPGESTELD = "beschikking.opgesteld", _("concept van de beschikking opgesteld")
    BESCHIKKING_GEWIJZIGD = "beschikking.gewijzigd", _("concept van de beschikking gewijzigd")
    CORRECTIE_OPGESTELD = "besluit.correctie_opgesteld", _("correctie van een besluit opgesteld")
    BESLUIT_GECORRIGEERD = "besluit.gecorrigeerd", _("besluit gecorrigeerd")
    # documents of a dossier: who read what, when (reports, the agreement's document)
    DOCUMENT_GEDOWNLOAD = "document.gedownload", _("document gedownload")
    # accounts: invitations, passwords, the second factor, lock-outs (ecosysteem.account)
    ACCOUNT_UITGENODIGD = "account.uitgenodigd", _("uitgenodigd voor een account")
    WACHTWOORDLINK_GEVRAAGD = (
        "account.wachtwoordlink_gevraagd",
        _("link om een wachtwoord te kiezen gevraagd"),
    )
    WACHTWOORD_GEKOZEN = "account.wachtwoord_gekozen", _("wachtwoord gekozen met een link")
    WACHTWOORD_GEWIJZIGD = "account.wachtwoord_gewijzigd", _("wachtwoord gewijzigd")
    TWEESTAPS_INGESTELD = "account.tweestaps_ingesteld", _("tweestapsverificatie ingesteld")
    TWEESTAPS_UITGEZET = "account.tweestaps_uitgezet", _("tweestapsverificatie uitgezet")
    RESERVECODES_VERNIEUWD = "account.reservecodes_vernieuwd", _("reservecodes vernieuwd")
    INLOGGEN_GEBLOKKEERD = (
        "account.inloggen_geblokkeerd",
        _("inloggen geblokkeerd na te veel mislukte pogingen"),
    )
    # personal API tokens (ecosysteem.tokens)
    TOKEN_AANGEMAAKT = "token.aangemaakt", _("API-token aangemaakt")
    TOKEN_INGETROKKEN = "token.ingetrokken", _("API-token ingetrokken")
    # personal data (AVG): inspection, erasure, retention
    PERSOONSGEGEVENS_GEDOWNLOAD = (
        "persoonsgegevens.gedownload",
        _("eigen persoonsgegevens gedownload"),
    )
    VERWIJDERVERZOEK_INGEDIEND = (
        "persoonsgegevens.verwijderverzoek",
        _("verzoek om persoonsgegevens te wissen"),
    )
    VERWIJDERVERZOEK_AFGEWEZEN = (
        "persoonsgegevens.verwijderverzoek_afgewezen",
        _("verzoek om persoonsgegevens te wissen afgewezen"),
    )
    PERSOONSGEGEVENS_GEWIST = "persoonsgegevens.gewist", _("persoonsgegevens gewist")
    EMAILS_VERWIJDERD = "bewaartermijn.emails_verwijderd", _("oude e-mails verwijderd")


class Gebeurtenis(models.Model):
    """One entry of the audit trail: who did what to which object, when and why."""

    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The vocabulary is ``ecosysteem.audit.Actie``; its choices are set there, so that this
    # module does not depend on the list.
    actie = models.CharField(_("actie"), max_length=80, choices=Actie.choices, db_index=True)
    onderwerp_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    onderwerp_id = models.CharField(max_length=64, blank=True)
    onderwerp = GenericForeignKey("onderwerp_type", "onderwerp_id")
    omschrijving = models.CharField(_("omschrijving"), max_length=500)
    regio = models.ForeignKey(
        "regios.Regio",
        verbose_name=_("regio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gebeurtenissen",
    )
    van_status = models.CharField(_("van status"), max_length=40, blank=True)
    naar_status = models.CharField(_("naar status"), max_length=40, blank=True)
    reden = models.TextField(_("reden"), blank=True)
    gegevens = models.JSONField(_("gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen (audittrail)")
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["onderwerp_type", "onderwerp_id"])]

    def __str__(self) -> str:
        return f"{opmaak.datumtijd(self.tijdstip)} {self.actie}: {self.omschrijving}"


class UitgaandeEmail(models.Model):
    """One e-mail to one address, written by the step it is about, in that step's
    transaction, and sent afterwards by the worker (:mod:`ecosysteem.outbox`).

    A step that is refused leaves no row, and a step that commits never loses its e-mail:
    the row waits until the worker has sent it. At most one row per step and address, so
    nobody gets the same e-mail about a step twice. The text is composed at the moment of
    the step and stored, so a later retry sends exactly what the step decided."""

    stap = models.CharField(
        _("stap"),
        max_length=120,
        help_text=_("Waarover de e-mail gaat; per stap krijgt elk adres één e-mail."),
    )
    gebeurtenis = models.ForeignKey(
        Gebeurtenis,
        verbose_name=_("gebeurtenis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="emails",
    )
    ontvanger = models.EmailField(_("ontvanger"))
    # The template the text was rendered from, e.g. ``melding_dossier_ingediend``.
    soort = models.CharField(_("soort"), max_length=60)
    onderwerp = models.CharField(_("onderwerp"), max_length=250)
    tekst = models.TextField(_("tekst"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_index=True)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_poging_op = models.DateTimeField(_("laatste poging op"), null=True, blank=True)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                "stap", Lower("ontvanger"), name="uitgaande_email_eenmaal_per_stap_en_adres"
            ),
        ]
        indexes = [
            # The catch-up looks for unsent rows only; they are few next to the sent ones.
            models.Index(
                fields=["aangemaakt_op"],
                condition=models.Q(verstuurd_op__isnull=True),
                name="uitgaande_email_onverstuurd",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.soort} → {self.ontvanger}"


class Apitoken(models.Model):
    """A personal token for the API, made and revoked by its owner on "Mijn tokens". Only
    the SHA-256 of the token is stored: the token itself is shown once, when it is made."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="apitokens",
    )
    naam = models.CharField(_("naam"), max_length=80)
    # The first characters of the token, so its owner can tell tokens apart.
    begin = models.CharField(_("begint met"), max_length=12)
    sleutel_hash = models.CharField(_("SHA-256 van de token"), max_length=64, unique=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    verloopt_op = models.DateTimeField(_("verloopt op"))
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    laatst_gebruikt_op = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.begin}…)"

    @property
    def is_ingetrokken(self) -> bool:
        return self.ingetrokken_op is not None


class Verwijderverzoekstatus(models.TextChoices):
    OPEN = "open", _("wacht op een beheerder")
    UITGEVOERD = "uitgevoerd", _("gewist")
    AFGEWEZEN = "afgewezen", _("afgewezen")


class Verwijderverzoek(models.Model):
    """A request to erase a person's data (AVG art. 17): made by the person on "Mijn
    gegevens", or by an administrator for someone who asked otherwise. An administrator
    carries it out; the person is then pseudonymised everywhere as ``persoon #<id>``. The
    request itself keeps no personal data once decided: the links point to the
    pseudonymised account and contact record."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verwijderverzoeken",
    )
    persoon = models.ForeignKey(
        "partners.Persoon",
        verbose_name=_("contactpersoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verwijderverzoeken",
        help_text=_("Voor iemand zonder account; bij een account hoort de persoon erbij."),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Verwijderverzoekstatus.choices,
        default=Verwijderverzoekstatus.OPEN,
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reden = models.TextField(_("reden van afwijzing"), blank=True)
    pseudoniem = models.CharField(_("pseudoniem"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("verzoek om persoonsgegevens te wissen")
        verbose_name_plural = _("verzoeken om persoonsgegevens te wissen")
        # Not a constraint that an account or a person is named: both links are kept
        # when a row they point at is deleted later.
        ordering = ["-ingediend_op", "-id"]

    def __str__(self) -> str:
        return _("Verzoek #%(nummer)s (%(status)s)") % {
            "nummer": self.pk,
            "status": self.get_status_display(),
        }

    @property
    def is_open(self) -> bool:
        return self.status == Verwijderverzoekstatus.OPEN
