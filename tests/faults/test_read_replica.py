"""Reads off the primary: a real streaming replica, reached and then lost.

The test's own PostgreSQL cluster is the primary; pg_basebackup makes a
streaming standby of it on a second spare port, and gunicorn serves the API
with DATABASE_REPLICA_URLS pointing there. With the replica's replay paused,
a change on the primary shows who reads where: anonymous API reads still see
the old row (the replica), an editor's token sees the new one (the primary),
and a PATCH answers with its own write. Then the replica is stopped, and the
API keeps answering from the primary.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request

import psycopg
import pytest
from django.db import connection

from tests.faults.helpers import manage
from tests.faults.servers import ScratchPostgres, app_env, gunicorn, postgres_bin

pytestmark = [
    pytest.mark.skipif(
        postgres_bin() is None, reason="needs PostgreSQL's server binaries (initdb, pg_ctl)"
    ),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="replicas are PostgreSQL's (run on PostgreSQL)"
    ),
]


class ScratchReplica(ScratchPostgres):
    """A streaming standby of ``primary``, copied with pg_basebackup."""

    def __init__(self, primary: ScratchPostgres) -> None:
        super().__init__()
        self.primary = primary

    def init(self) -> None:
        # -R writes standby.signal and the primary's address: it starts as a standby.
        self.run(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(self.primary.port), "-U", "postgres",
            "-D", str(self.data), "-R", "-X", "stream", "-c", "fast",
        )  # fmt: skip
        try:
            self.start()
        except subprocess.CalledProcessError:
            log = self.root / "log"
            raise RuntimeError(
                "the replica did not start:\n" + (log.read_text() if log.exists() else "")
            ) from None


def sql(cluster: ScratchPostgres, statement: str, *params) -> list[tuple]:
    dsn = f"host=127.0.0.1 port={cluster.port} user=postgres dbname=claims"
    with psycopg.connect(dsn, autocommit=True) as conn, conn.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def call(url: str, *, key: str | None = None, method: str = "GET", body: dict | None = None):
    headers = {"Accept": "application/json"}
    if key:
        headers["Authorization"] = f"Token {key}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


@pytest.fixture
def primary_and_replica():
    primary = ScratchPostgres()
    replica = None
    try:
        primary.init()
        env = app_env(primary.url)
        for command in (
            ("migrate", "--no-input", "-v0"),
            ("loaddata", "seeds", "-v0"),
        ):
            subprocess.run(manage(*command), env=env, check=True, timeout=300)
        made = subprocess.run(
            manage("create_editor", "replica-editor", "--token"),
            env=env,
            check=True,
            timeout=120,
            capture_output=True,
            text=True,
        )
        key = made.stdout.strip().rsplit(": ", 1)[-1]
        replica = ScratchReplica(primary)
        replica.init()
        yield primary, replica, key
    finally:
        # Torn down whatever happened above: the standby first, then its primary.
        if replica is not None:
            replica.destroy()
        primary.destroy()


def wait_for(check, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_anonymous_reads_go_to_the_replica_and_survive_losing_it(primary_and_replica):
    primary, replica, key = primary_and_replica
    assert sql(replica, "SELECT pg_is_in_recovery()") == [(True,)]
    env = app_env(
        primary.url,
        DATABASE_REPLICA_URLS=replica.url,
        DJANGO_DB_CONNECT_TIMEOUT="2",
        CLAIMS_API_THROTTLE_ANON="",
        CLAIMS_API_THROTTLE_USER="",
    )
    with gunicorn(env, workers=1, threads=2) as server:
        api = server.base_url + "/api/v1"
        status, sources = call(f"{api}/sources/")
        assert status == 200
        slug, old_name = sources["results"][0]["slug"], sources["results"][0]["name"]
        status, claims = call(f"{api}/claims/?status=unreviewed&page_size=1")
        claim_id = claims["results"][0]["id"]

        # Freeze the replica, then change a row on the primary.
        sql(replica, "SELECT pg_wal_replay_pause()")
        sql(primary, "UPDATE claims_source SET name = %s WHERE slug = %s", "Renamed", slug)

        assert call(f"{api}/sources/{slug}/")[1]["name"] == old_name  # the replica
        assert call(f"{api}/sources/{slug}/", key=key)[1]["name"] == "Renamed"  # the primary
        # An editor's write answers with itself, and their next read sees it.
        status, patched = call(
            f"{api}/claims/{claim_id}/", key=key, method="PATCH", body={"review_status": "verified"}
        )
        assert (status, patched["review_status"]) == (200, "verified")
        assert call(f"{api}/claims/{claim_id}/", key=key)[1]["review_status"] == "verified"
        assert call(f"{api}/claims/{claim_id}/")[1]["review_status"] == "unreviewed"

        # Replay resumes: the replica catches up, anonymous reads see the change.
        sql(replica, "SELECT pg_wal_replay_resume()")
        assert wait_for(lambda: call(f"{api}/sources/{slug}/")[1]["name"] == "Renamed")
        assert call(f"{api}/claims/{claim_id}/")[1]["review_status"] == "verified"

        # The replica goes away: the API keeps answering, from the primary.
        replica.stop("immediate")
        for _ in range(6):
            started = time.monotonic()
            status, body = call(f"{api}/sources/{slug}/")
            assert (status, body["name"]) == (200, "Renamed")
            assert time.monotonic() - started < 5
        status, body = call(f"{api}/claims/?page_size=5")
        assert status == 200 and len(body["results"]) == 5
