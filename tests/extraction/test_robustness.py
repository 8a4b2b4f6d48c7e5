"""Bad input never crashes the extractor, never corrupts offsets, and costs
time linear in its length. Time bounds are generous and relative to size."""

from __future__ import annotations

import random
import time

import pytest
from extraction_helpers import assert_invariants
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import extract_article

MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"


def run(body: str):
    article = extract_article(body)
    assert_invariants(article)
    return article


@pytest.mark.parametrize("body", ["", " ", "\n\n\n", "\ufeff", "."])
def test_empty_and_blank(body: str) -> None:
    assert run(body).claims == ()


@pytest.mark.parametrize("mark", ['"', "\u201c", "\u201d", "\u201c\u201d", "'", '""\n'])
def test_ten_thousand_marks_in_a_row(mark: str) -> None:
    run(mark * (10_000 // len(mark)))


def test_unbalanced_marks_everywhere() -> None:
    rng = random.Random(7)
    words = [
        "said",
        "Smith",
        "he",
        "the",
        "plan",
        "was",
        "\u201cgood",
        "bad\u201d",
        '"no',
        'yes"',
    ]
    body = " ".join(
        rng.choice(words) + rng.choice(["", ".", ",", "\n", "\n\n"]) for _ in range(50_000)
    )
    run(body)


def test_control_characters() -> None:
    rng = random.Random(3)
    body = "".join(chr(rng.randrange(0, 32)) for _ in range(50_000))
    run(body)
    run('"We are here,\x00\x07" said\x1b Ana Lind.\x0c\n' * 200)


def test_one_long_line_without_punctuation() -> None:
    rng = random.Random(5)
    words = [
        "said",
        "Gates",
        "that",
        "he",
        "officials",
        "says",
        "told",
        "the",
        "Reuters",
    ]
    body = " ".join(rng.choice(words) for _ in range(200_000))
    run(body)


def test_article_with_no_claims() -> None:
    body = "The river runs past the mill.\n\nBirds nest in the reeds along the bank.\n" * 50
    assert run(body).claims == ()


def _article(size: int, seed: str) -> str:
    return (seed + "\n\n") * max(1, size // (len(seed) + 2))


def _ratio(small: str, large: str, rounds: int = 4) -> float:
    """Best CPU time on ``large`` over best CPU time on ``small``.

    The two are measured in turn, so that a change in the machine's load hits
    both alike, and CPU time ignores the time spent waiting for a core.
    """
    best = {id(small): float("inf"), id(large): float("inf")}
    for _ in range(rounds):
        for body in (small, large):
            start = time.process_time()
            extract_article(body)
            best[id(body)] = min(best[id(body)], time.process_time() - start)
    return best[id(large)] / max(best[id(small)], 1e-9)


def test_time_grows_linearly(times_seed: str) -> None:
    # Large enough that each run takes a good fraction of a second: a short
    # one is at the mercy of whatever else shares the core at that moment.
    small = _article(400_000, times_seed)
    large = _article(1_600_000, times_seed)
    ratio = _ratio(small, large)
    # Four times the input should take about four times as long, and sixteen
    # if anything were quadratic; 9 leaves room for a busy machine.
    assert ratio < 9, ratio


def test_dense_quotation_marks_grow_linearly() -> None:
    unit = 'He said "yes, and then " she said "no.\n'
    small, large = unit * 2_000, unit * 8_000
    ratio = _ratio(small, large)
    assert ratio < 9, ratio


def test_twenty_megabyte_article(times_seed: str, rferl_seed: str) -> None:
    body = _article(20_000_000, times_seed + "\n\n" + rferl_seed)
    assert len(body) >= 19_000_000
    start = time.perf_counter()
    article = extract_article(body)
    elapsed = time.perf_counter() - start
    assert_invariants(article)
    assert len(article.claims) > 1000
    # About 1 MB/s is the expected pace; this bound only catches blow-ups.
    assert elapsed < 180, elapsed


# ---- properties ------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "said", "says", "told", "according to", "Reuters", "reported", "he", "she", "they",
        "Anna Berg", "Berg", "the official", "Officials", "Moscow", "that", "the", "plan",
        ", ", ". ", ": ", "\n", "\n\n", " -- ", "(", ")", "U.S.", "Mr.", "It's", "Gates'",
        "$3.5 billion", "2007", "April 20, 2007 (X/Y) --", "more", "SUBSCRIBE", "\x00", "\t",
        *MARKS,
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=120).map(" ".join))
def test_news_like_noise_keeps_invariants(body: str) -> None:
    run(body)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_keeps_invariants(body: str) -> None:
    run(body)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=0, max_value=5000),
    st.text(alphabet=MARKS + "\n ,.", min_size=1, max_size=12),
)
def test_seed_with_stray_marks_keeps_invariants(times_seed: str, position: int, noise: str) -> None:
    position = min(position, len(times_seed))
    run(times_seed[:position] + noise + times_seed[position:])


def test_punctuation_where_a_speaker_would_stand() -> None:
    # Found by fuzzing: a bare mark in the speaker's place must not name an actor.
    body = (
        "the company more \u2019 more it SUBSCRIBE \" will ' We she plan ' "
        "adding that \u2014 ' \u00ab"
    )
    run(body)
