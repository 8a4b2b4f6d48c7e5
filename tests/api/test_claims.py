from __future__ import annotations

import pytest

from claims.models import ActorRedirect, ReviewStatus
from tests.factories import ArticleFactory, ClaimFactory

from .conftest import ids

pytestmark = pytest.mark.django_db


class TestClaimList:
    def test_fields(self, api, world):
        claim = world["claims"]["cold_war"]
        response = api.get("/api/v1/claims/", {"actor": "robert-gates", "ordering": "-date"})
        assert response.status_code == 200
        row = response.json()["results"][0]
        assert row["id"] == claim.pk
        assert row["kind"] == "direct"
        assert row["text"] == "The days of the Cold War are over"
        assert row["speaker_mention"] == "she"
        assert row["actor"] == {
            "slug": "robert-gates",
            "name": "Robert Gates",
            "kind": "person",
            "url": "http://testserver/api/v1/actors/robert-gates/",
        }
        assert row["article"]["id"] == claim.article_id
        assert row["article"]["title"] == "Gates in Moscow"
        assert row["article"]["published"] == "2007-04-24"
        assert row["article"]["publisher"]["slug"] == "the-times"
        assert row["published"] == "2007-04-24"
        assert row["cue"] == "said"
        assert row["confidence"] == 0.95
        assert (row["start"], row["end"]) == (13, 13 + len(claim.text))
        assert row["review_status"] == "unreviewed"
        assert row["rating"] is None and row["public_explanation"] == ""
        assert "editor_note" not in row
        assert row["links"] == {
            "self": f"http://testserver/api/v1/claims/{claim.pk}/",
            "article": f"http://testserver/api/v1/articles/{claim.article_id}/",
            "actor": "http://testserver/api/v1/actors/robert-gates/",
            "actor_claims": "http://testserver/api/v1/actors/robert-gates/claims/",
            "claimreview": None,
        }

    def test_relays_in_order(self, api, world):
        claim = world["claims"]["missiles"]
        row = api.get(f"/api/v1/claims/{claim.pk}/").json()
        assert [relay["slug"] for relay in row["relays"]] == ["reuters", "interfax"]
        assert [relay["position"] for relay in row["relays"]] == [0, 1]
        assert row["relays"][0]["url"] == "http://testserver/api/v1/sources/reuters/"

    def test_context_is_cut_from_the_article_body(self, api, world):
        claim = world["claims"]["cold_war"]
        row = api.get(f"/api/v1/claims/{claim.pk}/").json()
        body = claim.article.body
        assert row["context"]["start"] == 0
        assert row["context"]["text"] == body
        start = row["context"]["start"]
        assert row["context"]["text"][claim.start - start : claim.end - start] == claim.text

    def test_context_of_a_claim_deep_in_a_long_article(self, api, db):
        text = "A claim in the middle"
        body = "x" * 1000 + f'"{text}," he said.' + "y" * 1000
        claim = ClaimFactory(text=text, start=1001, article=ArticleFactory(body=body))
        row = api.get(f"/api/v1/claims/{claim.pk}/").json()
        assert row["context"]["start"] == 901
        assert row["context"]["text"] == body[901 : claim.end + 100]
        assert len(row["context"]["text"]) <= 400

    def test_unattributed_claim(self, api, world):
        claim = world["claims"]["cost"]
        row = api.get(f"/api/v1/claims/{claim.pk}/").json()
        assert row["actor"] is None
        assert row["links"]["actor"] is None and row["links"]["actor_claims"] is None

    def test_claims_of_superseded_articles_are_not_listed(self, api, world):
        old = world["claims"]["cold_war"]
        ArticleFactory(supersedes=old.article)
        assert old.pk not in ids(api.get("/api/v1/claims/"))
        assert api.get(f"/api/v1/claims/{old.pk}/").status_code == 200

    def test_filters_over_http(self, api, world):
        response = api.get("/api/v1/claims/", {"actor_name": "gates", "kind": "indirect"})
        assert ids(response) == [world["claims"]["missiles"].pk]

    def test_merged_actor_slug_in_filter(self, api, world):
        ActorRedirect.objects.create(slug="bob-gates", actor=world["gates"])
        assert len(ids(api.get("/api/v1/claims/", {"actor": "bob-gates"}))) == 2


class TestErrors:
    @pytest.mark.parametrize(
        ("query", "parameter"),
        [
            ("published_after=2007-02-30", "published_after"),
            ("kind=rumour", "kind"),
            ("article=twelve", "article"),
            ("actor=no-such-actor", "actor"),
            ("status=", "status"),
            ("has_speaker=perhaps", "has_speaker"),
            ("min_confidence=-1", "min_confidence"),
            ("ordering=-popularity", "ordering"),
            ("page_size=0", "page_size"),
            ("page_size=ten", "page_size"),
            ("cursor=not-a-cursor", "cursor"),
        ],
    )
    def test_bad_values_are_400_naming_the_parameter(self, api, world, query, parameter):
        response = api.get(f"/api/v1/claims/?{query}")
        assert response.status_code == 400, response.content
        assert parameter in response.json()
        assert response.json()[parameter]

    def test_unknown_parameters_are_ignored(self, api, world):
        response = api.get("/api/v1/claims/", {"colour": "blue"})
        assert response.status_code == 200
        assert len(ids(response)) == 5

    def test_missing_claim(self, api, db):
        assert api.get("/api/v1/claims/12345/").status_code == 404
        assert api.get("/api/v1/claims/99999999999999999999999/").status_code == 404
        assert api.get("/api/v1/claims/abc/").status_code == 404

    def test_errors_are_json_even_when_csv_was_asked_for(self, api, world):
        response = api.get("/api/v1/claims/?format=csv&kind=rumour")
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/json")
        assert "kind" in response.json()


class TestClaimReviewJSONLD:
    def test_reviewed_claim(self, api, world, editor):
        claim = world["claims"]["cold_war"]
        api.force_authenticate(editor)
        api.patch(
            f"/api/v1/claims/{claim.pk}/",
            {"review_status": "verified", "rating": 5, "public_explanation": "On the record."},
            format="json",
        )
        api.force_authenticate(None)
        response = api.get(f"/api/v1/claims/{claim.pk}/claimreview/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/ld+json")
        review = response.json()
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim.text
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["author"] == {
            "@type": "Person",
            "name": "Robert Gates",
            "sameAs": "https://www.wikidata.org/wiki/Q311712",
        }
        assert item["appearance"]["headline"] == "Gates in Moscow"
        assert item["appearance"]["datePublished"] == "2007-04-24"
        assert item["appearance"]["publisher"]["name"] == "The Times"
        assert review["reviewRating"]["ratingValue"] == 5
        assert review["reviewRating"]["alternateName"] == "verified"
        assert review["author"] == {"@type": "Organization", "name": "claims"}
        assert review["reviewBody"] == "On the record."
        assert review["datePublished"]
        row = api.get(f"/api/v1/claims/{claim.pk}/").json()
        assert row["links"]["claimreview"].endswith(f"/api/v1/claims/{claim.pk}/claimreview/")

    def test_unreviewed_claim_has_none(self, api, world):
        claim = world["claims"]["cold_war"]
        assert api.get(f"/api/v1/claims/{claim.pk}/claimreview/").status_code == 404

    def test_not_a_claim_has_none(self, api, world, editor):
        claim = world["claims"]["cost"]
        api.force_authenticate(editor)
        api.patch(f"/api/v1/claims/{claim.pk}/", {"review_status": "not_claim"}, format="json")
        assert api.get(f"/api/v1/claims/{claim.pk}/claimreview/").status_code == 404
        claim.refresh_from_db()
        assert claim.review_status == ReviewStatus.NOT_A_CLAIM


def test_one_claim_skips_the_filterset_only_when_there_is_nothing_to_filter(api, db, monkeypatch):
    from claims.api import filters

    claim = ClaimFactory()
    built = []
    original = filters.ClaimFilterSet.__init__

    def counting(self, *args, **kwargs):
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(filters.ClaimFilterSet, "__init__", counting)
    assert api.get(f"/api/v1/claims/{claim.pk}/").status_code == 200
    assert built == []
    # Given parameters, the detail validates them as before.
    assert api.get(f"/api/v1/claims/{claim.pk}/?kind=rumour").status_code == 400
    assert built == [1]


def test_one_claim_from_its_row_is_the_claim_from_its_model(api, world, editor):
    """With nothing to filter one claim is read as a row, else as a model: both say the same."""
    from claims.models import Claim
    from claims.services import claim_review

    reviewed = Claim.objects.filter(actor__isnull=False).first()
    claim_review(claim=reviewed, reviewer=editor, status=ReviewStatus.VERIFIED, rating=4)
    claims = list(Claim.objects.all())  # superseded versions' claims too
    assert len(claims) > 3
    for claim in claims:
        from_row = api.get(f"/api/v1/claims/{claim.pk}/")
        from_model = api.get(f"/api/v1/claims/{claim.pk}/?kind={claim.kind}")
        assert from_row.status_code == from_model.status_code == 200
        assert from_row.json() == from_model.json()
        assert from_row["ETag"] == from_model["ETag"]
        assert from_row["Last-Modified"] == from_model["Last-Modified"]
        again = api.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=from_row["ETag"])
        assert again.status_code == 304
