"""Bulk reviews, article metadata corrections and editor accounts."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from claims.models import Claim, ReviewStatus
from claims.services import (
    EDITORS_GROUP,
    article_update_metadata,
    claim_review,
    claims_bulk_review,
    editor_create,
)
from tests.factories import ActorFactory, ClaimFactory, SourceFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
class TestClaimsBulkReview:
    def test_each_claim_reviewed_with_history(self, admin_user):
        claims = ClaimFactory.create_batch(3)
        report = claims_bulk_review(
            claims=claims, reviewer=admin_user, status=ReviewStatus.FALSE, reason="bulk"
        )
        assert (report.changed, report.conflicts) == (3, 0)
        for claim in claims:
            claim.refresh_from_db()
            assert claim.review_status == ReviewStatus.FALSE and claim.reviewer == admin_user
            assert claim.history.first().history_change_reason == "bulk"

    def test_counts_only_real_changes(self, admin_user):
        done, fresh = ClaimFactory.create_batch(2)
        claim_review(claim=done, reviewer=admin_user, status=ReviewStatus.VERIFIED)
        report = claims_bulk_review(
            claims=[done, fresh], reviewer=admin_user, status=ReviewStatus.VERIFIED
        )
        assert report.changed == 1

    def test_assigns_an_actor_leaving_the_verdict(self, admin_user):
        claim = ClaimFactory()
        right = ActorFactory()
        claims_bulk_review(claims=[claim], reviewer=admin_user, actor=right)
        claim.refresh_from_db()
        assert claim.actor == right and claim.review_status == ReviewStatus.UNREVIEWED

    def test_a_bad_status_changes_nothing(self, admin_user):
        claims = ClaimFactory.create_batch(2)
        with pytest.raises(ValidationError):
            claims_bulk_review(claims=claims, reviewer=admin_user, status="approved")
        for claim in claims:
            claim.refresh_from_db()
            assert claim.reviewed_at is None


@pytest.mark.django_db
class TestArticleUpdateMetadata:
    def test_date_change_follows_into_claims(self, admin_user):
        claim = ClaimFactory(article__published=datetime.date(2007, 4, 20))
        article = claim.article
        article_update_metadata(
            article=article, user=admin_user, published=datetime.date(2007, 4, 23)
        )
        claim.refresh_from_db()
        assert claim.published == datetime.date(2007, 4, 23)
        assert article.history.first().history_user == admin_user

    def test_other_fields_leave_claims_alone(self, admin_user):
        claim = ClaimFactory()
        publisher = SourceFactory(name="Corrected Outlet")
        article_update_metadata(
            article=claim.article, user=admin_user, title="New", publisher=publisher
        )
        claim.article.refresh_from_db()
        assert (claim.article.title, claim.article.publisher) == ("New", publisher)

    def test_no_change_writes_nothing(self, admin_user):
        article = ClaimFactory().article
        versions = article.history.count()
        article_update_metadata(article=article, user=admin_user, title=article.title)
        assert article.history.count() == versions


@pytest.mark.django_db
class TestEditorCreate:
    def test_creates_a_staff_editor(self):
        user, created = editor_create(username="alice", password="a long passphrase 42")
        assert created and user.is_staff and not user.is_superuser
        assert user.check_password("a long passphrase 42")
        assert list(user.groups.values_list("name", flat=True)) == [EDITORS_GROUP]

    def test_an_existing_user_keeps_their_password(self, django_user_model):
        django_user_model.objects.create_user(username="bob", password="bobs own password 1")
        user, created = editor_create(username="bob", password="ignored password 99")
        assert not created and user.is_staff and user.check_password("bobs own password 1")
        assert user.groups.filter(name=EDITORS_GROUP).exists()

    def test_weak_passwords_are_refused(self):
        with pytest.raises(ValidationError):
            editor_create(username="carol", password="123")


@pytest.mark.django_db
class TestHistoryBaseline:
    def test_first_review_of_a_bulk_created_claim_shows_what_changed(self, admin_user):
        claim = ClaimFactory()
        Claim.history.filter(id=claim.pk).delete()  # as ingest's bulk_create leaves it
        claim._change_reason = "bulk: marked false"
        claim._history_user = admin_user
        claim_review(claim=claim, reviewer=admin_user, status=ReviewStatus.FALSE)
        review, baseline = claim.history.all()[:2]
        assert baseline.history_change_reason == "as stored" and baseline.history_user is None
        assert baseline.review_status == ReviewStatus.UNREVIEWED
        assert baseline.history_date == claim.created_at
        assert review.history_change_reason == "bulk: marked false"
        assert review.history_user == admin_user
        delta = review.diff_against(baseline)
        assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "review_status"] == [
            ("review_status", "unreviewed", "false")
        ]

    def test_existing_history_gets_no_second_baseline(self, admin_user):
        claim = ClaimFactory()
        assert claim.history.count() == 1
        claim_review(claim=claim, reviewer=admin_user, status=ReviewStatus.FALSE)
        assert claim.history.count() == 2
