"""Pushed ingest, end to end, against extraction alone: articles/s.

    python bench/ingest/run.py [--articles 300] [--workers 1,2,4] [--profile 30]
        [--database postgres://postgres@127.0.0.1:5432/claims_bench_ingest]
        [--broker amqp://guest:guest@127.0.0.1:5672//]

The articles are bench/extraction_eval/*.txt, repeated with a numbered first
line so that every text (and so its content hash) differs. Three figures:

- extraction alone: ``extract_article`` over every text in this process, one core;
- end to end with N worker processes (``celery worker --concurrency N`` on
  RabbitMQ, a queue of this run's own): from the first ``POST /api/v1/articles/``
  (through DRF, in this process, with an ingester's credentials) until every
  job is done, its article and claims stored in PostgreSQL;
- per worker process: end to end / N, to set beside extraction alone;
- where a job's time goes: ``--profile N`` jobs run in this process (no queue),
  their SQL time per article by statement, slowest first. ``--workers 0``
  runs the profile alone, which also works on SQLite (``--database
  sqlite:////tmp/bench.sqlite3``).

The database is created if missing and migrated; its articles, claims, actors,
sources and jobs are emptied before each run. Nothing else is touched.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "bench" / "extraction_eval"


def corpus(count: int) -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    return [f"Bench copy {number}\n\n{texts[number % len(texts)]}" for number in range(count)]


def configure(database: str, broker: str, queue: str) -> dict[str, str]:
    env = {
        "DATABASE_URL": database,
        "CELERY_BROKER_URL": broker,
        "CELERY_QUEUE": queue,
        "DJANGO_SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuv",
        "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "CLAIMS_API_THROTTLE_USER": "",
        "CLAIMS_API_THROTTLE_ANON": "",
        "REDIS_URL": "",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    return env


def create_database(database: str) -> None:
    if database.startswith("sqlite"):
        return
    import psycopg

    name = database.rsplit("/", 1)[1]
    admin = database.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def extraction_alone(texts: list[str]) -> float:
    from claims import extraction

    started = time.perf_counter()
    for text in texts:
        extraction.extract_article(extraction.decode_article(text.encode("utf-8")))
    return len(texts) / (time.perf_counter() - started)


# Emptied before each run (SQLite, without TRUNCATE: children first).
_BENCH_TABLES = (
    "claims_ingestjob", "claims_webhookdelivery", "claims_claimrelay", "claims_actorrole",
    "claims_claim", "claims_article", "claims_actoralias", "claims_actorredirect",
    "claims_actor", "claims_source", "claims_historicalclaim", "claims_historicalarticle",
    "claims_historicalactor", "claims_historicalsource",
)  # fmt: skip


def empty_tables() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for table in _BENCH_TABLES:
                cursor.execute(f"DELETE FROM {table}")
            return
        cursor.execute(
            "TRUNCATE claims_ingestjob, claims_webhookdelivery, claims_claimrelay, claims_claim,"
            " claims_article, claims_actoralias, claims_actorredirect, claims_actor,"
            " claims_source, claims_historicalclaim, claims_historicalarticle,"
            " claims_historicalactor, claims_historicalsource RESTART IDENTITY CASCADE"
        )


def start_worker(env: dict[str, str], queue: str, processes: int, log: Path):
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "claims_project", "worker", "-Q", queue,
         "--concurrency", str(processes), "--loglevel", "INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env={**os.environ, **env}, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while "ready." not in log.read_text(errors="replace"):
        if worker.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the worker did not start:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)
    return worker


def end_to_end(texts: list[str], client) -> tuple[float, float, int]:
    """Seconds to accept every post, seconds until every job is finished, claims stored."""
    from claims.models import Claim, IngestJob, IngestJobStatus

    started = time.perf_counter()
    for text in texts:
        response = client.post("/api/v1/articles/", {"text": text}, format="json")
        if response.status_code != 202:
            raise SystemExit(f"push refused: {response.status_code} {response.content[:300]}")
    posted = time.perf_counter() - started
    finished = (IngestJobStatus.DONE, IngestJobStatus.FAILED)
    while IngestJob.objects.filter(status__in=finished).count() < len(texts):
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    failed = IngestJob.objects.filter(status=IngestJobStatus.FAILED).count()
    if failed:
        raise SystemExit(
            f"{failed} jobs failed: {IngestJob.objects.filter(status='failed')[0].error}"
        )
    return posted, elapsed, Claim.objects.count()


def storage_profile(texts: list[str]) -> None:
    """Run jobs in this process and print their SQL time per article, by statement."""
    import collections
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims import services
    from claims.models import IngestJob

    empty_tables()
    jobs = [
        IngestJob.objects.create(format="text", content=text, origin=f"profile-{number}")
        for number, text in enumerate(texts)
    ]
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        for job in jobs:
            services.ingest_job_run(job_id=job.pk)
    elapsed = (time.perf_counter() - started) / len(jobs) * 1000
    by_statement: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0.0])
    for query in captured.captured_queries:
        key = re.sub(r"'[^']*'|\d+", "?", query["sql"])[:90]
        by_statement[key][0] += 1
        by_statement[key][1] += float(query["time"])
    sql = sum(seconds for _, seconds in by_statement.values()) / len(jobs) * 1000
    print(
        f"in-process jobs: {elapsed:.1f} ms per article, of which SQL {sql:.1f} ms "
        f"in {len(captured.captured_queries) / len(jobs):.1f} statements:"
    )
    for key, (count, seconds) in sorted(by_statement.items(), key=lambda kv: -kv[1][1])[:12]:
        print(f"  {seconds * 1000 / len(jobs):6.2f} ms  {count / len(jobs):4.1f}x  {key}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", default="1,2,4", help="0: the profile only.")
    parser.add_argument(
        "--database", default="postgres://postgres@127.0.0.1:5432/claims_bench_ingest"
    )
    parser.add_argument("--broker", default="amqp://guest:guest@127.0.0.1:5672//")
    parser.add_argument("--profile", type=int, default=30, help="Jobs to profile (0: none).")
    options = parser.parse_args()

    queue = f"claims-bench-{uuid.uuid4().hex[:12]}"
    env = configure(options.database, options.broker, queue)
    sys.path.insert(0, str(ROOT))
    create_database(options.database)
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claims_project.settings")
    django.setup()
    from django.core.management import call_command
    from kombu import Connection
    from rest_framework.test import APIClient

    from claims import services

    call_command("migrate", verbosity=0)
    texts = corpus(options.articles)
    megabytes = sum(len(text.encode()) for text in texts) / 1e6
    print(f"{len(texts)} articles, {megabytes:.2f} MB; load average {os.getloadavg()}")

    alone = extraction_alone(texts)
    print(f"extraction alone, one core: {alone:.1f} articles/s")

    user, _ = services.ingester_create(username="bench-ingester")
    client = APIClient()
    client.force_authenticate(user)
    log = Path(f"/tmp/{queue}.log")
    try:
        for processes in [int(n) for n in options.workers.split(",") if int(n)]:
            empty_tables()
            worker = start_worker(env, queue, processes, log)
            try:
                posted, elapsed, claims = end_to_end(texts, client)
            finally:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(timeout=60)
            rate = len(texts) / elapsed
            print(
                f"end to end, {processes} worker process(es): {rate:.1f} articles/s "
                f"({rate / processes:.1f} per process; {claims} claims; "
                f"the {len(texts)} posts took {posted:.1f} s of {elapsed:.1f} s); "
                f"extraction alone / end to end per process: {alone / (rate / processes):.2f}x"
            )
        if options.profile:
            storage_profile(texts[: options.profile])
    finally:
        with Connection(options.broker) as conn:
            conn.default_channel.queue_delete(queue)
        log.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
