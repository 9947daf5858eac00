"""The region's lifecycle as data: its states, the transitions between them, and the one
service that performs a transition.

:data:`TOESTANDEN` says per status what it means for the dossier (may it be changed, does
the ministry have it, is it decided, ...); the region's properties (``regio.is_bewerkbaar``,
``regio.kan_heropenen``, ...) and the templates ask these, never the status string.

:data:`OVERGANGEN` lists every allowed transition: from which states, to which state, the
permission that decides who may take it (a django-rules permission registered with its
reasons through :mod:`ecosysteem.rechten`, by the app that owns the step), the audit action
it records and what it requires. :func:`voer_overgang_uit` is the only code that writes
``Regio.status`` (a test scans the source for other writes).

The states that come next are added here as rows, with the transitions into and out of
them: decision letter sent (``beschikt``), objection period (``bezwaartermijn``), progress
reports (``voortgang``), final account (``verantwoording``, ``vastgesteld``). A new state
gets a ``Regiostatus`` member (and a migration for its choices), a :class:`Toestand` row and
its transitions; templates and permissions follow from the flags.

The module sits below ``regios.models`` (the model derives its properties from the table),
so the service reaches the region's table through the instance's own manager.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecosysteem import rechten
from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebeurtenis


class Regiostatus(models.TextChoices):
    CONCEPT = "concept", gettext_lazy("concept")
    INGEDIEND = "ingediend", gettext_lazy("ingediend")
    IN_BEOORDELING = "in_beoordeling", gettext_lazy("in beoordeling")
    AANVULLING_GEVRAAGD = "aanvulling_gevraagd", gettext_lazy("aanvulling gevraagd")
    TOEGEKEND = "toegekend", gettext_lazy("toegekend")
    AFGEWEZEN = "afgewezen", gettext_lazy("afgewezen")


@dataclass(frozen=True)
class Toestand:
    """What a status means for the dossier."""

    status: Regiostatus
    # The programme manager may change the dossier (and so submit it).
    bewerkbaar: bool = False
    # The ministry has received it: the review pages exist, the overview links there.
    bij_ministerie: bool = False
    # Submitted, no reviewer yet.
    wacht_op_beoordelaar: bool = False
    # A reviewer is at work on it (assessing, asking, deciding).
    wordt_beoordeeld: bool = False
    # The reviewer asked questions; the region answers by submitting again.
    wacht_op_aanvulling: bool = False
    # A reviewer may be (re)assigned.
    toewijsbaar: bool = False
    # A decision was taken.
    besloten: bool = False
    # The public registration form of the region is open.
    neemt_aanmeldingen_aan: bool = True


TOESTANDEN: dict[str, Toestand] = {
    t.status.value: t
    for t in (
        Toestand(Regiostatus.CONCEPT, bewerkbaar=True),
        Toestand(
            Regiostatus.INGEDIEND,
            bij_ministerie=True,
            wacht_op_beoordelaar=True,
            toewijsbaar=True,
        ),
        Toestand(
            Regiostatus.IN_BEOORDELING,
            bij_ministerie=True,
            wordt_beoordeeld=True,
            toewijsbaar=True,
        ),
        Toestand(
            Regiostatus.AANVULLING_GEVRAAGD,
            bewerkbaar=True,
            bij_ministerie=True,
            wacht_op_aanvulling=True,
            toewijsbaar=True,
        ),
        Toestand(
            Regiostatus.TOEGEKEND,
            bij_ministerie=True,
            besloten=True,
            neemt_aanmeldingen_aan=False,
        ),
        Toestand(
            Regiostatus.AFGEWEZEN,
            bij_ministerie=True,
            besloten=True,
            neemt_aanmeldingen_aan=False,
        ),
        # Next: BESCHIKT (decision letter sent), BEZWAARTERMIJN, VOORTGANG (progress
        # reports), VERANTWOORDING (final account), VASTGESTELD.
    )
}


def toestand(status: str) -> Toestand:
    return TOESTANDEN[status]


def statussen(**vlaggen: bool) -> frozenset[str]:
    """The statuses whose flags match, e.g. ``statussen(bewerkbaar=True)``."""
    return frozenset(
        s for s, t in TOESTANDEN.items() if all(getattr(t, k) == v for k, v in vlaggen.items())
    )


BEWERKBARE_STATUSSEN = statussen(bewerkbaar=True)


@dataclass(frozen=True)
class Overgang:
    """An allowed transition of the region's status."""

    naam: str
    van: frozenset[str]
    naar: Regiostatus
    # The django-rules permission (registered with reasons) that decides who may take it.
    recht: str
    actie: Actie
    # A transition that needs a reason (reopening, questions, a decision's motivation)
    # refuses without one, with this message on the field ``reden_veld``.
    vereist_reden: Promise | str | None = None
    reden_veld: str = "reden"
    # Shown when the current status does not allow the transition.
    weigering: Promise | str | None = None

    def weigering_in(self, status_label: str) -> str:
        if self.weigering:
            return str(self.weigering)
        return _("Deze stap kan nu niet: het dossier is %(status)s.") % {"status": status_label}


OVERGANGEN: dict[str, Overgang] = {
    o.naam: o
    for o in (
        Overgang(
            naam="indienen",
            van=frozenset({Regiostatus.CONCEPT}),
            naar=Regiostatus.INGEDIEND,
            recht="regios.dossier_indienen",
            actie=Actie.DOSSIER_INGEDIEND,
        ),
        # Answering the reviewer's questions is submitting again: the review goes on.
        Overgang(
            naam="aanvulling_indienen",
            van=frozenset({Regiostatus.AANVULLING_GEVRAAGD}),
            naar=Regiostatus.IN_BEOORDELING,
            recht="regios.dossier_indienen",
            actie=Actie.DOSSIER_INGEDIEND,
        ),
        Overgang(
            naam="heropenen",
            van=frozenset({Regiostatus.INGEDIEND}),
            naar=Regiostatus.CONCEPT,
            recht="regios.dossier_heropenen",
            actie=Actie.DOSSIER_HEROPEND,
            vereist_reden=gettext_lazy("Geef aan waarom u het dossier heropent."),
            weigering=gettext_lazy(
                "Alleen een ingediend dossier dat nog niet in beoordeling is, kan worden heropend."
            ),
        ),
        # Assigning the first reviewer starts the review. Reassigning later is no
        # transition (the status stays); ``subsidie.services.beoordeling`` records it.
        Overgang(
            naam="beoordeling_starten",
            van=frozenset({Regiostatus.INGEDIEND}),
            naar=Regiostatus.IN_BEOORDELING,
            recht="subsidie.beoordelaar_toewijzen",
            actie=Actie.BEOORDELAAR_TOEGEWEZEN,
        ),
        Overgang(
            naam="aanvulling_vragen",
            van=frozenset({Regiostatus.IN_BEOORDELING}),
            naar=Regiostatus.AANVULLING_GEVRAAGD,
            recht="subsidie.aanvulling_vragen",
            actie=Actie.AANVULLING_GEVRAAGD,
            vereist_reden=gettext_lazy("Schrijf op welke informatie u nog nodig hebt."),
            reden_veld="vragen",
        ),
        Overgang(
            naam="toekennen",
            van=frozenset({Regiostatus.IN_BEOORDELING}),
            naar=Regiostatus.TOEGEKEND,
            # Taken when the decision letter is sent (subsidie.services.beoordeling);
            # drafting it changes no status.
            recht="subsidie.besluiten",
            actie=Actie.BESLUIT_GENOMEN,
            vereist_reden=gettext_lazy("Motiveer het besluit."),
            reden_veld="motivering",
        ),
        Overgang(
            naam="afwijzen",
            van=frozenset({Regiostatus.IN_BEOORDELING}),
            naar=Regiostatus.AFGEWEZEN,
            # Taken when the decision letter is sent (subsidie.services.beoordeling);
            # drafting it changes no status.
            recht="subsidie.besluiten",
            actie=Actie.BESLUIT_GENOMEN,
            vereist_reden=gettext_lazy("Motiveer het besluit."),
            reden_veld="motivering",
        ),
        # A sent decision is corrected by a new decision with its own letter; sending the
        # correction sets the status its outcome calls for.
        Overgang(
            naam="correctie_toekennen",
            van=frozenset({Regiostatus.TOEGEKEND, Regiostatus.AFGEWEZEN}),
            naar=Regiostatus.TOEGEKEND,
            recht="subsidie.besluit_corrigeren",
            actie=Actie.BESLUIT_GECORRIGEERD,
            vereist_reden=gettext_lazy("Motiveer het besluit."),
            reden_veld="motivering",
        ),
        Overgang(
            naam="correctie_afwijzen",
            van=frozenset({Regiostatus.TOEGEKEND, Regiostatus.AFGEWEZEN}),
            naar=Regiostatus.AFGEWEZEN,
            recht="subsidie.besluit_corrigeren",
            actie=Actie.BESLUIT_GECORRIGEERD,
            vereist_reden=gettext_lazy("Motiveer het besluit."),
            reden_veld="motivering",
        ),
        # Next: "bezwaar_..."
        # and the progress and final-account steps, each with its permission.
    )
}


def overgang(naam: str) -> Overgang:
    return OVERGANGEN[naam]


def mogelijk(naam: str, status: str) -> bool:
    """Whether the table allows transition ``naam`` from ``status`` (who may is apart)."""
    return status in OVERGANGEN[naam].van


def controleer_overgang(*, regio, overgang: Overgang | str, door) -> Overgang:
    """Refuse unless the table allows ``overgang`` from the region's status and ``door``
    has its permission. Who may never take the step hears that first (PermissionDenied
    with the permission's reason); then a status the table does not allow, then what else
    the permission asks of the dossier (both ValidationError with the reason)."""
    stap = OVERGANGEN[overgang] if isinstance(overgang, str) else overgang
    weigering = rechten.weigering(stap.recht, door, regio)
    if weigering is not None and weigering.is_rol:
        raise weigering.als_fout()
    if regio.status not in stap.van:
        raise ValidationError(stap.weigering_in(regio.get_status_display()), code="status")
    if weigering is not None:
        raise weigering.als_fout()
    return stap


def voer_overgang_uit(
    *,
    regio,
    overgang: Overgang | str,
    door,
    omschrijving: str,
    reden: str = "",
    onderwerp: models.Model | None = None,
    gegevens: dict[str, Any] | None = None,
) -> Gebeurtenis:
    """Take the region through ``overgang``: lock the row, check table and permission,
    write the status, raise the dossier's version and record the audit event (which queues
    the e-mails registered for its action). ``regio`` is updated in place.

    A caller that writes more in the same step (a submission, a decision) runs in its own
    transaction and calls this inside it, after its own checks."""
    stap = OVERGANGEN[overgang] if isinstance(overgang, str) else overgang
    with transaction.atomic():
        tabel = type(regio)._default_manager
        vergrendeld = tabel.select_for_update().get(pk=regio.pk)
        controleer_overgang(regio=vergrendeld, overgang=stap, door=door)
        reden = (reden or "").strip()
        if stap.vereist_reden and not reden:
            raise ValidationError({stap.reden_veld: str(stap.vereist_reden)})
        van = vergrendeld.status
        tabel.filter(pk=vergrendeld.pk).update(status=stap.naar, versie=F("versie") + 1)
        vergrendeld.refresh_from_db(fields=["status", "versie"])
        gebeurtenis = leg_vast(
            actie=stap.actie,
            omschrijving=omschrijving,
            door=door,
            onderwerp=onderwerp if onderwerp is not None else vergrendeld,
            regio=vergrendeld,
            van_status=van,
            naar_status=stap.naar,
            reden=reden,
            gegevens={"overgang": stap.naam, **(gegevens or {})},
        )
    regio.status = vergrendeld.status
    regio.versie = vergrendeld.versie
    return gebeurtenis
