"""The construction labels of the evaluation corpus: annotated, checked, derived, counted."""

from __future__ import annotations

import importlib.util
import json
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
Claim = evaluation.Claim


def _claim(body: str, text: str, mention: str | None = None, kind: str = "indirect", **extra):
    start = body.index(text)
    span = None
    if mention:
        # The mention outside the claim's own text.
        at = next(
            i
            for i in range(len(body))
            if body.startswith(mention, i) and (i + len(mention) <= start or i >= start + len(text))
        )
        span = (at, at + len(mention))
    return Claim(
        kind=kind,
        text=text,
        start=start,
        end=start + len(text),
        mention=span,
        mention_text=mention,
        actor=mention,
        **extra,
    )


def _labels(body: str, text: str, mention: str | None = None, kind: str = "indirect") -> dict:
    claim = _claim(body, text, mention, kind)
    article = evaluation.Article(name="a", body=body, gold=[claim])
    return evaluation.construction_labels(article, claim)


# --- derived labels, for annotations that predate them ---------------------


@pytest.mark.parametrize(
    ("body", "text", "mention", "cue_class", "position"),
    [
        ('"We will win," she said.', "We will win", "she", "say", "after"),
        (
            "The minister said on Tuesday that rates would rise.",
            "rates would rise",
            "The minister",
            "say",
            "before",
        ),
        (
            "Okafor warned that the dam could fail.",
            "the dam could fail",
            "Okafor",
            "verb",
            "before",
        ),
        (
            "The bill would fail, Okafor predicted.",
            "The bill would fail",
            "Okafor",
            "verb",
            "after",
        ),
        (
            "The union walked out, saying the offer was an insult.",
            "the offer was an insult",
            "The union",
            "ing",
            "before",
        ),
        (
            "Prices rose 4 per cent, according to the statistics office.",
            "Prices rose 4 per cent",
            "the statistics office",
            "according_to",
            "after",
        ),
        (
            "In his remarks, Okafor gave the reason: the dam was old.",
            "the dam was old",
            "Okafor",
            "noun",
            "before",
        ),
        (
            "It was reported on Monday that the mine had closed.",
            "the mine had closed",
            None,
            "passive",
            "before",
        ),
        ("LIN: We never agreed to that.", "We never agreed to that.", "LIN", "label", "before"),
        (
            "Talks resume. The deal is widely expected to collapse.",
            "The deal is widely expected to collapse",
            None,
            "passive",
            "after",
        ),
    ],
)
def test_cue_class_and_position_are_derived_from_the_words_around(
    body, text, mention, cue_class, position
):
    labels = _labels(body, text, mention)
    assert (labels["cue_class"], labels["cue_position"]) == (cue_class, position)


def test_the_cue_nearest_the_speaker_wins_over_words_inside_other_claims():
    body = 'Rivas said the vote was rigged. "We never said that," Boateng insisted.'
    rigged = _claim(body, "the vote was rigged", "Rivas")
    quote = _claim(body, "We never said that", "Boateng", kind="direct")
    article = evaluation.Article(name="a", body=body, gold=[rigged, quote])
    assert evaluation.construction_labels(article, quote)["cue_class"] == "verb"
    assert evaluation.construction_labels(article, quote)["cue_position"] == "after"
    assert evaluation.construction_labels(article, rigged)["cue_class"] == "say"


@pytest.mark.parametrize(
    ("mention", "source_type"),
    [
        (None, "none"),
        ("she", "pronoun"),
        ("They", "pronoun"),
        ("Defense Secretary Paul Okonjo-Marsh", "person"),
        ("Omani Foreign Minister Sayyid Badr bin Hamad al-Busaidi", "person"),
        ("The union's general secretary, Caoimhe Ní Bhriain", "person"),
        ("The Union of Health Professionals", "organisation"),
        ("The Xinhua-Nova news agency", "organisation"),
        ("The Interior Ministry", "government"),
        ("Police", "government"),
        ("the ministry", "nominal"),
        ("A spokeswoman for Southern Health", "nominal"),
        ("Officials", "nominal"),
        ("the newspaper", "nominal"),
        ("A poll by the Civic Institute", "document"),
        ("The figures", "document"),
    ],
)
def test_source_type_is_derived_from_the_mention_shape(mention, source_type):
    assert evaluation.derive_source_type(mention) == source_type


@pytest.mark.parametrize(
    ("length", "bucket"),
    [(1, "short"), (59, "short"), (60, "medium"), (149, "medium"), (150, "long")],
)
def test_length_buckets(length, bucket):
    body = "x" * length + " he said."
    assert _labels(body, "x" * length, "he")["length"] == bucket


def test_quote_type_tells_marked_from_unmarked_direct_speech():
    assert (
        _labels('"Go home," he said.', "Go home", "he", "direct")["quote_type"] == "direct marked"
    )
    body = "Q: Will you go?\n\nLIN: No, I will stay."
    assert _labels(body, "No, I will stay.", "LIN", "direct")["quote_type"] == "direct unmarked"
    assert _labels("He said it was late.", "it was late", "He")["quote_type"] == "indirect"


def test_annotated_labels_win_over_derivation():
    body = "Okafor warned that the dam could fail."
    derived = _claim(body, "the dam could fail", "Okafor")
    cue = body.index("warned")
    labelled = Claim(
        **{
            **derived.__dict__,
            "cue": (cue, cue + 6),
            "cue_class": "say",  # deliberately not what derivation gives
            "source_type": "organisation",
            "labelled": True,
        }
    )
    article = evaluation.Article(name="a", body=body, gold=[labelled])
    labels = evaluation.construction_labels(article, labelled)
    assert labels["cue_class"] == "say"
    assert labels["source_type"] == "organisation"
    assert labels["cue_position"] == "before"


# --- the breakdown ---------------------------------------------------------


def test_breakdown_counts_found_over_total_per_label():
    body = 'Okafor warned that the dam could fail. "It will hold," Mensah said. She denied it.'
    warned = _claim(body, "the dam could fail", "Okafor")
    held = _claim(body, "It will hold", "Mensah", kind="direct")
    denied = _claim(body, "it", "She")
    denied = Claim(**{**denied.__dict__, "start": body.rindex("it"), "end": body.rindex("it") + 2})
    article = evaluation.Article(name="a", body=body, gold=[warned, held, denied])
    article.found = [held, Claim("direct", "", warned.start, warned.end)]
    out = evaluation.construction_breakdown([article])
    assert out["labels"] == {"annotated": 0, "derived": 3}
    assert out["cue_class"]["verb"]["found"] == 1
    assert out["cue_class"]["verb"]["total"] == 2
    assert out["cue_class"]["say"] == {"found": 1, "total": 1, "recall": 1.0}
    assert out["quote_type"]["direct marked"]["total"] == 1
    assert out["quote_type"]["indirect"] == {"found": 1, "total": 2, "recall": 0.5}
    assert out["source_type"]["pronoun"] == {"found": 0, "total": 1, "recall": 0.0}
    assert out["cue_position"]["before"]["total"] == 2


def test_breakdown_on_the_corpus_covers_every_attributed_claim():
    articles = evaluation.load_corpus(CORPUS)
    for article in articles:
        article.found = list(article.gold)
    out = evaluation.construction_breakdown(articles)
    total = sum(c.kind in evaluation.ATTRIBUTED for a in articles for c in a.gold)
    for dim in evaluation.BREAKDOWN_ORDER:
        assert sum(t["total"] for t in out[dim].values()) == total, dim
        assert all(t["recall"] == 1.0 for t in out[dim].values()), dim


def test_only_picks_articles_by_stem(tmp_path):
    for stem in ("01_a", "46_b", "47_c"):
        (tmp_path / f"{stem}.txt").write_text("Nothing here.\n", encoding="utf-8")
        (tmp_path / f"{stem}.json").write_text('{"claims": []}', encoding="utf-8")
    names = [a.name for a in evaluation.load_corpus(tmp_path, ["4[6-9]_*"])]
    assert names == ["46_b", "47_c"]
    with pytest.raises(evaluation.CorpusError, match="no article matches"):
        evaluation.load_corpus(tmp_path, ["9*"])


# --- claims with no named source ---------------------------------------------

BODY = "The plant is expected to close. Mensah said it would not.\n"


def _gold_file(tmp_path, claims: list[dict]) -> Path:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"claims": claims}), encoding="utf-8")
    return tmp_path / "a.json"


def _unnamed(**changes) -> dict:
    claim = {
        "kind": "indirect",
        "text": "The plant",
        "start": 0,
        "end": 9,
        "speaker": None,
        "via": [],
        "cue": {"text": "is expected to", "start": 10, "end": 24},
        "cue_class": "passive",
        "source_type": "none",
    }
    return claim | changes


def test_an_unnamed_source_counts_as_attributed_with_no_speaker_check(tmp_path):
    _gold_file(tmp_path, [_unnamed()])
    (article,) = evaluation.load_corpus(tmp_path)
    (gold,) = article.gold
    assert gold.mention is None and gold.labelled and gold.cue == (10, 24)
    article.found = [Claim("indirect", "The plant", 0, 9, mention=(40, 46), actor="Mensah")]
    figures, _ = evaluation.score([article])
    assert figures["attributed"]["recall"] == 1.0
    assert figures["attributed"]["speaker_mention"] is None  # nothing to check


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"source_type": "person"}, "null exactly"),
        ({"cue_class": "whisper"}, "cue_class"),
        ({"source_type": "rumour"}, "source_type"),
        ({"cue": {"text": "is expected", "start": 11, "end": 22}}, "cue"),
    ],
)
def test_the_scorer_refuses_bad_labels(tmp_path, changes, message):
    _gold_file(tmp_path, [_unnamed(**changes)])
    with pytest.raises(evaluation.CorpusError, match=message):
        evaluation.load_corpus(tmp_path)


def test_an_unlabelled_claim_still_needs_a_speaker(tmp_path):
    claim = _unnamed()
    for key in ("cue", "cue_class", "source_type"):
        del claim[key]
    _gold_file(tmp_path, [claim])
    with pytest.raises(evaluation.CorpusError, match="needs a speaker"):
        evaluation.load_corpus(tmp_path)


# --- the annotation tool -----------------------------------------------------


def test_annotate_compiles_cue_and_labels():
    raws = annotate.parse_ann(
        "I| The plant | | | | cls=passive src=none | is expected to\n"
        "I| it would not | Mensah | Mensah Adjei | | cls=say src=person | said\n"
    )
    unnamed, named = (annotate.compile_claim(BODY, raw) for raw in raws)
    assert unnamed["speaker"] is None
    assert unnamed["cue"] == {"text": "is expected to", "start": 10, "end": 24}
    assert (unnamed["cue_class"], unnamed["source_type"]) == ("passive", "none")
    assert BODY[named["cue"]["start"] : named["cue"]["end"]] == "said"
    assert named["speaker"]["actor"] == "Mensah Adjei"
    assert "unmarked" not in named


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("I| it would not | Mensah | | | cls=say src=none | said", "null exactly"),
        ("I| The plant | | | | cls=passive src=none", "without a cue"),
        ("I| it would not | Mensah | | | cls=mumble src=person | said", "cue_class"),
        ("I| it would not | Mensah | | | cls=say src=person unmarked | said", "only a direct"),
        ("A| The plant | | | | cls=say src=none | -", "assertion"),
    ],
)
def test_annotate_refuses_bad_labels(line, message):
    with pytest.raises(annotate.AnnotationError, match=message):
        for raw in annotate.parse_ann(line):
            annotate.compile_claim(BODY, raw)


def test_check_reports_label_problems(tmp_path):
    good = annotate.compile_claim(
        BODY, annotate.parse_ann("I| it would not | Mensah | | | cls=say src=person | said")[0]
    )
    unlabelled = annotate.compile_claim(BODY, annotate.parse_ann("I| it would not | Mensah")[0])
    cases = {
        "cue_off": [good | {"cue": {"text": "said", "start": 41, "end": 45}}],
        "mixed": [good, unlabelled],
        "not_bool": [good | {"unmarked": "yes"}],
        "bad_class": [good | {"cue_class": "shout"}],
    }
    for name, claims in cases.items():
        (tmp_path / f"{name}.txt").write_text(BODY, encoding="utf-8")
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps({"claims": claims}), encoding="utf-8")
        assert annotate.check(path), name
    (tmp_path / "ok.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "ok.json").write_text(json.dumps({"claims": [good]}), encoding="utf-8")
    assert annotate.check(tmp_path / "ok.json") == []


def test_an_evidential_cue_may_sit_inside_a_claim_without_speaker():
    body = "Talks resume. The deal is widely expected to collapse.\n"
    line = (
        "I| The deal is widely expected to collapse | | | | cls=passive src=none"
        " | is widely expected to"
    )
    claim = annotate.compile_claim(body, annotate.parse_ann(line)[0])
    assert body[claim["cue"]["start"] : claim["cue"]["end"]] == "is widely expected to"
    with pytest.raises(annotate.AnnotationError, match="not found"):
        named = line.replace(
            "| | | | cls=passive src=none", "| Talks | | | cls=passive src=nominal"
        )
        annotate.compile_claim(body, annotate.parse_ann(named)[0])
