"""Quotation spans: one left-to-right pass over the double quotation marks.

Only double marks (straight, curly, low-9, guillemets) open a quotation. Single
marks are left alone: in English news they are apostrophes (Russia's, We're,
Jones') or quotes nested inside a double quotation, which stay part of it.

Each mark is read as an opener or a closer from its neighbours and its shape;
a line break ends an open quotation unless the next paragraph reopens it (the
news convention for a quotation running over several paragraphs). A missing
opening mark yields an ``orphan`` span that starts at the line start, a missing
closing mark one that ends at the line end, so one bad mark never swallows the
rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EVENTS = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb]|\n')
# Articles in the British style quote with single marks; they are read so only
# when the text has no double mark at all and some single mark opens a
# capitalised phrase ("'We will win,' she said").
_DOUBLE = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb]')
_SINGLE_OPENER = re.compile("(?:^|[\\s(])[\u2018'][A-Z]")
_SINGLE_EVENTS = re.compile("['\u2018\u2019]|\n")
_OPENING_SHAPES = frozenset("\u201c\u201e\u201f\u00ab\u2018")
_CLOSING_SHAPES = frozenset("\u201d\u00bb\u2019")
_BEFORE_OPENER = frozenset(" \t\n\r\f\v([{\u2014\u2013-/\u00a0")


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # the opening mark, or the line start for an orphan
    end: int  # just past the closing mark, or the line end if unclosed
    inner_start: int
    inner_end: int
    opened: bool  # an opening mark was seen
    closed: bool  # a closing mark was seen
    paragraphs: int  # how many paragraphs the quotation runs over


def _role(body: str, index: int, char: str) -> str:
    """'open', 'close' or '?' for the mark at ``index``."""
    before = body[index - 1] if index else "\n"
    after = body[index + 1] if index + 1 < len(body) else "\n"
    space_before = before in _BEFORE_OPENER
    space_after = after.isspace() or after in ",.;:!?)]}\u2014\u2013-"
    if char in _OPENING_SHAPES:
        # A curly opener glued to a word and followed by space is a mis-typed closer.
        return "close" if (not space_before and space_after) else "open"
    if char in _CLOSING_SHAPES:
        return "open" if (space_before and not space_after) else "close"
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "?"


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def find_quotes(body: str) -> list[Quote]:
    single = _DOUBLE.search(body) is None and len(_SINGLE_OPENER.findall(body, 0, 200_000)) >= 2
    events = _SINGLE_EVENTS if single else _EVENTS
    quotes: list[Quote] = []
    open_at = -1  # index of the opening mark of the quotation in progress
    paragraphs = 1
    line_start = 0
    # Set at a line break while a quotation is open: if the next non-blank line
    # starts with an opening mark, the quotation continues there.
    pending_break = -1
    last_mark = -1

    def emit(
        start: int,
        inner_start: int,
        inner_end: int,
        end: int,
        opened: bool,
        closed: bool,
        paras: int,
    ) -> None:
        inner_start, inner_end = _trimmed(body, inner_start, inner_end)
        if inner_end > inner_start:
            quotes.append(Quote(start, end, inner_start, inner_end, opened, closed, paras))

    for match in events.finditer(body):
        index = match.start()
        char = match.group()
        if single and char != "\n":
            before = body[index - 1] if index else " "
            after = body[index + 1] if index + 1 < len(body) else " "
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe: don't, Russia's, O'Neill
            if open_at < 0 and pending_break < 0 and _role(body, index, char) != "open":
                continue  # a trailing apostrophe (workers') opens nothing
        if char == "\n":
            if pending_break >= 0:
                if body[line_start:index].strip():
                    # A whole paragraph without a mark: the quotation was never
                    # closed and does not go on.
                    emit(
                        open_at,
                        open_at + 1,
                        pending_break,
                        pending_break,
                        True,
                        False,
                        paragraphs,
                    )
                    open_at, pending_break, paragraphs = -1, -1, 1
            elif open_at >= 0:
                pending_break = index
            line_start = index + 1
            continue
        if pending_break >= 0:
            # First mark after a break inside an open quotation.
            gap = body[line_start:index]
            role = _role(body, index, char)
            if role != "close" and not gap.strip() and _continues(body, index):
                paragraphs += 1
                pending_break = -1
                continue
            emit(
                open_at,
                open_at + 1,
                pending_break,
                pending_break,
                True,
                False,
                paragraphs,
            )
            open_at, pending_break, paragraphs = -1, -1, 1
        role = _role(body, index, char)
        if role == "?":
            role = "close" if open_at >= 0 else "open"
        if role == "open":
            if open_at >= 0:
                # Two openers in a row: the first quotation lost its closing mark.
                emit(open_at, open_at + 1, index, index, True, False, paragraphs)
            open_at, paragraphs = index, 1
        elif open_at >= 0:
            emit(open_at, open_at + 1, index, index + 1, True, True, paragraphs)
            open_at, paragraphs = -1, 1
        else:
            # A closer with nothing open: the opening mark is missing. The
            # quotation starts at the line start, but never before the previous
            # mark, so that a run of stray closers stays linear.
            begin = max(line_start, last_mark + 1)
            emit(begin, begin, index, index + 1, False, True, 1)
        last_mark = index
    if open_at >= 0:
        stop = pending_break if pending_break >= 0 else len(body)
        emit(open_at, open_at + 1, stop, stop, True, False, paragraphs)
    return quotes


def _continues(body: str, index: int) -> bool:
    """A mark at a paragraph start followed by text reopens a quotation."""
    after = body[index + 1 : index + 2]
    return bool(after) and not after.isspace()
