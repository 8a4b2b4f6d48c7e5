"""Speakers carried from one claim to another, and repeats merged.

A quoted fragment takes the speaker of the reported speech around it; a
quotation standing alone takes the person introduced just before it or the
speaker it continues; a pull quote repeating a quotation becomes one claim
found twice (``also_at``).
"""

from __future__ import annotations

import bisect
import re

from . import confidence
from .document import Attribution, Document, Draft
from .grammar import ANY_QUOTE, QUOTE_CHARS, WINDOW, leading_subject, line_floor
from .lexicon import SPEAKER_HEADS
from .mentions import parse_mention
from .segment import sentences
from .types import ActorKind, ClaimKind

# How far back (characters) a lone quotation looks for the speaker it continues.
_INHERIT_REACH = 700

_INHERIT_FAR = 3000

_MAX_REPEATS = 100


_NOT_WORD = re.compile(r"[\W_]+")


def _normal(text: str) -> str:
    return _NOT_WORD.sub(" ", text.lower()).strip()


def _cue_rank(draft: Draft) -> int:
    attribution = draft.attribution
    if attribution is None:
        return 0
    if attribution.cue is None:
        return 1
    return 2


# A sentence telling that someone spoke, without what they said.
_SPEECH_EVENT = re.compile(
    r"\b(?:spoke|speaking|addressed|briefed|told|said|interview|press conference|news conference"
    r"|statement|testified|wrote|explained)\b[^.!?]*[.:]$"
)


def _speech_event(text: str) -> bool:
    """Does ``text`` (with no line break at its end) end with a sentence telling that someone spoke?

    The cue must stand after the last stop: searching from there reads the
    sentence once, where a search from the start read the rest of the text
    again after every cue word (quadratic in a long run of cues).
    """
    if not text.endswith((".", ":")):
        return False
    end = len(text) - 1
    last = max(text.rfind(".", 0, end), text.rfind("!", 0, end), text.rfind("?", 0, end))
    return _SPEECH_EVENT.search(text, last + 1) is not None


def inherit_speakers(doc: Document) -> None:
    """A quotation standing alone continues the speaker quoted just before.

    News copy introduces a speaker once ("X, the mayor, said ...") and lets
    the next paragraphs quote them without a new "she said"; the mention is
    the one that introduced them.
    """
    body = doc.body
    attributed = sorted(
        (d for d in doc.drafts if d.attribution is not None and d.kind != ClaimKind.ASSERTION),
        key=lambda d: d.start,
    )
    starts = [d.start for d in attributed]
    for draft in doc.drafts:
        if draft.kind != ClaimKind.DIRECT or draft.attribution is not None:
            continue
        # "X spoke bluntly:" or "X spoke to reporters." just before.
        previous = body[max(0, draft.start - 200) : draft.start].rstrip(' \n"\u201c')
        colon = previous.endswith(":")
        event = not colon and _speech_event(previous[-200:])
        if colon and _introduce(doc, draft):
            continue
        # "Ruiz was blunt. "...": a person named just before, in the same
        # paragraph, speaks the quotation that follows.
        line_start = line_floor(body, draft.start)
        if body[line_start : draft.start - 1].strip() and _introduce(
            doc, draft, line_start, people_only=True
        ):
            continue
        # "Haddad was furious." closing the paragraph before, with no
        # quotation of its own: Haddad is about to be quoted.
        previous_end = line_start - 1
        while previous_end > max(0, line_start - 20) and body[previous_end - 1].isspace():
            previous_end -= 1  # over the blank lines between paragraphs
        before_break = body.rfind("\n", max(0, previous_end - WINDOW), max(0, previous_end))
        previous_line = body[before_break + 1 : previous_end]
        if (
            not body[line_start : draft.start - 1].strip()
            and previous_line.strip()
            and not ANY_QUOTE.search(previous_line)
            and _introduce(doc, draft, before_break + 1, people_only=True)
        ):
            continue
        index = bisect.bisect_left(starts, draft.start) - 1
        source = attributed[index] if index >= 0 else None
        gap = body[source.end : draft.start] if source else ""
        if source and len(gap) < _INHERIT_REACH and gap.count("\n\n") <= 2:
            _continue_speaker(draft, source, confidence.CONTINUED_NEAR)
            continue
        if event and _introduce(doc, draft):
            continue
        if source and len(gap) < _INHERIT_FAR:
            # A quotation with no speaker anywhere near is most often the
            # last speaker's still: a guess, and marked as one.
            _continue_speaker(draft, source, confidence.CONTINUED_FAR)


def _continue_speaker(draft: Draft, source: Draft, strength: float) -> None:
    assert source.attribution is not None
    draft.attribution = Attribution(
        None,
        source.attribution.cue,
        list(source.attribution.relays),
        inherited=source.attribution.inherited or source.attribution,
        strength=strength,
    )
    draft.confidence = strength


def _introduce(doc: Document, draft: Draft, floor: int = 0, people_only: bool = False) -> bool:
    """The subject of the sentence before ``draft`` becomes its speaker."""
    index = bisect.bisect_left(doc.sentence_starts, draft.start) - 1
    while index >= 0 and doc.spans[index][1] >= draft.start:
        index -= 1  # the sentence the quotation opens is not "before"
    if index < 0 or doc.spans[index][0] < floor:
        return False
    subject = leading_subject(doc.body, doc.spans[index][0], draft.start)
    if not subject:
        return False
    if people_only:
        parsed = parse_mention(doc.body[subject[0] : subject[1]])
        speaking = (
            parsed.pronoun in ("he", "she", "they")
            or (parsed.name is not None and parsed.kind == ActorKind.PERSON)
            or (parsed.anonymous and parsed.head in SPEAKER_HEADS)
        )
        if not speaking:
            return False
    draft.attribution = Attribution(subject, None, [], strength=confidence.INTRODUCED_BEFORE)
    draft.confidence = confidence.INTRODUCED_BEFORE
    return True


def partials_take_sentence_speaker(doc: Document) -> None:
    """A partial quotation inside reported speech has the speaker of that speech."""
    indirect = sorted(
        (d for d in doc.drafts if d.kind == ClaimKind.INDIRECT and d.attribution),
        key=lambda d: d.start,
    )
    starts = [d.start for d in indirect]
    merged: set[int] = set()
    for draft in doc.drafts:
        if draft.kind != ClaimKind.PARTIAL or draft.attribution is not None:
            continue
        index = bisect.bisect_right(starts, draft.start) - 1
        if index >= 0 and indirect[index].end >= draft.start:
            # The reported clause holding the fragment is the partial claim,
            # its quotation marks included.
            host = indirect[index]
            host.kind = ClaimKind.PARTIAL
            after = draft.end
            while after < len(doc.body) and doc.body[after] in ",.!?":
                after += 1
            if after < len(doc.body) and doc.body[after] in QUOTE_CHARS:
                host.end = max(host.end, after + 1)
            merged.add(id(draft))
            continue
        fallback = doc.fallbacks.get((draft.start, draft.end))
        if fallback is not None:
            draft.attribution = fallback
            draft.confidence = confidence.PARTIAL_BESIDE
            continue
        # "..., calling them "chimerical."": the subject of the sentence.
        line_start = line_floor(doc.body, draft.start)
        sents = sentences(doc.body, line_start, draft.start)
        sent_start = sents[-1][0] if sents else line_start
        subject = leading_subject(doc.body, sent_start, draft.start)
        if subject:
            parsed = parse_mention(doc.body[subject[0] : subject[1]])
            if parsed.name or parsed.pronoun or parsed.anonymous:
                draft.attribution = Attribution(
                    subject, None, [], strength=confidence.PARTIAL_SENTENCE_SUBJECT
                )
                draft.confidence = confidence.PARTIAL_SENTENCE_SUBJECT
    # A quoted fragment nobody is said to have said is a title or a scare quote.
    doc.drafts = [d for d in doc.drafts if id(d) not in merged]
    doc.drafts = [
        d
        for d in doc.drafts
        if not (
            d.kind == ClaimKind.PARTIAL
            and d.attribution is None
            and doc.body[d.start : d.end].count(" ") < 4
        )
    ]


def merge_repeats(doc: Document) -> None:
    """A pull quote repeating a quotation is one claim found twice."""
    seen: dict[str, Draft] = {}
    dropped: set[int] = set()
    for draft in sorted(doc.drafts, key=lambda d: d.start):
        if draft.kind not in (ClaimKind.DIRECT, ClaimKind.PARTIAL):
            continue
        key = _normal(doc.body[draft.start : draft.end])
        if len(key) < 20:
            continue
        other = seen.get(key)
        if other is None:
            seen[key] = draft
            continue
        if _cue_rank(draft) == 2 and _cue_rank(other) == 2:
            # Both stand in running text with their own "X said": the same
            # words said twice (or by two people), not a pull quote.
            continue
        # Keep the occurrence with the fuller attribution as the claim.
        if _cue_rank(draft) > _cue_rank(other):
            draft.also_at.append((other.start, other.end))
            draft.also_at.extend(other.also_at)
            seen[key] = draft
            loser = other
        else:
            other.also_at.append((draft.start, draft.end))
            loser = draft
        dropped.add(id(loser))
        if loser.attribution is not None and len(dropped) < _MAX_REPEATS:
            # Its speaker is the same actor; resolving it records the
            # mention's role and spelling on that actor.
            doc.speaker_of(loser.attribution)
    doc.drafts = [d for d in doc.drafts if id(d) not in dropped]
