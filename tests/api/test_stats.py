"""actors/{slug}/stats/ and sources/{slug}/stats/: claims over time, in fixed queries."""

from __future__ import annotations

import datetime

import pytest

from claims.models import ActorRedirect, ClaimRelay, ReviewStatus
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

KINDS = {"direct": 0, "partial": 0, "indirect": 0, "assertion": 0}
STATUSES = dict.fromkeys(ReviewStatus.values, 0)


def counts(base: dict, **values: int) -> dict:
    return {**base, **values}


@pytest.fixture
def history(world):
    """Gates over 2007 and 2024, with an undated claim and a superseded version."""
    gates, times = world["gates"], world["claims"]["cold_war"].article.publisher
    ClaimFactory(
        actor=gates,
        article__publisher=times,
        article__published=datetime.date(2007, 4, 2),
        review_status=ReviewStatus.VERIFIED,
        reviewed_at="2024-01-01T00:00Z",
    )
    ClaimFactory(actor=gates, kind="partial", article__published=datetime.date(2024, 2, 29))
    ClaimFactory(actor=gates, article__publisher=times, article__published=None)
    old = ClaimFactory(actor=gates, article__published=datetime.date(1999, 1, 1))
    ArticleFactory(supersedes=old.article)  # its claims are no longer current
    return world


def test_actor_stats(api, history):
    response = api.get("/api/v1/actors/robert-gates/stats/")
    assert response.status_code == 200
    stats = response.json()
    assert stats["actor"] == {
        "slug": "robert-gates",
        "name": "Robert Gates",
        "kind": "person",
        "url": "http://testserver/api/v1/actors/robert-gates/",
    }
    assert (stats["total"], stats["undated"]) == (5, 1)
    assert (stats["first_seen"], stats["last_seen"]) == ("2007-04-02", "2024-02-29")
    assert stats["months"] == [
        {
            "month": "2007-04",
            "total": 3,
            "by_kind": counts(KINDS, direct=2, indirect=1),
            "by_status": counts(STATUSES, unreviewed=2, verified=1),
        },
        {
            "month": "2024-02",
            "total": 1,
            "by_kind": counts(KINDS, partial=1),
            "by_status": counts(STATUSES, unreviewed=1),
        },
    ]
    top = [(row["slug"], row["claims"]) for row in stats["top_outlets"]]
    assert top[:2] == [("the-times", 3), ("daily-post", 1)]
    assert stats["top_outlets"][0]["url"] == "http://testserver/api/v1/sources/the-times/"


def test_actor_stats_of_an_actor_without_claims(api, db):
    ActorFactory(name="Quiet Person", slug="quiet-person")
    stats = api.get("/api/v1/actors/quiet-person/stats/").json()
    assert stats["total"] == 0 and stats["months"] == [] and stats["top_outlets"] == []
    assert stats["first_seen"] is None and stats["last_seen"] is None


def test_actor_stats_old_slug_and_unknown_slug(api, world):
    ActorRedirect.objects.create(slug="bob-gates", actor=world["gates"])
    response = api.get("/api/v1/actors/bob-gates/stats/")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/actors/robert-gates/stats/"
    response = api.get("/api/v1/actors/nobody/stats/")
    assert response.status_code == 404 and response.json() == {"detail": "No actor with this slug."}


def test_source_stats(api, history):
    # A claim relayed twice by one agency is counted once.
    missiles = history["claims"]["missiles"]
    ClaimRelay.objects.create(
        claim=missiles, source=missiles.relays.get(slug="interfax"), position=2
    )
    stats = api.get("/api/v1/sources/interfax/stats/").json()
    assert stats["source"]["slug"] == "interfax"
    assert stats["published"] == {"total": 0, "undated": 0, "by_status": STATUSES}
    assert stats["relayed"] == {
        "total": 2,
        "undated": 0,
        "by_status": counts(STATUSES, unreviewed=2),
    }
    assert stats["months"] == [
        {"month": "2007-03", "published": 0, "relayed": 1},
        {"month": "2007-04", "published": 0, "relayed": 1},
    ]
    assert (stats["first_seen"], stats["last_seen"]) == ("2007-03-01", "2007-04-20")

    times = api.get("/api/v1/sources/the-times/stats/").json()
    assert times["published"] == {
        "total": 4,
        "undated": 1,
        "by_status": counts(STATUSES, unreviewed=3, verified=1),
    }
    assert times["relayed"]["total"] == 0
    assert times["months"] == [
        {"month": "2007-03", "published": 1, "relayed": 0},
        {"month": "2007-04", "published": 2, "relayed": 0},
    ]


def test_source_stats_unknown_slug(api, db):
    response = api.get("/api/v1/sources/nobody/stats/")
    assert response.status_code == 404 and response.json() == {
        "detail": "No source with this slug."
    }


@pytest.mark.parametrize("months", [1, 40])
def test_stats_queries_do_not_grow_with_the_data(api, db, django_assert_num_queries, months):
    actor = ActorFactory(name="Busy Speaker", slug="busy-speaker")
    paper = SourceFactory(name="Paper", slug="paper")
    agency = SourceFactory(name="Wire", slug="wire", kind="agency")
    for number in range(months):
        claim = ClaimFactory(
            actor=actor,
            article__publisher=paper if number % 2 else SourceFactory(),
            article__published=datetime.date(2000 + number // 12, number % 12 + 1, 5),
        )
        ClaimRelay.objects.create(claim=claim, source=agency, position=0)
    with django_assert_num_queries(3):  # the actor; its monthly groups; its top outlets
        stats = api.get("/api/v1/actors/busy-speaker/stats/").json()
    assert len(stats["months"]) == months
    with django_assert_num_queries(3):  # the source; what it published; what it relayed
        stats = api.get("/api/v1/sources/wire/stats/").json()
    assert len(stats["months"]) == months


def test_stats_are_documented(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path, component in [
        ("/api/v1/actors/{slug}/stats/", "ActorStats"),
        ("/api/v1/sources/{slug}/stats/", "SourceStats"),
    ]:
        operation = schema["paths"][path]["get"]
        assert operation["summary"]
        content = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert content["$ref"] == f"#/components/schemas/{component}"
        # No list filters or paging parameters on a statistics document.
        assert [p["name"] for p in operation.get("parameters", [])] == ["slug"]
    month = schema["components"]["schemas"]["ActorMonth"]["properties"]["month"]
    assert month["pattern"] == "^[0-9]{4}-[0-9]{2}$"
