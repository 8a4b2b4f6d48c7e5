"""Interview and Q&A transcripts: direct speech without marks (``transcripts``)."""

from __future__ import annotations

from extraction_helpers import claim_with, no_claim_with, run

from claims.extraction import ClaimKind
from claims.extraction.transcripts import turns

INTERVIEW = """Harbour minister answers our questions

Ilse Marrow-Kent has run the harbour ministry since March. She spoke to us on Friday.

Q: Will the northern quay reopen this year?

MARROW-KENT: It will. The repairs are paid for and the contractor starts on Monday.

Q: The unions say the money is not there.

MARROW-KENT: They are wrong. The money was set aside in the spring budget.
We will publish the contract next week.

Q: And if the contractor is late?

MARROW-KENT: Then we will fine them, as the contract says.
"""


def test_labelled_answers_are_direct_claims_of_the_labelled_person() -> None:
    article = run(INTERVIEW)
    answer = claim_with(article, "The repairs are paid for", ClaimKind.DIRECT)
    assert answer.text == "It will. The repairs are paid for and the contractor starts on Monday."
    assert answer.speaker.mention == "MARROW-KENT"
    assert answer.speaker.actor == "Ilse Marrow-Kent"
    # An answer over two lines is one claim.
    longer = claim_with(article, "The money was set aside", ClaimKind.DIRECT)
    assert longer.text.endswith("We will publish the contract next week.")


def test_questions_are_not_claims() -> None:
    article = run(INTERVIEW)
    no_claim_with(article, "Will the northern quay reopen")
    no_claim_with(article, "And if the contractor is late")


def test_q_and_a_labels_give_the_interviewee_named_in_the_introduction() -> None:
    body = (
        "Tomas Brel-Ochoa, the new chair of the port authority, spoke to us.\n\n"
        "Q: Why did you take the job?\n\nA: Because the port matters to this city.\n\n"
        "Q: What comes first?\n\nA: The quay. Everything else waits.\n"
    )
    article = run(body)
    claim = claim_with(article, "The quay. Everything else waits.", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Tomas Brel-Ochoa"


def test_one_labelled_line_is_not_a_transcript() -> None:
    body = "Note: this article was updated on Monday.\n\nThe council met on Friday."
    assert turns(body) == []
    assert not [c for c in run(body).claims if c.kind == ClaimKind.DIRECT]


def test_a_sentence_with_a_colon_is_not_a_label() -> None:
    body = (
        "The reason is simple: the port is full.\n\nThe answer is plain: wait.\n\n"
        "The result was clear: nobody came.\n"
    )
    assert turns(body) == []


def test_words_set_off_after_a_colon_are_direct_speech() -> None:
    article = run(
        "One former minister, who has not declared, put it to me bluntly: the members "
        "like her, but they do not yet trust her.\n\nThe vote is in July."
    )
    claim = claim_with(article, "the members like her", ClaimKind.DIRECT)
    assert claim.text == "the members like her, but they do not yet trust her."
    assert claim.speaker.mention == "One former minister, who has not declared"


def test_a_colon_before_a_quotation_is_not_set_off_speech() -> None:
    article = run('The minister said: "We will win the vote."')
    claim = claim_with(article, "We will win the vote.", ClaimKind.DIRECT)
    assert claim.text == "We will win the vote."
