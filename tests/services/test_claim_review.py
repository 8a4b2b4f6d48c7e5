from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from claims.models import ReviewStatus
from claims.services import claim_review
from tests.factories import ActorFactory, ClaimFactory


@pytest.mark.django_db
class TestClaimReview:
    def test_sets_verdict_reviewer_time_and_history(self, admin_user):
        claim = ClaimFactory()
        claim_review(
            claim=claim,
            reviewer=admin_user,
            status=ReviewStatus.VERIFIED,
            rating=5,
            note="Matches the transcript.",
        )
        claim.refresh_from_db()
        assert claim.review_status == ReviewStatus.VERIFIED
        assert claim.rating == 5 and claim.editor_note == "Matches the transcript."
        assert claim.reviewer == admin_user and claim.reviewed_at is not None
        latest = claim.history.first()
        assert latest.history_user == admin_user
        assert latest.review_status == ReviewStatus.VERIFIED

    def test_correcting_the_speaker(self, admin_user):
        claim = ClaimFactory()
        right = ActorFactory(name="Right Speaker")
        claim_review(
            claim=claim, reviewer=admin_user, actor=right, status=ReviewStatus.MISATTRIBUTED
        )
        claim.refresh_from_db()
        assert claim.actor == right

    def test_no_change_writes_nothing(self, admin_user):
        claim = ClaimFactory()
        versions = claim.history.count()
        claim_review(claim=claim, reviewer=admin_user, status=ReviewStatus.UNREVIEWED)
        assert claim.history.count() == versions
        assert claim.reviewed_at is None

    @pytest.mark.parametrize(("field", "value"), [("status", "approved"), ("rating", 9)])
    def test_bad_values_are_refused(self, admin_user, field, value):
        with pytest.raises(ValidationError):
            claim_review(claim=ClaimFactory(), reviewer=admin_user, **{field: value})
