"""Speakers carried from one claim to the next (``continuations``).

Every article here is written for these tests."""

from __future__ import annotations

from extraction_helpers import claim_with, run

from claims.extraction import ClaimKind


def test_partial_quote_inside_reported_speech() -> None:
    body = (
        'Opposition leader Rana Aziz said the new law was "a direct attack on the press" '
        "and promised to challenge it."
    )
    article = run(body)
    # The reported clause the fragment stands in, marks included.
    partial = claim_with(article, "a direct attack on the press", ClaimKind.PARTIAL)
    assert partial.text == 'the new law was "a direct attack on the press"'
    assert partial.speaker.actor == "Rana Aziz"
    # The coordinated cue is a second claim by the same speaker.
    promise = claim_with(article, "to challenge it", ClaimKind.INDIRECT)
    assert promise.text == "to challenge it"
    assert promise.speaker.actor == "Rana Aziz"
    assert promise.cue == "promised"
    assert len(article.claims) == 2


def test_person_named_before_a_quotation_in_the_same_paragraph() -> None:
    body = '"The plan is fine," Ana Ruiz said.\n\nOmar Haddad took a different view. "It is over."'
    claim = claim_with(run(body), "It is over", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Omar Haddad"


def test_person_introduced_in_the_paragraph_before_a_quotation() -> None:
    body = '"The plan is fine," Ana Ruiz said.\n\nOmar Haddad was furious.\n\n"It is a disgrace."'
    claim = claim_with(run(body), "It is a disgrace", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Omar Haddad"
