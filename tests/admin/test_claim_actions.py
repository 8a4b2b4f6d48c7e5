"""Bulk actions on the queue: each one a review, with reviewer, time and history."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from claims.models import ReviewStatus
from tests.factories import ActorFactory, ClaimFactory

QUEUE = reverse("admin:claims_claim_changelist")
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("mark_verified", ReviewStatus.VERIFIED),
        ("mark_disputed", ReviewStatus.DISPUTED),
        ("mark_false", ReviewStatus.FALSE),
        ("mark_not_claim", ReviewStatus.NOT_A_CLAIM),
    ],
)
def test_verdict_actions(editor_client, editor, action, status):
    chosen = ClaimFactory.create_batch(2)
    untouched = ClaimFactory()
    response = editor_client.post(
        QUEUE, {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in chosen], "index": 0}
    )
    assert response.status_code == 302
    for claim in chosen:
        claim.refresh_from_db()
        assert claim.review_status == status
        assert claim.reviewer == editor and claim.reviewed_at is not None
        latest = claim.history.first()
        assert latest.history_user == editor
        assert latest.history_change_reason == f"bulk: marked {status.label}"
    untouched.refresh_from_db()
    assert untouched.review_status == ReviewStatus.UNREVIEWED


def test_verdict_on_everything_matching_a_filter(editor_client):
    gates = ActorFactory(name="Robert Gates")
    his = ClaimFactory.create_batch(3, actor=gates)
    other = ClaimFactory()
    response = editor_client.post(
        f"{QUEUE}?actor={gates.pk}",
        {
            "action": "mark_verified",
            ACTION_CHECKBOX_NAME: [his[0].pk],
            "select_across": "1",
            "index": 0,
        },
    )
    assert response.status_code == 302
    for claim in [*his, other]:
        claim.refresh_from_db()
    assert all(c.review_status == ReviewStatus.VERIFIED for c in his)
    assert other.review_status == ReviewStatus.UNREVIEWED


class TestAssignActor:
    def test_asks_for_the_actor_first(self, editor_client):
        claims = ClaimFactory.create_batch(2)
        response = editor_client.post(
            QUEUE,
            {
                "action": "assign_actor",
                ACTION_CHECKBOX_NAME: [c.pk for c in claims],
                "index": 0,
            },
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Assign an actor" in html
        # The actor is chosen by autocomplete, not from a list of every actor.
        assert "admin-autocomplete" in html and "/admin/autocomplete/" in html
        for claim in claims:
            assert f'name="{ACTION_CHECKBOX_NAME}" value="{claim.pk}"' in html

    def test_assigns_and_records(self, editor_client, editor):
        claims = ClaimFactory.create_batch(2)
        right = ActorFactory(name="The Right Speaker")
        response = editor_client.post(
            QUEUE,
            {
                "action": "assign_actor",
                ACTION_CHECKBOX_NAME: [c.pk for c in claims],
                "apply": "yes",
                "actor": right.pk,
            },
        )
        assert response.status_code == 302
        for claim in claims:
            claim.refresh_from_db()
            assert claim.actor == right and claim.reviewer == editor
            assert claim.history.first().history_change_reason == f"bulk: assigned to {right.slug}"

    def test_a_missing_actor_asks_again(self, editor_client):
        claim = ClaimFactory()
        before = claim.actor_id
        response = editor_client.post(
            QUEUE,
            {"action": "assign_actor", ACTION_CHECKBOX_NAME: [claim.pk], "apply": "yes"},
        )
        assert response.status_code == 200 and "This field is required" in response.content.decode()
        claim.refresh_from_db()
        assert claim.actor_id == before


def test_actor_autocomplete_searches_aliases(editor_client):
    ActorFactory(name="Robert Gates", aliases=["Pentagon chief"])
    ActorFactory(name="Anatoly Serdyukov")
    claim = ClaimFactory()
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "pentagon", "app_label": "claims", "model_name": "claim", "field_name": "actor"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Robert Gates"]
    assert claim.actor.name != "Robert Gates"


def test_actor_autocomplete_ranks_what_an_editor_means_first(editor_client):
    official = ActorFactory(name="A U.S. official traveling with Gates", anonymous=True)
    ClaimFactory.create_batch(3, actor=official)
    ActorFactory(name="Robert Gates", aliases=["Gates"])
    ActorFactory(name="Melinda Gates")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "gates", "app_label": "claims", "model_name": "claim", "field_name": "actor"},
    )
    assert [r["text"] for r in response.json()["results"]] == [
        "Robert Gates",
        "Melinda Gates",
        "A U.S. official traveling with Gates",
    ]
