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
# From this many rows down, a page is found by its ids before its rows are joined.
DEFERRED_JOIN_FROM = 1_000


class EstimatedCountPaginator(Paginator):
    """Pages of a list whose length is exact when short and estimated when long.

    The desk's queue holds most of the claims table: counting it exactly on
    every page read the table (seconds at ten million claims). The editor
    sees the same pages; a long list's last page number is approximate.
    """

    @cached_property
    def count(self) -> int:
        return selectors.count_estimate(self.object_list, exact_up_to=EXACT_COUNT_LIMIT)

    def page(self, number):
        """A page; a deep one skips the rows above it by their ids alone.

        OFFSET still reads the rows it skips, and with the list's joins it
        joined every one of them to its actor and article first (page 500 of
        the queue: 25,000 joined rows thrown away). Skipping ids along the
        list's index and then loading the page's rows by id costs one more
        query and no joins for the skipped rows; the first pages keep one query.
        """
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < DEFERRED_JOIN_FROM:
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)
