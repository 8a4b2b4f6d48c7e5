"""The anonymous rate limit holds on a real server: two gunicorn workers, one Redis.

A client behind our (one) trusted proxy rotates the X-Forwarded-For value it
sends; the proxy appends the address it really came from. Every request must
count against that one address, in one count shared by both workers: exactly
the configured number of requests get through, and another address still has
its own quota.

Redis is expected at REDIS_TEST_URL (default redis://127.0.0.1:6379/13); the
server's keys carry a prefix of this run's own, removed afterwards, so test runs
at the same time never share a count. .ci/run starts redis-server. Without it
the test is skipped, except under CI, where it fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid

import pytest
import redis
from django.conf import settings

from tests.faults.servers import app_env, gunicorn

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/13")
RATE = 6
KEY_PREFIX = f"claims-test-{uuid.uuid4().hex}"


@pytest.fixture
def redis_db():
    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError:
        reason = f"no Redis at {REDIS_TEST_URL}: start redis-server (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    yield client
    for key in client.scan_iter(match=f"{KEY_PREFIX}:*"):
        client.delete(key)


@pytest.fixture
def database_url(tmp_path) -> str:
    """A migrated SQLite file the server's workers share (what they read is beside the point)."""
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=settings.BASE_DIR,
        env=app_env(url),
        check=True,
        timeout=300,
    )
    return url


def status(url: str, forwarded_for: str) -> int:
    request = urllib.request.Request(url, headers={"X-Forwarded-For": forwarded_for})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_rotating_forwarded_for_against_two_workers(redis_db, database_url):
    env = app_env(
        database_url,
        REDIS_URL=REDIS_TEST_URL,
        CLAIMS_CACHE_KEY_PREFIX=KEY_PREFIX,
        DJANGO_TRUSTED_PROXY_COUNT="1",
        CLAIMS_API_THROTTLE_ANON=f"{RATE}/minute",
    )
    with gunicorn(env, workers=2, threads=2) as server:
        url = f"{server.base_url}/api/v1/sources/"
        codes = [status(url, f"10.{n}.{n}.{n}, 203.0.113.7") for n in range(4 * RATE)]
        assert codes.count(200) == RATE, codes
        assert set(codes) == {200, 429}
        assert codes[:RATE] == [200] * RATE
        # Another client behind the same proxy keeps its own quota.
        assert status(url, "10.0.0.1, 198.51.100.2") == 200
    # The counts were in Redis, where both workers saw them.
    assert any(redis_db.scan_iter(match=f"{KEY_PREFIX}:*"))
