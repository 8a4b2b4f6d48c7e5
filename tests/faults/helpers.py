"""What the fault tests share: a folder of articles, a subprocess environment."""

from __future__ import annotations

import os
import random
from pathlib import Path

from django.conf import settings

SPEAKERS = [
    "Anna Lindqvist",
    "Peter Okafor",
    "Maria Santos",
    "Jonas Weber",
    "Li Wei",
    "Fatima Haddad",
    "Tomasz Nowak",
    "Grace Mbeki",
    "Olivia Brown",
    "Kenji Sato",
]
PHRASES = [
    "We will repair every bridge in district {n} before winter",
    "The numbers for district {n} do not add up",
    "Nobody consulted the residents of district {n}",
    "This budget protects the schools of district {n}",
    "The harbour in district {n} needs dredging this year",
    "Taxes in district {n} will not rise",
]


def write_articles(
    folder: Path,
    count: int,
    *,
    seed: int = 7,
    prefix: str = "report",
    speakers: list[str] = SPEAKERS,
) -> list[Path]:
    """``count`` distinct articles, each with several quotes from a shared pool of speakers.

    Speakers recur across articles on purpose: concurrent ingests then race
    to create the same actors.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        paragraphs = [
            f"Council {prefix} number {number}",
            f"May {1 + number % 28}, 2024 (Example News) -- The council met on Monday.",
        ]
        for quote in range(rng.randint(3, 8)):
            phrase = rng.choice(PHRASES).format(n=number * 10 + quote)
            paragraphs.append(f'"{phrase}," {rng.choice(speakers)} said.')
            paragraphs.append("Further discussion followed without a vote.")
        path = folder / f"{prefix}_{number:04d}.txt"
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def expected_counts(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Claims and relays the extractor finds in each file, by file name: the truth to compare."""
    from claims import extraction

    counts = {}
    for path in paths:
        extracted = extraction.extract_article(extraction.decode_article(path.read_bytes()))
        relays = sum(len(claim.via) for claim in extracted.claims)
        counts[path.name] = (len(extracted.claims), relays)
    return counts


def subprocess_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SECRET_KEY="fault-tests-only-secret-key-0123456789-abcdefghijklmnopqrs",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(*args: str) -> list[str]:
    import sys

    return [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args]


STORED_COUNTS_SQL = """
SELECT a.origin,
       (SELECT COUNT(*) FROM claims_claim c WHERE c.article_id = a.id),
       (SELECT COUNT(*) FROM claims_claimrelay r
          JOIN claims_claim c ON c.id = r.claim_id WHERE c.article_id = a.id)
FROM claims_article a
"""
