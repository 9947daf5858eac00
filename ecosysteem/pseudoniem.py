"""Replacing a person's name and e-mail address by a pseudonym in what the portal wrote
down as text: the audit trail (description, reason, data) and the outbox.

The audit trail keeps its events: who did what, when, to which object, stays true, only
the words that identify the person change (``persoon #12``). Kenmerken (identifying
strings) are matched case-insensitively as whole words, longest first, so "Jan de Vries"
goes before "Jan", and "Jansen" is left alone when only "Jan" is asked for.

Written by hand: the texts are the portal's own sentences and JSON, and nothing more than
a word-boundary replacement is needed; no library does this better.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.db.models.signals import pre_delete
from django.utils.translation import gettext as _

from .audit import Actie, leg_vast
from .models import Gebeurtenis, UitgaandeEmail

# Shorter strings (initials, "pm") would hit ordinary words.
KORTSTE_KENMERK = 3


def schone_kenmerken(kenmerken: Iterable[str]) -> list[str]:
    """The strings worth replacing, without duplicates, longest first."""
    gezien: dict[str, str] = {}
    for kenmerk in kenmerken:
        kenmerk = " ".join((kenmerk or "").split())
        if len(kenmerk) >= KORTSTE_KENMERK:
            gezien.setdefault(kenmerk.lower(), kenmerk)
    return sorted(gezien.values(), key=lambda k: (-len(k), k.lower()))


def _patroon(kenmerken: list[str]) -> re.Pattern | None:
    if not kenmerken:
        return None
    # Any run of whitespace in a name matches any run in the text ("Jan  de Vries").
    delen = [r"\s+".join(re.escape(woord) for woord in k.split()) for k in kenmerken]
    return re.compile(r"(?<!\w)(?:" + "|".join(delen) + r")(?!\w)", re.IGNORECASE)


def vervang(tekst: str, kenmerken: Iterable[str], pseudoniem: str) -> str:
    """``tekst`` with every whole-word occurrence of a kenmerk replaced by ``pseudoniem``."""
    patroon = _patroon(schone_kenmerken(kenmerken))
    if patroon is None or not tekst:
        return tekst
    return patroon.sub(pseudoniem, tekst)


def vervang_in(waarde: Any, kenmerken: Iterable[str], pseudoniem: str) -> Any:
    """The same for JSON data: every string in it, keys included."""
    patroon = _patroon(schone_kenmerken(kenmerken))
    if patroon is None:
        return waarde

    def schoon(w: Any) -> Any:
        if isinstance(w, str):
            return patroon.sub(pseudoniem, w)
        if isinstance(w, list):
            return [schoon(x) for x in w]
        if isinstance(w, dict):
            return {schoon(k): schoon(v) for k, v in w.items()}
        return w

    return schoon(waarde)


def _bevat(kenmerken: list[str]) -> Q:
    """Rows whose texts may hold one of the kenmerken (the exact test is in Python)."""
    voorwaarde = Q()
    for kenmerk in kenmerken:
        # JSON may keep non-ASCII letters escaped (SQLite); look for both spellings.
        varianten = {kenmerk, json.dumps(kenmerk)[1:-1]}
        for variant in varianten:
            voorwaarde |= (
                Q(omschrijving__icontains=variant)
                | Q(reden__icontains=variant)
                | Q(gegevens_tekst__icontains=variant)
            )
    return voorwaarde


def pseudonimiseer_gebeurtenissen(
    kenmerken: Iterable[str], pseudoniem: str, *, binnen=None
) -> list[int]:
    """Replace the kenmerken by ``pseudoniem`` in the description, reason and data of
    every audit event (or of the events in queryset ``binnen``). Returns the ids of the
    events that changed; their action, time, actor and subject stay as they were."""
    kenmerken = schone_kenmerken(kenmerken)
    if not kenmerken:
        return []
    rijen = (binnen if binnen is not None else Gebeurtenis.objects.all()).annotate(
        gegevens_tekst=Cast("gegevens", TextField())
    )
    gewijzigd = []
    for gebeurtenis in rijen.filter(_bevat(kenmerken)).order_by("pk"):
        omschrijving = vervang(gebeurtenis.omschrijving, kenmerken, pseudoniem)[:500]
        reden = vervang(gebeurtenis.reden, kenmerken, pseudoniem)
        gegevens = vervang_in(gebeurtenis.gegevens, kenmerken, pseudoniem)
        if (omschrijving, reden, gegevens) == (
            gebeurtenis.omschrijving,
            gebeurtenis.reden,
            gebeurtenis.gegevens,
        ):
            continue
        Gebeurtenis.objects.filter(pk=gebeurtenis.pk).update(
            omschrijving=omschrijving, reden=reden, gegevens=gegevens
        )
        gewijzigd.append(gebeurtenis.pk)
    return gewijzigd


def pseudonimiseer_emails(
    *, adressen: Iterable[str], kenmerken: Iterable[str], pseudoniem: str
) -> tuple[int, int]:
    """E-mails to the person are removed (their text is theirs, with their links); in
    e-mails to others their name and address give way to the pseudonym. Returns (removed,
    changed)."""
    adressen = {a.strip().lower() for a in adressen if a and a.strip()}
    verwijderd = 0
    if adressen:
        aan_persoon = Q()
        for adres in adressen:
            aan_persoon |= Q(ontvanger__iexact=adres)
        verwijderd, _per_model = UitgaandeEmail.objects.filter(aan_persoon).delete()
    kenmerken = schone_kenmerken([*kenmerken, *adressen])
    if not kenmerken:
        return verwijderd, 0
    voorwaarde = Q()
    for kenmerk in kenmerken:
        voorwaarde |= Q(onderwerp__icontains=kenmerk) | Q(tekst__icontains=kenmerk)
    gewijzigd = 0
    for email in UitgaandeEmail.objects.filter(voorwaarde):
        onderwerp = vervang(email.onderwerp, kenmerken, pseudoniem)[:250]
        tekst = vervang(email.tekst, kenmerken, pseudoniem)
        if (onderwerp, tekst) != (email.onderwerp, email.tekst):
            UitgaandeEmail.objects.filter(pk=email.pk).update(onderwerp=onderwerp, tekst=tekst)
            gewijzigd += 1
    return verwijderd, gewijzigd


def bij_verwijderen(sender, instance, **kwargs) -> None:
    """A person's record or account is deleted (admin, cascade, shell): their name and
    address must not stay behind in the audit trail or the outbox. Any model that says what
    identifies a person (``persoonskenmerken`` and ``pseudoniem_na_verwijderen``, as
    ``Gebruiker`` and ``partners.Persoon`` do) is handled; one event records it, without
    the name."""
    kenmerken = getattr(instance, "persoonskenmerken", None)
    if kenmerken is None or instance.pk is None:
        return
    pseudoniem = instance.pseudoniem_na_verwijderen()
    lijst = kenmerken()
    gebeurtenissen = pseudonimiseer_gebeurtenissen(lijst, pseudoniem)
    adres = getattr(instance, "email", "")
    weg, aangepast = pseudonimiseer_emails(
        adressen=[adres] if adres else [], kenmerken=lijst, pseudoniem=pseudoniem
    )
    leg_vast(
        actie=Actie.PERSOONSGEGEVENS_GEWIST,
        omschrijving=_(
            "%(pseudoniem)s verwijderd; naam en e-mailadres zijn uit de teksten gehaald."
        )
        % {"pseudoniem": pseudoniem},
        gegevens={
            "model": instance._meta.label,
            "gebeurtenissen": len(gebeurtenissen),
            "emails_verwijderd": weg,
            "emails_aangepast": aangepast,
        },
    )


def verbind() -> None:
    """Connect the receiver (from the app's ``ready``)."""
    pre_delete.connect(bij_verwijderen, dispatch_uid="pseudoniem_bij_verwijderen")
