"""Clients that only read actors' claims, as fast as the server answers.

Run by bench/load/run.py --against-baseline, twice with the same slugs: once on
the API (/api/v1/claims/?actor=) and once on the bare baseline that answers the
same question with raw SQL and orjson (bench/api/baseline.py). No think time:
50 clients keep the server core busy, so requests/s is what that core can serve
and p99 includes the queue in front of it, alike for both.
"""

from __future__ import annotations

import json
import os
import random

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser

SAMPLES = json.loads(open(os.environ["LOAD_SAMPLES"], encoding="utf-8").read())  # noqa: SIM115
PATH = {
    "api": "/api/v1/claims/?actor={slug}",
    "baseline": "/bench/baseline/claims/?actor={slug}",
}[os.environ["LOAD_TARGET"]]
HEADERS = {"X-Forwarded-Proto": "https", "Accept": "application/json"}


class ClaimsByActorReader(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.rng = random.Random()

    @task
    def claims_by_actor(self) -> None:
        slug = self.rng.choice(SAMPLES["actors"])
        self.client.get(PATH.format(slug=slug), headers=HEADERS, name="claims by actor")
