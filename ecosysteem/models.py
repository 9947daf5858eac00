"""What every app shares: the user account and the audit trail."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    actie = models.CharField(_("actie"), max_length=80, db_index=True)
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
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actie}: {self.omschrijving}"
