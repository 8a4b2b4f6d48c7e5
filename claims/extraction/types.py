"""The pipeline's output: frozen dataclasses, no database in sight.

Every offset is a Python string index into the article body exactly as decoded
(see ``decoding.decode_article``), so that ``body[start:end] == text`` holds for
every claim, speaker mention and relay mention.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum


class ClaimKind(StrEnum):
    DIRECT = "direct"  # a full quotation in quotation marks
    PARTIAL = "partial"  # a quoted fragment inside a reported sentence
    INDIRECT = "indirect"  # reported speech: a speech verb and its content clause
    ASSERTION = "assertion"  # an unattributed, checkable statement of fact


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    GOVERNMENT = "government"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the body: ``body[start:end] == text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who is credited with a claim at this point of the text.

    ``mention`` is the words as written ("he", "Russia's ambassador to NATO,
    General X"); ``actor`` is the ``name`` of the ``ExtractedActor`` it resolves to.
    """

    mention: str
    start: int
    end: int
    actor: str


@dataclass(frozen=True, slots=True)
class Relay:
    """An outlet a claim travelled through ("..., the Zephyr agency reported")."""

    name: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    kind: ClaimKind
    text: str
    start: int
    end: int
    speaker: Speaker | None
    cue: str | None  # the reporting words: "said", "told reporters", "according to"
    via: tuple[Relay, ...] = ()  # relays in order, nearest to the speaker first
    confidence: float = 1.0
    # Further places the same claim stands (a pull quote repeating a quotation).
    also_at: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class ExtractedActor:
    """A speaker resolved across the article.

    ``name`` is the fullest name the article gives (no title); ``role`` carries
    titles and descriptions; ``aliases`` every surface form of the name seen.
    ``anonymous`` marks unnamed people and groups ("a U.S. official"), which
    must never be merged with an actor of another article.
    """

    name: str
    kind: ActorKind
    role: str | None = None
    aliases: tuple[str, ...] = ()
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class ArticleMetadata:
    """What the article says about itself; any field may be missing."""

    title: str | None = None
    publisher: str | None = None
    published: datetime.date | None = None
    byline: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    body: str
    metadata: ArticleMetadata
    claims: tuple[ExtractedClaim, ...] = field(default=())
    actors: tuple[ExtractedActor, ...] = field(default=())
