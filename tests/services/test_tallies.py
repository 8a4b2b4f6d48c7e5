"""The per-actor claim tally stays what a recount of the claims gives, whatever
writes them: ingest, new versions, re-extraction, reviews, speaker corrections,
merges, deletions through the ORM and bulk updates (migration 0021's triggers)."""

from __future__ import annotations

import datetime
import threading
import time
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from claims.article_files import ArticleOverrides
from claims.models import Actor, ActorClaimTally, Article, Claim, ReviewStatus
from claims.services import (
    actor_claim_tallies_recount,
    actor_merge,
    article_ingest,
    article_reextract,
    articles_ingest,
    claim_review,
    claims_bulk_review,
)
from tests.conftest import SEEDS_DIR
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

BUDGET = """Budget talks

Ana Ruiz, the finance minister, said the budget was fair, the Zephyr agency reported.

Boris Petrov, the trade minister, said the tariff would stay. "We will not move," Petrov said.

A U.S. official said the talks had failed.
"""


def tally() -> dict[tuple[int, str, str], int]:
    return {
        (actor_id, kind, status): n
        for actor_id, kind, status, n in ActorClaimTally.objects.values_list(
            "actor_id", "kind", "review_status", "claims"
        )
    }


def recount() -> dict[tuple[int, str, str], int]:
    """Counted in Python, claim by claim: no SQL shared with the triggers."""
    superseded = set(Article.objects.values_list("supersedes_id", flat=True))
    return dict(
        Counter(
            (claim.actor_id, claim.kind, claim.review_status)
            for claim in Claim.objects.all()
            if claim.actor_id is not None and claim.article_id not in superseded
        )
    )


def assert_tally_exact() -> None:
    assert tally() == recount()


def ingest(text: str, origin: str):
    report = article_ingest(
        origin=origin,
        data=text.encode(),
        overrides=ArticleOverrides(publisher="The Daily", published=datetime.date(2024, 5, 1)),
    )
    assert report.article_id is not None, report.error
    return Article.objects.get(pk=report.article_id)


def test_every_write_keeps_the_tally_exact(admin_user):
    articles_ingest(paths=[str(SEEDS_DIR)])
    assert tally() and sum(tally().values()) == Claim.objects.exclude(actor=None).count()
    assert_tally_exact()

    first = ingest(BUDGET, "budget.txt")
    assert_tally_exact()

    # A reviewed claim, then a changed version of its article: the old version's
    # claims leave the tally, the new one's (review carried forward) come in.
    reviewed = first.claims.exclude(actor=None).order_by("start").first()
    claim_review(claim=reviewed, reviewer=admin_user, status=ReviewStatus.DISPUTED)
    assert_tally_exact()
    second = ingest(BUDGET.replace("would stay", "would stay for now"), "budget.txt")
    assert second.supersedes_id == first.pk
    assert_tally_exact()

    # Re-extraction deletes the unreviewed claims and stores them again.
    article_reextract(article=second)
    assert_tally_exact()

    # A speaker corrected, then the actor merged into another.
    claim = second.claims.exclude(actor=None).order_by("start").last()
    other = ActorFactory(name="Carla Mendes")
    claim_review(claim=claim, reviewer=admin_user, actor=other)
    assert_tally_exact()
    survivor = Actor.objects.get(name="Ana Ruiz")
    actor_merge(survivor=survivor, merged=[other], user=admin_user)
    assert_tally_exact()
    assert not ActorClaimTally.objects.filter(actor_id=other.pk).exists()

    # A bulk update of review statuses, as an admin action or a script does it.
    Claim.objects.filter(article=second).update(
        review_status=ReviewStatus.VERIFIED, reviewed_at=timezone.now()
    )
    assert_tally_exact()

    # Deleting the current version (cascading to its claims) makes the old one
    # current again; deleting the old one then takes its claims away too.
    second.delete()
    assert_tally_exact()
    assert Claim.objects.filter(article=first).exclude(actor=None).exists()
    first.delete()
    assert_tally_exact()

    # Bulk deletion and bulk re-pointing of versions, outside any service.
    seeds = list(Article.objects.order_by("pk"))
    Article.objects.filter(pk=seeds[1].pk).update(supersedes=seeds[0])
    assert_tally_exact()
    Article.objects.filter(pk=seeds[1].pk).update(supersedes=None)
    assert_tally_exact()
    Claim.objects.filter(article=seeds[0]).delete()
    assert_tally_exact()
    # No row is left at zero.
    assert all(n > 0 for n in tally().values())


def test_loaded_fixtures_tally_as_ingest_did(seeded):
    assert tally()
    assert_tally_exact()


def test_claims_of_factories_and_versions_are_tallied():
    old = ClaimFactory()
    unattributed = ClaimFactory(actor=None)
    assert tally() == {(old.actor_id, old.kind, ReviewStatus.UNREVIEWED): 1}
    newer = ArticleFactory(supersedes=old.article)
    assert tally() == {}
    ClaimFactory(article=newer, actor=old.actor, text="Statement x", start=0)
    assert_tally_exact()
    assert unattributed.actor_id is None


def test_recount_repairs_and_reports_a_wrong_tally():
    a, b = ActorFactory.create_batch(2)
    ClaimFactory.create_batch(3, actor=a)
    ClaimFactory(actor=b)
    ActorClaimTally.objects.filter(actor=a).update(claims=7)
    ActorClaimTally.objects.filter(actor=b).delete()

    report = actor_claim_tallies_recount(dry_run=True)
    assert (report.rows, report.corrected) == (2, 2)
    assert tally()[a.pk, "direct", "unreviewed"] == 7

    report = actor_claim_tallies_recount()
    assert (report.rows, report.corrected) == (2, 2)
    assert_tally_exact()
    assert actor_claim_tallies_recount().corrected == 0


def test_recount_command(capsys):
    ClaimFactory()
    ActorClaimTally.objects.update(claims=5)
    call_command("recount_tallies", "--dry-run")
    assert "1 tally row(s) wrong" in capsys.readouterr().out
    assert tally() != recount()
    call_command("recount_tallies")
    assert "1 corrected" in capsys.readouterr().out
    assert_tally_exact()


def _bulk_update(status: str, claims: list[Claim], editor) -> None:
    # One statement: its tally changes are one upsert in key order.
    Claim.objects.filter(pk__in=[claim.pk for claim in claims]).update(
        review_status=status, reviewed_at=timezone.now()
    )


def _bulk_review(status: str, claims: list[Claim], editor) -> None:
    # A statement per claim; services take turns from their first write
    # (services.sync_stamp), so two never hold tally rows the other needs.
    claims_bulk_review(claims=claims, reviewer=editor, status=status)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("write", [_bulk_update, _bulk_review])
def test_concurrent_reviews_of_the_same_actors_keep_it_exact(write, admin_user):
    """Two editors review claims of the same actors at once, one from the first
    actor, the other from the last: neither deadlocks, both count (PostgreSQL)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has a single writer")
    for actor in ActorFactory.create_batch(6):
        ClaimFactory.create_batch(4, actor=actor)
    claims = list(Claim.objects.order_by("actor_id", "pk"))
    halves = {ReviewStatus.VERIFIED: claims[::2], ReviewStatus.DISPUTED: claims[1::2][::-1]}
    start = threading.Barrier(len(halves))
    failures = []

    def review(status: str, some: list[Claim]) -> None:
        try:
            with transaction.atomic():
                start.wait(timeout=10)
                write(status, some, admin_user)
                # Still holding its locks while the other one writes.
                time.sleep(0.2)
        except Exception as error:  # reported below, from the test's thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=review, args=item) for item in halves.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    assert_tally_exact()
    assert tally().keys() == {
        (claim.actor_id, "direct", status) for status, some in halves.items() for claim in some
    }
