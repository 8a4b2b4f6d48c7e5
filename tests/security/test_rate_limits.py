"""The API's rate limits hold against a client that tries to get around them.

In-process (both databases): the client is told apart by the trusted-proxy
rule the login lockout uses, so a new X-Forwarded-For buys no new quota; the
expensive requests (CSV export, full-text ``q``, article detail) have stricter
limits of their own; and no more than CLAIMS_API_CSV_MAX_CONCURRENT exports
stream at once. tests/security/test_rate_limits_gunicorn.py checks the same
against a real gunicorn with two workers sharing Redis.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


def rates(settings, **rates) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def statuses(api: APIClient, path: str, count: int, **headers) -> list[int]:
    return [api.get(path, **headers).status_code for _ in range(count)]


def test_a_new_forwarded_for_buys_no_new_quota(settings):
    rates(settings, anon="3/minute")
    settings.TRUSTED_PROXY_COUNT = 1
    api = APIClient()
    codes = [
        # The client forges the left part; our proxy appends the real address.
        api.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR=f"10.9.{n}.{n}, 203.0.113.7").status_code
        for n in range(6)
    ]
    assert codes == [200, 200, 200, 429, 429, 429]
    # Another real client still has its own quota.
    other = api.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR="10.9.0.0, 198.51.100.2")
    assert other.status_code == 200


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    rates(settings, anon="2/minute")
    settings.TRUSTED_PROXY_COUNT = 0
    api = APIClient()
    codes = [
        api.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(4)
    ]
    assert codes == [200, 200, 429, 429]


def test_csv_exports_have_a_stricter_limit(settings):
    rates(settings, anon="100/minute", csv="2/minute")
    ClaimFactory()
    api = APIClient()
    assert statuses(api, "/api/v1/claims/?format=csv", 3) == [200, 200, 429]
    # The JSON list is not held back by the export limit.
    assert api.get("/api/v1/claims/").status_code == 200


def test_full_text_search_has_a_stricter_limit(settings):
    rates(settings, anon="100/minute", search="2/minute")
    ClaimFactory()
    api = APIClient()
    assert statuses(api, "/api/v1/claims/?q=statement", 3) == [200, 200, 429]
    assert api.get("/api/v1/claims/").status_code == 200


def test_article_detail_has_a_stricter_limit(settings):
    rates(settings, anon="100/minute", article="2/minute")
    article = ArticleFactory()
    api = APIClient()
    assert statuses(api, f"/api/v1/articles/{article.pk}/", 3) == [200, 200, 429]
    assert api.get("/api/v1/articles/").status_code == 200


def test_editors_are_limited_per_account_on_expensive_requests(settings, admin_user):
    rates(settings, user="100/minute", csv="1/minute")
    api = APIClient()
    api.force_authenticate(admin_user)
    assert statuses(api, "/api/v1/claims/?format=csv", 2) == [200, 429]


def test_csv_exports_streaming_at_once_are_limited(settings):
    rates(settings)
    settings.CLAIMS_API_CSV_MAX_CONCURRENT = 2
    ClaimFactory.create_batch(3)
    api = APIClient()
    first = api.get("/api/v1/claims/?format=csv")
    second = api.get("/api/v1/claims/?format=csv")
    assert (first.status_code, second.status_code) == (200, 200)
    # Both are still streaming: a third must wait.
    refused = api.get("/api/v1/claims/?format=csv")
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    assert "CSV exports" in refused.json()["detail"]
    assert refused["Retry-After"]
    # One finishes (the server closes it): a slot is free again.
    b"".join(first.streaming_content)
    first.close()
    third = api.get("/api/v1/claims/?format=csv")
    assert third.status_code == 200
    # A client that goes away before reading anything gives its slot back too.
    second.close()
    third.close()
    for _ in range(4):
        response = api.get("/api/v1/claims/?format=csv")
        assert response.status_code == 200
        response.close()
