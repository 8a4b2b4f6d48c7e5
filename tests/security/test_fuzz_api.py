"""Fuzzing the API against its own OpenAPI schema (schemathesis, in-process WSGI).

Every operation in /api/schema/ gets a bounded number of generated requests,
valid and invalid, as an editor (so the write path is exercised too), on the
seeded database. Every response must be a non-5xx that the schema documents:
its status code, content type, headers and body.

FUZZ_EXAMPLES (default 25 per operation) bounds the run so CI stays within
minutes; raise it locally for a deeper search.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis import checks

from claims.services import EDITORS_GROUP

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))


# Loaded once, at collection, from the running application: the schema clients see.
# (Serving it touches no database.)
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture(autouse=True)
def keep_test_connection():
    # The raw WSGI handler closes "old" database connections around each request,
    # which would close the test's own transaction; Django's test client
    # disconnects the same signal handlers for the same reason.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def no_throttling(settings):
    # Fuzzing sends hundreds of requests a minute from one client.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }


@pytest.fixture
def editor_token(seeded) -> str:
    user = get_user_model().objects.create_user("fuzz-editor", password=None)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return AuthToken.objects.create(user=user)[1]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
def test_api_conforms_to_its_schema(case, editor_token):
    case.call_and_validate(
        headers={"Authorization": f"Token {editor_token}"},
        checks=[
            checks.not_a_server_error,
            checks.status_code_conformance,
            checks.content_type_conformance,
            checks.response_headers_conformance,
            checks.response_schema_conformance,
        ],
    )
