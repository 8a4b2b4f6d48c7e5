"""Keyset (cursor) pagination for claims, and page numbers for the smaller lists.

DRF's CursorPagination keeps only the first ordering field in its cursor and
walks ties with an offset, which gets slow when thousands of claims share a
date. This cursor holds the last row's full sort key (value and id), so every
page, however deep, is one range scan of an index such as
claim_actor_timeline_idx (actor, -published, -id).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import math
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import F, Q, QuerySet
from django.utils.http import urlencode
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

CURSOR_PARAM = "cursor"
# Ids are signed 64-bit in both databases: a larger number in a forged cursor
# would overflow the driver's conversion (a 500), so it is refused first.
_MAX_ID = 2**63 - 1
PAGE_SIZE_PARAM = "page_size"
ORDERING_PARAM = "ordering"


@dataclass(frozen=True)
class Ordering:
    """A client-facing ordering: a sort field (then id, to break ties)."""

    field: str
    descending: bool
    nullable: bool = False
    kind: type = float

    def sort_keys(self) -> list[tuple[str, bool, bool]]:
        if self.field == "id":
            return [("id", self.descending, False)]
        return [(self.field, self.descending, self.nullable), ("id", self.descending, False)]


CLAIM_ORDERINGS: dict[str, Ordering] = {
    "-date": Ordering("published", True, nullable=True, kind=datetime.date),
    "date": Ordering("published", False, nullable=True, kind=datetime.date),
    "-confidence": Ordering("confidence", True),
    "confidence": Ordering("confidence", False),
    "-id": Ordering("id", True, kind=int),
    "id": Ordering("id", False, kind=int),
    "updated": Ordering("updated", False, kind=datetime.datetime),
    "-updated": Ordering("updated", True, kind=datetime.datetime),
}
DEFAULT_CLAIM_ORDERING = "-date"
# The ordering a client syncs by: its last page still has a `next` link, to
# poll later for what changed since (see claims.services.sync on why nothing
# committed later can sort before a row already read).
SYNC_ORDERING = "updated"
ORDERING_HELP = (
    "Sort order: `-date` (newest first, the default), `date`, `-confidence`, `confidence`, "
    "`-id`, `id`, `updated` (oldest change first: to sync; the last page's `next` link "
    "is where to poll for later changes), `-updated`; ties are broken by id. Claims "
    "without a date sort where the database puts missing values: first among the newest "
    "on PostgreSQL, last on SQLite."
)


def nulls_sort_high(queryset: QuerySet) -> bool:
    """PostgreSQL sorts NULL above every value, SQLite below; the index agrees."""
    return connections[queryset.db].vendor == "postgresql"


def claim_order_by(queryset: QuerySet, name: str, *, reverse: bool = False) -> QuerySet:
    # No NULLS FIRST/LAST: the database's own placement is what its indexes
    # store, so an actor's timeline is read straight off claim_actor_timeline_idx.
    ordering = CLAIM_ORDERINGS[name]
    terms = []
    for field_name, descending, _ in ordering.sort_keys():
        down = descending != reverse
        terms.append(F(field_name).desc() if down else F(field_name).asc())
    return queryset.order_by(*terms)


def _never() -> Q:
    return Q(pk__in=[])


def _after(field_name: str, value: Any, down: bool, nulls_high: bool) -> Q:
    """Rows strictly after ``value`` in this direction, NULLs placed as the database does."""
    if value is None:
        # NULL is the top of the order when nulls_high, else the bottom.
        beyond_null = down == nulls_high
        return Q(**{f"{field_name}__isnull": False}) if beyond_null else _never()
    condition = Q(**{f"{field_name}__{'lt' if down else 'gt'}": value})
    if down != nulls_high:
        condition |= Q(**{f"{field_name}__isnull": True})
    return condition


def _equal(field_name: str, value: Any) -> Q:
    if value is None:
        return Q(**{f"{field_name}__isnull": True})
    return Q(**{field_name: value})


def keyset_after(ordering: Ordering, values: list[Any], *, reverse: bool, nulls_high: bool) -> Q:
    """The rows after a position (sort value, id) in this ordering, or before it if reversed."""
    keys = ordering.sort_keys()
    condition = _never()
    prefix = Q()
    for (field_name, descending, _), value in zip(keys, values, strict=True):
        down = descending != reverse
        condition |= prefix & _after(field_name, value, down, nulls_high)
        prefix &= _equal(field_name, value)
    first_field, first_desc, _ = keys[0]
    first_value = values[0]
    down = first_desc != reverse
    # A plain range bound on the first key, so the index scan starts at the
    # cursor instead of filtering its way there (only when NULLs cannot follow).
    if first_value is not None and down == nulls_high:
        condition &= Q(**{f"{first_field}__{'lte' if down else 'gte'}": first_value})
    return condition


def encode_cursor(direction: str, ordering_name: str, values: list[Any]) -> str:
    """The cursor after (direction "n") or before ("p") the row with these sort values."""
    plain = [value.isoformat() if isinstance(value, datetime.date) else value for value in values]
    payload = json.dumps([direction, ordering_name, plain], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


class KeysetPagination(BasePagination):
    """Cursor pagination over CLAIM_ORDERINGS; the page size is capped."""

    page_size = 50
    max_page_size = 500
    ordering_param = ORDERING_PARAM

    def load_rows(self, queryset: QuerySet) -> list:
        # Claim pages come back as plain rows (selectors.claim_rows), not models.
        from claims.selectors import claim_rows

        return claim_rows(queryset)

    def paginate_queryset(self, queryset: QuerySet, request: Request, view=None) -> list:
        self.request = request
        self.page_size = self.get_page_size(request)
        self.ordering_name = request.query_params.get(self.ordering_param) or (
            DEFAULT_CLAIM_ORDERING
        )
        if self.ordering_name not in CLAIM_ORDERINGS:
            # The FilterSet refuses it first; this guards direct use.
            raise ValidationError(
                {self.ordering_param: [f"unknown ordering {self.ordering_name!r}"]}
            )
        ordering = CLAIM_ORDERINGS[self.ordering_name]
        self.ordering = ordering
        nulls_high = nulls_sort_high(queryset)
        cursor = self.decode_cursor(request, ordering)
        self.cursor = cursor
        self.reverse = cursor is not None and cursor["d"] == "p"
        queryset = claim_order_by(queryset, self.ordering_name, reverse=self.reverse)
        if cursor is not None:
            queryset = queryset.filter(
                keyset_after(ordering, cursor["v"], reverse=self.reverse, nulls_high=nulls_high)
            )
        rows = self.load_rows(queryset[: self.page_size + 1])
        has_more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if self.reverse:
            rows.reverse()
            self.has_next, self.has_previous = True, has_more
        else:
            self.has_next, self.has_previous = has_more, cursor is not None
        self.rows = rows
        return rows

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(PAGE_SIZE_PARAM)
        if raw in (None, ""):
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1:
            raise ValidationError({PAGE_SIZE_PARAM: ["page_size must be a whole number from 1"]})
        return min(size, self.max_page_size)

    # The cursor: URL-safe base64 of [direction, ordering, sort values].
    def decode_cursor(self, request: Request, ordering: Ordering) -> dict | None:
        raw = request.query_params.get(CURSOR_PARAM)
        if not raw:
            return None
        invalid = ValidationError({CURSOR_PARAM: ["invalid cursor: use the next/previous links"]})
        try:
            padded = raw + "=" * (-len(raw) % 4)
            direction, name, values = json.loads(base64.urlsafe_b64decode(padded))
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, RecursionError):
            raise invalid from None
        if direction not in ("n", "p") or not isinstance(values, list):
            raise invalid
        if name != self.ordering_name:
            raise ValidationError(
                {CURSOR_PARAM: ["this cursor belongs to another ordering; start from page one"]}
            )
        if len(values) != len(ordering.sort_keys()):
            raise invalid
        try:
            parsed = [
                self._parse(value, ordering.kind if index == 0 else int, nullable)
                for index, ((_, _, nullable), value) in enumerate(
                    zip(ordering.sort_keys(), values, strict=True)
                )
            ]
        except (ValueError, TypeError, OverflowError):
            # Whatever the forgery (a number too large for a float, a date
            # past year 9999, a string where a number belongs), the client
            # hears 400: a cursor is only ever what a next/previous link held.
            raise invalid from None
        return {"d": direction, "v": parsed}

    @staticmethod
    def _parse(value: Any, kind: type, nullable: bool) -> Any:
        if value is None:
            if not nullable:
                raise ValueError("null")
            return None
        if kind is datetime.datetime:
            if not isinstance(value, str):
                raise TypeError("datetime")
            moment = datetime.datetime.fromisoformat(value)
            if moment.tzinfo is None:
                raise ValueError("no time zone")
            # In UTC: PostgreSQL refuses offsets Python allows (beyond 15:59).
            return moment.astimezone(datetime.UTC)
        if kind is datetime.date:
            if not isinstance(value, str):
                raise TypeError("date")
            return datetime.date.fromisoformat(value)
        if kind is int:
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError("int")
            if not -_MAX_ID - 1 <= value <= _MAX_ID:
                raise ValueError("id out of range")
            return value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError("number")
        number = float(value)  # OverflowError for an int past the float range
        if not math.isfinite(number):
            # json.loads reads NaN and Infinity; no sort key ever holds them.
            raise ValueError("not finite")
        return number

    def encode_cursor(self, direction: str, row) -> str:
        get = row.__getitem__ if isinstance(row, dict) else row.__getattribute__
        values = [get(name) for name, _, _ in self.ordering.sort_keys()]
        return encode_cursor(direction, self.ordering_name, values)

    def _link(self, cursor: str) -> str:
        params = self.request.query_params.copy()
        params[CURSOR_PARAM] = cursor
        url = self.request.build_absolute_uri(self.request.path)
        return f"{url}?{urlencode(sorted(params.lists()), doseq=True)}"

    def get_next_link(self) -> str | None:
        if self.ordering_name == SYNC_ORDERING and not self.has_next:
            # The end of a sync: where to poll again later. An empty page
            # keeps the position it was asked for.
            if self.rows:
                return self._link(self.encode_cursor("n", self.rows[-1]))
            if self.cursor is not None and not self.reverse:
                return self._link(self.request.query_params[CURSOR_PARAM])
            return None
        if not self.has_next or not self.rows:
            return None
        return self._link(self.encode_cursor("n", self.rows[-1]))

    def get_previous_link(self) -> str | None:
        if not self.has_previous or not self.rows:
            return None
        return self._link(self.encode_cursor("p", self.rows[0]))

    def get_paginated_response(self, data) -> Response:
        return Response(
            OrderedDict(
                [
                    ("next", self.get_next_link()),
                    ("previous", self.get_previous_link()),
                    ("results", data),
                ]
            )
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The next page, or null on the last page.",
                },
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The previous page, or null on the first page.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": CURSOR_PARAM,
                "required": False,
                "in": "query",
                "description": "Opaque position from a `next` or `previous` link.",
                "schema": {"type": "string"},
            },
            {
                "name": PAGE_SIZE_PARAM,
                "required": False,
                "in": "query",
                "description": (
                    f"Claims per page (default {self.page_size}; "
                    f"larger values are capped at {self.max_page_size})."
                ),
                "schema": {"type": "integer", "minimum": 1},
            },
        ]


class NumberedPagination(PageNumberPagination):
    """Page numbers and a total count for actors, articles and sources."""

    page_size = 50
    page_size_query_param = PAGE_SIZE_PARAM
    max_page_size = 500

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(PAGE_SIZE_PARAM)
        if raw not in (None, ""):
            try:
                size = int(raw)
            except ValueError:
                size = 0
            if size < 1:
                raise ValidationError(
                    {PAGE_SIZE_PARAM: ["page_size must be a whole number from 1"]}
                )
        return super().get_page_size(request)
