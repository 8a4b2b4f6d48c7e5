"""A mention parsed into name, role and kind (``mentions``).

Every article here is written for these tests."""

from __future__ import annotations

import pytest
from extraction_helpers import actor, claim_with, run

from claims.extraction import ActorKind, ClaimKind
from claims.extraction.mentions import parse_mention


def test_attribution_with_title_splits_role_from_name() -> None:
    body = '"We are ready," Interior Minister Karl Hendricks told reporters.'
    article = run(body)
    claim = claim_with(article, "We are ready", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Karl Hendricks"
    assert actor(article, "Karl Hendricks").role == "Interior Minister"


def test_organization_speaker() -> None:
    body = '"No customer data was lost," the Northwind Telecom Company said in a statement.'
    article = run(body)
    claim = claim_with(article, "No customer data was lost", ClaimKind.DIRECT)
    assert actor(article, claim.speaker.actor).kind == ActorKind.ORGANIZATION


def test_capital_city_speaks_for_government() -> None:
    body = "Ottawa says the tariffs breach the trade agreement signed in 2019."
    article = run(body)
    claim = claim_with(article, "the tariffs breach", ClaimKind.INDIRECT)
    assert actor(article, claim.speaker.actor).kind == ActorKind.GOVERNMENT


def test_unnamed_official_is_an_anonymous_actor() -> None:
    body = '"The talks are over," a senior European diplomat said.'
    article = run(body)
    claim = claim_with(article, "The talks are over", ClaimKind.DIRECT)
    speaker = actor(article, claim.speaker.actor)
    assert speaker.anonymous and speaker.kind == ActorKind.PERSON


def test_surname_with_particle() -> None:
    body = (
        "Pieter van Dijk leads the survey.\n\nThe foundation agreed.\n\n"
        '"Rest is a repair job," van Dijk said.\n'
    )
    claim = claim_with(run(body), "Rest is a repair job", ClaimKind.DIRECT)
    assert claim.speaker.mention == "van Dijk"
    assert claim.speaker.actor == "Pieter van Dijk"


def test_organisation_name_with_of() -> None:
    body = "Intro.\n\nThe Union of Dock Workers said most members backed a strike.\n"
    article = run(body)
    claim = claim_with(article, "most members backed a strike", ClaimKind.INDIRECT)
    assert claim.speaker.actor == "Union of Dock Workers"


# ---- parse_mention on its own ---------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "name", "role", "kind", "anonymous"),
    [
        (
            "U.S. Defense Secretary Ana Ruiz",
            "Ana Ruiz",
            "U.S. Defense Secretary",
            ActorKind.PERSON,
            False,
        ),
        ("Pieter van Dijk", "Pieter van Dijk", None, ActorKind.PERSON, False),
        ("the Interior Ministry", "Interior Ministry", None, ActorKind.GOVERNMENT, False),
        ("Harbour Bank", "Harbour Bank", None, ActorKind.ORGANIZATION, False),
        ("local residents", None, None, ActorKind.GROUP, True),
    ],
)
def test_parse_mention_splits_name_role_and_kind(
    mention: str, name: str | None, role: str | None, kind: ActorKind, anonymous: bool
) -> None:
    parsed = parse_mention(mention)
    assert (parsed.name, parsed.role, parsed.kind, parsed.anonymous) == (
        name,
        role,
        kind,
        anonymous,
    )


def test_parse_mention_pronoun_and_description_head() -> None:
    assert parse_mention("he").pronoun == "he"
    assert parse_mention("he").name is None
    described = parse_mention("A U.S. official traveling with the delegation")
    assert described.anonymous
    assert described.head == "official"
    assert described.name is None
