"""The ingest command on HTML pages, JSON Lines, feeds and URLs.

Same promises as for plain text: an article per transaction, a second run
stores nothing, a bad input gets one line naming it (file and line, or item)
and the rest still loads, the exit status says something failed. Pages and
feeds are served from a local port, never fetched from the internet.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

import claims
from claims.models import Article, Claim, ReviewStatus, Source
from tests.inputs.conftest import DATA

pytestmark = pytest.mark.django_db

NEWS_PAGE = (DATA / "gates_moscow.html").read_bytes()
FEED = (DATA / "world.rss").read_bytes()
FURNITURE_ONLY = b"""<!DOCTYPE html><html><head><title>Example</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
<footer><p>Copyright 2020 Example. All rights reserved.</p></footer></body></html>"""
QUOTE = '"We will add twelve routes next year," Mayor Jane Okafor said on Tuesday.'


def run(*args: object, **options) -> tuple[str, list[str], str | None]:
    """Ingest; return stdout, the error lines and the failure message (None if it passed)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err, no_progress=True, **options)
        message = None
    except CommandError as error:
        message = str(error)
    return out.getvalue(), [line for line in err.getvalue().splitlines() if line.strip()], message


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def jsonl(*records: dict | str) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


class TestHtmlFiles:
    def test_main_text_is_the_body_and_the_page_gives_the_metadata(self, article_dir):
        page = article_dir("news/gates.html", NEWS_PAGE)

        out, errors, failed = run(page.parent)

        assert (errors, failed) == ([], None)
        assert "1 new" in out
        article = Article.objects.get()
        assert '"We are not seeking a new Cold War," Gates told' in article.body
        assert "Cheap flights" not in article.body and "Privacy policy" not in article.body
        assert article.title == "Gates warns Moscow over missile shield"
        assert article.publisher.name == "The Daily Example"
        assert article.published.isoformat() == "2007-04-20"
        assert article.byline == "Jane Reporter"
        assert article.url == "https://news.example.org/2007/04/gates-moscow"
        assert article.origin == "gates.html"
        # The page's own bytes identify it; the body's hash keeps one copy of a text.
        assert article.source_hash == sha256(NEWS_PAGE)
        assert article.content_hash == sha256(article.body)
        claims_found = list(article.claims.all())
        assert any("new Cold War" in claim.text for claim in claims_found)
        for claim in claims_found:
            assert article.body[claim.start : claim.end] == claim.text

    def test_htm_and_what_is_given_from_outside_wins(self, article_dir):
        page = article_dir("gates.htm", NEWS_PAGE)

        run(page, publisher="Wire Copy", published="2007-04-21")

        article = Article.objects.get()
        assert article.publisher.name == "Wire Copy"
        assert article.published.isoformat() == "2007-04-21"
        assert article.title == "Gates warns Moscow over missile shield"

    def test_read_again_stores_nothing(self, article_dir):
        page = article_dir("gates.html", NEWS_PAGE)
        run(page)

        out, _, _ = run(page)

        assert "0 new" in out and "1 unchanged" in out
        assert Article.objects.count() == 1

    def test_new_furniture_around_the_same_text_is_not_a_new_version(self, article_dir):
        page = article_dir("gates.html", NEWS_PAGE)
        run(page)
        page.write_bytes(NEWS_PAGE.replace(b"Cheap flights", b"Cheap hotels"))

        out, _, _ = run(page)

        assert "1 unchanged" in out
        assert Article.objects.count() == 1

    def test_changed_text_is_a_new_version_and_reviews_survive(self, article_dir, admin_user):
        page = article_dir("gates.html", NEWS_PAGE)
        run(page)
        old = Article.objects.get()
        reviewed = old.claims.get(text__contains="new Cold War")
        reviewed.review_status = ReviewStatus.VERIFIED
        reviewed.reviewer = admin_user
        reviewed.reviewed_at = "2024-01-01T00:00:00Z"
        reviewed.save()
        page.write_bytes(NEWS_PAGE.replace(b"next year in Bucharest", b"next May in Bucharest"))

        out, _, _ = run(page)

        assert "1 new (1 new versions)" in out
        new = Article.objects.get(supersedes=old)
        assert "next May in Bucharest" in new.body
        reviewed.refresh_from_db()
        assert (reviewed.article, reviewed.review_status) == (old, ReviewStatus.VERIFIED)
        assert new.claims.get(text=reviewed.text).review_status == ReviewStatus.VERIFIED

    def test_a_page_without_main_text_is_named_and_the_rest_loads(self, article_dir):
        article_dir("good.html", NEWS_PAGE)
        bad = article_dir("menu.html", FURNITURE_ONLY)

        _, errors, failed = run(article_dir.root)

        assert errors == [f"{bad}: no main text found in the page"]
        assert failed == "1 file failed to ingest"
        assert Article.objects.get().origin == "good.html"

    def test_dry_run_writes_nothing(self, article_dir):
        out, _, _ = run(article_dir("gates.html", NEWS_PAGE), dry_run=True)

        assert "Dry run" in out and "1 new" in out
        assert not Article.objects.exists()


class TestJsonLines:
    RECORDS = (
        {"id": "a-1", "text": QUOTE, "title": "Buses", "publisher": "City Paper"},
        {"id": "a-2", "html": f"<p>{QUOTE.replace('Tuesday', 'Monday')}</p>"},
        {"url": "https://example.org/c", "text": QUOTE.replace("twelve", "ten")},
    )

    def test_one_article_a_line_and_read_again_stores_nothing(self, article_dir):
        dump = article_dir("dump.jsonl", jsonl(*self.RECORDS))

        out, errors, failed = run(dump)

        assert (errors, failed) == ([], None)
        assert "3 new" in out
        first = Article.objects.get(origin="a-1")
        assert (first.body, first.title, first.publisher.name) == (QUOTE, "Buses", "City Paper")
        assert first.claims.filter(text__contains="twelve routes").exists()
        assert Article.objects.get(origin="a-2").body == QUOTE.replace("Tuesday", "Monday")
        assert Article.objects.get(origin="https://example.org/c").url == "https://example.org/c"

        out, _, _ = run(dump)

        assert "0 new" in out and "3 unchanged" in out
        assert Article.objects.count() == 3

    def test_a_changed_line_is_a_new_version_of_its_id(self, article_dir):
        dump = article_dir("dump.jsonl", jsonl(*self.RECORDS))
        run(dump)
        changed = dict(self.RECORDS[0], text=QUOTE.replace("twelve", "twenty"))
        dump.write_text(jsonl(changed, *self.RECORDS[1:]))

        out, _, _ = run(dump)

        assert "1 new (1 new versions), 2 unchanged" in out
        assert "twenty" in Article.objects.get(origin="a-1", superseded_by__isnull=True).body

    def test_bad_lines_are_named_by_number_and_the_others_load(self, article_dir):
        dump = article_dir(
            "dump.jsonl",
            jsonl(
                self.RECORDS[0],
                '{"id": "broken", "text": ',
                {"id": "b-3", "title": "no body"},
                self.RECORDS[2],
                {"id": "b-5", "html": FURNITURE_ONLY.decode()},
            ),
        )

        out, errors, failed = run(dump, json=True)

        assert errors == []  # the JSON report carries them
        report = json.loads(out)
        assert report["articles"]["new"] == 2
        assert [(f["item"], f["error"]) for f in report["files"] if f["status"] == "failed"] == [
            ("line 2", "not valid JSON (Expecting value at column 26)"),
            ("line 3", 'no article: give its "text" or its "html"'),
            ("line 5", "no main text found in the page"),
        ]
        assert failed == "3 inputs failed to ingest"
        assert set(Article.objects.values_list("origin", flat=True)) == {
            "a-1",
            "https://example.org/c",
        }

        _, errors, _ = run(dump)

        assert errors[0] == f"{dump} line 2: not valid JSON (Expecting value at column 26)"

    def test_a_linked_dump_is_refused(self, article_dir, tmp_path):
        real = article_dir("elsewhere/real.jsonl", jsonl(*self.RECORDS))
        link = article_dir.root / "dump.jsonl"
        link.symlink_to(real)

        _, errors, _ = run(link)

        assert errors == [f"{link}: symbolic link, not followed (copy the file in instead)"]
        assert not Article.objects.exists()


class TestFeeds:
    def test_items_with_full_content_and_read_again_stores_nothing(self, article_dir):
        feed = article_dir("world.rss", FEED)

        out, errors, failed = run(feed, verbosity=2)

        assert (errors, failed) == ([], None)
        assert "2 new" in out and "1 skipped" in out
        assert f"{feed} item 3: skipped, only a summary (9 words)" in out
        gates = Article.objects.get(origin="daily-example-1001")
        assert gates.url == "https://news.example.org/2007/04/gates-moscow"
        assert gates.publisher.name == "The Daily Example"
        assert gates.byline == "Jane Reporter"
        assert gates.claims.filter(text__contains="new Cold War").exists()
        assert "tracking" not in gates.body

        out, _, _ = run(feed)

        assert "0 new" in out and "2 unchanged" in out
        assert Article.objects.count() == 2

    def test_atom(self, article_dir):
        out, _, _ = run(article_dir("wire.atom", (DATA / "world.atom").read_bytes()))

        assert "1 new" in out
        assert Article.objects.get().origin == "urn:example:wire:77"

    def test_not_a_feed(self, article_dir):
        article_dir("good.txt", QUOTE)
        bad = article_dir("news.rss", b"<html><body><p>A page</p></body></html>")

        _, errors, failed = run(article_dir.root)

        assert len(errors) == 1 and errors[0].startswith(f"{bad}: not an RSS or Atom feed")
        assert failed == "1 file failed to ingest"
        assert Article.objects.get().origin == "good.txt"

    def test_an_item_over_the_article_limit(self, article_dir, settings):
        settings.CLAIMS_MAX_ARTICLE_BYTES = 200  # item 2 is shorter, item 1 longer
        feed = article_dir("world.rss", FEED)

        _, errors, failed = run(feed)

        assert errors == [
            f"{feed} item 1: over the 200 byte limit of one article (CLAIMS_MAX_ARTICLE_BYTES)"
        ]
        assert failed == "1 input failed to ingest"
        assert Article.objects.get().origin == "https://news.example.org/2007/04/lavrov"

    def test_a_feed_over_its_limit(self, article_dir, settings):
        settings.CLAIMS_MAX_FEED_BYTES = 1000

        feed = article_dir("world.xml", FEED)

        _, errors, _ = run(feed)

        assert errors == [f"{feed}: file is over the 1,000 byte limit (CLAIMS_MAX_FEED_BYTES)"]


class TestUrls:
    def test_a_page(self, local_site, settings):
        settings.CLAIMS_FETCH_CONTACT = "mailto:desk@example.org"
        url = local_site.serve("/story?id=7", NEWS_PAGE)

        out, errors, _ = run(url)

        assert errors == [] and "1 new" in out
        article = Article.objects.get()
        assert article.origin == url
        assert article.url == "https://news.example.org/2007/04/gates-moscow"
        assert article.source_hash == sha256(NEWS_PAGE)
        agent = local_site.requests[0]["User-Agent"]
        assert agent == f"claims/{claims.__version__} (+mailto:desk@example.org)"

        out, _, _ = run(url)

        assert "1 unchanged" in out and len(local_site.requests) == 2

    def test_without_a_canonical_url_the_fetched_one_is_kept(self, local_site):
        page = b"<html><body><article><p>" + QUOTE.encode() + b"</p></article></body></html>"
        final = local_site.serve("/final", page)
        local_site.redirect("/short", "/final")

        run(local_site.url("/short"))

        article = Article.objects.get()
        assert (article.origin, article.url) == (local_site.url("/short"), final)

    def test_a_feed(self, local_site):
        url = local_site.serve("/feed", FEED, content_type="application/rss+xml")

        out, _, _ = run(url)

        assert "2 new" in out and "1 skipped" in out
        out, _, _ = run(url)
        assert "2 unchanged" in out and Article.objects.count() == 2

    def test_a_feed_served_as_plain_xml(self, local_site):
        url = local_site.serve("/feed.xml", FEED, content_type="text/xml")

        assert "2 new" in run(url)[0]

    def test_plain_text(self, local_site):
        url = local_site.serve("/story.txt", QUOTE.encode(), content_type="text/plain")

        run(url)

        assert Article.objects.get().body == QUOTE
        assert Article.objects.get().url == url

    @pytest.mark.parametrize(
        ("serve", "problem"),
        [
            ({"status": 404}, "HTTP 404 Not Found"),
            ({"content_type": "image/png"}, "cannot ingest content of type image/png"),
            ({"body": FURNITURE_ONLY}, "no main text found in the page"),
        ],
    )
    def test_a_bad_url_is_named_and_the_rest_loads(self, local_site, article_dir, serve, problem):
        good = article_dir("good.txt", QUOTE)
        bad = local_site.serve("/bad", **({"body": b"x"} | serve))

        _, errors, failed = run(bad, good)

        assert errors == [f"{bad}: {problem}"]
        assert failed == "1 input failed to ingest"
        assert Article.objects.get().origin == "good.txt"

    def test_only_http_and_https(self):
        _, errors, _ = run("ftp://example.org/feed.xml")

        assert errors == [
            "ftp://example.org/feed.xml: not an http or https URL: 'ftp://example.org/feed.xml'"
        ]

    def test_a_page_over_the_article_limit(self, local_site, settings):
        settings.CLAIMS_MAX_ARTICLE_BYTES = 1024
        url = local_site.serve("/big", NEWS_PAGE)

        _, errors, _ = run(url)

        assert errors == [f"{url}: answer is over the 1,024 byte limit ({len(NEWS_PAGE):,} bytes)"]


def test_the_version_the_fetcher_gives_is_the_release():
    pyproject = tomllib.loads((Path(django_settings.BASE_DIR) / "pyproject.toml").read_text())
    assert claims.__version__ == pyproject["project"]["version"]


def test_sources_from_pages_are_publishers(article_dir):
    run(article_dir("gates.html", NEWS_PAGE))

    assert Source.objects.get(name="The Daily Example").kind == "publisher"
    assert re.fullmatch(r"[0-9a-f]{64}", Article.objects.get().source_hash)
    assert Claim.objects.exists()
