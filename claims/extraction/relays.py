"""Outlets a claim travelled through: "..., the Zephyr agency reported".

``relays_in`` finds the news agencies, newspapers and broadcasters named in a
stretch of text; the other patterns are the relay-bearing sentence shapes the
steps test ("Y quoted X as saying", "..., Y reported, citing X").
"""

from __future__ import annotations

import re

from .grammar import WHO, trim_name
from .lexicon import NOT_OUTLETS, OUTLET_WORDS
from .mentions import parse_mention
from .types import ActorKind

# "the state-run X agency", "the pro-government X channel": a describing word
# or two may stand before the name. Each word of the name is taken whole
# (``*+``): with a backtracking ``*`` next to the optional space, a run of
# capitals could be cut into words in every possible way, and a failing match
# took time growing as the fifth power of the run's length.
_RELAY_NAME = (
    r"(?:the\s+)?(?:(?:[a-z]+-[a-z]+|state|official|independent|private|public|national"
    r"|regional|local|online|opposition|business|financial)\s+){0,2}"
    r"(?:[A-Z][\w'\u2019.&\-/]*+\s*){1,5}"
)

_RELAY_TAIL = re.compile(
    rf"(?:carried|cited|quoted|reported|published|broadcast|aired|posted)\s+by\s+(?P<c>{_RELAY_NAME})"
    rf"|according\s+to\s+(?P<b>{_RELAY_NAME})"
    rf"|(?:interview|comments|remarks|statement|op-ed|column|article|podcast|broadcast"
    rf"|report|story)\s+(?:with|to|for|in|on|by)\s+(?P<d>{_RELAY_NAME})"
    rf"|[,\"\u201d]{{1,3}}\s*(?P<a>{_RELAY_NAME}?)\s*(?:news\s+agency\s+|newspaper\s+|agency\s+)?(?:reported|reports|said|added|quoted|cited|wrote)\b"
    rf"|(?:told|telling)\s+(?P<e>{_RELAY_NAME})"
    # "wrote in the Daily Planet", "said on Radio Vantor", "speaking to the Ledger"
    rf"|(?:wrote|writing|said|says|speaking|appeared|interviewed)\s+(?:in|on|to|by)\s+(?P<g>{_RELAY_NAME})"
)

# "the Morning Ledger newspaper", "the Solway news agency": a name before an
# outlet noun is an outlet, whatever the name. The name starts at the first
# capital of a word: tried again from each later capital of a word that no
# outlet noun follows, a long word of capitals was read once per letter.
_OUTLET_BEFORE_NOUN = re.compile(
    r"(?<![\w'\u2019.&\-/])(?>[\w'\u2019.&\-/]*?(?=[A-Z]))"
    r"(?P<name>[A-Z][\w'\u2019.&\-/]*(?:\s+[A-Z][\w'\u2019.&\-/]*){0,3})\s+"
    r"(?:news\s+agency|newspaper|daily|broadcaster|channel|radio|television|magazine|website"
    r"|weekly|wire\s+service|news\s+service|news\s+site)\b"
)

_OUTLET_PHRASE = re.compile(
    r"(?:news\s+agency|newspaper|daily|broadcaster|television|TV\s+channel|radio|website|"
    r"magazine|wire\s+service|agency)\s+(?P<name>(?:[A-Z][\w'\u2019.&\-/]*+\s*){1,4})"
)


def relays_in(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outlets a claim was passed through, named in ``body[start:end]``."""
    found: list[tuple[int, int]] = []
    for match in _RELAY_TAIL.finditer(body, start, end):
        for group in ("a", "b", "c", "d", "e", "g"):
            if match.group(group):
                definite = match.group(group).lower().startswith("the ")
                span = trim_name(body, *match.span(group), article=True)
                if span and _looks_like_outlet(body[span[0] : span[1]], group, definite):
                    found.append(span)
                break
    # Searched in a copy of the rest of the stretch, so that the word the search
    # starts in counts as starting there, whatever stands before it.
    offset = start
    while (match := _OUTLET_BEFORE_NOUN.search(body[offset:end])) is not None:
        name_start, name_end = match.span("name")
        span = trim_name(body, offset + name_start, offset + name_end, article=True)
        offset += match.end()
        if span and span not in found:
            found.append(span)
    for match in _OUTLET_PHRASE.finditer(body, start, end):
        span = trim_name(body, *match.span("name"), article=True)
        if span and span not in found:
            found.append(span)
    found.sort()
    return found


_ACRONYM = re.compile(r"[A-Z]{2,}[0-9]*")


def _looks_like_outlet(name: str, group: str, definite: bool = False) -> bool:
    parsed = parse_mention(name)
    if parsed.pronoun is not None or parsed.name is None:
        return False
    if definite and parsed.kind != ActorKind.GOVERNMENT and group != "a":
        # "told the Morning Ledger": people are not named with "the".
        return True
    if parsed.kind in (ActorKind.ORGANIZATION,):
        return True
    name_words = parsed.name.split()
    words_low = [w.lower() for w in name.split()]
    if any(w in NOT_OUTLETS for w in words_low):
        return False  # "told MPs", "told Parliament", "told NATO allies"
    if any(w in OUTLET_WORDS for w in words_low) or (
        len(name_words) > 1 and _ACRONYM.fullmatch(name_words[0])
    ):
        # "told Harbour Newswire", "told XYZ Radio", "told NTV Highlands"
        return group != "g" or definite
    # "told Kestrelwire", "Zephyr reported": a lone capitalised word that is no
    # one's surname. A two-word person name is a person.
    if group == "g":
        # "said in Geneva", "said on Monday": only a body or "the ..." is an outlet.
        return False
    if len(name_words) == 1 and group in ("a", "b", "c", "d", "e"):
        return parsed.kind != ActorKind.GOVERNMENT
    return group in ("c", "d") and parsed.kind != ActorKind.PERSON


# The noun after an outlet's name: "the Solway news agency reported".
_OUTLET_NOUN = (
    r"(?:\s*(?:news\s+agency|agency|newspaper|daily|channel|broadcaster|television|radio"
    r"|website|news\s+site)\b)?\s*"
)

PASSIVE_BY = re.compile(rf"(?:\s+as\s+saying)?\s+by\s+(?P<relay>{_RELAY_NAME})")

QUOTED_AS_SAYING = re.compile(
    rf"(?P<relay>{_RELAY_NAME})\s+(?:quoted|cited)\s+{WHO}\s+as\s+saying\s*,?\s*(?:that\s+)?"
)

PASSIVE_QUOTED = re.compile(
    rf"{WHO}\s+(?:was|were)\s+quoted\s+by\s+(?P<relay>{_RELAY_NAME})\s*as\s+saying\s*,?\s*(?:that\s+)?"
)

CITING_TAIL = re.compile(
    rf",\s*(?P<relay>{_RELAY_NAME}){_OUTLET_NOUN}\s*(?:reported|said|wrote),?\s+citing\s+{WHO}\s*$"
)

RELAY_END = re.compile(
    rf"[,\"\u201d]{{1,3}}\s*(?:{_RELAY_NAME}{_OUTLET_NOUN}reported"
    r"|according\s+to\s+[^,]{1,60}|(?:the\s+)?[A-Za-z][\w\- ]{0,40}\s+said)\s*$"
)
