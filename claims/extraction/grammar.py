"""Small parsing helpers every step shares: tokens, sentence stops, subjects.

A step looks at a bounded window around a position, tokenises it (``tokens``)
and asks for the subject of a verb (``subject_before``) or the noun phrase a
sentence opens with (``leading_subject``). Nothing here knows about claims.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from .lexicon import (
    ANONYMOUS_HEADS_PLURAL,
    AUXILIARIES,
    DETERMINERS,
    FINITE,
    FUNCTION_WORDS,
    INTRO_WORDS,
    LEADING_ADVERBS,
    NAME_PARTICLES,
    NOT_NAMES,
    OUTLET_WORDS,
    PASSIVE_AUXILIARIES,
    POSSESSIVES,
    PRONOUNS_ALL,
    REPORTING_VERBS,
    SPEAKER_HEADS,
    TITLES,
    TO_VERBS,
    alternation,
)

# How far around a quotation its attribution is looked for, in characters.
WINDOW = 300

MAX_SUBJECT_TOKENS = 22

_TOKEN = re.compile(
    r"[A-Za-z](?:\.[A-Za-z])+\.?"  # U.S., U.N.
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|Gov|St|Jr|Sr|Prof|Capt|Adm|Maj|Sgt|Rev|Cmdr|Gov)\."
    r"|[A-Z]\.(?=\s[A-Z])"  # an initial: John F. Kennedy
    r"|\w[\w'\u2019\-/&]*"
    r"|--|[^\w\s]"
)

HAS_WORD = re.compile(r"\w")

ANY_QUOTE = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb]')

QUOTE_CHARS = frozenset('"\u201c\u201d\u201e\u201f\u00ab\u00bb')

STOPS = frozenset({".", "!", "?", ";"}) | QUOTE_CHARS

NEXT_WORD = re.compile(r"\s*([a-z]+)")


class Tok(NamedTuple):
    text: str
    start: int
    end: int
    low: str  # lower-cased once: every rule compares it


def line_floor(body: str, position: int) -> int:
    """The start of the line holding ``position``, looked for within the window."""
    floor = max(0, position - WINDOW)
    found = body.rfind("\n", floor, position)
    return found + 1 if found >= 0 else floor


def line_ceiling(body: str, position: int) -> int:
    """The end of the line holding ``position``, looked for within the window."""
    ceiling = min(len(body), position + WINDOW)
    found = body.find("\n", position, ceiling)
    return found if found >= 0 else ceiling


# A cheap over-approximation of where a sentence may stop, used to narrow the
# windows before tokenising them ("U.S." and "Dr." are not stops, "said." is).
# The pattern is a bare character class so the regex engine can scan for it
# fast; the few full stops it finds are checked here.
_STOP_MARKS = '!?;."\u201c\u201d\u201e\u00ab\u00bb'
_STOP_CHAR = re.compile(f"[{_STOP_MARKS}]")
# The last mark before the end of the searched stretch.
_LAST_STOP_CHAR = re.compile(f"[{_STOP_MARKS}](?=[^{_STOP_MARKS}]*\\Z)")

_TITLE_STOPS = (" Mr", " Mrs", " Ms", " Dr", " Gen", " St", " Lt", " Col", " Sen", " Rep", " Gov",
                " Jr", " Sr", " Rev", " Maj", " Capt", " Prof", " Sgt", " Adm")  # fmt: skip


def _is_stop(body: str, index: int) -> bool:
    if body[index] != ".":
        return True
    before = body[index - 1] if index else " "
    if not (before.islower() or before.isdigit() or before == ")"):
        return False  # "U.S." or an initial
    after = body[index + 1 : index + 2]
    if after and not after.isspace():
        return False
    # A title at the start of a line has a line break before it, not a space.
    head = body[max(0, index - 5) : index].replace("\n", " ").replace("\t", " ")
    return not (" " + head).endswith(_TITLE_STOPS)


def after_last_stop(body: str, start: int, end: int) -> int:
    # Read back from ``end`` in growing pieces: the last stop is most often near,
    # and reading the whole window forward made text dense with marks cost the
    # window's length at every quotation and verb.
    stop = end
    step = 32
    while stop > start:
        piece = max(start, stop - step)
        # Most often the piece's last mark is a stop; when it is not ("U.S."),
        # the rest of the piece is read forward, once.
        match = _LAST_STOP_CHAR.search(body, piece, stop)
        if match is not None:
            if _is_stop(body, match.start()):
                return match.end()
            last = -1
            for before in _STOP_CHAR.finditer(body, piece, match.start()):
                if _is_stop(body, before.start()):
                    last = before.end()
            if last >= 0:
                return last
        stop = piece
        step *= 2
    return start


def before_first_stop(body: str, start: int, end: int) -> int:
    for match in _STOP_CHAR.finditer(body, start, end):
        if _is_stop(body, match.start()):
            return match.end()
    return end


def tokens(body: str, start: int, end: int) -> list[Tok]:
    # tuple.__new__ skips the NamedTuple constructor's keyword handling: this
    # is the innermost loop of the extractor.
    new = tuple.__new__
    return [
        new(Tok, (text, *match.span(), text.lower()))
        for match in _TOKEN.finditer(body, start, end)
        if (text := match.group())
    ]


def is_verb(tok: Tok, verbs: frozenset[str]) -> bool:
    return tok.low in verbs


def valid_subject(toks: list[Tok]) -> bool:
    if not toks or len(toks) > MAX_SUBJECT_TOKENS:
        return False
    first = toks[0].text
    low = first.lower()
    possessive = low in POSSESSIVES  # "her lawyer, Omar Haddad"
    # "local residents", "senior officials": a lower-case phrase ending in a
    # noun for people.
    people = toks[-1].low in SPEAKER_HEADS and len(toks) <= 4
    if not (
        first[0].isupper()
        or particle_name(toks)
        or low in DETERMINERS
        or low in PRONOUNS_ALL
        or first[0].isdigit()
        or possessive
        or people
        or role_then_name(toks)
    ):
        return False
    if low in NOT_NAMES and low not in DETERMINERS and low not in PRONOUNS_ALL and not possessive:
        return False
    relative = False
    for index, tok in enumerate(toks):
        if tok.text in STOPS or tok.low == "that":
            return False
        if tok.low in REPORTING_VERBS and not relative:
            return False  # "X, who has not declared," is still X
        if tok.low in ("who", "whose", "which") or tok.text == ",":
            relative = True  # past a comma come clauses that describe the subject
        elif index and tok.low in FINITE and not relative:
            return False  # a clause, not a noun phrase: "Norland has suspended ..."
        # "the ambassador to NATO" is a subject; "wants to" is not.
        if tok.low == "to" and (index == 0 or not toks[index - 1].low.isalpha()):
            return False
        if (
            tok.low == "to"
            and not relative  # "X, who asked not to be named," is still X
            and index + 1 < len(toks)
            and toks[index + 1].low in TO_VERBS
        ):
            return False
    return True


def role_then_name(toks: list[Tok]) -> bool:
    """'shopkeeper Milena Ostrova', 'government spokesman Marat Ilyassov': a
    lower-case role of a word or two before a full name."""
    role = 0
    while role < min(3, len(toks)) and toks[role].text[0].islower():
        if not toks[role].low.isalpha() or toks[role].low in FUNCTION_WORDS:
            return False
        role += 1
    names = toks[role:]
    return role > 0 and 2 <= len(names) <= 4 and all(tok.text[0].isupper() for tok in names)


def particle_name(toks: list[Tok]) -> bool:
    """A surname that opens with a lower-case particle: "van Dijk", "al-Masri"."""
    low = toks[0].low
    head = low.split("-", 1)[0] if "-" in low else low
    if head not in NAME_PARTICLES and head not in ("al", "el", "bin", "ibn", "ben"):
        return False
    if "-" in low:
        rest = toks[0].text.split("-", 1)[1]
        return rest[:1].isupper() and len(toks) <= 3
    return len(toks) > 1 and len(toks) <= 4 and toks[1].text[0].isupper()


def valid_trailing_subject(toks: list[Tok]) -> bool:
    """After its clause a subject may be a bare plural: '..., officials said.'"""
    if valid_subject(toks):
        return True
    return (
        0 < len(toks) <= 4
        and toks[-1].low in ANONYMOUS_HEADS_PLURAL
        and all(tok.text[:1].isalpha() for tok in toks)
    )


def _strip_subject(toks: list[Tok]) -> list[Tok]:
    """Drop introductory phrases and conjunctions before a sentence's subject."""
    while toks and toks[-1].low in AUXILIARIES:
        toks = toks[:-1]
    while toks and toks[-1].text == ",":
        toks = toks[:-1]
    changed = True
    while changed and toks:
        changed = False
        first = toks[0].low
        if first in LEADING_ADVERBS:
            toks = toks[1:]
            changed = True
            if toks and toks[0].text == ",":
                toks = toks[1:]
            continue
        if (
            first in INTRO_WORDS
            or first.endswith("ing")
            or (first.endswith("ly") and len(first) > 4)
        ):
            for index, tok in enumerate(toks):
                if tok.text == ",":
                    toks = toks[index + 1 :]
                    changed = True
                    break
    return toks


# A dateline opening a story: "WASHINGTON, March 4 (Reuters) -", "LONDON --",
# "BRUSSELS (AP) —". It names a place and an agency, never a speaker.
DATELINE = re.compile(
    r"[ \t]*[A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+){0,3}"
    r"(?:,[ \t]*[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*)?)?"  # ", March 4" or ", Calif."
    r"(?:[ \t]+\d{1,2})?(?:,[ \t]*\d{4})?"
    r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:--|\u2014|\u2013|-)[ \t]*"
)


def after_dateline(body: str, start: int, end: int) -> int:
    """Past a dateline at ``start``, if one opens the text there."""
    match = DATELINE.match(body, start, end)
    return match.end() if match else start


def subject_before(body: str, start: int, verb: Tok) -> tuple[int, int] | None:
    """The subject of ``verb``: from the clause start to the verb, intro dropped."""
    floor = after_last_stop(body, max(start, verb.start - WINDOW), verb.start)
    return _subject_from(body, floor, verb)


def _subject_from(body: str, floor: int, verb: Tok) -> tuple[int, int] | None:
    """``subject_before`` once the clause's floor (after the last stop) is known."""
    floor = after_dateline(body, floor, verb.start)
    toks = tokens(body, floor, verb.start)
    # The clause starts after the last stop before the verb.
    for index in range(len(toks) - 1, -1, -1):
        if toks[index].text in STOPS:
            toks = toks[index + 1 :]
            break
    if toks and toks[-1].low in PASSIVE_AUXILIARIES:
        return None
    toks = _strip_subject(toks)
    if not valid_subject(toks):
        return None
    return toks[0].start, toks[-1].end


class BodyIndex:
    """The whole body's tokens and stops, and verbs' subjects, worked out once.

    The windows before many quotation marks on one line overlap: tokenising
    each afresh, reading it for its last stop and working out the subject of
    every verb in it made a line dense with marks cost a window's work at
    every mark. Each answer here is the one the plain function gives.
    """

    def __init__(self, body: str) -> None:
        self.body = body
        self._tokens: list[Tok] | None = None
        self._token_ends: list[int] = []
        self._stop_ends: list[int] | None = None
        self._last_stops: dict[int, int] = {}  # verb start -> just past the last stop before it
        self._subjects: dict[tuple[int, int], tuple[int, int] | None] = {}
        self._settled: dict[int, tuple[int, int] | None] = {}  # by verb start

    def tokens(self, start: int, end: int) -> list[Tok]:
        """``tokens(body, start, end)``, taken from the whole body's tokens where it can.

        From the first token that ends where a token of the whole body ends,
        both tokenisations go on alike, up to the last two characters of the
        window, which the look-ahead of an initial ("F. Kennedy") may read past.
        """
        body = self.body
        if end - start < 64:
            return tokens(body, start, end)
        if self._tokens is None:
            self._tokens = tokens(body, 0, len(body))
            self._token_ends = [tok.end for tok in self._tokens]
        ends = self._token_ends
        out: list[Tok] = []
        for match in _TOKEN.finditer(body, start, end):
            text = match.group()
            out.append(tuple.__new__(Tok, (text, *match.span(), text.lower())))
            at = bisect.bisect_left(ends, match.end())
            if at < len(ends) and ends[at] == match.end():
                last = bisect.bisect_right(ends, end - 2, at + 1)
                out.extend(self._tokens[at + 1 : last])
                out.extend(tokens(body, out[-1].end, end))
                return out
        return out

    def stop_ends(self) -> list[int]:
        """Just past every stop of the body, in order."""
        if self._stop_ends is None:
            body = self.body
            self._stop_ends = [
                match.end() for match in _STOP_CHAR.finditer(body) if _is_stop(body, match.start())
            ]
        return self._stop_ends

    def after_last_stop(self, start: int, end: int) -> int:
        """``after_last_stop(body, start, end)`` looked up among the body's stops."""
        stops = self.stop_ends()
        at = bisect.bisect_right(stops, end) - 1
        return stops[at] if at >= 0 and stops[at] > start else start

    def first_stop_end(self, start: int) -> int:
        """Just past the first stop at or after ``start``; past the body if none."""
        stops = self.stop_ends()
        at = bisect.bisect_left(stops, start + 1)
        return stops[at] if at < len(stops) else len(self.body) + 1

    def settled_subject(self, start: int, verb: Tok) -> tuple[int, int] | None:
        """``subject_before(start, verb)`` for a verb with a stop between ``start`` and it.

        The verb's clause then starts at the last stop before it, whatever
        ``start``: its subject is kept by the verb's position alone.
        """
        if verb.start not in self._settled:
            self._settled[verb.start] = self.subject_before(start, verb)
        return self._settled[verb.start]

    def subject_before(self, start: int, verb: Tok) -> tuple[int, int] | None:
        """``subject_before(body, start, verb)``, each verb's subject worked out once."""
        last = self._last_stops.get(verb.start)
        if last is None:
            last = self._last_stops[verb.start] = self.after_last_stop(-1, verb.start)
        floor = max(last, start, verb.start - WINDOW)
        key = (floor, verb.start)
        if key not in self._subjects:
            self._subjects[key] = _subject_from(self.body, floor, verb)
        return self._subjects[key]


def appositive_name(toks: list[Tok]) -> int:
    """How many tokens a 'description, Name' phrase takes at the start of ``toks``.

    "another paramedic, Jo Smith", "The union's general secretary, Ana Ruiz,",
    "Its chief executive, Dr Lena Okafor": the name after the comma is who is
    meant, the description before it is the role. 0 when there is none.
    """
    comma = -1
    for index, tok in enumerate(toks[:8]):
        if tok.text == ",":
            comma = index
            break
        if not tok.text[0].isalpha() or tok.low in REPORTING_VERBS or tok.low in FINITE:
            return 0
    if comma < 2:
        return 0
    head = toks[comma - 1].low
    if (
        not head.replace("-", "").isalpha()
        or head in FUNCTION_WORDS
        # A capital is a name ("Okafor, who ...") or a place, unless it is a title:
        # "The Speaker, Dame Ana Ruiz".
        or (toks[comma - 1].text[0].isupper() and not (head in TITLES and comma > 1))
    ):
        return 0
    end = comma + 1
    # A lower-case title may open the name: "the third candidate, state Rep. Ana Ruiz".
    while (
        end < min(len(toks), comma + 3)
        and toks[end].low.isalpha()
        and (toks[end].text[0].islower() and toks[end].low not in FUNCTION_WORDS)
    ):
        end += 1
    titled = end - comma - 1
    while end < len(toks) and (
        toks[end].text[0].isupper() or (end > comma + 1 and toks[end].low in NAME_PARTICLES)
    ):
        end += 1
    names = end - comma - 1 - titled
    if names < 2 or names > 5:
        return 0
    if end < len(toks) and toks[end].text not in (",", ".", ":", ";", "(", "--"):
        return 0
    return end


def leading_subject(body: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject noun phrase a sentence opens with ("Okafor", "Interior Minister Ana Ruiz")."""
    start = after_dateline(body, start, end)
    toks = tokens(body, start, before_first_stop(body, start, min(end, start + 140)))
    toks = _strip_subject(toks)
    appositive = appositive_name(toks)
    if appositive:
        return toks[0].start, toks[appositive - 1].end
    out: list[Tok] = []
    for index, tok in enumerate(toks):
        low = tok.low
        if (
            tok.text[0].isupper()
            or low in DETERMINERS
            or low in ("of", "for", "de", "van", "von")
            or (out and low in TITLES)
        ):
            out.append(tok)
            continue
        if (
            out
            and low.isalpha()
            and low not in FUNCTION_WORDS
            and index + 2 < len(toks)
            and toks[index + 1].text[0].isupper()
            and toks[index + 2].text[0].isupper()
        ):
            out.append(tok)  # "Bar worker Ana Ruiz": a role word before a full name
            continue
        if not out and low in PRONOUNS_ALL:
            out.append(tok)
        break
    while out and (out[-1].low in DETERMINERS or out[-1].low in ("of", "for")):
        out.pop()
    if not out or len(out) > 10:
        return None
    if (
        out[0].low in NOT_NAMES
        and out[0].low not in PRONOUNS_ALL
        and out[0].low not in DETERMINERS
        and not (out[0].low in POSSESSIVES and len(out) > 2)  # "Her colleague Ana Ruiz"
    ):
        return None
    return out[0].start, out[-1].end


def trim_name(body: str, start: int, end: int, article: bool = False) -> tuple[int, int] | None:
    """Trim spaces and punctuation; ``article`` drops a leading "the" (outlet names)."""
    text = body[start:end]
    stripped = text.rstrip(" ,.")
    lead = len(text) - len(text.lstrip())
    start, end = start + lead, start + len(stripped)
    if end <= start:
        return None
    if article and body[start:end].lower().startswith("the "):
        start += 4
    if article:
        # Past describing words: "state-run Kestrel-Info" is Kestrel-Info, but
        # "state TV" stays whole.
        while start < end and body[start].islower():
            space = body.find(" ", start, end)
            if space < 0 or body[space + 1 : end].lower() in OUTLET_WORDS:
                break
            start = space + 1
    return (start, end) if end > start else None


# Reporting verbs are lower case in running prose; a sentence-initial "Said"
# is rare enough to miss, and a case-sensitive search is much faster.
VERB_RE = re.compile(
    r"\b(?:"
    + alternation(
        REPORTING_VERBS | {"made clear", "made it clear", "pointed out", "went on to say"}
    )
    + r")\b"
)

WHO = r"(?P<who>(?:the\s+)?[^\s,;:\"\u201c\u201d][^,;:\"\u201c\u201d]{0,80}?)"

# Cheap first tests for the two patterns run on every sentence: a set lookup
# of its words rules most sentences out before the alternations are tried.
LOWER_WORD = re.compile(r"[a-z]+")
