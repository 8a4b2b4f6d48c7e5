from __future__ import annotations

import csv
import io

import pytest
from django.test import override_settings

from claims import services
from claims.api.renderers import CSV_COLUMNS
from claims.models import Claim, ReviewStatus
from claims.services.statements import statements_assign

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


# Each CSV column and where the claim's JSON representation holds its value.
JSON_OF_CSV_COLUMN = {
    "id": lambda claim: claim["id"],
    "kind": lambda claim: claim["kind"],
    "text": lambda claim: claim["text"],
    "speaker_mention": lambda claim: claim["speaker_mention"],
    "actor_slug": lambda claim: claim["actor"] and claim["actor"]["slug"],
    "actor_name": lambda claim: claim["actor"] and claim["actor"]["name"],
    "article_id": lambda claim: claim["article"]["id"],
    "article_title": lambda claim: claim["article"]["title"],
    "publisher": lambda claim: (claim["article"]["publisher"] or {}).get("slug"),
    "published": lambda claim: claim["published"],
    "cue": lambda claim: claim["cue"],
    "via": lambda claim: " ".join(relay["slug"] for relay in claim["relays"]),
    "confidence": lambda claim: claim["confidence"],
    "start": lambda claim: claim["start"],
    "end": lambda claim: claim["end"],
    "review_status": lambda claim: claim["review_status"],
    "rating": lambda claim: claim["rating"],
    "public_explanation": lambda claim: claim["public_explanation"],
    "statement": lambda claim: claim["statement"],
    "appearances": lambda claim: claim["appearances"],
}


def test_csv_says_what_the_json_says(api, world, admin_user):
    services.claim_review(
        claim=world["claims"]["cold_war"],
        reviewer=admin_user,
        status=ReviewStatus.VERIFIED,
        rating=5,
        explanation="Said in Moscow, on the record.",
    )
    statements_assign(claims=list(Claim.objects.select_related("actor")))
    claims = {claim["id"]: claim for claim in api.get("/api/v1/claims/").json()["results"]}
    rows = read_csv(api.get("/api/v1/claims/?format=csv"))
    assert list(rows[0]) == list(JSON_OF_CSV_COLUMN)
    assert any(claim["appearances"] for claim in claims.values())
    assert [int(row["id"]) for row in rows] == list(claims)
    for row in rows:
        claim = claims[int(row["id"])]
        for column, value_in in JSON_OF_CSV_COLUMN.items():
            value = value_in(claim)
            assert row[column] == ("" if value is None else str(value)), column


def test_the_browsable_api_shows_the_json_data(api, world, settings):
    # The browsable page links static files: no collected manifest in tests.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    for url in ["/api/v1/claims/", f"/api/v1/claims/{world['claims']['missiles'].pk}/"]:
        page = api.get(url, HTTP_ACCEPT="text/html")
        assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
        assert page.data == api.get(url).data
