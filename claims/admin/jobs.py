"""Ingest jobs: articles pushed over the API, as the workers left them. Read-only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from claims.models import IngestJob


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "status",
        "outcome",
        "article_link",
        "claims",
        "created_by",
        "created_at",
        "finished_at",
        "attempts",
        "short_error",
    ]
    list_filter = ["status", "outcome"]
    list_select_related = ["article", "created_by"]
    search_fields = ["origin", "url", "title", "error"]
    date_hierarchy = "created_at"
    list_per_page = 50
    # The pushed text is not shown: up to CLAIMS_MAX_ARTICLE_BYTES, and the
    # article holds it once the job is done.
    fields = [
        "status",
        "outcome",
        "article_link",
        "claims",
        "error",
        "attempts",
        "format",
        "origin",
        "title",
        "publisher",
        "published",
        "byline",
        "url",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).defer("content")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description="article", ordering="article")
    def article_link(self, job: IngestJob) -> str:
        if job.article_id is None:
            return "-"
        url = reverse("admin:claims_article_change", args=[job.article_id])
        return format_html('<a href="{}">{}</a>', url, job.article)

    @admin.display(description="error")
    def short_error(self, job: IngestJob) -> str:
        return job.error if len(job.error) <= 80 else job.error[:79] + "\u2026"
