"""Audit of what an account may do: its groups and its staff, superuser and active flags.

The four-eyes rule of the review rests on the groups (Beoordelaars, Besluitvormers,
Beheerders), so every change of them is recorded with who made it and from what to what. The
record is made by signals on the model and its group relation, not by the admin, so no path
can forget it: the admin's form, a shell, a management command or a future page. Who made
the change is known only to the caller; the admin wraps its saves in :func:`namens`, other
callers may too, and without it the event names no one (the system).

An account's groups and flags given when it is created are part of its creation (the
service that creates it records them in ``gebruiker.aangemaakt``); these events are about
changes to an existing account.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.utils.translation import gettext as _

from .audit import leg_vast
from .models import Actie, Gebruiker

RECHTEN = ("is_staff", "is_superuser", "is_active")

_door: ContextVar[Any] = ContextVar("gebruikersrechten_door", default=None)
# Inside :func:`namens`: the groups each changed account had before its first change, so one
# save that removes and adds groups (``groups.set``) records one event, not two.
_bundel: ContextVar[dict[int, tuple[Gebruiker, list[str]]] | None] = ContextVar(
    "gebruikersrechten_bundel", default=None
)


@contextmanager
def namens(door) -> Iterator[None]:
    """Record the account changes made in this block as made by ``door``, the groups of an
    account as one event per account when the block ends (call it inside the transaction)."""
    vorige_door, vorige_bundel = _door.set(door), _bundel.set({})
    try:
        yield
        for gebruiker, voor in (_bundel.get() or {}).values():
            _leg_groepen_vast(gebruiker, voor)
    finally:
        _door.reset(vorige_door)
        _bundel.reset(vorige_bundel)


def _groepen(gebruiker_pk: int) -> list[str]:
    return sorted(Group.objects.filter(user__pk=gebruiker_pk).values_list("name", flat=True))


def _leg_groepen_vast(gebruiker: Gebruiker, voor: list[str]) -> None:
    na = _groepen(gebruiker.pk)
    if na == voor:
        return
    geen = _("geen")
    leg_vast(
        actie=Actie.GEBRUIKER_GROEPEN_GEWIJZIGD,
        omschrijving=_("Groepen van %(gebruiker)s: %(van)s → %(naar)s.")
        % {
            "gebruiker": gebruiker.username,
            "van": ", ".join(voor) or geen,
            "naar": ", ".join(na) or geen,
        },
        door=_door.get(),
        onderwerp=gebruiker,
        gegevens={
            "van": voor,
            "naar": na,
            "erbij": sorted(set(na) - set(voor)),
            "eraf": sorted(set(voor) - set(na)),
        },
    )


def _betrokken(instance, reverse: bool, action: str, pk_set) -> list[Gebruiker]:
    """The accounts whose groups this change touches."""
    if not reverse:
        return [instance]
    if action == "pre_clear":
        return list(instance.user_set.all())
    return list(Gebruiker.objects.filter(pk__in=pk_set or ()))


def groepen_gewijzigd(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action.startswith("pre_"):
        voor = {}
        for gebruiker in _betrokken(instance, reverse, action, pk_set):
            if getattr(gebruiker, "_net_aangemaakt", False):
                continue
            voor[gebruiker.pk] = (gebruiker, _groepen(gebruiker.pk))
        bundel = _bundel.get()
        if bundel is not None:
            for pk, paar in voor.items():
                bundel.setdefault(pk, paar)
        else:
            instance._groepen_voor = voor
        return
    if action.startswith("post_") and _bundel.get() is None:
        for gebruiker, voor in getattr(instance, "_groepen_voor", {}).values():
            _leg_groepen_vast(gebruiker, voor)
        instance._groepen_voor = {}


def rechten_voor_opslaan(sender, instance: Gebruiker, raw=False, update_fields=None, **kwargs):
    instance._rechten_voor = None
    if raw or instance.pk is None or instance._state.adding:
        return
    if update_fields is not None and not set(update_fields) & set(RECHTEN):
        # A login updates last_login only: no look-up for that.
        return
    instance._rechten_voor = Gebruiker.objects.filter(pk=instance.pk).values(*RECHTEN).first()


def rechten_na_opslaan(sender, instance: Gebruiker, created, raw=False, **kwargs):
    if created:
        instance._net_aangemaakt = True
        return
    voor = getattr(instance, "_rechten_voor", None)
    instance._rechten_voor = None
    if raw or not voor:
        return
    wijzigingen = {
        recht: [voor[recht], getattr(instance, recht)]
        for recht in RECHTEN
        if voor[recht] != getattr(instance, recht)
    }
    if not wijzigingen:
        return
    namen = {recht: str(Gebruiker._meta.get_field(recht).verbose_name) for recht in wijzigingen}
    leg_vast(
        actie=Actie.GEBRUIKER_RECHTEN_GEWIJZIGD,
        omschrijving=_("Rechten van %(gebruiker)s gewijzigd: %(rechten)s.")
        % {
            "gebruiker": instance.username,
            "rechten": ", ".join(
                f"{namen[recht]} {_('ja') if naar else _('nee')}"
                for recht, (_van, naar) in wijzigingen.items()
            ),
        },
        door=_door.get(),
        onderwerp=instance,
        gegevens={"wijzigingen": wijzigingen},
    )


def verbind() -> None:
    """Connect the receivers (from the app's ``ready``)."""
    m2m_changed.connect(
        groepen_gewijzigd, sender=Gebruiker.groups.through, dispatch_uid="gebruiker_groepen"
    )
    pre_save.connect(rechten_voor_opslaan, sender=Gebruiker, dispatch_uid="gebruiker_rechten_voor")
    post_save.connect(rechten_na_opslaan, sender=Gebruiker, dispatch_uid="gebruiker_rechten_na")
