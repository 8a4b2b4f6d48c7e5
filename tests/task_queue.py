"""Pointing this process's Celery app at a broker for one test, then back."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from kombu import pools

from claims_project.celery import app as celery_app


def _drop_connections() -> None:
    # The app keeps its broker connections (and producers) once made, for the
    # broker it was configured with then; a test's broker needs fresh ones.
    # kombu keeps its pools in a registry of its own: cleared, not just closed.
    pools.reset()
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@contextlib.contextmanager
def broker(url: str, **conf) -> Iterator[None]:
    """Publish tasks to ``url`` (not run them in-process), with ``conf`` on top."""
    conf = {"broker_url": url, "task_always_eager": False, **conf}
    saved = {key: celery_app.conf[key] for key in conf}
    _drop_connections()
    celery_app.conf.update(conf)
    try:
        yield
    finally:
        _drop_connections()
        celery_app.conf.update(saved)
