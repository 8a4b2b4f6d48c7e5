"""Hostile input on every API parameter: a 400 or an empty result, never a 500.

SQL fragments, huge values, unicode oddities (NUL bytes, lone surrogates,
direction overrides, full-width digits) and parameters repeated thousands of
times, sent to every query parameter of every list, to every path parameter
and to every field of the one write (an editor's PATCH).
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from claims.models import Actor, Article, Claim, Source
from claims.services import EDITORS_GROUP

pytestmark = pytest.mark.django_db

# Raw, already percent-encoded query values: some cannot be written as Python text.
HOSTILE = {
    "sql-or": quote("' OR 1=1 --"),
    "sql-union": quote("x' UNION SELECT password FROM auth_user --"),
    "sql-stacked": quote("1; DROP TABLE claims_claim; --"),
    "sql-comment": quote("*/ OR /*"),
    "like-wildcards": quote("%%%_\\"),
    "tsquery": quote("!(a & | b) <-> :* '"),
    "huge-number": "9" * 400,
    "huge-negative": "-" + "9" * 400,
    "float-overflow": "1e309",
    "nan": "NaN",
    "infinity": "-Infinity",
    "long-text": "a" * 20_000,
    "nul-byte": "a%00b",
    "lone-surrogate": "%ED%A0%80",
    "broken-utf8": "%FF%FE%C3",
    "rtl-override": quote("\u202egnp.exe"),
    "zero-width": quote("ga\u200btes"),
    "fullwidth-digits": quote("\uff11\uff12\uff13"),
    "combining": quote("e\u0301\u0301\u0301\u0301"),
    "emoji": quote("\U0001f4a5"),
    "newline-header": quote("x\r\nSet-Cookie: a=b"),
    "html": quote("<script>alert(1)</script>"),
    "path-traversal": quote("../../etc/passwd"),
    "empty": "",
    "spaces": "%20%20%20",
}

LISTS = {
    "/api/v1/claims/": [
        "actor", "actor_name", "kind", "status", "article", "publisher", "via",
        "published_after", "published_before", "min_confidence", "has_speaker", "q",
        "ordering", "page_size", "cursor",
    ],
    "/api/v1/actors/robert-gates/claims/": [
        "kind", "status", "article", "publisher", "via", "published_after",
        "published_before", "min_confidence", "has_speaker", "q", "ordering", "page_size",
        "cursor",
    ],
    "/api/v1/actors/": ["q", "kind", "page", "page_size"],
    "/api/v1/articles/": ["publisher", "published_after", "published_before", "q", "page",
                          "page_size"],
    "/api/v1/sources/": ["q", "kind", "page", "page_size"],
}  # fmt: skip
DETAILS = ["/api/v1/claims/{}/", "/api/v1/actors/{}/", "/api/v1/articles/{}/",
           "/api/v1/sources/{}/", "/api/v1/actors/{}/claims/",
           "/api/v1/claims/{}/claimreview/"]  # fmt: skip


# Free-text search finds the words it is given ("OR", "a", "e" once accents are
# folded), and paging or ordering filter nothing: results there are fine.
UNFILTERING = {"q", "actor_name", "ordering", "page_size", "page", "cursor"}
# django-filter %-formats every error message, so a "%" in a client's value
# must reach the message only as a parameter, never in the format string.
PERCENT_FORMATTED = {"actor", "via", "publisher", "has_speaker"}


@pytest.fixture
def client(seeded, settings) -> APIClient:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    return APIClient()


def problem(response, parameter: str, value_name: str) -> str | None:
    """What is wrong with this answer to a hostile value, or None."""
    if response.status_code not in {200, 400, 404}:
        return f"{response.status_code}: {response.content[:200]!r}"
    if not response["Content-Type"].startswith("application/json"):
        return f"not JSON: {response['Content-Type']}"
    if "Traceback" in response.content.decode():
        return "traceback in the body"
    if response.status_code == 404 and parameter != "page":
        return "404 for a query parameter"
    filtering = value_name not in {"empty", "spaces"} and parameter not in UNFILTERING
    if response.status_code == 200 and filtering and response.json()["results"]:
        return "a hostile filter value found rows"
    return None


@pytest.mark.parametrize(
    ("path", "parameter"),
    [(path, parameter) for path, parameters in LISTS.items() for parameter in parameters],
)
def test_hostile_query_parameter(client, path, parameter):
    """Every hostile value on this parameter: 400, or 200 with nothing found."""
    problems = {}
    for value_name, value in HOSTILE.items():
        response = client.get(f"{path}?{parameter}={value}")
        found = problem(response, parameter, value_name)
        if found:
            problems[value_name] = found
    assert problems == {}


@pytest.mark.parametrize("parameter", sorted(PERCENT_FORMATTED))
def test_percent_in_slug_parameter(client, parameter):
    response = client.get(f"/api/v1/claims/?{parameter}={HOSTILE['like-wildcards']}")
    assert response.status_code == 400


@pytest.mark.parametrize("template", DETAILS)
def test_hostile_path_parameter(client, template):
    problems = {}
    for value_name, value in HOSTILE.items():
        value = value.replace("%2F", "").replace("/", "") or "%20"
        response = client.get(template.format(value))
        # claimreview/ speaks JSON-LD (application/ld+json), JSON all the same.
        json_body = "json" in response["Content-Type"]
        if response.status_code not in {400, 404} or not json_body:
            problems[value_name] = (response.status_code, response.content[:200])
    assert problems == {}


@pytest.mark.parametrize(
    ("path", "parameter"),
    [("/api/v1/claims/", "actor"), ("/api/v1/claims/", "kind"), ("/api/v1/claims/", "via"),
     ("/api/v1/claims/", "q"), ("/api/v1/claims/", "status"), ("/api/v1/actors/", "kind"),
     ("/api/v1/articles/", "publisher")],
)  # fmt: skip
def test_deeply_repeated_parameter(client, path, parameter):
    known = {"actor": "robert-gates", "kind": "direct", "via": "nosuchsource", "q": "missile",
             "status": "verified", "publisher": "rfe-rl"}[parameter]  # fmt: skip
    query = "&".join([f"{parameter}={known}"] * 5_000)
    response = client.get(f"{path}?{query}")
    assert response.status_code in {200, 400}, response.content[:300]
    assert response["Content-Type"].startswith("application/json")


def test_many_distinct_parameters(client):
    query = "&".join(f"p{number}={number}" for number in range(5_000))
    response = client.get(f"/api/v1/claims/?{query}")
    assert response.status_code in {200, 400}


# The write path: an editor's PATCH of a claim, each field hostile in turn.
HOSTILE_JSON = [
    "' OR 1=1 --",
    "a\x00b",
    "\ud800",
    "x" * 200_000,
    10**400,
    -1,
    1.5,
    float("1e308"),
    [],
    {},
    {"$gt": ""},
    True,
    None,
    "\u202e",
]


@pytest.fixture
def editor_client(client) -> APIClient:
    user = get_user_model().objects.create_user("hostile-editor")
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("value", HOSTILE_JSON, ids=lambda v: repr(v)[:30])
@pytest.mark.parametrize("field", ["review_status", "rating", "editor_note", "actor"])
def test_hostile_patch_field(editor_client, field, value):
    claim = Claim.objects.order_by("id").first()
    before = Claim.objects.values().get(pk=claim.pk)
    try:
        import json

        body = json.dumps({field: value})
    except ValueError:
        pytest.skip("not representable as JSON")
    response = editor_client.patch(
        f"/api/v1/claims/{claim.pk}/", body.encode("utf-8", "surrogatepass"),
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code in {200, 400}, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    if response.status_code == 400:
        assert Claim.objects.values().get(pk=claim.pk) == before


def test_malformed_json_body(editor_client):
    claim = Claim.objects.order_by("id").first()
    for body in [b"{", b"\xff\xfe", b'{"review_status": "verified"' * 1000, b"[]", b"null"]:
        response = editor_client.patch(
            f"/api/v1/claims/{claim.pk}/", body, content_type="application/json"
        )
        assert response.status_code == 400, (body[:20], response.content[:200])


def test_counts_untouched_by_hostile_reads(client):
    counts = (Claim.objects.count(), Actor.objects.count(), Article.objects.count(),
              Source.objects.count())  # fmt: skip
    for value in HOSTILE.values():
        client.get(f"/api/v1/claims/?q={value}&actor_name={value}")
    assert counts == (Claim.objects.count(), Actor.objects.count(), Article.objects.count(),
                      Source.objects.count())  # fmt: skip
