"""Keyset pagination: every claim once, in order, in both directions, NULL dates included."""

from __future__ import annotations

import datetime
import random

import pytest

from claims.api.pagination import CLAIM_ORDERINGS
from claims.models import Claim
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(db):
    """40 claims of one actor, on few dates (many ties) and some undated."""
    actor = ActorFactory(name="Busy Speaker", slug="busy")
    chooser = random.Random(5)
    dates = [None, datetime.date(2020, 1, 1), datetime.date(2021, 6, 1), datetime.date(2022, 1, 1)]
    articles = [ArticleFactory(published=date, body=f"body {date}") for date in dates]
    for number in range(40):
        article = chooser.choice(articles)
        text = f"claim number {number}"
        article.body += f' "{text}"'
        article.save()
        ClaimFactory(
            actor=actor,
            article=article,
            text=text,
            start=len(article.body) - len(text) - 1,
            confidence=chooser.choice([0.5, 0.7, 0.9]),
        )
    return actor


def walk(api, url: str, key: str = "next") -> list[list[int]]:
    pages = []
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.content
        page = [row["id"] for row in response.json()["results"]]
        if pages and not page:
            # The end of a sync (ordering=updated): a link to poll later, nothing new yet.
            assert response.json()[key] == url
            break
        pages.append(page)
        url = response.json()[key]
    return pages


def expected(ordering: str) -> list[int]:
    """The order the database gives for a plain ORDER BY of the same keys."""
    spec = CLAIM_ORDERINGS[ordering]
    rows = list(Claim.objects.values_list(spec.field, "id"))
    nulls_high = Claim.objects.db == "default" and _vendor() == "postgresql"

    def key(row):
        value, pk = row
        missing = value is None
        # NULL above everything on PostgreSQL, below on SQLite.
        rank = (1 if nulls_high else -1) if missing else 0
        return (rank, value if not missing else 0, pk)

    rows.sort(key=key, reverse=spec.descending)
    return [pk for _, pk in rows]


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


@pytest.mark.parametrize("ordering", list(CLAIM_ORDERINGS))
def test_forward_walk_visits_every_claim_once_in_order(api, many, ordering):
    pages = walk(api, f"/api/v1/claims/?actor=busy&page_size=7&ordering={ordering}")
    flat = [pk for page in pages for pk in page]
    assert flat == expected(ordering)
    assert [len(page) for page in pages] == [7, 7, 7, 7, 7, 5]


@pytest.mark.parametrize("ordering", ["-date", "date", "confidence", "-id"])
def test_backward_walk_from_the_last_page(api, many, ordering):
    forward = walk(api, f"/api/v1/claims/?actor=busy&page_size=6&ordering={ordering}")
    url = f"/api/v1/claims/?actor=busy&page_size=6&ordering={ordering}"
    while True:
        data = api.get(url).json()
        if not data["next"]:
            break
        url = data["next"]
    backward = walk(api, url, key="previous")
    assert [pk for page in reversed(backward) for pk in page] == [
        pk for page in forward for pk in page
    ]
    assert api.get(url).json()["previous"] is not None


def test_first_page_has_no_previous_and_last_no_next(api, many):
    first = api.get("/api/v1/claims/?page_size=40").json()
    assert first["previous"] is None and first["next"] is None
    assert len(first["results"]) == 40


def test_page_size_is_capped(api, many):
    from claims.api.pagination import KeysetPagination

    KeysetPagination.max_page_size, old = 10, KeysetPagination.max_page_size
    try:
        assert len(api.get("/api/v1/claims/?page_size=1000").json()["results"]) == 10
    finally:
        KeysetPagination.max_page_size = old


def test_links_keep_the_filters(api, many):
    data = api.get("/api/v1/claims/?actor=busy&page_size=5&kind=direct").json()
    assert "actor=busy" in data["next"] and "kind=direct" in data["next"]


def test_a_cursor_of_another_ordering_is_refused(api, many):
    next_url = api.get("/api/v1/claims/?page_size=5&ordering=confidence").json()["next"]
    cursor = next_url.split("cursor=")[1].split("&")[0]
    response = api.get(f"/api/v1/claims/?cursor={cursor}&ordering=-id")
    assert response.status_code == 400 and "cursor" in response.json()


@pytest.mark.parametrize(
    "cursor",
    [
        "bm9wZQ",  # "nope"
        "WyJ4IiwiLWRhdGUiLFsiMjAyMC0wMS0wMSIsMV1d",  # direction "x"
        "WyJuIiwiLWRhdGUiLFsibm90IGEgZGF0ZSIsMV1d",  # a date that is not one
        "WyJuIiwiLWRhdGUiLFsiMjAyMC0wMS0wMSIsIjEiXV0",  # id as a string
        "WyJuIiwiLWRhdGUiLFtdXQ",  # no values
        "%%%",
    ],
)
def test_malformed_cursors_are_400(api, many, cursor):
    response = api.get(f"/api/v1/claims/?cursor={cursor}")
    assert response.status_code == 400
    assert "cursor" in response.json()
