"""Two ingests of different versions of one file at once: both stored, one chain.

A file's new version supersedes the current one (a one-to-one link, so a
version has at most one successor). Two ingests that both read "the current
version" before either stored theirs would both try to supersede it; the loser
retried with the same stale parent until its retries ran out and the whole run
stopped. Each ingest now reads the current version in its writing turn, so the
second one chains onto the first.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from claims import services
from claims.models import Article

BASE = (
    "City to expand bus network\n\n"
    '"We will add twelve routes next year," Mayor Jane Okafor said on Tuesday.\n'
)


def version(number: int) -> bytes:
    return (BASE + f'\n"Version {number} is the one," said Tom Reyes.\n').encode()


def assert_one_chain(origin: str, versions: int) -> None:
    articles = list(Article.objects.filter(origin=origin))
    assert len(articles) == versions
    current = [a for a in articles if not Article.objects.filter(supersedes=a).exists()]
    assert len(current) == 1
    # Walk back from the current version: every article is on the one chain.
    seen, article = 0, current[0]
    while article is not None:
        seen, article = seen + 1, article.supersedes
    assert seen == versions


@pytest.mark.django_db(transaction=True)
def test_a_version_stored_while_this_one_waited_for_its_turn(monkeypatch):
    """The race, made deterministic: another ingest's version lands while ours
    waits for its writing turn (works on both databases)."""
    first = services.article_ingest(origin="story.txt", data=version(1))
    assert first.status == services.IngestStatus.NEW
    real_turn = services._take_writer_turn
    competing = version(2)

    def turn_after_another_writer() -> None:
        real_turn()
        if not Article.objects.filter(origin="story.txt", supersedes__isnull=False).exists():
            # What the other process committed just before our turn came.
            body = competing.decode()
            Article.objects.create(
                origin="story.txt",
                body=body,
                content_hash=services.hashlib.sha256(body.encode()).hexdigest(),
                supersedes=Article.objects.get(pk=first.article_id),
            )

    monkeypatch.setattr(services, "_take_writer_turn", turn_after_another_writer)
    report = services.article_ingest(origin="story.txt", data=version(3))
    assert report.status == services.IngestStatus.NEW_VERSION, report.error
    assert_one_chain("story.txt", 3)


@pytest.mark.django_db(transaction=True)
def test_two_threads_store_two_versions_at_once(monkeypatch):
    """Real concurrency on PostgreSQL: two connections, both past extraction
    before either takes its turn."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are a PostgreSQL matter: SQLite has one writer at a time")
    services.article_ingest(origin="story.txt", data=version(1))
    both_ready = threading.Barrier(2, timeout=30)
    waited = threading.local()
    real_turn = services._take_writer_turn

    def turn_together() -> None:
        if not getattr(waited, "done", False):
            waited.done = True
            both_ready.wait()
        real_turn()

    monkeypatch.setattr(services, "_take_writer_turn", turn_together)
    reports: dict[int, object] = {}

    def ingest(number: int) -> None:
        try:
            reports[number] = services.article_ingest(origin="story.txt", data=version(number))
        except Exception as error:  # reported below, with the other thread's outcome
            reports[number] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ingest, args=(number,)) for number in (2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    statuses = sorted(str(getattr(report, "status", report)) for report in reports.values())
    assert statuses == ["new version", "new version"], reports
    assert_one_chain("story.txt", 3)
