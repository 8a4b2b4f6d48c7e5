"""statements/ and the statement fields of claims/: one statement, every place it appeared."""

from __future__ import annotations

import csv
import datetime
import io
import itertools

import pytest

from claims import services
from claims.api.filters import ClaimFilterSet, StatementFilterSet
from claims.article_files import ArticleOverrides
from claims.models import Claim, ClaimKind, ClaimRelay, SourceKind, Statement
from claims.selectors import claim_list, statement_list
from claims.services.statements import statements_assign
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

QUOTE = (
    "We will not allow the pipeline to be built across the river, whatever the court decides "
    "next month"
)


def ingest(origin: str, body: str, *, publisher: str, published: str) -> int:
    report = services.article_ingest(
        origin=origin,
        data=body.encode(),
        overrides=ArticleOverrides(
            publisher=publisher, published=datetime.date.fromisoformat(published)
        ),
    )
    assert report.status == "new", report
    return report.article_id


@pytest.fixture
def wire_quote():
    """The same quote from two outlets, the later one ingested first, one relayed by Reuters."""
    later = ingest(
        "later.txt",
        f'Pipeline row\n\n"{QUOTE}," Governor Maria Lopez told Reuters on Monday.\n',
        publisher="Daily Ledger",
        published="2024-03-05",
    )
    earlier = ingest(
        "earlier.txt",
        f"River fight\n\n\u201c{QUOTE}.\u201d Governor Maria Lopez said on Sunday.\n",
        publisher="Morning Post",
        published="2024-03-04",
    )
    first = Claim.objects.get(article_id=earlier, kind=ClaimKind.DIRECT)
    second = Claim.objects.get(article_id=later, kind=ClaimKind.DIRECT)
    assert first.statement_id == second.statement_id
    return first, second


def test_two_outlets_give_one_statement_with_two_appearances_earliest_first(api, wire_quote):
    first, second = wire_quote
    body = api.get(f"/api/v1/statements/{first.statement_id}/").json()
    assert body["appearances"] == 2
    assert body["speaker"]["name"] == "Maria Lopez"
    assert body["first_appearance"]["claim"] == first.pk
    assert [a["claim"] for a in body["appearance_list"]] == [first.pk, second.pk]
    earliest = body["appearance_list"][0]
    assert earliest["outlet"]["slug"] == "morning-post"
    assert earliest["published"] == "2024-03-04"
    assert earliest["statement_method"] == "exact"
    assert [o["slug"] for o in body["outlets"]] == ["morning-post", "daily-ledger"]
    relayed = [r["slug"] for r in body["appearance_list"][1]["relays"]]
    assert [a["slug"] for a in body["agencies"]] == relayed
    assert body["claims_url"].endswith(f"/api/v1/claims/?statement={first.statement_id}")

    claim = api.get(f"/api/v1/claims/{second.pk}/").json()
    assert claim["statement"] == first.statement_id
    assert claim["appearances"] == 2
    listed = api.get(f"/api/v1/claims/?statement={first.statement_id}").json()["results"]
    assert {row["id"] for row in listed} == {first.pk, second.pk}
    assert {row["appearances"] for row in listed} == {2}


def test_unknown_statement_is_404(api):
    assert api.get("/api/v1/statements/999999/").status_code == 404


def test_a_claim_without_a_statement_says_so(api):
    claim = ClaimFactory()
    body = api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert body["statement"] is None
    assert body["appearances"] is None


_bodies = itertools.count()


def stored(text: str, *, actor=None, published=datetime.date(2024, 5, 1), publisher=None):
    """A claim in an article of its own, joined to its statement as ingest would."""
    article = ArticleFactory(
        body=f'"{text}," she said. ({next(_bodies)})',
        published=published,
        **({"publisher": publisher} if publisher else {}),
    )
    claim = ClaimFactory(text=text, actor=actor, article=article)
    statements_assign(claims=[claim])
    return claim


@pytest.fixture
def statements_crowd():
    """Three statements of two speakers: repeated 3, 2 and 1 times."""
    gates = ActorFactory(name="Robert Gates", slug="gates")
    lopez = ActorFactory(name="Maria Lopez", slug="lopez")
    day = datetime.date(2024, 1, 1)
    cold_war = [
        stored(
            "The days of the cold war are over and no one should seek a return",
            actor=gates,
            published=day + datetime.timedelta(days=n),
        )
        for n in (3, 1, 2)
    ]
    budget = [
        stored(
            "The budget for the schools will be cut by a third next year",
            actor=lopez,
            published=datetime.date(2024, 6, n),
        )
        for n in (1, 2)
    ]
    river = stored(QUOTE, actor=lopez, published=datetime.date(2024, 9, 1))
    return {"cold_war": cold_war, "budget": budget, "river": river}


def test_collapse_shows_each_statement_once_as_its_first_appearance(api, statements_crowd):
    rows = api.get("/api/v1/claims/?collapse=statement&ordering=date").json()["results"]
    cold_war = statements_crowd["cold_war"]
    assert [row["id"] for row in rows] == [
        cold_war[1].pk,
        statements_crowd["budget"][0].pk,
        statements_crowd["river"].pk,
    ]
    assert [row["appearances"] for row in rows] == [3, 2, 1]
    assert len(api.get("/api/v1/claims/").json()["results"]) == 6
    bad = api.get("/api/v1/claims/?collapse=article")
    assert bad.status_code == 400
    assert "collapse" in bad.json()


def test_collapse_filterset_directly(statements_crowd):
    filterset = ClaimFilterSet(
        data={"collapse": "statement", "actor": "lopez"}, queryset=claim_list()
    )
    assert filterset.is_valid(), filterset.errors
    assert set(filterset.qs) == {statements_crowd["budget"][0], statements_crowd["river"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["river", "budget", "cold_war"]),
        ({"actor": "gates"}, ["cold_war"]),
        ({"actor_name": "maria lopez"}, ["river", "budget"]),
        ({"published_after": "2024-06-01", "published_before": "2024-06-30"}, ["budget"]),
        ({"min_appearances": "2"}, ["budget", "cold_war"]),
        ({"q": "schools"}, ["budget"]),
        ({"ordering": "-appearances"}, ["cold_war", "budget", "river"]),
        ({"ordering": "date", "actor": "lopez"}, ["budget", "river"]),
    ],
)
def test_statement_filters(statements_crowd, params, expected):
    filterset = StatementFilterSet(data=params, queryset=statement_list())
    assert filterset.is_valid(), filterset.errors
    firsts = {
        name: claims if isinstance(claims, Claim) else claims[0]
        for name, claims in statements_crowd.items()
    }
    assert [s.pk for s in filterset.qs] == [firsts[name].statement_id for name in expected]


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"actor": "nobody"}, "unknown actor"),
        ({"min_appearances": "0"}, "greater than or equal to 1"),
        ({"min_appearances": "two"}, "whole number"),
        ({"published_after": "June"}, "valid date"),
        ({"ordering": "text"}, "valid choice"),
    ],
)
def test_bad_statement_filters_are_400_naming_the_parameter(api, statements_crowd, params, problem):
    response = api.get("/api/v1/statements/", params)
    assert response.status_code == 400
    (name,) = params
    assert problem in str(response.json()[name])


def test_statement_list_over_http(api, statements_crowd):
    body = api.get("/api/v1/statements/?actor=gates").json()
    assert body["count"] == 1
    (row,) = body["results"]
    assert row["appearances"] == 3
    assert row["text"] == statements_crowd["cold_war"][1].text
    assert row["first_published"] == "2024-01-02"
    assert row["first_appearance"]["claim"] == statements_crowd["cold_war"][1].pk


def test_typed_links_show_on_both_sides(api, statements_crowd):
    river = Statement.objects.get(pk=statements_crowd["river"].statement_id)
    budget = Statement.objects.get(pk=statements_crowd["budget"][0].statement_id)
    services.statement_link(source=river, target=budget, kind="contradicts", user=None)
    outgoing = api.get(f"/api/v1/statements/{river.pk}/").json()["statement_links"]
    incoming = api.get(f"/api/v1/statements/{budget.pk}/").json()["statement_links"]
    assert outgoing == [
        {
            "kind": "contradicts",
            "direction": "outgoing",
            "statement": budget.pk,
            "text": statements_crowd["budget"][0].text,
            "url": f"http://testserver/api/v1/statements/{budget.pk}/",
        }
    ]
    assert incoming[0]["direction"] == "incoming"
    assert incoming[0]["statement"] == river.pk


@pytest.fixture
def many_statements():
    """60 statements, each in two outlets, every second appearance relayed."""
    agency = SourceFactory(name="Agency", slug="agency", kind=SourceKind.AGENCY)
    papers = [SourceFactory(name=f"Paper {n}", slug=f"paper-{n}") for n in range(2)]
    actor = ActorFactory(name="Speaker Many", slug="many")
    for number in range(60):
        text = f"Statement number {number} about the budget and the roads of the county"
        for paper in papers:
            claim = stored(text, actor=actor, publisher=paper)
            if paper is papers[1]:
                ClaimRelay.objects.create(claim=claim, source=agency, position=0)
    return actor


@pytest.mark.parametrize("page_size", [1, 100])
def test_statement_and_collapse_lists_do_not_grow_with_the_page(
    api, many_statements, django_assert_max_num_queries, page_size
):
    with django_assert_max_num_queries(2):  # count, page
        body = api.get(f"/api/v1/statements/?page_size={page_size}").json()
    assert len(body["results"]) == min(page_size, 60)
    with django_assert_max_num_queries(3):  # ids, rows, relays
        body = api.get(f"/api/v1/claims/?collapse=statement&page_size={page_size}").json()
    assert len(body["results"]) == min(page_size, 60)
    assert {row["appearances"] for row in body["results"]} == {2}


def test_statement_detail_queries_are_fixed(api, many_statements, django_assert_max_num_queries):
    statement = Statement.objects.first()
    for _ in range(10):
        stored(statement.claims.first().text, actor=many_statements)
    # statement, appearances, their relays, outlets, agencies, sources, links
    with django_assert_max_num_queries(7):
        body = api.get(f"/api/v1/statements/{statement.pk}/").json()
    assert body["appearances"] == 12


def test_csv_rows_carry_statement_and_appearances(api, statements_crowd):
    response = api.get("/api/v1/claims/?format=csv&actor=gates")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    statement_id = statements_crowd["cold_war"][0].statement_id
    assert {(row["statement"], row["appearances"]) for row in rows} == {(str(statement_id), "3")}
