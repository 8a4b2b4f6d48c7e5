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
