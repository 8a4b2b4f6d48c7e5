"""Template tags of the editorial desk."""

from __future__ import annotations

from django import template

from claims.admin.dates import date_hierarchy

register = template.Library()


@register.inclusion_tag("admin/date_hierarchy.html")
def claims_date_hierarchy(changelist) -> dict:
    return date_hierarchy(changelist)
