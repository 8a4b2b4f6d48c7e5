"""Ingest reads only the files it was given, and no more of them than the limit.

A link named like an article (``x.txt`` pointing at a key or a password file)
would make whatever the service can read a public article body: links are
refused with a line naming them, whether found in a folder, named on the
command line, standing for a folder or for the manifest, or swapped in after
the folder was listed. The size limit is enforced by what one read of the open
file returns, so a file that grows after a size check cannot slip past it.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from claims import services
from claims.article_files import ArticleFile, ArticleOverrides
from claims.models import Article

pytestmark = pytest.mark.django_db

ARTICLE = (
    "City to expand bus network\n\n"
    '"We will add twelve routes next year," Mayor Jane Okafor said on Tuesday.\n'
)
SECRET = "SECRET_KEY=do-not-publish-this\n" + '"Quoted," said Ann Lee.\n'


def ingest_failing(*paths: Path) -> list[str]:
    """Run ingest, expecting a failure; return its non-empty error lines."""
    err = io.StringIO()
    with pytest.raises(CommandError, match="failed to ingest"):
        call_command("ingest", *map(str, paths), stdout=io.StringIO(), stderr=err, no_progress=True)
    return [line for line in err.getvalue().splitlines() if line.strip()]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "credentials"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "articles"
    path.mkdir()
    (path / "good.txt").write_text(ARTICLE)
    return path


def assert_secret_not_stored() -> None:
    assert not Article.objects.filter(body__contains="do-not-publish").exists()


def test_a_link_in_a_folder_is_refused_and_its_neighbour_loads(folder, secret):
    link = folder / "x.txt"
    link.symlink_to(secret)
    lines = ingest_failing(folder)
    assert len(lines) == 1 and str(link) in lines[0] and "symbolic link" in lines[0]
    assert_secret_not_stored()
    assert Article.objects.filter(origin="good.txt").exists()


def test_a_link_named_on_the_command_line_is_refused(folder, secret):
    link = folder / "named.txt"
    link.symlink_to(secret)
    lines = ingest_failing(link)
    assert len(lines) == 1 and str(link) in lines[0] and "symbolic link" in lines[0]
    assert_secret_not_stored()


def test_a_linked_folder_inside_a_folder_is_reported_not_followed(folder, secret):
    (secret.parent / "leak.txt").write_text(SECRET)
    link = folder / "more"
    link.symlink_to(secret.parent, target_is_directory=True)
    lines = ingest_failing(folder)
    assert len(lines) == 1 and str(link) in lines[0] and "symbolic link" in lines[0]
    assert_secret_not_stored()
    assert Article.objects.filter(origin="good.txt").exists()


def test_a_linked_manifest_is_refused(folder, secret):
    link = folder / "manifest.json"
    link.symlink_to(secret)
    lines = ingest_failing(folder)
    assert len(lines) == 1 and str(link) in lines[0] and "symbolic link" in lines[0]
    assert Article.objects.filter(origin="good.txt").exists()


def test_a_link_swapped_in_after_listing_is_refused(folder, secret):
    # The folder was listed while x.txt was a plain file; by the time it is
    # read, it has become a link.
    listed = folder / "x.txt"
    listed.symlink_to(secret)
    report = services.article_file_ingest(
        article_file=ArticleFile(path=listed, overrides=ArticleOverrides())
    )
    assert report.status == services.IngestStatus.FAILED
    assert "symbolic link" in report.error
    assert_secret_not_stored()


def test_a_file_that_grows_after_a_size_check_is_still_refused(folder, settings):
    settings.CLAIMS_MAX_ARTICLE_BYTES = 1024
    big = folder / "big.txt"
    big.write_text(ARTICLE * 100)
    # What a size check made before the file grew would have seen.
    small = os.stat_result((0o100644, 0, 0, 1, 0, 0, 100, 0, 0, 0))
    with mock.patch.object(Path, "stat", lambda self, **kwargs: small):
        report = services.article_file_ingest(
            article_file=ArticleFile(path=big, overrides=ArticleOverrides())
        )
    assert report.status == services.IngestStatus.FAILED
    assert "over the" in report.error and "limit" in report.error
    assert not Article.objects.exists()


def test_the_read_stops_one_byte_past_the_limit(folder, settings):
    settings.CLAIMS_MAX_ARTICLE_BYTES = 1024
    big = folder / "big.txt"
    big.write_text(ARTICLE * 1000)
    reads: list[int] = []
    real_fdopen = os.fdopen

    class Counting(io.BufferedReader):
        def read(self, size=-1):
            data = super().read(size)
            reads.append(len(data))
            return data

    def fdopen(descriptor, mode="r", *args, **kwargs):
        if mode == "rb":
            return Counting(io.FileIO(descriptor, "rb"))
        return real_fdopen(descriptor, mode, *args, **kwargs)

    with mock.patch("os.fdopen", fdopen):
        report = services.article_file_ingest(
            article_file=ArticleFile(path=big, overrides=ArticleOverrides())
        )
    assert report.status == services.IngestStatus.FAILED
    assert reads == [settings.CLAIMS_MAX_ARTICLE_BYTES + 1]
