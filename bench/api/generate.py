"""Build a large synthetic claims database for the API benchmark.

    python bench/api/generate.py --database-url postgres://postgres@127.0.0.1:5432/claims_bench_api
    python bench/api/generate.py --database-url sqlite:///var/bench-api.sqlite3 --claims 50000

Defaults: 1,000,000 claims, 10,000 actors, 100,000 articles, 200 sources. Claims
per actor follow a Zipf-like law (a few actors say a great deal, most say little),
15% of claims are unattributed assertions, about a fifth travelled through an
agency, 5% are reviewed, 1% of articles are undated. Every claim slices its
article's body exactly, as ingest guarantees. The database is migrated first,
then emptied (--reset) or refused if it holds claims. Rows go in with COPY on
PostgreSQL and large executemany batches on SQLite; the GIN search index and
the actors' claim tally are built after the load. History tables are left empty.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import itertools
import os
import random
import sys
import time
from pathlib import Path

ROOT_FOR_IMPORTS = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT_FOR_IMPORTS))

from claims.normalization import normalize_name  # noqa: E402  (plain Python, no Django)

ROOT = Path(__file__).resolve().parents[2]


def _split(words: str) -> list[str]:
    return words.split()


FIRST = _split(
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Anatoly Sergei Olga Dmitri Elena "
    "Ivan Natalia Pierre Marie Jurgen Ana Jose Luis Ahmed Fatima Wei Li Hiroshi Yuki Kofi Amara "
    "Lars Ingrid Pavel Zofia Marco Giulia Rahul Priya Omar Leila"
)
LAST = _split(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
    "Ivanov Petrov Sidorov Kuznetsov Popov Volkov Novak Kowalski Muller Schmidt Schneider Fischer "
    "Weber Meyer Dubois Laurent Rossi Russo Ferrari Silva Santos Costa Tanaka Suzuki Watanabe "
    "Chen Wang Zhang Okafor Mensah Haddad Nasser Khan Patel Singh Nguyen Tran Larsen Berg"
)
ORGS = _split(
    "Ministry Council Agency Committee Party Union Institute Bank Commission Alliance "
    "Federation Court Office Bureau Foundation"
)
PLACES = _split(
    "Moscow Washington Kyiv Warsaw Berlin Paris London Beijing Tokyo Delhi Cairo Lagos Brasilia "
    "Ottawa Canberra Madrid Rome Ankara Tehran Seoul"
)
WORDS = _split(
    "missile defense system security talks government minister president economy inflation "
    "budget tax election vote parliament law court ruling police crime energy oil gas pipeline "
    "climate emissions coal nuclear reactor treaty sanctions trade tariff export import market "
    "stocks growth recession jobs unemployment wages health hospital vaccine virus outbreak "
    "school teachers students university research science space satellite launch rocket "
    "military troops border conflict ceasefire peace negotiations agreement deal alliance nato "
    "europe russia china america africa asia refugees migration housing prices rent bank "
    "interest rates currency debt deficit spending infrastructure roads railway airport port "
    "water drought flood storm earthquake wildfire farmers harvest food exports shortage "
    "strike protest union workers reform pension corruption investigation scandal report "
    "billion million percent thousand hundred dozens record highest lowest increase decrease "
    "will would could must should never always already soon eventually certainly clearly "
    "serious significant dangerous unacceptable necessary important historic difficult "
    "destabilizing chimerical cooperation partnership threat risk danger opportunity future "
    "region country nation people citizens voters families children companies industry "
    "technology internet data privacy cyber attack hackers software network mobile phones"
)
CUES = ["said", "told reporters", "stated", "added", "warned", "insisted", "argued", "noted"]
# (role until 2011, role from 2012): what articles call a speaker changes over time.
ROLES = [
    ("Defense Minister", "former defense minister"),
    ("Senator", "Secretary of State"),
    ("spokesman for the ministry", "spokesman for the ministry"),
    ("opposition leader", "Prime Minister"),
]
FILLER = [
    "The remarks came during a visit to the capital.",
    "Officials did not immediately respond to requests for comment.",
    "The statement was released late on Tuesday.",
    "Analysts said the move was widely expected.",
    "The talks are scheduled to resume next month.",
]
# Made-up words for a vocabulary with a long tail, as real text has: the news
# words above are the frequent ones, these are drawn with Zipf-like weights.
SYLLABLES = _split("ka lo mi ren tas vel dor pi nu sha ber gon ti lum ras ko ve zan mor ul")
VOCABULARY_SIZE = 20_000
BENCH_SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789-abcdefgh"
REVIEWED = ["verified", "disputed", "false", "misattributed", "not_claim"]


def vocabulary() -> list[str]:
    """The vocabulary in frequency order: news words first, then made-up ones."""
    words = list(dict.fromkeys(WORDS))
    made_up = random.Random(7)
    seen = set(words)
    while len(words) < VOCABULARY_SIZE:
        word = "".join(made_up.choice(SYLLABLES) for _ in range(made_up.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), required=False)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--zipf", type=float, default=0.9, help="skew of claims per actor")
    parser.add_argument("--seed", type=int, default=20070420)
    parser.add_argument("--reset", action="store_true", help="empty a database that has data")
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url (or set DATABASE_URL)")
    return args


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SECRET_KEY", BENCH_SECRET_KEY)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claims_project.settings")
    sys.path.insert(0, str(ROOT))
    if database_url.startswith("postgres"):
        _create_postgres_database(database_url)
    elif database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


def _create_postgres_database(database_url: str) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(database_url)
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{config["NAME"]}"')


class Generator:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.random = random.Random(args.seed)
        self.vocabulary = vocabulary()
        weights = [1 / (rank + 1) for rank in range(len(self.vocabulary))]
        total = 0.0
        self.cumulative = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self._pool: list[str] = []

    # Rows as tuples, in the column order of each table's COLUMNS.
    def sources(self) -> list[tuple]:
        publishers = max(1, self.args.sources // 4)
        rows = []
        for number in range(1, self.args.sources + 1):
            kind = "publisher" if number <= publishers else "agency"
            name = f"{'Daily' if kind == 'publisher' else 'Wire'} {self._word()} {number}"
            slug = name.lower().replace(" ", "-")
            rows.append((number, name, slug, kind, self.now, self.now))
        self.publisher_ids = list(range(1, publishers + 1))
        self.agency_ids = list(range(publishers + 1, self.args.sources + 1)) or self.publisher_ids
        return rows

    def actors(self) -> tuple[list[tuple], list[tuple]]:
        actors, aliases, self.actor_names = [], [], []
        alias_id = itertools.count(1)
        for number in range(1, self.args.actors + 1):
            roll = self.random.random()
            if roll < 0.8:
                kind = "person"
                last = self.random.choice(LAST)
                name = f"{self.random.choice(FIRST)} {last}"
                extra = [last]
            elif roll < 0.92:
                kind = "organization"
                name = f"{self.random.choice(PLACES)} {self.random.choice(ORGS)}"
                extra = []
            else:
                kind = "government"
                name = f"Government of {self.random.choice(PLACES)} {number}"
                extra = []
            slug = f"{name.lower().replace(' ', '-')}-{number}"
            wikidata = f"Q{self.random.randint(1, 10**7)}" if self.random.random() < 0.3 else ""
            actors.append((number, name, slug, kind, "", False, wikidata, self.now, self.now))
            self.actor_names.append(name)
            for alias in dict.fromkeys([name, *extra]):
                aliases.append((next(alias_id), number, alias, normalize_name(alias)))
        return actors, aliases

    def claims_and_articles(self):
        """Yield (article row, [claim rows], [relay rows]) article by article."""
        args = self.args
        weights = [1 / (rank + 1) ** args.zipf for rank in range(args.actors)]
        order = list(range(1, args.actors + 1))
        self.random.shuffle(order)  # the heavy talkers are not the first ids
        speakers = self.random.choices(order, weights=weights, k=args.claims)
        per_article = [0] * args.articles
        for _ in range(args.claims):
            per_article[self.random.randrange(args.articles)] += 1
        claim_id = itertools.count(1)
        relay_id = itertools.count(1)
        speaker_iter = iter(speakers)
        start_day = datetime.date(2000, 1, 1).toordinal()
        span_days = datetime.date(2024, 12, 31).toordinal() - start_day
        for article_id, count in enumerate(per_article, start=1):
            published = (
                None
                if self.random.random() < 0.01
                else datetime.date.fromordinal(start_day + self.random.randrange(span_days))
            )
            published_late = int(published is not None and published.year >= 2012)
            title = " ".join(self._word() for _ in range(6)).capitalize()
            parts = [title, "\n\n"]
            length = len(title) + 2
            claims, relays = [], []
            for _ in range(count):
                actor = next(speaker_iter)
                assertion = self.random.random() < 0.15
                text = " ".join(self._word() for _ in range(self.random.randint(8, 25)))
                text = text[0].upper() + text[1:]
                if assertion:
                    sentence_start = length
                    parts.append(text + ". ")
                    start, end = sentence_start, sentence_start + len(text)
                    mention, mention_start, mention_end, actor_id, cue = "", None, None, None, ""
                    kind = "assertion"
                    length += len(text) + 2
                else:
                    kind = "direct" if self.random.random() < 0.6 else "indirect"
                    mention = self.actor_names[actor - 1]
                    cue = self.random.choice(CUES)
                    piece = f'"{text}," {mention} {cue}.'
                    start = length + 1
                    end = start + len(text)
                    mention_start = end + 3
                    mention_end = mention_start + len(mention)
                    actor_id = actor
                    parts.append(piece + " ")
                    length += len(piece) + 1
                filler = self.random.choice(FILLER)
                parts.append(filler + "\n")
                length += len(filler) + 1
                number = next(claim_id)
                reviewed = self.random.random() < 0.05
                status = self.random.choice(REVIEWED) if reviewed else "unreviewed"
                claims.append(
                    (
                        number,
                        article_id,
                        kind,
                        text,
                        start,
                        end,
                        "[]",
                        mention,
                        mention_start,
                        mention_end,
                        # A title that changes halfway through the years covered.
                        "" if actor_id is None else ROLES[actor_id % len(ROLES)][published_late],
                        actor_id,
                        cue,
                        round(self.random.uniform(0.3, 1.0), 3),
                        published,
                        self.now,
                        status,
                        self.random.randint(1, 5) if reviewed else None,
                        self.now if reviewed else None,
                        "Checked against the transcript." if reviewed else "",
                        "Matches the recording." if reviewed else "",
                        1 if reviewed else 0,
                        self.now,
                        # Statements are joined afterwards, by assign_statements.
                        "",
                    )
                )
                hops = self.random.random()
                for position in range(2 if hops < 0.03 else 1 if hops < 0.2 else 0):
                    relays.append(
                        (next(relay_id), number, self.random.choice(self.agency_ids), position)
                    )
            body = "".join(parts)
            article = (
                article_id,
                title,
                self.random.choice(self.publisher_ids),
                published,
                "",
                "",
                body,
                f"bench/{article_id}.txt",
                hashlib.sha256(body.encode()).hexdigest(),
                None,
                self.now,
                self.now,
                # The input's hash: a text file's bytes are its body's.
                hashlib.sha256(body.encode()).hexdigest(),
            )
            yield article, claims, relays

    def _word(self) -> str:
        if not self._pool:
            self._pool = self.random.choices(
                self.vocabulary, cum_weights=self.cumulative, k=100_000
            )
        return self._pool.pop()

    now = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)


TABLES = {
    "claims_source": ["id", "name", "slug", "kind", "created_at", "updated"],
    "claims_actor": [
        "id",
        "name",
        "slug",
        "kind",
        "role",
        "anonymous",
        "wikidata_id",
        "created_at",
        "updated",
    ],
    "claims_actoralias": ["id", "actor_id", "name", "normalized"],
    "claims_article": [
        "id",
        "title",
        "publisher_id",
        "published",
        "byline",
        "url",
        "body",
        "origin",
        "content_hash",
        "supersedes_id",
        "ingested_at",
        "updated",
        "source_hash",
    ],
    "claims_claim": [
        "id",
        "article_id",
        "kind",
        "text",
        "start",
        "end",
        "also_at",
        "speaker_mention",
        "speaker_start",
        "speaker_end",
        "speaker_role",
        "actor_id",
        "cue",
        "confidence",
        "published",
        "created_at",
        "review_status",
        "rating",
        "reviewed_at",
        "editor_note",
        "public_explanation",
        "review_version",
        "updated",
        "statement_method",
    ],
    "claims_claimrelay": ["id", "claim_id", "source_id", "position"],
}


class Writer:
    """Buffers rows per table and flushes them with COPY or executemany."""

    batch = 20_000

    def __init__(self, connection) -> None:
        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.buffers: dict[str, list[tuple]] = {table: [] for table in TABLES}
        self.counts = dict.fromkeys(TABLES, 0)

    def add(self, table: str, rows: list[tuple]) -> None:
        buffer = self.buffers[table]
        buffer.extend(rows)
        if len(buffer) >= self.batch:
            self.flush(table)

    def flush(self, table: str | None = None) -> None:
        for name in [table] if table else list(TABLES):
            rows = self.buffers[name]
            if not rows:
                continue
            columns = TABLES[name]
            quoted = ", ".join(f'"{column}"' for column in columns)
            with self.connection.cursor() as cursor:
                if self.postgres:
                    raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                    with raw.copy(f"COPY {name} ({quoted}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(f"INSERT INTO {name} ({quoted}) VALUES ({marks})", rows)
            self.counts[name] += len(rows)
            rows.clear()


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    setup_django(args.database_url)
    from django.core.management import call_command
    from django.db import connection, transaction

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    from claims.models import Claim

    if Claim.objects.exists():
        if not args.reset:
            print("The database already holds claims; run with --reset to replace them.")
            return 1
        _empty(connection)
    postgres = connection.vendor == "postgresql"
    gin_indexes: list[tuple[str, str]] = []
    if postgres:
        # Building the GIN indexes (full-text search, trigrams) once after the
        # load is far quicker than updating them row by row.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = ANY(%s) AND indexdef LIKE '%%USING gin%%'",
                [list(TABLES)],
            )
            gin_indexes = cursor.fetchall()
            for name, _ in gin_indexes:
                cursor.execute(f'DROP INDEX "{name}"')
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
        connection.disable_constraint_checking()

    generator = Generator(args)
    with transaction.atomic():
        if postgres:
            # Generated rows are consistent by construction: skip the per-row
            # foreign-key triggers for this transaction (needs a superuser).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        writer = Writer(connection)
        writer.add("claims_source", generator.sources())
        actors, aliases = generator.actors()
        writer.add("claims_actor", actors)
        writer.add("claims_actoralias", aliases)
        writer.flush()
        for number, (article, claims, relays) in enumerate(generator.claims_and_articles(), 1):
            # Buffered, then flushed table by table in dependency order.
            writer.buffers["claims_article"].append(article)
            writer.buffers["claims_claim"].extend(claims)
            writer.buffers["claims_claimrelay"].extend(relays)
            if len(writer.buffers["claims_claim"]) >= writer.batch * 5:
                writer.flush()
            if number % 10_000 == 0:
                print(f"  {number:,} articles, {writer.counts['claims_claim']:,} claims stored")
        writer.flush()
    if not postgres:
        connection.enable_constraint_checking()
    loaded = time.perf_counter()
    print(f"loaded {writer.counts} in {loaded - started:.0f} s")
    # The load ran without triggers on PostgreSQL (replica mode): the actors'
    # claim tally is counted once now, quicker than trigger by trigger.
    from claims.services import actor_claim_tallies_recount

    recount = actor_claim_tallies_recount()
    print(f"claim tally: {recount.rows:,} rows in {time.perf_counter() - loaded:.0f} s")
    loaded = time.perf_counter()
    with connection.cursor() as cursor:
        if postgres:
            for table in TABLES:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for _, definition in gin_indexes:
                cursor.execute(definition)
            # VACUUM sets the visibility map too, as autovacuum would have by
            # the time a real database got this big: index-only scans work.
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
    print(f"indexed and analysed in {time.perf_counter() - loaded:.0f} s")
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


def _empty(connection) -> None:
    tables = list(reversed(TABLES))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
