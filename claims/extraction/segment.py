"""Paragraphs, sentences, page furniture and article metadata.

Every function here works in one pass over the text with regexes whose
repetitions are bounded or cannot overlap, so time stays linear in the input.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass

from .lexicon import ABBREVIATIONS, FURNITURE_PHRASES, MONTHS, SHORT_FURNITURE

# A paragraph is a run of text between line breaks; news text rarely hard-wraps
# prose, and where it does the quote scanner still bridges single line breaks.
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Block:
    """A line of the article (a paragraph, a headline, a caption ...)."""

    start: int
    end: int
    furniture: bool  # site furniture, legal notice, byline, teaser: never claims


def blocks(body: str) -> list[Block]:
    low = body.lower()
    # Furniture phrases are looked for once in the whole text rather than line
    # by line; lower-casing can change the length of a few letters, and then
    # the per-line search is the safe way.
    hits = _phrase_hits(low) if len(low) == len(body) else None
    out = []
    for match in _LINE.finditer(body):
        start, end = match.span()
        # Trim surrounding whitespace so block text starts on a real character.
        text = match.group()
        stripped = text.strip()
        if not stripped:
            continue
        start += len(text) - len(text.lstrip())
        end = start + len(stripped)
        phrase = None
        if hits is not None:
            at = bisect.bisect_left(hits, start)
            phrase = at < len(hits) and hits[at] < end
        out.append(Block(start, end, is_furniture(stripped, phrase)))
    return out


def _phrase_hits(low: str) -> list[int]:
    """Sorted positions where a furniture phrase starts at a word boundary."""
    hits = []
    for phrase in FURNITURE_PHRASES:
        at = low.find(phrase)
        while at >= 0:
            if at == 0 or not low[at - 1].isalpha():
                hits.append(at)
            at = low.find(phrase, at + 1)
    hits.sort()
    return hits


def _has_furniture_phrase(low: str) -> bool:
    # Plain substring searches run in C and beat one big alternation here; the
    # word boundary before a phrase is checked by hand.
    for phrase in FURNITURE_PHRASES:
        at = low.find(phrase)
        while at >= 0:
            if at == 0 or not low[at - 1].isalpha():
                return True
            at = low.find(phrase, at + 1)
    return False


# A teaser: a short blurb ending in "more" (or "more >>") with no full stop before it.
_TEASER = re.compile(r"(?:\bmore|\bread on|>>|»)\s*$", re.IGNORECASE)
_CAPTION_START = re.compile(r"\(?(?:photo|picture|image|caption|file photo|video)\b", re.IGNORECASE)
# A picture credit closes a caption: "... in February (epa)", "(Getty Images)".
_CAPTION_END = re.compile(r"\([A-Za-z][\w/ ]{1,20}\)\s*$")


def is_furniture(line: str, phrase: bool | None = None) -> bool:
    """Is this line site furniture? ``phrase``: whether it holds a furniture
    phrase, when the caller already knows."""
    if len(line) > 600:
        # Long paragraphs are prose; site furniture is short.
        return False
    low = line.lower()
    if phrase if phrase is not None else _has_furniture_phrase(low):
        return True
    if len(line) < 60 and low.startswith(SHORT_FURNITURE):
        return True
    # Captions and teasers are told by how the line starts or ends.
    if _CAPTION_START.match(line) or _CAPTION_END.search(line, max(0, len(line) - 30)):
        return True
    return bool(_TEASER.search(line, max(0, len(line) - 12))) and not line.rstrip().endswith(
        (".", '"', "\u201d")
    )


# Sentence ends: terminal punctuation, optional closing marks, then space and a
# likely sentence start. Abbreviations are filtered afterwards. A run of stops
# is taken whole even where no sentence starts after it (group ``end`` is then
# None): tried again from each of its marks, it would be read over and over.
_SENTENCE_END = re.compile(
    r"[.!?]++(?P<end>[\"'\u201d\u2019)\]]*+(?=\s+[\"'\u201c\u2018(\[A-Z0-9]))?"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]{0,8})$")


def sentences(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``body[start:end]`` into sentence spans (trimmed of whitespace)."""
    out: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END.finditer(body, start, end):
        if match["end"] is None:
            continue
        stop = match.end()
        if match.group()[0] == "." and len(match.group()) == 1:
            before = _WORD_BEFORE.search(body, max(start, match.start() - 10), match.start())
            if before:
                word = before.group(1).lower()
                # "U.S." "Mr." "George W." are not sentence ends.
                if word in ABBREVIATIONS or len(word) == 1 or "." in word:
                    continue
        out.append((cursor, stop))
        cursor = stop
        while cursor < end and body[cursor].isspace():
            cursor += 1
    if cursor < end:
        out.append((cursor, end))
    return out


# ---- metadata -------------------------------------------------------------

_MONTH_NAMES = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DATE_MDY = rf"(?P<month>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)"
_DATE_DMY = rf"(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH_NAMES})\s+(?P<year2>(?:19|20)\d\d)"
_DATE_ISO = r"(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)"
_ANY_DATE = rf"(?:{_DATE_MDY}|{_DATE_DMY}|{_DATE_ISO})"

# "March 3, 2011 (Example Wire) --": a dateline gives the date and the publisher.
_DATELINE = re.compile(
    rf"{_ANY_DATE}\s*\((?P<publisher>[^()\n]{{2,40}})\)\s*(?:--|\u2014|\u2013|-)"
)
# "LAGOS, March 3 (Example Wire) -": the publisher, the date lacks a year.
_DATELINE_NO_YEAR = re.compile(
    rf"\b{_MONTH_NAMES}\s+\d{{1,2}}\s*\((?P<publisher>[^()\n]{{2,40}})\)\s*(?:--|\u2014|\u2013|-)"
)
_DATELINE_HINT = re.compile(r"\)\s*(?:--|\u2014|\u2013|-)")
_PUBLISHED_HINT = re.compile(r"published|posted|date")
_PUBLISHED = re.compile(
    rf"\b(?:published|posted|first published|date)(?:\s+on)?\s*:?\s*"
    rf"(?:[A-Z][a-z]+,\s*)?{_ANY_DATE}",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"\b(?:updated|modified|edited|revised)\b[^\n]{0,40}$", re.IGNORECASE)
_BARE_DATE_LINE = re.compile(rf"^\s*(?:[A-Z][a-z]+,\s*)?{_ANY_DATE}\s*$")
_BYLINE_REPORT = re.compile(
    r"\(\s*(?P<byline>[^()\n]{3,120}?)\s+contributed\s+to\s+this\s+report\.?\s*\)",
    re.IGNORECASE,
)
_BYLINE_BY = re.compile(r"^\s*By\s+(?P<byline>[A-Z][\w.'\- ]{2,80}?)\s*$")
_COPYRIGHT = re.compile(
    r"(?:\u00a9|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*)?(?P<publisher>[A-Z][\w&./' -]{1,50}?)"
    r"(?:\.|,|\s+all rights|\s*$)",
    re.IGNORECASE | re.MULTILINE,
)

# How far into the article metadata is looked for: it sits at the top.
_HEAD = 3000


@dataclass(frozen=True, slots=True)
class DetectedMetadata:
    title: str | None
    publisher: str | None
    published: datetime.date | None
    byline: str | None
    body_start: int  # where the story proper begins (after a dateline)
    byline_span: tuple[int, int] | None


def _date_from(match: re.Match[str]) -> datetime.date | None:
    groups = match.groupdict()
    try:
        if groups.get("year"):
            month = _month_number(groups["month"])
            return datetime.date(int(groups["year"]), month, int(groups["day"]))
        if groups.get("year2"):
            month = _month_number(groups["month2"])
            return datetime.date(int(groups["year2"]), month, int(groups["day2"]))
        if groups.get("iy"):
            return datetime.date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
    except (KeyError, ValueError):
        return None
    return None


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS[key] if key in MONTHS else MONTHS[key[:3]]


def detect_metadata(body: str, line_blocks: list[Block]) -> DetectedMetadata:
    head_end = min(len(body), _HEAD)
    published = None
    publisher = None
    body_start = 0
    # Cheap tests first: a dateline needs "(...) --" and a date needs a digit.
    dateline = (
        _DATELINE.search(body, 0, head_end) if _DATELINE_HINT.search(body, 0, head_end) else None
    )
    if dateline:
        published = _date_from(dateline)
        publisher = dateline["publisher"].strip()
        body_start = dateline.end()
    else:
        short = (
            _DATELINE_NO_YEAR.search(body, 0, head_end)
            if _DATELINE_HINT.search(body, 0, head_end)
            else None
        )
        if short:
            publisher = short["publisher"].strip()
            body_start = short.end()
    if published is None and _PUBLISHED_HINT.search(body[:head_end].lower()):
        for match in _PUBLISHED.finditer(body, 0, head_end):
            line_start = body.rfind("\n", 0, match.start()) + 1
            if _UPDATED.search(body, line_start, match.start()):
                continue
            published = _date_from(match)
            break
    if published is None:
        for block in line_blocks[:8]:
            if block.start > head_end:
                break
            match = _BARE_DATE_LINE.match(body, block.start, block.end)
            if match:
                published = _date_from(match)
                break
    if publisher is None:
        match = _COPYRIGHT.search(body, max(0, len(body) - 3000))
        if match:
            publisher = match["publisher"].strip() or None
    byline = None
    byline_span = None
    tail_start = max(0, len(body) - 20000)
    for match in _BYLINE_REPORT.finditer(body, tail_start):
        byline = match["byline"].strip()
        byline_span = match.span()
    if byline is None:
        for block in line_blocks[:10]:
            match = _BYLINE_BY.match(body, block.start, block.end)
            if match:
                byline = match["byline"].strip()
                byline_span = (block.start, block.end)
                break
    title = _detect_title(body, line_blocks, body_start)
    return DetectedMetadata(title, publisher, published, byline, body_start, byline_span)


_TITLE_WORD = re.compile(r"[^\W\d_][\w'\u2019./-]*")


def _detect_title(body: str, line_blocks: list[Block], body_start: int) -> str | None:
    """The first short headline-like line before the story starts."""
    for block in line_blocks[:12]:
        if block.start >= max(body_start, 1) and body_start:
            break
        text = body[block.start : block.end]
        if block.furniture or len(text) > 200:
            continue
        if text.rstrip().endswith((".", ",", ";")) and not text.rstrip().endswith("..."):
            # Headlines carry no full stop; a sentence means the story has begun.
            if not body_start:
                break
            continue
        words = _TITLE_WORD.findall(text)
        if len(words) < 3:
            continue
        capitals = sum(1 for word in words if word[0].isupper())
        if capitals < 2:
            continue
        if _BARE_DATE_LINE.match(text):
            continue
        return text.strip()
    return None


# ---- hard-wrapped text ----------------------------------------------------------

_WRAP_MIN_LINES = 6
_SENTENCE_FINAL = tuple('.!?:"\u201d\u2019')


def unwrap_hard_lines(body: str) -> str | None:
    """The text with line breaks inside paragraphs turned into spaces, or None.

    Plain text is often wrapped at 70-80 columns, with paragraphs set apart by
    blank lines. There a line break is only a space; each one is replaced by a
    space (a preceding carriage return too), so the result has the same length
    and every offset into it is an offset into ``body``. A line joins the next
    one only when it is nearly as long as the wrapping width, so headings,
    bylines and short lines keep their own lines. None when the text does not
    look wrapped: most paragraphs on one line each, or lines of any length.
    """
    if body.count("\n") < _WRAP_MIN_LINES:
        return None
    lines = body.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < _WRAP_MIN_LINES:
        return None
    width = lengths[(len(lengths) * 9) // 10]
    if not 40 <= width <= 100:
        return None
    full = width * 0.6
    joins: list[int] = []  # offsets of the line breaks to turn into spaces
    open_ended = 0
    offset = 0
    for index in range(len(lines) - 1):
        line = lines[index]
        offset += len(line)
        text = line.rstrip()
        if len(text) >= full and lines[index + 1].strip():
            joins.append(offset)
            if not text.endswith(_SENTENCE_FINAL):
                open_ended += 1
        offset += 1  # the "\n"
    # Wrapping breaks lines mid-sentence; one paragraph per line does not.
    if len(joins) < max(3, len(lengths) // 4) or open_ended * 2 < len(joins):
        return None
    pieces: list[str] = []
    last = 0
    for at in joins:
        cut = at - 1 if at and body[at - 1] == "\r" else at
        pieces.append(body[last:cut])
        pieces.append(" " * (at + 1 - cut))
        last = at + 1
    pieces.append(body[last:])
    out = "".join(pieces)
    return out if len(out) == len(body) else None
