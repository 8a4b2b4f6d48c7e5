"""Every list costs the same number of queries for 1 row or 100 (no N+1)."""

from __future__ import annotations

import pytest

from claims.models import ClaimRelay, SourceKind
from claims.services.roles import actor_roles_refresh
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd(db):
    """110 claims by 11 actors (with aliases and roles), in 110 articles by 3
    publishers, most relayed."""
    agencies = [
        SourceFactory(name=f"Agency {n}", slug=f"agency-{n}", kind=SourceKind.AGENCY)
        for n in range(3)
    ]
    publishers = [SourceFactory(name=f"Paper {n}", slug=f"paper-{n}") for n in range(3)]
    actors = [
        ActorFactory(name=f"Speaker Number{n}", slug=f"speaker-{n}", aliases=[f"Number{n}"])
        for n in range(11)
    ]
    for number in range(110):
        claim = ClaimFactory(
            actor=actors[number % 11],
            article__publisher=publishers[number % 3],
            text=f"Statement about budgets number {number}",
            speaker_role=f"Minister of {number % 2}",
        )
        for position in range(number % 3):
            ClaimRelay.objects.create(claim=claim, source=agencies[position], position=position)
    ArticleFactory.create_batch(5, publisher=publishers[0])
    actor_roles_refresh(actor_ids=[actor.pk for actor in actors])


# (url, queries, rows): the most queries any page size may cost, and the rows there are.
LISTS = [
    # The claims with actor/article/publisher (their ids picked in a subquery); relays.
    ("/api/v1/claims/", 2, 110),
    ("/api/v1/claims/?actor=speaker-1&actor=speaker-2", 3, 20),  # + the actors by slug
    ("/api/v1/claims/?actor_name=number3&kind=direct", 2, 10),
    ("/api/v1/claims/?q=budgets", 3, 110),  # + actors named like the query
    ("/api/v1/claims/?via=agency-1&publisher=paper-2", 4, 36),  # + sources by slug, twice
    ("/api/v1/claims/?ordering=confidence&has_speaker=true&min_confidence=0.5", 2, 110),
    ("/api/v1/actors/speaker-1/claims/", 3, 10),  # + the actor
    ("/api/v1/claims/?ordering=updated&updated_after=2000-01-01T00:00:00Z", 2, 110),  # a sync
    ("/api/v1/actors/", 5, 11),  # count, page, aliases, roles, claim counts
    ("/api/v1/actors/?q=number4", 5, 1),
    ("/api/v1/actors/?updated_after=2000-01-01T00:00:00Z", 5, 11),
    ("/api/v1/articles/", 2, 115),  # count, page
    ("/api/v1/articles/?publisher=paper-1", 3, 37),
    ("/api/v1/articles/?updated_after=2000-01-01T00:00:00Z", 2, 115),
    ("/api/v1/sources/", 2, 6),
    ("/api/v1/sources/?updated_after=2000-01-01T00:00:00Z", 2, 6),
]


@pytest.mark.parametrize(("url", "queries", "rows"), LISTS)
@pytest.mark.parametrize("page_size", [1, 100])
def test_list_queries_do_not_grow_with_the_page(
    api, crowd, django_assert_max_num_queries, url, queries, rows, page_size
):
    separator = "&" if "?" in url else "?"
    with django_assert_max_num_queries(queries):
        response = api.get(f"{url}{separator}page_size={page_size}")
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, rows)


@pytest.mark.parametrize("page_size", [1, 100])
def test_csv_export_queries_are_fixed(api, crowd, django_assert_max_num_queries, page_size):
    # The rows arrive in chunks of 2,000: one claims query and one relays query each.
    with django_assert_max_num_queries(3):
        response = api.get(f"/api/v1/claims/?format=csv&actor=speaker-1&page_size={page_size}")
        lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 11


def test_detail_queries(api, crowd, django_assert_max_num_queries):
    claim = ClaimFactory()
    with django_assert_max_num_queries(2):
        assert api.get(f"/api/v1/claims/{claim.pk}/").status_code == 200
    with django_assert_max_num_queries(4):  # actor, aliases, roles, counts
        assert api.get("/api/v1/actors/speaker-1/").status_code == 200
    article = claim.article
    for number in range(5):
        ClaimFactory(article=article, text=f"x{number}", start=100 + number)
    with django_assert_max_num_queries(3):  # article, its claims, their relays
        assert api.get(f"/api/v1/articles/{article.pk}/").status_code == 200
    with django_assert_max_num_queries(1):
        assert api.get("/api/v1/sources/paper-1/").status_code == 200
