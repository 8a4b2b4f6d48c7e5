"""Time actors/{slug}/stats/ and sources/{slug}/stats/ on a large database.

    python bench/api/stats.py --database-url postgres://postgres@127.0.0.1:5432/claims_bench_api

Build the database first with bench/api/generate.py. Requests go through
Django's test client in this process (no HTTP server, throttling off), so the
figures are the view's own time: the queries, the serialising, the JSON. The
subjects are the actors and sources with the most claims, one of median size
and one small one; each is asked --repeat times after one warm-up request.
With --explain, the plans of the statistics queries of the busiest subjects
are printed too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789-abcdefgh"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url (or set DATABASE_URL)")
    return args


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SECRET_KEY", BENCH_SECRET_KEY)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ["CLAIMS_API_THROTTLE_ANON"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claims_project.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def subjects() -> list[tuple[str, str, int]]:
    """(url, what, claims) of the busiest, a median and a small actor and source."""
    from django.db.models import Count

    from claims.models import Actor, Source

    actors = list(Actor.objects.annotate(n=Count("claims")).order_by("-n").values_list("slug", "n"))
    chosen = [actors[0], actors[len(actors) // 2], actors[-1]]
    urls = [(f"/api/v1/actors/{slug}/stats/", "actor", n) for slug, n in chosen]
    for kind, related in (("publisher", "articles__claims"), ("agency", "relay_links")):
        sources = list(
            Source.objects.filter(kind=kind)
            .annotate(n=Count(related))
            .order_by("-n")
            .values_list("slug", "n")
        )
        if sources:
            urls.append((f"/api/v1/sources/{sources[0][0]}/stats/", kind, sources[0][1]))
    return urls


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    setup_django(args.database_url)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    print(f"{'url':60} {'subject':9} {'claims':>7} {'queries':>7} {'p50 ms':>8} {'max ms':>8}")
    for url, what, claims in subjects():
        assert client.get(url).status_code == 200, url
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
        print(
            f"{url:60} {what:9} {claims:7} {len(captured):7} "
            f"{statistics.median(times):8.1f} {max(times):8.1f}"
        )
        if args.explain and what in ("actor", "publisher", "agency"):
            with connection.cursor() as cursor:
                for query in captured.captured_queries[1:]:
                    cursor.execute("EXPLAIN ANALYZE " + query["sql"])
                    print("\n".join(row[0] for row in cursor.fetchall()), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
