"""The per-actor claim tally, recounted from the claims.

Triggers keep ``ActorClaimTally`` exact as claims and articles are written
(migration 0021_actor_claim_tally). A recount is for what they never see: a
bulk load with triggers switched off (bench/api/generate.py) or a table
restored on its own. It also says how many rows were wrong, so that
``--dry-run`` checks the triggers' work on a live database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, QuerySet

from ..models import ActorClaimTally, Article, Claim


@dataclass(frozen=True)
class TallyRecount:
    # Rows of the tally as recounted: one per actor, kind and review status.
    rows: int
    # Rows that were wrong, missing or left over before the recount.
    corrected: int


def actor_claim_tallies_recount(*, dry_run: bool = False) -> TallyRecount:
    """Recount the tally from the claims; with ``dry_run``, only say what is wrong."""
    tally = ActorClaimTally._meta.db_table
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Writers' triggers wait until the recount commits, then apply
            # their changes on top of it; readers go on reading.
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {tally} IN EXCLUSIVE MODE")
        counts = _counted_claims()
        fresh = {(row["actor_id"], row["kind"], row["review_status"]): row["n"] for row in counts}
        kept = {
            (actor_id, kind, status): n
            for actor_id, kind, status, n in ActorClaimTally.objects.values_list(
                "actor_id", "kind", "review_status", "claims"
            )
        }
        corrected = sum(fresh.get(key) != kept.get(key) for key in fresh.keys() | kept.keys())
        if corrected and not dry_run:
            ActorClaimTally.objects.all().delete()
            sql, params = counts.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {tally} (actor_id, kind, review_status, claims) {sql}", params
                )
    return TallyRecount(rows=len(fresh), corrected=corrected)


def _counted_claims() -> QuerySet[Claim]:
    """(actor_id, kind, review_status, claims) of current article versions, grouped."""
    superseded = Exists(Article.objects.filter(supersedes_id=OuterRef("article_id")))
    return (
        Claim.objects.filter(~superseded, actor_id__isnull=False)
        .values("actor_id", "kind", "review_status")
        .annotate(n=Count("*"))
        .order_by()
    )
