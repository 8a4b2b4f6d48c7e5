"""Ingest killed hard (SIGKILL) in the middle leaves no half-written article.

``manage.py ingest`` runs in a subprocess over a folder of many articles; once
the first articles are stored it is killed without warning. Every article in
the database must then have exactly the claims and relays the extractor finds
in its file (none half-stored), and a second run must store the rest.

On SQLite the database is a file of its own; on PostgreSQL the subprocess
writes to the live test database (the test is transactional, so it is
flushed afterwards).
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable

import pytest
from django.db import connection

from tests.faults.helpers import (
    STORED_COUNTS_SQL,
    expected_counts,
    manage,
    subprocess_env,
    write_articles,
)

ARTICLES = 150
KILL_AFTER = 5


@pytest.fixture
def target(tmp_path, transactional_db) -> tuple[str, Callable[[str], list[tuple]]]:
    """A database URL for the subprocess, and a way to query it from here."""
    if connection.vendor == "postgresql":
        params = connection.settings_dict
        url = (
            f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:"
            f"{params['PORT'] or 5432}/{params['NAME']}"
        )

        def query(sql: str) -> list[tuple]:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall()

        return url, query

    path = tmp_path / "ingest.sqlite3"
    url = f"sqlite:///{path}"
    subprocess.run(
        manage("migrate", "--no-input", "-v0"), env=subprocess_env(url), check=True, timeout=300
    )

    def query(sql: str) -> list[tuple]:
        with sqlite3.connect(path, timeout=30) as db:
            return db.execute(sql).fetchall()

    return url, query


def test_sigkill_mid_ingest_leaves_whole_articles_and_a_rerun_completes(tmp_path, target):
    url, query = target
    folder = tmp_path / "articles"
    paths = write_articles(folder, ARTICLES)
    expected = expected_counts(paths)
    assert sum(claims for claims, _ in expected.values()) > ARTICLES * 3

    process = subprocess.Popen(
        manage("ingest", str(folder), "--no-progress", "-v0"),
        env=subprocess_env(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        stored = query("SELECT COUNT(*) FROM claims_article")[0][0]
        if stored >= KILL_AFTER:
            break
        time.sleep(0.02)
    assert process.poll() is None, "ingest finished before it could be killed: use more articles"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    after_kill = {origin: (claims, relays) for origin, claims, relays in query(STORED_COUNTS_SQL)}
    assert KILL_AFTER <= len(after_kill) < ARTICLES
    for origin, counts in after_kill.items():
        assert counts == expected[origin], f"{origin} is half-written: {counts}"
    orphans = query(
        "SELECT COUNT(*) FROM claims_claimrelay r "
        "LEFT JOIN claims_claim c ON c.id = r.claim_id WHERE c.id IS NULL"
    )[0][0]
    assert orphans == 0

    rerun = subprocess.run(
        manage("ingest", str(folder), "--no-progress", "--json"),
        env=subprocess_env(url),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f'"unchanged": {len(after_kill)}' in rerun.stdout
    assert f'"new": {ARTICLES - len(after_kill)}' in rerun.stdout

    final = {origin: (claims, relays) for origin, claims, relays in query(STORED_COUNTS_SQL)}
    assert final == expected
    assert query("SELECT COUNT(*) FROM claims_article")[0][0] == ARTICLES
