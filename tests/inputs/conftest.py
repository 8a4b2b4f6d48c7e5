from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def news_page() -> bytes:
    """A news page with navigation, an advert, a related-links box and a footer."""
    return (DATA / "gates_moscow.html").read_bytes()
