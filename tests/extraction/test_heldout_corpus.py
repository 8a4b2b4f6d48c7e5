"""The held-out corpus is well formed: every annotation slices its article and is labelled.

Only the annotations are checked here. The extractor is never run against this
corpus in the tests: its figures come from ``bench/evaluate_extraction.py --corpus
bench/extraction_heldout`` alone, so that nothing is tuned against it.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "bench" / "extraction_heldout"

KINDS = {"direct", "partial", "indirect", "assertion"}
ATTRIBUTED = {"direct", "partial", "indirect"}
CUE_CLASSES = {"say", "verb", "ing", "noun", "according_to", "label", "passive"}
SOURCE_TYPES = {"person", "organisation", "government", "nominal", "pronoun", "document", "none"}
# The corpus only grows: fewer means articles or annotations were lost.
MIN_ARTICLES = 43
MIN_LABELLED_ATTRIBUTED = 399


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


build = _load("extraction_heldout_build", CORPUS / "build.py")

ARTICLES = sorted(CORPUS.glob("*.txt"))
ANNOTATIONS = sorted(CORPUS.glob("*.json"))
SNIPPETS = sorted((CORPUS / "ann").glob("*.ann"))


def _body(json_path: Path) -> str:
    return build.annotate.read_body(json_path.with_suffix(".txt"))


def _claims(json_path: Path) -> list[dict]:
    return json.loads(json_path.read_text(encoding="utf-8"))["claims"]


def claim_problems(body: str, claim: dict, labelled: bool) -> list[str]:
    """What is wrong with one gold claim, checked here without the annotation tool."""
    problems = []
    text = claim["text"]
    if claim["kind"] not in KINDS:
        problems.append(f"unknown kind {claim['kind']!r}")
    spans = [("text", text, claim["start"], claim["end"])]
    speaker = claim.get("speaker")
    if speaker:
        spans.append(("mention", speaker["mention"], speaker["start"], speaker["end"]))
        if not speaker.get("actor"):
            problems.append("speaker without an actor")
    spans += [("relay", r["name"], r["start"], r["end"]) for r in claim.get("via", [])]
    spans += [("also_at", text, a["start"], a["end"]) for a in claim.get("also_at", [])]
    cue = claim.get("cue")
    if cue:
        spans.append(("cue", cue["text"], cue["start"], cue["end"]))
    for what, words, start, end in spans:
        if not words or body[start:end] != words:
            problems.append(f"{what} {words!r} != body[{start}:{end}]")
    if claim["kind"] == "assertion":
        if speaker or claim.get("via") or "cue_class" in claim or "unmarked" in claim:
            problems.append("an assertion with a speaker, relay or labels")
        return problems
    if not labelled:
        if not speaker:
            problems.append("attributed claim without a speaker")
        return problems
    for key in ("cue", "cue_class", "source_type"):
        if key not in claim:
            problems.append(f"no {key}")
    if claim.get("cue_class") not in CUE_CLASSES:
        problems.append(f"cue_class {claim.get('cue_class')!r}")
    if claim.get("source_type") not in SOURCE_TYPES:
        problems.append(f"source_type {claim.get('source_type')!r}")
    if (claim.get("source_type") == "none") != (speaker is None):
        problems.append("speaker must be null exactly when source_type is none")
    if cue is None and claim.get("cue_class") != "label":
        problems.append("only a headline or label attribution may have no cue")
    overlaps_mention = bool(
        cue and speaker and cue["start"] < speaker["end"] and speaker["start"] < cue["end"]
    )
    if overlaps_mention and claim.get("cue_class") != "label":
        problems.append("cue overlaps the mention (only a transcript label may)")
    inside = bool(cue and cue["start"] < claim["end"] and claim["start"] < cue["end"])
    if inside and claim.get("source_type") != "none":
        problems.append("cue inside the content (only an evidential with no source may be)")
    if "unmarked" in claim and (claim["unmarked"] is not True or claim["kind"] != "direct"):
        problems.append("unmarked must be true, and only on a direct quotation")
    return problems


def test_the_corpus_is_complete():
    assert len(ARTICLES) >= MIN_ARTICLES
    assert [p.stem for p in ARTICLES] == [p.stem for p in ANNOTATIONS]
    assert [p.stem for p in ARTICLES] == [p.stem for p in SNIPPETS]
    labelled = [
        c
        for path in ANNOTATIONS
        if build.number(path) >= build.LABELLED_FROM
        for c in _claims(path)
        if c["kind"] in ATTRIBUTED
    ]
    assert len(labelled) >= MIN_LABELLED_ATTRIBUTED


@pytest.mark.parametrize("json_path", ANNOTATIONS, ids=[p.stem for p in ANNOTATIONS])
def test_every_claim_slices_its_article_and_is_labelled(json_path):
    body = _body(json_path)
    labelled = build.number(json_path) >= build.LABELLED_FROM
    problems = [
        f"{claim['text'][:50]!r}: {problem}"
        for claim in _claims(json_path)
        for problem in claim_problems(body, claim, labelled)
    ]
    assert problems == []


@pytest.mark.parametrize("ann_path", SNIPPETS, ids=[p.stem for p in SNIPPETS])
def test_snippets_compile_to_the_committed_annotation(ann_path):
    committed = (CORPUS / f"{ann_path.stem}.json").read_text(encoding="utf-8")
    assert build.render(build.compile_ann(ann_path)) == committed


def test_the_build_finds_nothing_wrong():
    assert build.corpus_problems() == []


# --- the checks can fail ------------------------------------------------------

BODY = 'Officials warned that "the dam could fail," the ministry said. It is feared it may.'


def _good() -> dict:
    start = BODY.index("the dam")
    return {
        "kind": "partial",
        "text": '"the dam could fail,"'.strip('",'),
        "start": start,
        "end": start + len("the dam could fail"),
        "speaker": {"mention": "Officials", "start": 0, "end": 9, "actor": "officials"},
        "via": [],
        "cue": {"text": "warned", "start": 10, "end": 16},
        "cue_class": "verb",
        "source_type": "nominal",
    }


def test_a_good_claim_passes():
    assert claim_problems(BODY, _good(), labelled=True) == []


@pytest.mark.parametrize(
    "breakage",
    [
        lambda c: c.update(start=c["start"] + 1),
        lambda c: c["speaker"].update(end=8),
        lambda c: c["cue"].update(text="warns"),
        lambda c: c.update(cue_class="shout"),
        lambda c: c.update(source_type="rumour"),
        lambda c: c.update(source_type="none"),
        lambda c: c.update(speaker=None),
        lambda c: c.pop("cue_class"),
        lambda c: c.update(cue=None),
        lambda c: c.update(unmarked=True),
        lambda c: c.update(cue={"text": "dam", "start": 27, "end": 30}),
        lambda c: c.update(kind="rumour"),
    ],
)
def test_a_broken_claim_is_caught(breakage):
    claim = copy.deepcopy(_good())
    breakage(claim)
    assert claim_problems(BODY, claim, labelled=True) != []


def test_an_evidential_cue_may_lie_inside_a_claim_without_source():
    start = BODY.index("It is feared")
    claim = {
        "kind": "indirect",
        "text": "It is feared it may",
        "start": start,
        "end": start + len("It is feared it may"),
        "speaker": None,
        "via": [],
        "cue": {"text": "is feared", "start": start + 3, "end": start + 12},
        "cue_class": "passive",
        "source_type": "none",
    }
    assert claim_problems(BODY, claim, labelled=True) == []


def test_an_edited_article_no_longer_matches_its_snippets(tmp_path, monkeypatch):
    stem = SNIPPETS[-1].stem
    body = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    (tmp_path / f"{stem}.txt").write_text("Breaking News\n" + body, encoding="utf-8")
    monkeypatch.setattr(build, "HERE", tmp_path)
    committed = (CORPUS / f"{stem}.json").read_text(encoding="utf-8")
    assert build.render(build.compile_ann(SNIPPETS[-1])) != committed
