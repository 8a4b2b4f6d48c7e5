"""fixtures/seeds.json is what a fresh ingest of seeds/ stores, and stays so.

Regenerate it with ``make fixtures`` whenever extraction changes.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from claims.models import Actor, Article, Claim, Source, Statement
from tests.conftest import SEEDS_DIR


def snapshot() -> dict:
    """The stored data, keyed by content rather than by primary keys or times."""
    return {
        "sources": sorted(Source.objects.values_list("slug", "name", "kind")),
        "articles": sorted(
            Article.objects.values_list(
                "content_hash",
                "source_hash",
                "origin",
                "title",
                "publisher__slug",
                "published",
                "byline",
                "body",
            )
        ),
        "actors": sorted(
            (
                actor.slug,
                actor.name,
                actor.kind,
                actor.role,
                actor.anonymous,
                tuple(sorted(alias.name for alias in actor.aliases.all())),
            )
            for actor in Actor.objects.prefetch_related("aliases")
        ),
        "claims": sorted(
            (
                claim.article.content_hash,
                claim.kind,
                claim.start,
                claim.end,
                claim.text,
                claim.speaker_mention,
                claim.speaker_start,
                claim.speaker_end,
                claim.actor.slug if claim.actor else None,
                claim.cue,
                round(claim.confidence, 6),
                tuple(tuple(p) for p in claim.also_at),
                claim.published,
                claim.review_status,
                tuple(link.source.slug for link in claim.relay_links.all()),
                claim.statement_method,
                claim.statement.appearances if claim.statement else None,
            )
            for claim in Claim.objects.select_related(
                "article", "actor", "statement"
            ).prefetch_related("relay_links__source")
        ),
    }


@pytest.mark.django_db
def test_fixture_matches_a_fresh_ingest_of_the_seeds():
    call_command("loaddata", "seeds", verbosity=0)
    from_fixture = snapshot()
    assert from_fixture["claims"], "the fixture holds no claims"

    for model in (Claim, Statement, Article, Actor, Source):
        model.objects.all().delete()
    call_command("ingest", str(SEEDS_DIR), verbosity=0, no_progress=True)

    assert snapshot() == from_fixture, "fixtures/seeds.json is stale: run `make fixtures`"
