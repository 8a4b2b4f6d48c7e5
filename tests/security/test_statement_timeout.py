"""A public request cannot hold the database for long, and outages are told apart.

On PostgreSQL every statement of an API request runs under
CLAIMS_API_STATEMENT_TIMEOUT_MS; one that runs past it is stopped and the
client gets a JSON 503 with code ``statement_timeout`` (not "database
unavailable", and not a 500). The desk (outside /api/) keeps the server's
default. Only a lost connection is reported as "database unavailable": a lock
conflict or SQLite's "database is locked" is a server error to look into.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

pytestmark = [pytest.mark.urls("tests.security.urls"), pytest.mark.django_db]

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's"
)


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


@pytest.fixture
def short_timeout(settings):
    # A value no other test uses, so the connection is surely set anew.
    settings.CLAIMS_API_STATEMENT_TIMEOUT_MS = 300


@postgres_only
def test_a_long_api_statement_is_stopped_with_a_json_503(client, short_timeout):
    response = client.get("/api/test-errors/sleep/5/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert "statement timeout" in detail
    assert "unavailable" not in detail


@postgres_only
def test_a_quick_api_statement_is_untouched(client, short_timeout):
    response = client.get("/api/test-errors/sleep/0.01/")
    assert response.status_code == 200


@postgres_only
def test_the_desk_keeps_the_servers_default(client, short_timeout):
    assert client.get("/api/test-errors/sleep/0.01/").status_code == 200
    # Same connection, next request outside the API: no API timeout any more.
    response = client.get("/test-errors/sleep/0.6/")
    assert response.status_code == 200


@postgres_only
def test_the_timeout_is_a_setting(client, settings):
    settings.CLAIMS_API_STATEMENT_TIMEOUT_MS = 0
    assert client.get("/api/test-errors/sleep/0.6/").status_code == 200


def test_default_timeout_is_seconds_not_minutes(settings):
    assert 1000 <= settings.CLAIMS_API_STATEMENT_TIMEOUT_MS <= 30_000


@pytest.mark.parametrize(
    "path", ["/api/test-errors/locked/", "/api/test-errors/lock-not-available/"]
)
def test_other_operational_errors_are_not_outages(client, path):
    response = client.get(path)
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "server_error"
    assert "unavailable" not in body["detail"]
    assert "Retry-After" not in response


def test_a_dropped_connection_is_an_outage(client):
    response = client.get("/api/test-errors/dropped/")
    assert response.status_code == 503
    assert "database is unavailable" in response.json()["detail"]
    assert response["Retry-After"]
