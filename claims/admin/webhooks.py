"""Webhooks (administrators register them) and their delivery log (read-only)."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from claims import services
from claims.models import Webhook, WebhookDelivery


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ["url", "active", "on_review", "on_article", "created_at"]
    list_filter = ["active", "on_review", "on_article"]
    search_fields = ["url"]
    fields = ["url", "secret", "on_review", "on_article", "active", "created_at"]
    readonly_fields = ["created_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "event",
        "webhook",
        "status",
        "attempts",
        "response_code",
        "last_attempt_at",
        "short_error",
    ]
    list_filter = ["status", "event", "webhook"]
    list_select_related = ["webhook"]
    search_fields = ["payload", "error"]
    date_hierarchy = "created_at"
    list_per_page = 50
    fields = [
        "webhook",
        "event",
        "status",
        "attempts",
        "response_code",
        "error",
        "created_at",
        "last_attempt_at",
        "delivered_at",
        "payload",
    ]
    readonly_fields = fields
    actions = ["redeliver"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description="error")
    def short_error(self, delivery: WebhookDelivery) -> str:
        error = delivery.error
        return error if len(error) <= 80 else error[:79] + "\u2026"

    @admin.action(
        description="Send the selected failed deliveries again", permissions=["redeliver"]
    )
    def redeliver(self, request: HttpRequest, queryset) -> None:
        queued = services.webhook_redeliver(deliveries=list(queryset))
        self.message_user(request, f"{queued} failed deliveries queued again.")

    def has_redeliver_permission(self, request: HttpRequest) -> bool:
        # Whoever may change the webhooks may send their events again.
        return request.user.has_perm("claims.change_webhook")
