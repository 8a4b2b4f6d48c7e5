"""Sentences the article states itself that carry a checkable fact.

A figure, an amount, a share or a dated event in a sentence no one is credited
with makes an assertion.
"""

from __future__ import annotations

import bisect
import re

from . import confidence
from .document import MAX_SENTENCE, Document, Draft
from .grammar import ANY_QUOTE, LOWER_WORD
from .lexicon import FACT_WORDS
from .types import ClaimKind

# What makes a sentence checkable: a figure, an amount, a share or a date.
# Spelled-out small numbers are too common in ordinary prose ("one of the") to
# count alone; a weekday counts when it dates an event ("on Monday").
_FACT = re.compile(
    r"\d|\$|\u20ac|\u00a3|%|\bpercent\b|\b(?:million|billion|trillion|thousand|hundred|dozen)s?\b"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d|\b(?:on|last|next|this)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
)

_FACT_CHAR = re.compile("[0-9$%\u20ac\u00a3]")


def _has_fact(text: str) -> bool:
    if _FACT_CHAR.search(text):
        return True
    if FACT_WORDS.isdisjoint(LOWER_WORD.findall(text.lower())):
        return _FACT.search(text) is not None if not text.isascii() else False
    return _FACT.search(text) is not None


# -- facts the article states itself --
def assertions(doc: Document) -> None:
    body = doc.body
    taken = sorted((d.start, d.end) for d in doc.drafts)
    starts = [t[0] for t in taken]
    for start, end in doc.spans:
        if end - start > MAX_SENTENCE or not doc.claimable(start):
            continue
        index = bisect.bisect_right(starts, end) - 1
        if index >= 0 and taken[index][1] > start:
            continue  # the sentence holds a claim already
        text = body[start:end]
        if text[-1:] not in ".!" and not text.endswith(('."', ".\u201d")):
            continue
        if ANY_QUOTE.search(text) or "?" in text:
            continue
        if text.count(" ") < 5 or not _has_fact(text):
            continue
        text_end = end
        while text_end > start and body[text_end - 1] in ".! ":
            text_end -= 1
        doc.drafts.append(Draft(ClaimKind.ASSERTION, start, text_end, None, confidence.ASSERTION))
