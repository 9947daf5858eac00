"""The committed OpenAPI schema (docs/openapi.yaml) is the one the code generates, and the
API keeps to it: schemathesis sends generated requests to the WSGI application (no server)
and checks that no answer is a server error and that every answer matches the schema."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.wereld import bouw_wereld

SCHEMA = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"

schema = schemathesis.openapi.from_path(SCHEMA)
schema.app = WSGIHandler()


def test_the_committed_schema_is_the_one_the_code_generates(tmp_path):
    nieuw = tmp_path / "openapi.yaml"
    call_command(
        "spectacular", "--lang", "nl", "--file", str(nieuw), "--validate", "--fail-on-warn"
    )
    assert nieuw.read_text() == SCHEMA.read_text(), (
        "docs/openapi.yaml loopt achter op de code: draai `make openapi`"
    )


@pytest.fixture
def wereld(db):
    # As Django's test client does: the request must not close the test's connection (and
    # with it its transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield bouw_wereld()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def als_programmamanager(wereld):
    return {"Authorization": f"Bearer {wereld.tokens['programmamanager']}"}


@schema.parametrize()
@hypothesis_settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_the_api_keeps_to_its_schema(case, wereld, als_programmamanager):
    # The region's own address, so the programme manager's requests reach real data (and
    # their writes go through the services) rather than only "not found".
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = wereld.regio.slug
    case.call_and_validate(
        headers=als_programmamanager,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
