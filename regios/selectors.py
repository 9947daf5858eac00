"""Reads of the regions app that cross relations: who holds which role now."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from partners.models import Aanmelding, Koppelverzoek, Koppelverzoekstatus, Organisatie

from .models import Deelnamestatus, Rol, Rolsoort


def programmamanager_adressen(regio, vandaag: datetime.date) -> list[str]:
    """E-mail addresses of the region's current programme managers."""
    return sorted(
        set(
            Rol.objects.filter(regio=regio, soort=Rolsoort.PROGRAMMAMANAGER)
            .filter(
                Q(startdatum__isnull=True) | Q(startdatum__lte=vandaag),
                Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag),
            )
            .exclude(persoon__email="")
            .values_list("persoon__email", flat=True)
        )
    )


def lopende_rol(vandaag: datetime.date | None = None) -> Q:
    """Roles that hold today (as ``regios.rules.regiorollen`` reads them)."""
    vandaag = vandaag or timezone.localdate()
    return (Q(startdatum__isnull=True) | Q(startdatum__lte=vandaag)) & (
        Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag)
    )


def erkende_contactrol() -> Exists:
    """Contact roles that count: not those whose person asked to act for the role's
    organisation and has not (or not yet) been let in by its contact or an administrator
    (:class:`partners.models.Koppelverzoek`). Use negated: ``filter(~erkende_contactrol())``
    would give the ones waiting; ``filter(erkende_contactrol())`` the ones that hold."""
    return ~Exists(
        Koppelverzoek.objects.filter(
            persoon=OuterRef("persoon"),
            organisatie=Coalesce(OuterRef("namens"), OuterRef("persoon__organisatie")),
        ).exclude(status=Koppelverzoekstatus.GOEDGEKEURD)
    )


def contactrollen(gebruiker) -> QuerySet[Rol]:
    """The user's current roles as contact person of a partner, for the organisations the
    user may act for (see :func:`erkende_contactrol`)."""
    return Rol.objects.filter(
        lopende_rol(),
        erkende_contactrol(),
        persoon__gebruiker=gebruiker,
        soort=Rolsoort.CONTACTPERSOON,
    )


def rolhouder_adressen(regio, vandaag: datetime.date, *, behalve: int | None = None) -> list[str]:
    """E-mail addresses of everybody with a current role in the region and an active
    account (the scan and the dossier need a login), leaving out the user ``behalve``. A
    contact role counts once its person was let in (:func:`erkende_contactrol`)."""
    rollen = (
        Rol.objects.filter(lopende_rol(vandaag), regio=regio, persoon__gebruiker__is_active=True)
        .exclude(persoon__email="")
        .exclude(persoon__gebruiker_id=behalve)
    )
    overige = rollen.exclude(soort=Rolsoort.CONTACTPERSOON)
    contacten = rollen.filter(erkende_contactrol(), soort=Rolsoort.CONTACTPERSOON)
    return sorted(
        set(overige.values_list("persoon__email", flat=True))
        | set(contacten.values_list("persoon__email", flat=True))
    )


def contactpersoon_adressen(organisatie: Organisatie, vandaag: datetime.date) -> list[str]:
    """E-mail addresses of the people who may act for ``organisatie`` now: a current contact
    role for it in some region, and let in if they had to ask."""
    return sorted(
        set(
            Rol.objects.filter(
                lopende_rol(vandaag),
                erkende_contactrol(),
                namens(organisatie),
                soort=Rolsoort.CONTACTPERSOON,
            )
            .exclude(persoon__email="")
            .values_list("persoon__email", flat=True)
        )
    )


def bestaande_organisaties(aanmeldingen: Iterable[Aanmelding]) -> dict[int, Organisatie]:
    """Per registration (by id) the organisation already in the portal that it is about:
    the one with its KvK number, or for a school the one with the branch's BRIN number and
    the same name. Each comes with ``aantal_regios``, the regions it takes part in now. At
    most two queries, however many registrations."""
    aanmeldingen = list(aanmeldingen)
    lopend = [Deelnamestatus.AANGEMELD, Deelnamestatus.ACTIEF]
    met_regios = Organisatie.objects.annotate(
        aantal_regios=Count(
            "deelnames__regio", filter=Q(deelnames__status__in=lopend), distinct=True
        )
    )
    gevonden: dict[int, Organisatie] = {}
    kvk = {a.kvk_nummer for a in aanmeldingen if a.kvk_nummer}
    if kvk:
        per_kvk = {o.kvk_nummer: o for o in met_regios.filter(kvk_nummer__in=kvk)}
        for a in aanmeldingen:
            if a.kvk_nummer in per_kvk:
                gevonden[a.pk] = per_kvk[a.kvk_nummer]
    scholen = [a for a in aanmeldingen if not a.kvk_nummer and a.vestiging_id]
    if scholen:
        brins = {a.vestiging.brin_nummer for a in scholen}
        per_brin: dict[tuple[str, str], Organisatie] = {}
        for o in met_regios.filter(brin_nummer__in=brins).order_by("pk"):
            per_brin.setdefault((o.brin_nummer, o.naam.lower()), o)
        for a in scholen:
            o = per_brin.get((a.vestiging.brin_nummer, a.naam.lower()))
            if o is not None:
                gevonden[a.pk] = o
    return gevonden


def namens(organisatie: Organisatie) -> Q:
    """Roles on behalf of ``organisatie``: as the role says, or, for a role that names no
    organisation, the person's own."""
    return Q(namens=organisatie) | Q(namens__isnull=True, persoon__organisatie=organisatie)


def erkende_contactadressen(emails: Iterable[str]) -> set[tuple[str, int]]:
    """Which of these e-mail addresses belong to a person who may act for an organisation
    now, as ``(address in lower case, organisation id)``. One query."""
    emails = {e.lower() for e in emails if e}
    if not emails:
        return set()
    rijen = (
        Rol.objects.filter(lopende_rol(), erkende_contactrol(), soort=Rolsoort.CONTACTPERSOON)
        .annotate(adres=Lower("persoon__email"))
        .filter(adres__in=emails)
        .values_list("adres", "namens_id", "persoon__organisatie_id")
    )
    return {(email.lower(), namens_id or eigen_id) for email, namens_id, eigen_id in rijen}


def koppelverzoeken_van(
    gebruiker, organisatie_ids: Iterable[int]
) -> tuple[list[Koppelverzoek], list[Koppelverzoek]]:
    """For "Mijn organisatie", in one query: the user's own requests that are not (yet)
    approved, and the open requests of others to act for the organisations the user acts
    for (``organisatie_ids``), with who asks and where they registered."""
    if not gebruiker or not gebruiker.is_authenticated:
        return [], []
    ids = list(organisatie_ids)
    eigen = Q(persoon__gebruiker=gebruiker) & ~Q(status=Koppelverzoekstatus.GOEDGEKEURD)
    anderen = Q(organisatie_id__in=ids, status=Koppelverzoekstatus.OPEN) & ~Q(
        persoon__gebruiker=gebruiker
    )
    rijen = list(
        Koppelverzoek.objects.filter(eigen | anderen if ids else eigen)
        .select_related("organisatie", "persoon", "regio")
        .order_by("aangemaakt_op", "pk")
    )
    van_mij = [v for v in rijen if v.persoon.gebruiker_id == gebruiker.pk]
    return van_mij, [v for v in rijen if v.persoon.gebruiker_id != gebruiker.pk]
