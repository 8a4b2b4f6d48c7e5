"""Extraction tests: plain Python, no database, no Django settings needed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Lets `pytest tests/extraction` run from any directory without an install, and
# the test modules import their shared assertions whatever pytest's import mode.
for path in (ROOT, Path(__file__).resolve().parent):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

SEEDS = ROOT / "seeds"


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def rferl_seed() -> str:
    return seed_text("000_")


@pytest.fixture(scope="session")
def times_seed() -> str:
    return seed_text("004_")
