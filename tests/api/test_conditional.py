"""Conditional GETs: ETag and Last-Modified on details, 304 while the client's copy is current."""

from __future__ import annotations

import datetime

import pytest
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, parse_http_date

from claims import services
from claims.models import Actor, Claim, ReviewStatus
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(db) -> Claim:
    return ClaimFactory()


def urls(claim: Claim) -> dict[str, str]:
    return {
        "claim": f"/api/v1/claims/{claim.pk}/",
        "actor": f"/api/v1/actors/{claim.actor.slug}/",
        "article": f"/api/v1/articles/{claim.article_id}/",
        "source": f"/api/v1/sources/{claim.article.publisher.slug}/",
    }


def etags(api, claim: Claim) -> dict[str, str]:
    return {name: api.get(url)["ETag"] for name, url in urls(claim).items()}


@pytest.mark.parametrize("resource", ["claim", "actor", "article", "source"])
class TestEveryDetail:
    def test_validators_and_a_304_with_no_body(self, api, claim, resource):
        url = urls(claim)[resource]
        first = api.get(url)
        assert first.status_code == 200
        etag, modified = first["ETag"], first["Last-Modified"]
        assert etag.startswith('"') and etag.endswith('"')
        updated = parse_datetime(first.json()["updated"])
        assert parse_http_date(modified) == int(updated.timestamp())
        again = api.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == etag and again["Last-Modified"] == modified
        assert api.head(url, headers={"If-None-Match": etag}).status_code == 304

    def test_weak_and_listed_tags_match(self, api, claim, resource):
        url = urls(claim)[resource]
        etag = api.get(url)["ETag"]
        assert api.get(url, headers={"If-None-Match": f"W/{etag}"}).status_code == 304
        assert api.get(url, headers={"If-None-Match": f'"other", {etag}'}).status_code == 304
        assert api.get(url, headers={"If-None-Match": '"other"'}).status_code == 200

    def test_if_modified_since(self, api, claim, resource):
        url = urls(claim)[resource]
        modified = api.get(url)["Last-Modified"]
        assert api.get(url, headers={"If-Modified-Since": modified}).status_code == 304
        earlier = http_date(parse_http_date(modified) - 1)
        assert api.get(url, headers={"If-Modified-Since": earlier}).status_code == 200
        # If-None-Match decides when both are sent (RFC 9110).
        both = {"If-Modified-Since": modified, "If-None-Match": '"other"'}
        assert api.get(url, headers=both).status_code == 200

    def test_each_format_has_its_own_tag(self, api, claim, resource, settings):
        # The browsable page links static files: no collected manifest in tests.
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        url = urls(claim)[resource]
        assert api.get(url)["ETag"] != api.get(url, {"format": "api"})["ETag"]


class TestWhatMovesWhichTag:
    def test_a_review_changes_the_claim_its_article_and_its_actor(self, api, claim, admin_user):
        before = etags(api, claim)
        services.claim_review(claim=claim, reviewer=admin_user, status=ReviewStatus.VERIFIED)
        after = etags(api, claim)
        assert {name for name in before if before[name] != after[name]} == {
            "claim",
            "actor",
            "article",
        }
        stale = api.get(urls(claim)["actor"], headers={"If-None-Match": before["actor"]})
        assert stale.status_code == 200
        assert stale.json()["claim_counts"]["by_status"]["verified"] == 1

    def test_a_renamed_actor_changes_the_claims_that_show_it(self, api, claim):
        before = etags(api, claim)
        actor = Actor.objects.get(pk=claim.actor_id)
        actor.name = "Someone Else"
        services.actor_desk_save(actor=actor, changed=["name"])
        response = api.get(urls(claim)["claim"], headers={"If-None-Match": before["claim"]})
        assert response.status_code == 200
        assert response.json()["actor"]["name"] == "Someone Else"

    def test_a_new_version_changes_the_old_articles_tag(self, api, admin_user):
        text = '"We will add twelve routes," Mayor Jane Okafor said.\n'
        old = services.article_ingest(origin="bus.txt", data=text.encode()).article_id
        etag = api.get(f"/api/v1/articles/{old}/")["ETag"]
        new = services.article_ingest(origin="bus.txt", data=(text + "More.\n").encode())
        response = api.get(f"/api/v1/articles/{old}/", headers={"If-None-Match": etag})
        assert response.status_code == 200
        assert response.json()["superseded_by"] == new.article_id


class TestCheap:
    def test_a_304_loads_no_claims_and_counts_nothing(
        self, api, claim, django_assert_max_num_queries
    ):
        for number in range(5):
            ClaimFactory(
                article=claim.article, actor=claim.actor, text=f"x{number}", start=50 + number
            )
        tags = etags(api, claim)
        with django_assert_max_num_queries(1):  # the article row
            response = api.get(urls(claim)["article"], headers={"If-None-Match": tags["article"]})
            assert response.status_code == 304
        with django_assert_max_num_queries(3):  # the actor, its aliases and roles; no counts
            response = api.get(urls(claim)["actor"], headers={"If-None-Match": tags["actor"]})
            assert response.status_code == 304


class TestReviewPreconditions:
    """The claim's ETag still guards reviews (If-Match), as it always did."""

    def patch(self, api, claim: Claim, if_match: str):
        return api.patch(
            f"/api/v1/claims/{claim.pk}/",
            {"review_status": "false"},
            format="json",
            headers={"If-Match": if_match},
        )

    def test_a_change_that_is_no_review_does_not_refuse_a_review(self, api, claim, editor):
        api.force_authenticate(editor)
        etag = api.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
        actor = Actor.objects.get(pk=claim.actor_id)
        actor.name = "Someone Else"
        services.actor_desk_save(actor=actor, changed=["name"])
        assert api.get(f"/api/v1/claims/{claim.pk}/")["ETag"] != etag
        response = self.patch(api, claim, etag)
        assert response.status_code == 200, response.content
        assert response["ETag"] == api.get(f"/api/v1/claims/{claim.pk}/")["ETag"]

    def test_the_tag_of_another_review_version_is_refused(self, api, claim, editor):
        api.force_authenticate(editor)
        etag = api.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
        Claim.objects.filter(pk=claim.pk).update(review_version=1)
        assert self.patch(api, claim, etag).status_code == 412
        assert self.patch(api, claim, '"review-1"').status_code == 200  # the earlier form

    def test_a_review_after_reading_changes_the_tag_and_last_modified(self, api, claim, editor):
        api.force_authenticate(editor)
        Claim.objects.filter(pk=claim.pk).update(
            updated=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        )
        before = api.get(f"/api/v1/claims/{claim.pk}/")
        response = self.patch(api, claim, before["ETag"])
        assert response["ETag"] != before["ETag"]
        assert parse_http_date(response["Last-Modified"]) > parse_http_date(before["Last-Modified"])
