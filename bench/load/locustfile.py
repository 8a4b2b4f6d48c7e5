"""The load test's clients: a realistic mix of API reads and some editor writes.

Run by bench/load/run.py, which prepares the sample data (LOAD_SAMPLES, a JSON
file) and reads back the writes each client made (LOAD_WRITES) to check that
every one of them is in the database afterwards.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, events, task

SAMPLES = json.loads(open(os.environ["LOAD_SAMPLES"], encoding="utf-8").read())  # noqa: SIM115
STATUSES = ["verified", "disputed", "false", "misattributed", "not_claim"]
# What every client wrote last to each claim it owns: {claim id: [status, writes]}.
WRITES: dict[int, list] = {}
_pools = iter(SAMPLES["patch_pools"])
# Behind the TLS proxy the README recommends, every request arrives as https.
HEADERS = {"X-Forwarded-Proto": "https", "Accept": "application/json"}


class ApiClient(HttpUser):
    wait_time = between(0.05, 0.25)

    def on_start(self) -> None:
        self.rng = random.Random()
        # Each client edits claims no other client touches, so the last write is known.
        self.pool = [(claim_id, status) for claim_id, status in next(_pools)]
        self.cycle = itertools.cycle(range(len(self.pool)))

    @task(30)
    def claims_by_actor(self) -> None:
        slug = self.rng.choice(SAMPLES["actors"])
        self.client.get(f"/api/v1/actors/{slug}/claims/", headers=HEADERS, name="claims by actor")

    @task(10)
    def claims_filtered_by_actor(self) -> None:
        slug = self.rng.choice(SAMPLES["actors"])
        self.client.get(
            f"/api/v1/claims/?actor={slug}&page_size=50", headers=HEADERS,
            name="claims?actor=",
        )  # fmt: skip

    @task(15)
    def search(self) -> None:
        word = self.rng.choice(SAMPLES["words"])
        self.client.get(f"/api/v1/claims/?q={word}", headers=HEADERS, name="claims?q= search")

    @task(10)
    def actor_list(self) -> None:
        prefix = self.rng.choice(SAMPLES["actor_names"])
        self.client.get(f"/api/v1/actors/?q={prefix}", headers=HEADERS, name="actors?q=")

    @task(5)
    def actor_list_plain(self) -> None:
        self.client.get("/api/v1/actors/", headers=HEADERS, name="actors")

    @task(15)
    def claim_detail(self) -> None:
        claim_id = self.rng.choice(SAMPLES["claims"])
        self.client.get(f"/api/v1/claims/{claim_id}/", headers=HEADERS, name="claim detail")

    @task(10)
    def article_detail(self) -> None:
        article_id = self.rng.choice(SAMPLES["articles"])
        self.client.get(f"/api/v1/articles/{article_id}/", headers=HEADERS, name="article detail")

    @task(5)
    def review_claim(self) -> None:
        index = next(self.cycle)
        claim_id, current = self.pool[index]
        status = (
            STATUSES[(STATUSES.index(current) + 1) % len(STATUSES)]
            if (current in STATUSES)
            else STATUSES[0]
        )
        with self.client.patch(
            f"/api/v1/claims/{claim_id}/",
            json={"review_status": status, "editor_note": f"load test {status}"},
            headers={**HEADERS, "Authorization": f"Token {SAMPLES['token']}"},
            name="PATCH claim (editor)",
            catch_response=True,
        ) as response:
            if response.status_code == 200 and response.json().get("review_status") == status:
                self.pool[index] = (claim_id, status)
                entry = WRITES.setdefault(claim_id, [status, 0])
                entry[0] = status
                entry[1] += 1
                response.success()
            else:
                response.failure(f"PATCH answered {response.status_code}")


@events.quitting.add_listener
def save_writes(environment, **kwargs) -> None:
    with open(os.environ["LOAD_WRITES"], "w", encoding="utf-8") as out:
        json.dump(WRITES, out)
