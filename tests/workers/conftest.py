"""Real Celery workers on the real broker (RabbitMQ), over the PostgreSQL test database.

Each test run gets its own queue, so that concurrent runs (and a production
worker on the same broker) never take each other's tasks. SQLite is out: the
test database is in this process's memory, out of a worker's reach.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from kombu import Connection

from tests import task_queue
from tests.faults.helpers import subprocess_env

BROKER_URL = os.environ.get("CELERY_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
# Seconds a worker has to start and finish a job on a busy machine.
PATIENCE = 90


@pytest.fixture
def database_url(transactional_db) -> str:
    if connection.vendor != "postgresql":
        pytest.skip("a worker process cannot reach this process's in-memory SQLite test database")
    params = connection.settings_dict
    return (
        f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:"
        f"{params['PORT'] or 5432}/{params['NAME']}"
    )


@pytest.fixture
def queue_name() -> Iterator[str]:
    """A queue of this test's own on the broker, deleted afterwards."""
    try:
        with Connection(BROKER_URL, connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no broker at {BROKER_URL} ({error})")
    name = f"claims-test-{uuid.uuid4().hex}"
    with task_queue.broker(BROKER_URL, task_default_queue=name):
        yield name
    with Connection(BROKER_URL) as conn:
        conn.default_channel.queue_delete(name)


class Worker:
    """``celery worker`` in its own process group, reading the test's queue."""

    def __init__(
        self, *, queue: str, database_url: str, log: Path, gate: str, gate_dir: Path, env: dict
    ):
        env = {**subprocess_env(database_url), **env}
        env.update(CELERY_BROKER_URL=BROKER_URL, CELERY_QUEUE=queue)
        if gate:
            env.update(CLAIMS_TEST_GATE=gate, CLAIMS_TEST_GATE_DIR=str(gate_dir))
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.workers.gated_worker", "worker",
             "-Q", queue, "--concurrency", "1", "--loglevel", "INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def kill(self) -> None:
        """SIGKILL, no warning: the worker and its pool process die at once."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
def start_worker(database_url, queue_name, tmp_path) -> Iterator[Callable[..., Worker]]:
    """``start_worker(gate="", **env)``: a worker on the test's queue, killed at the end."""
    workers: list[Worker] = []

    def start(gate: str = "", **env: str) -> Worker:
        worker = Worker(
            queue=queue_name,
            database_url=database_url,
            log=tmp_path / f"worker-{len(workers)}.log",
            gate=gate,
            gate_dir=tmp_path,
            env=env,
        )
        workers.append(worker)
        return worker

    start.gate_reached = tmp_path / "reached"
    yield start
    for worker in workers:
        worker.kill()


def wait_for(condition: Callable[[], object], what: str, worker: Worker) -> object:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        if worker.process.poll() is not None:
            raise AssertionError(f"the worker exited while waiting for {what}:\n{worker.output()}")
        time.sleep(0.2)
    raise AssertionError(f"waited {PATIENCE}s for {what}; worker log:\n{worker.output()}")
