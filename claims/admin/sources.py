"""Sources: the outlets that publish articles and relay claims."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from claims import selectors, services
from claims.models import Article, ClaimRelay, Source

from .charts import bar_chart_svg
from .common import CSS, count_of
from .filters import RelayFilter


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "articles_link", "relayed_link"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    fields = ["name", "slug", "kind", "created_at", "claims_over_time"]
    readonly_fields = ["slug", "created_at", "claims_over_time"]
    list_per_page = 50

    class Media:
        css = CSS

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_count=count_of(Article.objects.all(), "publisher"),
                # One claim relayed twice by one agency is counted twice: rare, and
                # a DISTINCT would cost more than it is worth on every row.
                relayed_count=count_of(ClaimRelay.objects.all(), "source"),
            )
        )

    def save_model(self, request: HttpRequest, obj: Source, form: forms.Form, change: bool) -> None:
        services.source_desk_save(source=obj, changed=form.changed_data)

    @admin.display(description="claims over time")
    def claims_over_time(self, source: Source) -> str:
        if not source.pk:
            return "\u2014"
        stats = selectors.source_stats(source=source)
        outcomes = format_html_join(
            "",
            "<li>{}: {} claims{}</li>",
            (
                (
                    what,
                    outcome.total,
                    ", "
                    + ", ".join(f"{n} {status}" for status, n in outcome.by_status.items() if n)
                    if outcome.total
                    else "",
                )
                for what, outcome in (("published", stats.published), ("relayed", stats.relayed))
            ),
        )
        chart = bar_chart_svg(
            {month.month: (month.published, month.relayed) for month in stats.months},
            series=("published", "relayed"),
            title=f"Claims {source.name} published and relayed per month",
        )
        return format_html('<ul class="claims-outcomes">{}</ul>{}', outcomes, chart)

    @admin.display(description="articles published", ordering="article_count")
    def articles_link(self, source: Source) -> str:
        url = reverse("admin:claims_article_changelist")
        return format_html(
            '<a href="{}?publisher__id__exact={}">{}</a>', url, source.pk, source.article_count
        )

    @admin.display(description="claims relayed", ordering="relayed_count")
    def relayed_link(self, source: Source) -> str:
        url = reverse("admin:claims_claim_changelist")
        return format_html(
            '<a href="{}?{}={}">{}</a>',
            url,
            RelayFilter.parameter_name,
            source.slug,
            source.relayed_count,
        )
