"""Readers of the article formats ``ingest`` accepts beyond plain text.

Each module turns one kind of input (an HTML page, a JSON Lines file, a feed,
a URL) into plain values: text or HTML plus the metadata the input carries.
None of them touches the database; the ingest service is the one writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..article_files import ArticleOverrides


def size_text(limit: int) -> str:
    """A size limit as people read it: "5 MB", or "1,000 byte" below a megabyte."""
    return f"{limit / 1_048_576:.0f} MB" if limit >= 1_048_576 else f"{limit:,} byte"


class InputError(ValueError):
    """The input cannot become an article; the message says why."""


@dataclass(frozen=True)
class ArticleInput:
    """One article read from a file of many (a JSON Lines line, a feed item)."""

    item: str  # where it is in its file, for reports: "line 12", "item 3"
    # What identifies it across runs (the record's id, the item's guid or
    # link): a changed text under the same origin is a new version.
    origin: str
    source: bytes  # as received: its hash recognises it when it is read again
    text: str = ""  # the body, when given as text ...
    html: str = ""  # ... else a page or fragment whose main text is the body
    # The metadata the record carries (the command line and manifest win over it).
    metadata: ArticleOverrides = field(default_factory=ArticleOverrides)


@dataclass(frozen=True)
class InputProblem:
    """An item that cannot become an article (or is left out on purpose)."""

    item: str
    problem: str
    # True for an item left out by design (a feed item with only a summary),
    # which is reported but does not fail the run.
    skipped: bool = False
