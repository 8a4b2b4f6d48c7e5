"""A speaker mention parsed into a name, a role and a kind.

A mention is the words naming a speaker at one claim ("U.S. Defense Secretary
Ana Ruiz", "he", "A U.S. official traveling with ..."). ``parse_mention``
splits it into a name and a role and guesses the kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (
    ANONYMOUS_HEADS_PLURAL,
    ANONYMOUS_HEADS_SINGULAR,
    DETERMINERS,
    GOVERNMENT_PHRASES,
    GOVERNMENT_PLACES,
    GOVERNMENT_WORDS,
    MENTION_BREAKS,
    NAME_CONNECTORS,
    NAME_PARTICLES,
    NATIONALITIES,
    NOT_NAMES,
    ORGANIZATION_WORDS,
    PRONOUNS_ALL,
    STATE_WORDS,
    TITLES,
)
from .types import ActorKind

_TOKEN = re.compile(r"[^\s,]+|,")
_RELATIVE = re.compile(
    r"\s+(?:who|which|that|whose|whom|traveling|travelling|speaking|briefing|familiar|"
    r"close|involved|with|in|at|on|from|during|after|before|when|while)\b",
)


@dataclass(frozen=True, slots=True)
class ParsedMention:
    text: str
    name: str | None  # the name without title, None for descriptions and pronouns
    role: str | None
    kind: ActorKind
    anonymous: bool
    pronoun: str | None = None
    head: str | None = None  # head noun of a description ("official")


def clean_word(token: str) -> str:
    # A full stop stays: it belongs to "U.S." and to initials.
    return token.strip(",;:()[]\"'\u2018\u2019\u201c\u201d")


def possessive_stripped(token: str) -> str:
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if token.endswith(suffix) and len(token) > len(suffix) + 1:
            return token[: -len(suffix)]
    return token


def _is_name_token(token: str) -> bool:
    word = clean_word(token)
    if word[:3] in ("al-", "el-") and word[3:4].isupper():
        return True  # "al-Masri"
    if not word or not word[0].isupper():
        return False
    if word.endswith(".") and len(word) > 2 and "." not in word[:-1]:
        return False  # "Moscow." ends a sentence; "W." and "U.S." do not
    low = word.lower()
    return low not in TITLES and low not in NOT_NAMES and low not in NATIONALITIES


def trailing_name(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split tokens into (role words, name words): the name is the trailing run."""
    index = len(tokens)
    while index > 0:
        token = tokens[index - 1]
        if _is_name_token(token):
            index -= 1
            continue
        if (
            token in NAME_PARTICLES  # lower case only: "Ben" is a given name
            and index - 1 > 0
            and index < len(tokens)
            and _is_name_token(tokens[index - 2])
        ):
            index -= 1
            continue
        break
    # A particle cannot start a name ("van der Berg" keeps the given name).
    start = index
    while index < len(tokens) and tokens[index] in NAME_PARTICLES:
        index += 1
    if start == 0 and index < len(tokens):
        index = 0  # the mention is the surname alone: "van Dijk"
    return tokens[:index], tokens[index:]


def _has_description(tokens: list[str]) -> bool:
    """Lower-case content words make a description, not a proper name."""
    for token in tokens:
        word = clean_word(token)
        if not word:
            continue
        low = word.lower()
        if (
            word[0].islower()
            and low not in DETERMINERS
            and low not in NAME_CONNECTORS
            and low not in TITLES
        ):
            return True
    return False


def kind_of_name(words: list[str]) -> ActorKind:
    low_words = [clean_word(w).lower() for w in words]
    phrase = " ".join(low_words)
    if phrase in GOVERNMENT_PLACES or phrase.replace(" ", "-") in GOVERNMENT_PLACES:
        return ActorKind.GOVERNMENT
    if any(phrase == p or phrase == p.removeprefix("the ") for p in GOVERNMENT_PHRASES):
        return ActorKind.GOVERNMENT
    if not GOVERNMENT_WORDS.isdisjoint(low_words):
        return ActorKind.GOVERNMENT
    if not ORGANIZATION_WORDS.isdisjoint(low_words):
        return ActorKind.ORGANIZATION
    if len(words) == 1 and (words[0].isupper() and len(words[0]) > 1):
        return ActorKind.ORGANIZATION  # an acronym: NATO, IAEA
    return ActorKind.PERSON


def _description(tokens: list[str], text: str) -> ParsedMention:
    words = [clean_word(t) for t in tokens]
    low = [w.lower() for w in words]
    head = None
    plural = False
    for word in low:
        if word in ANONYMOUS_HEADS_SINGULAR:
            head = word
            break
        if word in ANONYMOUS_HEADS_PLURAL:
            head, plural = word, True
            break
    if head is None:
        # The head noun is the last lower-case word before any prepositional
        # phrase: "Russia's envoy to the talks" -> envoy.
        for cut, word in enumerate(low):
            if cut and word in MENTION_BREAKS:
                low = low[:cut]
                break
        lowers = [w for w in low if w and w not in DETERMINERS and w not in NAME_CONNECTORS]
        head = lowers[-1] if lowers else (low[-1] if low else "")
        plural = head.endswith("s") and not head.endswith("ss")
    if head in GOVERNMENT_WORDS:
        kind = ActorKind.GOVERNMENT
    elif head in ORGANIZATION_WORDS or head in {
        "company",
        "agency",
        "statement",
        "report",
    }:
        kind = ActorKind.ORGANIZATION
    elif plural:
        kind = ActorKind.GROUP
    else:
        kind = ActorKind.PERSON
    return ParsedMention(text, None, None, kind, True, None, head)


@lru_cache(maxsize=4096)
def parse_mention(text: str) -> ParsedMention:
    text = text.strip().strip(",")
    low = text.lower()
    if low in PRONOUNS_ALL:
        return ParsedMention(text, None, None, ActorKind.PERSON, False, low)
    # Relative clauses and participles describe the speaker; they are not names.
    segments = [s.strip() for s in text.split(",") if s.strip()]
    if not segments:
        return ParsedMention(text, None, None, ActorKind.PERSON, True, None, None)
    # Find the segment that holds a name: a bare name first ("..., Linda Reyes"),
    # then a description closing on a full name ("the engineer Ana Ruiz").
    for strict in (True, False):
        found = _named_segment(text, segments, strict)
        if found is not None:
            return found
    return _description(_TOKEN.findall(segments[0]), text)


# "Omar Haddad of Brightwater Bank": a personal name, then where the person works.
_NAME_OF = re.compile(
    r"(?P<name>[A-Z][\w'\u2019.\-]+(?:\s+[A-Z][\w'\u2019.\-]+){1,3})"
    r"\s+(?P<role>(?:of|at|from)\s+(?:the\s+)?[A-Z].*)"
)


def _person_of(text: str, segments: list[str]) -> ParsedMention | None:
    if len(segments) != 1:
        return None
    match = _NAME_OF.fullmatch(segments[0])
    if match is None:
        return None
    words = match.group("name").split()
    # "Senator Judith Okafor-Lamb of Maine": the titles go to the role.
    lead = 0
    while lead < len(words) - 2 and words[lead].lower().strip(".") in TITLES:
        lead += 1
    titles, words = words[:lead], words[lead:]
    low = [w.lower().strip(".") for w in words]
    if low[0] in DETERMINERS or any(
        w in TITLES or w in ORGANIZATION_WORDS or w in GOVERNMENT_WORDS or w in STATE_WORDS
        for w in low
    ):
        return None  # "The Republic of Norland", "Bank of England"
    if kind_of_name(words) != ActorKind.PERSON:
        return None
    role = " ".join([*titles, match.group("role")])
    return ParsedMention(text, " ".join(words), role, ActorKind.PERSON, False)


def _named_segment(text: str, segments: list[str], strict: bool) -> ParsedMention | None:
    person = _person_of(text, segments)
    if person is not None:
        return person
    for index, segment in enumerate(segments):
        seg = segment
        rel = _RELATIVE.search(seg)
        if rel and _has_description(_TOKEN.findall(seg[: rel.start()])):
            seg = seg[: rel.start()]
        tokens = _TOKEN.findall(seg)
        if not tokens:
            continue
        first_low = clean_word(tokens[0]).lower()
        body_tokens = tokens[1:] if first_low in DETERMINERS else tokens
        role_words, name_words = trailing_name(body_tokens)
        if _has_description(body_tokens) and (strict or len(name_words) < 2):
            continue
        whole = [clean_word(w) for w in body_tokens]
        if (
            role_words
            and len(name_words) < 2  # not "White House Press Secretary Jane Doe"
            and all(w[:1].isupper() for w in whole)
            and kind_of_name(whole) != ActorKind.PERSON
        ):
            # "Foreign Ministry", "Defense Department": a body's name keeps
            # the words that would be a title in front of a person.
            role_words, name_words = [], body_tokens
        elif (
            role_words
            and any(w in ("of", "for", "and", "&") for w in role_words)
            and all(w[:1].isupper() or w in NAME_CONNECTORS for w in whole)
            and (
                len(name_words) < 2
                or (
                    whole[0].lower() in ORGANIZATION_WORDS
                    and not any(
                        clean_word(w).lower() in TITLES
                        for w in role_words[1:]
                        if w not in NAME_CONNECTORS
                    )
                )
            )
            and kind_of_name(whole) != ActorKind.PERSON
        ):
            # "Union of Dock Workers" is one name, not a role and a name.
            role_words, name_words = [], body_tokens
        if not name_words:
            continue
        name_words = [
            possessive_stripped(clean_word(w)) if i == len(name_words) - 1 else clean_word(w)
            for i, w in enumerate(name_words)
        ]
        name = " ".join(w for w in name_words if w)
        if not name:
            continue
        role_parts = [s for i, s in enumerate(segments) if i != index]
        own_role = " ".join(clean_word(w) for w in role_words if clean_word(w))
        if (
            first_low in DETERMINERS
            and not role_words
            and kind_of_name(name_words) == ActorKind.PERSON
        ):
            # "the Harwell Institution": a determiner before a bare name marks a body.
            kind = ActorKind.ORGANIZATION
        else:
            kind = kind_of_name(name_words)
        if own_role:
            if index == 0:
                role_parts.insert(0, own_role)
            else:
                role_parts.append(own_role)
        role = ", ".join(p for p in role_parts if p) or None
        return ParsedMention(text, name, role, kind, False, None, None)
    return None
