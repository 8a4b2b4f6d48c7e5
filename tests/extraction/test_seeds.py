"""The two seed articles come out as the claim guide (CLAIMS.md) describes them."""

from __future__ import annotations

import datetime

import pytest
from extraction_helpers import assert_invariants, claim_with, no_claim_with

from claims.extraction import ActorKind, ClaimKind, ExtractedArticle, extract_article


@pytest.fixture(scope="module")
def rferl(rferl_seed: str) -> ExtractedArticle:
    return extract_article(rferl_seed)


@pytest.fixture(scope="module")
def times(times_seed: str) -> ExtractedArticle:
    return extract_article(times_seed)


def actor(article: ExtractedArticle, name: str):
    (found,) = [a for a in article.actors if a.name == name]
    return found


def test_invariants_hold(rferl: ExtractedArticle, times: ExtractedArticle) -> None:
    assert_invariants(rferl)
    assert_invariants(times)


# ---- RFE/RL, 2007-04-20 ----------------------------------------------------


def test_rferl_metadata(rferl: ExtractedArticle) -> None:
    meta = rferl.metadata
    assert meta.publisher == "RFE/RL"
    assert meta.published == datetime.date(2007, 4, 20)
    assert meta.title == "Russia/U.S.: Pentagon Chief To Visit Moscow For Missile Talks"
    assert meta.byline is not None and "Andrew Tully" in meta.byline


def test_rferl_inverted_attribution_with_apposition(rferl: ExtractedArticle) -> None:
    first = claim_with(rferl, "Clearly, missile defense is an issue", ClaimKind.DIRECT)
    assert first.speaker.mention == "Michael O'Hanlon"
    assert first.speaker.actor == "Michael O'Hanlon"
    assert "said" not in first.text
    # The second quotation of the paragraph continues the same speaker.
    second = claim_with(rferl, "For Gates, he can plead", ClaimKind.DIRECT)
    assert second.speaker.actor == "Michael O'Hanlon"
    hanlon = actor(rferl, "Michael O'Hanlon")
    assert hanlon.kind == ActorKind.PERSON
    assert "Brookings Institution" in hanlon.role


def test_rferl_quote_interrupted_by_attribution(rferl: ExtractedArticle) -> None:
    first = claim_with(rferl, "Russia wants to be offended at something", ClaimKind.DIRECT)
    second = claim_with(rferl, "boost the country's prestige", ClaimKind.DIRECT)
    for claim in (first, second):
        assert claim.speaker.actor == "Aleksandr Goltz"
        assert "Goltz said" not in claim.text
    assert first.speaker.mention == "Goltz"


def test_rferl_pull_quote_is_one_claim_found_twice(
    rferl: ExtractedArticle, rferl_seed: str
) -> None:
    claim = claim_with(rferl, "We cannot easily accept that now", ClaimKind.DIRECT)
    assert claim.speaker.mention == "Totsky"
    assert claim.speaker.actor == "Kontantin Totsky"
    assert len(claim.also_at) == 1
    start, end = claim.also_at[0]
    pull = rferl_seed.index('"We cannot easily accept') + 1
    assert start == pull and end < rferl_seed.index("-- Russian General Totsky")
    assert start != claim.start
    totsky = actor(rferl, "Kontantin Totsky")
    assert "Totsky" in totsky.aliases and "Kontantin Totsky" in totsky.aliases
    assert totsky.role and "General" in totsky.role
    # The attribution of the second half is not part of either claim.
    rest = claim_with(rferl, "we are against the fact", ClaimKind.DIRECT)
    assert rest.speaker.actor == "Kontantin Totsky"
    assert not rest.text.startswith("Totsky")


def test_rferl_partial_quote(rferl: ExtractedArticle) -> None:
    claim = claim_with(rferl, "chimerical", ClaimKind.PARTIAL)
    assert claim.speaker.actor == "Sergei Ivanov"
    assert actor(rferl, "Sergei Ivanov").role == "Russian Deputy Prime Minister"


def test_rferl_scare_quote_is_not_a_claim(rferl: ExtractedArticle) -> None:
    assert not [c for c in rferl.claims if c.text.strip('"') == "rogue"]


def test_rferl_places_speak_as_governments(rferl: ExtractedArticle) -> None:
    insists = claim_with(rferl, "the shield aims at countering", ClaimKind.INDIRECT)
    assert insists.speaker.mention == "Washington"
    says = claim_with(rferl, "the system threatens Russia", ClaimKind.INDIRECT)
    assert says.speaker.mention == "Moscow"
    assert actor(rferl, "Washington").kind == ActorKind.GOVERNMENT
    assert actor(rferl, "Moscow").kind == ActorKind.GOVERNMENT


def test_rferl_groups_and_pronouns(rferl: ExtractedArticle) -> None:
    analysts = claim_with(rferl, "they expect no major breakthrough", ClaimKind.INDIRECT)
    assert analysts.speaker.mention == "Defense analysts"
    group = actor(rferl, "Defense analysts")
    assert group.kind == ActorKind.GROUP and group.anonymous
    backed = claim_with(rferl, "backed Washington's assertion", ClaimKind.INDIRECT)
    assert backed.speaker.mention == "he"
    assert backed.speaker.actor == "Jaap de Hoop Scheffer"


def test_rferl_furniture_and_byline_are_not_claims(rferl: ExtractedArticle) -> None:
    for fragment in (
        "Accessibility links",
        "Breaking News",
        "contributed to this report",
        "RFE/RL Russia Report",
        "undesirable organization",
        "could face fines",
        "security threats that Washington feels",
        "uncompromisingly hostile",
        "Muscovites demonstrating",
    ):
        no_claim_with(rferl, fragment)


# ---- The Moscow Times --------------------------------------------------------


def test_times_metadata(times: ExtractedArticle) -> None:
    meta = times.metadata
    # The only date in the text is a page update, not the publication date.
    assert meta.published is None
    assert meta.title == "Missile Shield Proves a Tough Sell in Moscow"
    assert meta.byline is None


def test_times_metadata_can_be_given(times_seed: str) -> None:
    article = extract_article(
        times_seed, publisher="The Moscow Times", published=datetime.date(2007, 4, 24)
    )
    assert article.metadata.publisher == "The Moscow Times"
    assert article.metadata.published == datetime.date(2007, 4, 24)


def test_times_direct_quotes_and_speakers(times: ExtractedArticle) -> None:
    days = claim_with(times, "The days of the Cold War are over", ClaimKind.DIRECT)
    assert days.speaker.mention == "Gates"
    assert days.speaker.actor == "Robert Gates"
    invite = claim_with(times, "We invite Russia to join", ClaimKind.DIRECT)
    assert invite.speaker.actor == "Robert Gates"
    gates = actor(times, "Robert Gates")
    assert {"Gates", "Robert Gates"} <= set(gates.aliases)
    assert gates.role and "Secretary of Defense" in gates.role


def test_times_relays(times: ExtractedArticle) -> None:
    serdyukov = claim_with(times, "serious destabilizing factor", ClaimKind.DIRECT)
    assert serdyukov.speaker.actor == "Anatoly Serdyukov"
    assert [r.name for r in serdyukov.via] == ["Interfax"]
    carried = claim_with(times, "When both the United States and Russia", ClaimKind.DIRECT)
    assert carried.speaker.actor == "Robert Gates"
    assert [r.name for r in carried.via] == ["Reuters"]
    quoted = claim_with(times, "We're going to continue to make this effort", ClaimKind.DIRECT)
    assert quoted.speaker.mention == "the official"
    assert quoted.speaker.actor == "A U.S. official traveling with Gates"
    assert [r.name for r in quoted.via] == ["Reuters"]
    official = actor(times, "A U.S. official traveling with Gates")
    assert official.anonymous


def test_times_pronoun_speaker_with_relay(times: ExtractedArticle) -> None:
    claim = claim_with(times, "These plans cannot help but cause concern", ClaimKind.DIRECT)
    assert claim.speaker.mention == "he"
    assert claim.speaker.actor == "Anatoly Serdyukov"
    assert [r.name for r in claim.via] == ["Interfax"]


def test_times_missing_opening_mark(times: ExtractedArticle) -> None:
    claim = claim_with(times, "along different lines")
    assert claim.speaker.mention == "the Kremlin"
    assert actor(times, claim.speaker.actor).kind == ActorKind.GOVERNMENT
    assert claim.text.startswith("Putin and Bush had touched")
    # The rest of the article is still read.
    statement = claim_with(times, "sidelines of the Group of Eight", ClaimKind.INDIRECT)
    assert statement.speaker.mention == "the statement"
    assert statement.speaker.actor == claim.speaker.actor


def test_times_partial_quotes(times: ExtractedArticle) -> None:
    serious = claim_with(times, "serious and principled", ClaimKind.PARTIAL)
    assert serious.speaker.mention == "An official who briefed reporters"
    assert [r.name for r in serious.via] == ["Reuters"]
    optimism = claim_with(times, "cautious optimism", ClaimKind.PARTIAL)
    assert optimism.speaker.actor == "Robert Gates"
    assert [r.name for r in optimism.via] == ["Interfax"]
    policies = claim_with(times, "some Russian policies", ClaimKind.PARTIAL)
    assert policies.speaker.actor == "Robert Gates"
    # Two words, but Gates is reported reiterating them: a partial if anything.
    for claim in times.claims:
        if "potential aggressors" in claim.text:
            assert claim.kind == ClaimKind.PARTIAL
            assert claim.speaker.actor == "Robert Gates"


def test_times_indirect_speech(times: ExtractedArticle) -> None:
    deploy = claim_with(times, "would eventually deploy the installations", ClaimKind.INDIRECT)
    assert deploy.speaker.actor == "Ivan Safranchuk"
    accept = claim_with(times, "Russia would not accept the U.S. offer", ClaimKind.INDIRECT)
    assert accept.speaker.mention == "He"
    assert accept.speaker.actor == "Ivan Safranchuk"
    expected = claim_with(times, "he expected no breakthroughs", ClaimKind.INDIRECT)
    assert expected.speaker.actor == "Ivan Safranchuk"
    officials = claim_with(times, "it could be expanded in the future", ClaimKind.INDIRECT)
    assert officials.speaker.mention == "Senior military officials"
    assert actor(times, "Senior military officials").kind == ActorKind.GROUP


def test_times_assertion_kept_apart(times: ExtractedArticle) -> None:
    claim = claim_with(times, "10 interceptor missiles", ClaimKind.ASSERTION)
    assert claim.speaker is None
    assert "$3.5 billion" in claim.text


def test_times_furniture_not_claims(times: ExtractedArticle) -> None:
    no_claim_with(times, "Get the latest updates")
    no_claim_with(times, "Last Updated")
