"""Score another checkout's extractor against this corpus.

    python bench/extraction_heldout/score.py /path/to/checkout [--verbose] [--json]

``PYTHONPATH=/path/to/checkout python bench/evaluate_extraction.py`` is not enough
when that checkout's ``claims/`` has no ``__init__.py``: the scorer appends its own
checkout to the path, and its regular ``claims`` package then wins over the other
checkout's namespace portion, so the extractor scored is this checkout's, not the
other one's. Here ``claims`` is resolved from the given checkout first.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCORER = ROOT / "bench" / "evaluate_extraction.py"


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    checkout = Path(argv[0]).resolve()
    package = types.ModuleType("claims")
    package.__path__ = [str(checkout / "claims"), str(ROOT / "claims")]
    sys.modules["claims"] = package
    spec = importlib.util.spec_from_file_location("evaluate_extraction", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    sys.modules["evaluate_extraction"] = scorer
    spec.loader.exec_module(scorer)
    extraction = sys.modules["claims.extraction"]
    print(f"extractor: {Path(extraction.__file__).parent}", file=sys.stderr)
    return scorer.main(["--corpus", str(HERE), *argv[1:]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
