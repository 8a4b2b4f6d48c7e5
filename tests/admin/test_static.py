"""The desk's CSS and JavaScript come from the app itself, with DEBUG off, never a CDN."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import ClaimFactory

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic as a deployment runs it, into a throwaway STATIC_ROOT."""
    root = tmp_path_factory.mktemp("collected")
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STORAGES, DEBUG=False):
        # The API's Swagger and Redoc bundles are large and take minutes to
        # compress; they are not the desk's and are left out here.
        call_command(
            "collectstatic",
            "--no-input",
            "--ignore=drf_spectacular_sidecar",
            "--ignore=rest_framework",
            verbosity=0,
        )
    return root


@pytest.fixture
def production(settings, collected):
    settings.DEBUG = False
    settings.STATIC_ROOT = collected
    settings.STORAGES = PRODUCTION_STORAGES
    return Client()


ASSET = re.compile(r'(?:href|src)="([^"]+\.(?:css|js)[^"]*)"')


def test_admin_css_is_served_with_debug_off(production):
    response = production.get("/static/admin/css/base.css")
    assert response.status_code == 200
    assert "text/css" in response["Content-Type"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"body" in content


@pytest.mark.django_db
def test_every_stylesheet_and_script_of_the_desk_is_local_and_served(production, editor):
    claim = ClaimFactory()
    production.force_login(editor)
    pages = [
        reverse("admin:login"),
        reverse("admin:claims_claim_changelist"),
        reverse("admin:claims_claim_change", args=[claim.pk]),
        reverse("admin:claims_article_change", args=[claim.article_id]),
    ]
    assets = set()
    for page in pages:
        html = production.get(page).content.decode()
        # Look at the addresses only: a random CSRF token may well hold "cdn".
        addresses = re.findall(r'(?:href|src)="([^"]*)"', html)
        assert not [address for address in addresses if "cdn" in address.lower()], page
        assert not re.search(r'(?:href|src)="(?:https?:)?//', html), page
        assets.update(ASSET.findall(html))
    assert any(a.startswith("/static/claims/desk.") for a in assets)
    for asset in assets:
        if asset.startswith("/static/"):
            assert production.get(asset).status_code == 200, asset
