"""Compile this corpus's snippet files with the annotation tool of ``extraction_eval``.

    python bench/extraction_heldout/build.py            # every ann/*.ann, then check
    python bench/extraction_heldout/build.py ann/x.ann  # one file

The tool writes beside its own corpus; this points it at this folder instead and
leaves the tool itself untouched. After building, every JSON file is checked: the
tool's own checks (offsets, label vocabularies), plus this corpus's rules: every
article has its annotation and its snippet file, and every article from
``LABELLED_FROM`` on carries the construction labels on all its attributed claims.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOL = HERE.parent / "extraction_eval" / "annotate.py"
# Articles numbered from here on were annotated with cue, cue class and source type.
LABELLED_FROM = 26

spec = importlib.util.spec_from_file_location("annotate", TOOL)
annotate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(annotate)
annotate.CORPUS = HERE


def compile_ann(ann_path: Path) -> dict:
    """The annotation one snippet file compiles to, without writing it."""
    stem = ann_path.stem
    body = annotate.read_body(HERE / f"{stem}.txt")
    claims = []
    for raw in annotate.parse_ann(ann_path.read_text(encoding="utf-8")):
        try:
            claims.append(annotate.compile_claim(body, raw))
        except annotate.AnnotationError as error:
            raise annotate.AnnotationError(f"{stem}: {error}") from None
    claims.sort(key=lambda c: c["start"])
    return {"article": f"{stem}.txt", "claims": claims}


def render(data: dict) -> str:
    """The JSON text of an annotation, exactly as it is committed."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def number(path: Path) -> int:
    return int(path.name.split("_", 1)[0])


def corpus_problems() -> list[str]:
    """Everything wrong with the committed corpus, as readable strings."""
    problems = [p for j in sorted(HERE.glob("*.json")) for p in annotate.check(j)]
    for txt in sorted(HERE.glob("*.txt")):
        if not txt.with_suffix(".json").exists():
            problems.append(f"{txt.name}: no annotation")
        if not (HERE / "ann" / f"{txt.stem}.ann").exists():
            problems.append(f"{txt.name}: no snippet file in ann/")
    for path in sorted(HERE.glob("*.json")):
        if number(path) < LABELLED_FROM:
            continue
        claims = json.loads(path.read_text(encoding="utf-8"))["claims"]
        for claim in claims:
            if claim["kind"] in annotate.ATTRIBUTED and "cue_class" not in claim:
                problems.append(f"{path.name}: unlabelled claim {claim['text'][:60]!r}")
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted((HERE / "ann").glob("*.ann"))
    status = 0
    for path in paths:
        try:
            data = compile_ann(path)
        except annotate.AnnotationError as error:
            print(f"error: {error}", file=sys.stderr)
            status = 1
            continue
        out = HERE / f"{path.stem}.json"
        out.write_text(render(data), encoding="utf-8")
        print(f"{out.name}: built")
    problems = corpus_problems()
    for problem in problems:
        print(problem)
    return 1 if problems else status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
