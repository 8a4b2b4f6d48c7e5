"""Request rates per client, counted in the shared cache.

The client is who the trusted-proxy rule says it is (claims_project.client_ip,
the rule the login lockout uses, DJANGO_TRUSTED_PROXY_COUNT): a client cannot
buy a new quota by sending a new X-Forwarded-For. Counts live in the default
cache, which is Redis when REDIS_URL is set, so every gunicorn worker counts
against the same quota.

Rates are read from settings on each request, so a changed setting (or a
test's override) takes effect; a missing or None rate switches that limit off.

Besides the general limits (``anon``, ``user``), the expensive requests have
stricter scopes of their own, counted per client on top of the general one:
``csv`` (exports), ``search`` (claims with ``q``), ``article`` (an article's
detail, with its whole text). And at most CLAIMS_API_CSV_MAX_CONCURRENT CSV
exports stream at once, across all workers (csv_stream_slot).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator

from django.conf import settings
from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from claims_project.client_ip import client_ip

logger = logging.getLogger(__name__)


class _ClientIdent:
    def get_ident(self, request) -> str:
        return client_ip(request)

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_ClientIdent, AnonRateThrottle):
    pass


class UserThrottle(_ClientIdent, UserRateThrottle):
    pass


class _ExpensiveThrottle(_ClientIdent, SimpleRateThrottle):
    """A stricter rate for one kind of request, per user or per client address."""

    def applies(self, request, view) -> bool:
        raise NotImplementedError

    def get_cache_key(self, request, view) -> str | None:
        if not self.applies(request, view):
            return None
        user = request.user
        who = f"user-{user.pk}" if user and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": who}


def _wants_csv(request) -> bool:
    renderer = getattr(request, "accepted_renderer", None)
    return renderer is not None and renderer.format == "csv"


class CSVExportThrottle(_ExpensiveThrottle):
    scope = "csv"

    def applies(self, request, view) -> bool:
        return _wants_csv(request)


class SearchThrottle(_ExpensiveThrottle):
    scope = "search"

    def applies(self, request, view) -> bool:
        return bool(request.query_params.get("q")) and getattr(view, "basename", "") == "claim"


class ArticleDetailThrottle(_ExpensiveThrottle):
    scope = "article"

    def applies(self, request, view) -> bool:
        return getattr(view, "basename", "") == "article" and getattr(view, "action", "") == (
            "retrieve"
        )


# Concurrent CSV exports: a counter in the shared cache. A worker killed in the
# middle of an export cannot give its slot back; the counter then expires.
_CSV_STREAMS_KEY = "claims:csv-streams"
_CSV_STREAMS_TTL = 15 * 60


def csv_stream_slot() -> str | None:
    """Take one of the CLAIMS_API_CSV_MAX_CONCURRENT export slots; None if all are taken."""
    limit = settings.CLAIMS_API_CSV_MAX_CONCURRENT
    if not limit:
        return "unlimited"
    cache.add(_CSV_STREAMS_KEY, 0, _CSV_STREAMS_TTL)
    try:
        taken = cache.incr(_CSV_STREAMS_KEY)
    except ValueError:  # expired between add and incr
        cache.add(_CSV_STREAMS_KEY, 1, _CSV_STREAMS_TTL)
        taken = 1
    if taken > limit:
        _release()
        return None
    return uuid.uuid4().hex


def _release() -> None:
    try:
        if cache.decr(_CSV_STREAMS_KEY) < 0:
            cache.set(_CSV_STREAMS_KEY, 0, _CSV_STREAMS_TTL)
    except ValueError:
        pass


class ReleasingStream:
    """An iterator over CSV lines that gives its export slot back when closed.

    The WSGI server closes the response when it is sent or the client goes
    away; Django passes that on to ``close``, whether or not streaming began.
    """

    def __init__(self, lines: Iterator[str], slot: str) -> None:
        self._lines = lines
        self._slot = slot

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        return next(self._lines)

    def close(self) -> None:
        if self._slot is not None:
            slot, self._slot = self._slot, None
            close = getattr(self._lines, "close", None)
            if close is not None:
                close()
            if slot != "unlimited":
                _release()
