"""What joining a claim to its statement costs at ingest, as the tables grow.

    python bench/statements/cost.py \\
        --database-url postgres://postgres@127.0.0.1:5432/claims_bench_statements \\
        --sizes 100000 1000000

For each size N, the database holds N claims, each its own statement (the
worst case for the band table: nothing repeated, so BANDS band rows per claim,
32 million at a million claims). The statements and band keys of a few
thousand of them come from real sentences; the rest get random band keys,
which is what unrelated texts' keys are. Then articles of ten new claims are
stored and joined as ingest does, one transaction per article: half of the
claims repeat a stored statement (the same words, or a trimmed copy), half are
new. The time of ``statements_assign`` alone is reported per claim (MinHash,
band lookup, candidate check and every write). Rows are generated in SQL
(INSERT ... SELECT generate_series), the band table's index built after the
load. The claims' full-text GIN index is dropped in this database: joining
never reads it, and building it for a million rows only slows the load.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

VOCABULARY = (
    "minister government budget river pipeline court council missile defense treaty russia "
    "washington europe election vote tax roads schools hospital army border trade tariff "
    "farmers prices inflation bank rates jobs workers union strike police city mayor county "
    "state federal agency report plan talks summit leaders allies partners security threat "
    "energy gas oil power grid climate water drought floods fire health vaccine doctors "
    "nurses teachers students parents families children housing rent wages pension"
)
WORDS = VOCABULARY.split()
ARTICLE_CLAIMS = 10
REAL_STATEMENTS = 5000


def sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="A PostgreSQL database of its own.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--articles", type=int, default=200, help="Articles stored per pass.")
    parser.add_argument(
        "--passes",
        type=int,
        default=2,
        help="Passes per size: the first finds the band index on disk, later ones in memory.",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="Keep what an earlier run built (only grow it), instead of starting empty.",
    )
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("--database-url must be a PostgreSQL database (the load uses its SQL)")

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "claims_project.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from claims.models import Actor, Article, Claim, StatementBand

    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    if args.keep and Actor.objects.filter(slug="speaker").exists():
        actor = Actor.objects.get(slug="speaker")
        home = Article.objects.get(origin="stored.txt")
        real_texts = list(
            Claim.objects.filter(article=home)
            .order_by("pk")
            .values_list("text", flat=True)[:REAL_STATEMENTS]
        )
        stored = Claim.objects.filter(article=home).count()
    else:
        actor, home, real_texts = build(connection, rng)
        stored = REAL_STATEMENTS
    print(
        f"{'claims':>9} {'band rows':>11} {'pass':>5} {'per claim mean':>15} {'p50':>7} {'p95':>7}"
    )
    for size in sorted(args.sizes):
        started = time.perf_counter()
        grow(connection, actor_id=actor.pk, article_id=home.pk, start=stored, stop=size)
        stored = max(stored, size)
        load_seconds = time.perf_counter() - started
        band_rows = StatementBand.objects.count()
        # New texts every run: a run on a kept database must not store the
        # texts of an earlier run again (they would all be repeats).
        texts_rng = random.Random(time.time_ns())
        for run in range(1, args.passes + 1):
            measure(args, texts_rng, size, run, band_rows, load_seconds, real_texts, actor)
    return 0


def measure(args, rng, size, run, band_rows, load_seconds, real_texts, actor) -> None:
    """Store ``args.articles`` articles of new claims and time their joining."""
    from django.db import transaction

    from claims.models import Article, Claim
    from claims.services import statements

    timings = []
    for number in range(args.articles):
        texts = []
        for _ in range(ARTICLE_CLAIMS):
            if rng.random() < 0.5:
                words = rng.choice(real_texts).split()
                cut = rng.randint(0, max(0, len(words) - 8)) if rng.random() < 0.5 else 0
                texts.append(" ".join(words[cut:]))
            else:
                texts.append(sentence(rng, rng.randint(8, 25)))
        with transaction.atomic():
            article = Article.objects.create(
                title=f"New {size} {run} {number}",
                body="x",
                origin=f"new-{size}-{run}-{number}.txt",
                content_hash=f"{size:024d}{run:08d}{time.time_ns():032d}",
            )
            claims = Claim.objects.bulk_create(
                Claim(
                    article=article,
                    kind="direct",
                    text=text,
                    start=1 + position,
                    end=2 + position,
                    actor=actor,
                    confidence=0.9,
                )
                for position, text in enumerate(texts)
            )
            began = time.perf_counter()
            statements.statements_assign(claims=claims, current=True)
            timings.append((time.perf_counter() - began) / len(claims) * 1000)
    timings.sort()
    print(
        f"{size:>9,} {band_rows:>11,} {run:>5} {statistics.mean(timings):>12.2f} ms "
        f"{timings[len(timings) // 2]:>5.2f} {timings[int(len(timings) * 0.95)]:>7.2f}"
        f"   (load {load_seconds:.0f} s)",
        flush=True,
    )


def build(connection, rng: random.Random):
    """Start empty, with the statements new claims can repeat: real sentences, real keys."""
    from claims.models import Actor, Article, Claim, Statement, StatementBand
    from claims.normalization import normalize_statement
    from claims.services import statements

    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS claim_search_idx")
        cursor.execute(
            "TRUNCATE claims_statementband, claims_statementlink, claims_claimrelay, "
            "claims_claim, claims_statement, claims_article, claims_actoralias, claims_actor "
            "RESTART IDENTITY CASCADE"
        )
    actor = Actor.objects.create(name="Speaker", slug="speaker")
    home = Article.objects.create(
        title="Stored claims", body="x", origin="stored.txt", content_hash="0" * 64
    )

    # The statements new claims can repeat: real sentences, real band keys.
    real_texts = [sentence(rng, rng.randint(8, 25)) for _ in range(REAL_STATEMENTS)]
    real = Statement.objects.bulk_create(
        Statement(kind="quote", speaker=actor, text=normalize_statement(text), appearances=1)
        for text in real_texts
    )
    Claim.objects.bulk_create(
        Claim(
            article=home,
            kind="direct",
            text=text,
            start=1 + number,
            end=2 + number,
            actor=actor,
            confidence=0.9,
            statement=statement,
            statement_method="first",
        )
        for number, (text, statement) in enumerate(zip(real_texts, real, strict=True))
    )
    StatementBand.objects.bulk_create(
        StatementBand(band_key=key, statement=statement)
        for statement in real
        for key in statements.band_keys(statements.shingles(statement.text))
    )

    return actor, home, real_texts


def grow(connection, *, actor_id: int, article_id: int, start: int, stop: int) -> None:
    """Add stop - start statements (one claim each, random band keys) in SQL."""
    from claims.services.statements import BANDS

    if stop <= start:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM claims_statement")
        (last,) = cursor.fetchone()
        # The index is built after the load, as a bulk load should.
        cursor.execute("ALTER TABLE claims_statementband DROP CONSTRAINT statement_band_unique")
        cursor.execute(
            """
            INSERT INTO claims_statement (kind, speaker_id, text, appearances, created_at)
            SELECT 'quote', %s, md5(n::text), 1, now() FROM generate_series(1, %s) AS n
            """,
            [actor_id, stop - start],
        )
        cursor.execute(
            """
            INSERT INTO claims_claim (kind, text, start, "end", also_at, speaker_mention, cue,
                confidence, created_at, review_status, editor_note, actor_id, article_id,
                public_explanation, review_version, statement_method, statement_score,
                statement_id, speaker_role, updated)
            SELECT 'direct', s.text, 1000000 + s.id, 1000001 + s.id, '[]', '', '', 0.9, now(),
                'unreviewed', '', %s, %s, '', 0, 'first', 1, s.id, '', now()
            FROM claims_statement s WHERE s.id > %s
            """,
            [actor_id, article_id, last],
        )
        # Unrelated texts' band keys are, in effect, random 64-bit numbers.
        cursor.execute(
            """
            INSERT INTO claims_statementband (band_key, statement_id)
            SELECT ((random() - 0.5) * 1.8e19)::bigint, s.id
            FROM claims_statement s, generate_series(1, %s) WHERE s.id > %s
            """,
            [BANDS, last],
        )
        cursor.execute(
            "ALTER TABLE claims_statementband ADD CONSTRAINT statement_band_unique "
            "UNIQUE (band_key, statement_id)"
        )
        cursor.execute("VACUUM ANALYZE claims_statementband")
        cursor.execute("ANALYZE claims_statement")
        cursor.execute("ANALYZE claims_claim")


if __name__ == "__main__":
    sys.exit(main())
