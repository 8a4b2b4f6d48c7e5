"""How quick the desk's pages are with many claims (not collected by pytest).

    createdb -h 127.0.0.1 -U postgres claims_bench   # a scratch database: it is filled
    DJANGO_DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/claims_bench \\
        python bench/admin_desk.py --claims 100000

Migrates, fills the database with synthetic claims (once; rerunning reuses
them), then times each page several times through Django's test client as a
superuser and prints the median wall time and the number of queries.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import django

# Run as a script from anywhere: the project root goes first on the import path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claims_project.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from claims.models import (  # noqa: E402
    Actor,
    ActorAlias,
    Article,
    Claim,
    ClaimKind,
    ClaimRelay,
    ReviewStatus,
    Source,
    SourceKind,
)

WORDS = [
    "minister",
    "said",
    "the",
    "talks",
    "would",
    "resume",
    "next",
    "week",
    "despite",
    "strong",
    "objections",
    "from",
]


def fill(claims: int) -> None:
    if Claim.objects.count() >= claims:
        return
    rng = random.Random(7)
    with transaction.atomic():
        publishers = Source.objects.bulk_create(
            [Source(name=f"Paper {i}", slug=f"paper-{i}") for i in range(20)]
        )
        agencies = Source.objects.bulk_create(
            [Source(name=f"Wire {i}", slug=f"wire-{i}", kind=SourceKind.AGENCY) for i in range(10)]
        )
        actors = Actor.objects.bulk_create(
            [Actor(name=f"Speaker {i}", slug=f"speaker-{i}") for i in range(5000)]
        )
        ActorAlias.objects.bulk_create(
            [ActorAlias(actor=a, name=a.name, normalized=a.name.lower()) for a in actors]
        )
        per_article = 25
        articles = []
        for i in range(claims // per_article):
            body = " ".join(rng.choice(WORDS) for _ in range(600))
            articles.append(
                Article(
                    title=f"Article {i} " + " ".join(rng.sample(WORDS, 4)),
                    publisher=rng.choice(publishers),
                    published=django.utils.timezone.now().date()
                    - django.utils.timezone.timedelta(days=rng.randrange(3000)),
                    body=body,
                    origin=f"bench-{i}.txt",
                    content_hash=f"{i:064d}",
                )
            )
        articles = Article.objects.bulk_create(articles, batch_size=1000)
        statuses = [ReviewStatus.UNREVIEWED] * 6 + [ReviewStatus.VERIFIED, ReviewStatus.FALSE]
        now = django.utils.timezone.now()
        batch = []
        for article in articles:
            for n in range(per_article):
                start = n * 100
                status = rng.choice(statuses)
                batch.append(
                    Claim(
                        article=article,
                        kind=ClaimKind.DIRECT,
                        text=article.body[start : start + 80],
                        start=start,
                        end=start + 80,
                        actor=rng.choice(actors),
                        confidence=rng.random(),
                        published=article.published,
                        review_status=status,
                        reviewed_at=None if status == ReviewStatus.UNREVIEWED else now,
                    )
                )
        created = Claim.objects.bulk_create(batch, batch_size=2000)
        ClaimRelay.objects.bulk_create(
            [
                ClaimRelay(claim=claim, source=rng.choice(agencies), position=0)
                for claim in created
                if rng.random() < 0.3
            ],
            batch_size=2000,
        )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


def timed(client: Client, url: str, repeat: int) -> tuple[float, int]:
    client.get(url)  # warm caches
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(times), queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--search", default="objections from", help="words for the queue's text search"
    )
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    fill(options.claims)
    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    claim = Claim.objects.order_by("id").first()
    actor_id = claim.actor_id
    queue = reverse("admin:claims_claim_changelist")
    # Sources as the data has them (this script's own, or bench/api/generate.py's).
    relay = ClaimRelay.objects.values_list("source__slug", flat=True).order_by("source_id").first()
    publisher = Article.objects.values_list("publisher__slug", flat=True).order_by("id").first()
    search = "+".join(options.search.split())
    pages = {
        "queue": queue,
        "queue, unreviewed": f"{queue}?reviewed=no",
        "queue, one actor": f"{queue}?actor={actor_id}",
        "queue, relayed by an agency": f"{queue}?relay={relay}",
        "queue, publisher + confidence": f"{queue}?publisher={publisher}&confidence_band=high",
        "queue, search": f"{queue}?q={search}",
        "queue, a year": f"{queue}?published__year=2020",
        "queue, page 500": f"{queue}?p=500",
        "claim page": reverse("admin:claims_claim_change", args=[claim.pk]),
        "actors": reverse("admin:claims_actor_changelist"),
        "actors, search": reverse("admin:claims_actor_changelist") + "?q=speaker+42",
        "articles": reverse("admin:claims_article_changelist"),
        "article page": reverse("admin:claims_article_change", args=[claim.article_id]),
        "sources": reverse("admin:claims_source_changelist"),
    }
    print(
        f"{Claim.objects.count()} claims, {Article.objects.count()} articles, "
        f"{Actor.objects.count()} actors on {connection.vendor}; median of {options.repeat}"
    )
    for name, url in pages.items():
        seconds, queries = timed(client, url, options.repeat)
        print(f"{name:32} {seconds * 1000:8.1f} ms {queries:4d} queries")


if __name__ == "__main__":
    main()
