"""Fixtures for all tests."""

from tests.celery_helpers import celery_werker, redis_url  # noqa: F401
