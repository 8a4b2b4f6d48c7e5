"""Articles: every claim marked and linked, metadata corrections, re-extraction."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Article, Claim, ReviewStatus
from claims.services import claim_review
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

ARTICLES = reverse("admin:claims_article_changelist")
pytestmark = pytest.mark.django_db


def change_url(article: Article) -> str:
    return reverse("admin:claims_article_change", args=[article.pk])


def test_body_has_every_claim_marked_and_linked_and_escaped(editor_client):
    body = '<img src=x onerror=alert(1)>\n\n"Rates will rise," she said. "Then fall," she added.'
    article = ArticleFactory(body=body)
    first = ClaimFactory(article=article, text="Rates will rise", start=body.index("Rates"))
    second = ClaimFactory(article=article, text="Then fall", start=body.index("Then"))
    html = editor_client.get(change_url(article)).content.decode()
    for claim in (first, second):
        claim_url = reverse("admin:claims_claim_change", args=[claim.pk])
        assert f'<a href="{claim_url}"><mark class="claims-claim"' in html
        assert f">{claim.text}</mark></a>" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_claims_inline_is_read_only(editor_client, admin_client):
    article = ClaimFactory().article
    for client in (editor_client, admin_client):
        response = client.get(change_url(article))
        formset = response.context["inline_admin_formsets"][0]
        assert formset.formset.forms[0].fields.keys() <= {"id", "article"}


def test_columns_count_claims_and_show_versions(editor_client, admin_user):
    article = ArticleFactory()
    done, _ = (
        ClaimFactory(article=article, start=0, end=5),
        ClaimFactory(article=article, start=6, end=9),
    )
    claim_review(claim=done, reviewer=admin_user, status=ReviewStatus.VERIFIED)
    ArticleFactory(supersedes=article)
    response = editor_client.get(ARTICLES)
    row = next(a for a in response.context["cl"].result_list if a.pk == article.pk)
    assert (row.claim_total, row.unreviewed_total, row.current) == (2, 1, False)
    assert [
        a.current for a in editor_client.get(ARTICLES + "?current=yes").context["cl"].result_list
    ] == [True]


@pytest.mark.parametrize("per_page", [5, 100])
def test_list_costs_the_same_queries_whatever_the_page_size(
    editor_client, many_claims, queries_per_page, per_page
):
    model_admin = admin.site._registry[Article]
    small = queries_per_page(editor_client, model_admin, ARTICLES, 5)
    assert queries_per_page(editor_client, model_admin, ARTICLES, per_page) == small


def test_changing_the_date_moves_the_claims_with_it(admin_client, admin_user):
    claim = ClaimFactory(article__published=datetime.date(2007, 4, 20))
    article = claim.article
    response = admin_client.post(
        change_url(article),
        {
            "title": "Corrected title",
            "publisher": article.publisher_id,
            "published": "2007-04-23",
            "byline": "",
            "url": "",
            "claims-TOTAL_FORMS": "1",
            "claims-INITIAL_FORMS": "1",
            "claims-0-id": claim.pk,
            "claims-0-article": article.pk,
        },
    )
    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    claim.refresh_from_db()
    assert article.title == "Corrected title"
    assert article.published == claim.published == datetime.date(2007, 4, 23)
    assert article.history.first().history_user == admin_user


def test_editors_cannot_change_or_delete_articles(editor_client):
    article = ClaimFactory().article
    response = editor_client.get(change_url(article))
    assert response.context["has_change_permission"] is False
    assert response.context["has_delete_permission"] is False
    assert editor_client.post(change_url(article), {"title": "x"}).status_code == 403


def test_reextract_keeps_reviewed_claims(editor_client, editor, seeded):
    article = Article.objects.get(published=datetime.date(2007, 4, 24))
    reviewed = article.claims.order_by("start").first()
    claim_review(claim=reviewed, reviewer=editor, status=ReviewStatus.VERIFIED, note="Checked")
    before = set(article.claims.values_list("kind", "start", "end"))
    response = editor_client.post(
        ARTICLES,
        {"action": "reextract", ACTION_CHECKBOX_NAME: [article.pk], "index": 0},
        follow=True,
    )
    assert "reviewed kept" in response.content.decode()
    reviewed.refresh_from_db()
    assert reviewed.editor_note == "Checked" and reviewed.review_status == "verified"
    assert set(article.claims.values_list("kind", "start", "end")) == before
    assert Claim.objects.filter(article=article, start=reviewed.start).count() == 1


def test_publisher_filter_and_search(editor_client):
    times = SourceFactory(name="The Moscow Times")
    wanted = ArticleFactory(publisher=times, title="Missile Shield Proves a Tough Sell")
    ArticleFactory()
    by_publisher = editor_client.get(f"{ARTICLES}?publisher__id__exact={times.pk}")
    assert [a.pk for a in by_publisher.context["cl"].result_list] == [wanted.pk]
    searched = editor_client.get(f"{ARTICLES}?q=shield")
    assert [a.pk for a in searched.context["cl"].result_list] == [wanted.pk]


def test_the_list_reads_neither_every_date_nor_every_publisher(editor_client):
    """Drill-down years from the date index's two ends, publishers by an index probe each,
    and no exact count of a long list: nothing that reads every article."""
    times = SourceFactory(name="The Moscow Times")
    ArticleFactory(publisher=times, published=datetime.date(2021, 5, 1))
    ArticleFactory(published=datetime.date(2023, 1, 9))
    SourceFactory(name="Silent Wire")  # published nothing: not offered
    with CaptureQueriesContext(connection) as captured:
        response = editor_client.get(ARTICLES)
    html = response.content.decode()
    for year in (2021, 2022, 2023):
        assert f"?published__year={year}" in html
    assert f"publisher__id__exact={times.pk}" in html and "Silent Wire" not in html
    sql = " ".join(query["sql"].upper() for query in captured)
    assert "DISTINCT" not in sql and "MIN(" not in sql and "MAX(" not in sql
    assert response.context["cl"].show_full_result_count is False
    in_2021 = editor_client.get(f"{ARTICLES}?published__year=2021").context["cl"].result_list
    assert [article.publisher_id for article in in_2021] == [times.pk]
