"""Claims in quotation marks: each quotation and who is credited with it.

A full quotation is a direct claim; a quoted fragment inside a reported
sentence is a partial one, its speaker settled later (``continuations``).
A paragraph set off after "X wrote:" without marks is a direct claim too.
"""

from __future__ import annotations

import re

from . import confidence
from .document import Attribution, Document, Draft
from .grammar import (
    ANY_QUOTE,
    MAX_SUBJECT_TOKENS,
    NEXT_WORD,
    STOPS,
    VERB_RE,
    WINDOW,
    Tok,
    appositive_name,
    before_first_stop,
    is_verb,
    leading_subject,
    line_ceiling,
    line_floor,
    particle_name,
    subject_before,
    tokens,
    trim_name,
    valid_subject,
)
from .lexicon import (
    AFTER_QUOTE_VERBS,
    AUXILIARIES,
    CHARACTERISING_VERBS,
    DETERMINERS,
    FUNCTION_WORDS,
    INVERTED_STOP,
    MINOR_WORDS,
    OBJECT_VERBS,
    POSSESSIVES,
    PRONOUNS_ALL,
    QUOTE_INTRO_VERBS,
    REPORTING_PARTICIPLES,
    REPORTING_VERBS,
    SPEAKER_HEADS,
    WEAK_REPORTING_VERBS,
    alternation,
)
from .quotes import Quote
from .relays import PASSIVE_BY, relays_in
from .segment import sentences
from .types import ClaimKind

_STRONG_REPORTING_VERBS = REPORTING_VERBS - WEAK_REPORTING_VERBS
# Any of the verbs that can introduce a quotation, anywhere in a lower-cased text.
_INTRO_VERB_TEXT = re.compile(alternation(QUOTE_INTRO_VERBS | REPORTING_VERBS))
_CREDIT_LINE = re.compile(
    r"\n[ \t]*(?:--|\u2014|\u2013|-)[ \t]*(?P<who>[A-Z][^,\n]{1,60})(?:,[^\n]{0,100})?(?=\n|$)"
)


def _title_case(quoted: list[str]) -> bool:
    """ "The Long Winter", "State of the Union": every major word capitalised."""
    if len(quoted) > 10:
        return False
    major = [w for w in quoted if w.lower() not in MINOR_WORDS]
    return bool(major) and all(w[:1].isupper() or w[:1].isdigit() for w in major)


# -- quotations --
def _attribute_after(doc: Document, quote: Quote, limit: int) -> Attribution | None:
    body = doc.body
    ceiling = min(limit, quote.end + WINDOW)
    sentence_stop = before_first_stop(body, quote.end, ceiling)
    # A speaker and its verb fit in far fewer characters than a sentence.
    toks = tokens(body, quote.end, min(sentence_stop, quote.end + 200))
    cut = len(toks)
    for index, tok in enumerate(toks):
        if tok.text in STOPS:
            cut = index
            break
    sentence_end = toks[cut].start if cut < len(toks) else min(limit, quote.end + WINDOW)
    toks = toks[:cut]
    while toks and toks[0].text == ",":
        toks = toks[1:]
    if not toks:
        return None
    if toks[0].text in ("--", "\u2014", "\u2013", "-"):
        # A pull quote's credit: "..." -- Russian General X
        rest = toks[1:]
        line_end = body.find("\n", quote.end)
        line_end = len(body) if line_end < 0 else line_end
        if rest and rest[-1].end <= line_end and 0 < len(rest) <= 10 and rest[0].text[0].isupper():
            return Attribution(
                (rest[0].start, rest[-1].end), None, strength=confidence.SPEAKER_BEFORE
            )
        return None
    if toks[0].low in ("according",) and len(toks) > 2 and toks[1].low == "to":
        run = _name_run(toks[2:])
        if run:
            return Attribution(
                (run[0].start, run[-1].end),
                "according to",
                relays_in(body, run[-1].end, sentence_end),
            )
        return None
    inverted_ok = toks[0].low not in ("told", "tells", "tell") and (
        toks[0].low not in OBJECT_VERBS
        or (len(toks) > 1 and (toks[1].text[0].isupper() or toks[1].low in DETERMINERS))
    )
    if is_verb(toks[0], AFTER_QUOTE_VERBS) and inverted_ok:
        # Inverted: "...," said X, a senior fellow at ...
        appositive = appositive_name(toks[1:])
        if appositive:  # "...," said another paramedic, Jo Smith.
            run = toks[1 : appositive + 1]
            return Attribution(
                (run[0].start, run[-1].end),
                toks[0].text,
                relays_in(body, run[-1].end, sentence_end),
            )
        run = _name_run(toks[1:])
        if not run:
            return None
        role = None
        after_run = run[-1].end
        rest = body[after_run:sentence_end]
        if rest.startswith(","):
            role_text = rest[1:].strip()
            role = role_text or None
        return Attribution(
            (run[0].start, run[-1].end),
            toks[0].text,
            relays_in(body, after_run, sentence_end),
            role=role,
        )
    relative = _relative_subject(doc, toks, quote, sentence_stop)
    if relative is not None:
        return relative
    for index, tok in enumerate(toks[: MAX_SUBJECT_TOKENS + 2]):
        if tok.low == "quoted" and index > 0 and toks[index - 1].low in ("was", "were"):
            # '"...," X was quoted as saying by Y' / 'X was quoted by Y as saying'
            speaker = toks[: index - 1]
            rest = PASSIVE_BY.match(body, tok.end, sentence_end)
            if speaker and valid_subject(speaker) and rest:
                relay = trim_name(body, *rest.span("relay"), article=True)
                return Attribution(
                    (speaker[0].start, speaker[-1].end),
                    "was quoted as saying",
                    [relay] if relay else [],
                )
            return None
        if tok.low in ("quoted", "cited"):
            # "Kestrelwire quoted the official as saying"
            for later in range(index + 1, min(len(toks), index + 14)):
                if (
                    toks[later].low == "as"
                    and later + 1 < len(toks)
                    and toks[later + 1].low == "saying"
                ):
                    speaker = toks[index + 1 : later]
                    relay = (
                        trim_name(body, toks[0].start, toks[index - 1].end, article=True)
                        if index
                        else None
                    )
                    if speaker:
                        return Attribution(
                            (speaker[0].start, speaker[-1].end),
                            f"{tok.text} ... as saying",
                            [relay] if relay else [],
                        )
            return None
        if is_verb(tok, AFTER_QUOTE_VERBS):
            subject = toks[:index]
            while subject and subject[-1].low in AUXILIARIES:
                subject = subject[:-1]
            if not valid_subject(subject):
                return None
            cue = tok.text
            relays = relays_in(body, tok.start, sentence_end)
            if tok.low in OBJECT_VERBS and index + 1 < len(toks):
                cue = body[tok.start : toks[min(len(toks) - 1, index + 1)].end]
            return Attribution((subject[0].start, subject[-1].end), cue, relays)
    return None


def _introduced_above(doc: Document, quote: Quote, line_start: int) -> Attribution | None:
    """A quotation opening a paragraph after 'Its chief executive, X, said:'."""
    body = doc.body
    above = body[max(0, line_start - WINDOW) : line_start].rstrip()
    if not above.endswith(":"):
        return None
    floor = body.rfind("\n", 0, max(0, line_start - WINDOW) + len(above)) + 1
    return _attribute_before(doc, quote, max(floor, line_start - WINDOW))


def _relative_subject(
    doc: Document, toks: list[Tok], quote: Quote, sentence_stop: int
) -> Attribution | None:
    """'"...," X, who has chaired it since 2021, told the room.'"""
    for index in range(1, min(len(toks) - 1, 8)):
        if toks[index].text == "," and toks[index + 1].low in ("who", "whose"):
            break
    else:
        return None
    subject = toks[:index]
    if not valid_subject(subject):
        return None
    # The clause may be long: read on to the end of the sentence.
    rest = tokens(doc.body, toks[index + 1].end, min(sentence_stop, quote.end + 600))
    for later in range(len(rest) - 1):
        tok = rest[later]
        if tok.text in STOPS:
            return None
        if tok.text == "," and is_verb(rest[later + 1], AFTER_QUOTE_VERBS):
            verb = rest[later + 1]
            return Attribution(
                (subject[0].start, subject[-1].end),
                verb.text,
                relays_in(doc.body, verb.start, sentence_stop),
            )
    return None


def _credit_below(doc: Document, quote: Quote, line_end: int) -> Attribution | None:
    """A pull quote credited on the next line: '\u2014 X, chief executive'."""
    body = doc.body
    match = _CREDIT_LINE.match(body, line_end, min(len(body), line_end + 160))
    if not match:
        return None
    name = trim_name(body, *match.span("who"))
    return Attribution(name, None, [], strength=confidence.CREDIT_BELOW) if name else None


def _name_run(toks: list[Tok]) -> list[Tok]:
    """The speaker after an inverted verb: up to a comma or a preposition."""
    run: list[Tok] = []
    for tok in toks:
        if tok.text == "," or tok.low in INVERTED_STOP or tok.text in STOPS:
            break
        run.append(tok)
        if len(run) > 10:
            return []
    if run and (
        run[0].text[0].isupper()
        or particle_name(run)
        # "said state Sen. Ana Ruiz", "said retiree Ana Ruiz"
        or (
            run[-1].text[0].isupper()
            and run[0].low.isalpha()
            and run[0].low not in FUNCTION_WORDS
            and run[0].low not in REPORTING_VERBS
        )
        or run[0].low in DETERMINERS
        or run[0].low in PRONOUNS_ALL
        or run[0].low in POSSESSIVES
        or run[-1].low in SPEAKER_HEADS  # '"...!" shouted protesters'
    ):
        return run
    return []


def _attribute_before(doc: Document, quote: Quote, floor: int) -> Attribution | None:
    body = doc.body
    if body[max(floor, quote.start - 20) : quote.start].rstrip()[-1:] not in (
        ":",
        ",",
    ):
        return None  # no "X said:" or "X said," right before the quotation
    start = max(floor, quote.start - WINDOW)
    toks = tokens(body, doc.index.after_last_stop(start, quote.start), quote.start)
    if not toks or toks[-1].text not in (":", ","):
        return None
    colon = toks[-1].text == ":"
    toks = toks[:-1]
    for index in range(len(toks) - 1, -1, -1):
        if toks[index].text in STOPS:
            toks = toks[index + 1 :]
            break
    verbs = QUOTE_INTRO_VERBS if colon else REPORTING_VERBS
    for index in range(len(toks) - 1, max(-1, len(toks) - 9), -1):
        tok = toks[index]
        if tok.low in verbs:
            if index + 1 < len(toks) and toks[index + 1].low == "that":
                return None
            subject = subject_before(body, toks[0].start if toks else start, tok)
            if subject is None:
                return None
            cue = body[tok.start : toks[-1].end] if index < len(toks) - 1 else tok.text
            relays = relays_in(body, tok.start, toks[-1].end)
            return Attribution(subject, cue, relays, strength=confidence.SPEAKER_BEFORE)
    if colon and toks:
        subject = leading_subject(body, toks[0].start, toks[-1].end)
        if subject:
            return Attribution(subject, None, [], strength=confidence.SUBJECT_BEFORE_COLON)
    return None


def _is_direct(doc: Document, quote: Quote) -> bool:
    if not quote.opened or quote.paragraphs > 1:
        return True
    body = doc.body
    line_start = line_floor(body, quote.start)
    before = body[max(line_start, quote.start - 80) : quote.start].rstrip()
    inner = body[quote.inner_start : quote.inner_end]
    starts_upper = inner[:1].isupper() or inner[:1] in "[(\u2018'" or inner[:3] == "..."
    if not before:
        return True
    last = before[-1]
    if last in '.!?:\u201d"' or last in "\u2014\u2013-(":
        return starts_upper or last == ":"
    if last == ",":
        word = before[:-1].rstrip().rsplit(None, 1)[-1:] or [""]
        if word[0].lower() in REPORTING_VERBS:
            # '"...," she said, "but ..."': the quotation resumes.
            return True
        closer = max(before.rfind('"'), before.rfind("\u201d"))
        if closer >= 0 and VERB_RE.search(before, closer):
            # '"...," X said on Friday, "and ..."': resumes after a longer attribution.
            return True
        return starts_upper and _attribute_before(doc, quote, line_start) is not None
    word = before.rsplit(None, 1)[-1].lower()
    # 'Ruiz said "we will win the vote"': a verb of saying right before the
    # mark opens a full quotation, whatever its first letter.
    return word in REPORTING_VERBS and inner.count(" ") >= (2 if starts_upper else 4)


def quote_claims(doc: Document) -> None:
    body = doc.body
    previous: tuple[Quote, Attribution] | None = None
    last_mark = 0  # just past the previous quotation's closing mark
    for quote in doc.quotes:
        mark_floor, last_mark = last_mark, quote.end
        if not doc.claimable(quote.inner_start) and not doc.headline_quote(quote):
            continue
        line_start = line_floor(body, quote.start)
        line_end = line_ceiling(body, quote.end)
        inner_start, inner_end = quote.inner_start, quote.inner_end
        # Trailing commas belong to the sentence around the quotation.
        while inner_end > inner_start and body[inner_end - 1] in ", ":
            inner_end -= 1
        quoted = body[inner_start:inner_end].split()
        if not quoted:
            continue
        direct = _is_direct(doc, quote)
        attribution: Attribution | None = None
        if not quote.opened:
            # A quotation missing its opening mark starts after the one before it.
            attribution, inner_start = _orphan_start(doc, quote, max(line_start, mark_floor))
            if inner_start >= inner_end:
                continue
        else:
            ends_sentence = body[quote.inner_end - 1 : quote.inner_end] in ".!?"
            after = _attribute_after(doc, quote, line_end)
            if after is not None and ends_sentence and after.cue is not None:
                # '"...end." He said ...' starts a new sentence unless the
                # attribution itself ends there.
                mention_end = after.mention[1] if after.mention else quote.end
                tail = body[mention_end : mention_end + 40]
                if not re.match(
                    r"\s*(?:said|says|added|told\s+\w+|\w+ed)?\s*[.,]", tail
                ) and not tail.lstrip().startswith((".", ",")):
                    # '"...end." Ruiz said the plan ...': news copy names the
                    # speaker of a quotation next, so keep it, less sure.
                    after.strength = confidence.NEXT_SENTENCE_SPEAKER
            attribution = after or _attribute_before(doc, quote, line_start)
            if after is not None and after.strength <= confidence.NEXT_SENTENCE_SPEAKER:
                # 'X said: "..." Y said ...': the introduction outranks a
                # speaker who may belong to the next sentence.
                attribution = _attribute_before(doc, quote, line_start) or after
            if attribution is None and not body[line_start : quote.start].strip():
                attribution = _introduced_above(doc, quote, line_start)
            if attribution is None and not body[quote.end : line_end].strip():
                attribution = _credit_below(doc, quote, line_end)
        if attribution is None and previous is not None and direct:
            prev_quote, prev_attr = previous
            gap = body[prev_quote.end : quote.start]
            same_line = "\n" not in gap
            next_para = gap.count("\n") >= 1 and not gap.strip(" \n\r\t,.;:").strip()
            starts_line = not body[line_start : quote.start].strip()
            # Text between them may introduce someone else: that case is
            # left to ``_inherit_speakers``, which sees every claim.
            if (same_line or (next_para and starts_line)) and prev_attr.mention:
                attribution = Attribution(
                    None,
                    prev_attr.cue,
                    # A relay named in the sentence covers the quotation
                    # resuming there, not a later paragraph.
                    list(prev_attr.relays) if same_line else [],
                    inherited=prev_attr.inherited or prev_attr,
                    strength=(
                        confidence.RESUMED_SAME_LINE
                        if same_line
                        else confidence.RESUMED_NEXT_PARAGRAPH
                    ),
                )
        if not direct:
            # A fragment inside reported speech belongs to that speech's
            # speaker; what stands beside the quotation is only a fallback.
            fallback = attribution if attribution and not attribution.inherited else None
            attribution = None
            if len(quoted) <= 2:
                following = NEXT_WORD.match(body, quote.end, quote.end + 30)
                if following and following.group(1) not in FUNCTION_WORDS:
                    continue  # a scare quote modifying a noun: "rogue" states
                if fallback is None and not _sentence_reports(doc, quote):
                    continue
            if _title_case(quoted):
                continue  # the name of a book, film, programme or report
            kind = ClaimKind.PARTIAL
            doc.fallbacks[(inner_start, inner_end)] = fallback
        else:
            kind = ClaimKind.DIRECT
        level = attribution.strength if attribution else confidence.UNATTRIBUTED
        if not quote.opened or not quote.closed:
            level = min(level, confidence.UNBALANCED_QUOTE)
        doc.drafts.append(Draft(kind, inner_start, inner_end, attribution, level))
        if attribution is not None and (attribution.mention or attribution.inherited):
            previous = (quote, attribution)


def block_quotes(doc: Document) -> None:
    """A paragraph set off after "X wrote:" without quotation marks is a quotation."""
    body = doc.body
    lines = doc.lines
    for index in range(1, len(lines)):
        intro, block = lines[index - 1], lines[index]
        if body[intro.end - 1] != ":" or intro.furniture or block.furniture:
            continue
        text = body[block.start : block.end]
        if ANY_QUOTE.search(text) or not doc.claimable(block.start):
            continue
        if block.end - block.start < 20 or not text[:1].isupper():
            continue
        # The introducing sentence needs a speaker and a verb of saying.
        start = max(intro.start, intro.end - WINDOW)
        toks = tokens(body, doc.index.after_last_stop(start, intro.end - 1), intro.end - 1)
        verbs = [t for t in toks if t.low in QUOTE_INTRO_VERBS]
        if not verbs:
            continue
        subject = subject_before(body, toks[0].start, verbs[-1])
        if subject is None:
            continue
        end = block.end
        attribution = Attribution(subject, verbs[-1].text, [], strength=confidence.BLOCK_QUOTE)
        doc.drafts.append(
            Draft(ClaimKind.DIRECT, block.start, end, attribution, confidence.BLOCK_QUOTE)
        )


def _sentence_reports(doc: Document, quote: Quote) -> bool:
    """Is there a reporting verb or participle in the sentence before the quote?"""
    line_start = line_floor(doc.body, quote.start)
    floor = max(line_start, quote.start - WINDOW)
    toks = tokens(doc.body, doc.index.after_last_stop(floor, quote.start), quote.start)
    for tok in reversed(toks):
        if tok.text in ".!?":
            return False
        if (
            tok.low in REPORTING_VERBS
            or tok.low in REPORTING_PARTICIPLES
            or tok.low in CHARACTERISING_VERBS
        ):
            return True
    return False


def _orphan_start(doc: Document, quote: Quote, line_start: int) -> tuple[Attribution | None, int]:
    """Where a quotation without an opening mark begins, and who said it."""
    body = doc.body
    start = max(line_start, quote.inner_end - WINDOW)
    # Most windows hold no verb at all: a search of the lower-cased text
    # (which holds every token's lower case) spares tokenising them.
    window = body[start : quote.inner_end].lower()
    toks = doc.index.tokens(start, quote.inner_end) if _INTRO_VERB_TEXT.search(window) else []
    # "X said: We are pleased ..." - a verb before a colon introduces the
    # quotation whatever verbs come earlier in the line.
    colon = (
        [
            index
            for index in range(len(toks) - 1)
            if toks[index + 1].text == ":" and toks[index].low in QUOTE_INTRO_VERBS
        ]
        if ":" in window
        else []
    )
    order = colon[-1:] + [
        index for index, tok in enumerate(toks) if tok.low in _STRONG_REPORTING_VERBS
    ]
    # A verb past the window's first stop has the same subject for every stray
    # mark whose window holds it.
    settled = doc.index.first_stop_end(start) if order else 0
    for index in order:
        tok = toks[index]
        if tok.low in REPORTING_VERBS and tok.low not in WEAK_REPORTING_VERBS:
            if tok.start < settled:
                subject = doc.index.subject_before(line_start, tok)
            else:
                subject = doc.index.settled_subject(line_start, tok)
            if subject is None:
                continue
            begin = tok.end
            following = toks[index + 1] if index + 1 < len(toks) else None
            if following is not None and following.low == "that":
                begin = following.end
            while begin < quote.inner_end and body[begin] in " ,:":
                begin += 1
            return Attribution(subject, tok.text, [], strength=confidence.ORPHAN), begin
    sents = sentences(body, max(line_start, quote.inner_end - WINDOW), quote.inner_end)
    begin = sents[-1][0] if sents else line_start
    return None, begin
