"""Syncing a client: `updated_after`, and the claim list ordered by `updated` paged by cursor.

The guarantee under test: a client that follows `next` links in
`ordering=updated` sees every claim once, and on a later poll of the last
`next` link sees exactly the claims changed since, each once.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils.dateparse import parse_datetime

from claims import selectors, services
from claims.models import Actor, Article, Claim, ReviewStatus, Source
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, SourceFactory

from .conftest import ids

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def stamped(model, pk: int, minutes: float) -> None:
    model.objects.filter(pk=pk).update(updated=T0 + datetime.timedelta(minutes=minutes))


@pytest.fixture
def twelve(db) -> list[Claim]:
    """Twelve claims changed one minute apart, the last three in one transaction (a tie)."""
    claims = ClaimFactory.create_batch(12)
    for number, claim in enumerate(claims):
        stamped(Claim, claim.pk, min(number, 9))
    return claims


def poll(api, url: str) -> tuple[list[int], str | None]:
    response = api.get(url)
    assert response.status_code == 200, response.content
    return ids(response), response.json()["next"]


def sync_all(api, url: str) -> tuple[list[int], str]:
    """Follow next links until a page comes back empty; return the rows and where to poll."""
    seen: list[int] = []
    while True:
        rows, following = poll(api, url)
        if not rows:
            assert following == url, "an empty page keeps the position it was asked for"
            return seen, url
        seen += rows
        url = following


class TestUpdatedInRepresentations:
    def test_every_resource_shows_updated(self, api):
        claim = ClaimFactory()
        shown = {
            "claim": api.get(f"/api/v1/claims/{claim.pk}/").json()["updated"],
            "claim in list": api.get("/api/v1/claims/").json()["results"][0]["updated"],
            "actor": api.get(f"/api/v1/actors/{claim.actor.slug}/").json()["updated"],
            "article": api.get(f"/api/v1/articles/{claim.article_id}/").json()["updated"],
            "source": api.get(f"/api/v1/sources/{claim.article.publisher.slug}/").json()["updated"],
        }
        expected = {
            "claim": claim.updated,
            "claim in list": claim.updated,
            "actor": claim.actor.updated,
            "article": claim.article.updated,
            "source": claim.article.publisher.updated,
        }
        assert {name: parse_datetime(value) for name, value in shown.items()} == expected


class TestSyncByCursor:
    def test_every_claim_once_in_order_of_change_ties_included(self, api, twelve):
        seen, _ = sync_all(api, "/api/v1/claims/?ordering=updated&page_size=5")
        assert seen == [claim.pk for claim in twelve]

    def test_the_last_page_links_to_where_to_poll_next(self, api, twelve):
        rows, following = poll(api, "/api/v1/claims/?ordering=updated&page_size=50")
        assert len(rows) == 12 and following is not None
        assert poll(api, following) == ([], following)

    def test_a_poll_returns_exactly_what_changed_since(self, api, twelve, admin_user):
        _, where = sync_all(api, "/api/v1/claims/?ordering=updated&page_size=5")
        changed = [twelve[2], twelve[7]]
        for claim in changed:
            services.claim_review(claim=claim, reviewer=admin_user, status=ReviewStatus.FALSE)
        fresh = ClaimFactory()
        seen, _ = sync_all(api, where)
        assert seen == [changed[0].pk, changed[1].pk, fresh.pk]

    def test_a_row_changed_after_its_page_was_read_comes_back_once(self, api, twelve, admin_user):
        first, following = poll(api, "/api/v1/claims/?ordering=updated&page_size=5")
        services.claim_review(claim=twelve[1], reviewer=admin_user, status=ReviewStatus.FALSE)
        rest, _ = sync_all(api, following)
        assert first == [claim.pk for claim in twelve[:5]]
        assert rest == [claim.pk for claim in twelve[5:]] + [twelve[1].pk]
        assert len(set(rest)) == len(rest) and not set(rest) & (set(first) - {twelve[1].pk})

    def test_the_cursor_is_where_the_page_was_chosen(self, api, twelve, admin_user, monkeypatch):
        """A claim changed once its page was read (while its relays load) keeps the
        cursor where the page was picked: a row committed meanwhile is not
        skipped, and the changed claim comes again."""
        real_attach = selectors._attach_relays
        interloper: list[Claim] = []

        def change_in_between(rows, connection):
            if not interloper:
                services.claim_review(
                    claim=twelve[4], reviewer=admin_user, status=ReviewStatus.FALSE
                )
                interloper.append(ClaimFactory())
            return real_attach(rows, connection)

        monkeypatch.setattr(selectors, "_attach_relays", change_in_between)
        first, following = poll(api, "/api/v1/claims/?ordering=updated&page_size=5")
        monkeypatch.undo()
        rest, _ = sync_all(api, following)
        assert first == [claim.pk for claim in twelve[:5]]
        assert rest == [claim.pk for claim in twelve[5:]] + [twelve[4].pk, interloper[0].pk]

    def test_updated_after_and_the_cursor_together(self, api, twelve):
        after = (T0 + datetime.timedelta(minutes=8, seconds=30)).isoformat().replace("+00:00", "Z")
        seen, _ = sync_all(api, f"/api/v1/claims/?ordering=updated&updated_after={after}")
        assert seen == [claim.pk for claim in twelve[9:]]

    def test_newest_change_first(self, api, twelve):
        rows, _ = poll(api, "/api/v1/claims/?ordering=-updated&page_size=3")
        assert rows == [twelve[11].pk, twelve[10].pk, twelve[9].pk]

    def test_a_forged_cursor_without_a_time_zone_is_refused(self, api, twelve):
        import base64
        import json

        payload = json.dumps(["n", "updated", ["2024-01-01T00:00:00", 1]]).encode()
        cursor = base64.urlsafe_b64encode(payload).decode().rstrip("=")
        response = api.get(f"/api/v1/claims/?ordering=updated&cursor={cursor}")
        assert response.status_code == 400 and "cursor" in response.json()

    def test_a_forged_cursor_with_an_offset_postgresql_refuses_is_read_in_utc(self, api, twelve):
        import base64
        import json

        last = Claim.objects.get(pk=twelve[4].pk).updated.astimezone(
            datetime.timezone(datetime.timedelta(hours=-21, minutes=-41))
        )
        payload = json.dumps(["n", "updated", [last.isoformat(), twelve[4].pk]]).encode()
        cursor = base64.urlsafe_b64encode(payload).decode().rstrip("=")
        rows, _ = poll(api, f"/api/v1/claims/?ordering=updated&cursor={cursor}")
        assert rows == [claim.pk for claim in twelve[5:]]

    def test_an_actors_claims_sync_too(self, api, twelve):
        actor = ActorFactory(slug="busy")
        Claim.objects.filter(pk__in=[twelve[3].pk, twelve[8].pk]).update(actor=actor)
        seen, _ = sync_all(api, "/api/v1/actors/busy/claims/?ordering=updated&page_size=1")
        assert seen == [twelve[3].pk, twelve[8].pk]


class TestUpdatedAfterOnOtherLists:
    def test_actors_articles_sources(self, api):
        # One old row of each beside the new one.
        ActorFactory(), ArticleFactory(), SourceFactory()
        new_actor, new_article, new_source = ActorFactory(), ArticleFactory(), SourceFactory()
        for model, new in ((Actor, new_actor), (Article, new_article), (Source, new_source)):
            model.objects.update(updated=T0)
            stamped(model, new.pk, 10)
        after = "2024-01-01T00:05:00Z"
        actors = api.get(f"/api/v1/actors/?updated_after={after}").json()["results"]
        assert [row["slug"] for row in actors] == [new_actor.slug]
        articles = api.get(f"/api/v1/articles/?updated_after={after}").json()["results"]
        assert [row["id"] for row in articles] == [new_article.pk]
        sources = api.get(f"/api/v1/sources/?updated_after={after}").json()["results"]
        assert [row["slug"] for row in sources] == [new_source.slug]

    def test_a_bad_moment_is_a_400_naming_the_parameter(self, api, db):
        for url in ("/api/v1/claims/", "/api/v1/actors/", "/api/v1/articles/", "/api/v1/sources/"):
            response = api.get(url, {"updated_after": "last tuesday"})
            assert response.status_code == 400 and "updated_after" in response.json(), url
