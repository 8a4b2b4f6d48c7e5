"""Score the claim extractor against the hand-annotated corpus.

    python bench/evaluate_extraction.py [--corpus DIR] [--json] [--verbose]

Every ``<stem>.txt`` in the corpus (default ``bench/extraction_eval/``) has a
``<stem>.json`` of gold claims (see ``bench/extraction_eval/README.md``). Each
article is decoded with ``decode_article`` and run through ``extract_article``;
the found claims are then matched against the gold ones.

How a match is decided
    A found claim and a gold claim match when their spans overlap by at least
    half of the longer of the two: ``overlap / max(len(found), len(gold)) >=
    0.5``. A gold claim repeated as a pull quote (``also_at``) matches a found
    claim at any of its positions, but it is still one claim: a second found
    copy counts as a false positive. Matching is one-to-one, greedy on the
    overlap ratio (highest first, then earliest).

What is reported
    direct       found direct vs gold direct: precision, recall, F1.
    speaker      among matched direct quotes, the share whose found speaker
                 mention span overlaps the gold mention span (``mention``),
                 and the share whose actor name matches the gold actor
                 (``actor``: equal ignoring case, punctuation and a leading
                 article, or the last word of either, i.e. a surname or the
                 head of a description, among the words of the other:
                 "Kizito Pakabomba-Ilunga" and "Mines Minister Pakabomba-Ilunga",
                 "a company spokesman" and "a spokesman for Poseidon Tankers").
    attributed   direct, partial and indirect together, kind-agnostic.
    partial, indirect
                 each matched kind against kind, plus ``recall_any_kind``:
                 the share of gold claims of that kind matched by a found
                 attributed claim of any kind.
    assertion    unattributed checkable statements, scored on their own.
    relays       on matched attributed claims: the share of gold relays found
                 (recall; names equal ignoring case, or one containing the
                 other) and the share of found relays that are gold (precision).
    throughput   articles per second, counting extraction time only.

To score the extractor of another checkout against this corpus, put that
checkout first on the path: ``PYTHONPATH=/path/to/checkout python
bench/evaluate_extraction.py``. The exit status is 0 whatever the figures; 2 if
the corpus is malformed, with a message naming the file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Appended, not prepended: PYTHONPATH=/another/checkout scores that checkout's
# extractor against this corpus.
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from claims.extraction import decode_article, extract_article  # noqa: E402 (after the path)

DEFAULT_CORPUS = ROOT / "bench" / "extraction_eval"
KINDS = ("direct", "partial", "indirect", "assertion")
ATTRIBUTED = frozenset({"direct", "partial", "indirect"})
MIN_OVERLAP = 0.5


class CorpusError(ValueError):
    """The corpus cannot be scored; the message names the file."""


@dataclass(frozen=True)
class Claim:
    """A gold or found claim, reduced to what the scorer compares."""

    kind: str
    text: str
    start: int
    end: int
    mention: tuple[int, int] | None = None
    mention_text: str | None = None
    actor: str | None = None
    via: tuple[str, ...] = ()
    also_at: tuple[tuple[int, int], ...] = ()

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return ((self.start, self.end), *self.also_at)


@dataclass
class Article:
    name: str
    body: str
    gold: list[Claim]
    found: list[Claim] = field(default_factory=list)
    seconds: float = 0.0


# --- loading -------------------------------------------------------------


def _span(body: str, item: dict, text_key: str, where: str) -> tuple[int, int]:
    try:
        start, end, text = int(item["start"]), int(item["end"]), item[text_key]
    except (KeyError, TypeError, ValueError) as error:
        raise CorpusError(f"{where}: missing or bad field ({error})") from None
    if not 0 <= start <= end <= len(body) or body[start:end] != text:
        raise CorpusError(f"{where}: {text!r} != body[{start}:{end}] {body[start:end]!r}")
    return start, end


def load_gold(txt: Path) -> Article:
    ann = txt.with_suffix(".json")
    if not ann.exists():
        raise CorpusError(f"{txt}: no annotation file {ann.name}")
    try:
        body = decode_article(txt.read_bytes())
    except ValueError as error:
        raise CorpusError(f"{txt}: cannot decode ({error})") from None
    try:
        data = json.loads(ann.read_text(encoding="utf-8"))
        raw_claims = data["claims"]
    except (ValueError, KeyError, TypeError) as error:
        raise CorpusError(f"{ann}: not a claims annotation ({error})") from None
    gold = []
    for n, raw in enumerate(raw_claims):
        where = f"{ann} claim {n}"
        if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
            raise CorpusError(f"{where}: kind must be one of {', '.join(KINDS)}")
        start, end = _span(body, raw, "text", where)
        speaker = raw.get("speaker")
        if raw["kind"] in ATTRIBUTED and not speaker:
            raise CorpusError(f"{where}: an attributed claim needs a speaker")
        mention = _span(body, speaker, "mention", f"{where} speaker") if speaker else None
        if speaker and not speaker.get("actor"):
            raise CorpusError(f"{where}: speaker has no actor")
        via = tuple(
            r["name"] for r in raw.get("via", []) if _span(body, r, "name", f"{where} relay")
        )
        also = tuple(
            _span(body, {**a, "text": raw["text"]}, "text", f"{where} also_at")
            for a in raw.get("also_at", [])
        )
        gold.append(
            Claim(
                kind=raw["kind"],
                text=raw["text"],
                start=start,
                end=end,
                mention=mention,
                mention_text=speaker["mention"] if speaker else None,
                actor=speaker["actor"] if speaker else None,
                via=via,
                also_at=also,
            )
        )
    return Article(name=txt.stem, body=body, gold=gold)


def load_corpus(corpus: Path) -> list[Article]:
    if not corpus.is_dir():
        raise CorpusError(f"{corpus}: not a directory")
    texts = sorted(corpus.glob("*.txt"))
    if not texts:
        raise CorpusError(f"{corpus}: no articles (*.txt)")
    orphans = sorted({p.stem for p in corpus.glob("*.json")} - {p.stem for p in texts})
    if orphans:
        raise CorpusError(f"{corpus / (orphans[0] + '.json')}: annotation without an article")
    return [load_gold(txt) for txt in texts]


def run_extractor(article: Article) -> None:
    began = time.perf_counter()
    result = extract_article(article.body)
    article.seconds = time.perf_counter() - began
    article.found = [
        Claim(
            kind=str(c.kind),
            text=c.text,
            start=c.start,
            end=c.end,
            mention=(c.speaker.start, c.speaker.end) if c.speaker else None,
            mention_text=c.speaker.mention if c.speaker else None,
            actor=c.speaker.actor if c.speaker else None,
            via=tuple(r.name for r in c.via),
        )
        for c in result.claims
    ]


# --- matching ------------------------------------------------------------


def overlap_ratio(gold: Claim, found: Claim) -> float:
    best = 0.0
    for start, end in gold.spans:
        shared = min(end, found.end) - max(start, found.start)
        longest = max(end - start, found.end - found.start, 1)
        best = max(best, shared / longest)
    return best


def match(gold: list[Claim], found: list[Claim]) -> list[tuple[Claim, Claim]]:
    """One-to-one pairs overlapping by at least half, best ratio first."""
    candidates = []
    for g, gc in enumerate(gold):
        for f, fc in enumerate(found):
            ratio = overlap_ratio(gc, fc)
            if ratio >= MIN_OVERLAP:
                candidates.append((-ratio, gc.start, fc.start, g, f))
    candidates.sort()
    used_g, used_f, pairs = set(), set(), []
    for _, _, _, g, f in candidates:
        if g not in used_g and f not in used_f:
            used_g.add(g)
            used_f.add(f)
            pairs.append((gold[g], found[f]))
    return pairs


def _norm(name: str | None) -> str:
    words = re.sub(r"[^\w\s]", " ", (name or "").lower()).split()
    if words and words[0] in {"a", "an", "the"}:
        words = words[1:]
    return " ".join(words)


def actor_matches(gold: str | None, found: str | None) -> bool:
    g, f = _norm(gold), _norm(found)
    if not g or not f:
        return False
    return g == f or g.split()[-1] in f.split() or f.split()[-1] in g.split()


def relay_matches(gold: str, found: str) -> bool:
    g, f = _norm(gold), _norm(found)
    return bool(g and f) and (g == f or f" {g} " in f" {f} " or f" {f} " in f" {g} ")


def mention_matches(gold: Claim, found: Claim) -> bool:
    if gold.mention is None or found.mention is None:
        return gold.mention is None and found.mention is None
    return min(gold.mention[1], found.mention[1]) > max(gold.mention[0], found.mention[0])


# --- scoring -------------------------------------------------------------


def _prf(tp: int, n_found: int, n_gold: int) -> dict:
    p = tp / n_found if n_found else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": f1,
        "tp": tp,
        "found": n_found,
        "gold": n_gold,
    }


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def score(articles: list[Article]) -> tuple[dict, list[dict]]:
    """The figures, and a list of every miss and false positive for reading."""
    totals = {key: [0, 0, 0] for key in (*KINDS, "attributed")}
    any_kind = {"partial": [0, 0], "indirect": [0, 0]}
    speaker = {"direct": [0, 0, 0], "attributed": [0, 0, 0]}
    relays = {"gold": 0, "gold_found": 0, "found": 0, "found_right": 0}
    errors: list[dict] = []

    def note(article, what, claim, extra=""):
        errors.append(
            {
                "article": article.name,
                "error": what,
                "kind": claim.kind,
                "start": claim.start,
                "text": claim.text,
                "detail": extra,
            }
        )

    for art in articles:
        groups = {kind: (kind,) for kind in KINDS} | {"attributed": tuple(ATTRIBUTED)}
        for key, kinds in groups.items():
            gold = [c for c in art.gold if c.kind in kinds]
            found = [c for c in art.found if c.kind in kinds]
            pairs = match(gold, found)
            totals[key][0] += len(pairs)
            totals[key][1] += len(found)
            totals[key][2] += len(gold)
            if key in ("direct", "attributed"):
                for g, f in pairs:
                    speaker[key][0] += 1
                    speaker[key][1] += mention_matches(g, f)
                    speaker[key][2] += actor_matches(g.actor, f.actor)
                    if key == "direct" and not mention_matches(g, f):
                        note(
                            art,
                            "wrong speaker",
                            g,
                            f"gold {g.mention_text!r} ({g.actor}), "
                            f"found {f.mention_text!r} ({f.actor})",
                        )
            if key == "attributed":
                matched_gold = {id(g) for g, _ in pairs}
                for g, f in pairs:
                    relays["gold"] += len(g.via)
                    relays["gold_found"] += sum(
                        any(relay_matches(v, w) for w in f.via) for v in g.via
                    )
                    relays["found"] += len(f.via)
                    relays["found_right"] += sum(
                        any(relay_matches(v, w) for v in g.via) for w in f.via
                    )
                    if g.via and not all(any(relay_matches(v, w) for w in f.via) for v in g.via):
                        note(
                            art,
                            "relay missed",
                            g,
                            f"gold {list(g.via)}, found {list(f.via)}",
                        )
                for kind, tally in any_kind.items():
                    of_kind = [g for g in gold if g.kind == kind]
                    tally[0] += sum(id(g) in matched_gold for g in of_kind)
                    tally[1] += len(of_kind)
            if key != "attributed":
                got_g = {id(g) for g, _ in pairs}
                got_f = {id(f) for _, f in pairs}
                for g in gold:
                    if id(g) not in got_g:
                        who = f"speaker {g.mention_text!r} ({g.actor})" if g.mention_text else ""
                        note(art, "missed", g, who)
                for f in found:
                    if id(f) not in got_f:
                        who = f"speaker {f.mention_text!r} ({f.actor})" if f.mention_text else ""
                        note(art, "false positive", f, who)

    figures: dict = {key: _prf(*totals[key]) for key in ("direct", "attributed", *KINDS[1:])}
    for kind, (hit, total) in any_kind.items():
        figures[kind]["recall_any_kind"] = _share(hit, total) if total else None
    for key in ("direct", "attributed"):
        n, mention_ok, actor_ok = speaker[key]
        figures[key]["speaker_mention"] = _share(mention_ok, n)
        figures[key]["speaker_actor"] = _share(actor_ok, n)
    figures["relays"] = {
        "recall": _share(relays["gold_found"], relays["gold"]),
        "precision": _share(relays["found_right"], relays["found"]),
        "gold": relays["gold"],
        "found": relays["found"],
    }
    seconds = sum(a.seconds for a in articles)
    figures["corpus"] = {
        "articles": len(articles),
        "characters": sum(len(a.body) for a in articles),
        **{f"gold_{kind}": sum(c.kind == kind for a in articles for c in a.gold) for kind in KINDS},
    }
    figures["throughput"] = {
        "seconds": seconds,
        "articles_per_second": len(articles) / seconds if seconds else None,
    }
    return figures, errors


def evaluate(corpus: Path = DEFAULT_CORPUS) -> tuple[dict, list[dict]]:
    """Load the corpus, run the extractor on every article, and score it."""
    articles = load_corpus(corpus)
    for article in articles:
        run_extractor(article)
    return score(articles)


# --- output --------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def render(figures: dict) -> str:
    c = figures["corpus"]
    lines = [
        f"corpus: {c['articles']} articles, {c['characters']} characters; gold claims: "
        + ", ".join(f"{c['gold_' + k]} {k}" for k in KINDS),
        "",
        f"{'':12} {'P':>6} {'R':>6} {'F1':>6}   {'tp':>4} {'found':>5} {'gold':>5}",
    ]
    for key in ("direct", "attributed", "partial", "indirect", "assertion"):
        f = figures[key]
        lines.append(
            f"{key:12} {_fmt(f['precision'])} {_fmt(f['recall'])} {_fmt(f['f1'])}"
            f"   {f['tp']:4} {f['found']:5} {f['gold']:5}"
        )
    lines.append("")
    for key in ("direct", "attributed"):
        f = figures[key]
        lines.append(
            f"speaker on matched {key}: mention {_fmt(f['speaker_mention'])}, "
            f"actor {_fmt(f['speaker_actor'])}"
        )
    for kind in ("partial", "indirect"):
        lines.append(
            f"{kind} recall, any kind of found claim: {_fmt(figures[kind]['recall_any_kind'])}"
        )
    r = figures["relays"]
    lines.append(
        f"relays on matched attributed claims: recall {_fmt(r['recall'])} ({r['gold']} gold), "
        f"precision {_fmt(r['precision'])} ({r['found']} found)"
    )
    t = figures["throughput"]
    rate = t["articles_per_second"]
    lines.append(
        f"throughput: {c['articles']} articles in {t['seconds']:.3f} s"
        + (f", {rate:.0f} articles/s" if rate else "")
    )
    return "\n".join(lines)


def render_errors(errors: list[dict]) -> str:
    lines = []
    for e in sorted(errors, key=lambda e: (e["article"], e["start"], e["error"])):
        text = e["text"] if len(e["text"]) <= 160 else e["text"][:157] + "..."
        lines.append(f"{e['article']}@{e['start']} {e['error']} [{e['kind']}] {text!r}")
        if e["detail"]:
            lines.append(f"    {e['detail']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="list every miss and false positive")
    args = parser.parse_args(argv)
    try:
        figures, errors = evaluate(args.corpus)
    except CorpusError as error:
        print(f"malformed corpus: {error}", file=sys.stderr)
        return 2
    if args.json:
        out = dict(figures)
        if args.verbose:
            out["errors"] = errors
        print(json.dumps(out, indent=2))
    else:
        if args.verbose:
            print(render_errors(errors))
            print()
        print(render(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
