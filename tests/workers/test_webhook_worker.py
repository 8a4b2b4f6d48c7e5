"""Webhook deliveries through a real worker: a refusing receiver is retried with backoff."""

from __future__ import annotations

from claims import services
from claims.models import Webhook, WebhookDelivery, WebhookDeliveryStatus
from tests.factories import ClaimFactory
from tests.webhook_receiver import start_receiver

from .conftest import wait_for

SECRET = "worker-test-secret"
RETRY_SECONDS = 0.5


def test_a_refused_delivery_is_retried_with_backoff_until_delivered(start_worker):
    receiver, server = start_receiver(SECRET)
    try:
        receiver.answers = [500, 503]
        Webhook.objects.create(url=receiver.url, secret=SECRET)
        worker = start_worker(CLAIMS_WEBHOOK_RETRY_SECONDS=str(RETRY_SECONDS))
        services.claim_review(claim=ClaimFactory(), reviewer=None, status="disputed")
        delivery = WebhookDelivery.objects.get()

        def delivered():
            delivery.refresh_from_db()
            return delivery.status == WebhookDeliveryStatus.DELIVERED

        wait_for(delivered, "the delivery", worker)
    finally:
        server.shutdown()
        server.server_close()

    assert (delivery.attempts, delivery.response_code, delivery.error) == (3, 200, "")
    assert len(receiver.received) == 3
    assert all(got.signature_ok for got in receiver.received)
    assert {got.json["event"] for got in receiver.received} == {"claim.reviewed"}
    assert {got.headers["X-Claims-Delivery"] for got in receiver.received} == {str(delivery.pk)}
    # The backoff: a wait after the first failure, twice as long after the second.
    first, second, third = (got.at for got in receiver.received)
    assert second - first >= RETRY_SECONDS * 0.9
    assert third - second >= 2 * RETRY_SECONDS * 0.9
