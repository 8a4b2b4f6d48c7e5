"""POST /api/v1/articles/: an ingester pushes an article, a job stores it.

Here tasks run in-process (no broker is configured in tests), so the job is
finished by the time the 202 arrives; tests/workers runs them on a real
worker and broker.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from claims import services
from claims.models import Article, IngestJob
from tests import task_queue

pytestmark = pytest.mark.django_db

GATES = (
    "Moscow talks.\n\n"
    '"The days of the Cold War are over," Defense Secretary Robert Gates said on Monday, '
    "Interfax reported.\n"
)


@pytest.fixture
def push(api, ingester, django_capture_on_commit_callbacks):
    """``push(data, user=ingester)``: POST an article; the job is queued on commit."""
    api.force_authenticate(ingester)

    def post(data: dict, *, client: APIClient = api):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/api/v1/articles/", data, format="json")

    return post


@pytest.fixture
def pushed(api, push):
    """``pushed(data)``: POST an article and read its job once the job has run."""

    def post_and_poll(data: dict) -> dict:
        response = push(data)
        assert response.status_code == 202, response.content
        return api.get(response["Location"]).json()

    return post_and_poll


def test_a_pushed_text_is_accepted_and_its_job_stores_the_article(api, push):
    response = push({"text": GATES, "title": "Gates in Moscow", "publisher": "The Times"})

    assert response.status_code == 202, response.content
    job = response.json()
    assert response["Location"] == job["url"]
    assert job["url"].endswith(f"/api/v1/ingest-jobs/{job['id']}/")
    polled = api.get(job["url"]).json()
    assert polled["status"] == "done"
    assert polled["outcome"] == "new"
    article = Article.objects.get(pk=polled["article"])
    assert polled["article_url"].endswith(f"/api/v1/articles/{article.pk}/")
    assert article.body == GATES
    assert article.title == "Gates in Moscow"
    assert article.publisher.name == "The Times"
    assert polled["claims"] == article.claims.count() == 1
    assert article.claims.get().text == "The days of the Cold War are over"
    assert polled["attempts"] == 1
    # The article holds the text now; the job does not keep a second copy.
    assert IngestJob.objects.get(pk=job["id"]).content == ""


def test_the_same_text_twice_gives_the_existing_article(pushed):
    first = pushed({"text": GATES})
    second = pushed({"text": GATES, "title": "Another title"})

    assert second["status"] == "done"
    assert second["outcome"] == "unchanged"
    assert second["article"] == first["article"]
    assert second["claims"] == first["claims"] == 1
    assert Article.objects.count() == 1


def test_metadata_given_wins_and_a_new_text_at_the_same_url_is_a_new_version(pushed):
    url = "https://example.org/gates"
    first = pushed({"text": GATES, "url": url, "published": "2007-04-24", "byline": "A. Writer"})
    changed = pushed({"text": GATES + "\nA correction was added.\n", "url": url})

    article = Article.objects.get(pk=first["article"])
    assert (article.url, article.published, article.byline) == (
        url,
        datetime.date(2007, 4, 24),
        "A. Writer",
    )
    assert changed["outcome"] == "new version"
    assert Article.objects.get(pk=changed["article"]).supersedes == article


def test_a_job_that_fails_says_why(pushed, monkeypatch):
    from claims import extraction

    def broken(*args, **kwargs):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(extraction, "extract_article", broken)
    job = pushed({"text": GATES})

    assert job["status"] == "failed"
    assert job["error"] == "extraction failed: extractor bug"
    assert job["article"] is None
    assert not Article.objects.exists()


NEWS_PAGE = (Path(__file__).parent.parent / "inputs" / "data" / "gates_moscow.html").read_text(
    encoding="utf-8"
)
FURNITURE_ONLY = """<!DOCTYPE html><html><head><title>Example</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
<footer><p>Copyright 2020 Example. All rights reserved.</p></footer></body></html>"""


def test_a_pushed_page_is_stored_as_its_main_text_and_metadata(pushed):
    job = pushed({"html": NEWS_PAGE, "url": "https://news.example.org/x", "byline": "Desk"})

    assert job["status"] == "done", job
    assert job["format"] == "html"
    article = Article.objects.get(pk=job["article"])
    assert '"We are not seeking a new Cold War," Gates told reporters' in article.body
    assert "Subscribe now" not in article.body
    assert article.title == "Gates warns Moscow over missile shield"
    assert article.publisher.name == "The Daily Example"
    assert article.published == datetime.date(2007, 4, 20)
    assert article.byline == "Desk"  # given wins over the page's
    assert job["claims"] == article.claims.count() > 0


def test_the_same_page_twice_gives_the_existing_article(pushed):
    first = pushed({"html": NEWS_PAGE})
    second = pushed({"html": NEWS_PAGE})

    assert (second["outcome"], second["article"]) == ("unchanged", first["article"])
    assert Article.objects.count() == 1


def test_a_page_with_no_main_text_fails_saying_so(pushed):
    job = pushed({"html": FURNITURE_ONLY})

    assert job["status"] == "failed"
    assert job["error"] == "no main text found in the page"
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "non_field_errors", "send the article as exactly one of `text`"),
        ({"title": "No text"}, "non_field_errors", "exactly one of"),
        ({"text": GATES, "html": NEWS_PAGE}, "non_field_errors", "exactly one of"),
        ({"html": " \n "}, "html", "empty page"),
        ({"html": ["<p>x</p>"]}, "html", "Not a valid string"),
        ({"text": ""}, "text", "may not be blank"),
        ({"text": "  \n\t "}, "text", "empty file"),
        ({"text": "A NUL \x00 inside"}, "text", "Null characters are not allowed"),
        ({"text": 42}, "text", "Not a valid string"),
        ({"text": GATES, "url": "ftp://example.org/x"}, "url", "not an http or https URL"),
        ({"text": GATES, "url": "https://example.org/" + "x" * 1000}, "url", "over the limit"),
        ({"text": GATES, "published": "24/04/2007"}, "published", "Date has wrong format"),
        ({"text": GATES, "title": "t" * 501}, "title", "no more than 500"),
        ({"text": GATES, "origin": "o" * 501}, "origin", "no more than 500"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_queues_nothing(push, data, field, message):
    response = push(data)

    assert response.status_code == 400, response.content
    errors = response.json()
    assert message in " ".join(errors[field]), errors
    assert not IngestJob.objects.exists()


def test_a_text_over_the_size_limit_is_refused(push, settings):
    settings.CLAIMS_MAX_ARTICLE_BYTES = 100
    response = push({"text": "é" * 60})

    assert response.status_code == 400
    assert response.json()["text"] == [
        "120 bytes is over the limit of 100 (CLAIMS_MAX_ARTICLE_BYTES)"
    ]


def test_a_body_that_is_not_json_is_a_400(api, ingester):
    api.force_authenticate(ingester)
    response = api.post("/api/v1/articles/", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_a_text_that_is_not_unicode_is_a_400(api, ingester):
    # JSON can spell a lone surrogate, which no UTF-8 text holds.
    api.force_authenticate(ingester)
    body = '{"text": "Lone surrogate \\ud800 here"}'
    response = api.post("/api/v1/articles/", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["text"] == ["Surrogate characters are not allowed: U+D800."]
    assert not IngestJob.objects.exists()


def test_only_ingesters_may_push(django_user_model, editor, reader, ingesters_group, push):
    anonymous = APIClient()
    assert push({"text": GATES}, client=anonymous).status_code == 401

    for user in (reader, editor):
        client = APIClient()
        client.force_authenticate(user)
        response = push({"text": GATES}, client=client)
        assert response.status_code == 403
        assert "Only ingesters" in response.json()["detail"]

    # An editor may be an ingester too.
    editor.groups.add(ingesters_group)
    client = APIClient()
    client.force_authenticate(django_user_model.objects.get(pk=editor.pk))
    assert push({"text": GATES}, client=client).status_code == 202
    assert not IngestJob.objects.filter(created_by=reader).exists()


def test_an_ingester_pushes_with_an_api_key(ingester, django_capture_on_commit_callbacks):
    _, key = services.api_token_issue(user=ingester)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/articles/", {"text": GATES}, format="json")

    assert response.status_code == 202
    assert client.get(response["Location"]).json()["status"] == "done"


def test_a_job_is_seen_by_its_poster_and_the_desk_only(push, admin_user):
    job_url = push({"text": GATES}).json()["url"]
    other, _ = services.ingester_create(username="otherbot")

    for user, expected in ((other, 404), (admin_user, 200)):
        client = APIClient()
        client.force_authenticate(user)
        assert client.get(job_url).status_code == expected
    assert APIClient().get(job_url).status_code == 401
    assert APIClient().get("/api/v1/ingest-jobs/abc/").status_code == 404


@pytest.fixture
def unreachable_broker():
    """A broker that refuses connections: tasks are published, not run in-process."""
    with task_queue.broker("amqp://guest:guest@127.0.0.1:1//"):
        yield


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_queue_is_a_503_and_the_job_says_so(api, ingester, unreachable_broker):
    # Committed as in production, so the job is queued (and refused) during the request.
    api.force_authenticate(ingester)
    response = api.post("/api/v1/articles/", {"text": GATES}, format="json")

    assert response.status_code == 503
    assert "task queue is unreachable" in response.json()["detail"]
    job = IngestJob.objects.get()
    assert job.status == "failed"
    assert job.error.startswith("could not be queued: the task queue is unreachable")
    assert not Article.objects.exists()
