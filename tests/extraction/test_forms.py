"""One test per news form, on sentences written for these tests."""

from __future__ import annotations

import pytest
from extraction_helpers import assert_invariants, claim_with, no_claim_with

from claims.extraction import ActorKind, ClaimKind, ExtractedArticle, extract_article


def run(body: str) -> ExtractedArticle:
    article = extract_article(body)
    assert_invariants(article)
    return article


def actor(article: ExtractedArticle, name: str):
    (found,) = [a for a in article.actors if a.name == name]
    return found


# ---- direct quotations -------------------------------------------------------


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


def test_attribution_with_title_splits_role_from_name() -> None:
    body = '"We are ready," Interior Minister Karl Hendricks told reporters.'
    article = run(body)
    claim = claim_with(article, "We are ready", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Karl Hendricks"
    assert actor(article, "Karl Hendricks").role == "Interior Minister"


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


def test_pronoun_speaker_resolves_to_earlier_person() -> None:
    body = (
        "Customs chief Miriam Osei visited the border post on Tuesday. "
        'She was accompanied by two aides.\n\n"The queues are shorter than ever," she said.'
    )
    claim = claim_with(run(body), "The queues are shorter", ClaimKind.DIRECT)
    assert claim.speaker.mention == "she"
    assert claim.speaker.actor == "Miriam Osei"


def test_he_picks_the_man_not_the_woman() -> None:
    body = (
        "Judge Helen Park adjourned the case. Prosecutor David Kerr objected.\n\n"
        '"This delay helps nobody," he said.'
    )
    claim = claim_with(run(body), "This delay helps nobody", ClaimKind.DIRECT)
    assert claim.speaker.actor == "David Kerr"


def test_surname_before_full_name() -> None:
    body = (
        '"We need more trains," Adebayo said on Monday.\n\n'
        "Transport Secretary Funmi Adebayo has promised new lines before."
    )
    article = run(body)
    claim = claim_with(article, "We need more trains", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Funmi Adebayo"


def test_unnamed_official_is_an_anonymous_actor() -> None:
    body = '"The talks are over," a senior European diplomat said.'
    article = run(body)
    claim = claim_with(article, "The talks are over", ClaimKind.DIRECT)
    speaker = actor(article, claim.speaker.actor)
    assert speaker.anonymous and speaker.kind == ActorKind.PERSON


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


# ---- relays ------------------------------------------------------------------


def test_relay_reported_by_unknown_agency() -> None:
    body = '"Prices will fall," Yusuf Demir said, the Zephyrine news agency reported.'
    claim = claim_with(run(body), "Prices will fall", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Yusuf Demir"
    assert [r.name for r in claim.via] == ["Zephyrine"]


def test_relay_quoted_as_saying() -> None:
    body = '"The border stays closed," Kestrelwire quoted a police spokesman as saying.'
    claim = claim_with(run(body), "The border stays closed", ClaimKind.DIRECT)
    assert claim.speaker.mention == "a police spokesman"
    assert [r.name for r in claim.via] == ["Kestrelwire"]


def test_relay_told_outlet() -> None:
    body = '"I did nothing wrong," Marco Bellini told Harbinger Radio.'
    claim = claim_with(run(body), "I did nothing wrong", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Marco Bellini"
    assert [r.name for r in claim.via] == ["Harbinger Radio"]


def test_relay_according_to() -> None:
    body = (
        "Hospital director Sani Musa said the ward would reopen next week, "
        "according to Plainview Daily."
    )
    claim = claim_with(run(body), "the ward would reopen", ClaimKind.INDIRECT)
    assert claim.speaker.actor == "Sani Musa"
    assert [r.name for r in claim.via] == ["Plainview Daily"]


def test_relay_carried_by() -> None:
    body = '"Our aim is peace," Petra Novak said in comments carried by Vantor TV.'
    claim = claim_with(run(body), "Our aim is peace", ClaimKind.DIRECT)
    assert [r.name for r in claim.via] == ["Vantor TV"]


# ---- partial quotations and reported speech ------------------------------------


def test_partial_quote_inside_reported_speech() -> None:
    body = (
        'Opposition leader Rana Aziz said the new law was "a direct attack on the press" '
        "and promised to challenge it."
    )
    article = run(body)
    # One claim: the reported clause the fragment stands in, marks included.
    partial = claim_with(article, "a direct attack on the press", ClaimKind.PARTIAL)
    assert partial.text.startswith("the new law was")
    assert partial.text.endswith('press"') or "promised" in partial.text
    assert partial.speaker.actor == "Rana Aziz"
    assert len(article.claims) == 1


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


# ---- assertions and furniture -----------------------------------------------------


def test_assertion_with_figures() -> None:
    body = "The company cut 1,200 jobs in 2023 and lost $45 million in the first quarter."
    claim = claim_with(run(body), "1,200 jobs", ClaimKind.ASSERTION)
    assert claim.speaker is None


def test_no_claims_in_plain_description() -> None:
    article = run("The river runs quietly past the old mill. Birds nest in the reeds.")
    assert article.claims == ()


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


# ---- more relay and attribution forms ------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content", "mention", "relays"),
    [
        (
            '"The port is closed," Hana Ito told the Morning Ledger newspaper.',
            "The port is closed",
            "Hana Ito",
            ["Morning Ledger"],
        ),
        (
            '"The port is closed," Hana Ito was quoted as saying by Norvik Press.',
            "The port is closed",
            "Hana Ito",
            ["Norvik Press"],
        ),
        (
            "Norvik Press quoted Hana Ito as saying that the port was closed.",
            "the port was closed",
            "Hana Ito",
            ["Norvik Press"],
        ),
        (
            "Hana Ito was quoted by Norvik Press as saying the port was closed.",
            "the port was closed",
            "Hana Ito",
            ["Norvik Press"],
        ),
        (
            "According to Norvik Press, Hana Ito said the port was closed.",
            "the port was closed",
            "Hana Ito",
            ["Norvik Press"],
        ),
        (
            "The port was closed for repairs, Norvik Press reported, citing a harbour official.",
            "The port was closed for repairs",
            "a harbour official",
            ["Norvik Press"],
        ),
        (
            (
                "In an interview published by the Ardent Weekly on Sunday, Hana Ito said the "
                "port was closed."
            ),
            "the port was closed",
            "Hana Ito",
            ["Ardent Weekly"],
        ),
        (
            "The port will stay closed until May, officials told the Coastline Herald.",
            "The port will stay closed until May",
            "officials",
            ["Coastline Herald"],
        ),
        (
            "Hana Ito told the Solway news agency that the port was closed.",
            "the port was closed",
            "Hana Ito",
            ["Solway"],
        ),
    ],
)
def test_relay_forms(body: str, content: str, mention: str, relays: list[str]) -> None:
    claim = claim_with(run(body), content)
    assert claim.speaker.mention == mention
    assert [r.name for r in claim.via] == relays


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


def test_surname_only_subject_is_a_person_for_pronouns() -> None:
    body = 'Falk was defiant. "We will rebuild," she said.'
    claim = claim_with(run(body), "We will rebuild", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Falk"


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


def test_reported_speech_added_after_a_quotation() -> None:
    body = '"We will win," Ana Ruiz said on Friday, adding that the team was ready for the final.'
    article = run(body)
    claim = claim_with(article, "the team was ready for the final", ClaimKind.INDIRECT)
    assert claim.speaker.actor == "Ana Ruiz"


def test_long_appositive_subject() -> None:
    body = (
        "The head of the regional council's finance committee, Marta Sousa, who has led "
        "the body since 2015, said the budget would be cut by a tenth."
    )
    claim = claim_with(run(body), "the budget would be cut", ClaimKind.INDIRECT)
    assert claim.speaker.actor == "Marta Sousa"


def test_person_named_before_a_quotation_in_the_same_paragraph() -> None:
    body = '"The plan is fine," Ana Ruiz said.\n\nOmar Haddad took a different view. "It is over."'
    claim = claim_with(run(body), "It is over", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Omar Haddad"


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


def test_title_alone_resolves_to_the_person_given_it() -> None:
    body = (
        "Harbour Minister Lena Okafor visited the port on Friday.\n\n"
        '"We will reopen the quay," the minister said.\n\n'
        "Later the minister said the town would recover."
    )
    article = run(body)
    quay = claim_with(article, "We will reopen the quay", ClaimKind.DIRECT)
    assert quay.speaker.mention == "the minister"
    assert quay.speaker.actor == "Lena Okafor"
    recover = claim_with(article, "the town would recover", ClaimKind.INDIRECT)
    assert recover.speaker.mention == "the minister"
    assert recover.speaker.actor == "Lena Okafor"


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


def test_person_introduced_in_the_paragraph_before_a_quotation() -> None:
    body = '"The plan is fine," Ana Ruiz said.\n\nOmar Haddad was furious.\n\n"It is a disgrace."'
    claim = claim_with(run(body), "It is a disgrace", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Omar Haddad"


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


def test_the_company_and_the_ministry_resolve_to_named_bodies() -> None:
    body = (
        '"No data was lost," the Northwind Telecom Company said on Monday.\n\n'
        "The company said later that engineers had fixed the fault.\n\n"
        '"We regret the delay," the Foreign Ministry said. '
        "The ministry added that talks would go on."
    )
    article = run(body)
    fault = claim_with(article, "engineers had fixed the fault", ClaimKind.INDIRECT)
    assert fault.speaker.actor == "Northwind Telecom Company"
    talks = claim_with(article, "talks would go on", ClaimKind.INDIRECT)
    assert talks.speaker.actor == "Foreign Ministry"
    assert actor(article, "Foreign Ministry").kind == ActorKind.GOVERNMENT


def test_clause_opening_with_a_bare_noun() -> None:
    claim = claim_with(run("Ana Ruiz said prices would rise next year."), "prices would rise")
    assert claim.kind == ClaimKind.INDIRECT
    assert run("Ana Ruiz said goodbye to her staff.").claims == ()


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


@pytest.mark.parametrize(
    ("body", "relays"),
    [
        (
            "Ana Ruiz wrote in an op-ed for the Harbour Gazette that the plan was dead.",
            ["Harbour Gazette"],
        ),
        (
            '"The plan is dead," Ana Ruiz said in a statement to Kestrelwire.',
            ["Kestrelwire"],
        ),
        ("Ana Ruiz said in a letter to Omar Haddad that the plan was dead.", []),
    ],
)
def test_relays_named_in_the_attribution(body: str, relays: list[str]) -> None:
    claim = claim_with(run(body), "plan")
    assert claim.speaker.actor == "Ana Ruiz"
    assert [r.name for r in claim.via] == relays
