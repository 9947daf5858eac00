"""Who is told what about each audited step of a dossier's submission and review.

:func:`berichten` turns one audit event (``ecosysteem.Gebeurtenis``) into the e-mails it
calls for, one per recipient; :func:`meld_stap`, registered for the actions of
:data:`STAPPEN` in :class:`subsidie.apps.SubsidieConfig`, puts them in the outbox
(:mod:`ecosysteem.outbox`) inside the step's transaction, and the worker sends them once.

| actie | ontvangers |
|---|---|
| ``dossier.ingediend`` (first time) | programme managers (confirmation); decision makers |
| ``dossier.ingediend`` (answering questions) | programme managers (confirmation) |
| ``dossier.heropend`` | programme managers |
| ``beoordeling.toegewezen`` | new and previous reviewer; PMs when the review starts |
| ``aanvulling.gevraagd`` | programme managers, with the questions |
| ``aanvulling.beantwoord`` | the dossier's reviewer, with the answer |
| ``beoordeling.vastgelegd`` | decision makers except the dossier's reviewer (four eyes) |
| ``besluit.genomen`` | PMs (outcome, amount, motivation, link to the letter); the reviewer |
| ``besluit.gecorrigeerd`` | the same, naming the decision it corrects |
| ``cofinanciering.*`` by a partner's contact (Mijn organisatie) | programme managers |

Choices made:

- A first submission goes to the decision makers, who distribute the work, and not to every
  reviewer: reviewers hear of a dossier when it is assigned to them.
- A resubmission that answers questions records two events; the reviewer gets one mail,
  the one of ``aanvulling.beantwoord``, which carries the answer.
- Programme managers get their mail also when they took the step themselves: it is the
  receipt of a formal step of the application, and it goes to all of them alike. Ministry
  staff never get a mail about a step they took themselves.
- Reassigning a dossier tells the new reviewer, and the previous one (whose assessment, if
  any, lapses); the programme managers heard that the review started at the first
  assignment.
- A pledge that a partner's contact person adds, changes or removes on Mijn organisatie is
  told to the programme managers (who answer for the co-financing in the dossier); their
  own changes on the dossier's page are not.
- Recipients and text are decided at the moment of the step and stored in the outbox, so a
  retry later sends the same e-mail to the same people. Programme managers are those with
  a current role on the day of the event. Content comes from the event (``reden``,
  ``gegevens``) where it holds a snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ecosysteem.models import Actie, Gebeurtenis, Gebruiker
from ecosysteem.opmaak import euro
from ecosysteem.outbox import Email, absoluut, leg_klaar
from ecosysteem.rollen import BESLUITVORMERS
from regios.models import Regio, Regiostatus
from regios.selectors import programmamanager_adressen

from .models import Aanvullingsverzoek, Beoordeling, Besluit, Besluituitkomst, Indiening


@dataclass(frozen=True)
class Ontvanger:
    email: str
    naam: str = ""  # ministry staff are greeted by name, programme managers by role


# --- links ----------------------------------------------------------------------------


def dossierpagina(regio: Regio) -> str:
    return absoluut(reverse("subsidie:dossier", kwargs={"slug": regio.slug}))


def indienpagina(regio: Regio) -> str:
    return absoluut(reverse("subsidie:indienen", kwargs={"slug": regio.slug}))


def beoordelingspagina(regio: Regio) -> str:
    """Where the review of the region stands, with the next step for whoever takes it."""
    return absoluut(reverse("subsidie:beoordeling_stand", kwargs={"slug": regio.slug}))


# --- recipients -----------------------------------------------------------------------


def programmamanagers(gebeurtenis: Gebeurtenis) -> list[Ontvanger]:
    vandaag = timezone.localdate(gebeurtenis.tijdstip)
    return [Ontvanger(adres) for adres in programmamanager_adressen(gebeurtenis.regio, vandaag)]


def medewerkers(gebruikers: Iterable[Gebruiker], *, behalve: Iterable[int | None] = ()):
    """Active ministry staff with an e-mail address, leaving out the users ``behalve``."""
    uitgesloten = {pk for pk in behalve if pk is not None}
    return [
        Ontvanger(g.email, str(g))
        for g in gebruikers
        if g.is_active and g.email and g.pk not in uitgesloten
    ]


def besluitvormers(*, behalve: Iterable[int | None] = ()) -> list[Ontvanger]:
    return medewerkers(
        Gebruiker.objects.filter(groups__name=BESLUITVORMERS).distinct().order_by("email"),
        behalve=behalve,
    )


def beoordelaar_van(regio: Regio, *, behalve: Iterable[int | None] = ()) -> list[Ontvanger]:
    beoordeling = Beoordeling.objects.filter(regio=regio).select_related("beoordelaar").first()
    if beoordeling is None or beoordeling.beoordelaar is None:
        return []
    return medewerkers([beoordeling.beoordelaar], behalve=behalve)


# --- one function per audited step ----------------------------------------------------

# What a step produces: (soort, onderwerp, context, ontvangers) per group of recipients.
# ``soort`` names the template ``email/melding_<soort>.txt``.
Groep = tuple[str, str, dict, list[Ontvanger]]


def _ingediend(g: Gebeurtenis) -> list[Groep]:
    regio = g.regio
    indiening = Indiening.objects.filter(pk=g.gegevens.get("indiening")).first()
    aanvulling = g.van_status == Regiostatus.AANVULLING_GEVRAAGD
    context = {
        "indiening": indiening,
        "versie": g.gegevens.get("versie"),
        "maximale_subsidie": euro(indiening.maximale_subsidie) if indiening else "",
        "aanvulling": aanvulling,
    }
    onderwerp = (
        _("Aangevuld dossier van %(regio)s ingediend (versie %(versie)s)")
        if aanvulling
        else _("Dossier van %(regio)s ingediend (versie %(versie)s)")
    ) % {"regio": regio.naam, "versie": context["versie"]}
    groepen = [
        (
            "dossier_ingediend",
            onderwerp,
            {**context, "link": dossierpagina(regio)},
            programmamanagers(g),
        )
    ]
    if not aanvulling:
        groepen.append(
            (
                "dossier_nieuw",
                _("Nieuw dossier ingediend: %(regio)s") % {"regio": regio.naam},
                {**context, "link": beoordelingspagina(regio)},
                besluitvormers(behalve=[g.door_id]),
            )
        )
    return groepen


def _heropend(g: Gebeurtenis) -> list[Groep]:
    return [
        (
            "dossier_heropend",
            _("Dossier van %(regio)s heropend") % {"regio": g.regio.naam},
            {"reden": g.reden, "link": dossierpagina(g.regio)},
            programmamanagers(g),
        )
    ]


def _toegewezen(g: Gebeurtenis) -> list[Groep]:
    regio = g.regio
    beoordelaar = Gebruiker.objects.filter(pk=g.gegevens.get("beoordelaar")).first()
    groepen = [
        (
            "beoordeling_toegewezen",
            _("Dossier van %(regio)s is aan u toegewezen") % {"regio": regio.naam},
            {"link": beoordelingspagina(regio)},
            medewerkers([beoordelaar] if beoordelaar else [], behalve=[g.door_id]),
        )
    ]
    vorige = Gebruiker.objects.filter(pk=g.gegevens.get("vorige_id")).first()
    if vorige is not None and vorige != beoordelaar:
        groepen.append(
            (
                "beoordeling_overgedragen",
                _("Dossier van %(regio)s is aan een andere beoordelaar gegeven")
                % {"regio": regio.naam},
                {
                    "link": beoordelingspagina(regio),
                    "nieuwe_beoordelaar": str(beoordelaar) if beoordelaar else "",
                    "vervallen": g.gegevens.get("beoordeling_vervallen", False),
                },
                medewerkers([vorige], behalve=[g.door_id]),
            )
        )
    if g.van_status == Regiostatus.INGEDIEND:
        groepen.append(
            (
                "beoordeling_begonnen",
                _("De beoordeling van het dossier van %(regio)s is begonnen")
                % {"regio": regio.naam},
                {"link": dossierpagina(regio)},
                programmamanagers(g),
            )
        )
    return groepen


def _aanvulling_gevraagd(g: Gebeurtenis) -> list[Groep]:
    return [
        (
            "aanvulling_gevraagd",
            _("Aanvulling gevraagd op het dossier van %(regio)s") % {"regio": g.regio.naam},
            {"vragen": g.reden, "link": indienpagina(g.regio)},
            programmamanagers(g),
        )
    ]


def _aanvulling_beantwoord(g: Gebeurtenis) -> list[Groep]:
    verzoek = (
        Aanvullingsverzoek.objects.filter(pk=g.onderwerp_id or None)
        .select_related("beantwoord_met")
        .first()
    )
    versie = verzoek.beantwoord_met.versie if verzoek and verzoek.beantwoord_met else None
    return [
        (
            "aanvulling_beantwoord",
            _("Vragen beantwoord: dossier van %(regio)s") % {"regio": g.regio.naam},
            {"antwoord": g.reden, "versie": versie, "link": beoordelingspagina(g.regio)},
            beoordelaar_van(g.regio, behalve=[g.door_id]),
        )
    ]


def _beoordeling_vastgelegd(g: Gebeurtenis) -> list[Groep]:
    beoordeling = Beoordeling.objects.filter(regio=g.regio).first()
    scores = [s for s in g.gegevens.values() if isinstance(s, int)]
    return [
        (
            "beoordeling_vastgelegd",
            _("Dossier van %(regio)s is beoordeeld en wacht op een besluit")
            % {"regio": g.regio.naam},
            {"totaal": sum(scores), "link": beoordelingspagina(g.regio)},
            besluitvormers(
                behalve=[g.door_id, beoordeling.beoordelaar_id if beoordeling else None]
            ),
        )
    ]


def briefpagina(besluit: Besluit) -> str:
    """The sent letter as the region reads it."""
    return absoluut(
        reverse(
            "subsidie:beschikking",
            kwargs={"slug": besluit.regio.slug, "kenmerk": besluit.kenmerk},
        )
    )


def _besluit(g: Gebeurtenis) -> list[Groep]:
    """Sending a decision letter, or a correction: the outcome, the reasons and a link to
    the letter."""
    besluit = (
        Besluit.objects.filter(pk=g.onderwerp_id or None)
        .select_related("regio", "corrigeert")
        .first()
    )
    if besluit is None:
        return []
    context = {
        "toegekend": besluit.uitkomst == Besluituitkomst.TOEKENNEN,
        "bedrag": euro(besluit.bedrag),
        "motivering": besluit.motivering,
        "kenmerk": besluit.kenmerk,
        "corrigeert": besluit.corrigeert.kenmerk if besluit.corrigeert else "",
        "bezwaar_tot": besluit.bezwaar_tot,
        "brief": briefpagina(besluit),
    }
    return [
        (
            "besluit_genomen",
            _("Besluit over de subsidieaanvraag van %(regio)s") % {"regio": g.regio.naam},
            {**context, "link": dossierpagina(g.regio)},
            programmamanagers(g),
        ),
        (
            "besluit_beoordelaar",
            _("Besluit genomen over het dossier van %(regio)s") % {"regio": g.regio.naam},
            {**context, "link": beoordelingspagina(g.regio)},
            beoordelaar_van(g.regio, behalve=[g.door_id]),
        ),
    ]


def _toezeggingsregel(gegevens: dict | None) -> str:
    """One pledge as the audit event keeps it: school year, description, value."""
    if not gegevens:
        return ""
    jaar = gegevens.get("schooljaar", "")
    waarde = euro(Decimal(gegevens.get("waarde") or "0"))
    return f"{jaar}: {gegevens.get('omschrijving', '')} ({waarde})"


def _toezegging(g: Gebeurtenis) -> list[Groep]:
    """A partner changed its pledge itself; the programme managers' own edits mail nobody."""
    if not g.gegevens.get("door_contactpersoon"):
        return []
    partner = (g.gegevens.get("naar") or g.gegevens.get("van") or {}).get("partner", "")
    return [
        (
            "toezegging_gewijzigd",
            _("%(partner)s heeft de cofinanciering voor %(regio)s aangepast")
            % {"partner": partner, "regio": g.regio.naam},
            {
                "partner": partner,
                "omschrijving": g.omschrijving,
                "van": _toezeggingsregel(g.gegevens.get("van")),
                "naar": _toezeggingsregel(g.gegevens.get("naar")),
                "link": absoluut(reverse("subsidie:cofinanciering", kwargs={"slug": g.regio.slug})),
            },
            programmamanagers(g),
        )
    ]


STAPPEN: dict[str, Callable[[Gebeurtenis], list[Groep]]] = {
    Actie.COFINANCIERING_TOEGEVOEGD: _toezegging,
    Actie.COFINANCIERING_GEWIJZIGD: _toezegging,
    Actie.COFINANCIERING_VERWIJDERD: _toezegging,
    Actie.DOSSIER_INGEDIEND: _ingediend,
    Actie.DOSSIER_HEROPEND: _heropend,
    Actie.BEOORDELAAR_TOEGEWEZEN: _toegewezen,
    Actie.AANVULLING_GEVRAAGD: _aanvulling_gevraagd,
    Actie.AANVULLING_BEANTWOORD: _aanvulling_beantwoord,
    Actie.BEOORDELING_VASTGELEGD: _beoordeling_vastgelegd,
    Actie.BESLUIT_GENOMEN: _besluit,
    Actie.BESLUIT_GECORRIGEERD: _besluit,
}


def berichten(gebeurtenis: Gebeurtenis) -> list[Email]:
    """The e-mails that ``gebeurtenis`` calls for, at most one per address (the first
    group that names an address wins); none for other events or events without a region."""
    stap = STAPPEN.get(gebeurtenis.actie)
    if stap is None or gebeurtenis.regio is None:
        return []
    uitkomst: list[Email] = []
    gezien: set[str] = set()
    with translation.override(settings.LANGUAGE_CODE):
        for soort, onderwerp, context, ontvangers in stap(gebeurtenis):
            for ontvanger in ontvangers:
                sleutel = ontvanger.email.strip().lower()
                if not sleutel or sleutel in gezien:
                    continue
                gezien.add(sleutel)
                tekst = render_to_string(
                    f"email/melding_{soort}.txt",
                    {
                        **context,
                        "regio": gebeurtenis.regio,
                        "gebeurtenis": gebeurtenis,
                        "naam": ontvanger.naam,
                    },
                )
                uitkomst.append(
                    Email(ontvanger.email.strip(), f"melding_{soort}", str(onderwerp), tekst)
                )
    return uitkomst


def meld_stap(gebeurtenis: Gebeurtenis) -> None:
    """Put the e-mails of a review step in the outbox, in the step's transaction."""
    leg_klaar(berichten(gebeurtenis), gebeurtenis=gebeurtenis)
