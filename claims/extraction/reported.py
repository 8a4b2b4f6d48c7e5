"""Reported speech without quotation marks: a subject, a verb and its clause.

"X said (that) ...", "..., X said.", "According to X, ...", "..., saying ...",
"Y quoted X as saying ...", in the orders news prose uses; one claim at most
per sentence.
"""

from __future__ import annotations

import bisect
import re

from . import confidence
from .cues import CUE_PARTICIPLES, CUE_PAST, CUE_VERBS, Frame
from .document import MAX_SENTENCE, Attribution, Document, Draft
from .evidentials import CUE_NOUN_WORDS, evidential, noun_source, owned_noun
from .frames import COORDINATED, Content, clause_after, clause_end, framed_content
from .grammar import (
    ANY_QUOTE,
    LOWER_WORD,
    QUOTE_CHARS,
    WHO,
    WINDOW,
    Tok,
    tokens,
    trim_name,
    valid_subject,
    valid_trailing_subject,
)
from .lexicon import (
    DETERMINERS,
    FINITE,
    POSSESSIVES,
    REPORTING_PARTICIPLES,
    REPORTING_VERBS,
    alternation,
    words,
)
from .relays import CITING_TAIL, PASSIVE_QUOTED, QUOTED_AS_SAYING, relays_in
from .subjects import BEFORE_BASE, NOUN_LIKE, cue_subject, passive, sentence_subject
from .types import ClaimKind

_ACCORDING_LEAD = re.compile(rf"(?:[A-Z]\w*\s+)?[Aa]ccording\s+to\s+{WHO}\s*,\s*")

_ACCORDING_TAIL = re.compile(rf",\s*according\s+to\s+{WHO}\s*$")
# "..., according to X, while ...", "..., according to X, a research group."
_ACCORDING_MID = re.compile(rf",\s*according\s+to\s+{WHO}\s*,")

# Verbs of saying made of several words.
_PHRASES = frozenset(
    {"made clear", "made it clear", "pointed out", "went on to say", "put it", "summed it up"}
)
# Every finite cue verb, lower case: a sentence-initial "Said" is rare enough
# to miss, and a case-sensitive search is much faster.
_CUE_VERB = re.compile(r"\b(?:" + alternation(set(CUE_VERBS) | REPORTING_VERBS | _PHRASES) + r")\b")
# A cue verb that may follow its content: "..., the ministry announced."
_AFTER_FORMS = alternation(
    {form for form, cue in CUE_VERBS.items() if Frame.CLAUSE in cue.frames and " " not in form}
)
_TRAILING = re.compile(
    rf",\s*{WHO}\s+(?:(?:also|later|had|has|have|then)\s+)?(?P<verb>{_AFTER_FORMS}"
    rf"|told\s+(?:(?:the|a|an)\s+)?\w+(?:\s+(?:[A-Z][\w.\-]*|conference|briefing)){{0,3}})"
    r"(?:\s+(?:on\s+)?\w+day)?"
    r"(?:\s+(?:in|at|during|on)\s+(?:(?:a|an|the|his|her|their|its)\s+)?[\w\- ]{1,30})?"
    r"(?:\s*,\s*(?:adding|saying|noting)\b[^\"\u201c\u201d]*|\s*,[^\"\u201c\u201d]{0,80})?\s*$"
)
# The words that must be in a sentence for the patterns after the content to
# have anything to find: a cheap set test keeps them off most sentences.
_AFTER_WORDS = frozenset(
    form for form, cue in CUE_VERBS.items() if Frame.CLAUSE in cue.frames and " " not in form
) | {"told"}
_PARTICIPLE_WORDS = frozenset(form.split()[0] for form in CUE_PARTICIPLES) | {"telling"}
_EVIDENTIAL_WORDS = frozenset(form for form in CUE_PAST if " " not in form) | words(
    "regarded seen considered viewed tipped understood rumoured rumored"
)
# The verb before its subject: "..., warned Hanna Lutz, an economist at ...".
_INVERTED_TRAILING = re.compile(
    rf",\s*(?P<verb>{_AFTER_FORMS})\s+"
    r"(?P<who>(?:[A-Z][\w.'\u2019\-]*\s*){1,5}|(?:the|a|an|one)\s+[^,;:\"\u201c\u201d]{1,60}?)"
    r"(?:\s*,\s*[^,;\"\u201c\u201d]{1,100})?\s*$"
)

# A participle continuing the sentence's subject: "..., saying ...", "...,
# accusing the speaker of bias", "..., calling for early elections".
_PARTICIPLE = re.compile(
    r",\s*(?:and\s+)?(?P<verb>"
    r"telling\s+(?:[\w.'\u2019-]+\s+){1,4}?(?=(?:that|he|she|they|it|we|the|a|an|there)\b)"
    rf"|{alternation(set(CUE_PARTICIPLES))})\b"
)

# Any word that can make a sentence reported speech: a set lookup of its words
# rules most sentences out before any pattern is tried.
_CUE_WORDS = (
    frozenset(
        phrase.split()[0]
        for phrase in REPORTING_VERBS
        | REPORTING_PARTICIPLES
        | set(CUE_VERBS)
        | set(CUE_PAST)
        | set(CUE_PARTICIPLES)
        | {"made", "pointed", "went", "according", "citing", "quoted", "telling"}
    )
    | CUE_NOUN_WORDS
    | words("report story article allegation accusation suggestion finding study survey poll")
)


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
        if draft is None:
            continue
        doc.drafts.append(draft)
        more = _participle_after(doc, draft, end)
        if more is not None:
            doc.drafts.append(more)
        last = draft
        for _ in range(_MAX_CLAUSES):
            # "X accused Y of ... and threatened to ...": one subject, two cues.
            last = _coordinated(doc, last, end)
            if last is None:
                break
            doc.drafts.append(last)
        for _ in range(_MAX_CLAUSES):
            # "X warned that ..., while Y argued ...": a second source in the
            # same sentence ends the first content.
            draft = _next_clause(doc, draft, end)
            if draft is None:
                break
            doc.drafts.append(draft)
        noun = noun_source(doc, start, _text_end(doc.body, start, end))
        if noun is not None:
            doc.drafts.append(noun)


# How many sources one sentence may report, one after the other.
_MAX_CLAUSES = 2
_CLAUSE_JOIN = re.compile(r"(?:,\s*|;\s*|\s+)(?:while|whereas|but|and|although|though)\s+(?=\S)")


def _next_clause(doc: Document, draft: Draft, end: int) -> Draft | None:
    body = doc.body
    for match in _CLAUSE_JOIN.finditer(body, draft.start + 10, _text_end(body, draft.start, end)):
        following = _reported(doc, match.end(), end, trailing=False)
        if following is None or following.attribution is None:
            continue
        mention = following.attribution.mention
        if mention is None or mention[0] < match.end():
            continue
        # The first content ends where the second source's clause begins.
        first_end = min(match.start(), draft.end)
        while first_end > draft.start and body[first_end - 1] in " ,;":
            first_end -= 1
        if first_end - draft.start < 10:
            return None
        draft.end = first_end
        return following
    return None


def _coordinated(doc: Document, draft: Draft, end: int) -> Draft | None:
    body = doc.body
    if draft.attribution is None or draft.attribution.mention is None:
        return None
    text_end = _text_end(body, draft.end, end)
    match = COORDINATED.match(body, _past_quote(body, draft.end, text_end), text_end)
    if match is None:
        return None
    word = match["verb"]
    content = _content(body, Tok(word, *match.span("verb"), word.lower()), text_end)
    if content is None:
        return None
    level = confidence.REPORTED_FRAME
    attribution = Attribution(
        draft.attribution.mention, content.cue, content.relays, strength=level
    )
    return Draft(ClaimKind.INDIRECT, content.start, content.end, attribution, level)


def _past_quote(body: str, position: int, text_end: int) -> int:
    """Past a closing quotation mark the content stopped at."""
    while position < text_end and body[position] in QUOTE_CHARS:
        position += 1
    return position


def _participle_after(doc: Document, draft: Draft, end: int) -> Draft | None:
    """'X rejected the plan, arguing that ...': the participle's content is X's too."""
    body = doc.body
    if draft.attribution is None or draft.attribution.mention is None:
        return None
    text_end = _text_end(body, draft.end, end)
    match = _PARTICIPLE.match(body, draft.end, text_end)
    if match is None or match["verb"].startswith("telling"):
        return None
    word = match["verb"]
    content = _content(body, Tok(word, *match.span("verb"), word.lower()), text_end)
    if content is None:
        return None
    attribution = Attribution(
        draft.attribution.mention, content.cue, [], strength=confidence.REPORTED_PARTICIPLE
    )
    return Draft(
        ClaimKind.INDIRECT, content.start, content.end, attribution, confidence.REPORTED_PARTICIPLE
    )


def _text_end(body: str, start: int, end: int) -> int:
    text_end = end
    while text_end > start and body[text_end - 1] in '.!? \u201d"':
        text_end -= 1
    return text_end


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


def _reported(doc: Document, start: int, end: int, trailing: bool = True) -> Draft | None:
    body = doc.body
    text_end = _text_end(body, start, end)
    sentence = body[start:text_end]
    if ANY_QUOTE.search(sentence) and sentence.count(" ") < 4:
        return None
    low = sentence.lower()
    present = set(LOWER_WORD.findall(low))
    if _CUE_WORDS.isdisjoint(present):
        return None  # most sentences report nobody: leave them at once
    # "Y quoted X as saying ...", "X was quoted by Y as saying ..."
    # Cheap substring tests keep the rarer, costlier patterns off most sentences.
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
    # "His message: ...", "Ruiz's verdict was that ..."
    draft = owned_noun(doc, _past_opening(body, start, text_end), text_end)
    if draft is not None:
        return draft
    # A cue verb after its subject, its content following.
    draft = _cue_before_content(doc, start, text_end)
    if draft is not None:
        return draft
    if not trailing:
        return None
    # "..., X said." with the clause first.
    after = not present.isdisjoint(_AFTER_WORDS)
    match = _TRAILING.search(body, max(start, text_end - 160), text_end) if after else None
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
    # "..., warned Hanna Lutz, an economist."
    match = _INVERTED_TRAILING.search(body, max(start, text_end - 200), text_end) if after else None
    if match and match.start() > start + 10:
        mention = trim_name(body, *match.span("who"))
        if mention and valid_trailing_subject(tokens(body, *mention)):
            attribution = Attribution(
                mention, match["verb"], [], strength=confidence.REPORTED_AFTER
            )
            return Draft(
                ClaimKind.INDIRECT, start, match.start(), attribution, confidence.REPORTED_AFTER
            )
    match = (
        _ACCORDING_TAIL.search(body, max(start, text_end - 160), text_end)
        or _ACCORDING_MID.search(body, start, text_end)
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
    # "..., saying/adding/accusing ..." continues the subject.
    draft = _participle(doc, start, text_end) if not present.isdisjoint(_PARTICIPLE_WORDS) else None
    if draft is not None:
        return draft
    return evidential(doc, start, text_end) if not present.isdisjoint(_EVIDENTIAL_WORDS) else None


def _past_opening(body: str, start: int, text_end: int) -> int:
    """Past an opening word or two and its comma: "But", "In the end,"."""
    comma = body.find(",", start, min(text_end, start + 25))
    if comma > 0 and body[start:comma].count(" ") < 3:
        return comma + 1 + (body[comma + 1 : comma + 2] == " ")
    return start


def _cue_before_content(doc: Document, start: int, text_end: int) -> Draft | None:
    body = doc.body
    for match in _CUE_VERB.finditer(body, start, text_end):
        verb = Tok(match.group(), match.start(), match.end(), match.group().lower())
        before = body[max(start, verb.start - 12) : verb.start].rstrip().lower()
        if before.endswith((" who", " which", " to")):
            continue
        previous = before.rsplit(" ", 1)[-1]
        if previous in DETERMINERS or previous in POSSESSIVES:
            continue  # a noun or an adjective: "the reported figures", "his claims"
        if (
            verb.low in NOUN_LIKE
            and previous not in BEFORE_BASE
            and not (previous.endswith("s") and not previous.endswith(("ss", "'s", "\u2019s")))
        ):
            # "state Rep. Ana Ruiz": a verb only after "would", "they", "critics"
            continue
        if body[verb.end : verb.end + 1] == ",":
            parenthetical = _parenthetical(doc, start, verb, text_end)
            if parenthetical is not None:
                return parenthetical
        if passive(body, start, verb):
            continue  # "is widely expected to": an evidential, not a subject's cue
        subject = cue_subject(body, start, verb)
        if subject is None:
            continue
        colon = _COLON_AFTER.match(body, verb.end, text_end)
        if colon:
            # "X put it bluntly: the members ...": the words after the colon are X's own.
            return _set_off(doc, subject, body[verb.start : verb.end], colon.end())
        content = _content(body, verb, text_end)
        if content is None:
            continue
        relays = content.relays
        if subject[0] > start:
            # "In an interview published by X, Y said ...": X relays Y.
            relays = relays_in(body, start, subject[0]) + relays
        strong = verb.low in REPORTING_VERBS
        level = confidence.REPORTED if strong else confidence.REPORTED_FRAME
        attribution = Attribution(subject, content.cue, relays, strength=level)
        return Draft(ClaimKind.INDIRECT, content.start, content.end, attribution, level)
    return None


# A colon a few words after the cue, words and no quotation mark after it.
_COLON_AFTER = re.compile(r"(?:[ \t]+[a-z]+){0,5}[ \t]*:[ \t]+(?=[A-Za-z])")


def _set_off(doc: Document, subject: tuple[int, int], cue: str, start: int) -> Draft | None:
    """Direct speech set off by a colon without marks: to the end of its paragraph."""
    body = doc.body
    index = bisect.bisect_right(doc.line_starts, start) - 1
    end = doc.lines[index].end if index >= 0 else len(body)
    while end > start and body[end - 1].isspace():
        end -= 1
    if ANY_QUOTE.search(body, start, end) or body[start:end].count(" ") < 3:
        return None
    attribution = Attribution(subject, cue, [], strength=confidence.SET_OFF)
    return Draft(ClaimKind.DIRECT, start, end, attribution, confidence.SET_OFF)


def _content(body: str, verb: Tok, text_end: int) -> Content | None:
    cue = CUE_VERBS.get(verb.low) or CUE_PARTICIPLES.get(verb.low)
    if (
        verb.low in REPORTING_VERBS
        or verb.low in _PHRASES
        or (cue is not None and Frame.CLAUSE in cue.frames)
    ):
        content = clause_after(body, verb, text_end)
        if content is not None and not (
            cue is not None and Frame.OBJECT in cue.frames and _object_not_clause(body, content)
        ):
            return content
    if cue is None:
        return None
    return framed_content(body, verb, cue, text_end)


def _object_not_clause(body: str, content: Content) -> bool:
    """'denied a report in the Ledger that ...': no verb before "that", so the
    words after the cue are its object, not a bare clause."""
    if body[content.start - 5 : content.start].strip().lower() == "that":
        return False
    for tok in tokens(body, content.start, min(content.end, content.start + 100))[1:12]:
        if tok.low == "that":
            return True
        if tok.low in FINITE or (tok.text[0].islower() and tok.low.endswith(("ed", "es"))):
            return False
    return False


def _participle(doc: Document, start: int, text_end: int) -> Draft | None:
    body = doc.body
    for match in _PARTICIPLE.finditer(body, start, text_end):
        subject = sentence_subject(body, start, match.start())
        if subject is None:
            continue
        word = match["verb"]
        if word.startswith("telling"):
            clause_start = match.end()
            while clause_start < text_end and body[clause_start] == " ":
                clause_start += 1
            if body[clause_start : clause_start + 5] == "that ":
                clause_start += 5
            content_end, _ = clause_end(body, clause_start, text_end)
            content = Content(clause_start, content_end, [], word.strip())
        else:
            verb = Tok(word, match.start("verb"), match.end("verb"), word.lower())
            content = _content(body, verb, text_end)
            if content is None:
                continue
        if content.end - content.start <= 10 and " " not in body[content.start : content.end]:
            continue
        relays = relays_in(body, match.start(), content.start)
        attribution = Attribution(
            subject, content.cue, relays, strength=confidence.REPORTED_PARTICIPLE
        )
        return Draft(
            ClaimKind.INDIRECT,
            content.start,
            content.end,
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
