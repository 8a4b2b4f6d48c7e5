"""Where one claim-list request's time goes, measured in this process.

    python bench/api/hotpath_profile.py --database-url postgres://postgres@127.0.0.1:5432/claims_bench_100k

Runs the claims-by-actor scenarios of run.py (first pages and deep cursors,
same URLs) through Django's test client, DEBUG off, and times the steps of
each request: a step's time excludes the steps nested in it (the SQL run
while the FilterSet resolves a slug counts as SQL, not as FilterSet). Read
only: it never writes to the database. Other work on the machine inflates
every step alike; the shares are more telling than the milliseconds.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time
from collections import defaultdict

import run

SCENARIOS = ("claims_by_actor_first_page", "claims_by_actor_deep_cursor")
# The bare baseline's scenarios, timed alongside for the ratio.
BASELINES = {
    "claims_by_actor_first_page": "baseline_first_page",
    "claims_by_actor_deep_cursor": "baseline_deep_page",
}


class StepClock:
    """Exclusive time per step: entering a nested step pauses the outer one."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self._stack: list[str] = []
        self._since = 0.0

    def _switch(self, now: float) -> None:
        if self._stack:
            self.totals[self._stack[-1]] += now - self._since
        self._since = now

    def wrap(self, owner, name: str, step: str) -> None:
        original = getattr(owner, name)
        clock = self

        @functools.wraps(original)
        def timed(*args, **kwargs):
            clock._switch(time.perf_counter())
            clock._stack.append(step)
            try:
                return original(*args, **kwargs)
            finally:
                clock._switch(time.perf_counter())
                clock._stack.pop()

        setattr(owner, name, timed)


def instrument(clock: StepClock) -> None:
    import psycopg
    from django.db.backends import utils
    from django.db.models.sql import compiler
    from django.test import Client
    from rest_framework.settings import api_settings
    from rest_framework.views import APIView

    from claims import selectors
    from claims.api import pagination, renderers, serializers

    filter_backend = api_settings.DEFAULT_FILTER_BACKENDS[0]
    steps: list[tuple[object, str, str]] = [
        (Client, "get", "middleware, routing, test client"),
        (APIView, "dispatch", "DRF view, rest"),
        (filter_backend, "filter_queryset", "FilterSet (form, validation)"),
        (pagination.KeysetPagination, "paginate_queryset", "pagination (cursor, keyset)"),
        (pagination.KeysetPagination, "get_paginated_response", "links (next/previous)"),
        (compiler.SQLCompiler, "as_sql", "ORM query compilation"),
        (utils.CursorWrapper, "_execute", "SQL (execute, round trip)"),
        (psycopg.Cursor, "fetchmany", "SQL fetch (row conversion)"),
        (psycopg.Cursor, "fetchall", "SQL fetch (row conversion)"),
        (psycopg.Cursor, "fetchone", "SQL fetch (row conversion)"),
        (selectors, "claim_rows", "row building (claim_rows)"),
        (serializers, "claim_representation", "representation"),
        (renderers.FastJSONRenderer, "render", "rendering (JSON)"),
    ]
    for owner, name, step in steps:
        if name in vars(owner):
            clock.wrap(owner, name, step)


def measure(client, urls: list[str], requests: int, clock: StepClock | None) -> float:
    began = time.perf_counter()
    for number in range(requests):
        response = client.get(urls[number % len(urls)], HTTP_ACCEPT="application/json")
        assert response.status_code == 200, (response.status_code, response.content[:200])
    return (time.perf_counter() - began) / requests * 1000


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--requests", type=int, default=300, help="per scenario")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    scenarios = run.prepare_urls(args)
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")  # one of run.py's allowed hosts
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    plain: dict[str, float] = {}
    for name in [*SCENARIOS, *BASELINES.values()]:
        measure(client, scenarios[name], 50, None)  # warm up: caches, connection
        plain[name] = measure(client, scenarios[name], args.requests, None)
    clock = StepClock()
    instrument(clock)
    for name in SCENARIOS:
        clock.totals.clear()
        timed = measure(client, scenarios[name], args.requests, clock)
        bare = plain[BASELINES[name]]
        print(
            f"\n{name}: {plain[name]:.2f} ms a request, baseline {bare:.2f} ms "
            f"(x{plain[name] / bare:.2f}); {timed:.2f} ms a request timed by steps"
        )
        for step, total in sorted(clock.totals.items(), key=lambda item: -item[1]):
            share = total / args.requests * 1000
            print(f"  {step:38} {share:6.2f} ms  {share / timed:5.0%}")
    print(f"\nload average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
