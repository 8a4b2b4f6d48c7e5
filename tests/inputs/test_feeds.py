"""RSS and Atom feeds: each item with its full content is an article (no database)."""

from __future__ import annotations

import datetime

import pytest

from claims.inputs import ArticleInput, InputError, InputProblem
from claims.inputs.feeds import SUMMARY_MIN_WORDS, feed_articles
from tests.inputs.conftest import DATA


def read(raw: bytes) -> list[ArticleInput | InputProblem]:
    return list(feed_articles(raw, name="world.rss"))


def test_rss_items_with_full_content():
    gates, lavrov, teaser = read((DATA / "world.rss").read_bytes())

    assert gates.item == "item 1"
    assert gates.origin == "daily-example-1001"  # the guid
    assert "Gates told reporters in Moscow" in gates.html
    assert "<script" not in gates.html and "tracking" not in gates.html
    assert gates.metadata.title == "Gates warns Moscow over missile shield"
    assert gates.metadata.publisher == "The Daily Example"
    assert gates.metadata.published == datetime.date(2007, 4, 20)
    assert gates.metadata.byline == "Jane Reporter"
    assert gates.metadata.url == "https://news.example.org/2007/04/gates-moscow"
    # No guid: the link identifies the item.
    assert lavrov.origin == "https://news.example.org/2007/04/lavrov"
    assert teaser == InputProblem(
        "item 3", "only a summary (9 words), not the full article", skipped=True
    )


def test_atom_entry():
    [entry] = read((DATA / "world.atom").read_bytes())

    assert entry.origin == "urn:example:wire:77"
    assert entry.text == 'President Vladimir Putin said the shield was "a threat to us all".'
    assert entry.html == ""
    assert entry.metadata.publisher == "Example Wire"
    assert entry.metadata.byline == "Ivan Writer"
    assert entry.metadata.published == datetime.date(2007, 4, 24)
    assert entry.metadata.url == "https://wire.example.org/77"


def item(body: str) -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><title>A</title><link>javascript:alert(1)</link>{body}</item></channel></rss>""".encode()


def test_a_long_description_is_the_full_article():
    words = " ".join(["word"] * SUMMARY_MIN_WORDS)
    [article] = read(item(f"<description>&lt;p&gt;{words}&lt;/p&gt;</description>"))

    assert isinstance(article, ArticleInput)
    assert words in article.html
    # Neither guid nor usable link: the feed and the item's place identify it.
    assert article.origin == "world.rss item 1"
    assert article.metadata.url is None


def test_an_item_without_content_is_skipped():
    assert read(item("")) == [InputProblem("item 1", "no content", skipped=True)]


@pytest.mark.parametrize(
    "raw",
    [b"", b"not a feed at all", b"<html><body><p>A page</p></body></html>", b"\x00\x01\x02"],
)
def test_not_a_feed(raw):
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        read(raw)


def test_bytes_naming_a_file_are_not_opened(tmp_path):
    """Feedparser opens bytes that name a file; the reader gives it a stream instead."""
    other = tmp_path / "other.rss"
    other.write_bytes((DATA / "world.rss").read_bytes())

    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        read(str(other).encode())


def test_external_entities_are_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    words = " ".join(["word"] * SUMMARY_MIN_WORDS)
    raw = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>T</title><item><title>&leak;</title>
<description>&leak; {words}</description></item></channel></rss>""".encode()

    articles = read(raw)

    assert "TOP-SECRET-VALUE" not in repr(articles)
