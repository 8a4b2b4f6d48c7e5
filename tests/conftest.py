from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from tests.local_site import LocalSite

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counts and CSV export slots live in the cache, which outlives
    a test (a test's unread CSV export never gives its slot back)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded(db) -> None:
    """The two seed articles as ingested, loaded from fixtures/seeds.json."""
    call_command("loaddata", "seeds", verbosity=0)


@pytest.fixture
def article_dir(tmp_path: Path):
    """A folder to write article files into: ``article_dir(name, content)``."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    write.root = tmp_path
    return write


@pytest.fixture
def local_site():
    """A web site on a free port of 127.0.0.1 (see tests/local_site.py)."""
    site = LocalSite()
    site.start()
    yield site
    site.stop()
