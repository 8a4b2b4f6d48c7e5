"""Compile this corpus's snippet files with the annotation tool of ``extraction_eval``.

    python bench/extraction_heldout/build.py            # every ann/*.ann, then check
    python bench/extraction_heldout/build.py ann/x.ann  # one file

The tool writes beside its own corpus; this points it at this folder instead and
leaves the tool itself untouched.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOL = HERE.parent / "extraction_eval" / "annotate.py"

spec = importlib.util.spec_from_file_location("annotate", TOOL)
annotate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(annotate)
annotate.CORPUS = HERE


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted((HERE / "ann").glob("*.ann"))
    status = 0
    for path in paths:
        try:
            out = annotate.build(path)
            print(f"{out.name}: built")
        except annotate.AnnotationError as error:
            print(f"error: {error}", file=sys.stderr)
            status = 1
    problems = [p for j in sorted(HERE.glob("*.json")) for p in annotate.check(j)]
    for problem in problems:
        print(problem)
    return 1 if problems else status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
