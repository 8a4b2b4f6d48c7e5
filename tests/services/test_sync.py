"""``updated``: every write moves it on the rows it changes and on the rows that show them.

Each test first sets every row's ``updated`` back to one old moment, makes one
write, then asks which rows moved.
"""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.db import connection, connections, transaction

from claims import services
from claims.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
    ClaimRelay,
    ReviewStatus,
    Source,
    SourceKind,
    SyncClock,
)
from claims.services import sync
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, SourceFactory

OLD = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
ARTICLE = (
    "City to expand bus network\n\n"
    '"We will add twelve routes next year," Mayor Jane Okafor said on Tuesday.\n\n'
    '"The buses are full every morning," said Tom Reyes, a commuter.\n'
)


def everything_old() -> None:
    for model in (Claim, Article, Actor, Source):
        model.objects.update(updated=OLD)


def moved(model) -> set[int]:
    return set(model.objects.filter(updated__gt=OLD).values_list("pk", flat=True))


def ingest(text: str, origin: str = "bus.txt") -> services.FileReport:
    report = services.article_ingest(origin=origin, data=text.encode())
    assert report.status in (services.IngestStatus.NEW, services.IngestStatus.NEW_VERSION)
    return report


@pytest.mark.django_db(transaction=True)
def test_a_stamp_needs_a_transaction():
    with pytest.raises(RuntimeError, match="transaction"):
        sync.sync_stamp()


@pytest.mark.django_db
class TestStamp:
    def test_stamps_only_grow_even_when_the_clock_goes_back(self, monkeypatch):
        with transaction.atomic():
            first = sync.sync_stamp()
        monkeypatch.setattr(sync.timezone, "now", lambda: first - datetime.timedelta(hours=1))
        with transaction.atomic():
            second = sync.sync_stamp()
        with transaction.atomic():
            third = sync.sync_stamp()
        assert first < second < third
        assert SyncClock.objects.get().last == third

    def test_the_clock_row_comes_back_if_the_table_was_emptied(self):
        SyncClock.objects.all().delete()
        with transaction.atomic():
            stamp = sync.sync_stamp()
        assert SyncClock.objects.get(pk=1).last == stamp


@pytest.mark.django_db
class TestIngest:
    def test_a_new_article_and_all_it_created_share_one_stamp(self):
        before = ArticleFactory()  # an unrelated row keeps its stamp
        everything_old()
        report = ingest(ARTICLE)
        article = Article.objects.get(pk=report.article_id)
        assert article.updated > OLD
        assert set(article.claims.values_list("updated", flat=True)) == {article.updated}
        speakers = set(article.claims.values_list("actor_id", flat=True)) - {None}
        assert speakers and speakers <= moved(Actor)
        assert before.pk not in moved(Article)

    def test_a_known_actor_quoted_again_moves(self):
        ingest(ARTICLE)
        okafor = Actor.objects.get(name="Jane Okafor")
        everything_old()
        ingest(ARTICLE.replace("bus network", "tram network"), origin="tram.txt")
        assert okafor.pk in moved(Actor)

    def test_a_new_version_moves_the_old_one_and_its_speakers(self):
        old = Article.objects.get(pk=ingest(ARTICLE).article_id)
        reyes = Actor.objects.get(name="Tom Reyes")
        everything_old()
        # Tom Reyes is no longer quoted: his claim counts drop.
        new_text = ARTICLE.split('"The buses')[0] + "The council meets again in May.\n"
        ingest(new_text)
        assert old.pk in moved(Article)
        assert reyes.pk in moved(Actor)

    def test_a_new_source_gets_the_stamp(self):
        everything_old()
        services.article_ingest(
            origin="wire.txt",
            data=b'The plan is sound, Okafor told Reuters.\n\n"It works," Okafor said.\n',
        )
        assert Source.objects.exists() and set(moved(Source)) == set(
            Source.objects.values_list("pk", flat=True)
        )

    def test_reextraction_moves_the_article_and_the_speakers_it_lost(self):
        article = Article.objects.get(pk=ingest(ARTICLE).article_id)
        stray = ClaimFactory(article=article, start=0, text="City", actor=ActorFactory())
        everything_old()
        services.article_reextract(article=article)
        assert not Claim.objects.filter(pk=stray.pk).exists()
        assert article.pk in moved(Article)
        assert stray.actor_id in moved(Actor)
        assert set(article.claims.values_list("pk", flat=True)) <= moved(Claim)


@pytest.mark.django_db
class TestReviews:
    def test_a_review_moves_the_claim_its_article_and_its_actor(self, admin_user):
        claim, _unrelated = ClaimFactory.create_batch(2)
        everything_old()
        services.claim_review(claim=claim, reviewer=admin_user, status=ReviewStatus.VERIFIED)
        assert moved(Claim) == {claim.pk}
        assert moved(Article) == {claim.article_id}
        assert moved(Actor) == {claim.actor_id}
        claim.refresh_from_db()
        assert claim.updated > OLD

    def test_a_new_speaker_moves_both_actors(self, admin_user):
        claim = ClaimFactory()
        wrong, right = claim.actor, ActorFactory()
        everything_old()
        services.claim_review(claim=claim, reviewer=admin_user, actor=right)
        assert moved(Actor) == {wrong.pk, right.pk}
        assert Claim.objects.get(pk=claim.pk).actor == right

    def test_a_review_that_changes_nothing_moves_nothing(self, admin_user):
        claim = ClaimFactory()
        everything_old()
        services.claim_review(claim=claim, reviewer=admin_user, status=ReviewStatus.UNREVIEWED)
        assert not moved(Claim)

    def test_a_refused_review_moves_nothing(self, admin_user):
        claim = ClaimFactory()
        stale = Claim.objects.get(pk=claim.pk)
        services.claim_review(claim=claim, reviewer=admin_user, status=ReviewStatus.VERIFIED)
        everything_old()
        with pytest.raises(services.ReviewConflict):
            services.claim_review(claim=stale, reviewer=admin_user, status=ReviewStatus.FALSE)
        assert not moved(Claim) and not moved(Article) and not moved(Actor)

    def test_a_bulk_review_moves_each_claim(self, admin_user):
        claims = ClaimFactory.create_batch(3)
        everything_old()
        services.claims_bulk_review(claims=claims, reviewer=admin_user, status=ReviewStatus.FALSE)
        assert moved(Claim) == {claim.pk for claim in claims}


@pytest.mark.django_db
class TestDesk:
    def test_a_merge_moves_the_claims_the_survivor_and_their_articles(self, admin_user):
        keep, duplicate = ActorFactory(), ActorFactory()
        claim = ClaimFactory(actor=duplicate)
        untouched = ClaimFactory()
        everything_old()
        services.actor_merge(survivor=keep, merged=[duplicate], user=admin_user)
        assert moved(Claim) == {claim.pk}
        assert keep.pk in moved(Actor)
        assert moved(Article) == {claim.article_id}
        assert untouched.pk not in moved(Claim)

    def test_an_article_date_moves_the_article_and_its_claims(self, admin_user):
        claim = ClaimFactory()
        everything_old()
        services.article_update_metadata(
            article=claim.article, user=admin_user, published=datetime.date(2020, 2, 2)
        )
        assert moved(Article) == {claim.article_id}
        assert moved(Claim) == {claim.pk}

    def test_a_byline_moves_the_article_only(self, admin_user):
        # Claims show their article's title, publisher and date, not its byline.
        claim = ClaimFactory()
        everything_old()
        services.article_update_metadata(article=claim.article, user=admin_user, byline="By X")
        assert moved(Article) == {claim.article_id}
        assert not moved(Claim)

    def test_a_renamed_actor_moves_its_claims_and_their_articles(self):
        claim = ClaimFactory()
        everything_old()
        actor = claim.actor
        actor.name = "Jane Q. Okafor"
        services.actor_desk_save(actor=actor, changed=["name"])
        assert moved(Actor) == {actor.pk}
        assert moved(Claim) == {claim.pk}
        assert moved(Article) == {claim.article_id}

    def test_an_actor_role_moves_the_actor_only(self):
        claim = ClaimFactory()
        everything_old()
        claim.actor.role = "mayor"
        services.actor_desk_save(actor=claim.actor, changed=["role"])
        assert moved(Actor) == {claim.actor_id}
        assert not moved(Claim)

    def test_a_renamed_source_moves_what_it_published_and_relayed(self):
        agency = SourceFactory(name="Wire", slug="wire", kind=SourceKind.AGENCY)
        published = ClaimFactory(article__publisher=agency)
        relayed = ClaimFactory()
        ClaimRelay.objects.create(claim=relayed, source=agency, position=0)
        elsewhere = ClaimFactory()
        everything_old()
        agency.name = "The Wire"
        services.source_desk_save(source=agency, changed=["name"])
        assert moved(Source) == {agency.pk}
        assert moved(Claim) == {published.pk, relayed.pk}
        assert moved(Article) == {published.article_id, relayed.article_id}
        assert elsewhere.pk not in moved(Claim)


@pytest.mark.django_db
class TestDeskAdmin:
    """The admin's own saves (actors with their aliases, sources) stamp too."""

    def test_an_actor_saved_in_the_admin_moves_with_its_claims(self, admin_client):
        claim = ClaimFactory()
        actor = claim.actor
        alias = ActorAlias.objects.get(actor=actor)
        everything_old()
        response = admin_client.post(
            f"/admin/claims/actor/{actor.pk}/change/",
            {
                "name": "Renamed Person",
                "kind": actor.kind,
                "role": "",
                "wikidata_id": "",
                "aliases-TOTAL_FORMS": "1",
                "aliases-INITIAL_FORMS": "1",
                "aliases-MIN_NUM_FORMS": "0",
                "aliases-MAX_NUM_FORMS": "1000",
                "aliases-0-id": str(alias.pk),
                "aliases-0-actor": str(actor.pk),
                "aliases-0-name": alias.name,
            },
        )
        assert response.status_code == 302, response.content[:2000]
        assert Actor.objects.get(pk=actor.pk).name == "Renamed Person"
        assert moved(Actor) == {actor.pk}
        assert moved(Claim) == {claim.pk}

    def test_a_source_saved_in_the_admin_moves(self, admin_client):
        source = SourceFactory(name="Paper", slug="paper")
        everything_old()
        response = admin_client.post(
            f"/admin/claims/source/{source.pk}/change/",
            {"name": "The Paper", "kind": SourceKind.PUBLISHER},
        )
        assert response.status_code == 302, response.content[:2000]
        assert moved(Source) == {source.pk}


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("simultaneous writers are a PostgreSQL matter: SQLite has one writer")


@pytest.mark.django_db(transaction=True)
def test_a_later_stamp_waits_for_the_earlier_transaction_to_commit():
    """The clock edge: a transaction stamped first but committing late would, with
    stamps from the wall clock alone, commit a stamp lower than one a client has
    already read. Here the second writer cannot stamp until the first commits."""
    needs_postgresql()
    first_stamped = threading.Event()
    events: dict[str, object] = {}

    def slow_writer() -> None:
        try:
            with transaction.atomic():
                events["first"] = sync.sync_stamp()
                first_stamped.set()
                time.sleep(0.5)
                events["first committing"] = time.monotonic()
        finally:
            connections.close_all()

    def quick_writer() -> None:
        try:
            first_stamped.wait(timeout=10)
            with transaction.atomic():
                events["second"] = sync.sync_stamp()
                events["second stamped"] = time.monotonic()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=slow_writer), threading.Thread(target=quick_writer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert events["second"] > events["first"]
    assert events["second stamped"] >= events["first committing"]
