"""The cue inventory: the verbs and nouns news prose attributes content with.

Each verb is listed once, by its base form, with the frames it takes; every
inflected form is derived here, so the lists stay readable and a new verb
needs one line. General knowledge of English reporting, stance, belief and
evidence verbs, nothing about any one article.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Frame(enum.Flag):
    """What may follow a cue verb and hold its content."""

    CLAUSE = enum.auto()  # "warned (that) prices would rise"
    TO = enum.auto()  # "vowed to fight on"
    OBJECT = enum.auto()  # "denied the charges", "backed the bill"
    OF = enum.auto()  # "accused the minister of lying"
    FOR = enum.auto()  # "blamed the council for the delays", "called for an inquiry"
    AS = enum.auto()  # "described the plan as reckless"
    COMPLEMENT = enum.auto()  # "called the plan a disaster"
    ON = enum.auto()  # "called on voters to stay home"


class CueClass(enum.Enum):
    SAY = "say"  # say, tell, add: the plain reporting verbs
    VERB = "verb"  # every other reporting, stance, belief or evidence verb


@dataclass(frozen=True, slots=True)
class CueVerb:
    lemma: str
    frames: Frame
    # "told reporters that", "warned voters that": a listener may come first.
    listener: bool = False
    # A verb of belief or expectation reports only with a clause or "to".
    weak: bool = False

    @property
    def cue_class(self) -> CueClass:
        return CueClass.SAY if self.lemma in ("say", "tell", "add") else CueClass.VERB


_C, _T, _O, _OF, _FOR, _AS, _CO, _ON = (
    Frame.CLAUSE,
    Frame.TO,
    Frame.OBJECT,
    Frame.OF,
    Frame.FOR,
    Frame.AS,
    Frame.COMPLEMENT,
    Frame.ON,
)

# Base form: the frames, then marks: "+" for a verb that may take a listener
# before its content ("told reporters that"), "~" for a weak (belief) verb.
# Irregular forms are in _IRREGULAR.
_TABLE: dict[str, tuple[Frame, str]] = {
    # speech
    "say": (_C, ""),
    "tell": (_C | _T, "+"),
    "add": (_C, ""),
    "state": (_C, ""),
    "note": (_C, ""),
    "explain": (_C, ""),
    "declare": (_C | _AS | _CO, ""),
    "announce": (_C | _O, ""),
    "confirm": (_C | _O, ""),
    "reveal": (_C | _O, ""),
    "disclose": (_C | _O, ""),
    "report": (_C | _O, ""),
    "write": (_C, ""),
    "post": (_C, ""),
    "tweet": (_C, ""),
    "reply": (_C, ""),
    "respond": (_C, ""),
    "answer": (_C, ""),
    "counter": (_C, ""),
    "remark": (_C, ""),
    "observe": (_C, ""),
    "recall": (_C, ""),
    "reiterate": (_C | _O, ""),
    "repeat": (_C, ""),
    "testify": (_C, ""),
    "stress": (_C, ""),
    "emphasise": (_C, ""),
    "emphasize": (_C, ""),
    "underline": (_C, ""),
    "point out": (_C, ""),
    "mention": (_C, ""),
    "acknowledge": (_C | _O, ""),
    "admit": (_C | _O, ""),
    "concede": (_C, ""),
    "agree": (_C | _T, ""),
    "complain": (_C, ""),
    "boast": (_C, ""),
    "joke": (_C, ""),
    "quip": (_C, ""),
    "hint": (_C, ""),
    "signal": (_C, ""),
    "indicate": (_C, ""),
    "suggest": (_C, ""),
    "imply": (_C, ""),
    "conclude": (_C, ""),
    "rule": (_C, ""),
    "estimate": (_C, ""),
    "calculate": (_C, ""),
    "forecast": (_C, ""),
    "predict": (_C | _O, ""),
    "project": (_C, ""),
    # argument and stance
    "argue": (_C, ""),
    "claim": (_C | _T, ""),
    "allege": (_C, ""),
    "assert": (_C, ""),
    "contend": (_C, ""),
    "maintain": (_C, ""),
    "insist": (_C, ""),
    "deny": (_C | _O, ""),
    "dispute": (_C | _O, ""),
    "reject": (_O, ""),
    "dismiss": (_O | _AS, ""),
    "rebut": (_O, ""),
    "question": (_C | _O, ""),
    "doubt": (_C, "~"),
    "warn": (_C | _T | _OF, "+"),
    "caution": (_C, "+"),
    "urge": (_T | _C, "+"),
    "call": (_FOR | _ON | _CO, ""),
    "ask": (_T, "+"),
    "demand": (_C | _O, ""),
    "request": (_O, ""),
    "appeal": (_FOR, ""),
    "promise": (_C | _T | _O, "+"),
    "pledge": (_C | _T, ""),
    "vow": (_C | _T, ""),
    "threaten": (_T, ""),
    "refuse": (_T, ""),
    "decline": (_T, ""),
    "offer": (_T, ""),
    "propose": (_C, ""),
    "recommend": (_C, ""),
    "advise": (_C | _T, "+"),
    "assure": (_C, "+"),
    "reassure": (_C, "+"),
    "remind": (_C, "+"),
    "inform": (_C, "+"),
    "accuse": (_OF, ""),
    "blame": (_FOR, ""),
    "criticise": (_FOR | _O, ""),
    "criticize": (_FOR | _O, ""),
    "condemn": (_FOR | _O | _AS, ""),
    "denounce": (_O | _AS, ""),
    "slam": (_FOR | _O | _AS, ""),
    "blast": (_FOR | _O | _AS, ""),
    "attack": (_FOR | _O, ""),
    "praise": (_FOR | _O | _AS, ""),
    "hail": (_AS | _O, ""),
    "thank": (_FOR, ""),
    "welcome": (_O, ""),
    "applaud": (_O, ""),
    "describe": (_AS, ""),
    "label": (_AS | _CO, ""),
    "brand": (_AS | _CO, ""),
    "characterise": (_AS, ""),
    "characterize": (_AS, ""),
    "portray": (_AS, ""),
    "support": (_O, ""),
    "back": (_O, ""),
    "endorse": (_O, ""),
    "oppose": (_O, ""),
    "defend": (_O, ""),
    "refer": (_C, ""),
    "cite": (_O, ""),
    # belief, expectation, feeling
    "believe": (_C | _T, "~"),
    "think": (_C, "~"),
    "expect": (_C | _T, "~"),
    "hope": (_C | _T, "~"),
    "fear": (_C, "~"),
    "worry": (_C, "~"),
    "feel": (_C, "~"),
    "know": (_C, "~"),
    "trust": (_C, "~"),
    "suspect": (_C, "~"),
    "want": (_T, "~"),
    "wish": (_C | _T, "~"),
    "intend": (_T, "~"),
    "plan": (_T, "~"),
    # evidence
    "show": (_C, ""),
    "find": (_C, ""),
    "prove": (_C, ""),
    "demonstrate": (_C, ""),
}

# Past tense and past participle where they are not "-ed".
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "think": ("thought",),
    "find": ("found",),
    "show": ("showed", "shown"),
    "feel": ("felt",),
    "know": ("knew", "known"),
    "forecast": ("forecast",),
    "signal": ("signalled", "signaled"),
    "label": ("labelled", "labeled"),
    "refer": ("referred",),
    "admit": ("admitted",),
    "slam": ("slammed",),
    "plan": ("planned",),
    "quip": ("quipped",),
    "rebut": ("rebutted",),
}


# Verbs that double their last consonant: "admitted", "admitting".
_DOUBLING = frozenset({"admit", "slam", "plan", "quip", "rebut", "refer", "regret"})


def _ing(base: str) -> str:
    if base in _DOUBLING:
        return base + base[-1] + "ing"
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return base[:-1] + "ing"
    return base + "ing"


def _third(base: str) -> str:
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def _past(base: str) -> tuple[str, ...]:
    if base in _IRREGULAR:
        return _IRREGULAR[base]
    if base.endswith("e"):
        return (base + "d",)
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return (base[:-1] + "ied",)
    return (base + "ed",)


def _inflect(lemma: str) -> tuple[set[str], set[str], set[str]]:
    """Finite forms, past forms (participles included) and the -ing form."""
    head, _, particle = lemma.partition(" ")
    tail = f" {particle}" if particle else ""
    past = {form + tail for form in _past(head)}
    finite = {head + tail, _third(head) + tail} | past
    return finite, past, {_ing(head) + tail}


def _build() -> tuple[dict[str, CueVerb], dict[str, CueVerb], dict[str, CueVerb]]:
    finite: dict[str, CueVerb] = {}
    past: dict[str, CueVerb] = {}
    ing: dict[str, CueVerb] = {}
    for lemma, (frames, marks) in _TABLE.items():
        cue = CueVerb(lemma, frames, listener="+" in marks, weak="~" in marks)
        forms, past_forms, ing_forms = _inflect(lemma)
        for form in forms:
            finite.setdefault(form, cue)
        for form in past_forms:
            past.setdefault(form, cue)
        for form in ing_forms:
            ing.setdefault(form, cue)
    return finite, past, ing


# Every finite form ("warned", "warns", "warn"), every past form for passives
# ("is expected", "was reported") and every participle ("warning").
CUE_VERBS, CUE_PAST, CUE_PARTICIPLES = _build()

# Nouns that carry a source's content: "in a statement", "his remarks", "the poll".
CUE_NOUNS = frozenset(
    [
        "statement",
        "statements",
        "remarks",
        "comments",
        "comment",
        "interview",
        "interviews",
        "speech",
        "address",
        "report",
        "reports",
        "study",
        "studies",
        "survey",
        "surveys",
        "poll",
        "polls",
        "analysis",
        "review",
        "audit",
        "letter",
        "memo",
        "filing",
        "complaint",
        "lawsuit",
        "ruling",
        "verdict",
        "judgment",
        "judgement",
        "testimony",
        "tweet",
        "post",
        "posts",
        "message",
        "briefing",
        "announcement",
        "release",
        "communique",
        "declaration",
        "assessment",
        "estimate",
        "estimates",
        "forecast",
        "findings",
        "figures",
        "data",
        "research",
        "paper",
    ]
)

# Passive evidentials with no named source: "it was reported that", "is
# expected to", "is widely seen as".
EVIDENTIAL_PASSIVES = frozenset(
    [
        "reported",
        "said",
        "believed",
        "thought",
        "understood",
        "expected",
        "feared",
        "alleged",
        "claimed",
        "rumoured",
        "rumored",
        "estimated",
        "known",
        "seen",
        "considered",
        "regarded",
        "viewed",
        "predicted",
        "projected",
        "announced",
        "confirmed",
        "suggested",
    ]
)
