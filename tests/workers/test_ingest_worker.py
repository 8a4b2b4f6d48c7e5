"""Pushed articles stored by a real worker through RabbitMQ, and a worker killed mid-job.

A job whose worker dies is not lost: its message was never acknowledged
(acks late), so the broker hands it to the next worker, which stores the
article exactly once.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims import services
from claims.models import Article, Claim, IngestJob, IngestJobStatus

from .conftest import wait_for

TEXT = (
    "Harbour report\n\n"
    '"The harbour will be dredged this year," Mayor Ann Lee said on Monday.\n\n'
    '"Nobody asked the fishermen," councillor Tom Reyes said.\n'
)


@pytest.fixture
def ingester_client(ingesters_group) -> APIClient:
    user, _ = services.ingester_create(username="feedbot")
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def ingesters_group(transactional_db):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=services.INGESTERS_GROUP)
    group.permissions.add(Permission.objects.get(codename="ingest_articles"))
    return group


def push(client: APIClient, text: str = TEXT) -> IngestJob:
    response = client.post("/api/v1/articles/", {"text": text}, format="json")
    assert response.status_code == 202, response.content
    return IngestJob.objects.get(pk=response.json()["id"])


def job_finished(job: IngestJob):
    job.refresh_from_db()
    return job.status in (IngestJobStatus.DONE, IngestJobStatus.FAILED) and job


def test_a_worker_stores_pushed_articles_and_the_job_says_so(ingester_client, start_worker):
    job = push(ingester_client)
    job.refresh_from_db()
    assert job.status == IngestJobStatus.QUEUED  # no worker yet: it waits on the broker

    worker = start_worker()
    done = wait_for(lambda: job_finished(job), "the job", worker)
    second = push(ingester_client)
    again = wait_for(lambda: job_finished(second), "the second job", worker)

    assert done.status == IngestJobStatus.DONE, done.error
    assert (done.outcome, done.claims, done.attempts) == ("new", 2, 1)
    assert ingester_client.get(f"/api/v1/ingest-jobs/{job.pk}/").json()["status"] == "done"
    assert (again.outcome, again.article_id) == ("unchanged", done.article_id)
    assert Article.objects.count() == 1


def test_a_job_whose_worker_is_killed_before_storing_is_stored_once(ingester_client, start_worker):
    job = push(ingester_client)
    gated = start_worker(gate="extract")
    wait_for(start_worker.gate_reached.exists, "the worker to start the job", gated)
    gated.kill()

    job.refresh_from_db()
    assert (job.status, job.attempts) == (IngestJobStatus.RUNNING, 1)
    assert not Article.objects.exists()

    worker = start_worker()
    done = wait_for(lambda: job_finished(job), "the job to be redelivered", worker)
    assert done.status == IngestJobStatus.DONE, done.error
    assert done.attempts == 2
    assert Article.objects.count() == 1
    assert Claim.objects.count() == done.claims == 2


def test_a_job_whose_worker_is_killed_before_acknowledging_is_not_stored_twice(
    ingester_client, start_worker
):
    job = push(ingester_client)
    gated = start_worker(gate="finished")
    wait_for(start_worker.gate_reached.exists, "the worker to finish the job", gated)
    gated.kill()
    job.refresh_from_db()
    assert job.status == IngestJobStatus.DONE

    # The message was not acknowledged: the next worker gets it, and finds the job done.
    worker = start_worker()
    wait_for(lambda: "succeeded" in worker.output(), "the redelivered message", worker)
    assert "claims.ingest_job[" in worker.output()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (IngestJobStatus.DONE, 1)
    assert Article.objects.count() == 1
    assert Claim.objects.count() == 2
