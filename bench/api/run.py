"""Benchmark the API under gunicorn on loopback: requests/s and p50/p99 latency.

    python bench/api/run.py --database-url postgres://postgres@127.0.0.1:5432/claims_bench_api
    python bench/api/run.py --database-url sqlite:///var/bench-api.sqlite3 --seconds 5

Build the database first with bench/api/generate.py. The server runs with DEBUG
off, a bench-only secret key and throttling off; the bare baseline view (raw
SQL + orjson, bench/api/baseline.py) is routed by the bench's own URLconf only.
Each scenario runs for --seconds with --concurrency client threads, each
opening a connection per request, cycling through a fixed list of URLs chosen
from the data before the run. Results go to stdout and bench/results/ (git-ignored).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# A new connection for each request (the client reopens it): a keep-alive
# connection stays with the worker that accepted it, and two clients that
# landed on one worker queued behind each other for a whole scenario, which
# doubled its latencies at random. Alike for the API and the baseline.
REQUEST_HEADERS = {"Accept": "application/json", "Connection": "close"}
BENCH_SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789-abcdefgh"


@dataclass
class Result:
    scenario: str
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    mean_ms: float


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--seconds", type=float, default=10.0, help="per scenario")
    parser.add_argument("--warmup", type=float, default=2.0, help="per scenario, not measured")
    parser.add_argument("--concurrency", type=int, default=2, help="client connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", nargs="*", help="run only these scenarios")
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url (or set DATABASE_URL)")
    return args


def server_environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench_settings",
        DJANGO_SECRET_KEY=BENCH_SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_DEBUG="0",
        # Plain http on loopback: no TLS proxy in front to redirect to.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_ACCESS_LOG="",
        CLAIMS_API_THROTTLE_ANON="",
        CLAIMS_API_THROTTLE_USER="",
        CLAIMS_API_THROTTLE_SEARCH="",
        CLAIMS_API_THROTTLE_ARTICLE="",
        CLAIMS_API_THROTTLE_CSV="",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(HERE)]),
    )
    return env


def prepare_urls(args: argparse.Namespace) -> dict[str, list[str]]:
    """Pick each scenario's URLs from the data (Django in this process, read only)."""
    os.environ.update(server_environment(args.database_url))
    sys.path[:0] = [str(ROOT), str(HERE)]
    import django

    django.setup()
    from django.db.models import Count
    from generate import LAST, vocabulary

    from claims.api.pagination import encode_cursor
    from claims.models import Actor, Claim

    chooser = random.Random(args.seed)
    total = Claim.objects.count()
    top = list(
        Claim.objects.filter(actor__isnull=False)
        .values("actor_id")
        .annotate(n=Count("id"))
        .order_by("-n")[:5]
    )
    top_ids = [row["actor_id"] for row in top]
    # Traffic follows the talk: actors of random claims, plus the five busiest.
    max_id = Claim.objects.order_by("-id").values_list("id", flat=True).first()
    sample_ids = [chooser.randint(1, max_id) for _ in range(300)]
    sampled = list(
        Claim.objects.filter(id__in=sample_ids, actor__isnull=False).values_list(
            "actor_id", flat=True
        )[:45]
    )
    slugs = dict(Actor.objects.filter(id__in=top_ids + sampled).values_list("id", "slug"))
    first_slugs = [slugs[actor_id] for actor_id in top_ids + sampled]

    deep_urls, baseline_deep = [], []
    for row in top:
        # A cursor halfway down the busiest actors' timelines (tens of thousands deep).
        middle = row["n"] // 2
        published, claim_id = (
            Claim.objects.filter(actor_id=row["actor_id"], published__isnull=False)
            .order_by("-published", "-id")
            .values_list("published", "id")[middle]
        )
        cursor = encode_cursor("n", "-date", [published, claim_id])
        slug = slugs[row["actor_id"]]
        deep_urls.append(f"/api/v1/claims/?actor={slug}&cursor={cursor}")
        baseline_deep.append(
            f"/bench/baseline/claims/?actor={slug}"
            f"&before_published={published.isoformat()}&before_id={claim_id}"
        )
    words = vocabulary()[500:5000]
    one_claim = [f"/api/v1/claims/{chooser.randint(1, max_id)}/" for _ in range(200)]
    print(
        f"data: {total:,} claims; busiest actors {[row['n'] for row in top]} claims; "
        f"deep cursors at {[row['n'] // 2 for row in top]} rows"
    )
    return {
        "claims_by_actor_first_page": [f"/api/v1/claims/?actor={slug}" for slug in first_slugs],
        "baseline_first_page": [f"/bench/baseline/claims/?actor={slug}" for slug in first_slugs],
        "claims_by_actor_deep_cursor": deep_urls,
        "baseline_deep_page": baseline_deep,
        "full_text_search": [f"/api/v1/claims/?q={chooser.choice(words)}" for _ in range(50)],
        "actor_search": [f"/api/v1/actors/?q={name}" for name in LAST],
        "one_claim": one_claim,
    }


def start_server(args: argparse.Namespace) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "claims_project.wsgi:application",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        "gthread",
        "--threads",
        "1",
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=server_environment(args.database_url), cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
            connection.request("GET", "/api/v1/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 30 s")


def load(
    port: int, urls: list[str], seconds: float, concurrency: int, once: bool = False
) -> tuple[list, int, float]:
    """Hit the URLs round-robin from several connections; (latencies, errors, elapsed).

    With ``once``, one connection requests each URL once, whatever ``seconds``.
    """
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        failed = 0
        index = offset
        while index < len(urls) if once else time.perf_counter() < stop:
            url = urls[index % len(urls)]
            index += 1
            began = time.perf_counter()
            try:
                connection.request("GET", url, headers=REQUEST_HEADERS)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - began)
            failed += not ok
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    began = time.perf_counter()
    threads = [
        threading.Thread(target=client, args=(n * 7,), daemon=True) for n in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], time.perf_counter() - began


def summarise(name: str, latencies: list[float], errors: int, elapsed: float) -> Result:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else float("nan")
    return Result(
        scenario=name,
        requests=len(ordered),
        errors=errors,
        seconds=round(elapsed, 2),
        rps=round(len(ordered) / elapsed, 1),
        p50_ms=round(statistics.median(ordered) * 1000, 2) if ordered else float("nan"),
        p99_ms=round(p99 * 1000, 2),
        mean_ms=round(statistics.fmean(ordered) * 1000, 2) if ordered else float("nan"),
    )


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    scenarios = prepare_urls(args)
    if args.only:
        scenarios = {name: urls for name, urls in scenarios.items() if name in args.only}
    from django.db import connection

    backend = connection.vendor
    connection.close()
    server = start_server(args)
    load_before = os.getloadavg()
    results: list[Result] = []
    try:
        # Every URL once before any is timed: the first scenario would otherwise
        # read the pages of the database that the later ones find cached.
        for urls in scenarios.values():
            load(args.port, urls, 0, 1, once=True)
        for name, urls in scenarios.items():
            load(args.port, urls, args.warmup, args.concurrency)
            latencies, errors, elapsed = load(args.port, urls, args.seconds, args.concurrency)
            result = summarise(name, latencies, errors, elapsed)
            results.append(result)
            print(
                f"{name:30} {result.rps:8.1f} req/s  p50 {result.p50_ms:7.2f} ms  "
                f"p99 {result.p99_ms:7.2f} ms  ({result.requests} requests, "
                f"{result.errors} errors)",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    load_after = os.getloadavg()
    # Other work on the machine inflates every figure alike; say how busy it was.
    print(
        f"load average before {load_before[0]:.1f}, after {load_after[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    by_name = {result.scenario: result for result in results}
    ratios = {}
    for ours, bare in [
        ("claims_by_actor_first_page", "baseline_first_page"),
        ("claims_by_actor_deep_cursor", "baseline_deep_page"),
    ]:
        if ours in by_name and bare in by_name:
            ratios[ours] = {
                "p50": round(by_name[ours].p50_ms / by_name[bare].p50_ms, 2),
                "p99": round(by_name[ours].p99_ms / by_name[bare].p99_ms, 2),
                "rps": round(by_name[bare].rps / by_name[ours].rps, 2),
            }
            print(
                f"{ours} vs baseline: latency x{ratios[ours]['p50']} (p50), "
                f"x{ratios[ours]['p99']} (p99); throughput /{ratios[ours]['rps']}"
            )
    report = {
        "backend": backend,
        "database_url": args.database_url,
        "seconds": args.seconds,
        "concurrency": args.concurrency,
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "load_average": {"before": load_before, "after": load_after},
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "results": [asdict(result) for result in results],
        "ratios_to_baseline": ratios,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"api-{backend}-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}.json"
    path.write_text(json.dumps(report, indent=1))
    print(f"written to {path.relative_to(ROOT)}")
    return 0 if all(result.errors == 0 for result in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
