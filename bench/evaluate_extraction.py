"""Score the claim extractor against the hand-annotated corpus.

    python bench/evaluate_extraction.py [--corpus DIR] [--only GLOB ...] [--json]
                                        [--verbose] [--breakdown]

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
    breakdown    (``--breakdown``) recall of attributed claims per construction:
                 cue class, cue position (before/after the content), content
                 length (short < 60 characters, medium < 150, long), quote type
                 (direct marked, direct unmarked, partial, indirect) and source
                 type, each as found/total; headed by the figures in the form
                 the project's targets are stated in.

A gold claim whose source type is ``none`` (an evidential with no named source:
"it is widely expected that ...") has a null speaker: it counts as attributed
and its speaker is not checked.

Construction labels
    New annotations carry ``cue``, ``cue_class``, ``source_type`` and
    ``unmarked`` on every attributed claim (see the corpus README). For older
    annotations without them, ``derive_labels`` guesses, and the breakdown
    says how many labels were guessed:

    - cue: the reporting word nearest the speaker mention (or, without one, the
      claim) in the sentences spanning mention and claim, widening to their
      paragraphs, outside every gold claim and the mention itself. Words
      looked for: "according to"; forms of say/tell/add (class ``say``); forms
      of the verbs in ``CUE_VERBS`` (class ``verb``); any of these as a
      participle after a comma (", saying", class ``ing``, but "as saying" is
      ``say``); a determiner or possessive before a word in ``CUE_NOUNS``
      ("in a statement", "his remarks", class ``noun``) unless a verb overlaps
      it; and, for a claim without a speaker, passive evidentials ("it was
      reported", "is expected to", class ``passive``). A mention followed by a
      bare colon before the claim ("LIN: ...") is a ``label``; failing all of
      these, the class is ``unknown``.
    - source type: ``none`` without a speaker; a pronoun; otherwise from the
      mention's head word (the last word before a post-modifier such as "of"
      or "for"; of an appositive, the part that is a name): a document word
      (study, poll, figures ...) is ``document``; a government word (ministry,
      police, Kremlin ...) is ``government`` when the phrase has a capitalised
      word past its first (or is police, army, the government ...), else
      ``nominal``; likewise an organisation word (party, union, court ...) is
      ``organisation`` or ``nominal``; a lower-case head or a description
      (officials, a spokesman, analysts) is ``nominal``; any other capitalised
      head is a ``person`` (so a place or outlet standing alone, "Moscow
      said", is misread as a person).
    - unmarked: a direct quotation with no quotation mark right before or
      right after it.

To score the extractor of another checkout against this corpus, put that
checkout first on the path: ``PYTHONPATH=/path/to/checkout python
bench/evaluate_extraction.py``. The exit status is 0 whatever the figures; 2 if
the corpus is malformed, with a message naming the file.
"""

from __future__ import annotations

import argparse
import fnmatch
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
# The annotation schema's construction labels (bench/extraction_eval/README.md).
LABEL_KEYS = ("cue", "cue_class", "source_type")
CUE_CLASSES = ("say", "verb", "ing", "noun", "according_to", "label", "passive")
SOURCE_TYPES = ("person", "organisation", "government", "nominal", "pronoun", "document", "none")
# Content length buckets, in characters: short below the first, long from the second.
SHORT, LONG = 60, 150


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
    # Construction labels, on gold claims whose annotation has them.
    cue: tuple[int, int] | None = None
    cue_class: str | None = None
    source_type: str | None = None
    unmarked: bool = False
    labelled: bool = False

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
        labelled = raw["kind"] in ATTRIBUTED and any(k in raw for k in LABEL_KEYS)
        if labelled:
            if raw.get("cue_class") not in CUE_CLASSES:
                raise CorpusError(f"{where}: cue_class must be one of {', '.join(CUE_CLASSES)}")
            if raw.get("source_type") not in SOURCE_TYPES:
                raise CorpusError(f"{where}: source_type must be one of {', '.join(SOURCE_TYPES)}")
            if (raw["source_type"] == "none") != (not speaker):
                raise CorpusError(f"{where}: speaker must be null exactly for source_type none")
        unnamed = labelled and raw["source_type"] == "none"
        if raw["kind"] in ATTRIBUTED and not speaker and not unnamed:
            raise CorpusError(f"{where}: an attributed claim needs a speaker")
        cue = _span(body, raw["cue"], "text", f"{where} cue") if raw.get("cue") else None
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
                cue=cue,
                cue_class=raw.get("cue_class") if labelled else None,
                source_type=raw.get("source_type") if labelled else None,
                unmarked=bool(raw.get("unmarked")) if labelled else False,
                labelled=labelled,
            )
        )
    return Article(name=txt.stem, body=body, gold=gold)


def load_corpus(corpus: Path, only: list[str] | None = None) -> list[Article]:
    """Every article of the corpus, or those whose stem matches one of the ``only`` globs."""
    if not corpus.is_dir():
        raise CorpusError(f"{corpus}: not a directory")
    texts = sorted(corpus.glob("*.txt"))
    if not texts:
        raise CorpusError(f"{corpus}: no articles (*.txt)")
    orphans = sorted({p.stem for p in corpus.glob("*.json")} - {p.stem for p in texts})
    if orphans:
        raise CorpusError(f"{corpus / (orphans[0] + '.json')}: annotation without an article")
    if only:
        texts = [t for t in texts if any(fnmatch.fnmatchcase(t.stem, g) for g in only)]
        if not texts:
            raise CorpusError(f"{corpus}: no article matches {' '.join(only)}")
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
                    if g.mention is None and g.source_type == "none":
                        continue  # no named source: nothing to check
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


def evaluate(
    corpus: Path = DEFAULT_CORPUS, only: list[str] | None = None, breakdown: bool = False
) -> tuple[dict, list[dict]]:
    """Load the corpus, run the extractor on every article, and score it."""
    articles = load_corpus(corpus, only)
    for article in articles:
        run_extractor(article)
    figures, errors = score(articles)
    if breakdown:
        figures["breakdown"] = construction_breakdown(articles)
    return figures, errors


# --- construction labels -------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Reporting, stance, belief and evidence verbs other than say/tell/add, as base forms.
CUE_VERBS = _words(
    "accuse acknowledge admit affirm agree allege announce answer argue ask assert assure "
    "back believe blame blast boast brief call caution charge cite claim comment complain "
    "concede conclude condemn confirm contend criticise criticize decline declare demand deny "
    "describe disagree dismiss dispute doubt echo emphasise emphasize estimate expect explain "
    "fear find forecast hail hint hope imply indicate inform insist instruct joke lament "
    "maintain mention note object observe order plead pledge point post praise predict "
    "promise propose protest prove question quip recall recommend refer refuse reiterate "
    "reject remark repeat reply report respond reveal say show signal slam speculate state "
    "stress suggest support suspect swear testify think threaten tout tweet urge vow want "
    "warn welcome wonder write"
)
SAY_VERBS = frozenset({"say", "tell", "add"})
_IRREGULAR = {
    "say": {"said"},
    "tell": {"told"},
    "find": {"found"},
    "think": {"thought"},
    "write": {"wrote", "written"},
    "show": {"shown"},
    "swear": {"swore", "sworn"},
    "forecast": {"forecast"},
}
_DOUBLING = frozenset({"admit", "refer", "slam", "quip", "regret", "submit", "plan"})
CUE_NOUNS = _words(
    "statement remarks remark comments comment interview speech letter post tweet report "
    "address testimony briefing release memo message video email filing submission study "
    "poll survey analysis claim claims warning warnings promise pledge view words assessment "
    "estimate estimates forecast figures data research book article column editorial op-ed "
    "blog note notes verdict ruling judgment findings accusation allegation allegations "
    "announcement appeal argument assurance complaint denial insistence prediction "
    "admission concession criticism response reply"
)
_PASSIVE = re.compile(
    r"\b(?:it\s+(?:is|was|has\s+been|had\s+been|will\s+be)\s+(?:\w+ly\s+)?"
    r"(?:reported|said|claimed|understood|believed|thought|expected|feared|alleged|"
    r"estimated|rumoured|rumored|known|suggested|argued|hoped|feared)"
    r"|(?:is|are|was|were|being|be)\s+(?:\w+ly\s+)?"
    r"(?:expected|seen|believed|thought|said|reported|understood|considered|viewed|"
    r"tipped|regarded|rumoured|rumored|estimated|alleged|known)\s+(?:to|as)"
    r"|reportedly|allegedly|apparently|reputedly)\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
_NOUN_CUE = re.compile(
    r"\b(?:a|an|the|his|her|its|their|our|my|this|that|these|[\w.-]+['’]s)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:" + "|".join(re.escape(n) for n in CUE_NOUNS) + r")\b",
)
QUOTE_MARKS = "\"“”‘’'«»„‹›"


def _verb_forms(base: str) -> set[str]:
    forms = {base} | _IRREGULAR.get(base, set())
    if base in _DOUBLING:
        stem = base + base[-1]
        return forms | {base + "s", stem + "ed", stem + "ing"}
    if base.endswith("e"):
        return forms | {base + "s", base + "d", base[:-1] + "ing"}
    if base.endswith("y") and base[-2] not in "aeiou":
        return forms | {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    if base.endswith(("sh", "ch", "ss", "x")):
        return forms | {base + "es", base + "ed", base + "ing"}
    if base in _IRREGULAR:
        return forms | {base + "s", base + "ing"}
    return forms | {base + "s", base + "ed", base + "ing"}


# Every inflected form of a cue verb, to its class.
VERB_CLASS = {form: "verb" for base in CUE_VERBS for form in _verb_forms(base)}
VERB_CLASS |= {form: "say" for base in SAY_VERBS for form in _verb_forms(base)}
_VERB = re.compile(r"\b(?:" + "|".join(sorted(VERB_CLASS, key=len, reverse=True)) + r")\b", re.I)

PRONOUNS = _words("he she they it we i you him her them who this")
DETERMINERS = _words("a an the its his her their our this that these those")
DOCUMENT_HEADS = _words(
    "study studies poll polls survey surveys report reports figures data analysis research "
    "census statistics audit review findings forecast forecasts estimates estimate document "
    "documents filing records minutes assessment index projections results model memo"
)
GOVERNMENT_HEADS = _words(
    "government ministry department police army military navy kremlin pentagon council "
    "cabinet administration authorities authority agency commission embassy parliament senate "
    "congress treasury presidency house executive regulator prosecutor's"
)
# Government words that stand for a government even without a proper name.
ALWAYS_GOVERNMENT = _words("government police army military authorities kremlin")
ORGANISATION_HEADS = _words(
    "company corporation corp inc ltd plc group party union association federation bank "
    "court tribunal institute foundation network campaign committee coalition alliance "
    "league club society organisation organization charity university newspaper times post "
    "herald news airline firm fund movement front board chamber trust centre center "
    "broadcaster channel radio television tv daily gazette journal press wire nations programme "
    "program"
)
DESCRIPTOR_HEADS = _words(
    "official officials analyst analysts spokesman spokeswoman spokesperson aide aides "
    "source sources diplomat diplomats expert experts critic critics observer observers "
    "economist economists lawmaker lawmakers legislators resident residents witness "
    "witnesses prosecutor prosecutors lawyer lawyers people researchers scientists doctors "
    "investigators activists protesters supporters opponents campaigners leaders members "
    "voters workers employees executives organisers organizers minister president chairman "
    "chairwoman chair chief director secretary governor mayor senator judge general "
    "commander envoy ambassador negotiator negotiators team staff officers paper outlet "
    "insiders allies rivals colleagues friends family neighbours neighbors"
)
_POSTMODIFIER = re.compile(r"\s+(?:of|for|at|from|in|on|to|by|with|who|which|whose)\s+")


def _tokens(phrase: str) -> list[str]:
    return re.findall(r"[\w'’.-]+", phrase)


def _capitalised(word: str) -> bool:
    # "al-Busaidi", "van" and "bin" aside, a name's words are capitalised.
    return word[0].isupper() or bool(re.match(r"[a-z]{1,3}-[A-Z]", word))


def _phrase_type(phrase: str) -> str:
    words = _tokens(_POSTMODIFIER.split(phrase, maxsplit=1)[0])
    if not words:
        return "nominal"
    head, lower = words[-1], words[-1].lower().strip(".'’")
    # Capitalised past the first word (the first may be capitalised by its sentence).
    proper = any(_capitalised(w) for w in words[1:]) or (
        _capitalised(words[0]) and words[0].lower() not in DETERMINERS and len(words) > 1
    )
    if lower in DOCUMENT_HEADS:
        return "document"
    if lower == "agency" and len(words) > 1 and words[-2].lower() == "news":
        return "organisation" if proper else "nominal"
    if lower in GOVERNMENT_HEADS:
        return "government" if proper or lower in ALWAYS_GOVERNMENT else "nominal"
    if lower in ORGANISATION_HEADS:
        return "organisation" if proper else "nominal"
    if lower in DESCRIPTOR_HEADS or not _capitalised(head):
        return "nominal"
    return "person"


def derive_source_type(mention: str | None) -> str:
    """The source type a speaker mention's shape suggests (see the module docstring)."""
    if not mention:
        return "none"
    if mention.strip().lower() in PRONOUNS:
        return "pronoun"
    # "The union's general secretary, Caoimhe Ni Bhriain": a part naming a person wins.
    kinds = [_phrase_type(part) for part in mention.split(",") if part.strip()]
    return "person" if "person" in kinds else kinds[0]


def _sentence_bounds(body: str, lo: int, hi: int) -> tuple[int, int]:
    ends = [m.end() for m in re.finditer(r"[.!?][\"”’']?\s+(?=[\"“‘'A-Z])|\n\s*\n", body[:lo])]
    start = ends[-1] if ends else 0
    after = re.search(r"[.!?](?=[\"”’']?(?:\s|$))|\n\s*\n", body[hi:])
    return start, hi + after.end() if after else len(body)


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _cue_candidates(
    body: str, lo: int, hi: int, speaker: bool, blocked: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Reporting words between ``lo`` and ``hi``, outside ``blocked``, with their class."""
    spans = [(m.start(), m.end(), "according_to") for m in _ACCORDING.finditer(body, lo, hi)]
    # A noun phrase ("his remarks") wins over the verb form inside it, unless the phrase
    # runs into the speaker or a claim ("The paper reports that ...").
    nouns = [
        (m.start(), m.end(), "noun")
        for m in _NOUN_CUE.finditer(body, lo, hi)
        if not _overlaps(m.span(), blocked)
    ]
    passives = [] if speaker else [(*m.span(), "passive") for m in _PASSIVE.finditer(body, lo, hi)]
    for m in _VERB.finditer(body, lo, hi):
        word = m.group().lower()
        if _overlaps(m.span(), [(s, e) for s, e, _ in nouns + passives]):
            continue
        cls = VERB_CLASS[word]
        before = body[max(0, m.start() - 40) : m.start()]
        if word.endswith("ing"):
            if re.search(r"\bas\s+$", before):
                cls = "say"
            elif re.search(r",\s+(?:\w+ly\s+)?$", before):
                cls = "ing"
        spans.append((m.start(), m.end(), cls))
    return [c for c in spans + nouns + passives if not _overlaps(c[:2], blocked)]


def derive_labels(body: str, claim: Claim, others: list[Claim]) -> tuple[str, str]:
    """The cue class and cue position an unlabelled claim's context suggests."""
    anchor = claim.mention or (claim.start, claim.end)
    # Transcript label or a name set off by a colon: "LIN: ...", "Lin: '...'".
    if claim.mention and claim.mention[1] <= claim.start:
        between = body[claim.mention[1] : claim.start]
        if re.fullmatch(rf"\s*:\s*[{QUOTE_MARKS}]?\s*", between):
            return "label", "before"
    blocked = [(c.start, c.end) for c in others]
    if claim.mention:
        blocked += [claim.mention, (claim.start, claim.end)]
    # Without a speaker, an evidential may sit inside its clause: "The deal is widely
    # expected to collapse".
    lo, hi = min(anchor[0], claim.start), max(anchor[1], claim.end)
    regions = [_sentence_bounds(body, lo, hi)]
    plo = body.rfind("\n\n", 0, lo)
    phi = body.find("\n\n", hi)
    regions.append((max(plo, 0), len(body) if phi < 0 else phi))
    for rlo, rhi in regions:
        found = _cue_candidates(body, rlo, rhi, claim.mention is not None, blocked)
        if found:

            def distance(item, anchor=anchor):
                s, e, cls = item
                gap = max(anchor[0] - e, s - anchor[1], 0)
                near_claim = max(claim.start - e, s - claim.end, 0)
                return (gap, cls == "noun", near_claim)

            s, _, cls = min(found, key=distance)
            return cls, "before" if s < claim.start else "after"
    head = body[max(0, claim.start - 3) : claim.start]
    if re.search(rf":\s*[{QUOTE_MARKS}]?\s*$", head):
        return "label", "before"
    if claim.mention is None:
        return "passive", "none"
    return "unknown", "none"


def _length_bucket(claim: Claim) -> str:
    n = claim.end - claim.start
    return "short" if n < SHORT else "medium" if n < LONG else "long"


def _looks_unmarked(body: str, claim: Claim) -> bool:
    before = body[max(0, claim.start - 2) : claim.start]
    after = body[claim.end : claim.end + 3]
    return not any(q in before or q in after for q in QUOTE_MARKS)


def construction_labels(article: Article, claim: Claim) -> dict[str, str]:
    """Cue class, cue position, length, quote type and source type of an attributed claim."""
    if claim.labelled:
        cue_class, source, unmarked = claim.cue_class, claim.source_type, claim.unmarked
        position = (
            "none" if claim.cue is None else ("before" if claim.cue[0] < claim.start else "after")
        )
    else:
        others = [c for c in article.gold if c is not claim]
        cue_class, position = derive_labels(article.body, claim, others)
        source = derive_source_type(claim.mention_text)
        unmarked = claim.kind == "direct" and _looks_unmarked(article.body, claim)
    quote = {
        "direct": "direct unmarked" if unmarked else "direct marked",
        "partial": "partial",
        "indirect": "indirect",
    }[claim.kind]
    return {
        "cue_class": cue_class,
        "cue_position": position,
        "length": _length_bucket(claim),
        "quote_type": quote,
        "source_type": source,
    }


BREAKDOWN_ORDER = {
    "cue_class": (*CUE_CLASSES, "unknown"),
    "cue_position": ("before", "after", "none"),
    "length": ("short", "medium", "long"),
    "quote_type": ("direct marked", "direct unmarked", "partial", "indirect"),
    "source_type": SOURCE_TYPES,
}


def construction_breakdown(articles: list[Article]) -> dict:
    """Recall of gold attributed claims per construction label (any kind of found claim)."""
    tallies: dict[str, dict[str, list[int]]] = {dim: {} for dim in BREAKDOWN_ORDER}
    labelled = derived = 0
    for art in articles:
        gold = [c for c in art.gold if c.kind in ATTRIBUTED]
        found = [c for c in art.found if c.kind in ATTRIBUTED]
        matched = {id(g) for g, _ in match(gold, found)}
        for claim in gold:
            labelled += claim.labelled
            derived += not claim.labelled
            for dim, value in construction_labels(art, claim).items():
                tally = tallies[dim].setdefault(value, [0, 0])
                tally[0] += id(claim) in matched
                tally[1] += 1
    out: dict = {"labels": {"annotated": labelled, "derived": derived}}
    for dim, order in BREAKDOWN_ORDER.items():
        values = sorted(tallies[dim], key=lambda v: (order.index(v) if v in order else 99, v))
        out[dim] = {
            v: {"found": tallies[dim][v][0], "total": tallies[dim][v][1]}
            | {"recall": tallies[dim][v][0] / tallies[dim][v][1]}
            for v in values
        }
    return out


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


def render_breakdown(figures: dict) -> str:
    """The headline figures and the recall of attributed claims per construction."""
    d, a = figures["direct"], figures["attributed"]
    lines = [
        f"direct quotes F1 {_fmt(d['f1'])} (P {_fmt(d['precision'])} / R {_fmt(d['recall'])})",
        f"speaker of found direct quotes: mention {_fmt(d['speaker_mention'])}, "
        f"actor {_fmt(d['speaker_actor'])}",
        f"all attributions F1 {_fmt(a['f1'])} (P {_fmt(a['precision'])} / R {_fmt(a['recall'])})",
        f"recall of indirect attributions (any kind found): "
        f"{_fmt(figures['indirect']['recall_any_kind'])}",
        "",
    ]
    b = figures["breakdown"]
    n = b["labels"]
    lines.append(
        f"recall of attributed claims by construction (found/total); labels annotated on "
        f"{n['annotated']} claims, derived for {n['derived']}"
    )
    for dim in BREAKDOWN_ORDER:
        for i, (value, t) in enumerate(b[dim].items()):
            head = dim if i == 0 else ""
            lines.append(f"  {head:13} {value:16} {_fmt(t['recall'])}  ({t['found']}/{t['total']})")
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
    parser.add_argument(
        "--only",
        action="append",
        metavar="GLOB",
        help="score only the articles whose stem matches (repeatable), e.g. '4[6-9]_*'",
    )
    parser.add_argument(
        "--breakdown", action="store_true", help="recall of attributed claims per construction"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="list every miss and false positive")
    args = parser.parse_args(argv)
    try:
        figures, errors = evaluate(args.corpus, args.only, args.breakdown)
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
        if args.breakdown:
            print()
            print(render_breakdown(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
