"""Webhooks on the desk: administrators register them and read the delivery log."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from claims.models import Webhook, WebhookDelivery

HOOKS = reverse("admin:claims_webhook_changelist")
DELIVERIES = reverse("admin:claims_webhookdelivery_changelist")
pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_admin(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def test_an_administrator_registers_a_webhook(desk_admin):
    response = desk_admin.post(
        reverse("admin:claims_webhook_add"),
        {"url": "https://hooks.example.org/claims", "secret": "s3cret", "on_review": "on",
         "active": "on"},
    )  # fmt: skip
    assert response.status_code == 302, response.content[:2000]
    hook = Webhook.objects.get()
    assert (hook.url, hook.secret, hook.on_review, hook.on_article) == (
        "https://hooks.example.org/claims",
        "s3cret",
        True,
        False,
    )


def test_a_webhook_url_that_is_not_http_is_refused(desk_admin):
    response = desk_admin.post(
        reverse("admin:claims_webhook_add"), {"url": "ftp://example.org/x", "secret": "s"}
    )
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    assert not Webhook.objects.exists()


def test_the_delivery_log_is_read_only(desk_admin):
    hook = Webhook.objects.create(url="https://hooks.example.org/", secret="s")
    delivery = WebhookDelivery.objects.create(
        webhook=hook, event="claim.reviewed", payload="{}", status="failed", error="HTTP 500: no"
    )
    page = desk_admin.get(reverse("admin:claims_webhookdelivery_change", args=[delivery.pk]))
    assert page.status_code == 200
    assert "HTTP 500: no" in page.content.decode()
    assert desk_admin.get(reverse("admin:claims_webhookdelivery_add")).status_code == 403
    desk_admin.post(
        reverse("admin:claims_webhookdelivery_change", args=[delivery.pk]), {"status": "delivered"}
    )
    delivery.refresh_from_db()
    assert delivery.status == "failed"


def test_editors_see_no_webhooks(editor_client):
    assert editor_client.get(HOOKS).status_code == 403
    assert editor_client.get(DELIVERIES).status_code == 403


def test_the_log_costs_the_same_queries_whatever_the_page_size(desk_admin, queries_per_page):
    hooks = [Webhook.objects.create(url=f"https://h{n}.example.org/", secret="s") for n in range(3)]
    WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(webhook=hooks[n % 3], event="claim.reviewed", payload="{}")
            for n in range(60)
        ]
    )
    model_admin = admin.site._registry[WebhookDelivery]
    small = queries_per_page(desk_admin, model_admin, DELIVERIES, 5)
    assert queries_per_page(desk_admin, model_admin, DELIVERIES, 60) == small


def test_failed_deliveries_are_sent_again_on_request(
    desk_admin, django_capture_on_commit_callbacks
):
    from tests.webhook_receiver import start_receiver

    receiver, server = start_receiver("s")
    try:
        hook = Webhook.objects.create(url=receiver.url, secret="s")
        failed = WebhookDelivery.objects.create(
            webhook=hook, event="claim.reviewed", payload='{"event": "claim.reviewed"}',
            status="failed", attempts=8, error="HTTP 500: no",
        )  # fmt: skip
        delivered = WebhookDelivery.objects.create(
            webhook=hook, event="claim.reviewed", payload="{}", status="delivered", attempts=1
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = desk_admin.post(
                DELIVERIES,
                {"action": "redeliver", "_selected_action": [failed.pk, delivered.pk]},
                follow=True,
            )
    finally:
        server.shutdown()
        server.server_close()

    assert "1 failed deliveries queued again." in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.error) == ("delivered", 1, "")
    assert [got.json for got in receiver.received] == [{"event": "claim.reviewed"}]
    assert all(got.signature_ok for got in receiver.received)
