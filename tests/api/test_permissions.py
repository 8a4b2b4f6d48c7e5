from __future__ import annotations

import pytest
from django.test import override_settings
from knox.models import AuthToken
from rest_framework.test import APIClient

from claims.models import ReviewStatus

pytestmark = pytest.mark.django_db


def url(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/"


class TestEditing:
    def test_editor_with_token_reviews_a_claim(self, world, editor):
        claim = world["claims"]["cold_war"]
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=editor)[1]}")
        response = client.patch(
            url(claim),
            {"review_status": "disputed", "rating": 2, "editor_note": "Context missing."},
            format="json",
        )
        assert response.status_code == 200, response.content
        assert response.json()["review_status"] == "disputed"
        assert response.json()["rating"] == 2
        claim.refresh_from_db()
        assert claim.review_status == ReviewStatus.DISPUTED
        assert claim.editor_note == "Context missing."
        assert claim.reviewer == editor and claim.reviewed_at is not None
        assert claim.history.first().history_user == editor

    def test_editor_corrects_the_actor_by_slug(self, api, world, editor):
        claim = world["claims"]["cold_war"]
        api.force_authenticate(editor)
        response = api.patch(url(claim), {"actor": "sergei-ivanov"}, format="json")
        assert response.status_code == 200
        assert response.json()["actor"]["slug"] == "sergei-ivanov"
        claim.refresh_from_db()
        assert claim.actor == world["ivanov"]

    def test_editor_clears_the_actor_and_the_rating(self, api, world, editor):
        claim = world["claims"]["cold_war"]
        api.force_authenticate(editor)
        api.patch(url(claim), {"rating": 4}, format="json")
        response = api.patch(url(claim), {"actor": None, "rating": None}, format="json")
        assert response.status_code == 200
        assert response.json()["actor"] is None and response.json()["rating"] is None

    def test_session_editor_needs_csrf(self, world, editor):
        claim = world["claims"]["cold_war"]
        client = APIClient(enforce_csrf_checks=True)
        client.force_login(editor)
        response = client.patch(url(claim), {"review_status": "verified"}, format="json")
        assert response.status_code == 403
        assert "CSRF" in response.json()["detail"]

    def test_session_editor_with_csrf(self, world, editor):
        claim = world["claims"]["cold_war"]
        client = APIClient()
        client.force_login(editor)
        response = client.patch(url(claim), {"review_status": "verified"}, format="json")
        assert response.status_code == 200

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"review_status": "probably"}, "review_status"),
            ({"rating": 6}, "rating"),
            ({"rating": "five"}, "rating"),
            ({"actor": "nobody"}, "actor"),
            ({}, "non_field_errors"),
        ],
    )
    def test_invalid_reviews_are_400(self, api, world, editor, payload, field):
        api.force_authenticate(editor)
        response = api.patch(url(world["claims"]["cold_war"]), payload, format="json")
        assert response.status_code == 400
        assert field in response.json()

    def test_offsets_and_text_cannot_be_changed(self, api, world, editor):
        claim = world["claims"]["cold_war"]
        api.force_authenticate(editor)
        response = api.patch(url(claim), {"text": "Something else", "start": 0}, format="json")
        assert response.status_code == 400  # nothing editable was sent
        claim.refresh_from_db()
        assert claim.text == "The days of the Cold War are over" and claim.start == 13

    def test_put_and_delete_are_not_offered(self, api, world, editor):
        api.force_authenticate(editor)
        assert api.put(url(world["claims"]["cold_war"]), {}, format="json").status_code == 405
        assert api.delete(url(world["claims"]["cold_war"])).status_code == 405
        assert api.post("/api/v1/claims/", {}, format="json").status_code == 405


class TestRefusals:
    def test_anonymous_gets_401_with_a_challenge(self, api, world):
        response = api.patch(url(world["claims"]["cold_war"]), {"rating": 1}, format="json")
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"

    def test_bad_token_is_401(self, world):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
        assert client.get("/api/v1/claims/").status_code == 401

    def test_non_editor_gets_403(self, api, world, reader):
        api.force_authenticate(reader)
        response = api.patch(url(world["claims"]["cold_war"]), {"rating": 1}, format="json")
        assert response.status_code == 403

    def test_staff_without_the_permission_gets_403(self, api, world, reader):
        reader.is_staff = True
        reader.save()
        api.force_authenticate(reader)
        response = api.patch(url(world["claims"]["cold_war"]), {"rating": 1}, format="json")
        assert response.status_code == 403

    def test_superuser_may_edit(self, api, world, admin_user):
        api.force_authenticate(admin_user)
        response = api.patch(url(world["claims"]["cold_war"]), {"rating": 1}, format="json")
        assert response.status_code == 200

    def test_other_resources_are_read_only_even_for_editors(self, api, world, editor):
        api.force_authenticate(editor)
        assert api.patch("/api/v1/actors/robert-gates/", {}, format="json").status_code == 405
        assert api.post("/api/v1/sources/", {}, format="json").status_code == 405


class TestReadsRequiringAToken:
    @override_settings(CLAIMS_API_READS_REQUIRE_TOKEN=True)
    def test_anonymous_reads_refused(self, api, world, reader):
        assert api.get("/api/v1/claims/").status_code == 401
        assert api.get("/api/v1/actors/").status_code == 401
        _, key = AuthToken.objects.create(user=reader)
        api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        assert api.get("/api/v1/claims/").status_code == 200

    def test_public_by_default(self, api, world):
        assert api.get("/api/v1/claims/").status_code == 200


class TestThrottling:
    def test_anonymous_clients_are_throttled(self, api, world, settings):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "5/minute"},
        }
        codes = [api.get("/api/v1/sources/").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        assert "Retry-After" in api.get("/api/v1/sources/")

    def test_authenticated_clients_have_their_own_rate(self, api, world, reader, settings):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "user": "3/minute"},
        }
        api.force_authenticate(reader)
        codes = [api.get("/api/v1/sources/").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]

    def test_no_rate_means_no_limit(self, api, world, settings):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
        }
        assert {api.get("/api/v1/sources/").status_code for _ in range(20)} == {200}
