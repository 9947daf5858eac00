"""The checks of the regions app on their own: for the services, and for forms that
want to show a refusal next to a field before anything is saved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from partners.models import SCHOOLSOORTEN, Organisatie, Persoon, Vestiging

from ..models import (
    LOPENDE_DEELNAME,
    Bestuursorgaan,
    Deelname,
    Orgaansoort,
    Regio,
    Rol,
    Rolsoort,
)
from ..rules import BEWERKBARE_STATUSSEN

# Who takes part determines the budget, so the composition can change only while the
# programme manager builds the dossier; once submitted, the dossier is frozen.
SAMENSTELLING_OPEN = BEWERKBARE_STATUSSEN

# In the related STO scheme the penvoerder must be the school board of a participating
# school; Techkwadraat asks the same kind of accountable body, so schools and boards only.
PENVOERDER_SOORTEN = SCHOOLSOORTEN

# Membership roles that belong in a body of the matching kind.
ROL_IN_ORGAAN = {
    Rolsoort.STUURGROEPLID: {Orgaansoort.STUURGROEP},
    Rolsoort.ADVIESRAADLID: {Orgaansoort.ADVIESRAAD},
    Rolsoort.KERNGROEPLID: {Orgaansoort.KERNGROEP},
    Rolsoort.WERKGROEPLID: {
        Orgaansoort.WERKGROEP,
        Orgaansoort.PROJECTGROEP,
        Orgaansoort.IMPLEMENTATIEGROEP,
    },
}


def controleer_samenstelling_open(regio: Regio) -> None:
    if regio.pk and regio.status not in SAMENSTELLING_OPEN:
        raise ValidationError(
            _(
                "De regio %(regio)s heeft de status '%(status)s'; wie er meedoet kan nu niet "
                "worden gewijzigd."
            ),
            code="samenstelling_dicht",
            params={"regio": regio.naam, "status": regio.get_status_display()},
        )


def controleer_dossier_open(regio: Regio) -> None:
    """Refuse a change of a dossier that is submitted, in review or decided, with a reason a
    form can show before anything is saved; the services refuse it again under the lock."""
    if regio.pk and regio.status not in BEWERKBARE_STATUSSEN:
        raise ValidationError(
            _(
                "Het dossier van %(regio)s is %(status)s en ligt daarmee vast: wat de regio "
                "heeft ingediend, verandert niet meer. Dit kan nu niet worden gewijzigd."
            ),
            code="bevroren",
            params={"regio": regio.naam, "status": regio.get_status_display()},
        )


def controleer_vestiging_kan_meedoen(*, regio: Regio, vestiging: Vestiging) -> None:
    """Refuse a branch that left the register or already takes part this period.

    Works for a region that is not saved yet (a new region with its branches in one form)."""
    if not vestiging.in_register:
        raise ValidationError(
            _("%(vestiging)s staat niet meer in het scholenregister."),
            code="niet_in_register",
            params={"vestiging": vestiging},
        )
    elders = (
        Deelname.objects.filter(LOPENDE_DEELNAME, vestiging=vestiging, tijdvak=regio.tijdvak_id)
        .select_related("regio")
        .first()
    )
    if elders is None:
        return
    if regio.pk and elders.regio_id == regio.pk:
        raise ValidationError(
            _("%(vestiging)s doet al mee in deze regio."),
            code="vestiging_al_in_regio",
            params={"vestiging": vestiging},
        )
    raise ValidationError(
        _("%(vestiging)s doet in dit tijdvak al mee in de regio %(regio)s."),
        code="vestiging_in_andere_regio",
        params={"vestiging": vestiging, "regio": elders.regio.naam},
    )


def controleer_organisatie_kan_meedoen(*, regio: Regio, organisatie: Organisatie) -> None:
    if (
        regio.pk
        and Deelname.objects.filter(LOPENDE_DEELNAME, regio=regio, organisatie=organisatie).exists()
    ):
        raise ValidationError(
            _("%(organisatie)s doet al mee in deze regio."),
            code="organisatie_al_in_regio",
            params={"organisatie": organisatie.naam},
        )


def controleer_penvoerder(organisatie: Organisatie | None) -> None:
    if organisatie is None:
        raise ValidationError(
            _("De penvoerder is een organisatie, geen schoolvestiging."),
            code="penvoerder_geen_organisatie",
        )
    if organisatie.soort not in PENVOERDER_SOORTEN:
        raise ValidationError(
            _(
                "%(organisatie)s kan geen penvoerder zijn: dat is een %(soort)s. Kies een "
                "schoolbestuur (bevoegd gezag) of een school."
            ),
            code="penvoerder_soort",
            params={"organisatie": organisatie.naam, "soort": organisatie.get_soort_display()},
        )


def controleer_leerlingen(deelname: Deelname) -> None:
    """The eligible pupils a region states for a branch never exceed the register's total."""
    opgegeven = deelname.opgegeven_leerlingen
    if opgegeven is None:
        return
    if deelname.vestiging_id is None:
        raise ValidationError(
            _("Leerlingen geef je op bij een schoolvestiging, niet bij een organisatie."),
            code="leerlingen_bij_organisatie",
        )
    register = deelname.vestiging.leerlingen
    if register is not None and opgegeven > register:
        raise ValidationError(
            _("Opgegeven %(opgegeven)s leerlingen, maar het register telt er %(register)s."),
            code="leerlingen_boven_register",
            params={"opgegeven": opgegeven, "register": register},
        )


def controleer_rol(
    *,
    regio: Regio,
    persoon: Persoon,
    soort: str,
    orgaan: Bestuursorgaan | None = None,
    namens: Organisatie | None = None,
    behalve: Rol | None = None,
) -> None:
    """Refuse a role in a body of another region, a membership in a body of the wrong kind,
    on behalf of an organisation that does not take part, or one the person already has."""
    if orgaan is not None and orgaan.regio_id != regio.pk:
        raise ValidationError(
            _("%(orgaan)s hoort bij een andere regio."),
            code="orgaan_andere_regio",
            params={"orgaan": orgaan.naam},
        )
    passend = ROL_IN_ORGAAN.get(soort)
    if passend and orgaan is not None and orgaan.soort not in passend:
        raise ValidationError(
            _("Een %(rol)s hoort niet in %(orgaan)s (een %(soort)s)."),
            code="orgaan_past_niet",
            params={
                "rol": Rolsoort(soort).label,
                "orgaan": orgaan.naam,
                "soort": orgaan.get_soort_display(),
            },
        )
    # For a region created in the same form its partners are not saved yet: the service
    # checks again when it saves the role, after the partners.
    if (
        namens is not None
        and regio.pk is not None
        and not Deelname.objects.filter(LOPENDE_DEELNAME, regio=regio, organisatie=namens).exists()
    ):
        raise ValidationError(
            _("%(organisatie)s doet niet mee in deze regio; voeg de organisatie eerst toe."),
            code="namens_doet_niet_mee",
            params={"organisatie": namens.naam},
        )
    if regio.pk is None:
        # A region created in the same form has no roles to duplicate yet.
        return
    dubbel = Rol.objects.filter(regio=regio, persoon=persoon, soort=soort, orgaan=orgaan)
    if behalve is not None:
        dubbel = dubbel.exclude(pk=behalve.pk)
    if dubbel.exists():
        raise ValidationError(
            _("%(persoon)s is al %(rol)s in deze regio."),
            code="rol_bestaat",
            params={"persoon": persoon.volledige_naam, "rol": Rolsoort(soort).label},
        )


def controleer_orgaansoort(*, orgaan: Bestuursorgaan, soort: str) -> None:
    """Refuse a new kind for a body whose members' roles do not fit it."""
    if orgaan.pk is None:
        return
    for rol in orgaan.leden.select_related("persoon"):
        passend = ROL_IN_ORGAAN.get(rol.soort)
        if passend and soort not in passend:
            raise ValidationError(
                _("%(persoon)s is %(rol)s in dit orgaan; dat past niet bij een %(soort)s."),
                code="orgaan_past_niet",
                params={
                    "persoon": rol.persoon.volledige_naam,
                    "rol": rol.get_soort_display(),
                    "soort": Orgaansoort(soort).label,
                },
            )
