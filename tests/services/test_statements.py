"""Statements: ingest joins repeated quotes; editors split, join, link and review them."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError

from claims import services
from claims.models import (
    Actor,
    Claim,
    ClaimKind,
    ReviewStatus,
    Statement,
    StatementBand,
    StatementLink,
    StatementMethod,
)
from claims.services import statements as statement_services
from claims.services.statements import band_keys, shingles, similarity
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

QUOTE = (
    "We will not allow the pipeline to be built across the river, whatever the court decides "
    "next month"
)


def ingest(origin: str, body: str, *, publisher: str, published: str):
    from claims.article_files import ArticleOverrides

    report = services.article_ingest(
        origin=origin,
        data=body.encode(),
        overrides=ArticleOverrides(
            publisher=publisher, published=datetime.date.fromisoformat(published)
        ),
    )
    assert report.status in ("new", "new version"), report
    return report


def quote_claim(article_id: int) -> Claim:
    return Claim.objects.get(article_id=article_id, kind=ClaimKind.DIRECT)


def test_the_same_quote_from_two_outlets_is_one_statement_earliest_first():
    later = ingest(
        "later.txt",
        f'Pipeline row\n\n"{QUOTE}," Governor Maria Lopez said on Monday.\n',
        publisher="Daily Ledger",
        published="2024-03-05",
    )
    earlier = ingest(
        "earlier.txt",
        # Re-punctuated and with curly quotes, as another outlet prints it.
        "River fight\n\n\u201c"
        + QUOTE.replace(",", " \u2014")
        + ".\u201d Governor Maria Lopez said.\n",
        publisher="Morning Post",
        published="2024-03-04",
    )
    first, second = quote_claim(earlier.article_id), quote_claim(later.article_id)
    assert first.statement_id == second.statement_id is not None
    statement = Statement.objects.get(pk=first.statement_id)
    assert statement.appearances == 2
    assert statement.first_claim_id == first.pk
    assert statement.first_published == datetime.date(2024, 3, 4)
    assert statement.speaker == first.actor
    assert second.statement_method == StatementMethod.FIRST
    assert first.statement_method == StatementMethod.EXACT
    assert first.statement_score == 1.0


def test_a_trimmed_excerpt_with_brackets_and_ellipsis_joins_the_longer_quote():
    full = ingest(
        "full.txt",
        f'Pipeline row\n\n"{QUOTE}," Governor Maria Lopez said.\n',
        publisher="Daily Ledger",
        published="2024-03-04",
    )
    excerpt = ingest(
        "excerpt.txt",
        'River fight\n\n"We will not allow the pipeline [project] to be built across the '
        'river \u2026 next month," Governor Maria Lopez said.\n',
        publisher="Wire Digest",
        published="2024-03-05",
    )
    claim = quote_claim(excerpt.article_id)
    assert claim.statement_id == quote_claim(full.article_id).statement_id
    # Not the same text, but every 3 words it has in a row are in the full quote.
    assert claim.statement_method == StatementMethod.MINHASH
    assert claim.statement_score == 1.0


def test_a_different_quote_of_the_same_speaker_on_the_same_topic_stays_apart():
    one = ingest(
        "one.txt",
        f'Pipeline row\n\n"{QUOTE}," Governor Maria Lopez said.\n',
        publisher="Daily Ledger",
        published="2024-03-04",
    )
    two = ingest(
        "two.txt",
        'Pipeline row\n\n"We will ask the court to stop the pipeline before it reaches the '
        'river next month," Governor Maria Lopez said.\n',
        publisher="Daily Ledger",
        published="2024-03-06",
    )
    assert quote_claim(one.article_id).statement_id != quote_claim(two.article_id).statement_id


def test_the_same_words_from_another_speaker_are_another_statement():
    one = ingest(
        "one.txt",
        f'Pipeline row\n\n"{QUOTE}," Governor Maria Lopez said.\n',
        publisher="Daily Ledger",
        published="2024-03-04",
    )
    two = ingest(
        "two.txt",
        f'Pipeline row\n\n"{QUOTE}," Senator Tom Reyes said.\n',
        publisher="Daily Ledger",
        published="2024-03-06",
    )
    assert quote_claim(one.article_id).statement_id != quote_claim(two.article_id).statement_id


_bodies = itertools.count()


def make_claim(text: str, *, kind=ClaimKind.DIRECT, actor=None, published=None) -> Claim:
    """A stored claim in an article of its own (no statement yet)."""
    body = f'"{text}," she said. ({next(_bodies)})'
    source = ArticleFactory(body=body, published=published or datetime.date(2024, 5, 1))
    return ClaimFactory(text=text, kind=kind, actor=actor, article=source)


def claim_in_statement(text: str, *, kind=ClaimKind.DIRECT, actor=None, published=None) -> Claim:
    """A stored claim assigned to its statement as ingest would."""
    claim = make_claim(text, kind=kind, actor=actor, published=published)
    statement_services.statements_assign(claims=[claim])
    claim.refresh_from_db()
    return claim


def test_an_unresolved_speaker_joins_on_the_words():
    gates = ActorFactory(name="Robert Gates")
    named = claim_in_statement(QUOTE, actor=gates)
    unnamed = make_claim(QUOTE)
    statement_services.statements_assign(claims=[unnamed])
    unnamed.refresh_from_db()
    assert unnamed.statement_id == named.statement_id


def test_an_unresolved_first_appearance_takes_the_speaker_of_a_later_one():
    unnamed = make_claim(QUOTE)
    statement_services.statements_assign(claims=[unnamed])
    gates = ActorFactory(name="Robert Gates")
    named = claim_in_statement(QUOTE, actor=gates)
    assert named.statement_id == Claim.objects.get(pk=unnamed.pk).statement_id
    assert Statement.objects.get(pk=named.statement_id).speaker == gates


def test_reported_speech_joins_only_the_same_content_of_the_same_actor():
    gates = ActorFactory(name="Robert Gates")
    text = "the United States would not station missiles in the region before the treaty expired"
    first = claim_in_statement(text, kind=ClaimKind.INDIRECT, actor=gates)
    same = claim_in_statement(
        text.replace(" expired", " had expired"), kind=ClaimKind.INDIRECT, actor=gates
    )
    other_content = claim_in_statement(
        "the treaty had been broken by the other side many times",
        kind=ClaimKind.INDIRECT,
        actor=gates,
    )
    nobody = make_claim(text, kind=ClaimKind.INDIRECT)
    statement_services.statements_assign(claims=[nobody])
    nobody.refresh_from_db()
    quote = claim_in_statement(text, actor=gates)
    assert same.statement_id == first.statement_id
    assert other_content.statement_id != first.statement_id
    # An unknown actor's paraphrase is not known to report the same thing.
    assert nobody.statement_id != first.statement_id
    # Words in quotation marks and reported speech are different kinds of statement.
    assert quote.statement_id != first.statement_id


def test_claims_of_one_batch_join_each_other():
    gates = ActorFactory(name="Robert Gates")
    a = make_claim(QUOTE, actor=gates)
    b = make_claim(QUOTE.upper(), actor=gates)
    statement_services.statements_assign(claims=[a, b])
    assert a.statement_id == b.statement_id
    assert Statement.objects.get(pk=a.statement_id).appearances == 2


def test_a_new_version_of_an_article_does_not_count_as_another_appearance():
    body = f'Pipeline row\n\n"{QUOTE}," Governor Maria Lopez said.\n'
    ingest("story.txt", body, publisher="Daily Ledger", published="2024-03-04")
    newer = ingest(
        "story.txt", body + "\nMore later.\n", publisher="Daily Ledger", published="2024-03-04"
    )
    claim = quote_claim(newer.article_id)
    statement = Statement.objects.get(pk=claim.statement_id)
    assert statement.claims.count() == 2
    assert statement.appearances == 1
    assert statement.first_claim_id == claim.pk


def test_reextracting_an_article_keeps_its_statements_consistent():
    report = ingest(
        "story.txt",
        f'Pipeline row\n\n"{QUOTE}," Governor Maria Lopez said.\n',
        publisher="Daily Ledger",
        published="2024-03-04",
    )
    old = quote_claim(report.article_id)
    services.article_reextract(article=old.article)
    new = quote_claim(report.article_id)
    assert new.pk != old.pk
    assert not Statement.objects.filter(pk=old.statement_id).exclude(pk=new.statement_id).exists()
    assert Statement.objects.get(pk=new.statement_id).appearances == 1


def test_similarity_takes_containment_only_for_long_enough_excerpts():
    long = shingles("we will not allow the pipeline to be built across the river")
    excerpt = shingles("allow the pipeline to be built")
    tiny = shingles("the river")
    assert similarity(excerpt, long) == 1.0
    assert similarity(tiny, long) == 0.0
    assert len(band_keys(long)) == statement_services.BANDS
    assert band_keys(long) == band_keys(frozenset(long))
    assert band_keys(frozenset()) == []


# The desk's operations.


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", is_staff=True)


def test_review_of_a_statement_reaches_every_appearance_with_history(editor):
    gates = ActorFactory(name="Robert Gates")
    a = claim_in_statement(QUOTE, actor=gates)
    b = claim_in_statement(QUOTE, actor=gates)
    report = services.statement_review(
        statement=a.statement, reviewer=editor, status=ReviewStatus.DISPUTED
    )
    assert report.changed == 2
    for claim in (a, b):
        claim.refresh_from_db()
        assert claim.review_status == ReviewStatus.DISPUTED
        latest = claim.history.first()
        assert latest.history_user == editor
        assert f"statement {a.statement_id}" in latest.history_change_reason


def test_joining_never_overwrites_a_review():
    gates = ActorFactory(name="Robert Gates")
    reviewed = claim_in_statement(QUOTE, actor=gates)
    services.claim_review(claim=reviewed, reviewer=None, status=ReviewStatus.FALSE)
    fresh = claim_in_statement(QUOTE, actor=gates)
    reviewed.refresh_from_db()
    assert fresh.statement_id == reviewed.statement_id
    assert reviewed.review_status == ReviewStatus.FALSE
    assert fresh.review_status == ReviewStatus.UNREVIEWED


def test_split_takes_a_claim_out_with_history(editor):
    gates = ActorFactory(name="Robert Gates")
    a = claim_in_statement(QUOTE, actor=gates)
    b = claim_in_statement(QUOTE, actor=gates)
    new = services.statement_split(claim=b, user=editor)
    b.refresh_from_db()
    assert b.statement == new != a.statement
    assert b.statement_method == StatementMethod.EDITOR
    assert Statement.objects.get(pk=a.statement_id).appearances == 1
    assert Statement.objects.get(pk=new.pk).appearances == 1
    assert b.history.first().history_user == editor
    assert "split out" in b.history.first().history_change_reason
    with pytest.raises(ValidationError, match="only appearance"):
        services.statement_split(claim=b, user=editor)


def test_join_moves_claims_and_links_and_records_it(editor):
    gates = ActorFactory(name="Robert Gates")
    a = claim_in_statement(QUOTE, actor=gates, published=datetime.date(2024, 1, 2))
    b = claim_in_statement(
        "Something else entirely was said about the budget and the schools",
        actor=gates,
        published=datetime.date(2024, 1, 1),
    )
    other = claim_in_statement("A third quote about taxes and roads in the county", actor=gates)
    services.statement_link(
        source=b.statement, target=other.statement, kind="contradicts", user=editor
    )
    survivor = services.statements_join(survivor=a.statement, merged=[b.statement], user=editor)
    b.refresh_from_db()
    assert b.statement_id == survivor.pk
    assert not Statement.objects.filter(pk=b.statement_id).exclude(pk=survivor.pk).exists()
    survivor.refresh_from_db()
    assert survivor.appearances == 2
    assert survivor.first_claim_id == b.pk
    assert StatementLink.objects.get().source_id == survivor.pk
    assert "joined statement" in b.history.first().history_change_reason
    # Its bands now find both texts.
    assert StatementBand.objects.filter(statement=survivor).count() > statement_services.BANDS


def test_join_refuses_different_speakers(editor):
    a = claim_in_statement(QUOTE, actor=ActorFactory(name="Robert Gates"))
    b = claim_in_statement(QUOTE, actor=ActorFactory(name="Maria Lopez"))
    with pytest.raises(ValidationError, match="different speakers"):
        services.statements_join(survivor=a.statement, merged=[b.statement], user=editor)


def test_links_are_checked(editor):
    a = claim_in_statement(QUOTE)
    b = claim_in_statement("A third quote about taxes and roads in the county")
    link = services.statement_link(
        source=a.statement, target=b.statement, kind="corrects", user=editor
    )
    assert link.created_by == editor
    with pytest.raises(ValidationError, match="already corrects"):
        services.statement_link(
            source=a.statement, target=b.statement, kind="corrects", user=editor
        )
    with pytest.raises(ValidationError, match="itself"):
        services.statement_link(source=a.statement, target=a.statement, kind="repeats", user=editor)
    with pytest.raises(ValidationError, match="unknown link kind"):
        services.statement_link(source=a.statement, target=b.statement, kind="likes", user=editor)
    services.statement_unlink(link=link, user=editor)
    assert not StatementLink.objects.exists()


def test_actor_merge_moves_statements_to_the_survivor():
    gates = ActorFactory(name="Robert Gates")
    duplicate = ActorFactory(name="Bob Gates")
    claim = claim_in_statement(QUOTE, actor=duplicate)
    services.actor_merge(survivor=gates, merged=[duplicate])
    assert Statement.objects.get(pk=claim.statement_id).speaker == gates
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    # Its next appearance, now attributed to the survivor, joins it.
    again = claim_in_statement(QUOTE, actor=gates)
    assert again.statement_id == claim.statement_id


def test_excerpts_are_compared_with_the_fullest_appearance_not_the_longest_string():
    gates = ActorFactory(name="Robert Gates")
    full = claim_in_statement(
        "Interest rates will stay where they are until inflation is back under three percent",
        actor=gates,
    )
    # More characters (an ellipsis), fewer words in a row: not what others are compared with.
    cut = claim_in_statement(
        "interest rates will stay where they are \u2026 until inflation is back under three "
        "percent.",
        actor=gates,
    )
    edited = claim_in_statement(
        "Interest rates will stay where they are until inflation is back under [3] percent"
    )
    assert full.statement_id == cut.statement_id == edited.statement_id


def test_split_and_join_move_every_appearance_for_clients_in_sync(editor):
    gates = ActorFactory(name="Robert Gates")
    a = claim_in_statement(QUOTE, actor=gates)
    b = claim_in_statement(QUOTE, actor=gates)
    before = {claim.pk: Claim.objects.get(pk=claim.pk).updated for claim in (a, b)}
    new = services.statement_split(claim=b, user=editor)
    # a's count of appearances and b's statement both changed.
    after_split = {claim.pk: Claim.objects.get(pk=claim.pk).updated for claim in (a, b)}
    assert all(after_split[pk] > before[pk] for pk in before)
    services.statements_join(survivor=a.statement, merged=[new], user=editor)
    after_join = {claim.pk: Claim.objects.get(pk=claim.pk).updated for claim in (a, b)}
    assert all(after_join[pk] > after_split[pk] for pk in before)
