"""The ``updated`` stamps that let API clients ask "what changed since my last sync".

A stamp is handed out by one locked row (SyncClock), inside the writing
transaction, and that row stays locked until the transaction commits. So
stamps only grow, and a transaction stamped later commits later: a client
that has read every row up to a stamp never sees a row with a smaller stamp
appear afterwards, however long the writes took. The price is that writes
which stamp take turns from the moment they stamp until they commit; every
one of them stamps first, before taking any other lock, so they cannot
deadlock on each other.

A row's ``updated`` moves whenever what the API shows of it changes, and that
includes what it shows of other rows: a claim shows its actor, its article and
the sources it went through; an article's detail shows its first claims; an
actor's detail counts its claims. The functions below stamp a row together
with the rows that show it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from ..models import Actor, Article, Claim, ClaimRelay, Source, SyncClock

# Two transactions never share a stamp: the later one is at least this much later.
_TICK = datetime.timedelta(microseconds=1)


def sync_stamp() -> datetime.datetime:
    """A stamp for the current transaction's writes, later than every stamp before it.

    Takes the clock's lock first (a row lock on PostgreSQL, the write lock on
    SQLite), which the transaction keeps until it ends; the stamp is
    computed from the locked value and the wall clock, and never allowed to
    go back (a server's clock may). On PostgreSQL that is one statement.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("sync_stamp() needs a transaction: its lock must last until commit")
    if connection.vendor == "postgresql":
        stamp = _postgresql_stamp()
        if stamp is not None:
            return stamp
    # A no-op UPDATE takes the lock before the value is read (SQLite has no
    # SELECT ... FOR UPDATE); the row is recreated if a test emptied the table.
    if not SyncClock.objects.filter(pk=1).update(last=F("last")):
        SyncClock.objects.bulk_create(
            [SyncClock(pk=1, last=timezone.now() - _TICK)], ignore_conflicts=True
        )
    last = SyncClock.objects.values_list("last", flat=True).get(pk=1)
    stamp = max(timezone.now(), last + _TICK)
    SyncClock.objects.filter(pk=1).update(last=stamp)
    return stamp


def _postgresql_stamp() -> datetime.datetime | None:
    """The stamp in one statement (every write pays it), None if the row is missing.

    The UPDATE takes the row's lock before it computes the new value from
    the locked one; the wall clock, read before the wait, may be behind a
    stamp committed meanwhile, and GREATEST then moves past that stamp.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {SyncClock._meta.db_table} SET last = GREATEST(%s, last + %s)"
            " WHERE id = 1 RETURNING last",
            [timezone.now(), _TICK],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def claims_touch(*, claims: QuerySet[Claim], stamp: datetime.datetime) -> int:
    """Stamp these claims, the articles that list them and the actors that count them."""
    # Subqueries, not lists of ids: a source's claims may be hundreds of thousands.
    Article.objects.filter(pk__in=claims.values("article_id")).update(updated=stamp)
    actors_touch(actor_ids=claims.values("actor_id"), stamp=stamp)
    return claims.update(updated=stamp)


def actors_touch(*, actor_ids: Iterable[int | None] | QuerySet, stamp: datetime.datetime) -> None:
    """Stamp actors whose claim counts changed (claims added, removed, reviewed, moved)."""
    if not isinstance(actor_ids, QuerySet):
        actor_ids = [pk for pk in set(actor_ids) if pk is not None]
        if not actor_ids:
            return
    Actor.objects.filter(pk__in=actor_ids).update(updated=stamp)


def actor_shown_changed(*, actor: Actor, stamp: datetime.datetime) -> None:
    """The actor's name or kind changed: every claim showing it shows the change."""
    claims_touch(claims=Claim.objects.filter(actor=actor), stamp=stamp)


def article_shown_changed(*, article: Article, stamp: datetime.datetime) -> None:
    """The article's title, publisher or date changed: its claims show them."""
    claims_touch(claims=Claim.objects.filter(article=article), stamp=stamp)


def source_shown_changed(*, source: Source, stamp: datetime.datetime) -> None:
    """The source's name or kind changed: the articles it published and the claims
    that name it (as their article's publisher or as a relay) show the change."""
    Article.objects.filter(publisher=source).update(updated=stamp)
    relayed = ClaimRelay.objects.filter(source=source).values("claim_id")
    claims_touch(
        claims=Claim.objects.filter(Q(article__publisher=source) | Q(pk__in=relayed)),
        stamp=stamp,
    )
