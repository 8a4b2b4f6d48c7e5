"""API tokens: stored as digests only, expiring, revocable, listed without their keys.

A copy of the database (a backup, a read replica, an SQL injection elsewhere)
must not hand out working keys: only a SHA-512 digest of each key is stored,
with its first characters to find it. A key stops working when it expires or
is revoked. An editor sees their own tokens (first characters, issued,
expires) and no one else's; the key is shown once, when issued. Keys issued
before this scheme keep working after the migration, as digests.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from claims import services
from claims.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_pages(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("alice", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=services.EDITORS_GROUP))
    return user


def issue(username: str, *options: str) -> str:
    """The key ``api_token`` prints."""
    out = io.StringIO()
    call_command("api_token", username, *options, stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.startswith("Key: ")]
    assert len(lines) == 1, out.getvalue()
    return lines[0].removeprefix("Key: ")


def review_with(key: str, claim: Claim):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api.patch(f"/api/v1/claims/{claim.pk}/", {"editor_note": "x"}, format="json")


def every_stored_value() -> str:
    """Every column of every API token row, as text."""
    from knox.models import AuthToken

    return " ".join(str(value) for row in AuthToken.objects.values_list() for value in row)


def test_a_key_is_stored_only_as_its_digest(editor):
    key = issue("alice")
    assert review_with(key, ClaimFactory()).status_code == 200
    stored = every_stored_value()
    assert key not in stored
    assert hashlib.sha512(key.encode()).hexdigest() in stored


def test_a_key_expires(editor):
    key = issue("alice", "--days", "1")
    claim = ClaimFactory()
    assert review_with(key, claim).status_code == 200
    from knox.models import AuthToken

    AuthToken.objects.update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    assert review_with(key, claim).status_code == 401


def test_every_key_expires_by_default(editor):
    issue("alice")
    from knox.models import AuthToken

    token = AuthToken.objects.get()
    assert token.expiry is not None
    assert token.expiry <= timezone.now() + datetime.timedelta(days=366)


def test_a_revoked_key_stops_working(editor):
    key = issue("alice")
    other = issue("alice")
    claim = ClaimFactory()
    call_command("api_token", "alice", "--revoke", key[:8], stdout=io.StringIO())
    assert review_with(key, claim).status_code == 401
    assert review_with(other, claim).status_code == 200


def test_one_user_cannot_revoke_anothers_key(editor, django_user_model):
    django_user_model.objects.create_user("mallory", password="x", is_staff=True)
    key = issue("alice")
    out = io.StringIO()
    call_command("api_token", "mallory", "--revoke", key[:8], stdout=out)
    assert "Revoked 0" in out.getvalue()
    assert review_with(key, ClaimFactory()).status_code == 200


def test_revoking_needs_more_than_a_few_characters(editor):
    key = issue("alice")
    with pytest.raises(CommandError, match="at least the first 8"):
        call_command("api_token", "alice", "--revoke", key[:3], stdout=io.StringIO())


def test_the_list_shows_no_key(editor):
    key = issue("alice")
    out = io.StringIO()
    call_command("api_token", "alice", "--list", stdout=out)
    assert key[:8] in out.getvalue() and key not in out.getvalue()
    assert "expires" in out.getvalue()


def test_an_editor_lists_their_own_tokens_on_the_desk(editor, django_user_model, client):
    mine = issue("alice")
    django_user_model.objects.create_user("bob", password="x", is_staff=True)
    theirs = issue("bob")
    client.force_login(editor)
    page = client.get("/admin/knox/authtoken/")
    assert page.status_code == 200
    html = page.content.decode()
    assert mine[:8] in html and mine not in html
    assert theirs[:8] not in html


def test_an_editor_issues_a_key_on_the_desk_and_sees_it_once(editor, client):
    from knox.models import AuthToken

    client.force_login(editor)
    assert client.get("/admin/knox/authtoken/add/").status_code == 200
    assert not AuthToken.objects.exists()  # a GET issues nothing
    response = client.post("/admin/knox/authtoken/add/", follow=True)
    shown = " ".join(str(message) for message in response.context["messages"])
    token = AuthToken.objects.get(user=editor)
    key = shown.split("again): ")[1].split()[0]
    assert key.startswith(token.token_key)
    assert review_with(key, ClaimFactory()).status_code == 200
    assert key not in client.get("/admin/knox/authtoken/").content.decode()


def test_an_editor_revokes_their_token_on_the_desk(editor, client):
    from knox.models import AuthToken

    key = issue("alice")
    token = AuthToken.objects.get()
    client.force_login(editor)
    response = client.post(
        "/admin/knox/authtoken/",
        {"action": "delete_selected", "_selected_action": [token.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert review_with(key, ClaimFactory()).status_code == 401


def test_keys_issued_in_clear_before_keep_working_as_digests(editor):
    """The migration: a key of the old scheme, stored in clear, becomes a digest."""
    old_key = "0123456789abcdef0123456789abcdef01234567"  # the old scheme's 40 hex digits
    table, key = connection.ops.quote_name("authtoken_token"), connection.ops.quote_name("key")
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {table} ({key} varchar(40) PRIMARY KEY, "
            "created timestamp NOT NULL, user_id bigint NOT NULL)"
        )
        cursor.execute(
            f"INSERT INTO {table} ({key}, created, user_id) VALUES (%s, %s, %s)",
            [old_key, timezone.now(), editor.pk],
        )
    migration = importlib.import_module("claims.migrations.0007_api_tokens_hashed")
    # The function needs only the editor's connection, which a test may not
    # open a schema editor on inside its transaction (SQLite).
    migration.hash_existing_keys(apps, SimpleNamespace(connection=connection))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        assert cursor.fetchone()[0] == 0
    assert old_key not in every_stored_value()
    assert review_with(old_key, ClaimFactory()).status_code == 200


def test_create_editor_can_hand_over_a_key_it_does_not_store(db):
    from knox.models import AuthToken

    out = io.StringIO()
    call_command("create_editor", "carol", "--token", stdout=out)
    line = next(line for line in out.getvalue().splitlines() if line.startswith("API key"))
    key = line.rsplit(" ", 1)[1]
    assert AuthToken.objects.filter(user__username="carol").count() == 1
    assert key not in every_stored_value()
    assert review_with(key, ClaimFactory()).status_code == 200
