"""Reported speech beyond "said": every cue verb with its frame, in every order
(``cues``, ``frames``, ``reported``, ``evidentials``).

Every sentence here is written for these tests: general English, no article's words."""

from __future__ import annotations

import pytest
from extraction_helpers import claim_with, no_claim_with, run

from claims.extraction import ClaimKind
from claims.extraction.cues import CUE_PARTICIPLES, CUE_PAST, CUE_VERBS, Frame


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("warned", "warn"),
        ("denies", "deny"),
        ("admitted", "admit"),
        ("signalled", "signal"),
        ("signaled", "signal"),
        ("criticised", "criticise"),
        ("wrote", "write"),
        ("points out", "point out"),
        ("found", "find"),
    ],
)
def test_every_form_of_a_cue_verb_is_known(form: str, lemma: str) -> None:
    assert CUE_VERBS[form].lemma == lemma


def test_participles_and_past_participles_are_derived() -> None:
    assert CUE_PARTICIPLES["admitting"].lemma == "admit"
    assert CUE_PARTICIPLES["urging"].lemma == "urge"
    assert CUE_PARTICIPLES["denying"].lemma == "deny"
    assert CUE_PAST["shown"].lemma == "show"
    assert Frame.OF in CUE_VERBS["accused"].frames
    assert CUE_VERBS["expects"].weak


@pytest.mark.parametrize(
    ("sentence", "content", "mention", "cue"),
    [
        # a clause after the cue, with or without "that", time phrases between
        (
            "The finance minister, Ada Korhonen, warned that the deficit would double by spring.",
            "the deficit would double by spring",
            "The finance minister, Ada Korhonen",
            "warned",
        ),
        (
            "Senator Mara Quist insisted on Tuesday that the vote would go ahead.",
            "the vote would go ahead",
            "Senator Mara Quist",
            "insisted",
        ),
        (
            "Farmers fear that the new quota will ruin smaller dairies.",
            "the new quota will ruin smaller dairies",
            "Farmers",
            "fear",
        ),
        # an infinitive, with and without a listener
        (
            "Prime Minister Ilse Varn vowed to press ahead with the reform.",
            "to press ahead with the reform",
            "Prime Minister Ilse Varn",
            "vowed",
        ),
        (
            "The senator urged colleagues to delay the vote until the audit is published.",
            "colleagues to delay the vote until the audit is published",
            "The senator",
            "urged",
        ),
        (
            "Economists expect the central bank to raise rates again in March.",
            "the central bank to raise rates again in March",
            "Economists",
            "expect",
        ),
        (
            "Union chief Piet Varga called on members to reject the offer.",
            "members to reject the offer",
            "Union chief Piet Varga",
            "called on",
        ),
        # object + of / for / as, and a plain object
        (
            "The opposition leader accused the government of hiding the cost of the scheme.",
            "the government of hiding the cost of the scheme",
            "The opposition leader",
            "accused",
        ),
        (
            "Rights groups criticised the police for using tear gas on marchers.",
            "the police for using tear gas on marchers",
            "Rights groups",
            "criticised",
        ),
        (
            "Critics described the decision as a gift to the oil industry.",
            "the decision as a gift to the oil industry",
            "Critics",
            "described",
        ),
        (
            "Varga called the offer an insult to every nurse in the country.",
            "the offer an insult to every nurse in the country",
            "Varga",
            "called",
        ),
        (
            "Opposition leader Dana Whitlock called for an early election.",
            "an early election",
            "Opposition leader Dana Whitlock",
            "called for",
        ),
        # short contents
        ("Jonas Ekberg denied it.", "it", "Jonas Ekberg", "denied"),
        ("The Green Party backed the bill.", "the bill", "The Green Party", "backed"),
        # evidence verbs
        (
            "A study by the Harlow Institute found that one in five voters had changed parties.",
            "one in five voters had changed parties",
            "A study by the Harlow Institute",
            "found",
        ),
    ],
)
def test_cue_before_its_content(sentence: str, content: str, mention: str, cue: str) -> None:
    claim = claim_with(run(sentence), content, ClaimKind.INDIRECT)
    assert claim.text == content
    assert claim.speaker.mention == mention
    assert claim.cue == cue


@pytest.mark.parametrize(
    ("sentence", "content", "mention"),
    [
        (
            "The talks will resume next week in Oslo, the foreign ministry announced.",
            "The talks will resume next week in Oslo",
            "the foreign ministry",
        ),
        (
            "Turnout was the lowest since 1992, election officials estimated on Monday.",
            "Turnout was the lowest since 1992",
            "election officials",
        ),
        (
            "The plan would cost at least 4 billion euros, warned Hanna Lutz, an economist.",
            "The plan would cost at least 4 billion euros",
            "Hanna Lutz",
        ),
    ],
)
def test_cue_after_its_content(sentence: str, content: str, mention: str) -> None:
    claim = claim_with(run(sentence), content, ClaimKind.INDIRECT)
    assert claim.text == content
    assert claim.speaker.mention == mention


def test_participle_continues_the_sentence_subject() -> None:
    article = run("The party walked out of the chamber, accusing the speaker of bias.")
    claim = claim_with(article, "the speaker of bias", ClaimKind.INDIRECT)
    assert claim.speaker.mention == "The party"
    assert claim.cue == "accusing"


def test_object_ends_before_a_participle_which_is_a_second_claim() -> None:
    article = run("Ministers rejected the proposal, arguing that it would drive investors away.")
    rejected = claim_with(article, "the proposal", ClaimKind.INDIRECT)
    assert rejected.text == "the proposal"
    arguing = claim_with(article, "drive investors away", ClaimKind.INDIRECT)
    assert arguing.text == "it would drive investors away"
    assert rejected.speaker.actor == arguing.speaker.actor


def test_coordinated_cues_share_the_subject() -> None:
    article = run(
        "The Harbour Alliance accused its partner of breaking a promise on rail funding "
        "and threatened to vote against the budget."
    )
    accused = claim_with(article, "breaking a promise", ClaimKind.INDIRECT)
    assert accused.text == "its partner of breaking a promise on rail funding"
    threat = claim_with(article, "vote against the budget", ClaimKind.INDIRECT)
    assert threat.text == "to vote against the budget"
    assert threat.speaker.actor == accused.speaker.actor == "Harbour Alliance"


def test_a_second_source_in_the_sentence_ends_the_first_content() -> None:
    article = run(
        "The mayor said the tram line would pay for itself, while the council's auditor "
        "warned that the costs had been understated."
    )
    first = claim_with(article, "the tram line would pay for itself", ClaimKind.INDIRECT)
    assert first.text == "the tram line would pay for itself"
    second = claim_with(article, "the costs had been understated", ClaimKind.INDIRECT)
    assert second.speaker.mention == "the council's auditor"


def test_noun_cues() -> None:
    article = run("His message to the rebels was short: the door remains open.")
    claim = claim_with(article, "the door remains open", ClaimKind.INDIRECT)
    assert claim.speaker.mention == "His"
    article = run("The office denied a report in the Morning Ledger that the envoy had resigned.")
    denied = claim_with(article, "a report in the Morning Ledger", ClaimKind.INDIRECT)
    assert denied.text == "a report in the Morning Ledger"
    report = claim_with(article, "the envoy had resigned", ClaimKind.INDIRECT)
    assert report.speaker.mention == "the Morning Ledger"


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        (
            "It was reported that the envoy had left the capital overnight.",
            "the envoy had left the capital overnight",
        ),
        (
            "The bill is widely expected to pass the lower house next week.",
            "The bill is widely expected to pass the lower house next week",
        ),
        (
            "The deputy leader is seen as the favourite to succeed her.",
            "The deputy leader is seen as the favourite to succeed her",
        ),
    ],
)
def test_passive_evidentials_name_no_source(sentence: str, content: str) -> None:
    claim = claim_with(run(sentence), content, ClaimKind.INDIRECT)
    assert claim.text == content
    assert claim.speaker is None
    assert claim.cue


@pytest.mark.parametrize(
    "sentence",
    [
        "The reported figures were revised on Monday.",  # an adjective, not a cue
        "Police backed away from the crowd.",  # a phrasal verb
        "Turkey, which has offered to host the talks, sent a delegation.",  # a relative clause
        "The government was accused of hiding the figures.",  # a passive: the accuser unnamed
    ],
)
def test_not_reported_speech(sentence: str) -> None:
    article = run(sentence)
    assert not [c for c in article.claims if c.kind == ClaimKind.INDIRECT], article.claims


def test_the_verb_of_a_relative_clause_is_not_the_main_cue() -> None:
    article = run(
        "Turkey, which has offered to host the talks, said it remained hopeful of a deal."
    )
    claim = claim_with(article, "it remained hopeful of a deal", ClaimKind.INDIRECT)
    assert claim.speaker.actor == "Turkey"
    no_claim_with(article, "to host the talks")
