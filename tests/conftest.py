"""Fixtures for all tests."""

import pytest
from django.test import Client

from ecosysteem.account.tweestaps import tweede_factor_verplicht
from tests.celery_helpers import (  # noqa: F401
    broker_onbereikbaar,
    celery_werker,
    redis_url,
    wisselende_broker,
)
from tests.tweestaps import markeer_geverifieerd

_force_login = Client.force_login


@pytest.fixture(autouse=True)
def inloggen_met_tweede_factor(monkeypatch):
    """``force_login`` logs in as the login page does: an account that needs a second
    factor (ministry staff, administrators) also passes it, with a real app (see
    tests/tweestaps.py). ``tweede_factor=False``: the password step only."""

    def force_login(self, user, backend=None, *, tweede_factor=True):
        _force_login(self, user, backend)
        if tweede_factor and tweede_factor_verplicht(user):
            markeer_geverifieerd(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
