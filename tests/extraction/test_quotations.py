"""Quotations and who is credited with them (``quotations``).

Every article here is written for these tests."""

from __future__ import annotations

import pytest
from extraction_helpers import actor, claim_with, no_claim_with, run

from claims.extraction import ClaimKind


@pytest.mark.parametrize(
    ("open_mark", "close_mark"),
    [('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb")],
)
def test_attribution_after(open_mark: str, close_mark: str) -> None:
    body = (
        "Harbour Minister Lena Okafor spoke at the port on Friday.\n\n"
        f"{open_mark}We will reopen the northern quay within a month,{close_mark} "
        "Okafor said."
    )
    claim = claim_with(run(body), "We will reopen the northern quay", ClaimKind.DIRECT)
    assert claim.text == "We will reopen the northern quay within a month"
    assert claim.speaker.mention == "Okafor"
    assert claim.speaker.actor == "Lena Okafor"
    assert claim.cue == "said"


def test_attribution_before_with_colon() -> None:
    body = 'The mayor, Tomas Velde, told the council: "The budget is balanced for the first time."'
    claim = claim_with(run(body), "The budget is balanced", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Tomas Velde"


def test_attribution_before_with_comma() -> None:
    body = 'Greta Lindqvist said, "Nobody in this town was told about the closure."'
    claim = claim_with(run(body), "Nobody in this town", ClaimKind.DIRECT)
    assert claim.speaker.mention == "Greta Lindqvist"


def test_inverted_attribution_with_apposition() -> None:
    body = (
        '"Rates will stay high well into next year," said Paulo Mendes, chief economist '
        "at the Coastline Savings Bank."
    )
    article = run(body)
    claim = claim_with(article, "Rates will stay high", ClaimKind.DIRECT)
    assert claim.speaker.mention == "Paulo Mendes"
    assert "chief economist" in actor(article, "Paulo Mendes").role


def test_interrupting_attribution_two_claims() -> None:
    body = (
        '"The bridge is safe," the engineer Ana Ruiz said, "but the approach roads are '
        'not, and they must be closed."'
    )
    article = run(body)
    first = claim_with(article, "The bridge is safe", ClaimKind.DIRECT)
    second = claim_with(article, "but the approach roads", ClaimKind.DIRECT)
    assert first.speaker.actor == second.speaker.actor == "Ana Ruiz"
    for claim in (first, second):
        assert "said" not in claim.text


def test_multi_paragraph_quotation() -> None:
    body = (
        '"The first thing we did was count the boats," said Ines Farrow.\n\n'
        '"Then we counted the nets. There were fewer than last year.\n\n'
        '"By the end of the week we knew the season was lost."\n\n'
        "The harbour closed on Sunday."
    )
    article = run(body)
    claim = claim_with(article, "Then we counted the nets", ClaimKind.DIRECT)
    assert claim.text.endswith("the season was lost.")
    assert claim.speaker.actor == "Ines Farrow"
    no_claim_with(article, "The harbour closed")


def test_missing_closing_mark_does_not_swallow_the_article() -> None:
    body = (
        'Ruth Amsel said: "The archive will move to the new building.\n\n'
        "Officials said the old building would be sold in March.\n\n"
        '"It was a difficult decision," Amsel said.'
    )
    article = run(body)
    claim_with(article, "The archive will move", ClaimKind.DIRECT)
    last = claim_with(article, "It was a difficult decision", ClaimKind.DIRECT)
    assert last.speaker.actor == "Ruth Amsel"
    sold = claim_with(article, "the old building would be sold", ClaimKind.INDIRECT)
    assert sold.speaker.mention == "Officials"


def test_missing_opening_mark() -> None:
    body = (
        'The union said the strike would continue until wages were raised."\n\n'
        '"We have waited long enough," said Omar Haddad, the union leader.'
    )
    article = run(body)
    claim = claim_with(article, "the strike would continue")
    assert claim.speaker.mention == "The union"
    later = claim_with(article, "We have waited long enough", ClaimKind.DIRECT)
    assert later.speaker.actor == "Omar Haddad"


def test_nested_single_quotes_stay_inside() -> None:
    body = "\"He told me 'the vote is rigged' and walked out,\" said Clara Jensen, a poll worker."
    claim = claim_with(run(body), "He told me", ClaimKind.DIRECT)
    assert "'the vote is rigged'" in claim.text
    assert claim.speaker.actor == "Clara Jensen"


def test_apostrophes_are_not_quotation_marks() -> None:
    body = (
        "The agency's report, the ministers' letter and the workers' union all "
        "disagreed. \"We're not going to sign Norway's proposal,\" said Lars Berg."
    )
    claim = claim_with(run(body), "We're not going to sign Norway's proposal", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Lars Berg"


def test_scare_quotes_are_not_claims() -> None:
    body = 'The so-called "reform" package was passed. Critics call it a "stealth" tax rise.'
    article = run(body)
    assert not [c for c in article.claims if c.kind in (ClaimKind.DIRECT, ClaimKind.PARTIAL)]


def test_quoted_title_is_not_a_claim() -> None:
    body = 'She starred in "The Long Winter" last year and toured with the company in May.'
    no_claim_with(run(body), "The Long Winter")


@pytest.mark.parametrize(
    "body",
    [
        '"We will rebuild," the statement read.',
        '"We will rebuild," Nadia Falk joked.',
        '"We will rebuild," Nadia Falk, the mayor of Orrin, said on Friday.',
        'Nadia Falk said:\n\n"We will rebuild. It will take years."',
    ],
)
def test_more_attribution_forms(body: str) -> None:
    claim = claim_with(run(body), "We will rebuild", ClaimKind.DIRECT)
    assert claim.speaker is not None


def test_quotation_resumes_after_long_attribution() -> None:
    body = (
        '"We will rebuild," Nadia Falk, the mayor of Orrin, said on Friday, '
        '"and it will take years."'
    )
    article = run(body)
    second = claim_with(article, "and it will take years", ClaimKind.DIRECT)
    assert second.speaker.actor == "Nadia Falk"


def test_block_quotation_after_colon() -> None:
    body = (
        "The minister, Ana Ruiz, wrote in her letter:\n\n"
        "We have decided to close the northern depot because it no longer pays its way.\n\n"
        "The depot opened in 1970."
    )
    claim = claim_with(run(body), "We have decided to close", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Ana Ruiz"


def test_pull_quote_credited_on_the_next_line() -> None:
    body = '"We are closing the plant."\n\u2014 Mara Quist, chief executive'
    claim = claim_with(run(body), "We are closing the plant", ClaimKind.DIRECT)
    assert claim.speaker.mention == "Mara Quist"


def test_speaker_named_right_after_a_closed_quotation() -> None:
    body = '"The bridge will not reopen this year." Ruiz said the repairs would take months.'
    article = run(body)
    claim = claim_with(article, "The bridge will not reopen", ClaimKind.DIRECT)
    assert claim.speaker.mention == "Ruiz"
    claim_with(article, "the repairs would take months", ClaimKind.INDIRECT)


def test_single_quotation_marks_in_british_style() -> None:
    body = (
        "The workers' union met on Friday.\n\n"
        "'We will not accept this offer,' said Ana Ruiz, the union's leader. "
        "'It is an insult to the members.'\n\n"
        "\u2018We\u2019re ready to talk,\u2019 the company said."
    )
    article = run(body)
    first = claim_with(article, "We will not accept this offer", ClaimKind.DIRECT)
    assert first.speaker.actor == "Ana Ruiz"
    second = claim_with(article, "It is an insult", ClaimKind.DIRECT)
    assert second.speaker.actor == "Ana Ruiz"
    company = claim_with(article, "ready to talk", ClaimKind.DIRECT)
    assert company.text == "We\u2019re ready to talk"
    quoted = [c.text for c in article.claims if c.kind in (ClaimKind.DIRECT, ClaimKind.PARTIAL)]
    assert not [text for text in quoted if "union met" in text]


def test_single_marks_are_apostrophes_when_double_marks_are_used() -> None:
    body = "'Tis the season, the workers' union said. \"We're ready,\" said Ana Ruiz."
    article = run(body)
    assert [c.text for c in article.claims if c.kind == ClaimKind.DIRECT] == ["We're ready"]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ('Ana Ruiz dismissed the report as "fake news".', "fake news"),
        ('Ana Ruiz hailed the deal as "historic".', "historic"),
        (
            'Critics called the scheme "a giveaway to landlords".',
            "a giveaway to landlords",
        ),
    ],
)
def test_fragments_characterising_something(body: str, fragment: str) -> None:
    claim = claim_with(run(body), fragment, ClaimKind.PARTIAL)
    assert claim.speaker is not None


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
