"""No stack trace, SQL or setting ever reaches a client; API errors are JSON.

pytest-django runs with DEBUG off, as production does. The views that fail on
purpose live in tests/security/urls.py and put SQL into their exceptions, so a
leak would show.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.security.urls import LEAK

pytestmark = [pytest.mark.urls("tests.security.urls"), pytest.mark.django_db]


@pytest.fixture
def client() -> Client:
    # A real server answers a crash with a response, not a re-raised exception.
    return Client(raise_request_exception=False)


def assert_no_leak(response) -> None:
    body = response.content.decode("utf-8", "replace")
    assert LEAK not in body
    assert "SELECT" not in body
    assert "Traceback" not in body
    assert "password" not in body
    assert "SECRET_KEY" not in body


def assert_json_error(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert_no_leak(response)
    data = response.json()
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    "path",
    ["/api/", "/api/nope/", "/api/v1/no-such-resource/", "/api/v1/claims/999999999999/x/"],
)
def test_unknown_api_url_is_json_404(client, path):
    data = assert_json_error(client.get(path), 404)
    assert data == {"detail": "Not found.", "code": "not_found"}


@pytest.mark.parametrize("path", ["/api/test-errors/crash/", "/api/test-errors/plain-crash/"])
def test_api_crash_is_json_500_without_details(client, path):
    data = assert_json_error(client.get(path), 500)
    assert data == {"detail": "Server error.", "code": "server_error"}


@pytest.mark.parametrize("path", ["/api/test-errors/database/", "/api/test-errors/plain-database/"])
def test_api_database_outage_is_json_503(client, path):
    response = client.get(path)
    data = assert_json_error(response, 503)
    assert data["detail"] == "The database is unavailable; try again shortly."
    assert response["Retry-After"] == "5"


def test_service_validation_error_is_a_400_not_a_crash(client):
    data = assert_json_error(client.get("/api/test-errors/refused/"), 400)
    assert data == {"status": ["unknown review status 'bogus'"]}


def test_site_crash_is_a_plain_page_without_details(client):
    response = client.get("/test-errors/crash/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert_no_leak(response)


def test_site_database_outage_is_a_plain_503(client):
    response = client.get("/test-errors/database/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert_no_leak(response)


def test_site_404_is_plain(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_no_leak(response)
