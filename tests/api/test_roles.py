"""Role at the time over the API: claims carry it, actors list every role with its dates."""

from __future__ import annotations

import datetime

import pytest

from claims.models import Claim
from claims.services.roles import actor_roles_refresh
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gates_over_time(world):
    gates = world["gates"]
    Claim.objects.filter(actor=gates).update(speaker_role="U.S. Defense Secretary")
    memoir = ClaimFactory(
        actor=gates,
        text="I was never comfortable with the wars",
        speaker_role="former defense secretary",
        article__published=datetime.date(2024, 3, 1),
    )
    actor_roles_refresh(actor_ids=[gates.pk])
    return {**world, "memoir": memoir}


def test_a_claim_shows_the_role_its_article_gave_the_speaker(api, gates_over_time):
    old = api.get(f"/api/v1/claims/{gates_over_time['claims']['cold_war'].pk}/").json()
    new = api.get(f"/api/v1/claims/{gates_over_time['memoir'].pk}/").json()
    assert old["speaker_role"] == "U.S. Defense Secretary"
    assert new["speaker_role"] == "former defense secretary"
    listed = {
        row["id"]: row["speaker_role"] for row in api.get("/api/v1/claims/").json()["results"]
    }
    assert listed[gates_over_time["claims"]["cold_war"].pk] == "U.S. Defense Secretary"
    assert listed[gates_over_time["claims"]["cost"].pk] == ""


def test_an_actor_lists_its_roles_with_first_and_last_seen(api, gates_over_time):
    detail = api.get("/api/v1/actors/robert-gates/").json()
    assert detail["roles"] == [
        {"role": "former defense secretary", "first_seen": "2024-03-01", "last_seen": "2024-03-01"},
        {"role": "U.S. Defense Secretary", "first_seen": "2007-04-20", "last_seen": "2007-04-24"},
    ]
    listed = {row["slug"]: row["roles"] for row in api.get("/api/v1/actors/").json()["results"]}
    assert listed["robert-gates"] == detail["roles"]
    assert listed["sergei-ivanov"] == []


def test_roles_are_documented(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    assert "speaker_role" in components["Claim"]["properties"]
    role = components["ActorRole"]["properties"]
    assert set(role) == {"role", "first_seen", "last_seen"}
    assert components["Actor"]["properties"]["roles"]["description"]
