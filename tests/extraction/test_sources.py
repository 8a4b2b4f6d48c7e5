"""Who a source is: nominal sources resolved, datelines and bylines never speakers,
organisations told from places (``grammar``, ``mentions``, ``speakers``).

Every article here is written for these tests."""

from __future__ import annotations

import pytest
from extraction_helpers import claim_with, run

from claims.extraction import ActorKind, ClaimKind


@pytest.mark.parametrize(
    ("body", "mention"),
    [
        (
            "BRUSSELS (Kestrel) -- European Union officials warned that talks could collapse.",
            "European Union officials",
        ),
        ("LONDON \u2014 Britain said on Friday it would expel two diplomats.", "Britain"),
        (
            "WASHINGTON, March 4 (Meridian Wire) - Senator Ada Quist said the vote was a victory.",
            "Senator Ada Quist",
        ),
    ],
)
def test_a_dateline_is_never_part_of_the_speaker(body: str, mention: str) -> None:
    (claim,) = [c for c in run(body).claims if c.kind == ClaimKind.INDIRECT]
    assert claim.speaker.mention == mention


def test_a_byline_is_not_a_speaker() -> None:
    article = run(
        "By Jane Doe-Harker, Political Editor\n\nThe minister said the talks would resume."
    )
    claim = claim_with(article, "the talks would resume", ClaimKind.INDIRECT)
    assert claim.speaker.mention == "The minister"
    assert "Jane Doe-Harker" not in {actor.name for actor in article.actors}


@pytest.mark.parametrize(
    ("body", "content", "actor"),
    [
        (
            "Norland's foreign ministry was blunter. In a statement, the ministry said "
            "the envoy would be recalled.",
            "the envoy would be recalled",
            "Norland's foreign ministry",
        ),
        (
            "The Ministry of Transport published its review on Monday. The ministry said "
            "ticket sales had fallen.",
            "ticket sales had fallen",
            "Ministry of Transport",
        ),
    ],
)
def test_a_nominal_source_is_the_body_named_before(body: str, content: str, actor: str) -> None:
    claim = claim_with(run(body), content, ClaimKind.INDIRECT)
    assert claim.speaker.actor == actor


def test_places_speaking_are_governments_and_companies_are_organisations() -> None:
    article = run(
        "Washington insists the shield is aimed at Kestria. Harlan Motors said its costs "
        "would rise."
    )
    kinds = {actor.name: actor.kind for actor in article.actors}
    assert kinds["Washington"] == ActorKind.GOVERNMENT
    assert kinds["Harlan Motors"] == ActorKind.ORGANIZATION


@pytest.mark.parametrize(
    ("body", "actor", "role"),
    [
        (
            '"We heard trucks, nothing more," shopkeeper Milena Ostrova-Kanu told reporters.',
            "Milena Ostrova-Kanu",
            "shopkeeper",
        ),
        (
            "Dr Yusuf Hallgren-Abebe of the Centre for Urban Policy said rents would rise.",
            "Yusuf Hallgren-Abebe",
            None,
        ),
    ],
)
def test_roles_and_bodies_around_a_name_go_to_the_role(body: str, actor: str, role) -> None:
    article = run(body)
    (claim,) = [c for c in article.claims if c.kind != ClaimKind.ASSERTION]
    assert claim.speaker.actor == actor
    if role:
        found = next(a for a in article.actors if a.name == actor)
        assert role in (found.role or "")
