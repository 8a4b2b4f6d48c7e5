"""Attributions carried by a noun or by a passive: no verb of saying with a subject.

"His message: ...", "Ruiz's verdict was that ...", "a report in the Gazette
that ..." put the content in a noun's mouth; "It was reported that ...", "The
bill is expected to pass ..." name no source at all.
"""

from __future__ import annotations

import re

from . import confidence
from .document import Attribution, Document, Draft
from .frames import clause_end
from .grammar import trim_name
from .types import ClaimKind

# Passive evidentials with no named source: "It was reported that ...", "The
# bill is expected to pass ...", "She is widely seen as ...".
_EVIDENTIAL_ADVERBS = (
    r"(?:(?:widely|generally|also|now|still|largely|increasingly|privately|long|already)\s+)?"
)
_IT_PASSIVE = re.compile(
    r"\b[Ii]t\s+(?:is|was|has\s+been|had\s+been|is\s+being|was\s+being)\s+"
    + _EVIDENTIAL_ADVERBS
    + r"(?P<verb>reported|said|believed|understood|expected|feared|alleged|thought|rumou?red"
    r"|known|estimated|claimed|suggested|assumed|hoped|argued|predicted|announced|confirmed)"
    r"\s+(?:that\s+)?"
)
_SUBJECT_PASSIVE = re.compile(
    r"\s(?P<cue>(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+"
    + _EVIDENTIAL_ADVERBS
    + r"(?:expected|believed|thought|said|reported|understood|alleged|rumou?red|seen|considered"
    r"|regarded|viewed|tipped|estimated|feared|known|projected|predicted|forecast|claimed)"
    r"\s+(?:to|as)\b)"
)

# ", and ...", ", but ...": the evidential's clause ends there.
_NEW_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas|though|although)\s")

# A noun of saying owned by its source: "His message: ...", "Ruiz's verdict
# was that ...", "a report in the Gazette that ...".
_NOUN_ALTERNATION = (
    r"message|verdict|reply|response|answer|argument|view|position|conclusion|assessment"
    r"|advice|warning|point|prediction|claim|pledge|promise|statement|explanation|diagnosis"
)
_OWNED_NOUN = re.compile(
    r"(?P<who>(?:His|Her|Their|Its|Our)|[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3}['\u2019]s)\s+"
    r"(?:[a-z]+\s+)?(?P<noun>" + _NOUN_ALTERNATION + r")\b"
    # "... to the rebels was short:", "... was that"
    r"(?:[^:.;\"\u201c\u201d]{0,50}?:|\s+(?:was|is)\s+that\b)\s*"
)
_NOUN_SOURCE = re.compile(
    r"\b(?:a|an|the)\s+(?:[a-z]+\s+)?(?P<noun>report|claim|suggestion|allegation|accusation"
    r"|story|article|warning|assessment|finding|study|survey|poll|analysis)s?\s+"
    r"(?:in|by|from|of)\s+(?P<who>(?:the\s+)?[A-Z][^,;:\"\u201c\u201d]{0,60}?)\s+"
    r"(?:that|which\s+(?:said|found|showed|suggested|claimed))\s+"
)

# The nouns and passives above as words, for the quick first test of a sentence.
CUE_NOUN_WORDS = frozenset(_NOUN_ALTERNATION.split("|")) | frozenset(
    ("regarded", "seen", "considered", "viewed", "tipped", "understood", "rumoured", "rumored")
)


def owned_noun(doc: Document, start: int, text_end: int) -> Draft | None:
    """'His message: ...': the owner is the source."""
    body = doc.body
    match = _OWNED_NOUN.match(body, start, text_end)
    if match is None:
        return None
    content_end, relays = clause_end(body, match.end(), text_end)
    if body[match.end() : content_end].count(" ") < 2:
        return None
    mention = trim_name(body, *match.span("who"))
    attribution = Attribution(mention, match["noun"], relays, strength=confidence.NOUN_CUE)
    return Draft(ClaimKind.INDIRECT, match.end(), content_end, attribution, confidence.NOUN_CUE)


def noun_source(doc: Document, start: int, text_end: int) -> Draft | None:
    """'a report in the Gazette that ...': the noun's source said the rest."""
    body = doc.body
    match = _NOUN_SOURCE.search(body, start, text_end)
    if match is None:
        return None
    mention = trim_name(body, *match.span("who"))
    if mention is None:
        return None
    content_end, relays = clause_end(body, match.end(), text_end)
    if body[match.end() : content_end].count(" ") < 2:
        return None
    attribution = Attribution(mention, match["noun"], relays, strength=confidence.NOUN_CUE)
    return Draft(ClaimKind.INDIRECT, match.end(), content_end, attribution, confidence.NOUN_CUE)


def evidential(doc: Document, start: int, text_end: int) -> Draft | None:
    """'It was reported that ...', '... is expected to ...': no source is named."""
    body = doc.body
    match = _IT_PASSIVE.search(body, start, text_end)
    if match:
        content_end, relays = clause_end(body, match.end(), text_end)
        if body[match.end() : content_end].count(" ") >= 2:
            cue = body[match.start() : match.end()].strip()
            attribution = Attribution(None, cue, relays, strength=confidence.NO_SOURCE)
            return Draft(
                ClaimKind.INDIRECT, match.end(), content_end, attribution, confidence.NO_SOURCE
            )
    match = _SUBJECT_PASSIVE.search(body, start, text_end)
    if match and match.start() > start:
        # The sentence from its subject (past an opening phrase and its comma) to
        # the end of the clause: "Three weeks in, X is seen as the favourite, and ..."
        comma = body.rfind(",", start, match.start())
        content_start = start if comma < 0 else comma + 1
        while content_start < match.start() and body[content_start] == " ":
            content_start += 1
        content_end, relays = clause_end(body, content_start, text_end)
        after = _NEW_CLAUSE.search(body, match.end(), content_end)
        if after:
            content_end = after.start()
        if content_end - match.end() > 5 and match.start() > content_start:
            attribution = Attribution(None, match["cue"], relays, strength=confidence.NO_SOURCE)
            return Draft(
                ClaimKind.INDIRECT, content_start, content_end, attribution, confidence.NO_SOURCE
            )
    return None
