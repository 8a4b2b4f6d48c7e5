"""RSS and Atom feeds: each item that carries its full content is an article.

Feedparser reads every flavour of RSS and Atom, mends what it can of a broken
feed and cleans item HTML of scripts and styles. It is given the feed's bytes,
never a URL: fetching is ``fetch``'s job, with its limits. An item is known
across reads by its guid (Atom id), else its link, so reading a feed again
stores nothing new.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterator

import feedparser

from ..article_files import ArticleOverrides
from ..validators import article_url_problem
from . import ArticleInput, InputError, InputProblem

# Many RSS feeds put the whole article in <description> and have no
# <content:encoded>; others put a teaser of a sentence or two there. A
# description this long is an article, a shorter one a teaser.
SUMMARY_MIN_WORDS = 150
_MAX_ORIGIN_LENGTH = 500
_TAG = re.compile(r"<[^>]*>")


def feed_articles(raw: bytes, *, name: str) -> Iterator[ArticleInput | InputProblem]:
    """The items of a feed, in order; ``InputError`` if ``raw`` is not a feed.

    ``name`` (the file name or URL of the feed) identifies items that have
    neither guid nor link.
    """
    # A stream, not bytes: feedparser opens bytes that name a file as that file.
    feed = feedparser.parse(io.BytesIO(raw), sanitize_html=True, resolve_relative_uris=True)
    if not feed.get("version") and not feed.entries:
        reason = feed.get("bozo_exception")
        raise InputError("not an RSS or Atom feed" + (f" ({reason})" if reason else ""))
    publisher = _line(feed.feed.get("title"))
    for index, entry in enumerate(feed.entries, start=1):
        item = f"item {index}"
        body = _full_content(entry)
        if isinstance(body, InputProblem):
            yield InputProblem(item, body.problem, skipped=body.skipped)
            continue
        text, html = body
        link = entry.get("link") or ""
        # A link that is not a web address is left out, not trusted.
        link = link if link and not article_url_problem(link) else ""
        origin = _line(entry.get("id")) or link or f"{name} {item}"
        yield ArticleInput(
            item=item,
            origin=origin[:_MAX_ORIGIN_LENGTH],
            source=(text or html).encode("utf-8"),
            text=text,
            html=html,
            metadata=ArticleOverrides(
                title=_line(entry.get("title")) or None,
                publisher=publisher or None,
                published=_published(entry),
                byline=_line(entry.get("author")) or None,
                url=link or None,
            ),
        )


def _full_content(entry: dict) -> tuple[str, str] | InputProblem:
    """(text, html) of the item's full content; a problem when it has none."""
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if not value.strip():
            continue
        if "html" in (content.get("type") or ""):
            return "", value
        return value, ""
    summary = entry.get("summary") or ""
    words = len(_TAG.sub(" ", summary).split())
    if not words:
        return InputProblem("", "no content", skipped=True)
    if words < SUMMARY_MIN_WORDS:
        return InputProblem(
            "", f"only a summary ({words} words), not the full article", skipped=True
        )
    detail = entry.get("summary_detail") or {}
    if "html" in (detail.get("type") or "text/html"):
        return "", summary
    return summary, ""


def _published(entry: dict) -> datetime.date | None:
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    try:
        return datetime.date(*moment[:3])
    except ValueError:
        return None


def _line(value: object) -> str:
    return " ".join(str(value or "").replace("\x00", "").split())
