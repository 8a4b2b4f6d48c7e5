from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from rest_framework.test import APIClient

from claims.models import ClaimRelay, SourceKind
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, SourceFactory


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # Throttling counts live in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def editors_group(db) -> Group:
    """The Editors group as the admin's data migration sets it up: it may change claims."""
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="change_claim"))
    return group


@pytest.fixture
def ingesters_group(db) -> Group:
    """The Ingesters group as migration 0011 sets it up (a transactional test's
    flush removes it): it may push articles."""
    group, _ = Group.objects.get_or_create(name="Ingesters")
    group.permissions.add(Permission.objects.get(codename="ingest_articles"))
    return group


@pytest.fixture
def ingester(ingesters_group):
    """An ingesting client's account, as ``create_ingester`` makes it."""
    from claims import services

    user, _ = services.ingester_create(username="feedbot")
    return user


@pytest.fixture
def editor(django_user_model, editors_group):
    user = django_user_model.objects.create_user("editor", password="not-used-here")
    user.groups.add(editors_group)
    return user


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user("reader", password="not-used-here")


@pytest.fixture
def world(db):
    """A small, fully known data set: two actors, three outlets, five claims."""
    reuters = SourceFactory(name="Reuters", slug="reuters", kind=SourceKind.AGENCY)
    interfax = SourceFactory(name="Interfax", slug="interfax", kind=SourceKind.AGENCY)
    times = SourceFactory(name="The Times", slug="the-times")
    daily = SourceFactory(name="Daily Post", slug="daily-post")
    gates = ActorFactory(
        name="Robert Gates", slug="robert-gates", wikidata_id="Q311712", aliases=["Gates"]
    )
    ivanov = ActorFactory(name="Sergei Ivanov", slug="sergei-ivanov", aliases=["Ivanov"])
    claims = {
        "cold_war": ClaimFactory(
            text="The days of the Cold War are over",
            actor=gates,
            article=ArticleFactory(
                publisher=times,
                published=datetime.date(2007, 4, 24),
                title="Gates in Moscow",
                body='Intro text. "The days of the Cold War are over," Gates said.',
            ),
            start=13,
            confidence=0.95,
        ),
        "missiles": ClaimFactory(
            text="Missiles in Poland threaten nobody",
            actor=gates,
            kind="indirect",
            article__publisher=daily,
            article__published=datetime.date(2007, 4, 20),
            confidence=0.6,
        ),
        "chimerical": ClaimFactory(
            text="chimerical",
            actor=ivanov,
            kind="partial",
            article__publisher=times,
            article__published=datetime.date(2007, 3, 1),
            confidence=0.8,
        ),
        "cost": ClaimFactory(
            text="The system costs 3.5 billion dollars",
            actor=None,
            kind="assertion",
            article__publisher=daily,
            article__published=datetime.date(2007, 5, 2),
            confidence=0.4,
        ),
        "undated": ClaimFactory(
            text="Talks with Moscow will continue",
            actor=ivanov,
            article__publisher=daily,
            article__published=None,
            confidence=0.7,
        ),
    }
    ClaimRelay.objects.create(claim=claims["chimerical"], source=interfax, position=0)
    ClaimRelay.objects.create(claim=claims["missiles"], source=reuters, position=0)
    ClaimRelay.objects.create(claim=claims["missiles"], source=interfax, position=1)
    return {"claims": claims, "gates": gates, "ivanov": ivanov}


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]
