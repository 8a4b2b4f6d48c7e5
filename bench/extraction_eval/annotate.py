"""Turn an annotator's snippet list into offset-exact gold annotations.

Annotations are written as text snippets, one claim a line, in a ``<stem>.ann``
file kept wherever the annotator likes, and compiled into the ``<stem>.json``
that sits beside ``<stem>.txt`` in this directory (the JSON keeps the snippets
and hints, so it is the only copy that matters)::

    python bench/extraction_eval/annotate.py build path/to/wire_01.ann

Line format, fields separated by ``|`` (trailing fields may be left out)::

    KIND| text | mention | actor | relay; relay | options | cue

``KIND`` is ``D`` (direct), ``P`` (partial), ``I`` (indirect) or ``A``
(assertion). ``text`` is the claim's content exactly as it stands in the body
(for a direct quotation, the words inside the marks). ``mention`` is the
speaker's name as written at this claim; ``mention @ context`` locates it
inside a longer, unambiguous stretch ("he @ he told reporters"). Relays are
located the same way. A ``\\n`` in a text stands for a line break (a
quotation running over several paragraphs). Options: ``occ=N`` picks the N-th (0-based) occurrence
of an ambiguous claim text; ``also=N`` records the N-th occurrence of the same
text as a further position of the claim (a pull quote).

Construction labels (every attributed claim of a new annotation carries them):
``cls=C`` the cue class (one of ``CUE_CLASSES``), ``src=S`` the source type (one
of ``SOURCE_TYPES``) and ``unmarked`` for direct speech printed without
quotation marks. The ``cue`` field holds the cue words as written, located like
a mention (``said @ said on Tuesday``), or ``-`` when nothing marks the
attribution. A claim with ``src=none`` has no mention: its speaker is null, and
its cue may lie inside its text ("The deal is widely expected to collapse").

The compiler refuses, rather than guesses: a claim text found twice needs
``occ``; a mention or relay found more than once near its claim (and more than
once in the claim's own paragraph) needs a context. ``check`` re-reads every
JSON file and verifies that each stored text equals ``body[start:end]``;
``check`` also verifies the labels: each cue slices the body, the class and
source type are in their vocabularies, the speaker is null exactly when the
source type is ``none``, ``unmarked`` is a boolean, and an annotation labels
all of its attributed claims or none of them. ``refresh`` recomputes the
offsets of every JSON file from its snippets and hints, for use after a body
has been edited.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
KINDS = {"D": "direct", "P": "partial", "I": "indirect", "A": "assertion"}
ATTRIBUTED = frozenset({"direct", "partial", "indirect"})
# The construction labels of an attributed claim (see the corpus README).
CUE_CLASSES = ("say", "verb", "ing", "noun", "according_to", "label", "passive")
SOURCE_TYPES = ("person", "organisation", "government", "nominal", "pronoun", "document", "none")
LABEL_KEYS = ("cue", "cue_class", "source_type")
# How far from a claim its speaker mention or relay may stand.
_NEAR = 400
_FAR = 2500


class AnnotationError(ValueError):
    pass


def read_body(path: Path) -> str:
    # The same decoding the extractor gets: UTF-8, a byte-order mark removed.
    data = path.read_bytes()
    text = data.decode("utf-8")
    return text.removeprefix("\ufeff")


def _occurrences(body: str, snippet: str, lo: int = 0, hi: int | None = None) -> list[int]:
    hi = len(body) if hi is None else hi
    if not snippet:
        return []
    # Word boundaries only where the snippet itself begins or ends with a word
    # character, so "he" never matches inside "the".
    pattern = re.escape(snippet)
    if snippet[0].isalnum():
        pattern = r"(?<!\w)" + pattern
    if snippet[-1].isalnum():
        pattern += r"(?!\w)"
    return [m.start() for m in re.compile(pattern).finditer(body, lo, hi)]


def _paragraph(body: str, start: int, end: int) -> tuple[int, int]:
    lo = body.rfind("\n\n", 0, start)
    hi = body.find("\n\n", end)
    return (max(lo, 0), len(body) if hi < 0 else hi)


def locate_claim(body: str, text: str, occ: int | None) -> tuple[int, int]:
    found = _occurrences(body, text)
    if not found:
        raise AnnotationError(f"claim text not in body: {text!r}")
    if occ is None:
        if len(found) > 1:
            raise AnnotationError(f"claim text found {len(found)} times, give occ=N: {text!r}")
        occ = 0
    if occ >= len(found):
        raise AnnotationError(f"occ={occ} but only {len(found)} occurrences: {text!r}")
    return found[occ], found[occ] + len(text)


def locate_near(
    body: str, snippet: str, context: str | None, start: int, end: int, inside: bool = False
) -> tuple[int, int]:
    """Find a mention or relay near the claim at ``start:end``, refusing to guess.

    Only outside the claim's own span, unless ``inside`` (an evidential cue inside its
    clause: "The deal is widely expected to collapse").
    """

    def outside(c: int, n: int) -> bool:
        return inside or c + n <= start or c >= end

    for radius in (_NEAR, _FAR):
        lo, hi = max(0, start - radius), min(len(body), end + radius)
        if context:
            inner = _occurrences(context, snippet)
            if not inner:
                raise AnnotationError(f"{snippet!r} is not inside its context {context!r}")
            spots = [
                c + inner[0]
                for c in _occurrences(body, context, lo, hi)
                if outside(c + inner[0], len(snippet))
            ]
            if len(spots) > 1:
                raise AnnotationError(f"context {context!r} is ambiguous near claim at {start}")
            if spots:
                return spots[0], spots[0] + len(snippet)
            continue
        spots = [c for c in _occurrences(body, snippet, lo, hi) if outside(c, len(snippet))]
        if len(spots) > 1:
            plo, phi = _paragraph(body, start, end)
            spots = [c for c in spots if plo <= c < phi]
            if len(spots) != 1:
                raise AnnotationError(
                    f"{snippet!r} is ambiguous near claim at {start}, give a context"
                )
        if spots:
            return spots[0], spots[0] + len(snippet)
    raise AnnotationError(f"{snippet!r} (context {context!r}) not found near claim at {start}")


def _split_ctx(field: str) -> tuple[str, str | None]:
    if " @ " in field:
        name, context = field.split(" @ ", 1)
        return name.strip(), context.strip()
    return field.strip(), None


def compile_claim(body: str, raw: dict) -> dict:
    """Offsets for one claim from its snippets and hints (the JSON's own fields)."""
    start, end = locate_claim(body, raw["text"], raw.get("occ"))
    claim = {"kind": raw["kind"], "text": raw["text"], "start": start, "end": end}
    if raw.get("occ") is not None:
        claim["occ"] = raw["occ"]
    speaker = raw.get("speaker")
    if speaker:
        s, e = locate_near(body, speaker["mention"], speaker.get("context"), start, end)
        claim["speaker"] = {
            "mention": speaker["mention"],
            "start": s,
            "end": e,
            "actor": speaker["actor"],
        }
        if speaker.get("context"):
            claim["speaker"]["context"] = speaker["context"]
    else:
        claim["speaker"] = None
    via = []
    for relay in raw.get("via", []):
        s, e = locate_near(body, relay["name"], relay.get("context"), start, end)
        item = {"name": relay["name"], "start": s, "end": e}
        if relay.get("context"):
            item["context"] = relay["context"]
        via.append(item)
    claim["via"] = via
    also = []
    for n in raw.get("also_occ", []):
        found = _occurrences(body, raw["text"])
        if n >= len(found) or found[n] == start:
            raise AnnotationError(f"also={n} is not another occurrence of {raw['text']!r}")
        also.append({"start": found[n], "end": found[n] + len(raw["text"])})
    if also:
        claim["also_occ"] = raw["also_occ"]
        claim["also_at"] = also
    if any(key in raw for key in LABEL_KEYS):
        cue = raw.get("cue")
        if cue:
            unnamed = raw.get("source_type") == "none"
            s, e = locate_near(body, cue["text"], cue.get("context"), start, end, unnamed)
            claim["cue"] = {"text": cue["text"], "start": s, "end": e}
            if cue.get("context"):
                claim["cue"]["context"] = cue["context"]
        else:
            claim["cue"] = None
        claim["cue_class"] = raw.get("cue_class")
        claim["source_type"] = raw.get("source_type")
        if raw.get("unmarked"):
            claim["unmarked"] = True
    problems = label_problems(claim)
    if problems:
        raise AnnotationError(f"{problems[0]}: {raw['text']!r}")
    return claim


def label_problems(claim: dict) -> list[str]:
    """What is wrong with one claim's speaker and construction labels."""
    problems = []
    labelled = any(key in claim for key in LABEL_KEYS)
    if claim["kind"] not in ATTRIBUTED:
        if labelled or "unmarked" in claim:
            problems.append("an assertion carries construction labels")
        return problems
    if not labelled:
        if claim.get("speaker") is None:
            problems.append("attributed claim without a speaker")
        return problems
    missing = [key for key in LABEL_KEYS if key not in claim]
    if missing:
        problems.append(f"labels incomplete, missing {', '.join(missing)}")
    if claim.get("cue_class") not in CUE_CLASSES:
        problems.append(f"cue_class {claim.get('cue_class')!r} not one of {', '.join(CUE_CLASSES)}")
    source = claim.get("source_type")
    if source not in SOURCE_TYPES:
        problems.append(f"source_type {source!r} not one of {', '.join(SOURCE_TYPES)}")
    if (source == "none") != (claim.get("speaker") is None):
        problems.append("speaker must be null exactly when source_type is none")
    if "unmarked" in claim and not isinstance(claim["unmarked"], bool):
        problems.append("unmarked must be true or false")
    if claim.get("unmarked") and claim["kind"] != "direct":
        problems.append("only a direct quotation can be unmarked")
    return problems


def parse_ann(text: str) -> list[dict]:
    claims = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        fields += [""] * (7 - len(fields))
        kind, text_, mention, actor, relays, options, cue = fields[:7]
        if kind not in KINDS:
            raise AnnotationError(f"line {number}: unknown kind {kind!r}")
        # A quotation running over paragraphs is written on one line with \n.
        raw: dict = {"kind": KINDS[kind], "text": text_.replace("\\n", "\n")}
        if mention:
            name, context = _split_ctx(mention)
            raw["speaker"] = {"mention": name, "actor": actor or name}
            if context:
                raw["speaker"]["context"] = context
        raw["via"] = []
        for relay in filter(None, (r.strip() for r in relays.split(";"))):
            name, context = _split_ctx(relay)
            raw["via"].append({"name": name, **({"context": context} if context else {})})
        for option in options.split():
            key, _, value = option.partition("=")
            if key == "occ":
                raw["occ"] = int(value)
            elif key == "also":
                raw.setdefault("also_occ", []).append(int(value))
            elif key == "cls":
                raw["cue_class"] = value
            elif key == "src":
                raw["source_type"] = value
            elif key == "unmarked" and not value:
                raw["unmarked"] = True
            else:
                raise AnnotationError(f"line {number}: unknown option {option!r}")
        if cue or "cue_class" in raw or "source_type" in raw:
            if not cue:
                raise AnnotationError(f"line {number}: labelled claim without a cue (- for none)")
            if cue == "-":
                raw["cue"] = None
            else:
                name, context = _split_ctx(cue)
                raw["cue"] = {"text": name, **({"context": context} if context else {})}
        claims.append(raw)
    return claims


def build(ann_path: Path) -> Path:
    stem = ann_path.stem
    body = read_body(CORPUS / f"{stem}.txt")
    claims = []
    for raw in parse_ann(ann_path.read_text(encoding="utf-8")):
        try:
            claims.append(compile_claim(body, raw))
        except AnnotationError as error:
            raise AnnotationError(f"{stem}: {error}") from None
    claims.sort(key=lambda c: c["start"])
    out = CORPUS / f"{stem}.json"
    out.write_text(
        json.dumps({"article": f"{stem}.txt", "claims": claims}, ensure_ascii=False, indent=1)
        + "\n",
        encoding="utf-8",
    )
    return out


def refresh(json_path: Path) -> None:
    body = read_body(json_path.with_suffix(".txt"))
    data = json.loads(json_path.read_text(encoding="utf-8"))
    data["claims"] = sorted(
        (compile_claim(body, raw) for raw in data["claims"]), key=lambda c: c["start"]
    )
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def check(json_path: Path) -> list[str]:
    """Every problem with one annotation file, as readable strings."""
    problems = []
    body = read_body(json_path.with_suffix(".txt"))
    data = json.loads(json_path.read_text(encoding="utf-8"))
    attributed = [c for c in data["claims"] if c["kind"] in ATTRIBUTED]
    labelled = sum(any(key in c for key in LABEL_KEYS) for c in attributed)
    if 0 < labelled < len(attributed):
        problems.append(
            f"{json_path.name}: {labelled} of {len(attributed)} attributed claims labelled"
            " (label all or none)"
        )
    for claim in data["claims"]:
        problems += [
            f"{json_path.name}: {p} at {claim['start']}: {claim['text'][:60]!r}"
            for p in label_problems(claim)
        ]
        spans = [(claim["text"], claim["start"], claim["end"])]
        if claim.get("speaker"):
            sp = claim["speaker"]
            spans.append((sp["mention"], sp["start"], sp["end"]))
        if claim.get("cue"):
            cue = claim["cue"]
            spans.append((cue["text"], cue["start"], cue["end"]))
        spans += [(r["name"], r["start"], r["end"]) for r in claim.get("via", [])]
        spans += [(claim["text"], a["start"], a["end"]) for a in claim.get("also_at", [])]
        for text, start, end in spans:
            if body[start:end] != text:
                problems.append(f"{json_path.name}: {text!r} != body[{start}:{end}]")
    return problems


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"build", "check", "refresh"}:
        print(__doc__)
        return 2
    command, paths = argv[0], [Path(p) for p in argv[1:]]
    try:
        if command == "build":
            for path in paths:
                out = build(path)
                n = len(json.loads(out.read_text(encoding="utf-8"))["claims"])
                print(f"{out.name}: {n} claims")
        elif command == "refresh":
            for path in paths or sorted(CORPUS.glob("*.json")):
                refresh(path)
        else:
            problems = [p for path in paths or sorted(CORPUS.glob("*.json")) for p in check(path)]
            for problem in problems:
                print(problem)
            return 1 if problems else 0
    except AnnotationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
