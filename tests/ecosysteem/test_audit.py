"""The audit trail's vocabulary."""

import pytest

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebeurtenis

pytestmark = pytest.mark.django_db


def test_an_action_outside_the_vocabulary_is_refused_and_nothing_is_written():
    with pytest.raises(ValueError, match="Onbekende actie"):
        leg_vast(actie="dossier.verzonnen", omschrijving="bestaat niet")
    assert not Gebeurtenis.objects.exists()


def test_an_event_stores_the_actions_name_and_shows_its_label():
    gebeurtenis = leg_vast(actie=Actie.SCAN_INGEVULD, omschrijving="x")
    gebeurtenis.refresh_from_db()
    assert gebeurtenis.actie == "scan.ingevuld"
    assert gebeurtenis.get_actie_display() == "scan ingevuld"


def test_every_action_is_named_subject_dot_verb():
    for actie in Actie:
        onderwerp, _punt, wat = actie.value.partition(".")
        assert onderwerp and wat, actie
