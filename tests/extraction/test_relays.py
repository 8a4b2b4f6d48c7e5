"""Outlets a claim travelled through (``relays``).

Every article here is written for these tests."""

from __future__ import annotations

import pytest
from extraction_helpers import claim_with, run

from claims.extraction import ClaimKind
from claims.extraction.relays import relays_in


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


# ---- relays_in on its own -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "relays"),
    [
        ("The plan will fail, the state-run Kestrel-Info agency reported.", ["Kestrel-Info"]),
        ("Ruiz told the Morning Ledger that the vote was rigged.", ["Morning Ledger"]),
        ("Ruiz said in Geneva that the vote was rigged.", []),
        ("Ruiz told reporters that the vote was rigged.", []),
    ],
)
def test_relays_in_names_outlets_not_places_or_people(text: str, relays: list[str]) -> None:
    assert [text[start:end] for start, end in relays_in(text, 0, len(text))] == relays


def test_relays_in_looks_only_inside_its_window() -> None:
    text = "Ruiz told the Morning Ledger that the vote was rigged."
    assert relays_in(text, text.index("that"), len(text)) == []
