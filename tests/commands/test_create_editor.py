from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from claims.services import EDITORS_GROUP


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
class TestCreateEditor:
    def test_generates_a_password_and_shows_it_once(self):
        out = io.StringIO()
        call_command("create_editor", "alice", stdout=out)
        password = re.search(r"Password: (\S+)", out.getvalue()).group(1)
        user = get_user_model().objects.get(username="alice")
        assert user.check_password(password) and user.is_staff and not user.is_superuser
        assert user.groups.filter(name=EDITORS_GROUP).exists()

    def test_prompts_for_a_password(self, monkeypatch):
        monkeypatch.setattr("getpass.getpass", lambda prompt="": "a long passphrase 42")
        out = io.StringIO()
        call_command("create_editor", "bob", "--prompt", stdout=out)
        assert "Password:" not in out.getvalue()
        assert get_user_model().objects.get(username="bob").check_password("a long passphrase 42")

    def test_mismatched_prompts_fail(self, monkeypatch):
        answers = iter(["first passphrase 1", "second passphrase 2"])
        monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
        with pytest.raises(CommandError, match="do not match"):
            call_command("create_editor", "carol", "--prompt", stdout=io.StringIO())
        assert not get_user_model().objects.filter(username="carol").exists()

    def test_a_weak_password_is_a_command_error(self, monkeypatch):
        monkeypatch.setattr("getpass.getpass", lambda prompt="": "123")
        with pytest.raises(CommandError):
            call_command("create_editor", "dave", "--prompt", stdout=io.StringIO())
