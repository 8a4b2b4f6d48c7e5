"""Adversarial articles finish well within a time budget, and keep the invariants.

Smaller versions of the cases in ``bench/extraction_worst_case.py``, each built
against one pattern or loop that once grew faster than its input: with that
pattern back, the article takes many times the budget (minutes for the
relay-name pattern), so the budget can stay generous enough for a loaded
machine. Timing targets proper live in the benchmark, not here.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from extraction_helpers import assert_invariants

from claims.extraction import ExtractedArticle, extract_article

# Seconds of CPU time an article may take before the test fails. The fixed
# extractor needs about a second or less for each of these. CPU time, not wall
# time, so that other work on a busy machine does not count.
BUDGET = 5


class TookTooLong(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``TookTooLong`` if the block uses more than ``seconds`` of CPU time.

    The signal interrupts even a regular expression stuck in backtracking (the
    regex engine checks for signals as it goes)."""

    def expire(signum: int, frame: object) -> None:
        raise TookTooLong(f"more than {seconds} s of CPU time")

    previous = signal.signal(signal.SIGVTALRM, expire)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def extract_in_time(body: str) -> ExtractedArticle:
    with time_limit(BUDGET):
        article = extract_article(body)
    assert_invariants(article)
    return article


def repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def distinct_words(count: int) -> list[str]:
    """``count`` different lower-case words: "a", "b", ..., "ba", "bb", ..."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = []
    for index in range(count):
        word = ""
        while True:
            word += letters[index % 26]
            index //= 26
            if not index:
                break
        out.append(word)
    return out


# A run of capitals where a relay's name may stand: cut into up to five
# "words" in every possible way, 100 capitals took some 15 seconds, and the
# time grew as the fifth power of the run. (Sentence tails are searched for a
# relay within 120 characters: a longer run would miss the comma before it.)
@pytest.mark.parametrize(
    "template",
    [
        "Ruiz said that the plan failed, {}.",
        '"We will win," said Ruiz, {}.',
        'Ruiz said, {}: "We will win."',
    ],
)
def test_capitals_where_a_relay_name_may_stand(template: str) -> None:
    extract_in_time(template.format("A" * 100))


@pytest.mark.parametrize("mark", [".", "!?", "?"])
def test_long_run_of_sentence_stops(mark: str) -> None:
    extract_in_time("The plan failed" + repeat(mark, 30_000) + " and so on")


def test_long_word_of_capitals_beside_a_speaker() -> None:
    # Full names are indexed over the whole text once a speaker needs one; no
    # capitalised word follows the run, so no name can start in it.
    article = extract_in_time('"We will win," Ruiz said. ' + "A" * 30_000 + " and left.")
    assert [claim.text for claim in article.claims] == ["We will win"]


def test_capitals_before_a_sentence_subject() -> None:
    body = repeat("In " + "A" * 1_400 + ", Ruiz said that the plan failed. ", 220_000)
    article = extract_in_time(body)
    assert all(claim.text == "the plan failed" for claim in article.claims)


def test_stray_closing_marks_after_verbs_of_saying() -> None:
    extract_in_time(repeat('said" ', 50_000))


def test_many_distinct_descriptions_of_speakers() -> None:
    words = distinct_words(4_000)
    body = " ".join(f'"Yes," the {word}x said.' for word in words)
    article = extract_in_time(body)
    assert len(article.claims) == len(words)


# Dense marks of every kind: linear before and after, these check the
# invariants on the paths the fixes above took (tokens read from the whole
# body's, stops looked up, subjects kept).
@pytest.mark.parametrize(
    "body",
    [
        repeat('"a" ', 20_000),
        repeat("\u201cWe will win,\u201d he said. ", 20_000),
        repeat('Ruiz said: we will win" ', 20_000),
        repeat("'We will win,' she said. ", 20_000),
        repeat('"Yes,"\n', 20_000),
        repeat("A. ", 20_000),
        repeat("Mr. U.S. ", 20_000),
    ],
    ids=[
        "straight-quotes",
        "curly-quotes",
        "unopened-after-colon",
        "single-quotes",
        "quoted-lines",
        "initials",
        "abbreviations",
    ],
)
def test_dense_marks_keep_invariants(body: str) -> None:
    extract_in_time(body)
