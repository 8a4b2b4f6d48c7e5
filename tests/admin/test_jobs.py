"""Ingest jobs on the desk: listed for those allowed to view them, never edited."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from claims.models import IngestJob, IngestJobStatus
from tests.factories import ArticleFactory

JOBS = reverse("admin:claims_ingestjob_changelist")
pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_admin(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def make_jobs(count: int, user) -> list[IngestJob]:
    return IngestJob.objects.bulk_create(
        [
            IngestJob(
                format="text",
                content="",
                origin=f"feed:{n}",
                status=IngestJobStatus.DONE,
                article=ArticleFactory(),
                outcome="new",
                claims=n,
                created_by=user,
            )
            for n in range(count)
        ]
    )


def test_jobs_are_listed_with_their_article_and_outcome(desk_admin, admin_user):
    [job] = make_jobs(1, admin_user)
    failed = IngestJob.objects.create(
        format="text", content="x", origin="feed:x", status="failed", error="extraction failed: x"
    )
    response = desk_admin.get(JOBS)
    html = response.content.decode()
    assert reverse("admin:claims_article_change", args=[job.article_id]) in html
    assert "extraction failed: x" in html
    page = desk_admin.get(reverse("admin:claims_ingestjob_change", args=[failed.pk]))
    assert page.status_code == 200
    assert "extraction failed: x" in page.content.decode()


def test_jobs_cannot_be_added_changed_or_deleted(desk_admin, admin_user):
    [job] = make_jobs(1, admin_user)
    assert desk_admin.get(reverse("admin:claims_ingestjob_add")).status_code == 403
    assert (
        desk_admin.post(reverse("admin:claims_ingestjob_delete", args=[job.pk])).status_code == 403
    )
    desk_admin.post(reverse("admin:claims_ingestjob_change", args=[job.pk]), {"status": "failed"})
    job.refresh_from_db()
    assert job.status == "done"


def test_editors_do_not_see_jobs(editor_client):
    assert editor_client.get(JOBS).status_code == 403


def test_list_costs_the_same_queries_whatever_the_page_size(
    desk_admin, admin_user, queries_per_page
):
    make_jobs(60, admin_user)
    model_admin = admin.site._registry[IngestJob]
    small = queries_per_page(desk_admin, model_admin, JOBS, 5)
    assert queries_per_page(desk_admin, model_admin, JOBS, 60) == small
