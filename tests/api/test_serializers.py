"""The hand-written claim representation against DRF's generic one."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import timezone

from claims import selectors
from claims.api.serializers import ArticleClaimSerializer, ClaimSerializer
from claims.models import ReviewStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def context() -> dict:
    return {"request": RequestFactory().get("/api/v1/claims/")}


def all_claims() -> list:
    return list(selectors.claim_list(current_only=False, with_context=True).order_by("id"))


def test_fast_path_equals_drf_generic_output(world, context):
    reviewed = world["claims"]["cold_war"]
    reviewed.review_status = ReviewStatus.VERIFIED
    reviewed.rating = 5
    reviewed.reviewed_at = timezone.now()
    reviewed.save()
    for claim in all_claims():
        for serializer_class in (ClaimSerializer, ArticleClaimSerializer):
            serializer = serializer_class(context=context)
            assert serializer.to_representation(claim) == dict(
                serializer.generic_representation(claim)
            ), claim.text


def test_rows_and_models_give_the_same_representation(world, context):
    queryset = selectors.claim_list(current_only=False).order_by("id")
    rows = selectors.claim_rows(queryset)
    serializer = ClaimSerializer(context=context)
    assert [serializer.to_representation(row) for row in rows] == [
        serializer.to_representation(claim) for claim in all_claims()
    ]


def test_claim_rows_are_two_queries(world, django_assert_num_queries):
    with django_assert_num_queries(2):  # the page (its ids picked in a subquery), the relays
        rows = selectors.claim_rows(selectors.claim_list().order_by("id"))
    assert [len(row["relays"]) for row in rows] == [0, 2, 1, 0, 0]


def test_actor_fast_path_equals_drf_generic_output(world, context):
    import datetime

    from claims.api.serializers import ActorSerializer
    from claims.models import Actor, ActorRole

    actors = list(Actor.objects.order_by("pk"))
    seen = datetime.date(2007, 4, 20)
    ActorRole.objects.create(
        actor=actors[0], role="Defense Secretary", normalized="defense secretary",
        first_seen=seen, last_seen=seen,
    )  # fmt: skip
    ActorRole.objects.create(actor=actors[0], role="Adviser", normalized="adviser")
    details = selectors.actor_details(actor_ids=[actor.pk for actor in actors])
    assert any(entry.roles for entry in details.values())
    assert any(entry.aliases for entry in details.values())
    serializer = ActorSerializer(context={**context, "actor_details": details})
    for actor in actors:
        fast = serializer.to_representation(actor)
        assert fast == dict(serializer.generic_representation(actor)), actor.slug
        assert list(fast) == ActorSerializer.Meta.fields
