"""Reported speech without quotation marks (``reported``).

Every article here is written for these tests."""

from __future__ import annotations

import pytest
from extraction_helpers import claim_with, run

from claims.extraction import ClaimKind


@pytest.mark.parametrize(
    ("sentence", "content", "mention"),
    [
        (
            "Elsa Brandt said that the mine would close in June.",
            "the mine would close",
            "Elsa Brandt",
        ),
        (
            "The ministry warned that fuel prices could double.",
            "fuel prices could double",
            "The ministry",
        ),
        (
            "Tariq Nour insisted he had never met the buyer.",
            "he had never met the buyer",
            "Tariq Nour",
        ),
        (
            "Police denied that any shots had been fired.",
            "any shots had been fired",
            "Police",
        ),
        (
            "Gina Ross told reporters the vote would go ahead.",
            "the vote would go ahead",
            "Gina Ross",
        ),
        (
            "Dr. Amir Khan argued that the trial had been too small.",
            "the trial had been too small",
            "Dr. Amir Khan",
        ),
        (
            "According to the coast guard, three boats sank overnight.",
            "three boats sank overnight",
            "the coast guard",
        ),
        (
            "Two ferries were cancelled, the operator said.",
            "Two ferries were cancelled",
            "the operator",
        ),
        (
            "Witnesses say the fire started in the kitchen.",
            "the fire started in the kitchen",
            "Witnesses",
        ),
    ],
)
def test_indirect_speech(sentence: str, content: str, mention: str) -> None:
    claim = claim_with(run(sentence), content, ClaimKind.INDIRECT)
    assert claim.speaker.mention == mention
    assert not claim.text.endswith(".")


def test_reporting_verb_without_clause_is_no_claim() -> None:
    article = run("The minister said nothing. She told the story of her childhood.")
    assert not [c for c in article.claims if c.kind == ClaimKind.INDIRECT]


def test_reported_speech_added_after_a_quotation() -> None:
    body = '"We will win," Ana Ruiz said on Friday, adding that the team was ready for the final.'
    article = run(body)
    claim = claim_with(article, "the team was ready for the final", ClaimKind.INDIRECT)
    assert claim.speaker.actor == "Ana Ruiz"


@pytest.mark.parametrize(
    "body",
    [
        "Ana Ruiz said in an interview on Tuesday that the plan was dead.",
        "Ana Ruiz told reporters at a briefing on Monday that the plan was dead.",
        "Ana Ruiz said on Monday in a statement that the plan was dead.",
    ],
)
def test_several_adverbials_between_verb_and_clause(body: str) -> None:
    claim = claim_with(run(body), "the plan was dead", ClaimKind.INDIRECT)
    assert claim.text == "the plan was dead"
    assert claim.speaker.mention == "Ana Ruiz"


def test_adverbials_are_whole_words() -> None:
    claim = claim_with(run("Ana Ruiz said this year's budget was too small."), "budget")
    assert claim.text == "this year's budget was too small"


def test_clause_opening_with_a_bare_noun() -> None:
    claim = claim_with(run("Ana Ruiz said prices would rise next year."), "prices would rise")
    assert claim.kind == ClaimKind.INDIRECT
    assert run("Ana Ruiz said goodbye to her staff.").claims == ()
