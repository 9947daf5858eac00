"""Hidden characters in text: every form of the portal (its pages and its admin) refuses line
breaks, control characters, reversals of the reading direction and zero-width characters in
a one-line field, with a Dutch message naming what is wrong, and writes nothing."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse

from ecosysteem.formulieren import (
    BewaakteTekstMixin,
    eenregelige_tekst,
    is_tekstveld,
    meerregelige_tekst,
    verborgen_teken,
)
from ecosysteem.models import Gebeurtenis
from ecosysteem.rollen import BEHEERDERS
from partners.models import Aanmelding
from regios.models import Regio
from tests.dossiers import leeg_dossier
from tests.factories import DeelnameFactory, GebruikerFactory, VestigingFactory
from tests.partners.test_aanmelding import aanmelden

APPS = ("ecosysteem", "partners", "regios", "kompas", "subsidie")

# One of each kind, with the words the message uses for it.
EENREGELIG_GEWEIGERD = {
    "Techregio\nNoord": "één regel",
    "Techregio\r\nNoord": "één regel",
    "Techregio\u2028Noord": "één regel",
    "Tech\tregio": "stuurteken (U+0009)",
    "Tech\x07regio": "stuurteken (U+0007)",
    "Techregio \u202eDRON": "leesrichting van de tekst omdraait (U+202E)",
    "Techregio \u2066Noord\u2069": "leesrichting van de tekst omdraait (U+2066)",
    "Tech\u200bregio": "zonder breedte (U+200B)",
    "Tech\u200dregio": "zonder breedte (U+200D)",
    "Tech\u2060regio": "zonder breedte (U+2060)",
    "Tech\ufeffregio": "zonder breedte (U+FEFF)",
}


def test_the_check_names_the_first_hidden_character_and_its_kind():
    assert verborgen_teken("Techregio Noord") is None
    assert verborgen_teken("Ça va, 's-Hertogenbosch – Zuid") is None
    assert verborgen_teken("a\u202ab\nc") == ("\u202a", "leesrichting")
    assert verborgen_teken("a\nb") == ("\n", "regeleinde")
    # Several lines: line breaks and tabs belong there, reversals and bells do not.
    assert verborgen_teken("Eerste regel\r\nTweede\tregel", meerregelig=True) is None
    assert verborgen_teken("👩\u200d🔬", meerregelig=True) is None
    assert verborgen_teken("a\u202eb", meerregelig=True) == ("\u202e", "leesrichting")
    assert verborgen_teken("a\x1bb", meerregelig=True) == ("\x1b", "stuurteken")


@pytest.mark.parametrize(("tekst", "melding"), EENREGELIG_GEWEIGERD.items())
def test_a_one_line_field_refuses_the_character_with_a_dutch_message(tekst, melding):
    with pytest.raises(forms.ValidationError) as fout:
        eenregelige_tekst(tekst)
    assert melding in fout.value.messages[0]


def test_a_field_of_several_lines_keeps_its_line_breaks():
    meerregelige_tekst("Visie:\n- maken\n- onderzoeken")
    with pytest.raises(forms.ValidationError):
        meerregelige_tekst("Visie \u202eDRON")


# --- every form of the portal -------------------------------------------------------------


def formulierklassen() -> list[type[forms.BaseForm]]:
    """Every form class the apps define (mixins that are not forms themselves excluded)."""
    gevonden = []
    for app in APPS:
        pakket = importlib.import_module(app)
        for module in pkgutil.walk_packages(pakket.__path__, f"{app}."):
            if any(deel in module.name for deel in ("migrations", "settings", "testing")):
                continue
            for klasse in vars(importlib.import_module(module.name)).values():
                if (
                    inspect.isclass(klasse)
                    and issubclass(klasse, forms.BaseForm)
                    and klasse.__module__ == module.name
                    and issubclass(klasse, forms.Form | forms.ModelForm)
                ):
                    gevonden.append(klasse)
    return gevonden


def test_the_scan_finds_the_forms_of_every_layer():
    namen = {k.__name__ for k in formulierklassen()}
    assert {"RegiogegevensForm", "AanmeldingForm", "OrganisatieForm", "BesluitForm"} <= namen
    assert {"ActiviteitForm", "ScanrondeForm", "GebruikerAanmaakForm"} <= namen


def test_every_form_of_the_apps_guards_its_text():
    onbewaakt = [
        f"{k.__module__}.{k.__name__}"
        for k in formulierklassen()
        if not issubclass(k, BewaakteTekstMixin)
    ]
    assert not onbewaakt, "Laat deze formulieren afleiden van Formulier/ModelFormulier:\n" + (
        "\n".join(onbewaakt)
    )


def beheerder():
    gebruiker = GebruikerFactory(is_staff=True, is_superuser=True)
    gebruiker.groups.add(Group.objects.get(name=BEHEERDERS))
    return gebruiker


@pytest.mark.django_db
def test_every_admin_form_guards_its_text():
    verzoek = RequestFactory().get("/beheer/")
    verzoek.user = beheerder()
    onbewaakt = []
    for model, model_admin in admin.site._registry.items():
        formulieren = {model_admin.__class__.__name__: model_admin.get_form(verzoek)}
        for inline in model_admin.get_inline_instances(verzoek):
            formulieren[type(inline).__name__] = inline.get_formset(verzoek).form
        for naam, formulier in formulieren.items():
            if model._meta.app_label in APPS and not issubclass(formulier, BewaakteTekstMixin):
                onbewaakt.append(naam)
    assert not onbewaakt, "Geef deze beheerklassen form = ModelFormulier:\n" + "\n".join(onbewaakt)


def constructorargumenten(klasse, regio, deelname, gebruiker=None) -> dict:
    """What a form's constructor asks for besides its data, for a form without choices."""
    verzoek = RequestFactory().get("/")
    verzoek.user = gebruiker
    waarden = {
        "regio": regio,
        "deelname": deelname,
        "partners": [],
        "schooljaren": [2026],
        "kompaspunten": [],
        "begrotingsregels": [],
        "tijdvakken": [],
        "criteria": [],
        "heeft_document": False,
        "gebruiker": gebruiker,
        "sleutel": "JBSWY3DPEHPK3PXP",
        "nieuw": "Stichting Primair",
        "huidig": None,
        "request": verzoek,
        "user": gebruiker,
    }
    parameters = inspect.signature(klasse.__init__).parameters
    return {
        naam: waarden[naam]
        for naam, p in parameters.items()
        if p.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        and p.default is inspect.Parameter.empty
        and naam != "self"
    }


@pytest.mark.django_db
def test_each_text_field_of_each_form_refuses_hidden_characters_with_the_message():
    """Every form the apps define, every text field of it: a one-line field refuses each kind
    of hidden character, a field of several lines a reversal of the reading direction."""
    d = leeg_dossier()
    deelname = DeelnameFactory(regio=d.regio, vestiging=VestigingFactory())
    gecontroleerd = 0
    fouten = []
    for klasse in formulierklassen():
        if issubclass(klasse, forms.ModelForm) and klasse._meta.model is None:
            continue  # a base for model forms, not a form of its own
        kale_vorm = klasse(**constructorargumenten(klasse, d.regio, deelname, d.programmamanager))
        for naam, veld in kale_vorm.fields.items():
            if not is_tekstveld(veld):
                continue
            if isinstance(veld.widget, forms.Textarea):
                gevallen = {"Visie \u202eDRON": "leesrichting"}
            else:
                gevallen = EENREGELIG_GEWEIGERD
            for tekst, melding in gevallen.items():
                vorm = klasse(
                    {kale_vorm.add_prefix(naam): tekst},
                    **constructorargumenten(klasse, d.regio, deelname),
                )
                meldingen = " ".join(vorm.errors.get(naam, []))
                if vorm.is_valid() or melding not in meldingen:
                    fouten.append(f"{klasse.__name__}.{naam} {tekst!r}: {meldingen or 'geldig'}")
            gecontroleerd += 1
    assert not fouten, "\n".join(fouten)
    # Names, titles, places, e-mail addresses, websites, descriptions: dozens of fields.
    assert gecontroleerd > 60


# --- through the pages: refused and nothing written --------------------------------------


@pytest.mark.django_db
def test_a_line_break_in_the_region_name_is_refused_and_nothing_is_written():
    d = leeg_dossier(naam="Techregio Noord")
    client = Client()
    client.force_login(d.programmamanager)
    gebeurtenissen = Gebeurtenis.objects.count()
    antwoord = client.post(
        reverse("regios:gegevens", args=[d.regio.slug]),
        {"naam": "Techregio\nNoord Bcc: iedereen@example.org", "versie": d.regio.versie},
    )
    assert antwoord.status_code == 200
    assert "Dit veld past op één regel: haal de regelovergang weg." in antwoord.content.decode()
    d.regio.refresh_from_db()
    assert d.regio.naam == "Techregio Noord"
    assert Gebeurtenis.objects.count() == gebeurtenissen


@pytest.mark.django_db
def test_a_reversed_name_in_a_public_registration_is_refused_and_nothing_is_written():
    d = leeg_dossier()
    antwoord = aanmelden(Client(), d.regio, naam="Robotica \u202eVB droN")
    assert antwoord.status_code == 200
    assert "leesrichting van de tekst omdraait (U+202E)" in antwoord.content.decode()
    assert not Aanmelding.objects.exists()


@pytest.mark.django_db
def test_the_admin_refuses_a_zero_width_character_in_a_region_name():
    d = leeg_dossier(naam="Techregio Noord")
    client = Client()
    client.force_login(beheerder())
    url = reverse("admin:regios_regio_change", args=[d.regio.pk])
    formulier = client.get(url).context["adminform"].form
    gegevens = {
        formulier.add_prefix(naam): waarde
        for naam, waarde in formulier.initial.items()
        if naam in formulier.fields and waarde is not None
    }
    gegevens = {
        k: (v.pk if isinstance(v, Regio) else v)
        for k, v in gegevens.items()
        if not isinstance(v, list)
    }
    gegevens["naam"] = "Tech\u200bregio Noord"
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 200
    assert "zonder breedte (U+200B)" in antwoord.content.decode()
    d.regio.refresh_from_db()
    assert d.regio.naam == "Techregio Noord"
