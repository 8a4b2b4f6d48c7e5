"""Password guessing against the admin is locked out by django-axes.

Through the real login form: after AXES_FAILURE_LIMIT wrong passwords for one
user name from one address, the right one no longer works for that name from
that address; after CLAIMS_LOGIN_ADDRESS_FAILURE_LIMIT wrong passwords from one
address over any user names, nothing works from that address; until the
cool-off passes or an administrator runs ``manage.py axes_reset``. A stranger
who knows an editor's user name can lock out only their own address.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from claims_project.client_ip import client_ip

PASSWORD = "correct horse battery staple"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture(autouse=True)
def quick_login(settings):
    # The admin's templates need collected static files under the production
    # storage, and a real password hash costs a noticeable fraction of a second;
    # these tests are about counting failed logins, not about CSS or hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        "editor", password=PASSWORD, is_staff=True, is_superuser=True
    )


def attempt(password: str, *, username: str = "editor", ip: str = "203.0.113.7"):
    client = Client(REMOTE_ADDR=ip)
    response = client.post(LOGIN, {"username": username, "password": password})
    return response, client


def logged_in(client: Client) -> bool:
    return client.get("/admin/").status_code == 200


def test_right_password_logs_in(staff):
    response, client = attempt(PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_wrong_password_is_refused_with_the_form(staff):
    response, client = attempt("guess")
    assert response.status_code == 200
    assert b"Please enter the correct username and password" in response.content
    assert not logged_in(client)


def test_lockout_after_the_failure_limit(staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt("guess")
    # One short of the limit: the right password still works, and resets the count.
    response, client = attempt(PASSWORD)
    assert response.status_code == 302

    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt("guess")
    response, client = attempt(PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)


def test_a_stranger_cannot_lock_an_editor_out(staff, settings):
    # Someone who knows the editor's user name guesses from elsewhere.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt("guess", ip="203.0.113.7")
    assert attempt(PASSWORD, ip="203.0.113.7")[0].status_code == 429
    # The editor, at their own address, still gets in.
    response, client = attempt(PASSWORD, ip="198.51.100.20")
    assert response.status_code == 302
    assert logged_in(client)


def test_the_editors_own_login_does_not_clear_the_strangers_lockout(staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt("guess", ip="203.0.113.7")
    assert attempt(PASSWORD, ip="198.51.100.20")[0].status_code == 302
    assert attempt(PASSWORD, ip="203.0.113.7")[0].status_code == 429


def test_an_address_guessing_many_user_names_is_locked_out(staff, settings):
    get_user_model().objects.create_user("other", password=PASSWORD, is_staff=True)
    limit = settings.CLAIMS_LOGIN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    for number in range(limit - 1):
        attempt("guess", username=f"nobody{number}", ip="203.0.113.7")
    # One short of the address's limit, and no name tried too often: not locked.
    assert attempt(PASSWORD, username="other", ip="203.0.113.7")[0].status_code == 302
    attempt("guess", username="nobody-last", ip="203.0.113.7")
    assert attempt(PASSWORD, username="editor", ip="203.0.113.7")[0].status_code == 429
    # Other addresses are untouched.
    assert attempt(PASSWORD, username="other", ip="198.51.100.20")[0].status_code == 302


def test_administrator_can_lift_a_lockout(staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt("guess")
    assert attempt(PASSWORD)[0].status_code == 429
    call_command("axes_reset", verbosity=0)
    response, client = attempt(PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


class FakeRequest:
    def __init__(self, remote: str, forwarded: str | None = None) -> None:
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


def test_client_address_without_a_proxy_ignores_forwarded_headers(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(FakeRequest("203.0.113.7", "1.2.3.4")) == "203.0.113.7"


def test_client_address_behind_one_proxy_cannot_be_forged(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sent "1.2.3.4" itself; our proxy appended the real address.
    assert client_ip(FakeRequest("10.0.0.2", "1.2.3.4, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(FakeRequest("10.0.0.2", "203.0.113.7")) == "203.0.113.7"
    # Not through the proxy at all: only the peer is known.
    assert client_ip(FakeRequest("203.0.113.9")) == "203.0.113.9"


def test_lockout_behind_a_proxy_is_per_client_not_per_proxy(staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    get_user_model().objects.create_user("other", password=PASSWORD, is_staff=True)
    for number in range(settings.CLAIMS_LOGIN_ADDRESS_FAILURE_LIMIT):
        Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7").post(
            LOGIN, {"username": f"nobody{number}", "password": "guess"}
        )
    # Another client behind the same proxy is not locked out by the guesser.
    honest = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert honest.post(LOGIN, {"username": "other", "password": PASSWORD}).status_code == 302
    guesser = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert guesser.post(LOGIN, {"username": "other", "password": PASSWORD}).status_code == 429
