"""Mentions resolved to actors across an article (``speakers``).

Every article here is written for these tests."""

from __future__ import annotations

from extraction_helpers import actor, claim_with, roles, run

from claims.extraction import ActorKind, ClaimKind
from claims.extraction.speakers import ActorRegistry


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


def test_surname_only_subject_is_a_person_for_pronouns() -> None:
    body = 'Falk was defiant. "We will rebuild," she said.'
    claim = claim_with(run(body), "We will rebuild", ClaimKind.DIRECT)
    assert claim.speaker.actor == "Falk"


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


# ---- ActorRegistry on its own ---------------------------------------------------


def _spans(body: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for index, char in enumerate(body):
        if char == ".":
            spans.append((start, index + 1))
            start = index + 2
    return spans


def test_registry_finds_a_pronoun_in_the_sentences_it_is_given() -> None:
    body = "Ana Ruiz arrived late. She said the plan would fail."
    registry = ActorRegistry(body, _spans(body))
    assert registry.resolve("She", body.index("She")) == "Ana Ruiz"


def test_registry_without_sentences_leaves_the_pronoun_unresolved() -> None:
    body = "Ana Ruiz arrived late. She said the plan would fail."
    registry = ActorRegistry(body, [])
    assert registry.resolve("She", body.index("She")) == "Unidentified (She)"


def test_registry_merges_a_surname_with_the_full_name() -> None:
    body = "Ana Ruiz arrived late. Ruiz said the plan would fail."
    registry = ActorRegistry(body, _spans(body))
    assert registry.resolve("Ruiz", body.index("Ruiz said")) == "Ana Ruiz"
    (found,) = registry.actors({"Ana Ruiz": None})
    assert found.name == "Ana Ruiz"
    assert "Ruiz" in found.aliases
