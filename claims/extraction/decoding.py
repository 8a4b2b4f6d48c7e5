"""Bytes to article text: the only place that guesses encodings.

The decoded text is the body every offset points into, so nothing is changed
beyond removing a byte-order mark: line endings and whitespace stay as they are.
"""

from __future__ import annotations

import codecs
import unicodedata

import charset_normalizer
from charset_normalizer.md import mess_ratio

# C0 controls other than tab, newlines and form feed do not occur in prose; a
# file made of them is binary whatever its bytes happen to decode to.
_PROSE_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
_MAX_CONTROL_SHARE = 0.01
_SNIFF_BYTES = 64 * 1024


class ArticleDecodeError(ValueError):
    """The bytes are not an article's text; the message says why."""


def decode_article(data: bytes) -> str:
    """Return the text of an article file, or raise ``ArticleDecodeError``.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order
    mark are taken as they are; anything else is handed to charset-normalizer,
    which recognises the usual legacy encodings (Windows-1252, Latin-1,
    Windows-1251, KOI8-R, ...).
    """
    if not data.strip():
        raise ArticleDecodeError("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_strict(data, "utf-16")
    elif b"\x00" in data[:_SNIFF_BYTES]:
        raise ArticleDecodeError("binary file (contains NUL bytes), not text")
    else:
        data = data.removeprefix(codecs.BOM_UTF8)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            text = _decode_legacy(data, error)
    text = text.removeprefix("\ufeff")
    # Anywhere in the text, not only in the sniffed start: PostgreSQL cannot
    # store a NUL character, and prose never holds one.
    nul = text.find("\x00")
    if nul >= 0:
        raise ArticleDecodeError(f"binary file (NUL character at offset {nul}), not text")
    _refuse_binary(text)
    if not text.strip():
        raise ArticleDecodeError("empty file (only whitespace)")
    return text


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ArticleDecodeError(f"not valid {encoding} at byte {error.start}") from error


def _decode_legacy(data: bytes, utf8_error: UnicodeDecodeError) -> str:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ArticleDecodeError(
            f"not UTF-8 (invalid byte at offset {utf8_error.start}) "
            "and no known legacy encoding fits"
        )
    guessed = str(best)
    # Central European code pages read most Western text just as cleanly, so
    # the detector's pick between them is a coin toss; Windows-1252, the web's
    # default legacy encoding, wins whenever it reads the bytes as cleanly.
    if best.encoding != "cp1252":
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            return guessed
        if mess_ratio(western, 1.0) <= mess_ratio(guessed, 1.0):
            return western
    return guessed


def _refuse_binary(text: str) -> None:
    sample = text[:_SNIFF_BYTES]
    controls = sum(
        1 for char in sample if char not in _PROSE_CONTROLS and unicodedata.category(char) == "Cc"
    )
    if controls > max(1, len(sample) * _MAX_CONTROL_SHARE):
        raise ArticleDecodeError("binary file (control characters), not text")
