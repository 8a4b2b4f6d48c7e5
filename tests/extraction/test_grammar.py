"""Subjects found before a verb of saying (``grammar``).

Every article here is written for these tests."""

from __future__ import annotations

import pytest
from extraction_helpers import claim_with, run

from claims.extraction import ClaimKind


def test_long_appositive_subject() -> None:
    body = (
        "The head of the regional council's finance committee, Marta Sousa, who has led "
        "the body since 2015, said the budget would be cut by a tenth."
    )
    claim = claim_with(run(body), "the budget would be cut", ClaimKind.INDIRECT)
    assert claim.speaker.actor == "Marta Sousa"


@pytest.mark.parametrize(
    ("body", "mention"),
    [
        (
            '"We are innocent," her lawyer, Omar Haddad, said.',
            "her lawyer, Omar Haddad,",
        ),
        ('"The water is brown," local residents said.', "local residents"),
        ("Their spokesman said the talks had failed.", "Their spokesman"),
    ],
)
def test_lower_case_and_possessive_subjects(body: str, mention: str) -> None:
    (claim,) = run(body).claims
    assert claim.speaker.mention == mention
