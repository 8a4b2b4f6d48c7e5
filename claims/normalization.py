"""Name normalisation shared by the write and read paths.

Plain Python (no Django) so that ingest, the API filters and the admin all
compare names the same way: case-, accent- and spacing-insensitive.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Apostrophes and dots vary between outlets ("O'Neill"/"O’Neill", "U.S."/"US").
_IGNORED = str.maketrans("", "", ".\u2019'\u2018`\u00b4")


def normalize_name(name: str) -> str:
    """``"  Jürgen  O’Neill "`` -> ``"jurgen oneill"``."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", stripped.translate(_IGNORED)).strip().casefold()


# Editorial marks outlets add to a quotation: "[the minister]", "...". The
# words on either side of one were not said next to each other.
_CUT = re.compile(r"\[[^\]]*\]|\.\s*\.\s*\.|\u2026")
# Every other run of non-word characters (quotes of any style, dashes,
# punctuation, parentheses) is a word boundary and no more.
_NOT_WORD = re.compile(r"[\W_]+")
# The dots of an abbreviation: "U.S." and "US" are one word.
_ABBREVIATION_DOT = re.compile(r"(?<=\b\w)\.(?=\w\b|\s|$)")
# Between the parts of a quotation an outlet cut or edited.
STATEMENT_CUT = " | "


def normalize_statement(text: str) -> str:
    """The words of a quotation as every outlet prints them.

    Case, accents, quotation marks, dashes and punctuation are ignored;
    square-bracketed insertions and ellipses become a cut (`` | ``), so an
    edited or trimmed copy keeps the word sequences it shares with the
    original: ``"We [the alliance] won\u2019t \u2014 ever \u2026 retreat."`` ->
    ``"we | wont ever | retreat"``.
    """
    parts = []
    for part in _CUT.split(unicodedata.normalize("NFKC", text)):
        decomposed = unicodedata.normalize("NFKD", part)
        stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
        stripped = _ABBREVIATION_DOT.sub("", stripped.replace("\u2019", "").replace("'", ""))
        words = _NOT_WORD.sub(" ", stripped)
        words = words.strip().casefold()
        if words:
            parts.append(words)
    return STATEMENT_CUT.join(parts)
