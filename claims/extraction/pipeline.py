"""Text in, ``ExtractedArticle`` out: the one entry point of the extraction.

The steps, each linear in the length of the text, each in its own module:

1. lines and page furniture, metadata (``segment``), quotation spans from one
   pass over the quotation marks (``quotes``) and sentences, gathered in one
   ``document.Document``;
2. each quotation's attribution (``quotations``): the speaker after it ("...,"
   X said), inverted ("...," said X, a fellow at ...), before it (X said:
   "..."), a relay tail (", the news agency reported"), a credit line under a
   pull quote, or, for a quotation standing alone, the person introduced just
   before it; block quotations set off after "X wrote:";
3. reported speech without quotation marks (``reported``): a subject, a
   reporting verb and its content clause, in the orders news prose uses;
4. unattributed sentences that state checkable facts (``facts``);
5. a quoted fragment takes the speaker of the reported speech around it, a
   quotation standing alone the speaker it continues, and a pull quote
   repeating a quotation is merged into it (``continuations``);
6. speakers resolved to actors across the article (``speakers``), in text
   order, so that pronouns and "the minister" find the right earlier person.

Every window looked at around a position is bounded, so that no input, however
long or malformed, makes the work grow faster than its length.
"""

from __future__ import annotations

import dataclasses
import datetime

from .continuations import inherit_speakers, merge_repeats, partials_take_sentence_speaker
from .document import Document
from .facts import assertions
from .quotations import block_quotes, quote_claims
from .reported import indirect_claims
from .segment import unwrap_hard_lines
from .transcripts import transcript_claims
from .types import ArticleMetadata, ExtractedArticle, ExtractedClaim, Relay

# The steps in the order they run; each reads the document and adds drafts or
# settles the speakers of earlier ones.
STEPS = (
    quote_claims,
    block_quotes,
    transcript_claims,
    indirect_claims,
    assertions,
    partials_take_sentence_speaker,
    inherit_speakers,
    merge_repeats,
)


def _finish(doc: Document) -> tuple[list[ExtractedClaim], dict[str, None]]:
    claims: dict[tuple[str, int, int], ExtractedClaim] = {}
    used: dict[str, None] = {}  # actors in order of their first claim
    for draft in sorted(doc.drafts, key=lambda d: (d.start, d.end)):
        speaker = None
        cue = None
        via: tuple[Relay, ...] = ()
        if draft.attribution is not None:
            speaker = doc.speaker_of(draft.attribution)
            cue = draft.attribution.cue
            via = tuple(
                Relay(doc.body[s:e], s, e)
                for s, e in dict.fromkeys(draft.attribution.relays)
                if speaker is None or not (s == speaker.start and e == speaker.end)
            )
        if speaker is not None:
            used.setdefault(speaker.actor)
        key = (draft.kind.value, draft.start, draft.end)
        if key in claims:
            continue
        claims[key] = ExtractedClaim(
            kind=draft.kind,
            text=doc.body[draft.start : draft.end],
            start=draft.start,
            end=draft.end,
            speaker=speaker,
            cue=cue,
            via=via,
            confidence=round(draft.confidence, 2),
            also_at=tuple(sorted(set(draft.also_at))),
        )
    ordered = sorted(claims.values(), key=lambda c: (c.start, c.end, c.kind.value))
    return ordered, used


def _restored(claim: ExtractedClaim, body: str, unwrapped: str) -> ExtractedClaim:
    """A claim found in the unwrapped text, its words as the original has them.

    Unwrapping keeps every offset, so only the line breaks differ."""

    def original(text: str, start: int, end: int) -> str:
        return body[start:end] if unwrapped[start:end] == text else text

    speaker = claim.speaker
    if speaker is not None:
        speaker = dataclasses.replace(
            speaker, mention=original(speaker.mention, speaker.start, speaker.end)
        )
    return dataclasses.replace(
        claim,
        text=original(claim.text, claim.start, claim.end),
        speaker=speaker,
        via=tuple(
            dataclasses.replace(relay, name=original(relay.name, relay.start, relay.end))
            for relay in claim.via
        ),
    )


def extract_article(
    body: str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    published: datetime.date | None = None,
    byline: str | None = None,
) -> ExtractedArticle:
    """Extract claims, speakers and relays; given metadata wins over detected."""
    unwrapped = unwrap_hard_lines(body)
    doc = Document(body if unwrapped is None else unwrapped)
    for step in STEPS:
        step(doc)
    claims, used = _finish(doc)
    if unwrapped is not None:
        claims = [_restored(claim, body, unwrapped) for claim in claims]
    detected = doc.meta
    metadata = ArticleMetadata(
        title=title if title is not None else detected.title,
        publisher=publisher if publisher is not None else detected.publisher,
        published=published if published is not None else detected.published,
        byline=byline if byline is not None else detected.byline,
    )
    return ExtractedArticle(
        body=body,
        metadata=metadata,
        claims=tuple(claims),
        actors=doc.registry.actors(used),
    )
