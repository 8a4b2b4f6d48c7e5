"""Unattributed statements of fact (``facts``).

Every article here is written for these tests."""

from __future__ import annotations

from extraction_helpers import claim_with, run

from claims.extraction import ClaimKind


def test_assertion_with_figures() -> None:
    body = "The company cut 1,200 jobs in 2023 and lost $45 million in the first quarter."
    claim = claim_with(run(body), "1,200 jobs", ClaimKind.ASSERTION)
    assert claim.speaker is None


def test_no_claims_in_plain_description() -> None:
    article = run("The river runs quietly past the old mill. Birds nest in the reeds.")
    assert article.claims == ()
