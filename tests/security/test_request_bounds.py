"""No public request costs more than a bounded amount of work.

- ``ordering=confidence`` (either way) reads an index, not a sort of the whole
  claim table (claim_confidence_idx).
- ``q`` on claims takes at most ACTOR_MATCH_LIMIT speakers into the query,
  exact names first, and never scans for a name longer than any alias.
- An article's detail lists at most CLAIMS_API_ARTICLE_MAX_CLAIMS claims, with
  their total and a link to the full list; and the article itself is at most
  CLAIMS_MAX_ARTICLE_BYTES, a few MB by default.
"""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from claims import selectors
from claims.api.pagination import claim_order_by
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_throttling(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {}}


def plan(queryset) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # With a handful of rows a sequential scan always wins; what is
            # asked here is whether the index CAN serve the order.
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
            return queryset.explain()
    return queryset.explain()


@pytest.mark.parametrize("ordering", ["confidence", "-confidence"])
def test_confidence_ordering_reads_an_index(ordering):
    ClaimFactory.create_batch(5)
    queryset = claim_order_by(selectors.claim_list(), ordering).values_list("pk", flat=True)[:51]
    explained = plan(queryset)
    assert "claim_confidence_idx" in explained, explained
    assert "TEMP B-TREE FOR ORDER BY" not in explained


def test_claim_search_takes_a_bounded_number_of_speakers(monkeypatch):
    monkeypatch.setattr(selectors, "ACTOR_MATCH_LIMIT", 3)
    exact = ActorFactory(name="Smith")
    namesakes = [ActorFactory(name=f"Agent{n} Smith") for n in range(8)]
    for actor in [exact, *namesakes]:
        ClaimFactory(actor=actor, text=f"Words number {actor.pk} today")
    ids = selectors.actor_ids_named(q="smith")
    assert len(ids) <= 3 and exact.pk in ids
    with CaptureQueriesContext(connection) as queries:
        found = list(selectors.claim_search(selectors.claim_list(), q="smith"))
    assert len(found) <= 3
    assert exact.pk in {claim.actor_id for claim in found}
    alias_query = next(q["sql"] for q in queries if "claims_actoralias" in q["sql"])
    assert "LIMIT 3" in alias_query


def test_overlong_names_are_not_scanned_for():
    ActorFactory(name="Smith")
    with CaptureQueriesContext(connection) as queries:
        assert selectors.actor_ids_named(q="smith " * 100) == []
    assert len(queries) == 0


def test_article_detail_caps_its_claims(settings):
    settings.CLAIMS_API_ARTICLE_MAX_CLAIMS = 3
    body = " ".join(f'"Quote number {n}," she said.' for n in range(7))
    article = ArticleFactory(body=body)
    for n in range(7):
        text = f"Quote number {n}"
        ClaimFactory(article=article, text=text, start=body.index(text))
    api = APIClient()
    data = api.get(f"/api/v1/articles/{article.pk}/").json()
    assert data["claim_count"] == 7
    assert [claim["text"] for claim in data["claims"]] == [f"Quote number {n}" for n in range(3)]
    listed = api.get(data["claims_url"], {"page_size": 50}).json()["results"]
    assert len(listed) == 7


def test_article_detail_with_few_claims_lists_them_all():
    article = ArticleFactory(body='"One," she said.')
    ClaimFactory(article=article, text="One", start=1)
    data = APIClient().get(f"/api/v1/articles/{article.pk}/").json()
    assert data["claim_count"] == 1 and len(data["claims"]) == 1


def test_default_article_size_limit_is_a_few_megabytes():
    assert 1024 * 1024 <= django_settings.CLAIMS_MAX_ARTICLE_BYTES <= 8 * 1024 * 1024
