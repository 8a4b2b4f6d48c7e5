"""Every page carries a Content-Security-Policy that forbids inline script.

The browser test (tests/e2e/test_csp.py) proves the admin and the API docs
work under it; this pins the policy itself: scripts only from this origin on
every page, no plugins, no framing, and the one relaxation (inline styles)
only on the browsable API, whose templates are DRF's.
"""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def plain_static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {}}


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/admin/login/", "text/html"),
        ("/api/docs/", "text/html"),
        ("/api/v1/claims/", "application/json"),
        ("/api/v1/claims/", "text/html"),
        ("/healthz", "application/json"),
    ],
)
def test_policy_on_every_kind_of_page(path, accept):
    response = Client().get(path, HTTP_ACCEPT=accept)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    relaxed = path.startswith("/api/v1/") and accept == "text/html"
    assert ("'unsafe-inline'" in policy["style-src"]) == relaxed


def test_docs_page_has_no_inline_script_or_style():
    html = Client().get("/api/docs/").content.decode()
    assert "<script>" not in html and "<style>" not in html
    assert "?script" in html  # the start-up script is a file of its own
