"""The region's activity plan: adding, changing and removing activities (the reads, and
how the plan covers the compass, are in :mod:`kompas.selectors`).

Writes run inside :func:`regios.bewerken.dossier_wijziging` (permission, frozen dossier,
version lock), check everything that refers outside the activity against the locked region,
write the row and its many-to-many links in the same transaction, and record an audit event.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.opmaak import schooljaar_label
from partners.models import Organisatie
from regios.bewerken import dossier_wijziging
from regios.models import LOPENDE_DEELNAME, Regio

from .models import Activiteit, Doelgroep, Kompaspunt
from .selectors import deelnemende_vestigingen

# --- writes ----------------------------------------------------------------------------


def _gegevens(a: Activiteit) -> dict:
    """What an audit event keeps of an activity (names, not only ids, so it stays readable
    after the partner or compass point is renamed or removed)."""
    return {
        "titel": a.titel,
        "beschrijving": a.beschrijving,
        "kompaspunten": [p.naam for p in a.kompaspunten.all()],
        "interventieniveau": a.interventieniveau,
        "doelgroepen": list(a.doelgroepen),
        "partners": [o.naam for o in a.partners.all()],
        "schooljaren": list(a.schooljaren),
        "bereik_leerlingen": a.bereik_leerlingen,
        "bereik_vestigingen": a.bereik_vestigingen,
        "begrotingsregels": [r.pk for r in a.begrotingsregels.all()],
    }


def _eigen_activiteit(activiteit: Activiteit, regio: Regio) -> Activiteit:
    """The stored activity, locked; refused when it belongs to another region."""
    if activiteit.regio_id != regio.pk:
        raise PermissionDenied
    try:
        return Activiteit.objects.select_for_update().get(pk=activiteit.pk, regio=regio)
    except Activiteit.DoesNotExist:
        raise ValidationError(
            _("Deze activiteit bestaat niet meer; iemand anders heeft die verwijderd."),
            code="verdwenen",
        ) from None


def _controleer_verwijzingen(
    regio: Regio,
    *,
    kompaspunten: list[Kompaspunt],
    doelgroepen: list[str],
    partners: list[Organisatie],
    schooljaren: list[int],
    begrotingsregels: list[Model],
    huidige_punten: set[int],
    bereik_vestigingen: int,
) -> dict[str, list[str]]:
    """Everything that points outside the activity, checked against the locked region."""
    fouten: dict[str, list[str]] = {}

    if bereik_vestigingen:
        deelnemend = deelnemende_vestigingen(regio)
        if bereik_vestigingen > deelnemend:
            fouten["bereik_vestigingen"] = [
                ngettext(
                    "Er doet %(aantal)s schoolvestiging mee in de regio; een activiteit kan "
                    "niet meer vestigingen bereiken.",
                    "Er doen %(aantal)s schoolvestigingen mee in de regio; een activiteit kan "
                    "niet meer vestigingen bereiken.",
                    deelnemend,
                )
                % {"aantal": deelnemend}
            ]

    if not kompaspunten:
        fouten["kompaspunten"] = [_("Kies minstens één kompaspunt.")]
    else:
        # A point that was unpublished after the activity chose it may stay; a new choice
        # must be a published point.
        gepubliceerd = set(
            Kompaspunt.objects.filter(
                pk__in=[p.pk for p in kompaspunten], gepubliceerd=True
            ).values_list("pk", flat=True)
        )
        if any(p.pk not in gepubliceerd | huidige_punten for p in kompaspunten):
            fouten["kompaspunten"] = [_("Kies kompaspunten uit de lijst.")]

    if not doelgroepen:
        fouten["doelgroepen"] = [_("Kies minstens één doelgroep.")]
    elif set(doelgroepen) - set(Doelgroep.values):
        fouten["doelgroepen"] = [_("Kies doelgroepen uit de lijst.")]

    if partners:
        deelnemend = set(
            regio.deelnames.filter(
                LOPENDE_DEELNAME, organisatie__in=[o.pk for o in partners]
            ).values_list("organisatie_id", flat=True)
        )
        buiten = [o.naam for o in partners if o.pk not in deelnemend]
        if buiten:
            fouten["partners"] = [
                ngettext(
                    "%(namen)s doet niet mee in de regio. Voeg de organisatie eerst toe "
                    "onder Partners.",
                    "%(namen)s doen niet mee in de regio. Voeg de organisaties eerst toe "
                    "onder Partners.",
                    len(buiten),
                )
                % {"namen": ", ".join(buiten)}
            ]

    eerste = regio.tijdvak.eerste_schooljaar
    laatste = eerste + regio.tijdvak.aantal_schooljaren - 1
    if not schooljaren:
        fouten["schooljaren"] = [_("Kies minstens één schooljaar.")]
    elif any(not eerste <= j <= laatste for j in schooljaren):
        fouten["schooljaren"] = [
            _("Kies schooljaren binnen het tijdvak: %(van)s tot en met %(tot)s.")
            % {"van": schooljaar_label(eerste), "tot": schooljaar_label(laatste)}
        ]

    if begrotingsregels:
        eigen = set(
            regio.begrotingsregels.filter(pk__in=[r.pk for r in begrotingsregels]).values_list(
                "pk", flat=True
            )
        )
        if any(r.pk not in eigen for r in begrotingsregels):
            fouten["begrotingsregels"] = [
                _("Kies begrotingsregels van de begroting van deze regio.")
            ]
    return fouten


def sla_activiteit_op(
    *,
    regio: Regio,
    door,
    titel: str,
    beschrijving: str,
    kompaspunten: Iterable[Kompaspunt],
    interventieniveau: str,
    doelgroepen: Iterable[str],
    partners: Iterable[Organisatie] = (),
    schooljaren: Iterable[int],
    bereik_leerlingen: int = 0,
    bereik_vestigingen: int = 0,
    begrotingsregels: Iterable[Model] = (),
    activiteit: Activiteit | None = None,
    versie: int | None = None,
) -> Activiteit:
    """Add an activity to the region's plan, or change ``activiteit``. Every problem is
    reported at once, per field; nothing is written unless all of it is right."""
    kompaspunten = list(dict.fromkeys(kompaspunten))
    partners = list(dict.fromkeys(partners))
    begrotingsregels = list(dict.fromkeys(begrotingsregels))
    volgorde = {code: i for i, code in enumerate(Doelgroep.values)}
    doelgroepen = sorted(set(doelgroepen), key=lambda d: (volgorde.get(d, len(volgorde)), d))
    schooljaren = sorted(set(schooljaren))
    with dossier_wijziging(regio=regio, door=door, versie=versie) as vergrendeld:
        nieuw = activiteit is None
        if nieuw:
            rij = Activiteit(regio=vergrendeld)
            van = None
            huidige_punten: set[int] = set()
        else:
            # Work on the stored row, not the caller's copy: a refusal then leaves the
            # caller's object as it was, and the audit event records what was stored.
            rij = _eigen_activiteit(activiteit, vergrendeld)
            van = _gegevens(rij)
            huidige_punten = set(rij.kompaspunten.values_list("pk", flat=True))
        fouten = _controleer_verwijzingen(
            vergrendeld,
            kompaspunten=kompaspunten,
            doelgroepen=doelgroepen,
            partners=partners,
            schooljaren=schooljaren,
            begrotingsregels=begrotingsregels,
            huidige_punten=huidige_punten,
            bereik_vestigingen=bereik_vestigingen,
        )
        rij.titel = titel.strip()
        if (
            rij.titel
            and Activiteit.objects.filter(regio=vergrendeld, titel__iexact=rij.titel)
            .exclude(pk=rij.pk)
            .exists()
        ):
            fouten["titel"] = [_("Deze regio heeft al een activiteit met deze titel.")]
        rij.beschrijving = beschrijving.strip()
        rij.interventieniveau = interventieniveau
        rij.doelgroepen = doelgroepen
        rij.schooljaren = schooljaren
        rij.bereik_leerlingen = bereik_leerlingen
        rij.bereik_vestigingen = bereik_vestigingen
        try:
            rij.full_clean(exclude=list(fouten))
        except ValidationError as fout:
            for veld, berichten in fout.message_dict.items():
                # The model checks the target groups again; the message above is the
                # more precise one, so one field gets one message.
                fouten.setdefault(veld, berichten)
        if fouten:
            raise ValidationError(fouten)
        rij.save()
        rij.kompaspunten.set(kompaspunten)
        rij.partners.set(partners)
        rij.begrotingsregels.set(begrotingsregels)
        leg_vast(
            actie=Actie.ACTIVITEIT_TOEGEVOEGD if nieuw else Actie.ACTIVITEIT_GEWIJZIGD,
            omschrijving=(
                _("Activiteit %(titel)s toegevoegd.")
                if nieuw
                else _("Activiteit %(titel)s gewijzigd.")
            )
            % {"titel": rij.titel},
            door=door,
            onderwerp=rij,
            regio=vergrendeld,
            gegevens={"van": van, "naar": _gegevens(rij)},
        )
    return rij


def verwijder_activiteit(*, activiteit: Activiteit, door, versie: int | None = None) -> None:
    """Remove an activity from the plan; the audit event keeps what it was. The budget
    lines it pointed to stay in the budget."""
    with dossier_wijziging(regio=activiteit.regio, door=door, versie=versie) as regio:
        rij = _eigen_activiteit(activiteit, regio)
        leg_vast(
            actie=Actie.ACTIVITEIT_VERWIJDERD,
            omschrijving=_("Activiteit %(titel)s verwijderd.") % {"titel": rij.titel},
            door=door,
            onderwerp=rij,
            regio=regio,
            gegevens={"van": _gegevens(rij)},
        )
        rij.delete()
