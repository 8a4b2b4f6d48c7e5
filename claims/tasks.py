"""Tasks the workers run (claims_project/celery.py): thin, they call services.

Each may run more than once for one message (a worker that dies mid-task
gives its message back to the queue), so each service it calls is idempotent.
"""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from claims import services
from claims.models import WebhookDeliveryStatus

# A database that is away (restarting, failing over) is waited for, this many
# times, with backoff (1, 2, 4 ... seconds); the job stays "running" meanwhile
# and is marked failed after the last.
_DATABASE_RETRIES = 5


@shared_task(bind=True, name="claims.ingest_job", max_retries=_DATABASE_RETRIES)
def ingest_job(self, job_id: int) -> None:
    try:
        services.ingest_job_run(job_id=job_id)
    except (OperationalError, InterfaceError) as error:
        if self.request.is_eager:
            raise
        if self.request.retries >= self.max_retries:
            services.ingest_job_give_up(
                job_id=job_id, error=f"the database kept failing: {error}".strip()
            )
            return
        raise self.retry(exc=error, countdown=2**self.request.retries) from error


@shared_task(bind=True, name="claims.deliver_webhook", max_retries=None)
def deliver_webhook(self, delivery_id: int) -> None:
    # Retries are counted by the delivery (CLAIMS_WEBHOOK_ATTEMPTS), not by
    # Celery. Tasks run in-process (no broker) make one attempt: nothing would
    # wait out the backoff.
    delivery = services.webhook_deliver(
        delivery_id=delivery_id, can_retry=not self.request.is_eager
    )
    if delivery is not None and delivery.status == WebhookDeliveryStatus.RETRYING:
        raise self.retry(countdown=services.webhook_retry_delay(delivery.attempts))
