"""Webhooks: events told to the URLs administrators registered, signed, retried.

An event is recorded as one delivery per interested webhook in the
transaction of the change it reports (a review rolled back sends nothing),
and handed to the task queue once that transaction commits. A worker sends
it; a failure is tried again with exponential backoff, and every attempt is
kept in the delivery log (the desk's *Webhook deliveries*).

What a receiver gets: a POST of JSON ``{"event", "created_at", "data"}`` with

- ``X-Claims-Event``: the event's name;
- ``X-Claims-Delivery``: the delivery's id (a delivery can arrive twice if a
  worker dies after sending it: ignore an id already seen);
- ``X-Claims-Timestamp``: when it was sent (Unix seconds);
- ``X-Claims-Signature``: ``sha256=`` and the hex HMAC-SHA256, keyed with the
  webhook's secret, of the timestamp, a dot and the raw body. Signing the
  timestamp too lets a receiver refuse an old delivery replayed.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError as QueueUnavailableError

from ..models import Article, Claim, Webhook, WebhookDelivery, WebhookDeliveryStatus

logger = logging.getLogger(__name__)

CLAIM_REVIEWED = "claim.reviewed"
ARTICLE_CREATED = "article.created"
# Which webhooks want which event.
_WANTS = {CLAIM_REVIEWED: Q(on_review=True), ARTICLE_CREATED: Q(on_article=True)}
# The longest wait between two attempts, however many failed.
_MAX_RETRY_DELAY = datetime.timedelta(hours=1).total_seconds()
# Kept of a receiver's answer in the log: enough to see what it said.
_ERROR_CHARS = 500


def webhook_event(*, event: str, data: Callable[[], dict]) -> int:
    """Record ``event`` for every active webhook that wants it; queue them on commit.

    ``data`` is called only if some webhook wants the event: most changes are
    told to nobody and cost one query. Returns how many deliveries were recorded.
    """
    hooks = list(Webhook.objects.filter(_WANTS[event], active=True).values_list("pk", flat=True))
    if not hooks:
        return 0
    payload = json.dumps(
        {"event": event, "created_at": timezone.now().isoformat(), "data": data()},
        ensure_ascii=False,
        sort_keys=True,
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(webhook_id=hook, event=event, payload=payload) for hook in hooks]
    )
    transaction.on_commit(functools.partial(_enqueue, [d.pk for d in deliveries]))
    return len(deliveries)


def claim_reviewed_event(claim: Claim, *, changed: list[str]) -> int:
    """claim.reviewed: the review as the API publishes it (never the desk's note)."""
    return webhook_event(
        event=CLAIM_REVIEWED,
        data=lambda: {
            "claim": claim.pk,
            "article": claim.article_id,
            "changed": sorted(name for name in changed if name != "editor_note"),
            "review_status": claim.review_status,
            "rating": claim.rating,
            "public_explanation": claim.public_explanation,
            "actor": claim.actor.slug if claim.actor is not None else None,
            "reviewer": claim.reviewer.get_username() if claim.reviewer is not None else None,
            "reviewed_at": claim.reviewed_at.isoformat() if claim.reviewed_at else None,
            "review_version": claim.review_version,
        },
    )


def article_created_event(article: Article, *, claims: int) -> int:
    """article.created: a new article, or a new version of one, with its claim count."""
    return webhook_event(
        event=ARTICLE_CREATED,
        data=lambda: {
            "article": article.pk,
            "title": article.title,
            "publisher": article.publisher.name if article.publisher is not None else None,
            "published": article.published.isoformat() if article.published else None,
            "url": article.url,
            "origin": article.origin,
            "supersedes": article.supersedes_id,
            "claims": claims,
        },
    )


def _enqueue(delivery_ids: list[int]) -> None:
    # Imported here: the task module imports the services.
    from claims.tasks import deliver_webhook

    for delivery_id in delivery_ids:
        try:
            deliver_webhook.delay(delivery_id)
        except QueueUnavailableError:
            # The change is committed; its delivery stays pending in the log.
            logger.exception("Webhook delivery %s could not be queued", delivery_id)


def webhook_redeliver(*, deliveries: list[WebhookDelivery]) -> int:
    """Send failed deliveries again (a receiver fixed, say); returns how many were queued.

    Each gets CLAIMS_WEBHOOK_ATTEMPTS more attempts; its log keeps counting them.
    Only failed ones: a pending or retrying delivery is on the queue already.
    """
    ids = [d.pk for d in deliveries if d.status == WebhookDeliveryStatus.FAILED]
    with transaction.atomic():
        # Attempts start again from nothing, so the backoff does too.
        WebhookDelivery.objects.filter(pk__in=ids, status=WebhookDeliveryStatus.FAILED).update(
            status=WebhookDeliveryStatus.PENDING, attempts=0
        )
        transaction.on_commit(functools.partial(_enqueue, ids))
    return len(ids)


def webhook_retry_delay(attempts: int) -> float:
    """Seconds to wait after the ``attempts``-th failed attempt: doubling, capped."""
    return min(settings.CLAIMS_WEBHOOK_RETRY_SECONDS * 2 ** (attempts - 1), _MAX_RETRY_DELAY)


def webhook_signature(*, secret: str, timestamp: str, body: bytes) -> str:
    """The X-Claims-Signature value of ``body`` sent at ``timestamp``."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def webhook_deliver(*, delivery_id: int, can_retry: bool = True) -> WebhookDelivery | None:
    """Send one delivery and log the attempt; safe to call again for the same one.

    On failure the delivery is ``retrying`` while attempts remain and
    ``can_retry`` (a worker will send it again), else ``failed``.
    """
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (
        WebhookDeliveryStatus.DELIVERED,
        WebhookDeliveryStatus.FAILED,
    ):
        return delivery  # deleted, or a redelivered message of a finished delivery
    body = delivery.payload.encode("utf-8")
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "claims-webhooks",
        "X-Claims-Event": delivery.event,
        "X-Claims-Delivery": str(delivery.pk),
        "X-Claims-Timestamp": timestamp,
        "X-Claims-Signature": webhook_signature(
            secret=delivery.webhook.secret, timestamp=timestamp, body=body
        ),
    }
    code, error = None, ""
    try:
        # Redirects are not followed: the registered URL is the one trusted.
        response = requests.post(
            delivery.webhook.url,
            data=body,
            headers=headers,
            timeout=settings.CLAIMS_WEBHOOK_TIMEOUT,
            allow_redirects=False,
        )
        code = response.status_code
        if not 200 <= code < 300:
            error = f"HTTP {code}: {response.text[:_ERROR_CHARS]}".strip()
    except requests.RequestException as failure:
        error = f"{type(failure).__name__}: {failure}"[:_ERROR_CHARS]

    delivery.attempts += 1
    delivery.response_code = code
    delivery.error = error
    delivery.last_attempt_at = timezone.now()
    if not error:
        delivery.status = WebhookDeliveryStatus.DELIVERED
        delivery.delivered_at = delivery.last_attempt_at
    elif can_retry and delivery.attempts < settings.CLAIMS_WEBHOOK_ATTEMPTS:
        delivery.status = WebhookDeliveryStatus.RETRYING
    else:
        delivery.status = WebhookDeliveryStatus.FAILED
    delivery.save(
        update_fields=[
            "attempts",
            "response_code",
            "error",
            "last_attempt_at",
            "status",
            "delivered_at",
        ]
    )
    return delivery
