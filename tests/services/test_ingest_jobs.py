"""Ingest jobs as a worker runs them: idempotent, whatever happened before."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from claims import services
from claims.models import Article, IngestJob, IngestJobStatus

pytestmark = pytest.mark.django_db

TEXT = '"Taxes will not rise," Mayor Ann Lee said on Monday.\n\nThe council met.\n'


def queued_job(**fields) -> IngestJob:
    """A job as the API leaves it, before any worker took it."""
    return IngestJob.objects.create(format="text", content=TEXT, origin="feed:1", **fields)


def test_a_job_stores_its_article_and_records_the_outcome():
    job = services.ingest_job_run(job_id=queued_job(title="Council").pk)

    assert job.status == IngestJobStatus.DONE
    assert (job.outcome, job.claims, job.attempts) == ("new", 1, 1)
    assert job.article.title == "Council"
    assert job.article.origin == "feed:1"
    assert job.started_at <= job.finished_at


def test_a_job_run_again_after_finishing_does_nothing():
    job = services.ingest_job_run(job_id=queued_job().pk)
    again = services.ingest_job_run(job_id=job.pk)

    assert again.attempts == 1
    assert again.finished_at == job.finished_at
    assert Article.objects.count() == 1


def test_a_job_whose_worker_died_mid_run_runs_again_and_stores_once():
    # A worker took it (status running, one attempt) and died before storing.
    job = queued_job(status=IngestJobStatus.RUNNING, attempts=1)
    job = services.ingest_job_run(job_id=job.pk)

    assert job.status == IngestJobStatus.DONE
    assert job.attempts == 2
    assert Article.objects.count() == 1


def test_a_job_whose_text_is_stored_already_gives_that_article():
    first = services.ingest_job_run(job_id=queued_job().pk)
    second = services.ingest_job_run(job_id=queued_job().pk)

    assert second.status == IngestJobStatus.DONE
    assert second.outcome == "unchanged"
    assert second.article == first.article
    assert second.claims == 1


def test_a_job_that_no_longer_exists_is_skipped():
    assert services.ingest_job_run(job_id=10_000) is None


def test_an_ingester_account_can_push_and_nothing_else(django_user_model):
    user, created = services.ingester_create(username="feedbot")

    assert created
    assert not user.has_usable_password()
    assert not user.is_staff
    assert user.has_perm(services.INGEST_PERMISSION)
    assert not user.has_perm("claims.change_claim")


def test_an_editor_keeps_their_password_when_made_an_ingester(django_user_model):
    editor = django_user_model.objects.create_user("alice", password="kept-password-1")
    editor.groups.add(Group.objects.get(name=services.EDITORS_GROUP))
    user, created = services.ingester_create(username="alice")

    assert not created
    assert user.check_password("kept-password-1")
    assert set(user.groups.values_list("name", flat=True)) == {"Editors", "Ingesters"}


@pytest.mark.parametrize(
    ("name", "message"),
    [("  ", "give the account a name"), ("bad name!", "Enter a valid username")],
)
def test_a_bad_ingester_name_is_refused(name, message):
    with pytest.raises(ValidationError, match=message):
        services.ingester_create(username=name)


def test_create_ingester_prints_a_key_that_pushes(django_capture_on_commit_callbacks):
    out = io.StringIO()
    call_command("create_ingester", "feedbot", stdout=out)
    key = out.getvalue().split(": ")[-1].strip()

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/articles/", {"text": TEXT}, format="json")
    assert response.status_code == 202
    assert "Ingester 'feedbot' created." in out.getvalue()


def test_create_ingester_reports_a_bad_name():
    with pytest.raises(CommandError, match="give the account a name"):
        call_command("create_ingester", " ", stdout=io.StringIO())


def test_a_job_whose_database_kept_failing_is_marked_failed(monkeypatch):
    from django.db import OperationalError

    from claims.tasks import ingest_job

    job = queued_job(status=IngestJobStatus.RUNNING, attempts=6)

    def database_away(*, job_id):
        raise OperationalError("connection refused")

    monkeypatch.setattr(services, "ingest_job_run", database_away)
    # The last retry, as a worker runs it (not in-process).
    ingest_job.push_request(retries=ingest_job.max_retries, is_eager=False)
    try:
        ingest_job.run(job.pk)
    finally:
        ingest_job.pop_request()

    job.refresh_from_db()
    assert job.status == IngestJobStatus.FAILED
    assert job.error == "the database kept failing: connection refused"
    assert not Article.objects.exists()
