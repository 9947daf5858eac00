"""Fixtures for all tests."""

from tests.celery_helpers import broker_onbereikbaar, celery_werker, redis_url  # noqa: F401
