"""Production settings pass Django's deployment checklist and send hardened responses.

Settings are read once per process, so each case runs in a subprocess with the
environment a production host would have (DEBUG off, a real key, real hosts).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings


def production_env(**extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return {
        **clean,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "claims.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
        **extra,
    }


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing_in_production():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "warning"),
    [
        ("DJANGO_SECURE_HSTS_SECONDS", "0", "security.W004"),
        ("DJANGO_SECURE_SSL_REDIRECT", "0", "security.W008"),
        ("DJANGO_SESSION_COOKIE_SECURE", "0", "security.W012"),
        ("DJANGO_CSRF_COOKIE_SECURE", "0", "security.W016"),
        ("DJANGO_SECRET_KEY", "short", "security.W009"),
    ],
)
def test_check_deploy_notices_a_weakened_setting(variable, value, warning):
    # The check above is only worth something if it can fail.
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(**{variable: value}),
    )
    assert result.returncode != 0
    assert warning in result.stderr


def test_development_works_over_plain_http():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = run(
        [
            "-c",
            "import os, json; os.environ['DJANGO_SETTINGS_MODULE'] = 'claims_project.settings'\n"
            "from django.conf import settings as s\n"
            "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS]))",
        ],
        {**env, "DJANGO_DEBUG": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [False, False, False, 0]


RESPONSES_SCRIPT = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "claims_project.settings"
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="claims.example.org")
plain = client.get("/admin/login/")
secure = client.get("/healthz", secure=True)
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "secure_status": secure.status_code,
    "hsts": secure.get("Strict-Transport-Security"),
    "frame": secure.get("X-Frame-Options"),
    "nosniff": secure.get("X-Content-Type-Options"),
    "referrer": secure.get("Referrer-Policy"),
    "coop": secure.get("Cross-Origin-Opener-Policy"),
    "health_over_http": client.get("/healthz").status_code,
    "bad_host_status": Client(HTTP_HOST="evil.example").get("/healthz", secure=True).status_code,
}))
"""


def run_script(script: str, **env: str) -> dict:
    result = run(["-c", script], production_env(**env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_responses_are_hardened():
    seen = run_script(RESPONSES_SCRIPT)
    assert seen["plain_status"] == 301
    assert seen["plain_location"] == "https://claims.example.org/admin/login/"
    assert seen["secure_status"] == 200
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["frame"] == "DENY"
    assert seen["nosniff"] == "nosniff"
    assert seen["referrer"] == "same-origin"
    assert seen["coop"] == "same-origin"
    # A balancer probes the worker itself over plain http: no redirect for it.
    assert seen["health_over_http"] == 200
    assert seen["bad_host_status"] == 400


def test_session_cookie_is_secure_and_http_only_in_production():
    script = (
        "import os, json; os.environ['DJANGO_SETTINGS_MODULE'] = 'claims_project.settings'\n"
        "from django.conf import settings as s\n"
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.DEBUG]))"
    )
    result = run(["-c", script], production_env())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [True, True, "Lax", False]


def test_proxy_ssl_header_is_honoured_only_when_configured():
    script = RESPONSES_SCRIPT.replace(
        'plain = client.get("/admin/login/")',
        'plain = client.get("/admin/", HTTP_X_FORWARDED_PROTO="https")',
    )
    trusting = run_script(script, DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO")
    assert trusting["plain_status"] == 302  # on to the login page: no https redirect
    distrusting = run_script(script)
    assert distrusting["plain_status"] == 301
