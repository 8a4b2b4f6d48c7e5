"""The README's backup and restore, run for real on a PostgreSQL cluster of the test's own.

pg_dump -Fc of a database with ingested articles and an editor's review,
pg_restore into an empty database, migrate: the same rows come back, reviews
and history included, and the restored database serves the API.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.faults.helpers import manage
from tests.faults.servers import ScratchPostgres, app_env, postgres_bin

pytestmark = pytest.mark.skipif(
    postgres_bin() is None, reason="needs PostgreSQL's server binaries (initdb, pg_ctl)"
)

SNAPSHOT = """
import json
from claims.models import Actor, Article, Claim, ClaimRelay, Source
print(json.dumps({
    "claims": sorted(Claim.objects.values_list("id", "text", "review_status", "editor_note")),
    "actors": sorted(Actor.objects.values_list("id", "slug")),
    "articles": sorted(Article.objects.values_list("id", "content_hash")),
    "sources": sorted(Source.objects.values_list("id", "slug")),
    "relays": ClaimRelay.objects.count(),
    "history": Claim.history.count(),
}))
"""

REVIEW = """
from claims.models import Claim
from claims.services import claim_review
claim_review(claim=Claim.objects.order_by("id").first(), reviewer=None, status="disputed",
             note="restored?")
"""


def shell(url: str, code: str) -> str:
    result = subprocess.run(
        manage("shell", "-c", code), env=app_env(url), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def test_pg_dump_and_pg_restore_bring_everything_back(tmp_path):
    cluster = ScratchPostgres()
    try:
        cluster.init()
        env = app_env(cluster.url)
        subprocess.run(manage("migrate", "--no-input", "-v0"), env=env, check=True, timeout=300)
        subprocess.run(manage("ingest", "-v0"), env=env, check=True, timeout=300)
        shell(cluster.url, REVIEW)
        before = json.loads(shell(cluster.url, SNAPSHOT))
        assert before["claims"] and before["history"]

        dump = cluster.root / "claims.dump"
        cluster.run("pg_dump", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres",
                    "-Fc", "-f", str(dump), "claims")  # fmt: skip
        cluster.run("createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres",
                    "claims_restored")  # fmt: skip
        cluster.run("pg_restore", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres",
                    "-d", "claims_restored", "--no-owner", str(dump))  # fmt: skip
        restored_url = cluster.url.rsplit("/", 1)[0] + "/claims_restored"
        migrate = subprocess.run(
            manage("migrate", "--no-input"), env=app_env(restored_url),
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert migrate.returncode == 0, migrate.stderr
        assert "No migrations to apply" in migrate.stdout

        after = json.loads(shell(restored_url, SNAPSHOT))
        assert after == before
    finally:
        cluster.destroy()
