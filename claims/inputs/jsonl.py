"""JSON Lines: one article per line, the usual export of scrapers and news APIs.

Each line is a JSON object with the article's ``text`` (or its ``html``, whose
main text is taken) and any of ``title``, ``publisher``, ``published``,
``byline``, ``url`` and ``id``; other keys are ignored, as exports carry many.
A bad line is reported with its number and the problem; the lines around it
are read as usual.
"""

from __future__ import annotations

import codecs
import datetime
import json
from collections.abc import Iterator
from typing import BinaryIO

from ..article_files import ArticleOverrides
from ..validators import article_url_problem
from . import ArticleInput, InputProblem, size_text

_TEXT_KEYS = ("title", "publisher", "byline")
# Lines are read in pieces this big, so a line far over the limit is skipped
# without ever being held whole.
_CHUNK = 64 * 1024
# An id becomes the article's origin, a column of 500 characters.
_MAX_ID_LENGTH = 500


def jsonl_articles(
    stream: BinaryIO, *, name: str, max_line_bytes: int
) -> Iterator[ArticleInput | InputProblem]:
    """The articles of a JSON Lines file, line by line; blank lines are skipped.

    ``name`` (the file's name) identifies lines that carry neither ``id`` nor
    ``url``: such a line is known by its file and line number.
    """
    for number, line in enumerate(_lines(stream, max_line_bytes), start=1):
        item = f"line {number}"
        if line is None:
            yield InputProblem(
                item, f"line is over the {size_text(max_line_bytes)} limit of one article"
            )
            continue
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if not line.strip():
            continue
        try:
            yield _article(line, item=item, fallback_origin=f"{name} {item}")
        except _LineError as error:
            yield InputProblem(item, str(error))


class _LineError(ValueError):
    pass


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Each line without its newline, or None for a line longer than ``limit``."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            # Too long: skip the rest of it, a piece at a time.
            while line and not line.endswith(b"\n"):
                line = stream.readline(_CHUNK)
            yield None
            continue
        yield line.rstrip(b"\r\n")


def _article(line: bytes, *, item: str, fallback_origin: str) -> ArticleInput:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise _LineError(f"not UTF-8 (invalid byte at column {error.start + 1})") from None
    except json.JSONDecodeError as error:
        raise _LineError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise _LineError("not valid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise _LineError(f"a line must be a JSON object, not {type(record).__name__}")

    text, html = _string(record, "text"), _string(record, "html")
    if not text.strip() and not html.strip():
        raise _LineError('no article: give its "text" or its "html"')
    metadata = {key: _string(record, key) for key in _TEXT_KEYS}
    url = _string(record, "url")
    if url:
        problem = article_url_problem(url)
        if problem:
            raise _LineError(f"url: {problem}")
    origin = _identity(record) or url or fallback_origin
    return ArticleInput(
        item=item,
        origin=origin,
        source=line,
        # Text given as such wins: it is what the exporter meant as the body.
        text=text if text.strip() else "",
        html="" if text.strip() else html,
        metadata=ArticleOverrides(
            **{key: value or None for key, value in metadata.items()},
            published=_published(record),
            url=url or None,
        ),
    )


def _string(record: dict, key: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _LineError(f'"{key}" must be a string, not {type(value).__name__}')
    if "\x00" in value:
        raise _LineError(f'"{key}" contains a NUL character')
    return value.strip() if key in _TEXT_KEYS else value


def _identity(record: dict) -> str:
    value = record.get("id")
    if value is None or value == "":
        return ""
    # A number is a common id too; a boolean or an object is not.
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _LineError(f'"id" must be a string or a whole number, not {type(value).__name__}')
    value = str(value)
    if "\x00" in value:
        raise _LineError('"id" contains a NUL character')
    if len(value) > _MAX_ID_LENGTH:
        raise _LineError(
            f'"id" is {len(value)} characters long, over the limit of {_MAX_ID_LENGTH}'
        )
    return value


def _published(record: dict) -> datetime.date | None:
    value = _string(record, "published").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        # Exports usually give a moment: the date it falls on where it was published.
        return datetime.datetime.fromisoformat(value).date()
    except ValueError:
        raise _LineError(
            f'"published" must be an ISO date (YYYY-MM-DD) or date-time, not {value[:40]!r}'
        ) from None
