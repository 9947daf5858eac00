"""Replacing a person's name and address by a pseudonym in audit texts and e-mails."""

import pytest

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebeurtenis, UitgaandeEmail
from ecosysteem.pseudoniem import (
    pseudonimiseer_emails,
    pseudonimiseer_gebeurtenissen,
    schone_kenmerken,
    vervang,
    vervang_in,
)
from partners.services import maak_persoon

KENMERKEN = ["Jan de Vries", "jan@voorbeeld.nl", "Jan"]


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Jan de Vries is programmamanager.", "persoon #7 is programmamanager."),
        ("JAN DE VRIES  en jan@voorbeeld.nl", "persoon #7  en persoon #7"),
        ("Jan  de Vries", "persoon #7"),
        # Whole words only: other people and words that contain the name stay.
        ("Jansen en Janneke", "Jansen en Janneke"),
        ("Jan, Jan.", "persoon #7, persoon #7."),
        ("", ""),
    ],
)
def test_vervang_replaces_whole_words_longest_first(tekst, verwacht):
    assert vervang(tekst, KENMERKEN, "persoon #7") == verwacht


def test_short_or_empty_kenmerken_are_ignored():
    assert schone_kenmerken(["", "  ", "pm", "Jan", "jan", "Jan de Vries"]) == [
        "Jan de Vries",
        "Jan",
    ]
    assert vervang("pm is pm", ["pm"], "x") == "pm is pm"


def test_vervang_in_walks_json():
    gegevens = {"persoon": "Jan de Vries", "leden": ["Jan de Vries (stuurgroeplid)"], "n": 3}
    assert vervang_in(gegevens, KENMERKEN, "persoon #7") == {
        "persoon": "persoon #7",
        "leden": ["persoon #7 (stuurgroeplid)"],
        "n": 3,
    }


@pytest.mark.django_db
def test_events_keep_their_action_and_time_and_lose_the_name():
    geraakt = leg_vast(
        actie=Actie.ROL_TOEGEKEND,
        omschrijving="Jan de Vries is stuurgroeplid in Noord.",
        reden="Op voorstel van jan@voorbeeld.nl",
        gegevens={"persoon": "Jan de Vries"},
    )
    ander = leg_vast(actie=Actie.ROL_TOEGEKEND, omschrijving="Janneke Bos is stuurgroeplid.")
    tijdstip = geraakt.tijdstip
    assert pseudonimiseer_gebeurtenissen(KENMERKEN, "persoon #7") == [geraakt.pk]
    geraakt.refresh_from_db()
    assert geraakt.omschrijving == "persoon #7 is stuurgroeplid in Noord."
    assert geraakt.reden == "Op voorstel van persoon #7"
    assert geraakt.gegevens == {"persoon": "persoon #7"}
    assert geraakt.actie == Actie.ROL_TOEGEKEND and geraakt.tijdstip == tijdstip
    ander.refresh_from_db()
    assert ander.omschrijving == "Janneke Bos is stuurgroeplid."
    assert Gebeurtenis.objects.count() == 2


@pytest.mark.django_db
def test_emails_to_the_person_go_and_emails_about_them_are_rewritten():
    UitgaandeEmail.objects.create(
        stap="s:1", ontvanger="JAN@voorbeeld.nl", soort="x", onderwerp="Welkom", tekst="Beste Jan"
    )
    over = UitgaandeEmail.objects.create(
        stap="s:2",
        ontvanger="pm@voorbeeld.nl",
        soort="x",
        onderwerp="Aanmelding van Jan de Vries",
        tekst="Contact: Jan de Vries, jan@voorbeeld.nl",
    )
    assert pseudonimiseer_emails(
        adressen=["jan@voorbeeld.nl"], kenmerken=["Jan de Vries"], pseudoniem="persoon #7"
    ) == (1, 1)
    over.refresh_from_db()
    assert over.onderwerp == "Aanmelding van persoon #7"
    assert over.tekst == "Contact: persoon #7, persoon #7"
    assert list(UitgaandeEmail.objects.values_list("pk", flat=True)) == [over.pk]


@pytest.mark.django_db
def test_deleting_a_person_takes_their_name_out_of_the_audit_trail_and_records_that():
    persoon = maak_persoon(
        voornaam="Lotte", achternaam="Visser", email="lotte@voorbeeld.nl", door=None
    )
    leg_vast(actie=Actie.PERSOON_GEWIJZIGD, omschrijving="Lotte Visser (lotte@voorbeeld.nl) belde.")
    pk = persoon.pk
    persoon.delete()
    teksten = " ".join(Gebeurtenis.objects.values_list("omschrijving", flat=True))
    assert "Lotte" not in teksten and "lotte@voorbeeld.nl" not in teksten
    assert f"verwijderde persoon #{pk} (verwijderde persoon #{pk}) belde." in teksten
    gewist = Gebeurtenis.objects.get(actie=Actie.PERSOONSGEGEVENS_GEWIST)
    assert gewist.gegevens["model"] == "partners.Persoon" and "Lotte" not in gewist.omschrijving
