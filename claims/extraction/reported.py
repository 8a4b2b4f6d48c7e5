"""Reported speech without quotation marks: a subject, a verb and its clause.

"X said (that) ...", "..., X said.", "According to X, ...", "..., saying ...",
"Y quoted X as saying ...", in the orders news prose uses; one claim at most
per sentence.
"""

from __future__ import annotations

import bisect
import re

from . import confidence
from .document import MAX_SENTENCE, Attribution, Document, Draft
from .grammar import (
    ANY_QUOTE,
    LOWER_WORD,
    QUOTE_CHARS,
    VERB_RE,
    WHO,
    WINDOW,
    Tok,
    leading_subject,
    subject_before,
    tokens,
    trim_name,
    valid_subject,
    valid_trailing_subject,
)
from .lexicon import (
    CLAUSE_STARTERS,
    FINITE,
    OBJECT_VERBS,
    REPORTING_PARTICIPLES,
    REPORTING_VERBS,
    WEAK_REPORTING_VERBS,
    alternation,
)
from .relays import CITING_TAIL, PASSIVE_QUOTED, QUOTED_AS_SAYING, RELAY_END, relays_in
from .types import ClaimKind

_ADVERBIAL = re.compile(
    r"\s*,?\s*(?:(?:on|last|this|late|early|earlier|late\s+on)\s+)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:\s+(?:morning|afternoon|evening|night))?"
    r"|today|yesterday|tonight|week|month|year|night|earlier|later|again|repeatedly|also"
    r"|in\s+(?:a|an|the|his|her|their|its)\s+[a-z\- ]{1,30}?(?=\s+(?:that|with|on|at)\b|,)"
    r"(?:\s+with\s+[^,.;\"\u201c]{1,40}?(?=\s+that\b|,))?"
    # "in an op-ed for the Harbour Gazette that": any words, when "that" follows.
    r"|in\s+(?:a|an|the|his|her|their|its)\s+[^,.;\"\u201c\u201d]{1,60}?(?=\s+that\b)"
    r"|at\s+(?:a|an|the)\s+[a-z\- ]{1,30}?(?=\s+(?:that|on)\b|,)"
    r"|on\s+(?:Twitter|Facebook|X|Telegram|television|radio|state\s+television)"
    r")\b(?!['\u2019])\s*,?",  # whole words only: not "this year's budget"
)

_PREPOSITION_NEXT = re.compile(r"\s*(?:in|at|on)\s")

_ACCORDING_LEAD = re.compile(rf"(?:[A-Z]\w*\s+)?[Aa]ccording\s+to\s+{WHO}\s*,\s*")

_ACCORDING_TAIL = re.compile(rf",\s*according\s+to\s+{WHO}\s*$")

_TRAILING = re.compile(
    rf",\s*{WHO}\s+(?P<verb>said|says|added|adds"
    rf"|told\s+(?:(?:the|a|an)\s+)?\w+(?:\s+(?:[A-Z][\w.\-]*|conference|briefing)){{0,3}}"
    r"|wrote|noted|explained|warned|argued|insisted|claimed|stated|announced|confirmed)"
    r"(?:\s+(?:on\s+)?\w+day)?"
    r"(?:\s+(?:in|at|during|on)\s+(?:(?:a|an|the|his|her|their|its)\s+)?[\w\- ]{1,30})?"
    r"(?:\s*,\s*(?:adding|saying|noting)\b[^\"\u201c\u201d]*|\s*,[^\"\u201c\u201d]{0,80})?\s*$"
)

# Any word that can make a sentence reported speech, for a quick first test.
_ANY_CUE = re.compile(
    r"\b(?:"
    + alternation(
        REPORTING_VERBS
        | REPORTING_PARTICIPLES
        | {"made clear", "made it clear", "pointed out", "went on to say"}
        | {"according", "citing", "quoted", "telling"}
    )
    + r")\b",
    re.IGNORECASE,
)


_PARTICIPLE = re.compile(
    r",\s*(?P<verb>saying|adding|warning|noting|arguing|insisting|claiming|stressing|explaining|"
    r"telling\s+(?:[\w.'\u2019-]+\s+){1,4}?(?=(?:that|he|she|they|it|we|the|a|an|there)\b))"
    r"\s*(?:that\s+)?"
)

_CUE_WORDS = frozenset(
    phrase.split()[0]
    for phrase in REPORTING_VERBS
    | REPORTING_PARTICIPLES
    | {"made", "pointed", "went", "according", "citing", "quoted", "telling"}
)


def _has_cue(sentence: str) -> bool:
    if _CUE_WORDS.isdisjoint(LOWER_WORD.findall(sentence.lower())):
        return False
    return _ANY_CUE.search(sentence) is not None


def indirect_claims(doc: Document) -> None:
    directs = sorted(
        (d for d in doc.drafts if d.kind == ClaimKind.DIRECT),
        key=lambda d: d.start,
    )
    starts = [d.start for d in directs]
    for start, end in doc.spans:
        if end - start > MAX_SENTENCE or not doc.claimable(start):
            continue
        index = bisect.bisect_right(starts, end) - 1
        if index >= 0 and directs[index].end > start:
            # The sentence holds a quotation; only '..., adding that ...'
            # after it can still be reported speech, by the same speaker.
            _added_after_quote(doc, directs[index], end)
            continue
        draft = _reported(doc, start, end)
        if draft is not None:
            doc.drafts.append(draft)


def _added_after_quote(doc: Document, direct: Draft, end: int) -> None:
    body = doc.body
    if direct.attribution is None or direct.end >= end:
        return
    text_end = end
    while text_end > direct.end and body[text_end - 1] in '.!? \u201d"':
        text_end -= 1
    floor = direct.end
    while floor < text_end and (body[floor] in ",.!? " or body[floor] in QUOTE_CHARS):
        floor += 1  # past the quotation's own closing mark
    floor = max(floor, text_end - MAX_SENTENCE)
    if ANY_QUOTE.search(body, floor, text_end):
        return  # another quotation follows: not plain reported speech
    match = _PARTICIPLE.search(body, floor, text_end)
    if match and text_end - match.end() > 10:
        attribution = Attribution(
            direct.attribution.mention,
            match["verb"].strip(),
            list(direct.attribution.relays),
            inherited=direct.attribution.inherited,
            strength=confidence.REPORTED_PARTICIPLE,
        )
        doc.drafts.append(
            Draft(
                ClaimKind.INDIRECT,
                match.end(),
                text_end,
                attribution,
                confidence.REPORTED_PARTICIPLE,
            )
        )


def _reported(doc: Document, start: int, end: int) -> Draft | None:
    body = doc.body
    text_end = end
    while text_end > start and body[text_end - 1] in '.!? \u201d"':
        text_end -= 1
    sentence = body[start:text_end]
    if ANY_QUOTE.search(sentence) and sentence.count(" ") < 4:
        return None
    if not _has_cue(sentence):
        return None  # most sentences report nobody: leave them at once
    # "Y quoted X as saying ...", "X was quoted by Y as saying ..."
    # Cheap substring tests keep the rarer, costlier patterns off most sentences.
    low = sentence.lower()
    for pattern in (QUOTED_AS_SAYING, PASSIVE_QUOTED) if "as saying" in low else ():
        match = pattern.search(body, start, min(text_end, start + WINDOW))
        if match and valid_subject(tokens(body, *match.span("who"))):
            relay = trim_name(body, *match.span("relay"), article=True)
            who = trim_name(body, *match.span("who"))
            attribution = Attribution(who, "quoted as saying", [relay] if relay else [])
            return Draft(
                ClaimKind.INDIRECT, match.end(), text_end, attribution, confidence.REPORTED
            )
    # "..., Y reported, citing X."
    match = (
        CITING_TAIL.search(body, max(start, text_end - 200), text_end) if "citing" in low else None
    )
    if match and match.start() > start + 10:
        relay = trim_name(body, *match.span("relay"), article=True)
        who = trim_name(body, *match.span("who"))
        if who:
            attribution = Attribution(
                who, "citing", [relay] if relay else [], strength=confidence.REPORTED_AFTER
            )
            return Draft(
                ClaimKind.INDIRECT, start, match.start(), attribution, confidence.REPORTED_AFTER
            )
    # "According to X, ..." and "..., according to X."
    match = _ACCORDING_LEAD.match(body, start, text_end) if "according" in low else None
    if match:
        mention = trim_name(body, *match.span("who"))
        inner = _reported(doc, match.end(), end) if mention else None
        if inner is not None and inner.attribution is not None and mention:
            # "According to Y, X said ...": Y relays X.
            inner.attribution.relays.insert(0, trim_name(body, *mention, article=True) or mention)
            return inner
        if mention:
            attribution = Attribution(mention, "according to", [], strength=confidence.REPORTED)
            return Draft(
                ClaimKind.INDIRECT, match.end(), text_end, attribution, confidence.REPORTED
            )
    # Reporting verb after its subject, the clause following.
    for match in VERB_RE.finditer(body, start, text_end):
        verb = Tok(match.group(), match.start(), match.end(), match.group().lower())
        before = body[max(start, verb.start - 12) : verb.start].rstrip().lower()
        if before.endswith((" who", " which", " to")):
            continue
        if body[verb.end : verb.end + 1] == ",":
            parenthetical = _parenthetical(doc, start, verb, text_end)
            if parenthetical is not None:
                return parenthetical
        subject = subject_before(body, start, verb)
        if subject is None:
            continue
        clause = _clause_after(doc, verb, text_end)
        if clause is None:
            continue
        clause_start, clause_end, relays, cue = clause
        if subject[0] > start:
            # "In an interview published by X, Y said ...": X relays Y.
            relays = relays_in(body, start, subject[0]) + relays
        attribution = Attribution(subject, cue, relays, strength=confidence.REPORTED)
        return Draft(ClaimKind.INDIRECT, clause_start, clause_end, attribution, confidence.REPORTED)
    # "..., X said." with the clause first.
    match = _TRAILING.search(body, max(start, text_end - 160), text_end)
    if match and match.start() > start + 10:
        mention = trim_name(body, *match.span("who"))
        if mention and valid_trailing_subject(tokens(body, *mention)):
            relays = relays_in(body, match.start("verb"), text_end)
            attribution = Attribution(
                mention, match["verb"], relays, strength=confidence.REPORTED_AFTER
            )
            return Draft(
                ClaimKind.INDIRECT, start, match.start(), attribution, confidence.REPORTED_AFTER
            )
    match = (
        _ACCORDING_TAIL.search(body, max(start, text_end - 160), text_end)
        if "according" in low
        else None
    )
    if match and match.start() > start + 10:
        mention = trim_name(body, *match.span("who"))
        if mention:
            attribution = Attribution(
                mention, "according to", [], strength=confidence.REPORTED_AFTER
            )
            return Draft(
                ClaimKind.INDIRECT, start, match.start(), attribution, confidence.REPORTED_AFTER
            )
    # "..., saying/adding/telling reporters ..." continues the subject.
    match = _PARTICIPLE.search(body, start, text_end)
    if match:
        subject = leading_subject(body, start, match.start())
        clause_start = match.end()
        if subject and text_end - clause_start > 10:
            relays = relays_in(body, match.start(), match.end())
            attribution = Attribution(
                subject, match["verb"].strip(), relays, strength=confidence.REPORTED_PARTICIPLE
            )
            return Draft(
                ClaimKind.INDIRECT,
                clause_start,
                text_end,
                attribution,
                confidence.REPORTED_PARTICIPLE,
            )
    return None


def _parenthetical(doc: Document, start: int, verb: Tok, text_end: int) -> Draft | None:
    """'All member states, he said, also backed ...': the larger side is the claim."""
    body = doc.body
    left = body.rfind(",", start, verb.start)
    if left < 0:
        return None
    mention = trim_name(body, left + 1, verb.start)
    if not mention or mention[1] - mention[0] > 40:
        return None
    if not valid_subject(tokens(body, *mention)):
        return None
    after = verb.end
    if after < text_end and body[after] == ",":
        after += 1
    else:
        return None
    pre = (start, left)
    post = (after, text_end)
    while post[0] < text_end and body[post[0]] == " ":
        post = (post[0] + 1, post[1])
    span = post if post[1] - post[0] >= pre[1] - pre[0] else pre
    if span[1] - span[0] < 10:
        return None
    attribution = Attribution(mention, verb.text, [], strength=confidence.REPORTED_PARTICIPLE)
    return Draft(ClaimKind.INDIRECT, span[0], span[1], attribution, confidence.REPORTED_PARTICIPLE)


def _clause_after(
    doc: Document, verb: Tok, text_end: int
) -> tuple[int, int, list[tuple[int, int]], str] | None:
    body = doc.body
    pos = verb.end
    cue_end = verb.end
    following = tokens(body, pos, min(text_end, pos + 12))[:1]
    if verb.text.lower() in OBJECT_VERBS and not (following and following[0].low == "that"):
        toks = tokens(body, pos, min(text_end, pos + 80))
        taken = 0
        for tok in toks[:6]:
            if (tok.low in CLAUSE_STARTERS and taken > 0) or tok.text in ",;":
                break
            taken += 1
            if tok.low in (
                "reporters",
                "journalists",
                "lawmakers",
                "parliament",
                "senators",
            ):
                break
        if taken == 0:
            return None
        pos = toks[taken - 1].end
        cue_end = pos
    for round_ in range(3):  # "said in an interview on Tuesday that"
        if round_ and not _PREPOSITION_NEXT.match(body, pos, text_end):
            break  # only a further "in/at/on ..." phrase is skipped
        adverbial = _ADVERBIAL.match(body, pos, text_end)
        if not adverbial or adverbial.end() <= pos:
            break
        pos = adverbial.end()
    toks = tokens(body, pos, min(text_end, pos + 80))
    if not toks:
        return None
    weak = verb.text.lower() in WEAK_REPORTING_VERBS
    if toks[0].low == "that":
        clause_start = toks[0].end
        while clause_start < text_end and body[clause_start] == " ":
            clause_start += 1
    else:
        first = toks[0]
        if weak and first.low not in CLAUSE_STARTERS:
            return None
        # "said prices would rise": a bare noun opens a clause when a finite
        # verb follows within a few words ("said goodbye to" does not).
        bare_noun = first.text[0].islower() and any(tok.low in FINITE for tok in toks[1:5])
        if not (
            first.low in CLAUSE_STARTERS
            or first.text[0].isupper()
            or first.text[0].isdigit()
            or bare_noun
        ):
            return None
        clause_start = first.start
    clause_end = text_end
    tail_relays: list[tuple[int, int]] = []
    tail = RELAY_END.search(body, max(clause_start, text_end - 120), text_end)
    if tail:
        clause_end = tail.start()
        tail_relays = relays_in(body, tail.start(), text_end)
    while clause_end > clause_start and body[clause_end - 1] in " ,;:":
        clause_end -= 1
    if body[clause_start:clause_end].count(" ") < 2:
        return None
    relays = relays_in(body, verb.start, clause_start) + tail_relays
    return clause_start, clause_end, relays, body[verb.start : cue_end]
