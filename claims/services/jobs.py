"""Articles pushed over the API: queued as ingest jobs, stored by workers.

``ingest_job_submit`` records what was posted and queues the job's id;
``ingest_job_run`` (a worker's task, claims/tasks.py) stores the article
through the same ``article_ingest`` as files. A job may run twice (its worker
died and the broker gave the message to another): storage is idempotent by
the article's content hash, and a job marked done in the transaction that
stored its article is never run again.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError as QueueUnavailableError

from ..article_files import ArticleOverrides
from ..models import Claim, IngestJob, IngestJobFormat, IngestJobStatus

logger = logging.getLogger(__name__)

INGESTERS_GROUP = "Ingesters"
# Who may push articles: the Ingesters group grants it (migration 0011).
INGEST_PERMISSION = "claims.ingest_articles"


class IngestQueueUnavailable(Exception):
    """The task queue refused the job; it is marked failed, nothing was stored."""


def ingest_job_submit(
    *,
    user: AbstractBaseUser | None,
    format: str,
    content: str,
    title: str = "",
    publisher: str = "",
    published: datetime.date | None = None,
    byline: str = "",
    url: str = "",
    origin: str = "",
) -> IngestJob:
    """Record a pushed article and queue it for a worker; return its job.

    ``origin`` names the article across versions (a changed text under one
    origin is a new version of it); it defaults to the URL, else to the text's
    hash. With tasks run in-process (no broker configured) the job is finished
    when this returns. Raises ``IngestQueueUnavailable`` if the broker is away.
    """
    job = IngestJob.objects.create(
        format=format,
        content=content,
        origin=origin or _default_origin(url=url, content=content),
        title=title,
        publisher=publisher,
        published=published,
        byline=byline,
        url=url,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    # Queued once committed, so that a worker always finds the job's row.
    transaction.on_commit(functools.partial(_enqueue, job.pk))
    job.refresh_from_db()
    if job.status == IngestJobStatus.FAILED and job.error.startswith(_QUEUE_FAILED):
        raise IngestQueueUnavailable(job.error)
    return job


_QUEUE_FAILED = "could not be queued"
# An origin is at most this long (Article.origin); a longer URL is named by its hash.
_ORIGIN_MAX = 500


def _default_origin(*, url: str, content: str) -> str:
    if url and len(url) <= _ORIGIN_MAX:
        return url
    if url:
        return "url:" + hashlib.sha256(url.encode()).hexdigest()
    return "pushed:" + hashlib.sha256(content.encode()).hexdigest()


def _enqueue(job_id: int) -> None:
    # Imported here: the task module imports the services.
    from claims.tasks import ingest_job

    try:
        ingest_job.delay(job_id)
    except QueueUnavailableError as error:
        logger.exception("Ingest job %s could not be queued", job_id)
        IngestJob.objects.filter(pk=job_id, status=IngestJobStatus.QUEUED).update(
            status=IngestJobStatus.FAILED,
            error=f"{_QUEUE_FAILED}: the task queue is unreachable ({error})",
            finished_at=timezone.now(),
        )


def ingest_job_run(*, job_id: int) -> IngestJob | None:
    """Store a job's article (a worker's task); safe to run again on the same job."""
    from . import IngestStatus, article_ingest, page_ingest

    job = IngestJob.objects.filter(pk=job_id).first()
    if job is None:
        logger.warning("Ingest job %s does not exist (deleted?); nothing to do", job_id)
        return None
    if job.status in (IngestJobStatus.DONE, IngestJobStatus.FAILED):
        # A redelivered message of a job already finished.
        return job
    IngestJob.objects.filter(pk=job.pk).update(
        status=IngestJobStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )

    def done_with(report) -> None:
        # Inside the transaction that stores the article: a job is done exactly
        # when its article is stored, whatever happens to the worker next.
        _job_done(job, article_id=report.article_id, outcome=report.status, claims=report.claims)

    if job.format == IngestJobFormat.HTML:
        report = page_ingest(
            origin=job.origin,
            data=job.content.encode("utf-8"),
            overrides=_job_overrides(job),
            path=f"ingest job {job.pk}",
            page_url=job.url,
            on_stored=done_with,
        )
    else:
        report = article_ingest(
            origin=job.origin,
            data=job.content.encode("utf-8"),
            overrides=_job_overrides(job),
            path=f"ingest job {job.pk}",
            on_stored=done_with,
        )
    if report.status == IngestStatus.FAILED:
        return _job_failed(job, report.error or "the article could not be stored")
    if report.status == IngestStatus.UNCHANGED:
        # Already stored (posted before, or read from a file): that article.
        claims = Claim.objects.filter(article_id=report.article_id).count()
        _job_done(job, article_id=report.article_id, outcome=report.status, claims=claims)
    job.refresh_from_db()
    return job


def ingest_job_give_up(*, job_id: int, error: str) -> None:
    """Mark an unfinished job failed (its worker could not store it); log if even that fails."""
    try:
        IngestJob.objects.filter(
            pk=job_id, status__in=[IngestJobStatus.QUEUED, IngestJobStatus.RUNNING]
        ).update(status=IngestJobStatus.FAILED, error=error, finished_at=timezone.now())
    except DatabaseError:
        logger.exception("Ingest job %s failed (%s) and could not be marked so", job_id, error)


def _job_overrides(job: IngestJob) -> ArticleOverrides:
    return ArticleOverrides(
        title=job.title or None,
        publisher=job.publisher or None,
        published=job.published,
        byline=job.byline or None,
        url=job.url or None,
    )


def _job_done(job: IngestJob, *, article_id: int, outcome: str, claims: int) -> None:
    IngestJob.objects.filter(pk=job.pk).update(
        status=IngestJobStatus.DONE,
        article_id=article_id,
        outcome=str(outcome),
        claims=claims,
        error="",
        # The article holds the text now.
        content="",
        finished_at=timezone.now(),
    )


def _job_failed(job: IngestJob, error: str) -> IngestJob:
    IngestJob.objects.filter(pk=job.pk).update(
        status=IngestJobStatus.FAILED, error=error, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def ingester_create(*, username: str) -> tuple[AbstractBaseUser, bool]:
    """Make ``username`` an ingesting client: an account in the Ingesters group.

    A new account has no password (it signs in with API keys only) and no desk;
    an existing one (an editor, say) keeps what it has and joins the group.
    Returns (user, created).
    """
    users = get_user_model()
    try:
        group = Group.objects.get(name=INGESTERS_GROUP)
    except Group.DoesNotExist:
        raise ValidationError(
            f"the {INGESTERS_GROUP} group does not exist: run the migrations first"
        ) from None
    username = username.strip()
    if not username:
        raise ValidationError("give the account a name")
    with transaction.atomic():
        user = users.objects.filter(username=username).first()
        created = user is None
        if created:
            user = users(username=username)
            user.set_unusable_password()
            user.full_clean(exclude=["password"])
            user.save()
        user.groups.add(group)
    return user, created
