"""Tasks the workers run (claims_project/celery.py): thin, they call services.

Each may run more than once for one message (a worker that dies mid-task
gives its message back to the queue), so each service it calls is idempotent.
"""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from claims import services

# A database that is away (restarting, failing over) is waited for, this many
# times, with backoff; the job stays "running" meanwhile.
_DATABASE_RETRIES = 5


@shared_task(bind=True, name="claims.ingest_job", max_retries=_DATABASE_RETRIES)
def ingest_job(self, job_id: int) -> None:
    try:
        services.ingest_job_run(job_id=job_id)
    except (OperationalError, InterfaceError) as error:
        if self.request.is_eager:
            raise
        raise self.retry(exc=error, countdown=2**self.request.retries) from error
