"""The content a cue verb governs: its clause, infinitive or object.

A cue verb's frames (``cues``) say what may follow it: "warned (that) prices
would rise", "vowed to fight on", "urged voters to stay home", "accused the
minister of lying", "called for an inquiry", "described the plan as reckless",
"called it a hoax", "denied the charges". The content runs from the first word
the frame takes to the end of the reported clause: a relay tail ("...,
Interfax reported") is not part of it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .cues import CUE_VERBS, CueVerb, Frame
from .grammar import ANY_QUOTE, Tok, tokens
from .lexicon import (
    CLAUSE_STARTERS,
    DETERMINERS,
    FINITE,
    OBJECT_VERBS,
    POSSESSIVES,
    WEAK_REPORTING_VERBS,
    alternation,
)
from .relays import RELAY_END, relays_in

# Time, place and manner phrases between a verb and its content: "said on
# Tuesday that", "warned in a statement that".
ADVERBIAL = re.compile(
    r"\s*+(?:,\s*+)?(?:(?:on|last|this|late|early|earlier|late\s+on)\s+)?"
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
_THAT_NEXT = re.compile(r"\s*that\b", re.IGNORECASE)

# Words after a verb that make it a phrasal verb, not a cue with an object:
# "backed away", "called off", "found out".
_PARTICLES = frozenset(
    [
        "away",
        "down",
        "up",
        "off",
        "out",
        "in",
        "into",
        "over",
        "back",
        "around",
        "through",
        "about",
        "along",
        "ahead",
        "forward",
    ]
)
# Pronouns that can stand as a whole content: "X denied it".
_OBJECT_PRONOUNS = frozenset(["it", "this", "that", "them", "him", "her", "these", "those"])
# Listeners that end the object of "told" (a quotation or clause follows).
_LISTENERS = frozenset(("reporters", "journalists", "lawmakers", "parliament", "senators"))
# The word a frame links its object and its content with.
_LINKS = {Frame.TO: "to", Frame.OF: "of", Frame.FOR: "for", Frame.AS: "as"}
# How many words an object may have before its link ("urged [all member states] to").
_MAX_OBJECT = 8


_REPORT_THAT = re.compile(
    r"(?:\b(?:report|claim|suggestion|allegation|accusation|story|article)s?|\b[A-Z][\w\-]*)"
    r"\s+(?P<that>that)\s"
)
# What ends an object: a comma and a participle, a relative or a conjunction.
_OBJECT_END = re.compile(
    r",\s*(?:and\s+|but\s+)?(?:which|who|while|whereas|although|though|as|after|before"
    r"|[a-z]+ing)\b"
    # "defended the decision in a televised address on Saturday": where and when
    # it was said is not what was said.
    r"|\s+(?:in|at|during|on)\s+(?:a|an|the|his|her|their|its)\s+(?:[a-z\-]+\s+){0,2}"
    r"(?:address|interview|statement|speech|briefing|conference|post|letter|broadcast"
    r"|debate|meeting|rally|hearing|session|message|video)\b"
    r"|\s+(?:on|last|this)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
)


# A second cue verb sharing the subject: "... and urged the House to ...",
# "..., but conceded that ...". It ends the first content.
COORDINATED = re.compile(
    r"(?:,\s*|\s+)(?:and|but)\s+(?:(?:also|then|later|instead|again)\s+)?(?P<verb>"
    + alternation({form for form, cue in CUE_VERBS.items() if form != cue.lemma})
    + r")\b"
)


# What the article adds after the content: ", a pledge her rival dismissed as
# ...", ", hours after the commission declared ...".
_ASIDE = re.compile(
    r",\s+(?:a|an)\s+(?:pledge|promise|claim|charge|allegation|accusation|move|step|view"
    r"|position|warning|suggestion|remark|assertion|proposal|description|label)\b"
    r"|,\s+(?:hours|days|weeks|months|minutes|shortly|soon|just|moments)\s+(?:after|before)\b"
)
# Infinitives that withhold rather than say: "declined to comment".
_WITHHOLDING = frozenset(
    [
        "comment",
        "say",
        "confirm",
        "discuss",
        "elaborate",
        "speculate",
        "answer",
        "respond",
        "reply",
        "give",
        "be",
        "rule",
        "specify",
        "identify",
        "name",
        "disclose",
        "reveal",
    ]
)


class Content(NamedTuple):
    start: int
    end: int
    relays: list[tuple[int, int]]
    cue: str  # the cue as written: "warned", "told reporters", "called for"


def clause_end(body: str, start: int, text_end: int) -> tuple[int, list[tuple[int, int]]]:
    """Where a content starting at ``start`` ends: before a relay tail and
    trailing punctuation. Also the relays that tail names."""
    end = text_end
    tail_relays: list[tuple[int, int]] = []
    coordinated = COORDINATED.search(body, start, text_end)
    if coordinated:
        end = text_end = coordinated.start()
    aside = _ASIDE.search(body, start, text_end)
    if aside:
        end = text_end = aside.start()
    tail = RELAY_END.search(body, max(start, text_end - 120), text_end)
    if tail:
        end = tail.start()
        tail_relays = relays_in(body, tail.start(), text_end)
    while end > start and body[end - 1] in " ,;:":
        end -= 1
    return end, tail_relays


def skip_adverbials(body: str, pos: int, text_end: int) -> int:
    for round_ in range(3):  # "said in an interview on Tuesday that"
        if round_ and not _PREPOSITION_NEXT.match(body, pos, text_end):
            break  # only a further "in/at/on ..." phrase is skipped
        adverbial = ADVERBIAL.match(body, pos, text_end)
        if not adverbial or adverbial.end() <= pos:
            break
        pos = adverbial.end()
    return pos


def clause_after(body: str, verb: Tok, text_end: int) -> Content | None:
    """'said (that) ...': the content clause of a verb of saying."""
    pos = verb.end
    cue_end = verb.end
    if verb.low in OBJECT_VERBS and not _THAT_NEXT.match(body, pos, text_end):
        toks = tokens(body, pos, min(text_end, pos + 80))
        taken = 0
        for tok in toks[:6]:
            if (tok.low in CLAUSE_STARTERS and taken > 0) or tok.text in ",;":
                break
            if tok.low == "to":
                return None  # "urged colleagues to delay ...": an infinitive, not a clause
            taken += 1
            if tok.low in _LISTENERS:
                break
        if taken == 0:
            return None
        pos = toks[taken - 1].end
        cue_end = pos
    pos = skip_adverbials(body, pos, text_end)
    toks = tokens(body, pos, min(text_end, pos + 80))
    if not toks:
        return None
    weak = verb.low in WEAK_REPORTING_VERBS
    if toks[0].low in ("whether", "if"):
        return None  # "asked whether ...", "would not say whether ...": a question
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
        if cue_end > verb.end and not any(
            tok.low in FINITE or tok.low.endswith("ed") for tok in toks[1:8]
        ):
            return None  # "promised voters a referendum": no clause after the listener
        clause_start = first.start
    content_end, tail_relays = clause_end(body, clause_start, text_end)
    if body[clause_start:content_end].count(" ") < 2:
        return None
    relays = relays_in(body, verb.start, clause_start) + tail_relays
    return Content(clause_start, content_end, relays, body[verb.start : cue_end])


def _opens_noun_phrase(tok: Tok) -> bool:
    low = tok.low
    return (
        low in DETERMINERS
        or low in POSSESSIVES
        or low in _OBJECT_PRONOUNS
        or low in ("its", "their", "his", "her", "any", "all", "both", "each", "every", "no")
        or tok.text[0].isupper()
        or tok.text[0].isdigit()
    )


def framed_content(body: str, verb: Tok, cue: CueVerb, text_end: int) -> Content | None:
    """The content of a frame other than a plain clause, or None."""
    frames = cue.frames
    pos = skip_adverbials(body, verb.end, text_end)
    toks = tokens(body, pos, min(text_end, pos + 120))
    if not toks:
        return None
    first = toks[0]
    low = first.low
    if low in _PARTICLES and not (low == "for" or low == "on"):
        return None
    start = first.start
    cue_end = verb.end
    if Frame.FOR in frames and low == "for" and cue.lemma in ("call", "appeal"):
        # "called for an inquiry": the demand is the content.
        if len(toks) < 2:
            return None
        cue_end, start = first.end, toks[1].start
    elif Frame.ON in frames and low == "on":
        # "called on voters to stay home"
        if len(toks) < 3 or not any(tok.low == "to" for tok in toks[2 : 2 + _MAX_OBJECT]):
            return None
        cue_end, start = first.end, toks[1].start
    elif Frame.TO in frames and low == "to":
        # "vowed to fight on": "to" and a verb.
        if len(toks) < 2 or not toks[1].text[0].islower() or toks[1].low in DETERMINERS:
            return None
        if cue.lemma in ("decline", "refuse") and toks[1].low in _WITHHOLDING:
            return None  # "declined to comment" says nothing
    elif _linked(toks, frames):
        pass  # "urged colleagues to ...", "accused her of ...", "described it as ..."
    elif Frame.COMPLEMENT in frames and _complement(toks):
        pass  # "called the plan a disaster", "called it a hoax"
    elif Frame.OBJECT in frames and _opens_noun_phrase(first):
        pass  # "denied the charges", "backed the bill", "denied it"
    else:
        return None
    end, tail_relays = clause_end(body, start, text_end)
    # "rejected the proposal, arguing that ...": the object ends before a new clause.
    stop = _OBJECT_END.search(body, start, end)
    if stop:
        end, tail_relays = stop.start(), []
    if Frame.OBJECT in frames:
        # "denied a report in the Ledger that ...": the report's content is its own claim.
        told = _REPORT_THAT.search(body, start, end)
        if told:
            end = told.start("that")
            while end > start and body[end - 1] == " ":
                end -= 1
    if ANY_QUOTE.search(body, start, end) and not (frames & (Frame.TO | Frame.OF | Frame.ON)):
        return None  # 'called it "a farce"': the quoted words are the claim
    if end <= start:
        return None
    relays = relays_in(body, verb.start, start) + tail_relays
    return Content(start, end, relays, body[verb.start : cue_end])


def _linked(toks: list[Tok], frames: Frame) -> bool:
    """An object of a few words, then the frame's link: 'the minister of', 'voters to'."""
    if not _opens_noun_phrase(toks[0]) and not toks[0].text[0].islower():
        return False
    links = {word for frame, word in _LINKS.items() if frame in frames}
    if not links:
        return False
    for index, tok in enumerate(toks[1 : _MAX_OBJECT + 1], start=1):
        if tok.text in ",;:" or tok.low == "that" or tok.low in FINITE:
            return False
        if tok.low in links:
            # "to" must open an infinitive: "urged them to act", not "to the court".
            return index + 1 < len(toks) and not (
                tok.low == "to" and toks[index + 1].low in DETERMINERS
            )
    return False


def _complement(toks: list[Tok]) -> bool:
    """'it a hoax', 'the plan a disaster', 'them traitors': an object, then what it is called."""
    if toks[0].low in _OBJECT_PRONOUNS:
        return len(toks) > 1 and toks[1].text[0].isalpha() and toks[1].low not in _PARTICLES
    if toks[0].low not in DETERMINERS and toks[0].low not in POSSESSIVES:
        return False
    for tok in toks[2:5]:
        if tok.low in ("a", "an"):
            return True
        if not tok.text[0].isalpha():
            return False
    return False
