"""Webhooks: signed events on reviews and new articles, sent to a local receiver.

Tasks run in-process here (one attempt each); tests/workers sends them through
a real worker, with retries and backoff.
"""

from __future__ import annotations

import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from claims import services
from claims.models import Webhook, WebhookDelivery
from claims.services.webhooks import webhook_event
from tests.factories import ClaimFactory
from tests.webhook_receiver import start_receiver

pytestmark = pytest.mark.django_db

SECRET = "test-secret-0123456789"


@pytest.fixture
def receiver():
    receiver, server = start_receiver(SECRET)
    yield receiver
    server.shutdown()
    server.server_close()


@pytest.fixture
def hook(receiver) -> Webhook:
    return Webhook.objects.create(url=receiver.url, secret=SECRET)


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """``with sent(): ...``: what is done inside commits, and its deliveries go out."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_review_is_sent_signed_to_the_webhook(hook, receiver, sent, django_user_model):
    editor = django_user_model.objects.create_user("alice")
    claim = ClaimFactory()
    with sent():
        services.claim_review(
            claim=claim, reviewer=editor, status="false", note="desk only", explanation="No."
        )

    [got] = receiver.received
    assert got.signature_ok
    assert got.headers["Content-Type"] == "application/json"
    assert got.headers["X-Claims-Event"] == "claim.reviewed"
    assert abs(int(got.headers["X-Claims-Timestamp"]) - time.time()) < 60
    event = got.json
    assert event["event"] == "claim.reviewed"
    assert event["data"]["claim"] == claim.pk
    assert event["data"]["review_status"] == "false"
    assert event["data"]["public_explanation"] == "No."
    assert event["data"]["reviewer"] == "alice"
    assert event["data"]["changed"] == ["public_explanation", "review_status"]
    # The editor's note stays inside the desk.
    assert "desk only" not in got.body.decode()
    delivery = WebhookDelivery.objects.get()
    assert got.headers["X-Claims-Delivery"] == str(delivery.pk)
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 1, 200)
    assert delivery.payload.encode() == got.body


def test_the_signature_covers_the_timestamp_and_the_body():
    signature = services.webhook_signature(secret="s", timestamp="100", body=b"{}")
    assert signature == services.webhook_signature(secret="s", timestamp="100", body=b"{}")
    assert signature != services.webhook_signature(secret="s", timestamp="101", body=b"{}")
    assert signature != services.webhook_signature(secret="s", timestamp="100", body=b"{ }")
    assert signature != services.webhook_signature(secret="t", timestamp="100", body=b"{}")


def test_a_review_patched_over_the_api_is_sent(hook, receiver, sent, django_user_model):
    editor = django_user_model.objects.create_superuser("boss", password="x")
    client = APIClient()
    client.force_authenticate(editor)
    claim = ClaimFactory()
    with sent():
        response = client.patch(f"/api/v1/claims/{claim.pk}/", {"rating": 2}, format="json")
    assert response.status_code == 200
    assert [got.json["data"]["rating"] for got in receiver.received] == [2]


def test_a_bulk_review_sends_one_event_per_changed_claim(hook, receiver, sent):
    claims = ClaimFactory.create_batch(3)
    claims[2].review_status = "verified"
    claims[2].reviewed_at = claims[2].created_at
    claims[2].save()
    with sent():
        services.claims_bulk_review(claims=claims, reviewer=None, status="verified")

    assert sorted(got.json["data"]["claim"] for got in receiver.received) == sorted(
        claim.pk for claim in claims[:2]
    )


def test_a_review_rolled_back_sends_nothing(hook, receiver, sent):
    claim = ClaimFactory()
    with sent(), pytest.raises(RuntimeError), transaction.atomic():
        services.claim_review(claim=claim, reviewer=None, status="false")
        raise RuntimeError("the request failed after the review")
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_new_articles_go_only_to_webhooks_that_ask(hook, receiver, sent, article_dir):
    asking = Webhook.objects.create(url=receiver.url + "?articles", secret=SECRET, on_article=True)
    Webhook.objects.create(url=receiver.url, secret=SECRET, on_article=True, active=False)
    path = article_dir("rally.txt", '"We will win," Ann Lee said.\n')
    with sent():
        services.articles_ingest(paths=[str(path)])

    [got] = receiver.received
    assert got.signature_ok
    assert got.json["event"] == "article.created"
    assert got.json["data"]["origin"] == "rally.txt"
    assert got.json["data"]["claims"] == 1
    assert WebhookDelivery.objects.get().webhook == asking


def test_a_receiver_that_refuses_is_logged_as_failed(hook, receiver, sent):
    receiver.answers = [500]
    with sent():
        services.claim_review(claim=ClaimFactory(), reviewer=None, status="false")

    delivery = WebhookDelivery.objects.get()
    # In-process (no worker to wait out a backoff): one attempt.
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 1, 500)
    assert delivery.error == "HTTP 500: receiver says no"


def test_a_failed_delivery_is_retried_until_it_succeeds_or_attempts_run_out(
    hook, receiver, settings
):
    settings.CLAIMS_WEBHOOK_ATTEMPTS = 3
    receiver.answers = [503, 500]
    services.claim_review(claim=ClaimFactory(), reviewer=None, status="false")
    delivery = WebhookDelivery.objects.get()

    statuses = [services.webhook_deliver(delivery_id=delivery.pk).status for _ in range(3)]
    assert statuses == ["retrying", "retrying", "delivered"]
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_code, delivery.error) == (3, 200, "")
    # A redelivered message of a delivered event sends nothing more.
    services.webhook_deliver(delivery_id=delivery.pk)
    assert len(receiver.received) == 3

    receiver.answers = [500, 500, 500]
    services.claim_review(claim=ClaimFactory(), reviewer=None, status="false")
    second = WebhookDelivery.objects.latest("id")
    statuses = [services.webhook_deliver(delivery_id=second.pk).status for _ in range(3)]
    assert statuses == ["retrying", "retrying", "failed"]


def test_an_unreachable_or_redirecting_receiver_is_a_failure(receiver, sent):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    Webhook.objects.create(url=f"http://127.0.0.1:{closed_port}/", secret=SECRET)
    receiver.answers = [302]
    Webhook.objects.create(url=receiver.url, secret=SECRET)
    with sent():
        services.claim_review(claim=ClaimFactory(), reviewer=None, status="false")

    errors = sorted(WebhookDelivery.objects.values_list("error", flat=True))
    assert errors[0].startswith("ConnectionError: ")
    assert errors[1].startswith("HTTP 302")
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"failed"}


def test_the_backoff_doubles_and_is_capped(settings):
    settings.CLAIMS_WEBHOOK_RETRY_SECONDS = 30
    delays = [services.webhook_retry_delay(attempts) for attempts in (1, 2, 3, 4, 20)]
    assert delays == [30, 60, 120, 240, 3600]


@pytest.mark.parametrize("url", ["ftp://example.org/hook", "javascript:alert(1)", "not a url"])
def test_a_webhook_url_must_be_http_or_https(url):
    with pytest.raises(ValidationError) as refused:
        Webhook(url=url, secret=SECRET).full_clean()
    assert "url" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Webhook.objects.create(url=url, secret=SECRET)


def test_a_new_webhook_gets_a_random_secret():
    first, second = Webhook(url="https://a.example"), Webhook(url="https://b.example")
    assert len(first.secret) >= 40
    assert first.secret != second.secret


def test_nobody_listening_costs_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert webhook_event(event="claim.reviewed", data=dict) == 0
