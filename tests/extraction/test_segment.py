"""Lines, page furniture and hard-wrapped text (``segment``).

Every article here is written for these tests."""

from __future__ import annotations

import textwrap

from extraction_helpers import claim_with, run

from claims.extraction import ClaimKind, ExtractedArticle
from claims.extraction.segment import unwrap_hard_lines

_PARAGRAPHS = [
    "Lawmakers clash over transit budget",
    "HARRISBURG - State lawmakers traded accusations on Tuesday over a $2.4 billion "
    "transit funding plan, with just nine days left before the fiscal year ends.",
    '"We are not going to balance this budget on the backs of bus riders, and we will '
    'not accept cuts to the routes that people depend on every day," said state Sen. '
    "Mara Quist, a Democrat who chairs the transportation committee.",
    "Republican leaders said the plan relied on rosy revenue projections and would leave "
    "a hole in next year's budget of more than $400 million.",
    '"This is a fantasy," said Senate Majority Leader Karl Brandt, who spoke to '
    'reporters after the session. "We need real numbers before anyone votes on it."',
]


def test_furniture_lines_are_not_claims() -> None:
    body = (
        "Skip to main content\n\nSubscribe now for 3 months at $1 a week.\n\n"
        "Copyright 2024 Example Media Group. All rights reserved.\n\n"
        "Photo: Protesters outside the parliament on May 5.\n\n"
        "The parliament approved the bill by 301 votes to 12 on May 5."
    )
    article = run(body)
    assert [c.kind for c in article.claims] == [ClaimKind.ASSERTION]
    claim_with(article, "301 votes to 12")


def test_teaser_lines_are_not_claims() -> None:
    body = "Floods In The North\nTwo rivers burst their banks after 200 millimetres of rain. more\n"
    assert run(body).claims == ()


def test_hard_wrapped_text_reads_like_the_unwrapped() -> None:
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in _PARAGRAPHS) + "\n"
    flat = "\n\n".join(_PARAGRAPHS) + "\n"
    assert unwrap_hard_lines(flat) is None
    assert unwrap_hard_lines(wrapped) is not None
    found = run(wrapped)
    expected = run(flat)

    def summary(article: ExtractedArticle) -> list[tuple]:
        return [(c.kind, c.start, c.end, c.speaker and c.speaker.actor) for c in article.claims]

    assert summary(found) == summary(expected)
    claim = claim_with(found, "We need real numbers", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Karl Brandt"


def test_wrapped_with_crlf_keeps_offsets() -> None:
    wrapped = "\r\n\r\n".join(textwrap.fill(p, 70).replace("\n", "\r\n") for p in _PARAGRAPHS)
    article = run(wrapped)
    claim = claim_with(article, "This is a fantasy", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Karl Brandt"


def test_one_paragraph_per_line_is_not_unwrapped() -> None:
    lines = [
        "The council met on Monday to discuss the budget for next year.",
        "Members agreed to raise parking charges by ten percent in April.",
        "The mayor said the rise was needed to pay for road repairs.",
        "Opposition members voted against the plan, calling it unfair.",
        "A final vote is expected at the next meeting in two weeks.",
        "Residents can comment on the plan until the end of the month.",
        "The council will publish the responses in the spring.",
    ]
    assert unwrap_hard_lines("\n".join(lines)) is None
