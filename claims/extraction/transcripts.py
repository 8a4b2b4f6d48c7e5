"""Interview and Q&A transcripts: a speaker label, a colon, the words.

A transcript prints direct speech without quotation marks, and its label says
who speaks: "NAZARI-LUND: No. We have a plan ...", "A: ...". Only a run of
labelled turns that come back is a transcript; one "Note: ..." line is not.
Questions and an interviewer's turns are not claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import confidence
from .document import Attribution, Document, Draft
from .grammar import leading_subject
from .lexicon import words
from .mentions import parse_mention
from .types import ActorKind, ClaimKind

# A label opens its line: "Q:", "A:", "LIN:", "Lin Qiaowen:", "MODERATOR:".
_LABEL = re.compile(
    r"^[ \t]*(?P<label>[A-Z][A-Za-z.'\u2019\-]*(?:[ \t]+[A-Za-z][A-Za-z.'\u2019\-]*){0,3})"
    r"[ \t]*:[ \t]+(?=\S)",
    re.MULTILINE,
)
# Labels that only ever ask or introduce.
_ASKING = words("q question interviewer moderator host presenter anchor reporter journalist")
_ANSWERING = words("a answer")
# "Note:", "Editor's note:", "Photo:": furniture, not a speaker.
_NOT_SPEAKERS = words(
    """
    note editor's editors correction clarification update updated photo photos picture
    caption source sources read watch listen see also related more advertisement disclaimer
    warning tags filed posted published by subject re date time location venue where when
    contact email tel phone web
    """
)
# This many labelled turns at least make a transcript.
_MIN_TURNS = 3


@dataclass(frozen=True, slots=True)
class Turn:
    label: tuple[int, int]
    start: int  # the words, from the first after the colon ...
    end: int  # ... to the last before the next turn or the end of its paragraph
    asking: bool


def _key(label: str) -> str:
    return label.lower().rstrip(".")


def turns(body: str) -> list[Turn]:
    """The labelled turns of the transcripts in ``body``, in order."""
    found = []
    for match in _LABEL.finditer(body):
        label = match["label"]
        key = _key(label)
        if key.split()[0] in _NOT_SPEAKERS:
            continue
        # A name or an interviewer's word, not a sentence's opening ("The
        # reason is simple: ..."): short, upper case or every word capitalised.
        if not (len(label) <= 2 or label.isupper() or all(w[0].isupper() for w in label.split())):
            continue
        found.append(match)
    if len(found) < _MIN_TURNS:
        return []
    keys = [_key(match["label"]) for match in found]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    out: list[Turn] = []
    for index, match in enumerate(found):
        key = keys[index]
        if counts[key] < 2:
            continue  # a label that never comes back is not a speaker's turn
        if index + 1 < len(found):
            end = found[index + 1].start()
        else:
            stop = body.find("\n\n", match.end())
            end = len(body) if stop < 0 else stop
        while end > match.end() and body[end - 1].isspace():
            end -= 1
        text = body[match.end() : end]
        asking = key in _ASKING or (text.endswith("?") and "\n" not in text)
        out.append(Turn(match.span("label"), match.end(), end, asking))
    return out


def transcript_claims(doc: Document) -> None:
    found = turns(doc.body)
    if not found:
        return
    body = doc.body
    quoted = [(d.start, d.end) for d in doc.drafts if d.kind == ClaimKind.DIRECT]
    answerer: str | None = None
    for turn in found:
        if turn.asking or not doc.claimable(turn.start):
            continue
        if any(start < turn.end and turn.start < end for start, end in quoted):
            continue
        label = body[turn.label[0] : turn.label[1]]
        if _key(label) in _ANSWERING:
            if answerer is None:
                answerer = _interviewee(doc, found[0].label[0])
            resolve_as = answerer
        else:
            # "NAZARI-LUND" is the person Nazari-Lund.
            resolve_as = label.title() if label.isupper() else None
        attribution = Attribution(
            turn.label, None, strength=confidence.TRANSCRIPT, resolve_as=resolve_as
        )
        doc.drafts.append(
            Draft(ClaimKind.DIRECT, turn.start, turn.end, attribution, confidence.TRANSCRIPT)
        )


def _interviewee(doc: Document, first_turn: int) -> str | None:
    """The person the introduction names: who answers "A:"."""
    for start, end in doc.spans:
        if start >= first_turn:
            break
        subject = leading_subject(doc.body, start, end)
        if subject is None:
            continue
        text = doc.body[subject[0] : subject[1]]
        parsed = parse_mention(text)
        if parsed.kind == ActorKind.PERSON and parsed.name and " " in parsed.name:
            return text
    return None
