"""Who a cue verb's subject is, and whether the word found is a cue verb at all.

"The Kremlin on Tuesday said" is the Kremlin; "X, which has offered to ..."
is a relative clause, not a cue; "X called the bill ... and said ..." shares
its subject; "state Rep. Ana Ruiz" holds no verb.
"""

from __future__ import annotations

import re

from .cues import CUE_VERBS
from .grammar import Tok, leading_subject, subject_before, tokens, valid_trailing_subject
from .lexicon import AUXILIARIES, FINITE, PRONOUNS_ALL, words

# Base forms that are far more often nouns or adjectives, and the words after
# which they are verbs: "would back", "they claim", "did not deny".
NOUN_LIKE = words(
    "state report note question plan post signal back support project answer counter offer "
    "rule call demand request cite record hope fear claim charge estimate forecast comment "
    "attack welcome brand label thank doubt trust wish rebut"
)
BEFORE_BASE = (
    AUXILIARIES
    | FINITE
    | words("i we you they not also to never often still will would can could may might must")
)
# Words that end a subject when they stand last before its verb.
_RELATIVES = frozenset(("who", "which", "that", "whom"))
_JOINS = frozenset(("and", "but", "or"))
# "The Kremlin on Tuesday said": a time phrase after the subject is not part of it.
_SUBJECT_TIME = re.compile(
    r"\s*,?\s+(?:(?:on|last|this|late|early|earlier)\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"|yesterday|today|tonight|week|month|year|night)(?:\s+(?:morning|afternoon|evening|night))?"
    r"\s*,?$"
)
_TIME_WORDS = ("day", "today", "tonight", "week", "month", "year", "night")
_BE = frozenset(("is", "are", "was", "were", "be", "been", "being"))


def _words_before(body: str, start: int, position: int) -> list[str]:
    """The last two words before ``position``, lower case, punctuation dropped."""
    return [
        w.strip(",;:()").lower() for w in body[max(start, position - 30) : position].split()[-2:]
    ]


def passive(body: str, start: int, verb: Tok) -> bool:
    """'was reported', 'is widely expected': a form of "be" just before the verb."""
    return any(word in _BE for word in _words_before(body, start, verb.start))


def cue_subject(body: str, start: int, verb: Tok) -> tuple[int, int] | None:
    words = _words_before(body, start, verb.start)
    if words and (
        words[-1] in _RELATIVES
        or (len(words) == 2 and words[0] in _RELATIVES and words[1] in AUXILIARIES)
    ):
        return None  # the verb of a relative clause: "Turkey, which has offered to ..."
    if words and words[-1] in _JOINS:
        # "X called the bill "..." and said ...": the sentence's own subject.
        return sentence_subject(body, start, verb.start)
    subject = subject_before(body, start, verb)
    if subject is None:
        # "... after talks in which party leaders warned ...": the nearest noun phrase.
        subject = _nearest_subject(body, start, verb)
    if subject is None:
        return None
    first = body[subject[0] : subject[1]].split(" ", 1)
    if len(first) > 1 and first[0].lower() in PRONOUNS_ALL:
        return None  # a pronoun is a whole subject: "He also expressed ... plans" is no cue
    text = body[subject[0] : subject[1]]
    time = (
        _SUBJECT_TIME.search(body, subject[0], subject[1])
        if any(word in text for word in _TIME_WORDS)
        else None
    )
    if time and time.start() > subject[0]:
        subject = (subject[0], time.start())
    return subject


# Words after which a new clause's subject starts.
_CLAUSE_OPENERS = words(
    "which who whom that after when while as because since although though whereas where if"
)


def _nearest_subject(body: str, start: int, verb: Tok) -> tuple[int, int] | None:
    toks = tokens(body, max(start, verb.start - 80), verb.start)
    for index in range(len(toks) - 1, max(-1, len(toks) - 7), -1):
        if toks[index].low in _CLAUSE_OPENERS or toks[index].text in ",;:(":
            candidate = toks[index + 1 :]
            if candidate and valid_trailing_subject(candidate):
                return candidate[0].start, candidate[-1].end
            return None
    return None


def sentence_subject(body: str, start: int, end: int) -> tuple[int, int] | None:
    """Who a sentence is about: its opening name, or what stands before its first verb."""
    subject = leading_subject(body, start, end)
    if subject is not None:
        return subject
    for index, tok in enumerate(tokens(body, start, min(end, start + 160))[:10]):
        low = tok.low
        if (
            index
            and tok.text[0].islower()
            and (low in FINITE or low.endswith("ed") or low in CUE_VERBS)
        ):
            return subject_before(body, start, tok)
    return None
