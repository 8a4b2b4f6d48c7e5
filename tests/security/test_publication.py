"""What the API publishes of a review, and what it never does.

An editor's note is internal to the desk (it may name a colleague, a source,
a doubt); readers get only the public explanation, which the editor writes
for them on purpose. The note must not reach the claim list, a claim, an
actor's claims, an article, the CSV export or the ClaimReview, and the
explanation must reach them all.

A ClaimReview names the article it reviewed by URL; only an http(s) URL is
ever published there (a ``javascript:`` URL would run in any page that embeds
the review).
"""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import Claim, ReviewStatus
from claims.services import EDITORS_GROUP, claim_review
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

NOTE = "INTERNAL: the source is our friend at the ministry"
EXPLANATION = "The minister said this on the record on 3 May."


@pytest.fixture(autouse=True)
def no_throttling(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {}}


@pytest.fixture
def reviewed(admin_user) -> Claim:
    claim = ClaimFactory()
    claim_review(
        claim=claim,
        reviewer=admin_user,
        status=ReviewStatus.VERIFIED,
        note=NOTE,
        explanation=EXPLANATION,
    )
    return claim


def published_texts(claim: Claim) -> dict[str, str]:
    api = APIClient()
    slug = claim.actor.slug
    pages = {
        "list": api.get("/api/v1/claims/"),
        "detail": api.get(f"/api/v1/claims/{claim.pk}/"),
        "actor claims": api.get(f"/api/v1/actors/{slug}/claims/"),
        "article": api.get(f"/api/v1/articles/{claim.article_id}/"),
        "claimreview": api.get(f"/api/v1/claims/{claim.pk}/claimreview/"),
    }
    texts = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        texts[name] = response.content.decode()
    csv_response = api.get("/api/v1/claims/?format=csv")
    texts["csv"] = b"".join(csv_response.streaming_content).decode()
    return texts


def test_the_note_is_never_published(reviewed):
    for name, text in published_texts(reviewed).items():
        assert NOTE not in text, name
        assert "editor_note" not in text, name


def test_the_public_explanation_is(reviewed):
    for name, text in published_texts(reviewed).items():
        assert EXPLANATION in text, name
    review = APIClient().get(f"/api/v1/claims/{reviewed.pk}/claimreview/").json()
    assert review["reviewBody"] == EXPLANATION
    (row,) = csv.DictReader(io.StringIO(published_texts(reviewed)["csv"]))
    assert row["public_explanation"] == EXPLANATION


def test_a_note_alone_gives_no_review_body(admin_user):
    claim = ClaimFactory()
    claim_review(claim=claim, reviewer=admin_user, status=ReviewStatus.DISPUTED, note=NOTE)
    review = APIClient().get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert "reviewBody" not in review


def test_editors_write_both_through_the_api(admin_user):
    claim = ClaimFactory()
    api = APIClient()
    api.force_authenticate(admin_user)
    response = api.patch(
        f"/api/v1/claims/{claim.pk}/",
        {"editor_note": NOTE, "public_explanation": EXPLANATION},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["public_explanation"] == EXPLANATION
    assert NOTE not in response.content.decode()
    claim.refresh_from_db()
    assert (claim.editor_note, claim.public_explanation) == (NOTE, EXPLANATION)


def test_editors_write_both_in_the_admin(django_user_model, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    editor = django_user_model.objects.create_user("desk", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client = Client()
    client.force_login(editor)
    claim = ClaimFactory()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    form = client.get(url).context["adminform"].form
    assert {"editor_note", "public_explanation"} <= set(form.fields)
    values = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in values.items()}
    data.update(editor_note=NOTE, public_explanation=EXPLANATION)
    assert client.post(url, data).status_code == 302
    claim.refresh_from_db()
    assert (claim.editor_note, claim.public_explanation) == (NOTE, EXPLANATION)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//attacker.example/x",
        "http:no-host",
    ],
)
def test_only_http_article_urls_are_published(admin_user, url):
    claim = ClaimFactory(article=ArticleFactory(url=url))
    claim_review(claim=claim, reviewer=admin_user, status=ReviewStatus.FALSE)
    response = APIClient().get(f"/api/v1/claims/{claim.pk}/claimreview/")
    appearance = response.json()["itemReviewed"]["appearance"]
    assert appearance["url"].endswith(f"/api/v1/articles/{claim.article_id}/")
    assert url.strip() not in response.content.decode()


@pytest.mark.parametrize("url", ["https://news.example/a?id=1", "http://news.example/b"])
def test_http_article_urls_are_published(admin_user, url):
    claim = ClaimFactory(article=ArticleFactory(url=url))
    claim_review(claim=claim, reviewer=admin_user, status=ReviewStatus.FALSE)
    review = APIClient().get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert review["itemReviewed"]["appearance"]["url"] == url
