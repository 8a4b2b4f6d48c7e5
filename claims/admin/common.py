"""Small pieces shared by the desk's model admins."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property

from claims import selectors

CSS = {"all": ["claims/desk.css"]}


def count_of(queryset: QuerySet, field: str) -> Coalesce:
    """A correlated COUNT of ``queryset`` rows whose ``field`` is the outer row.

    A subquery rather than ``Count()`` over a join: it cannot be inflated by
    the joins that searching adds, and it costs one index probe per listed row.
    COUNT(*), not COUNT(id): counting rows needs no column, so PostgreSQL
    counts from the index on ``field`` alone (an index-only scan) instead of
    visiting every row.
    """
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# Lists are counted row by row up to this many; longer ones by PostgreSQL's estimate.
EXACT_COUNT_LIMIT = 1_000


class EstimatedCountPaginator(Paginator):
    """Pages of a list whose length is exact when short and estimated when long.

    The desk's queue holds most of the claims table: counting it exactly on
    every page read the table (seconds at ten million claims). The editor
    sees the same pages; a long list's last page number is approximate.
    """

    @cached_property
    def count(self) -> int:
        return selectors.count_estimate(self.object_list, exact_up_to=EXACT_COUNT_LIMIT)
