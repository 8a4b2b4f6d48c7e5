"""The claim queue: order, columns, filters, search, dates and its cost per page."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import selectors
from claims.models import Article, Claim, ClaimKind, ClaimRelay, ReviewStatus, SourceKind
from claims.services import claim_review
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, SourceFactory

QUEUE = reverse("admin:claims_claim_changelist")
pytestmark = pytest.mark.django_db


def listed(response) -> list[int]:
    return [claim.pk for claim in response.context["cl"].result_list]


def test_the_queue_is_what_is_left_to_review_oldest_first(editor_client, admin_user):
    first, second, third = ClaimFactory.create_batch(3)
    claim_review(claim=first, reviewer=admin_user, status=ReviewStatus.VERIFIED)
    assert listed(editor_client.get(QUEUE)) == [second.pk, third.pk]


def test_all_claims_list_unreviewed_first(editor_client, admin_user):
    first, second, third = ClaimFactory.create_batch(3)
    claim_review(claim=first, reviewer=admin_user, status=ReviewStatus.VERIFIED)
    assert listed(editor_client.get(QUEUE + "?reviewed=all")) == [second.pk, third.pk, first.pk]


def test_columns_show_text_kind_actor_article_relays_status_confidence(editor_client):
    claim = ClaimFactory(text="Taxes will fall next year", confidence=0.73)
    ClaimRelay.objects.create(
        claim=claim, source=SourceFactory(name="Interfax", kind=SourceKind.AGENCY), position=0
    )
    html = editor_client.get(QUEUE).content.decode()
    assert "Taxes will fall next year" in html
    assert "direct quote" in html
    assert f'href="?actor={claim.actor_id}"' in html and claim.actor.name in html
    assert reverse("admin:claims_article_change", args=[claim.article_id]) in html
    assert "Interfax" in html
    assert "claims-status-unreviewed" in html
    assert "0.73" in html


@pytest.mark.parametrize("per_page", [5, 100])
def test_queue_costs_the_same_queries_whatever_the_page_size(
    editor_client, many_claims, queries_per_page, per_page
):
    model_admin = admin.site._registry[Claim]
    small = queries_per_page(editor_client, model_admin, QUEUE, 5)
    assert queries_per_page(editor_client, model_admin, QUEUE, per_page) == small


def test_filtered_and_searched_queue_costs_the_same_queries(
    editor_client, many_claims, queries_per_page
):
    model_admin = admin.site._registry[Claim]
    url = f"{QUEUE}?q=statement&reviewed=no&confidence_band=high&relay=wire-agency"
    assert queries_per_page(editor_client, model_admin, url, 5) == queries_per_page(
        editor_client, model_admin, url, 100
    )


@pytest.mark.parametrize("query", ["", "&reviewed=all", "&q=statement&relay=wire-agency"])
def test_a_deep_page_lists_what_offset_would_and_joins_only_its_rows(
    editor_client, many_claims, monkeypatch, query
):
    monkeypatch.setattr("claims.admin.common.DEFERRED_JOIN_FROM", 10)
    model_admin = admin.site._registry[Claim]
    monkeypatch.setattr(model_admin, "list_per_page", 10)
    changelist = editor_client.get(f"{QUEUE}?p=1{query}").context["cl"]
    in_order = list(changelist.queryset.values_list("pk", flat=True))
    for page in (2, 3, 11):
        with CaptureQueriesContext(connection) as captured:
            response = editor_client.get(f"{QUEUE}?p={page}{query}")
        assert listed(response) == in_order[(page - 1) * 10 : page * 10]
        # The rows skipped are read for their ids alone, not joined to what a row shows.
        skipping = [query["sql"] for query in captured if "OFFSET" in query["sql"]]
        assert len(skipping) == 1
        assert skipping[0].startswith('SELECT "claims_claim"."id" AS "pk" FROM')
        assert 'JOIN "claims_actor"' not in skipping[0]
        assert 'JOIN "claims_article"' not in skipping[0]


def test_no_full_count_of_the_whole_table(editor_client):
    ClaimFactory()
    response = editor_client.get(QUEUE + "?reviewed=no")
    assert response.context["cl"].show_full_result_count is False


class TestFilters:
    def test_by_review_status_and_reviewed(self, editor_client, admin_user):
        kept, other = ClaimFactory.create_batch(2)
        claim_review(claim=kept, reviewer=admin_user, status=ReviewStatus.DISPUTED)
        assert listed(editor_client.get(QUEUE + "?review_status__exact=disputed")) == [kept.pk]
        assert listed(editor_client.get(QUEUE + "?reviewed=yes")) == [kept.pk]
        assert listed(editor_client.get(QUEUE + "?reviewed=no")) == [other.pk]
        assert listed(editor_client.get(QUEUE)) == [other.pk]
        # Choosing a status lifts the default of unreviewed claims only.
        assert listed(editor_client.get(QUEUE + "?review_status__exact=unreviewed")) == [other.pk]

    def test_by_kind(self, editor_client):
        ClaimFactory()
        partial = ClaimFactory(kind=ClaimKind.PARTIAL)
        assert listed(editor_client.get(QUEUE + "?kind__exact=partial")) == [partial.pk]

    def test_by_publisher_lists_only_publishers(self, editor_client):
        times = SourceFactory(name="The Times")
        wanted = ClaimFactory(article__publisher=times)
        ClaimFactory()
        agency = SourceFactory(name="Relay Only", kind=SourceKind.AGENCY)
        ClaimRelay.objects.create(claim=wanted, source=agency, position=0)
        response = editor_client.get(QUEUE + "?publisher=the-times")
        assert listed(response) == [wanted.pk]
        specs = response.context["cl"].filter_specs
        publisher_filter = next(f for f in specs if getattr(f, "parameter_name", "") == "publisher")
        assert "relay-only" not in dict(publisher_filter.lookup_choices)
        assert "the-times" in dict(publisher_filter.lookup_choices)

    def test_by_relay(self, editor_client):
        relayed, _ = ClaimFactory.create_batch(2)
        reuters = SourceFactory(name="Reuters", kind=SourceKind.AGENCY)
        ClaimRelay.objects.create(claim=relayed, source=reuters, position=0)
        ClaimRelay.objects.create(claim=relayed, source=reuters, position=1)
        assert listed(editor_client.get(QUEUE + "?relay=reuters")) == [relayed.pk]

    @pytest.mark.parametrize(
        ("band", "expected"), [("low", [0.2]), ("medium", [0.5, 0.79]), ("high", [0.8, 1.0])]
    )
    def test_by_confidence_band(self, editor_client, band, expected):
        for confidence in (0.2, 0.5, 0.79, 0.8, 1.0):
            ClaimFactory(confidence=confidence)
        response = editor_client.get(f"{QUEUE}?confidence_band={band}")
        assert sorted(c.confidence for c in response.context["cl"].result_list) == expected

    def test_by_actor_shows_the_actor_and_only_their_claims(self, editor_client):
        gates = ActorFactory(name="Robert Gates")
        mine = ClaimFactory(actor=gates)
        ClaimFactory()
        response = editor_client.get(f"{QUEUE}?actor={gates.pk}")
        assert listed(response) == [mine.pk]
        assert "Robert Gates" in response.content.decode()
        assert listed(editor_client.get(f"{QUEUE}?actor=nonsense")) == []

    def test_current_versions_by_default(self, editor_client):
        old = ClaimFactory()
        new_article = ArticleFactory(supersedes=old.article)
        new = ClaimFactory(article=new_article, text=old.text, start=old.start)
        assert listed(editor_client.get(QUEUE)) == [new.pk]
        assert listed(editor_client.get(QUEUE + "?version=superseded")) == [old.pk]
        assert listed(editor_client.get(QUEUE + "?version=all")) == [old.pk, new.pk]

    def test_date_hierarchy_on_published(self, editor_client):
        may = ClaimFactory(article__published=datetime.date(2024, 5, 1))
        ClaimFactory(article__published=datetime.date(2023, 1, 9))
        assert listed(editor_client.get(QUEUE + "?published__year=2024")) == [may.pk]

    def test_date_drill_down_reads_no_list_of_dates(self, editor_client):
        ClaimFactory(article__published=datetime.date(2021, 5, 1))
        ClaimFactory(article__published=datetime.date(2023, 1, 9))
        with CaptureQueriesContext(connection) as captured:
            response = editor_client.get(QUEUE)
        html = response.content.decode()
        # Every year of the range, from the two ends of the date index.
        for year in (2021, 2022, 2023):
            assert f"?published__year={year}" in html
        sql = " ".join(query["sql"].upper() for query in captured)
        assert "DISTINCT" not in sql and "MIN(" not in sql and "MAX(" not in sql
        months = editor_client.get(QUEUE + "?published__year=2023").content.decode()
        assert "published__month=12" in months and "published__year=2023" in months
        days = editor_client.get(QUEUE + "?published__year=2023&published__month=2").content
        assert b"published__day=28" in days and b"published__day=29" not in days


class TestSearch:
    def test_text(self, editor_client):
        wanted = ClaimFactory(text="The bridge will reopen in June")
        ClaimFactory()
        assert listed(editor_client.get(QUEUE + "?q=bridge")) == [wanted.pk]

    def test_actor_name_and_alias_once_each(self, editor_client):
        gates = ActorFactory(name="Robert Gates", aliases=["Pentagon chief", "Gates"])
        wanted = ClaimFactory(actor=gates)
        ClaimFactory()
        assert listed(editor_client.get(QUEUE + "?q=Robert")) == [wanted.pk]
        # "Gates" matches the name and two aliases: the claim is still listed once.
        assert listed(editor_client.get(QUEUE + "?q=Gates")) == [wanted.pk]
        assert listed(editor_client.get(QUEUE + "?q=pentagon")) == [wanted.pk]

    def test_article_title(self, editor_client):
        wanted = ClaimFactory(article__title="Missile Shield Proves a Tough Sell")
        ClaimFactory()
        assert listed(editor_client.get(QUEUE + "?q=tough+sell")) == [wanted.pk]

    def test_a_common_word_finds_the_same_claims(self, editor_client, monkeypatch):
        gates = ActorFactory(name="Robert Gates")
        by_gates = ClaimFactory(actor=gates)
        titled = [ClaimFactory(article__title=f"Gates visit, day {n}") for n in range(3)]
        ClaimFactory()
        expected = sorted([by_gates.pk, *(claim.pk for claim in titled)])
        assert listed(editor_client.get(QUEUE + "?q=gates")) == expected
        # Named by more titles than a query inlines: a subquery, the same claims.
        monkeypatch.setattr(selectors, "SEARCH_ID_LIST_LIMIT", 1)
        assert listed(editor_client.get(QUEUE + "?q=gates")) == expected


def test_the_seeds_queue(editor_client, seeded):
    response = editor_client.get(QUEUE)
    assert Claim.objects.exists()
    assert len(listed(response)) == Claim.objects.count()
    assert Article.objects.count() == 2
