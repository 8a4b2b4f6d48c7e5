"""Sources: publishers and relays, with what they published and relayed."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from claims.models import ClaimRelay, Source, SourceKind
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

SOURCES = reverse("admin:claims_source_changelist")
pytestmark = pytest.mark.django_db


def test_counts_of_articles_and_relayed_claims(editor_client):
    publisher = SourceFactory(name="RFE/RL", slug="rfe-rl")
    ArticleFactory.create_batch(2, publisher=publisher)
    interfax = SourceFactory(name="Interfax", kind=SourceKind.AGENCY)
    for claim in ClaimFactory.create_batch(3):
        ClaimRelay.objects.create(claim=claim, source=interfax, position=0)
    response = editor_client.get(SOURCES)
    rows = {s.slug: s for s in response.context["cl"].result_list}
    assert (rows["rfe-rl"].article_count, rows["rfe-rl"].relayed_count) == (2, 0)
    assert (rows["interfax"].article_count, rows["interfax"].relayed_count) == (0, 3)
    html = response.content.decode()
    assert '?relay=interfax">3</a>' in html
    assert f'?publisher__id__exact={publisher.pk}">2</a>' in html


def test_filter_by_kind(editor_client):
    SourceFactory(name="Publisher")
    agency = SourceFactory(name="Agency", kind=SourceKind.AGENCY)
    response = editor_client.get(SOURCES + "?kind__exact=agency")
    assert [s.pk for s in response.context["cl"].result_list] == [agency.pk]


@pytest.mark.parametrize("per_page", [5, 100])
def test_list_costs_the_same_queries_whatever_the_page_size(
    editor_client, many_claims, queries_per_page, per_page
):
    model_admin = admin.site._registry[Source]
    small = queries_per_page(editor_client, model_admin, SOURCES, 5)
    assert queries_per_page(editor_client, model_admin, SOURCES, per_page) == small
