"""The project's Celery app, for a worker that stops where a test tells it to.

``CLAIMS_TEST_GATE`` names the point: ``extract`` (an ingest job has begun
extracting: nothing is stored yet) or ``finished`` (a task has run and
committed, its message not yet acknowledged). There the worker touches
``$CLAIMS_TEST_GATE_DIR/reached`` and waits for ever, so that the test can
kill it at that very point. Without ``CLAIMS_TEST_GATE`` it is the plain app.

    celery -A tests.workers.gated_worker worker ...
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from celery.signals import task_postrun

from claims import extraction
from claims_project.celery import app

__all__ = ["app"]

GATE = os.environ.get("CLAIMS_TEST_GATE", "")


def _wait_at_gate() -> None:
    (Path(os.environ["CLAIMS_TEST_GATE_DIR"]) / "reached").touch()
    while True:  # until the test kills this process
        time.sleep(1)


if GATE == "extract":
    _extract = extraction.extract_article

    def _gated_extract(*args, **kwargs):
        _wait_at_gate()
        return _extract(*args, **kwargs)

    extraction.extract_article = _gated_extract
elif GATE == "finished":

    @task_postrun.connect
    def _gated_ack(**kwargs) -> None:
        _wait_at_gate()
elif GATE:
    raise ValueError(f"CLAIMS_TEST_GATE: unknown gate {GATE!r}")
