"""Text in, ``ExtractedArticle`` out: the one entry point of the pipeline.

The steps, each linear in the length of the text:

1. lines and page furniture, metadata (``segment``);
2. quotation spans from one pass over the quotation marks (``quotes``);
3. each quotation's attribution: the speaker after it ("...," X said), inverted
   ("...," said X, a fellow at ...), before it (X said: "..."), a relay tail
   (", the news agency reported"), a credit line under a pull quote, or, for a
   quotation standing alone, the person introduced just before it or the
   speaker it continues; block quotations set off after "X wrote:";
4. reported speech without quotation marks: a subject, a reporting verb and
   its content clause, in the orders news prose uses; a quoted fragment inside
   it makes the clause a partial claim;
5. unattributed sentences that state checkable facts;
6. a pull quote repeating a quotation is merged into it (``also_at``);
7. speakers resolved to actors across the article (``speakers``), in text
   order, so that pronouns and "the minister" find the right earlier person.

Every window looked at around a position is bounded, so that no input, however
long or malformed, makes the work grow faster than its length.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .lexicon import (
    ANONYMOUS_HEADS_PLURAL,
    ANONYMOUS_HEADS_SINGULAR,
    AUXILIARIES,
    DETERMINERS,
    NAME_PARTICLES,
    NOT_NAMES,
    OUTLET_WORDS,
    PRONOUNS_ALL,
    QUOTE_INTRO_VERBS,
    REPORTING_PARTICIPLES,
    REPORTING_VERBS,
    TITLES,
    WEAK_REPORTING_VERBS,
    alternation,
    words,
)
from .mentions import parse_mention
from .quotes import Quote, find_quotes
from .segment import Block, blocks, detect_metadata, sentences, unwrap_hard_lines
from .speakers import ActorRegistry
from .types import (
    ActorKind,
    ArticleMetadata,
    ClaimKind,
    ExtractedArticle,
    ExtractedClaim,
    Relay,
    Speaker,
)

# How far around a quotation its attribution is looked for, in characters.
_WINDOW = 300
# Sentences longer than this are not prose (a line with no punctuation, a
# table): they are not searched for reported speech or facts.
_MAX_SENTENCE = 1500
_MAX_SUBJECT_TOKENS = 22
_MAX_REPEATS = 100
# How far back (characters) a lone quotation looks for the speaker it continues.
_INHERIT_REACH = 700
_INHERIT_FAR = 3000
# Words that may open a sentence before its subject without a comma.
_LEADING_ADVERBS = words(
    "but and so yet also still meanwhile however later earlier then now separately "
    "instead again previously today yesterday thus indeed"
)
_FINITE = words(
    "would will was were had has have is are could might may should must can did does do "
    "wo won't isn't wasn't weren't hadn't hasn't haven't couldn't"
)
# Verbs that put a quoted fragment in someone's mouth: 'calling it "a farce"'.
_CHARACTERISING_VERBS = words(
    "calling called calls describing described describes dubbed dubbing termed mentioning "
    "branded branding labelled labeled labelling dismissed dismissing denounced denouncing "
    "hailed hailing slammed criticised criticized praised condemned accused blasted "
    "lambasted decried welcomed rejected vowed pledged"
)
_HONORIFICS = words("mr mrs ms miss dr prof sir dame lord lady sen rep gov gen col capt lt sgt")
_POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your"})
# Description heads that name someone who can be quoted ("a resident", "officials").
_SPEAKER_HEADS = ANONYMOUS_HEADS_SINGULAR | ANONYMOUS_HEADS_PLURAL

_TOKEN = re.compile(
    r"[A-Za-z](?:\.[A-Za-z])+\.?"  # U.S., U.N.
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|Gov|St|Jr|Sr|Prof|Capt|Adm|Maj|Sgt|Rev|Cmdr|Gov)\."
    r"|[A-Z]\.(?=\s[A-Z])"  # an initial: John F. Kennedy
    r"|\w[\w'\u2019\-/&]*"
    r"|--|[^\w\s]"
)
_HAS_WORD = re.compile(r"\w")
_ANY_QUOTE = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb]')
_QUOTE_CHARS = frozenset('"\u201c\u201d\u201e\u201f\u00ab\u00bb')
_STOPS = frozenset({".", "!", "?", ";"}) | _QUOTE_CHARS
_INTRO_WORDS = words(
    """
    in on at after before during while when as since also but and however meanwhile asked
    earlier later last this for with by from to according despite although though if because
    still yet so then now today yesterday separately instead indeed moreover furthermore
    speaking writing addressing responding referring under among amid following
    where which who whose whom unlike like once until whether
    """
)
_PASSIVE = frozenset({"be", "been", "being", "is", "was", "were", "are", "get", "got"})
_CLAUSE_STARTERS = words(
    """
    he she they it we i you there this these those that his her its their our my your
    the a an no all some any every each many most both neither none one two three
    """
)
_OBJECT_VERBS = frozenset(
    {
        "told",
        "tells",
        "tell",
        "warned",
        "warns",
        "assured",
        "informed",
        "reminded",
        "urged",
        "asked",
        "promised",
    }
)
# After a quotation any verb of saying attributes it, however colourful.
_AFTER_QUOTE_VERBS = REPORTING_VERBS | words(
    """
    read reads joked jokes quipped quips laughed shouted yelled cried sighed whispered
    murmured snapped demanded wondered mused offered pleaded boasted recounted scoffed
    exclaimed insisted ventured chimed interjected retorted grumbled muttered
    """
)
# Verbs after "to" that make an infinitive, not a place or a body ("ambassador to NATO").
_TO_VERBS = words("be have say tell speak add do make go get see")
_NEXT_WORD = re.compile(r"\s*([a-z]+)")
# Words that may follow a quoted fragment without making it a modifier:
# promised "swift action" on ..., called it "a mistake" and ...
_FUNCTION_WORDS = words(
    """
    on in and or but for to at with by from of as after before over than because
    that which who if when while since until about against into onto upon during
    """
)
_INVERTED_STOP = words("in on at during after before when while as via to adding noting and but")
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
# "the state-run X agency", "the pro-government X channel": a describing word
# or two may stand before the name.
_RELAY_NAME = (
    r"(?:the\s+)?(?:(?:[a-z]+-[a-z]+|state|official|independent|private|public|national"
    r"|regional|local|online|opposition|business|financial)\s+){0,2}"
    r"(?:[A-Z][\w'\u2019.&\-/]*\s*){1,5}"
)
_RELAY_TAIL = re.compile(
    rf"(?:carried|cited|quoted|reported|published|broadcast|aired|posted)\s+by\s+(?P<c>{_RELAY_NAME})"
    rf"|according\s+to\s+(?P<b>{_RELAY_NAME})"
    rf"|(?:interview|comments|remarks|statement|op-ed|column|article|podcast|broadcast"
    rf"|report|story)\s+(?:with|to|for|in|on|by)\s+(?P<d>{_RELAY_NAME})"
    rf"|[,\"\u201d]{{1,3}}\s*(?P<a>{_RELAY_NAME}?)\s*(?:news\s+agency\s+|newspaper\s+|agency\s+)?(?:reported|reports|said|added|quoted|cited|wrote)\b"
    rf"|(?:told|telling)\s+(?P<e>{_RELAY_NAME})"
    # "wrote in the Daily Planet", "said on Radio Vantor", "speaking to the Ledger"
    rf"|(?:wrote|writing|said|says|speaking|appeared|interviewed)\s+(?:in|on|to|by)\s+(?P<g>{_RELAY_NAME})"
)
# "the Morning Ledger newspaper", "the Solway news agency": a name before an
# outlet noun is an outlet, whatever the name.
_OUTLET_BEFORE_NOUN = re.compile(
    r"(?P<name>[A-Z][\w'\u2019.&\-/]*(?:\s+[A-Z][\w'\u2019.&\-/]*){0,3})\s+"
    r"(?:news\s+agency|newspaper|daily|broadcaster|channel|radio|television|magazine|website"
    r"|weekly|wire\s+service|news\s+service|news\s+site)\b"
)
_OUTLET_PHRASE = re.compile(
    r"(?:news\s+agency|newspaper|daily|broadcaster|television|TV\s+channel|radio|website|"
    r"magazine|wire\s+service|agency)\s+(?P<name>(?:[A-Z][\w'\u2019.&\-/]*\s*){1,4})"
)


class _Tok(NamedTuple):
    text: str
    start: int
    end: int
    low: str  # lower-cased once: every rule compares it


def _line_floor(body: str, position: int) -> int:
    """The start of the line holding ``position``, looked for within the window."""
    floor = max(0, position - _WINDOW)
    found = body.rfind("\n", floor, position)
    return found + 1 if found >= 0 else floor


def _line_ceiling(body: str, position: int) -> int:
    """The end of the line holding ``position``, looked for within the window."""
    ceiling = min(len(body), position + _WINDOW)
    found = body.find("\n", position, ceiling)
    return found if found >= 0 else ceiling


# A cheap over-approximation of where a sentence may stop, used to narrow the
# windows before tokenising them ("U.S." and "Dr." are not stops, "said." is).
# The pattern is a bare character class so the regex engine can scan for it
# fast; the few full stops it finds are checked here.
_STOP_CHAR = re.compile('[!?;."\u201c\u201d\u201e\u00ab\u00bb]')
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


def _after_last_stop(body: str, start: int, end: int) -> int:
    last = start
    for match in _STOP_CHAR.finditer(body, start, end):
        if _is_stop(body, match.start()):
            last = match.end()
    return last


def _before_first_stop(body: str, start: int, end: int) -> int:
    for match in _STOP_CHAR.finditer(body, start, end):
        if _is_stop(body, match.start()):
            return match.end()
    return end


def _tokens(body: str, start: int, end: int) -> list[_Tok]:
    # tuple.__new__ skips the NamedTuple constructor's keyword handling: this
    # is the innermost loop of the extractor.
    new = tuple.__new__
    return [
        new(_Tok, (text, *match.span(), text.lower()))
        for match in _TOKEN.finditer(body, start, end)
        if (text := match.group())
    ]


@dataclass(slots=True)
class _Attribution:
    mention: tuple[int, int] | None
    cue: str | None
    relays: list[tuple[int, int]] = field(default_factory=list)
    role: str | None = None
    # The attribution of the quotation this one continues; resolved only at the
    # end, in text order, like every other speaker.
    inherited: _Attribution | None = None
    strength: float = 0.95


@dataclass(slots=True)
class _Draft:
    kind: ClaimKind
    start: int
    end: int
    attribution: _Attribution | None
    confidence: float
    also_at: list[tuple[int, int]] = field(default_factory=list)


def _is_verb(tok: _Tok, verbs: frozenset[str]) -> bool:
    return tok.low in verbs


def _valid_subject(toks: list[_Tok]) -> bool:
    if not toks or len(toks) > _MAX_SUBJECT_TOKENS:
        return False
    first = toks[0].text
    low = first.lower()
    possessive = low in _POSSESSIVES  # "her lawyer, Omar Haddad"
    # "local residents", "senior officials": a lower-case phrase ending in a
    # noun for people.
    people = toks[-1].low in _SPEAKER_HEADS and len(toks) <= 4
    if not (
        first[0].isupper()
        or _particle_name(toks)
        or low in DETERMINERS
        or low in PRONOUNS_ALL
        or first[0].isdigit()
        or possessive
        or people
    ):
        return False
    if low in NOT_NAMES and low not in DETERMINERS and low not in PRONOUNS_ALL and not possessive:
        return False
    relative = False
    for index, tok in enumerate(toks):
        if tok.text in _STOPS or tok.low in REPORTING_VERBS or tok.low == "that":
            return False
        if tok.low in ("who", "whose", "which") or tok.text == ",":
            relative = True  # past a comma come clauses that describe the subject
        elif index and tok.low in _FINITE and not relative:
            return False  # a clause, not a noun phrase: "Norland has suspended ..."
        # "the ambassador to NATO" is a subject; "wants to" is not.
        if tok.low == "to" and (index == 0 or not toks[index - 1].low.isalpha()):
            return False
        if tok.low == "to" and index + 1 < len(toks) and toks[index + 1].low in _TO_VERBS:
            return False
    return True


def _particle_name(toks: list[_Tok]) -> bool:
    """A surname that opens with a lower-case particle: "van Dijk", "al-Masri"."""
    low = toks[0].low
    head = low.split("-", 1)[0] if "-" in low else low
    if head not in NAME_PARTICLES and head not in ("al", "el", "bin", "ibn", "ben"):
        return False
    if "-" in low:
        rest = toks[0].text.split("-", 1)[1]
        return rest[:1].isupper() and len(toks) <= 3
    return len(toks) > 1 and len(toks) <= 4 and toks[1].text[0].isupper()


def _valid_trailing_subject(toks: list[_Tok]) -> bool:
    """After its clause a subject may be a bare plural: '..., officials said.'"""
    if _valid_subject(toks):
        return True
    return (
        0 < len(toks) <= 4
        and toks[-1].low in ANONYMOUS_HEADS_PLURAL
        and all(tok.text[:1].isalpha() for tok in toks)
    )


def _strip_subject(toks: list[_Tok]) -> list[_Tok]:
    """Drop introductory phrases and conjunctions before a sentence's subject."""
    while toks and toks[-1].low in AUXILIARIES:
        toks = toks[:-1]
    while toks and toks[-1].text == ",":
        toks = toks[:-1]
    changed = True
    while changed and toks:
        changed = False
        first = toks[0].low
        if first in _LEADING_ADVERBS:
            toks = toks[1:]
            changed = True
            if toks and toks[0].text == ",":
                toks = toks[1:]
            continue
        if (
            first in _INTRO_WORDS
            or first.endswith("ing")
            or (first.endswith("ly") and len(first) > 4)
        ):
            for index, tok in enumerate(toks):
                if tok.text == ",":
                    toks = toks[index + 1 :]
                    changed = True
                    break
    return toks


def _subject_before(body: str, start: int, verb: _Tok) -> tuple[int, int] | None:
    """The subject of ``verb``: from the clause start to the verb, intro dropped."""
    floor = _after_last_stop(body, max(start, verb.start - _WINDOW), verb.start)
    toks = _tokens(body, floor, verb.start)
    # The clause starts after the last stop before the verb.
    for index in range(len(toks) - 1, -1, -1):
        if toks[index].text in _STOPS:
            toks = toks[index + 1 :]
            break
    if toks and toks[-1].low in _PASSIVE:
        return None
    toks = _strip_subject(toks)
    if not _valid_subject(toks):
        return None
    return toks[0].start, toks[-1].end


def _appositive_name(toks: list[_Tok]) -> int:
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
        if not tok.text[0].isalpha() or tok.low in REPORTING_VERBS or tok.low in _FINITE:
            return 0
    if comma < 2:
        return 0
    head = toks[comma - 1].low
    if not head.isalpha() or head in _FUNCTION_WORDS or toks[comma - 1].text[0].isupper():
        return 0  # "Okafor, who ..." or a place: no description before the comma
    end = comma + 1
    # A lower-case title may open the name: "the third candidate, state Rep. Ana Ruiz".
    while (
        end < min(len(toks), comma + 3)
        and toks[end].low.isalpha()
        and (toks[end].text[0].islower() and toks[end].low not in _FUNCTION_WORDS)
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


def _leading_subject(body: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject noun phrase a sentence opens with ("Okafor", "Interior Minister Ana Ruiz")."""
    toks = _tokens(body, start, _before_first_stop(body, start, min(end, start + 140)))
    toks = _strip_subject(toks)
    appositive = _appositive_name(toks)
    if appositive:
        return toks[0].start, toks[appositive - 1].end
    out: list[_Tok] = []
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
            and low not in _FUNCTION_WORDS
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
        and not (out[0].low in _POSSESSIVES and len(out) > 2)  # "Her colleague Ana Ruiz"
    ):
        return None
    return out[0].start, out[-1].end


def _relays_in(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outlets a claim was passed through, named in ``body[start:end]``."""
    found: list[tuple[int, int]] = []
    for match in _RELAY_TAIL.finditer(body, start, end):
        for group in ("a", "b", "c", "d", "e", "g"):
            if match.group(group):
                definite = match.group(group).lower().startswith("the ")
                span = _trim_name(body, *match.span(group), article=True)
                if span and _looks_like_outlet(body[span[0] : span[1]], group, definite):
                    found.append(span)
                break
    for match in _OUTLET_BEFORE_NOUN.finditer(body, start, end):
        span = _trim_name(body, *match.span("name"), article=True)
        if span and span not in found:
            found.append(span)
    for match in _OUTLET_PHRASE.finditer(body, start, end):
        span = _trim_name(body, *match.span("name"), article=True)
        if span and span not in found:
            found.append(span)
    found.sort()
    return found


def _trim_name(body: str, start: int, end: int, article: bool = False) -> tuple[int, int] | None:
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


# Who "told X" may be without X being an outlet.
_NOT_OUTLETS = words(
    """
    mps meps lawmakers legislators parliament congress senate commons lords cabinet
    reporters journalists court jury judge judges committee inquiry tribunal council
    assembly nato un eu police officers investigators prosecutors supporters crowd
    """
)
_ACRONYM = re.compile(r"[A-Z]{2,}[0-9]*")


def _looks_like_outlet(name: str, group: str, definite: bool = False) -> bool:
    parsed = parse_mention(name)
    if parsed.pronoun is not None or parsed.name is None:
        return False
    if definite and parsed.kind != ActorKind.GOVERNMENT and group != "a":
        # "told the Morning Ledger": people are not named with "the".
        return True
    if parsed.kind in (ActorKind.ORGANIZATION,):
        return True
    name_words = parsed.name.split()
    words_low = [w.lower() for w in name.split()]
    if any(w in _NOT_OUTLETS for w in words_low):
        return False  # "told MPs", "told Parliament", "told NATO allies"
    if any(w in OUTLET_WORDS for w in words_low) or (
        len(name_words) > 1 and _ACRONYM.fullmatch(name_words[0])
    ):
        # "told Harbour Newswire", "told XYZ Radio", "told NTV Highlands"
        return group != "g" or definite
    # "told Kestrelwire", "Zephyr reported": a lone capitalised word that is no
    # one's surname. A two-word person name is a person.
    if group == "g":
        # "said in Geneva", "said on Monday": only a body or "the ..." is an outlet.
        return False
    if len(name_words) == 1 and group in ("a", "b", "c", "d", "e"):
        return parsed.kind != ActorKind.GOVERNMENT
    return group in ("c", "d") and parsed.kind != ActorKind.PERSON


class _Extractor:
    def __init__(self, body: str) -> None:
        self.body = body
        self.lines: list[Block] = blocks(body)
        self.line_starts = [block.start for block in self.lines]
        self.meta = detect_metadata(body, self.lines)
        self.registry = ActorRegistry(body)
        self.drafts: list[_Draft] = []
        self.fallbacks: dict[tuple[int, int], _Attribution | None] = {}
        # One resolution per mention: quotations continuing a speaker reuse it.
        self.speakers: dict[tuple[tuple[int, int], str | None], Speaker] = {}
        self.quotes = find_quotes(body)
        self.quote_starts = [q.inner_start for q in self.quotes]
        self.tail_start = len(body) + 1
        self.block_ok: dict[int, bool] = {}  # line index -> may hold claims
        if self.meta.byline_span and self.meta.byline_span[0] > len(body) // 2:
            # Past the "(X contributed to this report)" line is only site furniture.
            self.tail_start = self.meta.byline_span[0]

    # -- where claims may stand --
    def claimable(self, position: int) -> bool:
        if position < self.meta.body_start or position >= self.tail_start:
            return False
        index = bisect.bisect_right(self.line_starts, position) - 1
        if index < 0:
            return False
        block = self.lines[index]
        if not (position < block.end or position == block.start):
            return False
        ok = self.block_ok.get(index)
        if ok is None:
            ok = self.block_ok[index] = not block.furniture and not self._headline(block)
        return ok

    def _headline_quote(self, quote: Quote) -> bool:
        """A quotation in a headline above the dateline: 'Mayor: "We will rebuild"'."""
        if quote.start >= self.meta.body_start:
            return False
        index = bisect.bisect_right(self.line_starts, quote.start) - 1
        if index < 0:
            return False
        block = self.lines[index]
        return block.end <= self.meta.body_start and not block.furniture

    def _headline(self, block: Block) -> bool:
        text = self.body[block.start : block.end]
        if len(text) > 150 or text.rstrip()[-1:] in '.!?"\u201d,:;)':
            return False
        return text.count(" ") < 15

    # -- sentences --
    def sentence_spans(self) -> list[tuple[int, int]]:
        """Sentences of claimable lines; never split inside a quotation."""
        out: list[tuple[int, int]] = []
        quotes = self.quotes
        q_index = 0
        for block in self.lines:
            if (
                block.furniture
                or block.end <= self.meta.body_start
                or block.start >= self.tail_start
            ):
                continue
            start = max(block.start, self.meta.body_start)
            while start < block.end and self.body[start].isspace():
                start += 1
            current: tuple[int, int] | None = None
            for sent in sentences(self.body, start, block.end):
                if current is None:
                    current = sent
                    continue
                boundary = sent[0]
                while q_index < len(quotes) and quotes[q_index].inner_end < boundary:
                    q_index += 1
                inside = (
                    q_index < len(quotes)
                    and quotes[q_index].inner_start < boundary < quotes[q_index].inner_end
                    and quotes[q_index].end - quotes[q_index].start < 3000
                )
                if inside:
                    current = (current[0], sent[1])
                else:
                    out.append(current)
                    current = sent
            if current is not None:
                out.append(current)
        return out

    # -- quotations --
    def attribute_after(self, quote: Quote, limit: int) -> _Attribution | None:
        body = self.body
        ceiling = min(limit, quote.end + _WINDOW)
        sentence_stop = _before_first_stop(body, quote.end, ceiling)
        # A speaker and its verb fit in far fewer characters than a sentence.
        toks = _tokens(body, quote.end, min(sentence_stop, quote.end + 200))
        cut = len(toks)
        for index, tok in enumerate(toks):
            if tok.text in _STOPS:
                cut = index
                break
        sentence_end = toks[cut].start if cut < len(toks) else min(limit, quote.end + _WINDOW)
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
            if (
                rest
                and rest[-1].end <= line_end
                and 0 < len(rest) <= 10
                and rest[0].text[0].isupper()
            ):
                return _Attribution((rest[0].start, rest[-1].end), None, strength=0.9)
            return None
        if toks[0].low in ("according",) and len(toks) > 2 and toks[1].low == "to":
            run = self._name_run(toks[2:])
            if run:
                return _Attribution(
                    (run[0].start, run[-1].end),
                    "according to",
                    _relays_in(body, run[-1].end, sentence_end),
                )
            return None
        inverted_ok = toks[0].low not in ("told", "tells", "tell") and (
            toks[0].low not in _OBJECT_VERBS
            or (len(toks) > 1 and (toks[1].text[0].isupper() or toks[1].low in DETERMINERS))
        )
        if _is_verb(toks[0], _AFTER_QUOTE_VERBS) and inverted_ok:
            # Inverted: "...," said X, a senior fellow at ...
            appositive = _appositive_name(toks[1:])
            if appositive:  # "...," said another paramedic, Jo Smith.
                run = toks[1 : appositive + 1]
                return _Attribution(
                    (run[0].start, run[-1].end),
                    toks[0].text,
                    _relays_in(body, run[-1].end, sentence_end),
                )
            run = self._name_run(toks[1:])
            if not run:
                return None
            role = None
            after_run = run[-1].end
            rest = body[after_run:sentence_end]
            if rest.startswith(","):
                role_text = rest[1:].strip()
                role = role_text or None
            return _Attribution(
                (run[0].start, run[-1].end),
                toks[0].text,
                _relays_in(body, after_run, sentence_end),
                role=role,
            )
        relative = self._relative_subject(toks, quote, sentence_stop)
        if relative is not None:
            return relative
        for index, tok in enumerate(toks[: _MAX_SUBJECT_TOKENS + 2]):
            if tok.low == "quoted" and index > 0 and toks[index - 1].low in ("was", "were"):
                # '"...," X was quoted as saying by Y' / 'X was quoted by Y as saying'
                speaker = toks[: index - 1]
                rest = _PASSIVE_BY.match(body, tok.end, sentence_end)
                if speaker and _valid_subject(speaker) and rest:
                    relay = _trim_name(body, *rest.span("relay"), article=True)
                    return _Attribution(
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
                            _trim_name(body, toks[0].start, toks[index - 1].end, article=True)
                            if index
                            else None
                        )
                        if speaker:
                            return _Attribution(
                                (speaker[0].start, speaker[-1].end),
                                f"{tok.text} ... as saying",
                                [relay] if relay else [],
                            )
                return None
            if _is_verb(tok, _AFTER_QUOTE_VERBS):
                subject = toks[:index]
                while subject and subject[-1].low in AUXILIARIES:
                    subject = subject[:-1]
                if not _valid_subject(subject):
                    return None
                cue_end = tok.end
                cue = tok.text
                relays = _relays_in(body, tok.start, sentence_end)
                if tok.low in _OBJECT_VERBS and index + 1 < len(toks):
                    cue = body[tok.start : toks[min(len(toks) - 1, index + 1)].end]
                del cue_end
                return _Attribution((subject[0].start, subject[-1].end), cue, relays)
        return None

    def _introduced_above(self, quote: Quote, line_start: int) -> _Attribution | None:
        """A quotation opening a paragraph after 'Its chief executive, X, said:'."""
        body = self.body
        above = body[max(0, line_start - _WINDOW) : line_start].rstrip()
        if not above.endswith(":"):
            return None
        floor = body.rfind("\n", 0, max(0, line_start - _WINDOW) + len(above)) + 1
        return self.attribute_before(quote, max(floor, line_start - _WINDOW))

    def _relative_subject(
        self, toks: list[_Tok], quote: Quote, sentence_stop: int
    ) -> _Attribution | None:
        """'"...," X, who has chaired it since 2021, told the room.'"""
        for index in range(1, min(len(toks) - 1, 8)):
            if toks[index].text == "," and toks[index + 1].low in ("who", "whose"):
                break
        else:
            return None
        subject = toks[:index]
        if not _valid_subject(subject):
            return None
        # The clause may be long: read on to the end of the sentence.
        rest = _tokens(self.body, toks[index + 1].end, min(sentence_stop, quote.end + 600))
        for later in range(len(rest) - 1):
            tok = rest[later]
            if tok.text in _STOPS:
                return None
            if tok.text == "," and _is_verb(rest[later + 1], _AFTER_QUOTE_VERBS):
                verb = rest[later + 1]
                return _Attribution(
                    (subject[0].start, subject[-1].end),
                    verb.text,
                    _relays_in(self.body, verb.start, sentence_stop),
                )
        return None

    def credit_below(self, quote: Quote, line_end: int) -> _Attribution | None:
        """A pull quote credited on the next line: '\u2014 X, chief executive'."""
        body = self.body
        match = _CREDIT_LINE.match(body, line_end, min(len(body), line_end + 160))
        if not match:
            return None
        name = _trim_name(body, *match.span("who"))
        return _Attribution(name, None, [], strength=0.8) if name else None

    def _name_run(self, toks: list[_Tok]) -> list[_Tok]:
        """The speaker after an inverted verb: up to a comma or a preposition."""
        run: list[_Tok] = []
        for tok in toks:
            if tok.text == "," or tok.low in _INVERTED_STOP or tok.text in _STOPS:
                break
            run.append(tok)
            if len(run) > 10:
                return []
        if run and (
            run[0].text[0].isupper()
            or _particle_name(run)
            # "said state Sen. Ana Ruiz", "said retiree Ana Ruiz"
            or (
                run[-1].text[0].isupper()
                and run[0].low.isalpha()
                and run[0].low not in _FUNCTION_WORDS
                and run[0].low not in REPORTING_VERBS
            )
            or run[0].low in DETERMINERS
            or run[0].low in PRONOUNS_ALL
            or run[0].low in _POSSESSIVES
            or run[-1].low in _SPEAKER_HEADS  # '"...!" shouted protesters'
        ):
            return run
        return []

    def attribute_before(self, quote: Quote, floor: int) -> _Attribution | None:
        body = self.body
        if body[max(floor, quote.start - 20) : quote.start].rstrip()[-1:] not in (
            ":",
            ",",
        ):
            return None  # no "X said:" or "X said," right before the quotation
        start = max(floor, quote.start - _WINDOW)
        toks = _tokens(body, _after_last_stop(body, start, quote.start), quote.start)
        if not toks or toks[-1].text not in (":", ","):
            return None
        colon = toks[-1].text == ":"
        toks = toks[:-1]
        for index in range(len(toks) - 1, -1, -1):
            if toks[index].text in _STOPS:
                toks = toks[index + 1 :]
                break
        verbs = QUOTE_INTRO_VERBS if colon else REPORTING_VERBS
        for index in range(len(toks) - 1, max(-1, len(toks) - 9), -1):
            tok = toks[index]
            if tok.low in verbs:
                if index + 1 < len(toks) and toks[index + 1].low == "that":
                    return None
                subject = _subject_before(body, toks[0].start if toks else start, tok)
                if subject is None:
                    return None
                cue = body[tok.start : toks[-1].end] if index < len(toks) - 1 else tok.text
                relays = _relays_in(body, tok.start, toks[-1].end)
                return _Attribution(subject, cue, relays, strength=0.9)
        if colon and toks:
            subject = _leading_subject(body, toks[0].start, toks[-1].end)
            if subject:
                return _Attribution(subject, None, [], strength=0.6)
        return None

    def is_direct(self, quote: Quote) -> bool:
        if not quote.opened or quote.paragraphs > 1:
            return True
        body = self.body
        line_start = _line_floor(body, quote.start)
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
            if closer >= 0 and _VERB_RE.search(before, closer):
                # '"...," X said on Friday, "and ..."': resumes after a longer attribution.
                return True
            return starts_upper and self.attribute_before(quote, line_start) is not None
        word = before.rsplit(None, 1)[-1].lower()
        # 'Ruiz said "we will win the vote"': a verb of saying right before the
        # mark opens a full quotation, whatever its first letter.
        return word in REPORTING_VERBS and inner.count(" ") >= (2 if starts_upper else 4)

    def quote_claims(self) -> None:
        body = self.body
        previous: tuple[Quote, _Attribution] | None = None
        for quote in self.quotes:
            if not self.claimable(quote.inner_start) and not self._headline_quote(quote):
                continue
            line_start = _line_floor(body, quote.start)
            line_end = _line_ceiling(body, quote.end)
            inner_start, inner_end = quote.inner_start, quote.inner_end
            # Trailing commas belong to the sentence around the quotation.
            while inner_end > inner_start and body[inner_end - 1] in ", ":
                inner_end -= 1
            quoted = body[inner_start:inner_end].split()
            if not quoted:
                continue
            direct = self.is_direct(quote)
            attribution: _Attribution | None = None
            if not quote.opened:
                attribution, inner_start = self.orphan_start(quote, line_start)
                if inner_start >= inner_end:
                    continue
            else:
                ends_sentence = body[quote.inner_end - 1 : quote.inner_end] in ".!?"
                after = self.attribute_after(quote, line_end)
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
                        after.strength = 0.75
                attribution = after or self.attribute_before(quote, line_start)
                if after is not None and after.strength < 0.8:
                    # 'X said: "..." Y said ...': the introduction outranks a
                    # speaker who may belong to the next sentence.
                    attribution = self.attribute_before(quote, line_start) or after
                if attribution is None and not body[line_start : quote.start].strip():
                    attribution = self._introduced_above(quote, line_start)
                if attribution is None and not body[quote.end : line_end].strip():
                    attribution = self.credit_below(quote, line_end)
            if attribution is None and previous is not None and direct:
                prev_quote, prev_attr = previous
                gap = body[prev_quote.end : quote.start]
                same_line = "\n" not in gap
                next_para = gap.count("\n") >= 1 and not gap.strip(" \n\r\t,.;:").strip()
                starts_line = not body[line_start : quote.start].strip()
                # Text between them may introduce someone else: that case is
                # left to ``_inherit_speakers``, which sees every claim.
                if (same_line or (next_para and starts_line)) and prev_attr.mention:
                    attribution = _Attribution(
                        None,
                        prev_attr.cue,
                        # A relay named in the sentence covers the quotation
                        # resuming there, not a later paragraph.
                        list(prev_attr.relays) if same_line else [],
                        inherited=prev_attr.inherited or prev_attr,
                        strength=0.7 if same_line else 0.6,
                    )
            if not direct:
                # A fragment inside reported speech belongs to that speech's
                # speaker; what stands beside the quotation is only a fallback.
                fallback = attribution if attribution and not attribution.inherited else None
                attribution = None
                if len(quoted) <= 2:
                    following = _NEXT_WORD.match(body, quote.end, quote.end + 30)
                    if following and following.group(1) not in _FUNCTION_WORDS:
                        continue  # a scare quote modifying a noun: "rogue" states
                    if fallback is None and not self._sentence_reports(quote):
                        continue
                if _title_case(quoted):
                    continue  # the name of a book, film, programme or report
                kind = ClaimKind.PARTIAL
                self.fallbacks[(inner_start, inner_end)] = fallback
            else:
                kind = ClaimKind.DIRECT
            confidence = attribution.strength if attribution else 0.5
            if not quote.opened or not quote.closed:
                confidence = min(confidence, 0.6)
            self.drafts.append(_Draft(kind, inner_start, inner_end, attribution, confidence))
            if attribution is not None and (attribution.mention or attribution.inherited):
                previous = (quote, attribution)

    def block_quotes(self) -> None:
        """A paragraph set off after "X wrote:" without quotation marks is a quotation."""
        body = self.body
        lines = self.lines
        for index in range(1, len(lines)):
            intro, block = lines[index - 1], lines[index]
            if body[intro.end - 1] != ":" or intro.furniture or block.furniture:
                continue
            text = body[block.start : block.end]
            if _ANY_QUOTE.search(text) or not self.claimable(block.start):
                continue
            if block.end - block.start < 20 or not text[:1].isupper():
                continue
            # The introducing sentence needs a speaker and a verb of saying.
            start = max(intro.start, intro.end - _WINDOW)
            toks = _tokens(body, _after_last_stop(body, start, intro.end - 1), intro.end - 1)
            verbs = [t for t in toks if t.low in QUOTE_INTRO_VERBS]
            if not verbs:
                continue
            subject = _subject_before(body, toks[0].start, verbs[-1])
            if subject is None:
                continue
            end = block.end
            attribution = _Attribution(subject, verbs[-1].text, [], strength=0.7)
            self.drafts.append(_Draft(ClaimKind.DIRECT, block.start, end, attribution, 0.7))

    def _sentence_reports(self, quote: Quote) -> bool:
        """Is there a reporting verb or participle in the sentence before the quote?"""
        line_start = _line_floor(self.body, quote.start)
        floor = max(line_start, quote.start - _WINDOW)
        toks = _tokens(self.body, _after_last_stop(self.body, floor, quote.start), quote.start)
        for tok in reversed(toks):
            if tok.text in ".!?":
                return False
            if (
                tok.low in REPORTING_VERBS
                or tok.low in REPORTING_PARTICIPLES
                or tok.low in _CHARACTERISING_VERBS
            ):
                return True
        return False

    def orphan_start(self, quote: Quote, line_start: int) -> tuple[_Attribution | None, int]:
        """Where a quotation without an opening mark begins, and who said it."""
        body = self.body
        start = max(line_start, quote.inner_end - _WINDOW)
        toks = _tokens(body, start, quote.inner_end)
        # "X said: We are pleased ..." - a verb before a colon introduces the
        # quotation whatever verbs come earlier in the line.
        colon = [
            index
            for index in range(len(toks) - 1)
            if toks[index + 1].text == ":" and toks[index].low in QUOTE_INTRO_VERBS
        ]
        order = colon[-1:] + list(range(len(toks)))
        for index in order:
            tok = toks[index]
            if tok.low in REPORTING_VERBS and tok.low not in WEAK_REPORTING_VERBS:
                subject = _subject_before(body, line_start, tok)
                if subject is None:
                    continue
                begin = tok.end
                following = toks[index + 1] if index + 1 < len(toks) else None
                if following is not None and following.low == "that":
                    begin = following.end
                while begin < quote.inner_end and body[begin] in " ,:":
                    begin += 1
                return _Attribution(subject, tok.text, [], strength=0.6), begin
        sents = sentences(body, max(line_start, quote.inner_end - _WINDOW), quote.inner_end)
        begin = sents[-1][0] if sents else line_start
        return None, begin

    def _speaker_of(self, attribution: _Attribution) -> Speaker | None:
        if attribution.inherited is not None:
            attribution = attribution.inherited
        if attribution.mention is None:
            return None
        key = (attribution.mention, attribution.role)
        speaker = self.speakers.get(key)
        if speaker is None:
            start, end = attribution.mention
            mention = self.body[start:end]
            if not _HAS_WORD.search(mention):
                return None  # a stray mark or comma, not a speaker
            if all(word.strip(".,").lower() in _HONORIFICS for word in mention.split()):
                return None  # a title with its name cut off: "Mrs.", "Dr."
            actor = self.registry.resolve(mention, start, role=attribution.role)
            speaker = self.speakers[key] = Speaker(mention, start, end, actor)
        return speaker

    # -- reported speech --
    def focus_before(self, position: int) -> list[tuple[int, int]]:
        """Subjects of the few sentences before ``position`` (for pronouns)."""
        index = bisect.bisect_left(self.sentence_starts, position)
        out = []
        for start, end in self.spans[max(0, index - 6) : index]:
            if start in self.focus_done:
                continue
            self.focus_done.add(start)
            subject = _leading_subject(self.body, start, min(end, position))
            if subject:
                out.append(subject)
        return out

    def indirect_claims(self, spans: list[tuple[int, int]]) -> None:
        directs = sorted(
            (d for d in self.drafts if d.kind == ClaimKind.DIRECT),
            key=lambda d: d.start,
        )
        starts = [d.start for d in directs]
        verb_pattern = _VERB_RE
        for start, end in spans:
            if end - start > _MAX_SENTENCE or not self.claimable(start):
                continue
            index = bisect.bisect_right(starts, end) - 1
            if index >= 0 and directs[index].end > start:
                # The sentence holds a quotation; only '..., adding that ...'
                # after it can still be reported speech, by the same speaker.
                self._added_after_quote(directs[index], end)
                continue
            draft = self._reported(start, end, verb_pattern)
            if draft is not None:
                self.drafts.append(draft)

    def _added_after_quote(self, direct: _Draft, end: int) -> None:
        body = self.body
        if direct.attribution is None or direct.end >= end:
            return
        text_end = end
        while text_end > direct.end and body[text_end - 1] in '.!? \u201d"':
            text_end -= 1
        floor = direct.end
        while floor < text_end and (body[floor] in ",.!? " or body[floor] in _QUOTE_CHARS):
            floor += 1  # past the quotation's own closing mark
        floor = max(floor, text_end - _MAX_SENTENCE)
        if _ANY_QUOTE.search(body, floor, text_end):
            return  # another quotation follows: not plain reported speech
        match = _PARTICIPLE.search(body, floor, text_end)
        if match and text_end - match.end() > 10:
            attribution = _Attribution(
                direct.attribution.mention,
                match["verb"].strip(),
                list(direct.attribution.relays),
                inherited=direct.attribution.inherited,
                strength=0.65,
            )
            self.drafts.append(_Draft(ClaimKind.INDIRECT, match.end(), text_end, attribution, 0.65))

    def _reported(self, start: int, end: int, verb_pattern: re.Pattern[str]) -> _Draft | None:
        body = self.body
        text_end = end
        while text_end > start and body[text_end - 1] in '.!? \u201d"':
            text_end -= 1
        sentence = body[start:text_end]
        if _ANY_QUOTE.search(sentence) and sentence.count(" ") < 4:
            return None
        if not _has_cue(sentence):
            return None  # most sentences report nobody: leave them at once
        # "Y quoted X as saying ...", "X was quoted by Y as saying ..."
        # Cheap substring tests keep the rarer, costlier patterns off most sentences.
        low = sentence.lower()
        for pattern in (_QUOTED_AS_SAYING, _PASSIVE_QUOTED) if "as saying" in low else ():
            match = pattern.search(body, start, min(text_end, start + _WINDOW))
            if match and _valid_subject(_tokens(body, *match.span("who"))):
                relay = _trim_name(body, *match.span("relay"), article=True)
                who = _trim_name(body, *match.span("who"))
                attribution = _Attribution(who, "quoted as saying", [relay] if relay else [])
                return _Draft(ClaimKind.INDIRECT, match.end(), text_end, attribution, 0.75)
        # "..., Y reported, citing X."
        match = (
            _CITING_TAIL.search(body, max(start, text_end - 200), text_end)
            if "citing" in low
            else None
        )
        if match and match.start() > start + 10:
            relay = _trim_name(body, *match.span("relay"), article=True)
            who = _trim_name(body, *match.span("who"))
            if who:
                attribution = _Attribution(who, "citing", [relay] if relay else [], strength=0.7)
                return _Draft(ClaimKind.INDIRECT, start, match.start(), attribution, 0.7)
        # "According to X, ..." and "..., according to X."
        match = _ACCORDING_LEAD.match(body, start, text_end) if "according" in low else None
        if match:
            mention = _trim_name(body, *match.span("who"))
            inner = self._reported(match.end(), end, verb_pattern) if mention else None
            if inner is not None and inner.attribution is not None and mention:
                # "According to Y, X said ...": Y relays X.
                inner.attribution.relays.insert(
                    0, _trim_name(body, *mention, article=True) or mention
                )
                return inner
            if mention:
                attribution = _Attribution(mention, "according to", [], strength=0.75)
                return _Draft(ClaimKind.INDIRECT, match.end(), text_end, attribution, 0.75)
        # Reporting verb after its subject, the clause following.
        for match in verb_pattern.finditer(body, start, text_end):
            verb = _Tok(match.group(), match.start(), match.end(), match.group().lower())
            before = body[max(start, verb.start - 12) : verb.start].rstrip().lower()
            if before.endswith((" who", " which", " to")):
                continue
            if body[verb.end : verb.end + 1] == ",":
                parenthetical = self._parenthetical(start, verb, text_end)
                if parenthetical is not None:
                    return parenthetical
            subject = _subject_before(body, start, verb)
            if subject is None:
                continue
            clause = self._clause_after(verb, text_end)
            if clause is None:
                continue
            clause_start, clause_end, relays, cue = clause
            if subject[0] > start:
                # "In an interview published by X, Y said ...": X relays Y.
                relays = _relays_in(body, start, subject[0]) + relays
            attribution = _Attribution(subject, cue, relays, strength=0.75)
            return _Draft(ClaimKind.INDIRECT, clause_start, clause_end, attribution, 0.75)
        # "..., X said." with the clause first.
        match = _TRAILING.search(body, max(start, text_end - 160), text_end)
        if match and match.start() > start + 10:
            mention = _trim_name(body, *match.span("who"))
            if mention and _valid_trailing_subject(_tokens(body, *mention)):
                relays = _relays_in(body, match.start("verb"), text_end)
                attribution = _Attribution(mention, match["verb"], relays, strength=0.7)
                return _Draft(ClaimKind.INDIRECT, start, match.start(), attribution, 0.7)
        match = (
            _ACCORDING_TAIL.search(body, max(start, text_end - 160), text_end)
            if "according" in low
            else None
        )
        if match and match.start() > start + 10:
            mention = _trim_name(body, *match.span("who"))
            if mention:
                attribution = _Attribution(mention, "according to", [], strength=0.7)
                return _Draft(ClaimKind.INDIRECT, start, match.start(), attribution, 0.7)
        # "..., saying/adding/telling reporters ..." continues the subject.
        match = _PARTICIPLE.search(body, start, text_end)
        if match:
            subject = _leading_subject(body, start, match.start())
            clause_start = match.end()
            if subject and text_end - clause_start > 10:
                relays = _relays_in(body, match.start(), match.end())
                attribution = _Attribution(subject, match["verb"].strip(), relays, strength=0.65)
                return _Draft(ClaimKind.INDIRECT, clause_start, text_end, attribution, 0.65)
        return None

    def _parenthetical(self, start: int, verb: _Tok, text_end: int) -> _Draft | None:
        """'All member states, he said, also backed ...': the larger side is the claim."""
        body = self.body
        match = _PARENTHESIS.match(body, max(start, verb.start - 40), verb.end + 3)
        left = body.rfind(",", start, verb.start)
        if left < 0:
            return None
        mention = _trim_name(body, left + 1, verb.start)
        if not mention or mention[1] - mention[0] > 40:
            return None
        if not _valid_subject(_tokens(body, *mention)):
            return None
        after = verb.end
        if after < text_end and body[after] == ",":
            after += 1
        else:
            return None
        del match
        pre = (start, left)
        post = (after, text_end)
        while post[0] < text_end and body[post[0]] == " ":
            post = (post[0] + 1, post[1])
        span = post if post[1] - post[0] >= pre[1] - pre[0] else pre
        if span[1] - span[0] < 10:
            return None
        attribution = _Attribution(mention, verb.text, [], strength=0.65)
        return _Draft(ClaimKind.INDIRECT, span[0], span[1], attribution, 0.65)

    def _clause_after(
        self, verb: _Tok, text_end: int
    ) -> tuple[int, int, list[tuple[int, int]], str] | None:
        body = self.body
        pos = verb.end
        cue_end = verb.end
        following = _tokens(body, pos, min(text_end, pos + 12))[:1]
        if verb.text.lower() in _OBJECT_VERBS and not (following and following[0].low == "that"):
            toks = _tokens(body, pos, min(text_end, pos + 80))
            taken = 0
            for tok in toks[:6]:
                if (tok.low in _CLAUSE_STARTERS and taken > 0) or tok.text in ",;":
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
        toks = _tokens(body, pos, min(text_end, pos + 80))
        if not toks:
            return None
        weak = verb.text.lower() in WEAK_REPORTING_VERBS
        if toks[0].low == "that":
            clause_start = toks[0].end
            while clause_start < text_end and body[clause_start] == " ":
                clause_start += 1
        else:
            first = toks[0]
            if weak and first.low not in _CLAUSE_STARTERS:
                return None
            # "said prices would rise": a bare noun opens a clause when a finite
            # verb follows within a few words ("said goodbye to" does not).
            bare_noun = first.text[0].islower() and any(tok.low in _FINITE for tok in toks[1:5])
            if not (
                first.low in _CLAUSE_STARTERS
                or first.text[0].isupper()
                or first.text[0].isdigit()
                or bare_noun
            ):
                return None
            clause_start = first.start
        clause_end = text_end
        tail_relays: list[tuple[int, int]] = []
        tail = _RELAY_END.search(body, max(clause_start, text_end - 120), text_end)
        if tail:
            clause_end = tail.start()
            tail_relays = _relays_in(body, tail.start(), text_end)
        while clause_end > clause_start and body[clause_end - 1] in " ,;:":
            clause_end -= 1
        if body[clause_start:clause_end].count(" ") < 2:
            return None
        relays = _relays_in(body, verb.start, clause_start) + tail_relays
        return clause_start, clause_end, relays, body[verb.start : cue_end]

    # -- facts the article states itself --
    def assertions(self, spans: list[tuple[int, int]]) -> None:
        body = self.body
        taken = sorted((d.start, d.end) for d in self.drafts)
        starts = [t[0] for t in taken]
        for start, end in spans:
            if end - start > _MAX_SENTENCE or not self.claimable(start):
                continue
            index = bisect.bisect_right(starts, end) - 1
            overlaps = False
            while index >= 0 and index >= len(starts) - len(starts) and taken[index][1] > start:
                overlaps = True
                break
            if overlaps:
                continue
            text = body[start:end]
            if text[-1:] not in ".!" and not text.endswith(('."', ".\u201d")):
                continue
            if _ANY_QUOTE.search(text) or "?" in text:
                continue
            if text.count(" ") < 5 or not _has_fact(text):
                continue
            text_end = end
            while text_end > start and body[text_end - 1] in ".! ":
                text_end -= 1
            self.drafts.append(_Draft(ClaimKind.ASSERTION, start, text_end, None, 0.5))

    # -- the whole article --
    def run(self) -> tuple[list[ExtractedClaim], dict[str, None]]:
        spans = self.sentence_spans()
        self.spans = spans
        self.sentence_starts = [start for start, _ in spans]
        self.focus_done: set[int] = set()
        self.registry.focus_provider = self.focus_before
        self.quote_claims()
        self.block_quotes()
        self.indirect_claims(spans)
        self.assertions(spans)
        self._partials_take_sentence_speaker()
        self._inherit_speakers()
        self._merge_repeats()
        return self._finish()

    def _inherit_speakers(self) -> None:
        """A quotation standing alone continues the speaker quoted just before.

        News copy introduces a speaker once ("X, the mayor, said ...") and lets
        the next paragraphs quote them without a new "she said"; the mention is
        the one that introduced them.
        """
        body = self.body
        attributed = sorted(
            (d for d in self.drafts if d.attribution is not None and d.kind != ClaimKind.ASSERTION),
            key=lambda d: d.start,
        )
        starts = [d.start for d in attributed]
        for draft in self.drafts:
            if draft.kind != ClaimKind.DIRECT or draft.attribution is not None:
                continue
            # "X spoke bluntly:" or "X spoke to reporters." just before.
            previous = body[max(0, draft.start - 200) : draft.start].rstrip(' \n"\u201c')
            colon = previous.endswith(":")
            event = not colon and _SPEECH_EVENT.search(previous[-200:]) is not None
            if colon and self._introduce(draft):
                continue
            # "Ruiz was blunt. "...": a person named just before, in the same
            # paragraph, speaks the quotation that follows.
            line_start = _line_floor(body, draft.start)
            if body[line_start : draft.start - 1].strip() and self._introduce(
                draft, line_start, people_only=True
            ):
                continue
            # "Haddad was furious." closing the paragraph before, with no
            # quotation of its own: Haddad is about to be quoted.
            previous_end = line_start - 1
            while previous_end > max(0, line_start - 20) and body[previous_end - 1].isspace():
                previous_end -= 1  # over the blank lines between paragraphs
            before_break = body.rfind("\n", max(0, previous_end - _WINDOW), max(0, previous_end))
            previous_line = body[before_break + 1 : previous_end]
            if (
                not body[line_start : draft.start - 1].strip()
                and previous_line.strip()
                and not _ANY_QUOTE.search(previous_line)
                and self._introduce(draft, before_break + 1, people_only=True)
            ):
                continue
            index = bisect.bisect_left(starts, draft.start) - 1
            source = attributed[index] if index >= 0 else None
            gap = body[source.end : draft.start] if source else ""
            if source and len(gap) < _INHERIT_REACH and gap.count("\n\n") <= 2:
                self._continue(draft, source, 0.55)
                continue
            if event and self._introduce(draft):
                continue
            if source and len(gap) < _INHERIT_FAR:
                # A quotation with no speaker anywhere near is most often the
                # last speaker's still: a guess, and marked as one.
                self._continue(draft, source, 0.4)

    def _continue(self, draft: _Draft, source: _Draft, strength: float) -> None:
        assert source.attribution is not None
        draft.attribution = _Attribution(
            None,
            source.attribution.cue,
            list(source.attribution.relays),
            inherited=source.attribution.inherited or source.attribution,
            strength=strength,
        )
        draft.confidence = strength

    def _introduce(self, draft: _Draft, floor: int = 0, people_only: bool = False) -> bool:
        """The subject of the sentence before ``draft`` becomes its speaker."""
        index = bisect.bisect_left(self.sentence_starts, draft.start) - 1
        while index >= 0 and self.spans[index][1] >= draft.start:
            index -= 1  # the sentence the quotation opens is not "before"
        if index < 0 or self.spans[index][0] < floor:
            return False
        subject = _leading_subject(self.body, self.spans[index][0], draft.start)
        if not subject:
            return False
        if people_only:
            parsed = parse_mention(self.body[subject[0] : subject[1]])
            speaking = (
                parsed.pronoun in ("he", "she", "they")
                or (parsed.name is not None and parsed.kind == ActorKind.PERSON)
                or (parsed.anonymous and parsed.head in _SPEAKER_HEADS)
            )
            if not speaking:
                return False
        draft.attribution = _Attribution(subject, None, [], strength=0.5)
        draft.confidence = 0.5
        return True

    def _partials_take_sentence_speaker(self) -> None:
        """A partial quotation inside reported speech has the speaker of that speech."""
        indirect = sorted(
            (d for d in self.drafts if d.kind == ClaimKind.INDIRECT and d.attribution),
            key=lambda d: d.start,
        )
        starts = [d.start for d in indirect]
        merged: set[int] = set()
        for draft in self.drafts:
            if draft.kind != ClaimKind.PARTIAL or draft.attribution is not None:
                continue
            index = bisect.bisect_right(starts, draft.start) - 1
            if index >= 0 and indirect[index].end >= draft.start:
                # The reported clause holding the fragment is the partial claim,
                # its quotation marks included.
                host = indirect[index]
                host.kind = ClaimKind.PARTIAL
                after = draft.end
                while after < len(self.body) and self.body[after] in ",.!?":
                    after += 1
                if after < len(self.body) and self.body[after] in _QUOTE_CHARS:
                    host.end = max(host.end, after + 1)
                merged.add(id(draft))
                continue
            fallback = self.fallbacks.get((draft.start, draft.end))
            if fallback is not None:
                draft.attribution = fallback
                draft.confidence = 0.7
                continue
            # "..., calling them "chimerical."": the subject of the sentence.
            line_start = _line_floor(self.body, draft.start)
            sents = sentences(self.body, line_start, draft.start)
            sent_start = sents[-1][0] if sents else line_start
            subject = _leading_subject(self.body, sent_start, draft.start)
            if subject:
                parsed = parse_mention(self.body[subject[0] : subject[1]])
                if parsed.name or parsed.pronoun or parsed.anonymous:
                    draft.attribution = _Attribution(subject, None, [], strength=0.6)
                    draft.confidence = 0.6
        # A quoted fragment nobody is said to have said is a title or a scare quote.
        self.drafts = [d for d in self.drafts if id(d) not in merged]
        self.drafts = [
            d
            for d in self.drafts
            if not (
                d.kind == ClaimKind.PARTIAL
                and d.attribution is None
                and self.body[d.start : d.end].count(" ") < 4
            )
        ]

    def _merge_repeats(self) -> None:
        """A pull quote repeating a quotation is one claim found twice."""
        seen: dict[str, _Draft] = {}
        dropped: set[int] = set()
        for draft in sorted(self.drafts, key=lambda d: d.start):
            if draft.kind not in (ClaimKind.DIRECT, ClaimKind.PARTIAL):
                continue
            key = _normal(self.body[draft.start : draft.end])
            if len(key) < 20:
                continue
            other = seen.get(key)
            if other is None:
                seen[key] = draft
                continue
            if _cue_rank(draft) == 2 and _cue_rank(other) == 2:
                # Both stand in running text with their own "X said": the same
                # words said twice (or by two people), not a pull quote.
                continue
            # Keep the occurrence with the fuller attribution as the claim.
            if _cue_rank(draft) > _cue_rank(other):
                draft.also_at.append((other.start, other.end))
                draft.also_at.extend(other.also_at)
                seen[key] = draft
                loser = other
            else:
                other.also_at.append((draft.start, draft.end))
                loser = draft
            dropped.add(id(loser))
            if loser.attribution is not None and len(dropped) < _MAX_REPEATS:
                # Its speaker is the same actor; resolving it records the
                # mention's role and spelling on that actor.
                self._speaker_of(loser.attribution)
        self.drafts = [d for d in self.drafts if id(d) not in dropped]

    def _finish(self) -> tuple[list[ExtractedClaim], dict[str, None]]:
        claims: dict[tuple[str, int, int], ExtractedClaim] = {}
        used: dict[str, None] = {}  # actors in order of their first claim
        for draft in sorted(self.drafts, key=lambda d: (d.start, d.end)):
            speaker = None
            cue = None
            via: tuple[Relay, ...] = ()
            if draft.attribution is not None:
                speaker = self._speaker_of(draft.attribution)
                cue = draft.attribution.cue
                via = tuple(
                    Relay(self.body[s:e], s, e)
                    for s, e in dict.fromkeys(draft.attribution.relays)
                    if speaker is None or not (s == speaker.start and e == speaker.end)
                )
            if speaker is not None:
                used.setdefault(speaker.actor)
            key = (draft.kind.value, draft.start, draft.end)
            if key in claims:
                continue
            claims[key] = ExtractedClaim(
                kind=draft.kind,
                text=self.body[draft.start : draft.end],
                start=draft.start,
                end=draft.end,
                speaker=speaker,
                cue=cue,
                via=via,
                confidence=round(draft.confidence, 2),
                also_at=tuple(sorted(set(draft.also_at))),
            )
        ordered = sorted(claims.values(), key=lambda c: (c.start, c.end, c.kind.value))
        return ordered, used


_MINOR_WORDS = words("a an the of in on at to for and or but with from by as")


def _title_case(quoted: list[str]) -> bool:
    """ "The Long Winter", "State of the Union": every major word capitalised."""
    if len(quoted) > 10:
        return False
    major = [w for w in quoted if w.lower() not in _MINOR_WORDS]
    return bool(major) and all(w[:1].isupper() or w[:1].isdigit() for w in major)


def _normal(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _cue_rank(draft: _Draft) -> int:
    attribution = draft.attribution
    if attribution is None:
        return 0
    if attribution.cue is None:
        return 1
    return 2


# Reporting verbs are lower case in running prose; a sentence-initial "Said"
# is rare enough to miss, and a case-sensitive search is much faster.
_VERB_RE = re.compile(
    r"\b(?:"
    + alternation(
        REPORTING_VERBS | {"made clear", "made it clear", "pointed out", "went on to say"}
    )
    + r")\b"
)
# The noun after an outlet's name: "the Solway news agency reported".
_OUTLET_NOUN = (
    r"(?:\s*(?:news\s+agency|agency|newspaper|daily|channel|broadcaster|television|radio"
    r"|website|news\s+site)\b)?\s*"
)
_WHO = r"(?P<who>(?:the\s+)?[^\s,;:\"\u201c\u201d][^,;:\"\u201c\u201d]{0,80}?)"
_ACCORDING_LEAD = re.compile(rf"(?:[A-Z]\w*\s+)?[Aa]ccording\s+to\s+{_WHO}\s*,\s*")
_ACCORDING_TAIL = re.compile(rf",\s*according\s+to\s+{_WHO}\s*$")
_TRAILING = re.compile(
    rf",\s*{_WHO}\s+(?P<verb>said|says|added|adds"
    rf"|told\s+(?:(?:the|a|an)\s+)?\w+(?:\s+(?:[A-Z][\w.\-]*|conference|briefing)){{0,3}}"
    r"|wrote|noted|explained|warned|argued|insisted|claimed|stated|announced|confirmed)"
    r"(?:\s+(?:on\s+)?\w+day)?"
    r"(?:\s+(?:in|at|during|on)\s+(?:(?:a|an|the|his|her|their|its)\s+)?[\w\- ]{1,30})?"
    r"(?:\s*,\s*(?:adding|saying|noting)\b[^\"\u201c\u201d]*|\s*,[^\"\u201c\u201d]{0,80})?\s*$"
)
_PASSIVE_BY = re.compile(rf"(?:\s+as\s+saying)?\s+by\s+(?P<relay>{_RELAY_NAME})")
_QUOTED_AS_SAYING = re.compile(
    rf"(?P<relay>{_RELAY_NAME})\s+(?:quoted|cited)\s+{_WHO}\s+as\s+saying\s*,?\s*(?:that\s+)?"
)
_PASSIVE_QUOTED = re.compile(
    rf"{_WHO}\s+(?:was|were)\s+quoted\s+by\s+(?P<relay>{_RELAY_NAME})\s*as\s+saying\s*,?\s*(?:that\s+)?"
)
_CITING_TAIL = re.compile(
    rf",\s*(?P<relay>{_RELAY_NAME}){_OUTLET_NOUN}\s*(?:reported|said|wrote),?\s+citing\s+{_WHO}\s*$"
)
# A sentence telling that someone spoke, without what they said.
_SPEECH_EVENT = re.compile(
    r"\b(?:spoke|speaking|addressed|briefed|told|said|interview|press conference|news conference"
    r"|statement|testified|wrote|explained)\b[^.!?]*[.:]$"
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
_CREDIT_LINE = re.compile(
    r"\n[ \t]*(?:--|\u2014|\u2013|-)[ \t]*(?P<who>[A-Z][^,\n]{1,60})(?:,[^\n]{0,100})?(?=\n|$)"
)
_PARENTHESIS = re.compile(r",\s*[^,]{1,40},")
_PARTICIPLE = re.compile(
    r",\s*(?P<verb>saying|adding|warning|noting|arguing|insisting|claiming|stressing|explaining|"
    r"telling\s+(?:[\w.'\u2019-]+\s+){1,4}?(?=(?:that|he|she|they|it|we|the|a|an|there)\b))"
    r"\s*(?:that\s+)?"
)
_RELAY_END = re.compile(
    rf"[,\"\u201d]{{1,3}}\s*(?:{_RELAY_NAME}{_OUTLET_NOUN}reported"
    r"|according\s+to\s+[^,]{1,60}|(?:the\s+)?[A-Za-z][\w\- ]{0,40}\s+said)\s*$"
)
# What makes a sentence checkable: a figure, an amount, a share or a date.
# Spelled-out small numbers are too common in ordinary prose ("one of the") to
# count alone; a weekday counts when it dates an event ("on Monday").
_FACT = re.compile(
    r"\d|\$|\u20ac|\u00a3|%|\bpercent\b|\b(?:million|billion|trillion|thousand|hundred|dozen)s?\b"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d|\b(?:on|last|next|this)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
)


def _restored(claim: ExtractedClaim, body: str, unwrapped: str) -> ExtractedClaim:
    """A claim found in the unwrapped text, its words as the original has them.

    Unwrapping keeps every offset, so only the line breaks differ."""

    def original(text: str, start: int, end: int) -> str:
        return body[start:end] if unwrapped[start:end] == text else text

    speaker = claim.speaker
    if speaker is not None:
        speaker = dataclasses.replace(
            speaker, mention=original(speaker.mention, speaker.start, speaker.end)
        )
    return dataclasses.replace(
        claim,
        text=original(claim.text, claim.start, claim.end),
        speaker=speaker,
        via=tuple(
            dataclasses.replace(relay, name=original(relay.name, relay.start, relay.end))
            for relay in claim.via
        ),
    )


# Cheap first tests for the two patterns run on every sentence: a set lookup
# of its words rules most sentences out before the alternations are tried.
_LOWER_WORD = re.compile(r"[a-z]+")
_CUE_WORDS = frozenset(
    phrase.split()[0]
    for phrase in REPORTING_VERBS
    | REPORTING_PARTICIPLES
    | {"made", "pointed", "went", "according", "citing", "quoted", "telling"}
)
_FACT_CHAR = re.compile("[0-9$%\u20ac\u00a3]")
_FACT_WORDS = words(
    "percent million billion trillion thousand hundred dozen millions billions trillions "
    "thousands hundreds dozens monday tuesday wednesday thursday friday saturday sunday"
)


def _has_cue(sentence: str) -> bool:
    if _CUE_WORDS.isdisjoint(_LOWER_WORD.findall(sentence.lower())):
        return False
    return _ANY_CUE.search(sentence) is not None


def _has_fact(text: str) -> bool:
    if _FACT_CHAR.search(text):
        return True
    if _FACT_WORDS.isdisjoint(_LOWER_WORD.findall(text.lower())):
        return _FACT.search(text) is not None if not text.isascii() else False
    return _FACT.search(text) is not None


def extract_article(
    body: str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    published: datetime.date | None = None,
    byline: str | None = None,
) -> ExtractedArticle:
    """Extract claims, speakers and relays; given metadata wins over detected."""
    unwrapped = unwrap_hard_lines(body)
    extractor = _Extractor(body if unwrapped is None else unwrapped)
    claims, used = extractor.run()
    if unwrapped is not None:
        claims = [_restored(claim, body, unwrapped) for claim in claims]
    detected = extractor.meta
    metadata = ArticleMetadata(
        title=title if title is not None else detected.title,
        publisher=publisher if publisher is not None else detected.publisher,
        published=published if published is not None else detected.published,
        byline=byline if byline is not None else detected.byline,
    )
    return ExtractedArticle(
        body=body,
        metadata=metadata,
        claims=tuple(claims),
        actors=extractor.registry.actors(used),
    )
