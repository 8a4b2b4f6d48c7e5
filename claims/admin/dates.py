"""The desk's date drill-downs, from the date index rather than the list.

Django's drill-down (admin_list.date_hierarchy) asks the filtered list for
its earliest and latest dates and for the distinct years, months or days in
it: each a read of every row of the list, the whole table for the default
claim queue or article list. Here the range comes from the two ends of the
model's date index (claim_published_idx, article_published_idx: two index
probes) and the choices are the calendar within it: a year with nothing in
this list shows an empty list rather than being left out.
"""

from __future__ import annotations

import calendar
import datetime

from django.contrib.admin.templatetags import admin_list
from django.db.models import Model


class CalendarOfRows:
    """Stands in for the list in Django's drill-down: its date range and calendar."""

    def __init__(self, model: type[Model], field_name: str, params: dict) -> None:
        self.model = model
        self.field_name = field_name
        self.year = _number(params.get(f"{field_name}__year"))
        self.month = _number(params.get(f"{field_name}__month"))

    def aggregate(self, **kwargs) -> dict:
        rows = self.model._default_manager
        dated = rows.filter(**{f"{self.field_name}__isnull": False}).values_list(
            self.field_name, flat=True
        )
        return {
            "first": dated.order_by(self.field_name).first(),
            "last": dated.order_by(f"-{self.field_name}").first(),
        }

    def dates(self, field_name: str, kind: str, order: str = "ASC") -> list[datetime.date]:
        if kind == "year":
            bounds = self.aggregate()
            if bounds["first"] is None:
                return []
            return [
                datetime.date(year, 1, 1)
                for year in range(bounds["first"].year, bounds["last"].year + 1)
            ]
        if kind == "month" and self.year:
            return [datetime.date(self.year, month, 1) for month in range(1, 13)]
        if kind == "day" and self.year and self.month:
            days = calendar.monthrange(self.year, self.month)[1]
            return [datetime.date(self.year, self.month, day) for day in range(1, days + 1)]
        return []


def _number(value) -> int | None:
    if isinstance(value, list):
        value = value[-1] if value else None
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class _ChangeListWithCalendar:
    """The changelist, its list replaced by the calendar for the drill-down only."""

    def __init__(self, changelist) -> None:
        self._changelist = changelist
        self.queryset = CalendarOfRows(
            changelist.model, changelist.date_hierarchy, changelist.params
        )

    def __getattr__(self, name):
        return getattr(self._changelist, name)


def date_hierarchy(changelist) -> dict:
    """The context of admin/date_hierarchy.html, as Django builds it, without a scan."""
    return admin_list.date_hierarchy(_ChangeListWithCalendar(changelist))
