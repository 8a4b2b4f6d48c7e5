"""Subjects found before a verb of saying (``grammar``).

Every article here is written for these tests."""

from __future__ import annotations

import random

import pytest
from extraction_helpers import claim_with, run

from claims.extraction import ClaimKind
from claims.extraction.grammar import BodyIndex, after_last_stop, subject_before, tokens


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


def test_body_index_agrees_with_the_plain_functions() -> None:
    # The index answers from the whole body's tokens and stops; each answer must
    # be the one the plain function gives for any window, however it cuts words.
    pieces = [
        "Ana", "Ruiz", "said", "told", "a", " ", " ", "  ", ".", "U.S.", "F. K", "Mr.", "--",
        "-", "'", "\u2019", '"', "\u201d", "\n", "x'y", ",", ":", "&", "/", "1", "\u00e9",
    ]  # fmt: skip
    rng = random.Random(4)
    for _ in range(150):
        body = "".join(rng.choice(pieces) for _ in range(rng.randrange(50, 400)))
        index = BodyIndex(body)
        for _ in range(40):
            start = rng.randrange(0, len(body) + 1)
            end = min(len(body), start + rng.randrange(0, 350))
            assert index.tokens(start, end) == tokens(body, start, end)
            assert index.after_last_stop(start, end) == after_last_stop(body, start, end)
            for verb in tokens(body, start, end):
                if verb.low in ("said", "told"):
                    floor = rng.randrange(0, verb.start + 1)
                    assert index.subject_before(floor, verb) == subject_before(body, floor, verb)
