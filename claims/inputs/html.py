"""The main text of an HTML page and the metadata the page carries.

Trafilatura finds the article in the page (navigation, ads, comments and other
furniture left out) and reads its metadata from the usual places: Open Graph,
schema.org JSON-LD, Dublin Core and ``<meta>`` tags, ``<link rel=canonical>``.
It is maintained, built for news pages, and works offline: nothing here fetches
anything (the page is given, never downloaded).
"""

from __future__ import annotations

import codecs
import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import trafilatura

from .. import extraction
from ..validators import article_url_problem
from . import InputError

__all__ = ["InputError", "PageArticle", "html_article"]

# Where a page declares its encoding: <meta charset=...> or the http-equiv
# form, both near the top (the HTML standard says within the first 1024 bytes).
_DECLARED_CHARSET = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.I
)
_CHARSET_WINDOW = 1024
# A page starts with its doctype or <html>; anything else is a fragment, which
# trafilatura reads only when it is wrapped in a document.
_DOCUMENT_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype|html|head|body)\b", re.I | re.S)


@dataclass(frozen=True)
class PageArticle:
    text: str  # the main text, what is stored as the article body
    title: str = ""
    publisher: str = ""  # site name
    published: datetime.date | None = None
    byline: str = ""
    url: str = ""  # canonical URL if the page gives one (http/https only), else the url passed in


def html_article(raw: bytes | str, *, url: str = "") -> PageArticle:
    """Extract the article of an HTML page; ``InputError`` if it has no main text.

    ``raw`` is the page as a string, or as bytes in the encoding it declares
    (or one that can be detected). ``url`` is where the page came from: it is
    the article's URL unless the page names a canonical http(s) one.
    """
    page_text = _decode(raw) if isinstance(raw, bytes) else raw
    if "\x00" in page_text:
        raise InputError("binary file (NUL character), not an HTML page")
    if not page_text.strip():
        raise InputError("empty page")
    whole_page = bool(_DOCUMENT_START.match(page_text[:4096]))
    if not whole_page:
        # A fragment (a feed item's content, an API's article HTML) is the
        # article itself: all of its text is kept.
        page_text = f"<html><body><article>{page_text}</article></body></html>"
    page = trafilatura.bare_extraction(
        page_text,
        url=url or None,
        with_metadata=True,
        # On a whole page, precision over recall: a navigation menu or a teaser
        # list taken for the article would become claims to review.
        favor_precision=whole_page,
        favor_recall=not whole_page,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
    )
    text = _paragraphs(page.text if page is not None else "")
    if not text:
        raise InputError("no main text found in the page")
    return PageArticle(
        text=text,
        title=_line(page.title),
        publisher=_site_name(page.sitename, page.hostname),
        published=_date(page.date),
        byline=_line(page.author),
        url=_canonical(page.url, fallback=url),
    )


def _decode(raw: bytes) -> str:
    """The page's text: its byte-order mark, UTF-8, its declared charset, or a guess.

    Decoded here rather than by trafilatura, which would also decompress gzip
    or brotli bytes, past any size limit the caller put on the file.
    """
    if not raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        declared = _DECLARED_CHARSET.search(raw[:_CHARSET_WINDOW])
        if declared:
            try:
                return raw.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common; detect instead
    try:
        return extraction.decode_article(raw)
    except extraction.ArticleDecodeError as error:
        raise InputError(str(error)) from None


def _paragraphs(text: str | None) -> str:
    # Trafilatura gives one block per line; a blank line between paragraphs is
    # how plain-text articles set them apart, and what the extractor expects.
    lines = (line.strip() for line in (text or "").splitlines())
    return "\n\n".join(line for line in lines if line)


def _line(value: str | None) -> str:
    return " ".join((value or "").split())


def _site_name(name: str | None, hostname: str | None) -> str:
    # Without a declared site name trafilatura falls back on the host name,
    # which the page does not carry and which would become a publisher.
    name = _line(name)
    host = (hostname or "").lower().removeprefix("www.")
    return "" if name.lower().removeprefix("www.") == host else name


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _canonical(found: str | None, *, fallback: str) -> str:
    """The page's own URL when it is a usable http(s) address, else ``fallback``."""
    if found and not article_url_problem(found) and urlsplit(found).scheme in ("http", "https"):
        return found
    return fallback
