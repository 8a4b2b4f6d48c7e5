"""The main text and metadata of an HTML page (no database, no network)."""

from __future__ import annotations

import datetime
import socket

import pytest

from claims.inputs import InputError
from claims.inputs.html import PageArticle, html_article

FURNITURE_ONLY = b"""<!DOCTYPE html><html><head><title>Example</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
<footer><p>Copyright 2020 Example. All rights reserved.</p></footer>
</body></html>"""


def test_main_text_without_navigation_ads_and_footer(news_page):
    article = html_article(news_page, url="https://news.example.org/x?utm_source=feed")

    assert isinstance(article, PageArticle)
    assert '"We are not seeking a new Cold War," Gates told reporters' in article.text
    assert "Bucharest." in article.text
    for furniture in ("Subscribe now", "Cheap flights", "Celebrity chef", "Privacy policy"):
        assert furniture not in article.text
    # Paragraphs are set apart by a blank line, as in a plain-text article.
    assert "according to Interfax.\n\nRussian officials" in article.text


def test_metadata_the_page_carries(news_page):
    article = html_article(news_page, url="https://news.example.org/x?utm_source=feed")

    assert article.title == "Gates warns Moscow over missile shield"
    assert article.publisher == "The Daily Example"
    assert article.published == datetime.date(2007, 4, 20)
    assert article.byline == "Jane Reporter"
    assert article.url == "https://news.example.org/2007/04/gates-moscow"


def test_url_passed_in_without_a_canonical_one():
    page = b"<html><body><article><p>" + b"The minister said the talks went well. " * 20
    page += b"</p></article></body></html>"

    article = html_article(page, url="https://example.org/story")

    assert article.url == "https://example.org/story"
    # The host name is not a site name the page declares.
    assert article.publisher == ""
    assert html_article(page).url == ""


@pytest.mark.parametrize(
    "canonical", ["javascript:alert(1)", "ftp://example.org/a", "file:///etc/passwd"]
)
def test_a_canonical_url_that_is_not_http_is_ignored(canonical):
    page = (
        f'<html><head><link rel="canonical" href="{canonical}"></head><body><article><p>'
        + "The minister said the talks went well. " * 20
        + "</p></article></body></html>"
    )

    assert html_article(page, url="https://example.org/story").url == "https://example.org/story"


def test_a_fragment_is_read_as_a_page():
    article = html_article('<p>Gates said: "We are not seeking a new Cold War."</p>')

    assert article.text == 'Gates said: "We are not seeking a new Cold War."'


def test_all_of_a_fragment_is_kept():
    """A fragment is the article itself (a feed item's content): lists and short lines too."""
    article = html_article(
        "<p>Gates spoke in Moscow.</p><h2>Background</h2>"
        "<ul><li>Talks began in March.</li></ul><p>Short.</p><script>track()</script>"
    )

    assert article.text == (
        "Gates spoke in Moscow.\n\nBackground\n\n- Talks began in March.\n\nShort."
    )


def test_declared_legacy_encoding():
    page = (
        '<html><head><meta charset="windows-1252"></head><body><article><p>'
        "The caf\u00e9 owner said \u201cwe are open\u201d on Friday. "
        * 10
        + "</p></article></body></html>"
    ).encode("cp1252")

    assert "\u201cwe are open\u201d" in html_article(page).text


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (FURNITURE_ONLY, "no main text found in the page"),
        (b"", "empty page"),
        ("   \n", "empty page"),
        (b"<html>\x00\x01\x02\x03</html>" * 40, "binary"),
    ],
)
def test_a_page_without_main_text_is_refused(raw, problem):
    with pytest.raises(InputError, match=problem):
        html_article(raw)


def test_input_error_is_a_value_error():
    assert issubclass(InputError, ValueError)


def test_nothing_is_fetched(news_page, monkeypatch):
    """Trafilatura reads the page it is given; it never goes to the network."""

    def refuse(*args, **kwargs):
        raise AssertionError("network access during HTML extraction")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)

    assert html_article(news_page, url="https://news.example.org/x").title
