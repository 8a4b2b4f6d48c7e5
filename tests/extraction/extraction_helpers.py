"""Assertions shared by the extraction tests."""

from __future__ import annotations

from claims.extraction import ExtractedActor, ExtractedArticle, ExtractedClaim, extract_article


def assert_invariants(article: ExtractedArticle) -> None:
    """The contract with the database side, checked on every article."""
    body = article.body
    names = {actor.name for actor in article.actors}
    assert len(names) == len(article.actors)
    keys = set()
    previous = -1
    for claim in article.claims:
        assert body[claim.start : claim.end] == claim.text
        assert claim.start <= claim.end
        assert claim.start >= previous
        previous = claim.start
        key = (claim.kind, claim.start, claim.end)
        assert key not in keys
        keys.add(key)
        assert 0.0 <= claim.confidence <= 1.0
        if claim.speaker is not None:
            speaker = claim.speaker
            assert body[speaker.start : speaker.end] == speaker.mention
            assert speaker.actor in names
        for relay in claim.via:
            assert body[relay.start : relay.end] == relay.name
        for start, end in claim.also_at:
            assert 0 <= start <= end <= len(body)


def claim_with(article: ExtractedArticle, fragment: str, kind: str | None = None) -> ExtractedClaim:
    """The one claim whose text contains ``fragment`` (optionally of ``kind``)."""
    found = [
        claim
        for claim in article.claims
        if fragment in claim.text and (kind is None or claim.kind == kind)
    ]
    assert found, f"no claim contains {fragment!r}: {[c.text for c in article.claims]}"
    assert len(found) == 1, f"{len(found)} claims contain {fragment!r}"
    return found[0]


def no_claim_with(article: ExtractedArticle, fragment: str) -> None:
    found = [claim.text for claim in article.claims if fragment in claim.text]
    assert not found, f"unexpected claims containing {fragment!r}: {found}"


def run(body: str) -> ExtractedArticle:
    """Extract ``body``, checking the invariants on the way."""
    article = extract_article(body)
    assert_invariants(article)
    return article


def actor(article: ExtractedArticle, name: str) -> ExtractedActor:
    (found,) = [a for a in article.actors if a.name == name]
    return found


def roles(article: ExtractedArticle) -> dict[str, str | None]:
    return {actor.name: actor.role for actor in article.actors}
