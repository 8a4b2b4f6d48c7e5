"""``/api/schema/`` is no cheap way to load a worker, and no way around a token.

Building the OpenAPI document walks every view and serializer; it is built
once per process and served from memory after that. When reads need a token
(CLAIMS_API_READS_REQUIRE_TOKEN), the schema and the docs page need one too.
"""

from __future__ import annotations

import pytest
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from knox.models import AuthToken
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

SCHEMA = "/api/schema/"
JSON = "application/vnd.oai.openapi+json"


@pytest.fixture(autouse=True)
def no_throttling(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {}}
    # The docs page names static files, which have no collectstatic manifest here.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """Counts how often the schema generator builds the document."""
    calls: list[int] = []
    original = SchemaGenerator.get_schema

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counting)
    return calls


def test_schema_is_built_once_for_many_requests(builds):
    api = APIClient()
    documents = [api.get(SCHEMA, HTTP_ACCEPT=JSON) for _ in range(5)]
    assert {response.status_code for response in documents} == {200}
    assert len({response.content for response in documents}) == 1
    assert len(builds) == 1
    # Both formats are served from the one document.
    assert api.get(SCHEMA).content.startswith(b"openapi: 3")
    assert len(builds) == 1


def test_schema_is_public_by_default():
    assert APIClient().get(SCHEMA, HTTP_ACCEPT=JSON).status_code == 200
    assert APIClient().get("/api/docs/").status_code == 200


@override_settings(CLAIMS_API_READS_REQUIRE_TOKEN=True)
def test_schema_and_docs_need_a_token_when_reads_do(django_user_model):
    anonymous = APIClient()
    assert anonymous.get(SCHEMA, HTTP_ACCEPT=JSON).status_code == 401
    assert anonymous.get("/api/docs/").status_code in (401, 403)
    reader = django_user_model.objects.create_user("reader")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=reader)[1]}")
    response = client.get(SCHEMA, HTTP_ACCEPT=JSON)
    assert response.status_code == 200
    assert "/api/v1/claims/" in response.json()["paths"]
    session = APIClient()
    session.force_login(reader)
    assert session.get("/api/docs/").status_code == 200
