"""Conditional GETs of detail resources: ``ETag`` and ``Last-Modified``, and 304.

Both validators come from the row's ``updated``, which moves whenever anything
the resource shows changes (claims.services.sync), so a view can answer 304
from the row alone, before loading what it lists or rendering anything.

An entity tag also names the format (JSON, the browsable page): two
representations of one resource are not interchangeable. A claim's tag starts
with its review version, which ``If-Match`` on a review compares (see
claims.api.views.etag_matches).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_etags, parse_http_date_safe


def stamp_tag(updated: datetime.datetime) -> str:
    """``updated`` to the microsecond, compactly: microseconds since 1970 in hex."""
    delta = updated - datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
    return format(delta // datetime.timedelta(microseconds=1), "x")


@dataclass(frozen=True)
class Validators:
    """What a client's copy of a resource is compared with."""

    etag: str
    last_modified: datetime.datetime

    @classmethod
    def of(cls, *, prefix: str, updated: datetime.datetime, format: str) -> Validators:
        return cls(etag=f'"{prefix}.{stamp_tag(updated)}.{format}"', last_modified=updated)

    def client_is_current(self, request) -> bool:
        """RFC 9110: If-None-Match (weak comparison) wins; else If-Modified-Since.

        Last-Modified has whole seconds: two changes in one second look alike
        to If-Modified-Since, never to If-None-Match.
        """
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match is not None:
            if if_none_match.strip() == "*":
                return True
            mine = _opaque(self.etag)
            return any(_opaque(tag) == mine for tag in parse_etags(if_none_match))
        since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
        return since is not None and int(self.last_modified.timestamp()) <= since

    def not_modified(self, request) -> HttpResponse | None:
        """A 304 with the validators and no body if the client's copy is current, else None."""
        if request.method not in ("GET", "HEAD") or not self.client_is_current(request):
            return None
        return self.apply(HttpResponseNotModified())

    def apply(self, response):
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.last_modified.timestamp())
        return response


def _opaque(tag: str) -> str:
    return tag.removeprefix("W/")
