"""The database goes away under a running server, and comes back.

A real gunicorn (the project's gunicorn.conf.py) serves the API from a
PostgreSQL cluster of the test's own, which the test stops and starts while
clients keep asking. While it is down: 503 with a JSON error, quickly, and
/healthz says so. When it returns: answers again, with the same data, from the
same gunicorn process: nobody restarts anything.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections import Counter

import pytest

from tests.faults.helpers import manage
from tests.faults.servers import ScratchPostgres, app_env, get, gunicorn, postgres_bin

pytestmark = pytest.mark.skipif(
    postgres_bin() is None, reason="needs PostgreSQL's server binaries (initdb, pg_ctl)"
)


@pytest.fixture
def cluster():
    cluster = ScratchPostgres()
    try:
        cluster.init()
        env = app_env(cluster.url)
        subprocess.run(manage("migrate", "--no-input", "-v0"), env=env, check=True, timeout=300)
        subprocess.run(manage("ingest", "-v0"), env=env, check=True, timeout=300)
        yield cluster
    finally:
        cluster.destroy()


class Hammer(threading.Thread):
    """A client that keeps asking for claims and tallies the answers."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.statuses: Counter[int | str] = Counter()
        self.slowest = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                status, _, seconds = get(self.url, timeout=20)
            except OSError as error:  # a refused or dropped connection is a failure too
                self.statuses[type(error).__name__] += 1
                continue
            self.statuses[status] += 1
            self.slowest = max(self.slowest, seconds)
            time.sleep(0.01)


def test_api_answers_503_while_the_database_is_down_and_recovers(cluster):
    env = app_env(cluster.url, DJANGO_DB_CONNECT_TIMEOUT="2", CLAIMS_API_THROTTLE_ANON="")
    with gunicorn(env, workers=1, threads=4) as server:
        claims_url = server.base_url + "/api/v1/claims/"
        status, before, _ = get(claims_url)
        assert status == 200
        assert before["results"]
        status, health, _ = get(server.base_url + "/healthz")
        assert (status, health["status"], health["database"]) == (200, "ok", "ok")

        hammer = Hammer(claims_url)
        hammer.start()
        time.sleep(1)
        cluster.stop("fast")  # terminates every connection, as a crash or failover does
        time.sleep(2)

        for path in ("/api/v1/claims/", "/api/v1/actors/", "/api/v1/articles/", "/api/v1/sources/"):
            status, body, seconds = get(server.base_url + path)
            assert status == 503, (path, status, body)
            assert body["detail"] == "The database is unavailable; try again shortly."
            assert seconds < 5
        status, body, _ = get(server.base_url + "/healthz")
        assert (status, body) == (503, {"status": "unavailable", "database": "unreachable"})

        cluster.start()
        deadline = time.monotonic() + 30
        while get(claims_url)[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
        hammer.stop.set()
        hammer.join(timeout=30)

        status, after, _ = get(claims_url)
        assert status == 200
        assert after["results"] == before["results"]
        assert get(server.base_url + "/healthz")[1]["status"] == "ok"
        # The same gunicorn master answered throughout: recovery needed no restart.
        assert server.process.poll() is None

    # Before, during and after the outage the client only ever saw 200 or 503.
    assert set(hammer.statuses) <= {200, 503}, hammer.statuses
    assert hammer.statuses[200] > 0
    assert hammer.statuses[503] > 0
    assert hammer.slowest < 10
