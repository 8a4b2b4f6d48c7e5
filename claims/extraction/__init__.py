"""Claim extraction: plain Python, text in, frozen dataclasses out.

This package never imports Django, so it can be run, tested and benchmarked on
its own; the database side lives in ``claims.services``.
"""

from .decoding import ArticleDecodeError, decode_article
from .pipeline import extract_article
from .types import (
    ActorKind,
    ArticleMetadata,
    ClaimKind,
    ExtractedActor,
    ExtractedArticle,
    ExtractedClaim,
    Relay,
    Span,
    Speaker,
)

__all__ = [
    "ActorKind",
    "ArticleDecodeError",
    "ArticleMetadata",
    "ClaimKind",
    "ExtractedActor",
    "ExtractedArticle",
    "ExtractedClaim",
    "Relay",
    "Span",
    "Speaker",
    "decode_article",
    "extract_article",
]
