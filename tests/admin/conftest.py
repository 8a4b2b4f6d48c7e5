from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from claims.services import EDITORS_GROUP


@pytest.fixture(autouse=True)
def plain_static_storage(settings, tmp_path_factory):
    """Admin pages name their static files; without a collectstatic manifest
    (DEBUG is off in tests) the production storage would refuse to name them.
    tests/admin/test_static.py covers the production storage itself."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = tmp_path_factory.mktemp("static")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Production-strength hashing costs a second per account on a busy machine.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(django_user_model):
    """A staff account in the Editors group, as create_editor makes it: not a superuser."""
    user = django_user_model.objects.create_user(
        username="editor", password="correct horse battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor_client(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def many_claims(db):
    """Enough claims, each with its own article, publisher, actor and a relay, to
    fill a 100-row page: what a changelist must list without a query per row."""
    from claims.models import ClaimRelay, SourceKind
    from tests.factories import ClaimFactory, SourceFactory

    agency = SourceFactory(name="Wire Agency", kind=SourceKind.AGENCY)
    claims = ClaimFactory.create_batch(110)
    ClaimRelay.objects.bulk_create(
        [ClaimRelay(claim=claim, source=agency, position=0) for claim in claims]
    )
    return claims


# No changelist page may cost more queries than this, whatever its size.
MAX_CHANGELIST_QUERIES = 20


@pytest.fixture
def queries_per_page(django_assert_max_num_queries):
    """``queries_per_page(client, model_admin, url, per_page)``: the queries a page costs,
    asserted to stay under MAX_CHANGELIST_QUERIES."""

    def measure(client, model_admin, url: str, per_page: int) -> int:
        original = model_admin.list_per_page
        model_admin.list_per_page = per_page
        try:
            with django_assert_max_num_queries(MAX_CHANGELIST_QUERIES) as captured:
                response = client.get(url)
        finally:
            model_admin.list_per_page = original
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) == per_page
        return len(captured)

    return measure
