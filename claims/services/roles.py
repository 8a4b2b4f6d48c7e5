"""An actor's roles over time, kept from what its claims' articles called it.

Each claim stores ``speaker_role``, the description its article gave the
speaker ("U.S. Defense Secretary"). ``ActorRole`` sums those up per actor: one
row per role (spellings that normalise alike are one role) with the first and
last publication dates it was seen on. The rows are always what
``actor_roles_refresh`` would compute from the claims; ingest only adds
claims, so it widens the rows in bulk (``actor_roles_widen``) instead of
recounting an actor's whole history, and the rarer writes that move or
re-date claims (a merge, a corrected speaker or date, a re-extraction)
recount the actors they touch.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Max, Min

from ..models import ActorRole, Claim
from ..normalization import normalize_name

_ROLE_MAX_LENGTH = ActorRole._meta.get_field("role").max_length


@dataclass
class _Seen:
    role: str
    first: datetime.date | None
    last: datetime.date | None

    def key(self) -> tuple:
        # The wording kept is the one seen first; an undated sighting counts
        # as later than any dated one; the same day falls back to the text,
        # so that widening and recounting choose alike.
        return (self.first is None, self.first or datetime.date.max, self.role)

    def absorb(self, other: _Seen) -> bool:
        """Widen to cover ``other``; True if anything changed."""
        before = (self.role, self.first, self.last)
        if other.key() < self.key():
            self.role = other.role
        self.first = _earliest(self.first, other.first)
        self.last = _latest(self.last, other.last)
        return before != (self.role, self.first, self.last)


def _earliest(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    return b if a is None else a if b is None else min(a, b)


def _latest(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    return b if a is None else a if b is None else max(a, b)


def speaker_role_clean(role: str | None) -> str:
    """A role as a claim stores it: trimmed, cut to the column's length."""
    return " ".join((role or "").split())[:_ROLE_MAX_LENGTH]


def _gather(
    sightings: Iterable[tuple[int, str, datetime.date | None, datetime.date | None]],
) -> dict[tuple[int, str], _Seen]:
    wanted: dict[tuple[int, str], _Seen] = {}
    for actor_id, role, first, last in sightings:
        role = speaker_role_clean(role)
        normalized = normalize_name(role)
        if not normalized:
            continue
        seen = _Seen(role, first, last)
        current = wanted.get((actor_id, normalized))
        if current is None:
            wanted[(actor_id, normalized)] = seen
        else:
            current.absorb(seen)
    return wanted


def actor_roles_widen(*, claims: Iterable[Claim]) -> None:
    """Record the speaker roles of newly stored claims: new roles are added,
    known ones have their first and last dates widened. Three queries at most."""
    wanted = _gather(
        (claim.actor_id, claim.speaker_role, claim.published, claim.published)
        for claim in claims
        if claim.actor_id and claim.speaker_role
    )
    if not wanted:
        return
    existing = {
        (row.actor_id, row.normalized): row
        for row in ActorRole.objects.filter(
            actor_id__in={actor_id for actor_id, _ in wanted},
            normalized__in={normalized for _, normalized in wanted},
        )
    }
    created, changed = [], []
    for (actor_id, normalized), seen in wanted.items():
        row = existing.get((actor_id, normalized))
        if row is None:
            created.append(
                ActorRole(
                    actor_id=actor_id,
                    role=seen.role,
                    normalized=normalized,
                    first_seen=seen.first,
                    last_seen=seen.last,
                )
            )
            continue
        stored = _Seen(row.role, row.first_seen, row.last_seen)
        if stored.absorb(seen):
            row.role, row.first_seen, row.last_seen = stored.role, stored.first, stored.last
            changed.append(row)
    ActorRole.objects.bulk_create(created)
    ActorRole.objects.bulk_update(changed, ["role", "first_seen", "last_seen"])


def actor_roles_refresh(*, actor_ids: Iterable[int]) -> None:
    """Recount the roles of these actors from their claims (every article version).

    One grouped query over claim_actor_stats_idx, which holds the speaker's
    role and the date: the claim rows themselves are not read.
    """
    ids = sorted({actor_id for actor_id in actor_ids if actor_id is not None})
    if not ids:
        return
    rows = (
        Claim.objects.filter(actor_id__in=ids)
        .exclude(speaker_role="")
        .values("actor_id", "speaker_role")
        .annotate(first=Min("published"), last=Max("published"))
        .order_by()
    )
    wanted = _gather(
        (row["actor_id"], row["speaker_role"], row["first"], row["last"]) for row in rows
    )
    stale, changed = [], []
    for row in ActorRole.objects.filter(actor_id__in=ids):
        seen = wanted.pop((row.actor_id, row.normalized), None)
        if seen is None:
            stale.append(row.pk)
        elif (row.role, row.first_seen, row.last_seen) != (seen.role, seen.first, seen.last):
            row.role, row.first_seen, row.last_seen = seen.role, seen.first, seen.last
            changed.append(row)
    ActorRole.objects.filter(pk__in=stale).delete()
    ActorRole.objects.bulk_update(changed, ["role", "first_seen", "last_seen"])
    ActorRole.objects.bulk_create(
        [
            ActorRole(
                actor_id=actor_id,
                role=seen.role,
                normalized=normalized,
                first_seen=seen.first,
                last_seen=seen.last,
            )
            for (actor_id, normalized), seen in wanted.items()
        ]
    )
