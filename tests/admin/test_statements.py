"""Statements on the desk: "also in", review of every appearance, split, join, typed links."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from claims.models import Claim, ReviewStatus, Statement, StatementLink, StatementMethod
from claims.services.statements import statements_assign
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

CLAIMS = "/admin/claims/claim/"
STATEMENTS = "/admin/claims/statement/"
QUOTE = "The days of the cold war are over and no one should seek a return to them"
OTHER = "The budget for the schools will be cut by a third next year, whatever happens"

_bodies = itertools.count()


def stored(text: str, *, actor, publisher: str, day: int) -> Claim:
    article = ArticleFactory(
        body=f'"{text}," she said. ({next(_bodies)})',
        title=f"{publisher} story",
        publisher=SourceFactory(name=publisher),
        published=datetime.date(2024, 1, day),
    )
    claim = ClaimFactory(text=text, actor=actor, article=article)
    statements_assign(claims=[claim])
    claim.refresh_from_db()
    return claim


@pytest.fixture
def wire():
    gates = ActorFactory(name="Robert Gates")
    later = stored(QUOTE, actor=gates, publisher="Daily Ledger", day=5)
    earlier = stored(QUOTE, actor=gates, publisher="Morning Post", day=4)
    other = stored(OTHER, actor=gates, publisher="Evening Star", day=6)
    return earlier, later, other


def test_a_claim_page_shows_the_other_articles(editor_client, wire):
    earlier, later, _ = wire
    html = editor_client.get(f"{CLAIMS}{later.pk}/change/").content.decode()
    assert "1 other article(s)" in html
    assert "Morning Post" in html
    assert f"{CLAIMS}{earlier.pk}/change/" in html
    assert f"{STATEMENTS}{earlier.statement_id}/change/" in html
    alone = editor_client.get(f"{CLAIMS}{wire[2].pk}/change/").content.decode()
    assert "no other article" in alone


def test_the_statement_page_lists_appearances_earliest_first(editor_client, wire):
    earlier, _later, _ = wire
    html = editor_client.get(f"{STATEMENTS}{earlier.statement_id}/change/").content.decode()
    assert html.index("Morning Post") < html.index("Daily Ledger")
    assert "the same words" in html


def test_review_every_appearance_from_the_statement_list(editor_client, editor, wire):
    earlier, later, other = wire
    response = editor_client.post(
        STATEMENTS,
        {"action": "mark_disputed", ACTION_CHECKBOX_NAME: [earlier.statement_id], "index": 0},
        follow=True,
    )
    assert "Marked 2 appearance(s) disputed" in response.content.decode()
    for claim in (earlier, later):
        claim.refresh_from_db()
        assert claim.review_status == ReviewStatus.DISPUTED
        assert claim.history.first().history_user == editor
    other.refresh_from_db()
    assert other.review_status == ReviewStatus.UNREVIEWED


def test_split_a_claim_out_from_the_queue(editor_client, editor, wire):
    earlier, later, _ = wire
    response = editor_client.post(
        CLAIMS, {"action": "split_out", ACTION_CHECKBOX_NAME: [later.pk], "index": 0}, follow=True
    )
    assert "Split 1 claim(s)" in response.content.decode()
    later.refresh_from_db()
    assert later.statement_id != earlier.statement_id
    assert later.statement_method == StatementMethod.EDITOR
    assert later.history.first().history_user == editor


def test_join_statements_into_the_earliest(editor_client, editor, wire):
    earlier, _later, other = wire
    response = editor_client.post(
        STATEMENTS,
        {
            "action": "join_statements",
            ACTION_CHECKBOX_NAME: [earlier.statement_id, other.statement_id],
            "index": 0,
        },
        follow=True,
    )
    assert "Joined 2 statements: 3 appearance(s) now" in response.content.decode()
    other.refresh_from_db()
    assert other.statement_id == earlier.statement_id
    assert other.history.first().history_user == editor


def test_add_and_remove_a_typed_link_shown_on_both_sides(editor_client, editor, wire):
    earlier, _, other = wire
    url = f"{STATEMENTS}{earlier.statement_id}/change/"
    formset = {
        "links_from-TOTAL_FORMS": "1",
        "links_from-INITIAL_FORMS": "0",
        "links_from-MIN_NUM_FORMS": "0",
        "links_from-MAX_NUM_FORMS": "1000",
        "links_from-0-kind": "contradicts",
        "links_from-0-target": str(other.statement_id),
    }
    assert editor_client.post(url, formset).status_code == 302
    link = StatementLink.objects.get()
    assert (link.source_id, link.target_id, link.kind) == (
        earlier.statement_id,
        other.statement_id,
        "contradicts",
    )
    assert link.created_by == editor
    assert link.history.first().history_user == editor
    incoming = editor_client.get(f"{STATEMENTS}{other.statement_id}/change/").content.decode()
    assert "contradicts this statement" in incoming
    assert url in incoming

    removal = {
        "links_from-TOTAL_FORMS": "1",
        "links_from-INITIAL_FORMS": "1",
        "links_from-MIN_NUM_FORMS": "0",
        "links_from-MAX_NUM_FORMS": "1000",
        "links_from-0-id": str(link.pk),
        "links_from-0-source": str(earlier.statement_id),
        "links_from-0-DELETE": "on",
    }
    assert editor_client.post(url, removal).status_code == 302
    assert not StatementLink.objects.exists()


def test_a_link_to_itself_is_refused_with_a_message(editor_client, wire):
    earlier, _, _ = wire
    url = f"{STATEMENTS}{earlier.statement_id}/change/"
    response = editor_client.post(
        url,
        {
            "links_from-TOTAL_FORMS": "1",
            "links_from-INITIAL_FORMS": "0",
            "links_from-MIN_NUM_FORMS": "0",
            "links_from-MAX_NUM_FORMS": "1000",
            "links_from-0-kind": "repeats",
            "links_from-0-target": str(earlier.statement_id),
        },
        follow=True,
    )
    assert not StatementLink.objects.exists()
    assert "cannot be linked to itself" in response.content.decode()


def test_statements_need_the_editors_permission(client, django_user_model, wire):
    outsider = django_user_model.objects.create_user("staff", is_staff=True)
    client.force_login(outsider)
    assert client.get(STATEMENTS).status_code == 403


@pytest.mark.parametrize("per_page", [5, 30])
def test_statement_list_costs_the_same_queries_whatever_the_page_size(
    editor_client, queries_per_page, per_page
):
    gates = ActorFactory(name="Robert Gates")
    for number in range(30):
        stored(f"{QUOTE} number {number} of many", actor=gates, publisher="Paper", day=1)
    model_admin = admin.site._registry[Statement]
    small = queries_per_page(editor_client, model_admin, STATEMENTS, 5)
    assert queries_per_page(editor_client, model_admin, STATEMENTS, per_page) == small
