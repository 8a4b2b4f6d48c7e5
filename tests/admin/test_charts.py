"""Claims over time on the desk: small SVG bar charts drawn on the server."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.admin.charts import HEIGHT, MAX_MONTH_BARS, bar_chart_svg, buckets
from claims.models import ClaimRelay, SourceKind
from tests.factories import ActorFactory, ClaimFactory, SourceFactory

D = datetime.date


def test_buckets_fill_the_months_between():
    counts = {D(2023, 11, 1): [2], D(2024, 2, 1): [5]}
    assert buckets(counts, series=1) == [
        ("2023-11", [2]),
        ("2023-12", [0]),
        ("2024-01", [0]),
        ("2024-02", [5]),
    ]


def test_buckets_count_years_when_months_would_be_too_many():
    counts = {D(2000, 1, 1): [1, 0], D(2000, 6, 1): [2, 1], D(2024, 12, 1): [0, 4]}
    assert len(buckets({D(2000, 1, 1): [1], D(2009, 12, 1): [1]}, series=1)) == MAX_MONTH_BARS
    years = buckets(counts, series=2)
    assert len(years) == 25
    assert years[0] == ("2000", [3, 1]) and years[-1] == ("2024", [0, 4])
    assert years[1] == ("2001", [0, 0])


def rects(svg: str) -> list[dict]:
    found = re.findall(
        r'<rect class="claims-bar claims-bar-(\d)" x="([\d.]+)" y="([\d.]+)" '
        r'width="([\d.]+)" height="([\d.]+)"><title>([^<]*)</title>',
        svg,
    )
    return [
        {"series": int(s), "y": float(y), "height": float(h), "title": t}
        for s, _, y, _, h, t in found
    ]


def test_stacked_bars_scale_to_the_largest_month():
    svg = bar_chart_svg(
        {D(2007, 3, 1): (1, 0), D(2007, 4, 1): (2, 2)},
        series=("published", "relayed"),
        title="Claims per month",
    )
    bars = rects(svg)
    assert [bar["series"] for bar in bars] == [0, 0, 1]
    assert bars[0]["title"] == "2007-03: 1 published, 0 relayed"
    # April's stack is the tallest: its two parts fill the plot; March is a quarter of it.
    full = bars[1]["height"] + bars[2]["height"]
    assert bars[0]["height"] == pytest.approx(full / 4, abs=0.01)
    assert bars[2]["y"] + bars[2]["height"] == pytest.approx(bars[1]["y"], abs=0.01)
    assert "4 at most" in svg and ">2007-03<" in svg and ">2007-04<" in svg


def test_chart_escapes_text_and_needs_nothing_the_policy_forbids():
    svg = bar_chart_svg(
        {D(2020, 1, 1): (3,)}, series=("<b>claims</b>",), title='"><script>alert(1)</script>'
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "<b>" not in svg and "&lt;b&gt;claims&lt;/b&gt;" in svg
    assert "style" not in svg and "<script" not in svg and "href" not in svg
    assert re.findall(r"https?://[^\"]+", svg) == ["http://www.w3.org/2000/svg"]
    assert f'viewBox="0 0 640 {HEIGHT}"' in svg


def test_no_claims_no_chart():
    assert str(bar_chart_svg({}, series=("claims",), title="Claims")) == (
        '<p class="claims-chart-empty">Claims: none yet.</p>'
    )


@pytest.mark.django_db
class TestDeskPages:
    def test_actor_page_draws_its_claims_per_month(self, editor_client):
        actor = ActorFactory(name="Robert Gates")
        for published in [D(2007, 4, 2), D(2007, 4, 20), D(2007, 6, 1), None]:
            ClaimFactory(actor=actor, article__published=published)
        html = editor_client.get(
            reverse("admin:claims_actor_change", args=[actor.pk])
        ).content.decode()
        assert "4 claims, first seen 2007-04-02, last seen 2007-06-01; 1 undated." in html
        svg = html[html.index('<svg class="claims-chart"') :]
        assert [bar["title"] for bar in rects(svg)] == ["2007-04: 2 claims", "2007-06: 1 claims"]
        assert ">2007-05<" not in svg  # an empty month has no bar, but has its place
        assert 'aria-label="Claims of Robert Gates per month"' in svg

    def test_source_page_draws_published_and_relayed(self, editor_client):
        wire = SourceFactory(name="Wire", slug="wire", kind=SourceKind.AGENCY)
        paper = SourceFactory(name="Paper", slug="paper")
        ClaimFactory(article__publisher=paper, article__published=D(2010, 1, 5))
        relayed = ClaimFactory(article__published=D(2010, 3, 5))
        ClaimRelay.objects.create(claim=relayed, source=wire, position=0)

        html = editor_client.get(
            reverse("admin:claims_source_change", args=[wire.pk])
        ).content.decode()
        assert "<li>published: 0 claims</li><li>relayed: 1 claims, 1 unreviewed</li>" in html
        assert [bar["title"] for bar in rects(html)] == ["2010-03: 0 published, 1 relayed"]
        assert "claims/desk.css" in html

        html = editor_client.get(
            reverse("admin:claims_source_change", args=[paper.pk])
        ).content.decode()
        assert [bar["title"] for bar in rects(html)] == ["2010-01: 1 published, 0 relayed"]

    def test_actor_and_source_pages_cost_the_same_queries_for_1_month_or_30(self, editor_client):
        actor = ActorFactory(name="Busy Speaker")
        paper = SourceFactory(name="Paper", slug="paper")
        pages = [
            reverse("admin:claims_actor_change", args=[actor.pk]),
            reverse("admin:claims_source_change", args=[paper.pk]),
        ]

        def queries() -> list[int]:
            counts = []
            for url in pages:
                with CaptureQueriesContext(connection) as captured:
                    assert editor_client.get(url).status_code == 200
                counts.append(len(captured))
            return counts

        ClaimFactory(actor=actor, article__publisher=paper, article__published=D(2000, 1, 1))
        one_month = queries()
        for number in range(1, 30):
            ClaimFactory(
                actor=actor,
                article__publisher=paper,
                article__published=D(2000 + number // 12, number % 12 + 1, 1),
            )
        assert queries() == one_month

    def test_add_pages_have_no_chart(self, admin_client):
        for name in ("admin:claims_actor_add", "admin:claims_source_add"):
            html = admin_client.get(reverse(name)).content.decode()
            assert "claims-chart" not in html
