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
