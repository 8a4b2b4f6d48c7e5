"""Small pieces shared by the desk's model admins."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

CSS = {"all": ["claims/desk.css"]}


def count_of(queryset: QuerySet, field: str) -> Coalesce:
    """A correlated COUNT of ``queryset`` rows whose ``field`` is the outer row.

    A subquery rather than ``Count()`` over a join: it cannot be inflated by
    the joins that searching adds, and it costs one index probe per listed row.
    """
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
