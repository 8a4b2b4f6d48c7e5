"""Speakers, relays and hard-wrapped text, on sentences written for these tests."""

from __future__ import annotations

import textwrap

from extraction_helpers import assert_invariants, claim_with

from claims.extraction import ClaimKind, ExtractedArticle, extract_article
from claims.extraction.segment import unwrap_hard_lines


def run(body: str) -> ExtractedArticle:
    article = extract_article(body)
    assert_invariants(article)
    return article


def roles(article: ExtractedArticle) -> dict[str, str | None]:
    return {actor.name: actor.role for actor in article.actors}


# ---- speakers -------------------------------------------------------------------


def test_inverted_with_lower_case_title() -> None:
    body = 'The vote is on Monday.\n\n"We will not cut routes," said state Sen. Mara Quist.\n'
    claim = claim_with(run(body), "We will not cut routes", ClaimKind.DIRECT)
    assert claim.speaker.mention == "state Sen. Mara Quist"
    assert claim.speaker.actor == "Mara Quist"


def test_inverted_description_then_name() -> None:
    body = 'The crash was at dawn.\n\n"It was chaos," said another paramedic, Jo Brandt.\n'
    claim = claim_with(run(body), "It was chaos", ClaimKind.DIRECT)
    assert claim.speaker.mention == "another paramedic, Jo Brandt"
    assert claim.speaker.actor == "Jo Brandt"


def test_surname_with_particle() -> None:
    body = (
        "Pieter van Dijk leads the survey.\n\nThe foundation agreed.\n\n"
        '"Rest is a repair job," van Dijk said.\n'
    )
    claim = claim_with(run(body), "Rest is a repair job", ClaimKind.DIRECT)
    assert claim.speaker.mention == "van Dijk"
    assert claim.speaker.actor == "Pieter van Dijk"


def test_relative_clause_before_the_verb() -> None:
    body = (
        "The council met on Tuesday.\n\n"
        '"We are not closing the library," Wade Lind, who has led the '
        "council since 2019 and whose family has lived in the town for a century, "
        'told the crowded hall. "We are trying to save money."\n'
    )
    article = run(body)
    for text in ("We are not closing", "We are trying to save money"):
        claim = claim_with(article, text, ClaimKind.DIRECT)
        assert claim.speaker.actor == "Wade Lind"


def test_colon_introduction_on_the_paragraph_above() -> None:
    body = (
        "The Tenants' Federation said it backed the plan. Its chief executive, "
        "Dr Lena Farrow, said:\n\n"
        '"Landlords and tenants both gain from this."\n'
    )
    claim = claim_with(run(body), "Landlords and tenants", ClaimKind.DIRECT)
    assert claim.speaker.mention == "Its chief executive, Dr Lena Farrow"
    assert claim.speaker.actor == "Lena Farrow"


def test_organisation_name_with_of() -> None:
    body = "Intro.\n\nThe Union of Dock Workers said most members backed a strike.\n"
    article = run(body)
    claim = claim_with(article, "most members backed a strike", ClaimKind.INDIRECT)
    assert claim.speaker.actor == "Union of Dock Workers"


def test_pronoun_skips_a_man_for_she() -> None:
    body = (
        "Mr Haddad chaired the meeting. Ines Velde, the treasurer, presented the accounts.\n\n"
        "Karl Amsel asked about the deficit.\n\n"
        '"We are in good shape," she said.\n'
    )
    claim = claim_with(run(body), "We are in good shape", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Ines Velde"


def test_description_back_reference() -> None:
    body = (
        "Tom Mendes, the coach, arrived late. Greta Lind, the captain, was waiting.\n\n"
        '"It is fine," said the coach.\n'
    )
    article = run(body)
    claim = claim_with(article, "It is fine", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Tom Mendes"
    assert roles(article)["Tom Mendes"] == "coach"


# ---- relays ---------------------------------------------------------------------


def test_told_an_outlet_with_outlet_words() -> None:
    body = (
        "Intro.\n\n"
        '"We had chances," Omar Haddad told XYZ Highlands. "We did not take them."\n\n'
        '"No," he told the Morning Lantern.\n\n'
        '"Yes," he told MPs.\n\n'
        '"Maybe," he said.\n'
    )
    article = run(body)
    assert [r.name for r in claim_with(article, "We had chances").via] == ["XYZ Highlands"]
    assert [r.name for r in claim_with(article, "We did not take them").via] == ["XYZ Highlands"]
    assert [r.name for r in claim_with(article, "No").via] == ["Morning Lantern"]
    assert claim_with(article, "Yes").via == ()
    assert claim_with(article, "Maybe").via == ()


def test_relay_chain_and_describing_words() -> None:
    body = (
        "Intro.\n\n"
        '"We will win," the minister told state TV on Sunday, according to the Zorba '
        "news agency.\n\n"
        "Quist said the talks had failed, the state-run Kestrel-Info agency "
        "reported.\n"
    )
    article = run(body)
    assert [r.name for r in claim_with(article, "We will win").via] == ["state TV", "Zorba"]
    claim = claim_with(article, "the talks had failed", ClaimKind.INDIRECT)
    assert claim.text == "the talks had failed"
    assert [r.name for r in claim.via] == ["Kestrel-Info"]


# ---- hard-wrapped text ----------------------------------------------------------

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
