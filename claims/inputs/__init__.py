"""Readers of the article formats ``ingest`` accepts beyond plain text.

Each module turns one kind of input (an HTML page, a JSON Lines file, a feed,
a URL) into plain values: text plus the metadata the input carries. None of
them touches the database; the ingest service is the one writer.
"""

from __future__ import annotations


class InputError(ValueError):
    """The input cannot become an article; the message says why."""
