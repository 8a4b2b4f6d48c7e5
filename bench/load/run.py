"""Load test: gunicorn as the README recommends, 50 clients for 60 s, on loopback.

    python bench/api/generate.py --claims 120000 --actors 2000 --articles 12000 \\
        --database-url postgres://postgres@127.0.0.1:5432/claims_ops_load
    python bench/load/run.py --database-url postgres://postgres@127.0.0.1:5432/claims_ops_load

Serves the API with gunicorn and the project's gunicorn.conf.py (DEBUG off,
production settings, behind a pretend TLS proxy) on 127.0.0.1, and runs locust
headless (bench/load/locustfile.py) with a mix of reads (claims by actor,
search, actor lists, claim and article pages) and editor PATCHes. Then checks:
no failed request; no row lost or duplicated (counts before and after); every
PATCH in the database, with one history row each; the RSS of every gunicorn
worker sampled from /proc during the run. Writes a report to bench/results/.
Throttling is off for the run: 50 clients share one address here.

With --against-baseline it runs instead two read-only runs of the same length,
50 clients each reading actors' claims with no think time (bench/load/
claims_by_actor.py): one on the API, one on the bare baseline of
bench/api/baseline.py served the same way (same gunicorn, same settings, same
slugs), and reports both and their ratio. With --pin that ratio is per server
core, the figure the API's hot path is measured by.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/claims_ops_load"
SECRET = secrets.token_urlsafe(50)
# Seconds of load after which a worker has loaded its code and filled its caches.
WARM_UP = 15


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--port", type=int, default=8310)
    parser.add_argument("--min-claims", type=int, default=100_000)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    parser.add_argument(
        "--pin",
        action="store_true",
        help="the load generator on core 0, the server on core 1 (Linux, 2+ cores): "
        "client and server do not take each other's CPU, and req/s is per server core",
    )
    parser.add_argument(
        "--against-baseline",
        action="store_true",
        help="claims by actor only, on the API and then on the bare baseline, and their ratio",
    )
    return parser.parse_args()


def on_core(core: int | None):
    """A preexec_fn that keeps a child (and its children) on one core, or None."""
    if core is None:
        return None
    return lambda: os.sched_setaffinity(0, {core})


def server_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CLAIMS_"))}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
        DJANGO_STATIC_ROOT=tempfile.mkdtemp(prefix="claims-static-"),
        CLAIMS_API_THROTTLE_ANON="",
        CLAIMS_API_THROTTLE_USER="",
        CLAIMS_API_THROTTLE_SEARCH="",
        CLAIMS_API_THROTTLE_ARTICLE="",
        CLAIMS_API_THROTTLE_CSV="",
        GUNICORN_ACCESS_LOG="",
    )
    return env


def baseline_server_env(database_url: str) -> dict[str, str]:
    """The load test's server, with the bench's URLconf that also routes the baseline."""
    env = server_env(database_url)
    env["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "bench" / "api")])
    return env


def setup_django(database_url: str) -> None:
    os.environ.update(
        {k: v for k, v in server_env(database_url).items() if k.startswith(("DJANGO", "DATA"))}
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "claims_project.settings"
    import django

    django.setup()


def counts() -> dict[str, int]:
    from claims.models import Actor, ActorAlias, Article, Claim, ClaimRelay, Source

    models = [Claim, Actor, ActorAlias, Article, Source, ClaimRelay, Claim.history.model]
    return {model._meta.db_table: model.objects.count() for model in models}


def duplicates() -> dict[str, int]:
    from django.db import connection

    queries = {
        "claims (article, kind, span)": "SELECT COUNT(*) FROM (SELECT 1 FROM claims_claim "
        'GROUP BY article_id, kind, start, "end" HAVING COUNT(*) > 1) d',
        "articles (content hash)": "SELECT COUNT(*) FROM (SELECT 1 FROM claims_article "
        "GROUP BY content_hash HAVING COUNT(*) > 1) d",
        "actors (slug)": "SELECT COUNT(*) FROM (SELECT 1 FROM claims_actor "
        "GROUP BY slug HAVING COUNT(*) > 1) d",
    }
    with connection.cursor() as cursor:
        found = {}
        for name, sql in queries.items():
            cursor.execute(sql)
            found[name] = cursor.fetchone()[0]
    return found


def samples(users: int) -> dict:
    """Real slugs, ids and words from the database, and a token for an editor."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models import Count
    from knox.models import AuthToken

    from claims.models import Actor, Article, Claim
    from claims.services import EDITORS_GROUP

    rng = random.Random(42)
    max_claim = Claim.objects.order_by("-id").values_list("id", flat=True).first()
    claim_ids = sorted({rng.randint(1, max_claim) for _ in range(5000)})
    claim_ids = list(Claim.objects.filter(id__in=claim_ids).values_list("id", flat=True))
    busy = Actor.objects.annotate(n=Count("claims")).order_by("-n").values_list("slug", flat=True)
    actors = list(busy[:50]) + list(
        Actor.objects.order_by("?").values_list("slug", flat=True)[:450]
    )
    names = list(Actor.objects.order_by("?").values_list("name", flat=True)[:300])
    texts = Claim.objects.order_by("?").values_list("text", flat=True)[:300]
    words = sorted({w.strip(".,;:\"'") for t in texts for w in t.split() if len(w) > 5})[:300]
    articles = list(Article.objects.order_by("?").values_list("id", flat=True)[:2000])

    user, _ = get_user_model().objects.get_or_create(username="load-editor")
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    _, key = AuthToken.objects.create(user=user)
    # Disjoint pools of unreviewed-or-not claims, one per client, with their status now.
    editable = list(Claim.objects.order_by("?").values_list("id", "review_status")[: users * 40])
    pools = [editable[number::users] for number in range(users)]
    return {
        "claims": claim_ids,
        "actors": actors,
        "actor_names": [name.split()[0][:6] for name in names if name.split()],
        "words": words or ["missile"],
        "articles": articles,
        "token": key,
        "patch_pools": pools,
    }


class RssSampler(threading.Thread):
    """Samples VmRSS of gunicorn's workers (the master's children) every second."""

    def __init__(self, master_pid: int) -> None:
        super().__init__(daemon=True)
        self.master_pid = master_pid
        self.samples: dict[int, list[tuple[float, int]]] = {}
        self.stop = threading.Event()

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.master_pid}/task/{self.master_pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def run(self) -> None:
        started = time.monotonic()
        while not self.stop.wait(1.0):
            for pid in self.workers():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmRSS:"):
                        kilobytes = int(line.split()[1])
                        self.samples.setdefault(pid, []).append(
                            (time.monotonic() - started, kilobytes)
                        )


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited while starting")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


@contextlib.contextmanager
def served(args: argparse.Namespace, env: dict[str, str], log: Path):
    """gunicorn with gunicorn.conf.py on --port (on core 1 with --pin), until the block ends."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT, env={**env, "GUNICORN_BIND": f"127.0.0.1:{args.port}"},
        stdout=subprocess.DEVNULL, stderr=open(log, "w"),  # noqa: SIM115
        preexec_fn=on_core(1 if args.pin else None),
    )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{args.port}/healthz", server)
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def run_locust(
    args: argparse.Namespace, locustfile: str, csv_prefix: Path, env: dict[str, str]
) -> subprocess.CompletedProcess:
    """Locust headless against the served port (on core 0 with --pin), for --duration."""
    return subprocess.run(
        [
            sys.executable, "-m", "locust", "-f", str(ROOT / "bench/load" / locustfile),
            "--headless", "--users", str(args.users), "--spawn-rate", str(args.users),
            "--run-time", f"{args.duration}s", "--host", f"http://127.0.0.1:{args.port}",
            "--only-summary", "--csv", str(csv_prefix), "--stop-timeout", "10",
            "--exit-code-on-error", "0",
        ],
        env={**os.environ, **env}, capture_output=True, text=True,
        timeout=args.duration + 120, preexec_fn=on_core(0 if args.pin else None),
    )  # fmt: skip


def read_under_load(args: argparse.Namespace, target: str, work: Path) -> dict[str, str]:
    """One read-only run of claims_by_actor.py on ``target``; locust's aggregated row."""
    with served(args, baseline_server_env(args.database_url), work / f"gunicorn-{target}.log"):
        locust = run_locust(
            args, "claims_by_actor.py", work / target,
            {"LOAD_SAMPLES": str(work / "samples.json"), "LOAD_TARGET": target},
        )  # fmt: skip
    if locust.returncode != 0:
        raise SystemExit(locust.stdout[-3000:] + locust.stderr[-3000:])
    rows = csv.DictReader(open(work / f"{target}_stats.csv", encoding="utf-8"))  # noqa: SIM115
    return next(row for row in rows if row["Name"] == "Aggregated")


def against_baseline(args: argparse.Namespace, total: int, stamp: str, out: Path) -> int:
    work = Path(tempfile.mkdtemp(prefix="claims-load-"))
    (work / "samples.json").write_text(json.dumps(samples(args.users)))
    results = {target: read_under_load(args, target, work) for target in ("api", "baseline")}
    per_core = " per server core" if args.pin else " (client and server share the cores)"
    lines = [
        f"# Claims by actor against the bare baseline {stamp}",
        "",
        f"Command: `python bench/load/run.py --database-url {args.database_url} "
        f"--users {args.users} --duration {args.duration} --against-baseline"
        f"{' --pin' if args.pin else ''}`",
        f"{args.users} clients, no think time, {args.duration} s each; {total:,} claims; "
        f"req/s{per_core}.",
        "",
        "| served by | requests | failures | req/s | p50 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for target, row in results.items():
        lines.append(
            f"| {target} | {row['Request Count']} | {row['Failure Count']} | "
            f"{float(row['Requests/s']):.1f} | {row['50%']} | {row['99%']} |"
        )
    api, bare = results["api"], results["baseline"]
    lines += [
        "",
        f"Ratio API / baseline: req/s {float(api['Requests/s']) / float(bare['Requests/s']):.2f}, "
        f"p50 {float(api['50%']) / float(bare['50%']):.2f}, "
        f"p99 {float(api['99%']) / float(bare['99%']):.2f}.",
    ]
    report = "\n".join(lines) + "\n"
    (out / f"load-baseline-{stamp}.md").write_text(report)
    print(report)
    failed = int(api["Failure Count"]) + int(bare["Failure Count"])
    return 0 if failed == 0 else 1


def main() -> int:
    args = parse_args()
    if args.pin and (not hasattr(os, "sched_setaffinity") or (os.cpu_count() or 1) < 2):
        print("--pin needs Linux and at least two cores")
        return 1
    setup_django(args.database_url)
    from django.conf import settings

    from claims.models import Claim

    total = Claim.objects.count()
    if total < args.min_claims:
        print(f"{total:,} claims: fewer than {args.min_claims:,}; run bench/api/generate.py first")
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    if args.against_baseline:
        return against_baseline(args, total, stamp, out)
    work = Path(tempfile.mkdtemp(prefix="claims-load-"))
    sample = samples(args.users)
    (work / "samples.json").write_text(json.dumps(sample))
    before = counts()
    history_before = before[Claim.history.model._meta.db_table]
    statuses_before = dict(
        Claim.objects.filter(
            id__in=[claim_id for pool in sample["patch_pools"] for claim_id, _ in pool]
        ).values_list("id", "review_status")
    )

    env = server_env(args.database_url)
    with served(args, env, work / "gunicorn.log") as server:
        sampler = RssSampler(server.pid)
        sampler.start()
        locust = run_locust(
            args, "locustfile.py", work / "locust",
            {"LOAD_SAMPLES": str(work / "samples.json"), "LOAD_WRITES": str(work / "writes.json")},
        )  # fmt: skip
        sampler.stop.set()
        sampler.join()
        workers_after = sampler.workers()

    if locust.returncode != 0:
        print(locust.stdout[-3000:], locust.stderr[-3000:])
        return 1
    stats = list(csv.DictReader(open(work / "locust_stats.csv", encoding="utf-8")))  # noqa: SIM115
    writes = {int(k): v for k, v in json.loads((work / "writes.json").read_text()).items()}

    after = counts()
    in_db = dict(Claim.objects.filter(id__in=list(writes)).values_list("id", "review_status"))
    lost = {cid: (w[0], in_db.get(cid)) for cid, w in writes.items() if in_db.get(cid) != w[0]}
    successful_patches = sum(w[1] for w in writes.values())
    history_rows = after[Claim.history.model._meta.db_table] - history_before
    untouched_changed = sum(
        1
        for cid, status in Claim.objects.filter(
            id__in=[c for c in statuses_before if c not in writes]
        ).values_list("id", "review_status")
        if statuses_before[cid] != status
    )
    rows_equal = {k: v for k, v in after.items() if k != Claim.history.model._meta.db_table} == {
        k: v for k, v in before.items() if k != Claim.history.model._meta.db_table
    }
    dupes = duplicates()

    lines = [
        f"# Load test {stamp}",
        "",
        f"Command: `python bench/load/run.py --database-url {args.database_url} "
        f"--users {args.users} --duration {args.duration}{' --pin' if args.pin else ''}`",
        "Pinned: locust on core 0, gunicorn on core 1; req/s below is per server core."
        if args.pin
        else "Not pinned: client and server share the cores.",
        f"Machine: {os.cpu_count()} cores; gunicorn gunicorn.conf.py: "
        f"{env.get('GUNICORN_WORKERS', 'cpu*2+1')} workers x threads per the config; "
        f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, "
        f"{total:,} claims.",
        "",
        "| endpoint | requests | failures | req/s | p50 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    failures = 0
    for row in stats:
        failures += int(row["Failure Count"]) if row["Name"] != "Aggregated" else 0
        lines.append(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
            f"{float(row['Requests/s']):.1f} | {row['50%']} | {row['99%']} | "
            f"{float(row['Max Response Time']):.0f} |"
        )
    lines += [
        "",
        f"Worker memory (VmRSS, MiB): idle before the load, after {WARM_UP} s of load "
        "(code and caches loaded), at the end, and the peak:",
        "",
    ]
    for pid, series in sorted(sampler.samples.items()):
        first, last = series[0][1] / 1024, series[-1][1] / 1024
        warm = next((kb for seconds, kb in series if seconds >= WARM_UP), series[-1][1]) / 1024
        peak = max(kb for _, kb in series) / 1024
        lines.append(
            f"- pid {pid}: {first:.1f} idle, {warm:.1f} warm, {last:.1f} at the end "
            f"(peak {peak:.1f}); {len(series)} samples over {series[-1][0]:.0f} s"
            + ("" if pid in workers_after else " (replaced during the run)")
        )
    checks = {
        "no failed requests": failures == 0,
        "row counts unchanged (claims, actors, aliases, articles, sources, relays)": rows_equal,
        "no duplicates": not any(dupes.values()),
        f"every PATCH in the database ({len(writes)} claims, {successful_patches} PATCHes)": (
            not lost
        ),
        "one history row per PATCH": history_rows == successful_patches,
        "claims not patched unchanged": untouched_changed == 0,
    }
    lines += ["", "Checks:", ""]
    lines += [f"- [{'x' if ok else ' '}] {name}" for name, ok in checks.items()]
    if lost:
        lines.append(f"  lost writes (first 10): {list(lost.items())[:10]}")
    lines.append(f"  counts before {before}")
    lines.append(f"  counts after  {after}")
    report = "\n".join(lines) + "\n"
    (out / f"load-{stamp}.md").write_text(report)
    print(report)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
