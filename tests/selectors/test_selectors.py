from __future__ import annotations

import datetime

import pytest

from claims import selectors
from claims.models import Actor, ActorRedirect, ClaimKind, ReviewStatus
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


class TestClaimList:
    def test_hides_superseded_versions_unless_asked(self):
        old = ClaimFactory()
        ArticleFactory(supersedes=old.article)
        current = ClaimFactory()
        assert list(selectors.claim_list()) == [current]
        assert set(selectors.claim_list(current_only=False)) == {old, current}

    def test_context_snippet_in_sql_without_the_body(self, django_assert_num_queries):
        body = "a" * 150 + '"Quoted words here," he said.' + "b" * 600
        claim = ClaimFactory(text="Quoted words here", start=151, article=ArticleFactory(body=body))
        with django_assert_num_queries(2):  # claims, relays: the body is never loaded
            loaded = selectors.claim_list(with_context=True).get(pk=claim.pk)
            assert "body" in loaded.article.get_deferred_fields()
        assert loaded.context_start == 51
        assert loaded.context == body[51 : claim.end + 100]

    def test_snippet_is_capped(self):
        text = "word " * 200
        claim = ClaimFactory(text=text.strip(), start=1)
        loaded = selectors.claim_list(with_context=True).get(pk=claim.pk)
        assert len(loaded.context) == selectors.CONTEXT_MAX_CHARS

    def test_each_call_is_a_fresh_queryset(self):
        ClaimFactory()
        first = selectors.claim_list()
        list(first)
        assert selectors.claim_list()._result_cache is None


class TestClaimSearch:
    def test_text_or_speaker(self):
        gates = ActorFactory(name="Robert Gates", slug="robert-gates")
        by_gates = ClaimFactory(actor=gates, text="We will talk")
        about_gates = ClaimFactory(text="The gates of the city were closed")
        ClaimFactory(text="Nothing relevant")
        found = set(selectors.claim_search(selectors.claim_list(), q="gates"))
        assert found == {by_gates, about_gates}

    def test_all_words_must_match_the_text(self):
        both = ClaimFactory(text="Missile defense talks resumed")
        ClaimFactory(text="Missile launched")
        assert list(selectors.claim_search(selectors.claim_list(), q="missile talks")) == [both]

    def test_blank_query_matches_nothing_by_text(self):
        ClaimFactory(text="Anything")
        assert list(selectors.claim_search(selectors.claim_list(), q="!!!")) == []

    def test_postgres_matches_stems_through_the_stored_vector(self):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("the stored search vector exists on PostgreSQL only")
        talks = ClaimFactory(text="The ministers talked for hours")
        ClaimFactory(text="Nothing relevant")
        query = selectors.claim_search(selectors.claim_list(), q="talks")
        assert list(query) == [talks]
        # In a subquery the claims table has another alias; the column follows it.
        assert list(selectors.claim_list().filter(pk__in=query.values("pk"))) == [talks]
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "search_vector" in plan


class TestActors:
    def test_actors_named_by_whole_words(self):
        gates = ActorFactory(name="Robert Gates", slug="robert-gates", aliases=["Gates"])
        ActorFactory(name="Gatesby Smith", slug="gatesby")
        assert list(selectors.actors_named(q="gates")) == [gates]
        assert list(selectors.actors_named(q="Róbert")) == [gates]
        assert list(selectors.actors_named(q="  ")) == []

    def test_actor_search_ranks_what_a_person_means_first(self):
        official = ActorFactory(name="A U.S. official traveling with Gates", anonymous=True)
        ClaimFactory.create_batch(3, actor=official)
        melinda = ActorFactory(name="Melinda Gates")
        ClaimFactory.create_batch(2, actor=melinda)
        bill = ActorFactory(name="Bill Gates Sr")
        robert = ActorFactory(name="Robert Gates", aliases=["Gates"])
        ActorFactory(name="Gatesby Smith")
        ranked = list(selectors.actor_search(Actor.objects.all(), q="GATES"))
        # Exact alias; named, busiest first; the anonymous official last.
        assert ranked == [robert, melinda, bill, official]
        # Any part of a name (the desk's search as one types), ranked alike.
        assert list(selectors.actor_search(Actor.objects.all(), q="gate", whole_words=False)) == [
            melinda,
            bill,
            Actor.objects.get(name="Gatesby Smith"),
            robert,
            official,
        ]
        assert list(selectors.actor_search(Actor.objects.all(), q=" ")) == []

    def test_name_search_reads_the_trigram_index(self, db):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("the trigram index exists on PostgreSQL only")
        ActorFactory.create_batch(5)
        query = selectors._aliases_naming("gates").values("actor_id")
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            # With so few rows a scan is cheapest; forbid scans of the whole
            # table or of a whole index to see that the trigram index answers.
            for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
                cursor.execute(f"SET LOCAL {setting} = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "actor_alias_trigram_idx" in plan

    def test_actors_by_slugs_follow_redirects(self):
        gates = ActorFactory(name="Robert Gates", slug="robert-gates")
        ActorRedirect.objects.create(slug="r-gates", actor=gates)
        found, unknown = selectors.actors_by_slugs(slugs=["r-gates", "robert-gates", "nobody"])
        assert found == {"r-gates": gates, "robert-gates": gates}
        assert unknown == ["nobody"]

    def test_actor_get(self):
        gates = ActorFactory(name="Robert Gates", slug="robert-gates")
        ActorRedirect.objects.create(slug="r-gates", actor=gates)
        assert selectors.actor_get(slug="robert-gates").redirected_from is None
        lookup = selectors.actor_get(slug="r-gates")
        assert lookup.actor == gates and lookup.redirected_from == "r-gates"
        assert selectors.actor_get(slug="nobody") is None

    def test_claim_counts_in_one_query(self, django_assert_num_queries):
        a, b, silent = ActorFactory.create_batch(3)
        ClaimFactory.create_batch(2, actor=a)
        ClaimFactory(actor=a, kind=ClaimKind.INDIRECT)
        ClaimFactory(
            actor=b,
            review_status=ReviewStatus.FALSE,
            reviewed_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
        )
        with django_assert_num_queries(1):
            counts = selectors.actor_claim_counts(actor_ids=[a.pk, b.pk, silent.pk])
        assert counts[a.pk].total == 3
        assert counts[a.pk].by_kind["direct"] == 2 and counts[a.pk].by_kind["indirect"] == 1
        assert counts[b.pk].by_status["false"] == 1
        assert counts[silent.pk].total == 0 and counts[silent.pk].by_kind["direct"] == 0

    def test_claim_counts_of_nobody_cost_nothing(self, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert selectors.actor_claim_counts(actor_ids=[]) == {}


class TestArticlesAndSources:
    def test_article_list_without_bodies_and_versions(self):
        old = ArticleFactory()
        new = ArticleFactory(supersedes=old)
        listed = list(selectors.article_list())
        assert listed == [new]
        assert "body" in listed[0].get_deferred_fields()

    def test_article_get_with_claims_in_order(self):
        article = ArticleFactory(body='"One," "Two," she said.')
        two = ClaimFactory(article=article, text="Two", start=8)
        one = ClaimFactory(article=article, text="One", start=1)
        loaded = selectors.article_get(article_id=article.pk, claim_limit=10)
        assert loaded.first_claims == [one, two] and loaded.claim_count == 2
        assert selectors.article_get(article_id=article.pk + 1000, claim_limit=10) is None

    def test_sources_by_slugs(self):
        reuters = SourceFactory(name="Reuters", slug="reuters")
        assert selectors.sources_by_slugs(slugs=["reuters", "x"]) == ({"reuters": reuters}, ["x"])


class TestCountEstimate:
    def test_exact_up_to_the_limit_then_estimated(self):
        from django.db import connection

        ClaimFactory.create_batch(5)
        queryset = selectors.claim_list()
        assert selectors.count_estimate(queryset, exact_up_to=10) == 5
        if connection.vendor != "postgresql":
            # SQLite has no planner estimate: always exact.
            assert selectors.count_estimate(queryset, exact_up_to=2) == 5
            return
        # Past the limit, the planner's estimate, and never less than the limit.
        assert selectors.count_estimate(queryset, exact_up_to=2) >= 3

    def test_a_count_that_takes_too_long_gives_way_to_the_estimate(self, monkeypatch):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("SQLite counts exactly, without a time limit")
        ClaimFactory.create_batch(3)
        monkeypatch.setattr(selectors, "COUNT_TIME_LIMIT_MS", 20)
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            before = cursor.fetchone()[0]
        # Each row's check sleeps 50 ms: the exact count is cancelled at 20.
        slow = selectors.claim_list().extra(where=["pg_sleep(0.05) IS NOT NULL"])
        assert selectors.count_estimate(slow, exact_up_to=10) >= 11
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == before
        # Quick enough, exact as ever, and the time limit is not left behind.
        assert selectors.count_estimate(selectors.claim_list(), exact_up_to=10) == 3
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == before
