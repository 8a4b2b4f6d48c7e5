from __future__ import annotations

import csv
import io

import pytest
from django.test import override_settings

from claims.api.renderers import CSV_COLUMNS

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


class TestCSV:
    def test_whole_filtered_list_ignoring_page_size(self, api, world):
        rows = read_csv(api.get("/api/v1/claims/?format=csv&actor=robert-gates&page_size=1"))
        assert [row["text"] for row in rows] == [
            "The days of the Cold War are over",
            "Missiles in Poland threaten nobody",
        ]
        assert list(rows[0]) == CSV_COLUMNS

    def test_columns(self, api, world):
        claim = world["claims"]["missiles"]
        (row,) = read_csv(api.get("/api/v1/claims/?format=csv&via=reuters"))
        assert row["id"] == str(claim.pk)
        assert row["actor_slug"] == "robert-gates"
        assert row["publisher"] == "daily-post"
        assert row["via"] == "reuters interfax"
        assert row["published"] == "2007-04-20"
        assert row["kind"] == "indirect"

    def test_accept_header(self, api, world):
        rows = read_csv(api.get("/api/v1/claims/", HTTP_ACCEPT="text/csv"))
        assert len(rows) == 5

    def test_ordering_applies(self, api, world):
        rows = read_csv(api.get("/api/v1/claims/?format=csv&ordering=confidence"))
        assert [float(row["confidence"]) for row in rows] == [0.4, 0.6, 0.7, 0.8, 0.95]

    def test_actor_claims_csv(self, api, world):
        rows = read_csv(api.get("/api/v1/actors/sergei-ivanov/claims/?format=csv"))
        assert {row["actor_slug"] for row in rows} == {"sergei-ivanov"}
        assert len(rows) == 2

    @override_settings(CLAIMS_API_CSV_MAX_ROWS=2)
    def test_capped(self, api, world):
        response = api.get("/api/v1/claims/?format=csv")
        assert response["X-Row-Limit"] == "2"
        assert len(read_csv(response)) == 2

    def test_text_with_quotes_and_commas_round_trips(self, api, world):
        rows = read_csv(api.get("/api/v1/claims/?format=csv&kind=assertion"))
        assert rows[0]["text"] == "The system costs 3.5 billion dollars"
