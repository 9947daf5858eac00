"""Fixtures for all tests."""

from tests.celery_helpers import (  # noqa: F401
    broker_onbereikbaar,
    celery_werker,
    redis_url,
    wisselende_broker,
)
