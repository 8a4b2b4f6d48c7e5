"""Sources: the outlets that publish articles and relay claims."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from claims import services
from claims.models import Article, ClaimRelay, Source

from .common import count_of
from .filters import RelayFilter


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "articles_link", "relayed_link"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    fields = ["name", "slug", "kind", "created_at"]
    readonly_fields = ["slug", "created_at"]
    list_per_page = 50

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
