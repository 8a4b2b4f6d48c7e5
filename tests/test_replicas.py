"""Which requests may read from a replica, and what the router does with them.

The real replica (streaming from PostgreSQL, then stopped) is in
tests/faults/test_read_replica.py.
"""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from claims_project import replicas

factory = RequestFactory()


@pytest.mark.parametrize(
    ("method", "path", "headers", "cookies", "expected"),
    [
        ("get", "/api/v1/claims/", {}, {}, True),
        ("head", "/api/v1/actors/", {}, {}, True),
        ("get", "/api/v1/claims/", {"HTTP_AUTHORIZATION": "Token abc"}, {}, False),
        ("get", "/api/v1/claims/", {}, {"sessionid": "x"}, False),
        ("patch", "/api/v1/claims/1/", {}, {}, False),
        ("post", "/api/v1/claims/", {}, {}, False),
        ("get", "/admin/claims/claim/", {}, {}, False),
        ("get", "/healthz", {}, {}, False),
    ],
)
def test_only_anonymous_api_reads_leave_the_primary(method, path, headers, cookies, expected):
    request = getattr(factory, method)(path, **headers)
    request.COOKIES.update(cookies)
    assert replicas.reads_from_replica(request) is expected


def test_router_reads_where_told_until_the_request_writes():
    router = replicas.ReplicaRouter()
    assert router.db_for_read(None) is None  # the primary
    token = replicas._read_alias.set("replica1")
    try:
        assert router.db_for_read(None) == "replica1"
        assert router.db_for_write(None) == "default"
        # After a write the request reads its own write, from the primary.
        assert router.db_for_read(None) is None
    finally:
        replicas._read_alias.reset(token)
    assert router.allow_migrate("default", "claims") is True
    assert router.allow_migrate("replica1", "claims") is False


def test_no_replicas_means_the_primary(settings):
    assert replicas.replica_aliases() == []
    assert replicas.choose_replica() is None
