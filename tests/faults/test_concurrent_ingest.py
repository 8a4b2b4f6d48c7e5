"""Two ingests of the same folder at once, on PostgreSQL: nothing stored twice.

Both processes extract every article and race to store the same articles,
actors (speakers recur across articles) and sources. Database constraints
refuse the duplicates; the services must turn the conflict into "found it"
so that both runs exit cleanly and every row exists once.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count

from claims.models import Actor, ActorAlias, Article, Claim, ClaimRelay, Source
from tests.faults.helpers import expected_counts, manage, subprocess_env

ARTICLES = 50
SURNAMES = [
    "Abbott", "Baker", "Carver", "Dalton", "Ellison", "Fletcher", "Garner", "Hayward",
    "Ingram", "Jarvis", "Kendall", "Lawson", "Mercer", "Norris", "Osborne", "Palmer",
    "Quincy", "Rowland", "Sutton", "Thorne", "Upton", "Vance", "Walton", "Yates",
]  # fmt: skip


@pytest.fixture
def database_url(transactional_db) -> str:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are a PostgreSQL matter: SQLite has one writer at a time")
    params = connection.settings_dict
    return (
        f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:"
        f"{params['PORT'] or 5432}/{params['NAME']}"
    )


def ingest_twice_at_once(first: list[str], second: list[str], database_url: str) -> list[dict]:
    processes = [
        subprocess.Popen(
            manage("ingest", *paths, "--no-progress", "--json"),
            env=subprocess_env(database_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for paths in (first, second)
    ]
    reports = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        reports.append(json.loads(stdout))
    return reports


def assert_nothing_twice(expected: dict[str, tuple[int, int]]) -> None:
    assert Article.objects.count() == len(expected)
    assert Article.objects.values("content_hash").distinct().count() == len(expected)
    # One actor per name: two actors sharing a normalised alias are a duplicate.
    duplicated = (
        ActorAlias.objects.filter(actor__anonymous=False)
        .values("normalized")
        .annotate(actors=Count("actor", distinct=True))
        .filter(actors__gt=1)
    )
    assert list(duplicated) == []
    assert Actor.objects.count() == Actor.objects.values("slug").distinct().count()
    assert Source.objects.values("name").distinct().count() == Source.objects.count()
    assert Claim.objects.values("article", "kind", "start", "end").distinct().count() == (
        Claim.objects.count()
    )
    for article in Article.objects.all():
        claims = Claim.objects.filter(article=article).count()
        relays = ClaimRelay.objects.filter(claim__article=article).count()
        assert (claims, relays) == expected[article.origin], article.origin


def write_round(folder: Path, name: str) -> list[Path]:
    """Articles whose speakers nobody has stored yet, each shared by neighbouring articles."""
    paths = []
    folder.mkdir()
    for number in range(ARTICLES):
        paragraphs = [f"Council {name} report {number}", "The council met on Monday."]
        for quote in range(4):
            speaker = f"{name.title()} {SURNAMES[(number // 2 + quote) % len(SURNAMES)]}"
            paragraphs.append(f'"Motion {quote} of report {number} carried," {speaker} said.')
        path = folder / f"{name}_{number:04d}.txt"
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_two_ingests_of_one_folder_store_everything_once(tmp_path, database_url):
    """The cron job and a manual run of the same command overlap."""
    expected = {}
    for name in ("alpha",):
        paths = write_round(tmp_path / name, name)
        expected.update(expected_counts(paths))
        reports = ingest_twice_at_once([str(tmp_path / name)], [str(tmp_path / name)], database_url)
        assert_stored_once(reports)
        assert_nothing_twice(expected)


def test_two_ingests_of_the_same_files_in_different_orders(tmp_path, database_url):
    """The processes meet on different articles that share new speakers: the harder race."""
    expected = {}
    for name in ("charlie", "delta"):
        paths = [str(path) for path in write_round(tmp_path / name, name)]
        expected.update(expected_counts([Path(path) for path in paths]))
        interleaved = paths[1::2] + paths[0::2]
        reports = ingest_twice_at_once(paths, interleaved, database_url)
        assert_stored_once(reports)
        assert_nothing_twice(expected)


def assert_stored_once(reports: list[dict]) -> None:
    assert all(report["articles"]["failed"] == 0 for report in reports)
    stored = sum(report["articles"]["new"] for report in reports)
    unchanged = sum(report["articles"]["unchanged"] for report in reports)
    assert stored == ARTICLES
    assert stored + unchanged == 2 * ARTICLES
