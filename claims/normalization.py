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


# Editorial marks outlets add to a quotation: "[the minister]", "(sic)", "...".
_BRACKETED = re.compile(r"\[[^\]]*\]")
_ELLIPSIS = re.compile(r"\.\s*\.\s*\.|\u2026")
# After the marks above, every run of non-word characters (quotes of any
# style, dashes, punctuation, parentheses) is a word boundary and no more.
_NOT_WORD = re.compile(r"[\W_]+")


def normalize_statement(text: str) -> str:
    """The words of a quotation as every outlet prints them.

    Case, accents, quotation marks, dashes and punctuation are ignored;
    square-bracketed insertions and ellipses are dropped, so an edited or
    trimmed copy keeps the words it shares with the original:
    ``"We [the alliance] won\u2019t \u2014 ever \u2026 retreat."`` -> ``"we wont ever retreat"``.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _ELLIPSIS.sub(" ", _BRACKETED.sub(" ", text))
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_WORD.sub(" ", stripped.replace("\u2019", "").replace("'", "")).strip().casefold()
