from __future__ import annotations

import io
import stat

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.mark.django_db
def test_creates_admin_once_with_a_private_random_password(tmp_path):
    password_file = tmp_path / "admin-password"
    call_command("ensure_admin", password_file=str(password_file), stdout=io.StringIO())
    password = password_file.read_text().strip()
    assert len(password) >= 20
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)

    out = io.StringIO()
    call_command("ensure_admin", password_file=str(password_file), stdout=out)
    assert "already exists" in out.getvalue()
    assert password_file.read_text().strip() == password


@pytest.mark.django_db
def test_reset_gives_a_new_password(tmp_path):
    password_file = tmp_path / "admin-password"
    call_command("ensure_admin", password_file=str(password_file), stdout=io.StringIO())
    first = password_file.read_text().strip()
    call_command("ensure_admin", password_file=str(password_file), reset=True, stdout=io.StringIO())
    second = password_file.read_text().strip()
    assert first != second
    assert get_user_model().objects.get(username="admin").check_password(second)


@pytest.mark.django_db
def test_prints_the_password_once_as_the_readme_says(tmp_path):
    from django.conf import settings

    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    assert "printed once and kept in `var/admin-password`" in readme
    password_file = tmp_path / "admin-password"
    out = io.StringIO()
    call_command("ensure_admin", password_file=str(password_file), stdout=out)
    password = password_file.read_text().strip()
    assert f"Password: {password}" in out.getvalue()
    assert str(password_file) in out.getvalue()

    again = io.StringIO()
    call_command("ensure_admin", password_file=str(password_file), stdout=again)
    assert password not in again.getvalue()
    assert str(password_file) in again.getvalue()

    reset = io.StringIO()
    call_command("ensure_admin", password_file=str(password_file), reset=True, stdout=reset)
    new_password = password_file.read_text().strip()
    assert f"Password: {new_password}" in reset.getvalue()
    assert "new password" in reset.getvalue()
