from __future__ import annotations

import pytest
from django.utils.dateparse import parse_datetime

from claims.models import ActorRedirect, ReviewStatus, Source
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

from .conftest import ids

pytestmark = pytest.mark.django_db


class TestActors:
    def test_detail_with_counts(self, api, world):
        ClaimFactory(
            actor=world["gates"],
            review_status=ReviewStatus.VERIFIED,
            reviewed_at="2024-01-01T00:00Z",
        )
        response = api.get("/api/v1/actors/robert-gates/")
        assert response.status_code == 200
        actor = response.json()
        assert actor["name"] == "Robert Gates"
        assert actor["kind"] == "person"
        assert actor["wikidata_id"] == "Q311712"
        assert sorted(actor["aliases"]) == ["Gates", "Robert Gates"]
        assert actor["claim_counts"]["total"] == 3
        assert actor["claim_counts"]["by_kind"] == {
            "direct": 2,
            "partial": 0,
            "indirect": 1,
            "assertion": 0,
        }
        assert actor["claim_counts"]["by_status"]["verified"] == 1
        assert actor["claim_counts"]["by_status"]["unreviewed"] == 2
        assert actor["links"]["claims"] == "http://testserver/api/v1/actors/robert-gates/claims/"

    def test_counts_leave_out_superseded_versions(self, api, world):
        ArticleFactory(supersedes=world["claims"]["cold_war"].article)
        assert api.get("/api/v1/actors/robert-gates/").json()["claim_counts"]["total"] == 1

    def test_list_with_counts_and_search(self, api, world):
        response = api.get("/api/v1/actors/")
        assert response.json()["count"] == 2
        by_slug = {row["slug"]: row for row in response.json()["results"]}
        assert by_slug["sergei-ivanov"]["claim_counts"]["total"] == 2
        found = api.get("/api/v1/actors/", {"q": "gates"}).json()["results"]
        assert [row["slug"] for row in found] == ["robert-gates"]

    def test_search_ranks_the_named_actor_before_an_anonymous_one(self, api, world):
        official = ActorFactory(
            name="A U.S. official traveling with Gates", slug="us-official", anonymous=True
        )
        ClaimFactory.create_batch(5, actor=official)
        found = api.get("/api/v1/actors/", {"q": "gates"}).json()["results"]
        assert [row["slug"] for row in found] == ["robert-gates", "us-official"]

    def test_kind_filter_and_errors(self, api, world):
        ActorFactory(name="Kremlin", slug="kremlin", kind="government")
        found = api.get("/api/v1/actors/", {"kind": "government"}).json()["results"]
        assert [row["slug"] for row in found] == ["kremlin"]
        response = api.get("/api/v1/actors/", {"kind": "planet"})
        assert response.status_code == 400 and "kind" in response.json()

    def test_old_slug_redirects(self, api, world):
        ActorRedirect.objects.create(slug="bob-gates", actor=world["gates"])
        response = api.get("/api/v1/actors/bob-gates/")
        assert response.status_code == 301
        assert response["Location"] == "/api/v1/actors/robert-gates/"
        response = api.get("/api/v1/actors/bob-gates/claims/?kind=direct")
        assert response.status_code == 301
        assert response["Location"] == "/api/v1/actors/robert-gates/claims/?kind=direct"

    def test_unknown_actor(self, api, world):
        assert api.get("/api/v1/actors/nobody/").status_code == 404
        assert api.get("/api/v1/actors/nobody/claims/").status_code == 404

    def test_actor_claims_with_filters(self, api, world):
        response = api.get("/api/v1/actors/robert-gates/claims/")
        assert ids(response) == [world["claims"]["cold_war"].pk, world["claims"]["missiles"].pk]
        response = api.get("/api/v1/actors/robert-gates/claims/", {"kind": "indirect"})
        assert ids(response) == [world["claims"]["missiles"].pk]
        response = api.get("/api/v1/actors/robert-gates/claims/", {"published_after": "x"})
        assert response.status_code == 400 and "published_after" in response.json()


class TestArticles:
    def test_list(self, api, world):
        response = api.get("/api/v1/articles/", {"publisher": "the-times"})
        assert response.json()["count"] == 2
        row = response.json()["results"][0]
        assert set(row) == {
            "id",
            "title",
            "publisher",
            "published",
            "byline",
            "ingested_at",
            "updated",
            "url",
        }
        assert row["title"] == "Gates in Moscow"  # newest first

    def test_detail_with_claims_in_reading_order(self, api, db):
        body = '"First point," she said. "Second point," she added.'
        article = ArticleFactory(body=body, title="Two quotes")
        second = ClaimFactory(article=article, text="Second point", start=26)
        first = ClaimFactory(article=article, text="First point", start=1)
        response = api.get(f"/api/v1/articles/{article.pk}/")
        assert response.status_code == 200
        data = response.json()
        assert data["body"] == body
        assert [claim["id"] for claim in data["claims"]] == [first.pk, second.pk]
        assert "article" not in data["claims"][0]
        assert data["supersedes"] is None and data["superseded_by"] is None

    def test_versions(self, api, world):
        old = world["claims"]["cold_war"].article
        new = ArticleFactory(supersedes=old, title="Gates in Moscow (corrected)")
        assert old.pk not in [row["id"] for row in api.get("/api/v1/articles/").json()["results"]]
        assert api.get(f"/api/v1/articles/{old.pk}/").json()["superseded_by"] == new.pk
        assert api.get(f"/api/v1/articles/{new.pk}/").json()["supersedes"] == old.pk

    def test_errors(self, api, world):
        assert api.get("/api/v1/articles/424242/").status_code == 404
        assert api.get("/api/v1/articles/99999999999999999999999/").status_code == 404
        response = api.get("/api/v1/articles/", {"published_before": "2007-04-31"})
        assert response.status_code == 400 and "published_before" in response.json()


class TestSources:
    def test_list_and_detail(self, api, world):
        response = api.get("/api/v1/sources/", {"kind": "agency"})
        assert [row["slug"] for row in response.json()["results"]] == ["interfax", "reuters"]
        source = api.get("/api/v1/sources/reuters/").json()
        updated = source.pop("updated")
        assert source == {
            "slug": "reuters",
            "name": "Reuters",
            "kind": "agency",
            "url": "http://testserver/api/v1/sources/reuters/",
        }
        assert parse_datetime(updated) == Source.objects.get(slug="reuters").updated
        assert api.get("/api/v1/sources/nowhere/").status_code == 404


class TestPageNumbers:
    def test_page_size_and_cap(self, api, db):
        for number in range(3):
            ActorFactory(name=f"Person {number}", slug=f"person-{number}")
        response = api.get("/api/v1/actors/", {"page_size": 2})
        assert len(response.json()["results"]) == 2 and response.json()["next"]
        assert api.get("/api/v1/actors/", {"page_size": "x"}).status_code == 400
        assert len(api.get("/api/v1/actors/", {"page_size": 100000}).json()["results"]) == 3
