"""The extraction corpus is well formed and the extractor does not slip on it.

The floors are what the extractor reached on the corpus when they were last set, less a
small margin: a fall below one is a regression to explain, and a rise is the moment to
raise them (``python bench/evaluate_extraction.py --json``).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "bench" / "extraction_eval"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


evaluation = _load("evaluate_extraction", ROOT / "bench" / "evaluate_extraction.py")
annotate = _load("extraction_eval_annotate", CORPUS / "annotate.py")

# (section, figure) -> floor: the extractor's figures when last measured, less 0.02.
# Raise them whenever the extractor improves (`python bench/evaluate_extraction.py`).
FLOORS = {
    ("direct", "precision"): 0.97,
    ("direct", "recall"): 0.97,
    ("direct", "f1"): 0.97,
    ("direct", "speaker_mention"): 0.96,
    ("direct", "speaker_actor"): 0.90,
    ("attributed", "precision"): 0.92,
    ("attributed", "recall"): 0.86,
    ("attributed", "f1"): 0.89,
    ("partial", "f1"): 0.77,
    ("indirect", "f1"): 0.80,
    ("assertion", "f1"): 0.44,
    ("relays", "recall"): 0.80,
}
# The floors hold on the articles they were set on (01-45); later, harder articles get
# floors of their own when the extractor learns their constructions.
FLOOR_ARTICLES = ["0[1-9]_*", "[1-3][0-9]_*", "4[0-5]_*"]
# The corpus only grows: a smaller one means articles or annotations were lost.
MIN_ARTICLES = 45
MIN_GOLD = {"direct": 276, "partial": 93, "indirect": 172, "assertion": 67}


@pytest.fixture(scope="module")
def figures() -> dict:
    return evaluation.evaluate(CORPUS, only=FLOOR_ARTICLES)[0]


def test_the_floor_articles_are_the_first_45():
    names = [a.name for a in evaluation.load_corpus(CORPUS, FLOOR_ARTICLES)]
    assert [int(name[:2]) for name in names] == list(range(1, 46))


def test_every_annotation_slices_its_article():
    problems = [p for path in sorted(CORPUS.glob("*.json")) for p in annotate.check(path)]
    assert problems == []


def test_the_corpus_loads():
    articles = evaluation.load_corpus(CORPUS)
    assert len(articles) >= MIN_ARTICLES
    for kind, floor in MIN_GOLD.items():
        assert sum(c.kind == kind for a in articles for c in a.gold) >= floor, kind


def test_a_malformed_annotation_is_refused_by_name(tmp_path):
    (tmp_path / "a.txt").write_text('"Yes," she said.\n', encoding="utf-8")
    (tmp_path / "a.json").write_text(
        '{"claims": [{"kind": "direct", "text": "No", "start": 1, "end": 4,'
        ' "speaker": {"mention": "she", "start": 7, "end": 10, "actor": "she"}}]}',
        encoding="utf-8",
    )
    with pytest.raises(evaluation.CorpusError, match=r"a\.json"):
        evaluation.load_corpus(tmp_path)


def test_matching_needs_half_the_longer_span():
    gold = evaluation.Claim(kind="direct", text="x" * 10, start=0, end=10)
    assert evaluation.match([gold], [evaluation.Claim("direct", "", 5, 10)])
    assert not evaluation.match([gold], [evaluation.Claim("direct", "", 6, 10)])
    assert not evaluation.match([gold], [evaluation.Claim("direct", "", 0, 21)])


def test_the_gold_scores_perfectly_against_itself():
    articles = evaluation.load_corpus(CORPUS)
    for article in articles:
        article.found = list(article.gold)
    figures, errors = evaluation.score(articles)
    assert errors == []
    for section in ("direct", "attributed", "partial", "indirect", "assertion"):
        assert figures[section]["f1"] == 1.0, section
    assert figures["direct"]["speaker_mention"] == 1.0
    assert figures["direct"]["speaker_actor"] == 1.0
    assert figures["relays"]["recall"] == 1.0


@pytest.mark.parametrize(
    ("section", "figure"), sorted(FLOORS), ids=[f"{s}-{f}" for s, f in sorted(FLOORS)]
)
def test_not_below_floor(figures, section, figure):
    value = figures[section][figure]
    assert value is not None, f"{section} {figure} could not be computed"
    assert value >= FLOORS[section, figure], (
        f"{section} {figure} fell to {value:.3f}, floor {FLOORS[section, figure]:.2f}"
    )
