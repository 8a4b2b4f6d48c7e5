"""Reads off the primary: the public API's anonymous reads go to a replica.

DATABASE_REPLICA_URLS names one or more streaming replicas (settings add them
as ``replica1``, ``replica2``, ...). A GET, HEAD or OPTIONS under /api/ that
carries no credentials (no Authorization header, no session cookie) reads
from one of them, in turn; everything else uses the primary: the desk, every
PATCH, tokens, sessions, logins, and any request of an editor, who must see
their own reviews at once rather than when the replica has replayed them. A
request that writes anything reads from the primary from then on, so it reads
its own write.

A replica that cannot be reached is left out for REPLICA_RETRY_SECONDS and
the request is answered from the next one or the primary; one that fails in
the middle of a request (it was stopped) has that request answered again
from the primary: a read is safe to repeat.
"""

from __future__ import annotations

import contextvars
import itertools
import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

from .errors import API_PREFIX, DATABASE_UNAVAILABLE_ERRORS

logger = logging.getLogger(__name__)

# How long a replica that failed is left out before it is tried again.
REPLICA_RETRY_SECONDS = 5.0
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# The database this request reads from; None: the primary.
_read_alias: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "claims_read_alias", default=None
)
_down_until: dict[str, float] = {}
_turns = itertools.count()
_lock = threading.Lock()


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


class ReplicaRouter:
    """Reads from the request's replica, if it was given one; writes, migrations: the primary."""

    def db_for_read(self, model, **hints) -> str | None:
        return _read_alias.get()

    def db_for_write(self, model, **hints) -> str:
        # A request that writes reads its own write: from the primary, from now on.
        _read_alias.set(None)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # A replica holds the primary's very rows.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


def reads_from_replica(request: HttpRequest) -> bool:
    """An anonymous, read-only request of the public API."""
    return (
        request.method in _SAFE_METHODS
        and request.path.startswith(API_PREFIX)
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _reachable(alias: str) -> bool:
    try:
        # With health checks on, this also notices a connection the server dropped.
        connections[alias].ensure_connection()
    except DATABASE_UNAVAILABLE_ERRORS:
        _leave_out(alias)
        return False
    return True


def _leave_out(alias: str) -> None:
    with _lock:
        _down_until[alias] = time.monotonic() + REPLICA_RETRY_SECONDS
    logger.warning("read replica %s unreachable; reading from the primary meanwhile", alias)
    connections[alias].close()


def choose_replica() -> str | None:
    """The next replica in turn that answers, or None for the primary."""
    aliases = replica_aliases()
    if not aliases:
        return None
    start = next(_turns)
    now = time.monotonic()
    for offset in range(len(aliases)):
        alias = aliases[(start + offset) % len(aliases)]
        if _down_until.get(alias, 0) > now:
            continue
        if _reachable(alias):
            return alias
    return None


class ReplicaReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        alias = choose_replica() if reads_from_replica(request) else None
        if alias is None:
            return self.get_response(request)
        token = _read_alias.set(alias)
        try:
            response = self.get_response(request)
        finally:
            _read_alias.reset(token)
        if response.status_code == 503:
            # Was it the replica that went away? Then the primary answers.
            connections[alias].close()
            if not _reachable(alias):
                return self.get_response(request)
        return response
