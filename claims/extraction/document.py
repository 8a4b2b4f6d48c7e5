"""The document every step reads and adds to, and the drafts it collects.

``Document`` holds what is known of the article before any claim is looked for
(its lines, metadata, quotation marks, sentences and actor registry) and the
``Draft`` claims the steps add, in the order ``pipeline`` runs them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from . import confidence
from .grammar import HAS_WORD, BodyIndex
from .lexicon import HONORIFICS
from .quotes import Quote, find_quotes
from .segment import Block, blocks, detect_metadata, sentences
from .speakers import ActorRegistry
from .types import ClaimKind, Speaker

# Sentences longer than this are not prose (a line with no punctuation, a
# table): they are not searched for reported speech or facts.
MAX_SENTENCE = 1500


@dataclass(slots=True)
class Attribution:
    mention: tuple[int, int] | None
    cue: str | None
    relays: list[tuple[int, int]] = field(default_factory=list)
    role: str | None = None
    # The attribution of the quotation this one continues; resolved only at the
    # end, in text order, like every other speaker.
    inherited: Attribution | None = None
    strength: float = confidence.SPEAKER_AFTER
    # The name to resolve instead of the mention's own words: a transcript's
    # "NAZARI-LUND:" label is the person Nazari-Lund.
    resolve_as: str | None = None


@dataclass(slots=True)
class Draft:
    kind: ClaimKind
    start: int
    end: int
    attribution: Attribution | None
    confidence: float
    also_at: list[tuple[int, int]] = field(default_factory=list)


class Document:
    """One article under extraction: its layout, and the drafts found so far."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.lines: list[Block] = blocks(body)
        self.line_starts = [block.start for block in self.lines]
        self.meta = detect_metadata(body, self.lines)
        self.drafts: list[Draft] = []
        self.fallbacks: dict[tuple[int, int], Attribution | None] = {}
        # One resolution per mention: quotations continuing a speaker reuse it.
        self.speakers: dict[tuple[tuple[int, int], str | None, str | None], Speaker] = {}
        self.quotes = find_quotes(body)
        self.tail_start = len(body) + 1
        self.block_ok: dict[int, bool] = {}  # line index -> may hold claims
        if self.meta.byline_span and self.meta.byline_span[0] > len(body) // 2:
            # Past the "(X contributed to this report)" line is only site furniture.
            self.tail_start = self.meta.byline_span[0]
        self.spans = self.sentence_spans()
        self.sentence_starts = [start for start, _ in self.spans]
        self.registry = ActorRegistry(body, self.spans)
        self.index = BodyIndex(body)  # tokens and stops of the whole body, when needed

    # -- where claims may stand --
    def claimable(self, position: int) -> bool:
        if position < self.meta.body_start or position >= self.tail_start:
            return False
        index = bisect.bisect_right(self.line_starts, position) - 1
        if index < 0:
            return False
        block = self.lines[index]
        if not (position < block.end or position == block.start):
            return False
        ok = self.block_ok.get(index)
        if ok is None:
            ok = self.block_ok[index] = not block.furniture and not self._headline(block)
        return ok

    def headline_quote(self, quote: Quote) -> bool:
        """A quotation in a headline above the dateline: 'Mayor: "We will rebuild"'."""
        if quote.start >= self.meta.body_start:
            return False
        index = bisect.bisect_right(self.line_starts, quote.start) - 1
        if index < 0:
            return False
        block = self.lines[index]
        return block.end <= self.meta.body_start and not block.furniture

    def _headline(self, block: Block) -> bool:
        text = self.body[block.start : block.end]
        if len(text) > 150 or text.rstrip()[-1:] in '.!?"\u201d,:;)':
            return False
        return text.count(" ") < 15

    # -- sentences --
    def sentence_spans(self) -> list[tuple[int, int]]:
        """Sentences of claimable lines; never split inside a quotation."""
        out: list[tuple[int, int]] = []
        quotes = self.quotes
        q_index = 0
        for block in self.lines:
            if (
                block.furniture
                or block.end <= self.meta.body_start
                or block.start >= self.tail_start
            ):
                continue
            start = max(block.start, self.meta.body_start)
            while start < block.end and self.body[start].isspace():
                start += 1
            current: tuple[int, int] | None = None
            for sent in sentences(self.body, start, block.end):
                if current is None:
                    current = sent
                    continue
                boundary = sent[0]
                while q_index < len(quotes) and quotes[q_index].inner_end < boundary:
                    q_index += 1
                inside = (
                    q_index < len(quotes)
                    and quotes[q_index].inner_start < boundary < quotes[q_index].inner_end
                    and quotes[q_index].end - quotes[q_index].start < 3000
                )
                if inside:
                    current = (current[0], sent[1])
                else:
                    out.append(current)
                    current = sent
            if current is not None:
                out.append(current)
        return out

    def speaker_of(self, attribution: Attribution) -> Speaker | None:
        if attribution.inherited is not None:
            attribution = attribution.inherited
        if attribution.mention is None:
            return None
        key = (attribution.mention, attribution.role, attribution.resolve_as)
        speaker = self.speakers.get(key)
        if speaker is None:
            start, end = attribution.mention
            mention = self.body[start:end]
            if not HAS_WORD.search(mention):
                return None  # a stray mark or comma, not a speaker
            if all(word.strip(".,").lower() in HONORIFICS for word in mention.split()):
                return None  # a title with its name cut off: "Mrs.", "Dr."
            actor = self.registry.resolve(
                attribution.resolve_as or mention, start, role=attribution.role
            )
            speaker = self.speakers[key] = Speaker(mention, start, end, actor)
        return speaker
