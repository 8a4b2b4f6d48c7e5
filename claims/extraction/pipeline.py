"""Text in, ``ExtractedArticle`` out: the one entry point of the pipeline."""

from __future__ import annotations

import datetime
import re

from .types import (
    ActorKind,
    ArticleMetadata,
    ClaimKind,
    ExtractedActor,
    ExtractedArticle,
    ExtractedClaim,
    Speaker,
)

# First version: a direct quotation followed by "<Name> said".
_QUOTE_THEN_SPEAKER = re.compile(
    r"[\"\u201c](?P<text>[^\"\u201c\u201d\n]{2,}?)[,.]?[\"\u201d],?\s+"
    r"(?P<speaker>(?:[A-Z][\w'.-]+\s){0,3}[A-Z][\w'.-]+)\s+said"
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
    claims = []
    actors: dict[str, ExtractedActor] = {}
    for match in _QUOTE_THEN_SPEAKER.finditer(body):
        name = match["speaker"]
        actors.setdefault(name, ExtractedActor(name=name, kind=ActorKind.PERSON, aliases=(name,)))
        claims.append(
            ExtractedClaim(
                kind=ClaimKind.DIRECT,
                text=match["text"],
                start=match.start("text"),
                end=match.end("text"),
                speaker=Speaker(name, match.start("speaker"), match.end("speaker"), name),
                cue="said",
                confidence=0.5,
            )
        )
    metadata = ArticleMetadata(title=title, publisher=publisher, published=published, byline=byline)
    return ExtractedArticle(
        body=body, metadata=metadata, claims=tuple(claims), actors=tuple(actors.values())
    )
