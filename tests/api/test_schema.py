from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db

CLAIM_PARAMETERS = {
    "actor",
    "actor_name",
    "kind",
    "status",
    "article",
    "publisher",
    "via",
    "published_after",
    "published_before",
    "min_confidence",
    "has_speaker",
    "q",
    "ordering",
    "page_size",
    "cursor",
    "format",
}


def test_schema_validates_without_warnings(tmp_path):
    # Raises on any warning or error; the file must be a complete document.
    output = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(output))
    assert "openapi: 3" in output.read_text()


@pytest.fixture
def schema(api) -> dict:
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def parameters(schema: dict, path: str) -> dict[str, dict]:
    return {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}


def test_every_claim_filter_is_documented(schema):
    documented = parameters(schema, "/api/v1/claims/")
    assert set(documented) >= CLAIM_PARAMETERS
    for name in CLAIM_PARAMETERS - {"format"}:
        assert documented[name].get("description"), name
    actor_claims = parameters(schema, "/api/v1/actors/{slug}/claims/")
    assert set(actor_claims) >= CLAIM_PARAMETERS - {"actor", "actor_name"}


def test_other_filters_are_documented(schema):
    assert {"q", "kind", "page", "page_size"} <= set(parameters(schema, "/api/v1/actors/"))
    assert {"publisher", "published_after", "published_before", "q"} <= set(
        parameters(schema, "/api/v1/articles/")
    )
    assert {"kind", "q"} <= set(parameters(schema, "/api/v1/sources/"))


def test_claim_fields_are_documented(schema):
    claim = schema["components"]["schemas"]["Claim"]["properties"]
    for name in ["kind", "text", "actor", "article", "relays", "context", "links", "confidence"]:
        assert name in claim
    assert "patch" in schema["paths"]["/api/v1/claims/{id}/"]


# Tests run without collectstatic, so without the production manifest of hashed names.
plain_static = override_settings(
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
)


@plain_static
def test_docs_are_served_from_the_app(api):
    response = api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    # The start-up script, a file of its own (no inline script), loads the schema.
    script = api.get("/api/docs/?script=")
    assert script.status_code == 200
    assert "/api/schema/" in script.content.decode()


@plain_static
def test_browsable_api(api, world):
    response = api.get("/api/v1/claims/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "The days of the Cold War are over" in response.content.decode()
