"""One bad file never stops an ingest run, and an article's URL is always a web address.

Each input here once stopped a whole run (or would have stored what PostgreSQL
refuses): a NUL byte past the first 64 KB or inside UTF-16 text, a URL longer
than its column, a manifest nested deeper than the JSON parser can follow.
Each now gets one line naming its file and saying what is wrong, the good file
beside it still loads, the exit status says a file failed, and nothing of the
bad file is stored. URLs are checked (http or https, at most the column's
length) wherever they enter: the manifest, ``--url``, the service, the admin.
"""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims import services
from claims.models import Article, Claim
from claims.validators import ARTICLE_URL_MAX_LENGTH
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ARTICLE = (
    "City to expand bus network\n\n"
    '"We will add twelve routes next year," Mayor Jane Okafor said on Tuesday.\n'
)
PARAGRAPH = '"The buses are full every morning," said Tom Reyes, a commuter.\n\n'
LONG_URL = "https://example.org/" + "a" * ARTICLE_URL_MAX_LENGTH


def run(*paths: Path, **options) -> tuple[list[str], str | None]:
    """Ingest; return the error lines and the command's failure message (None if it passed)."""
    err = io.StringIO()
    try:
        call_command(
            "ingest",
            *map(str, paths),
            stdout=io.StringIO(),
            stderr=err,
            no_progress=True,
            **options,
        )
        message = None
    except CommandError as error:
        message = str(error)
    return [line for line in err.getvalue().splitlines() if line.strip()], message


def one_bad_file(folder: Path, name: str, content: bytes) -> str:
    """Ingest ``name`` beside a good article; return the one line about it."""
    (folder / "good.txt").write_text(ARTICLE)
    bad = folder / name
    bad.write_bytes(content)
    lines, message = run(folder)
    assert message == "1 file failed to ingest"
    assert len(lines) == 1 and str(bad) in lines[0], lines
    assert list(Article.objects.values_list("origin", flat=True)) == ["good.txt"]
    return lines[0]


def test_nul_byte_after_the_first_64_kilobytes(tmp_path):
    text = PARAGRAPH * (70_000 // len(PARAGRAPH)) + "a\x00b\n" + PARAGRAPH
    assert text.index("\x00") > 64 * 1024
    line = one_bad_file(tmp_path, "late_nul.txt", text.encode())
    assert "NUL" in line


def test_nul_character_in_utf16_text(tmp_path):
    content = codecs.BOM_UTF16_LE + (ARTICLE + "\x00" + PARAGRAPH).encode("utf-16-le")
    line = one_bad_file(tmp_path, "wide.txt", content)
    assert "NUL" in line


def test_deeply_nested_manifest(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    manifest = tmp_path / "manifest.json"
    manifest.write_text("[" * 200_000 + "]" * 200_000)
    lines, message = run(tmp_path)
    assert message == "1 file failed to ingest"
    assert len(lines) == 1 and str(manifest) in lines[0] and "nested too deeply" in lines[0]
    assert Article.objects.filter(origin="good.txt").exists()


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        (LONG_URL, "over the limit"),
        ("javascript:alert(document.cookie)", "not an http or https URL"),
        ("ftp://files.example.org/a.txt", "not an http or https URL"),
    ],
)
def test_bad_url_in_the_manifest(tmp_path, url, problem):
    (tmp_path / "good.txt").write_text(ARTICLE)
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"good.txt": {"url": url, "title": "Buses"}}))
    lines, message = run(tmp_path)
    assert message == "1 file failed to ingest"
    assert len(lines) == 1 and str(manifest) in lines[0] and problem in lines[0]
    # The article loads; the manifest that said something wrong is not applied.
    assert Article.objects.get().url == ""


def test_nul_in_a_manifest_value(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"good.txt": {"title": "Bus\x00es"}}))
    lines, message = run(tmp_path)
    assert message == "1 file failed to ingest"
    assert len(lines) == 1 and "NUL" in lines[0]
    assert Article.objects.get().title != "Bus\x00es"


@pytest.mark.parametrize("url", [LONG_URL, "javascript:alert(1)", "file:///etc/passwd"])
def test_bad_url_option_stops_before_anything_is_read(tmp_path, url):
    (tmp_path / "good.txt").write_text(ARTICLE)
    with pytest.raises(CommandError, match="--url"):
        call_command("ingest", str(tmp_path), url=url, stdout=io.StringIO(), stderr=io.StringIO())
    assert not Article.objects.exists()


def test_service_refuses_a_bad_url_per_file():
    report = services.article_ingest(
        origin="direct.txt",
        data=ARTICLE.encode(),
        overrides=services.ArticleOverrides(url=LONG_URL),
    )
    assert report.status == services.IngestStatus.FAILED and "URL" in report.error
    assert not Article.objects.exists()


def test_a_value_the_database_refuses_fails_that_file_only(tmp_path, monkeypatch):
    # Whatever slips past the checks: the database's refusal is this file's
    # failure, rolled back whole, not the end of the run.
    from django.db import DataError

    (tmp_path / "a_bad.txt").write_text(ARTICLE)
    (tmp_path / "b_good.txt").write_text(ARTICLE.replace("twelve", "ten"))
    real = services._create_claims

    def refuse_first(article, *args, **kwargs):
        if article.origin == "a_bad.txt":
            raise DataError("value too long for type character varying(100)")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(services, "_create_claims", refuse_first)
    lines, message = run(tmp_path)
    assert message == "1 file failed to ingest"
    assert len(lines) == 1 and "a_bad.txt" in lines[0] and "database refused" in lines[0]
    assert list(Article.objects.values_list("origin", flat=True)) == ["b_good.txt"]
    assert not Claim.objects.filter(article__origin="a_bad.txt").exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://files.example.org/a", LONG_URL])
def test_metadata_service_refuses_a_bad_url(admin_user, url):
    article = ArticleFactory(url="https://example.org/a")
    with pytest.raises(ValidationError):
        services.article_update_metadata(article=article, user=admin_user, url=url)
    article.refresh_from_db()
    assert article.url == "https://example.org/a"


def test_admin_refuses_a_non_web_url(admin_client, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    article = ArticleFactory(url="https://example.org/a")
    response = admin_client.post(
        reverse("admin:claims_article_change", args=[article.pk]),
        {
            "title": article.title,
            "published": "",
            "byline": "",
            "url": "ftp://files.example.org/a.txt",
            "claims-TOTAL_FORMS": "0",
            "claims-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "not an http or https URL" in str(response.context["adminform"].form.errors)
    article.refresh_from_db()
    assert article.url == "https://example.org/a"


def test_url_limit_is_the_column_length():
    assert Article._meta.get_field("url").max_length == ARTICLE_URL_MAX_LENGTH
