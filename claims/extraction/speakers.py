"""The actors an article's speaker mentions resolve to.

``ActorRegistry`` merges mentions of the same actor (surname-only with full
name, pronouns with the person last in focus, "the official" with the earlier
"a U.S. official"); the mentions themselves are parsed by ``mentions``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .grammar import leading_subject
from .lexicon import (
    COMPANY_HEADS,
    FEMALE_GIVEN_NAMES,
    FEMALE_TITLES,
    GOVERNMENT_WORDS,
    MALE_GIVEN_NAMES,
    MALE_TITLES,
    NAME_PARTICLES,
    TITLES,
)
from .mentions import (
    ParsedMention,
    clean_word,
    kind_of_name,
    parse_mention,
    possessive_stripped,
    trailing_name,
)
from .types import ActorKind, ExtractedActor


@dataclass
class _Actor:
    name: str
    kind: ActorKind
    role: str | None
    aliases: list[str] = field(default_factory=list)
    anonymous: bool = False
    head: str | None = None
    female: bool = False
    male: bool = False

    def freeze(self) -> ExtractedActor:
        return ExtractedActor(
            name=self.name,
            kind=self.kind,
            role=self.role,
            aliases=tuple(dict.fromkeys(self.aliases)),
            anonymous=self.anonymous,
        )


# A run of capitalised words, possibly with name particles ("Anna de
# Vries"): each step needs white space then a capital, so matching is linear.
# The run starts at the first capital of a word ("al-Masri"): were it tried
# again from each later capital of a word that no name follows, a long word of
# capitals would be read once per letter.
_CAPITAL_RUN = re.compile(
    r"(?<![\w'\u2019.\-])(?>[\w'\u2019.\-]*?(?=[A-Z]))"
    r"(?P<run>[A-Z][\w'\u2019.\-]*(?:[ \t]+"
    r"(?:(?:de|da|del|di|du|van|von|der|den|la|le|bin|al|el|ter|of)[ \t]+|(?:al|el)-)?"
    r"[A-Z][\w'\u2019.\-]*){1,5})"
)
# A name is at most this many forms per surname worth keeping.
_MAX_FORMS = 50


# "Ana Ruiz, the coach," and "the coach, Ana Ruiz": a description beside a
# full name, so that a later "the coach" finds her. Looked for only around the
# words a "the <head>" mention needs.
_NAME = r"[A-Z][\w'\u2019\-]+(?:[ \t]+[A-Z][\w'\u2019\-]+){1,3}"
_NAME_THEN_DESCRIPTION = re.compile(
    rf"(?P<name>{_NAME}),[ \t]+(?:the|a|an|[A-Z]\w+['\u2019]s)[ \t]+(?:[a-z][\w\-]*[ \t]+){{0,3}}$"
)
_DESCRIPTION_START = re.compile(
    r"\b(?:[Tt]he|[A-Z]\w+['\u2019]s)[ \t]+(?:[a-z][\w\-]*[ \t]+){0,3}$"
)
_DESCRIPTION_THEN_NAME = re.compile(rf"(?:[ \t]+[a-z][\w\-]*){{0,2}},[ \t]+(?P<name>{_NAME})")
_DESCRIPTION_END = re.compile(r"(?:[ \t]+[a-z][\w\-]*){0,2}[ \t]*[,.]")


_WORD = re.compile(r"\w+")


def _described_as(body: str, head: str, positions: Iterable[int]) -> list[str]:
    """Full names the article describes with ``head`` beside them, in order.

    ``positions``: where ``head`` stands as a whole word in ``body``.
    """
    found: list[str] = []
    for start in positions:
        end = start + len(head)
        before = body[max(0, start - 90) : start]
        named = _NAME_THEN_DESCRIPTION.search(before)
        name = None
        if named and _DESCRIPTION_END.match(body, end):
            name = named.group("name")
        else:
            after = _DESCRIPTION_THEN_NAME.match(body, end)
            if after and _DESCRIPTION_START.search(before[-50:]):
                name = after.group("name")
        person = _person_in_run(name) if name else None
        if person is not None and person[1] not in found:
            found.append(person[1])
    return found


def _index_full_names(body: str, roles: dict[str, str]) -> dict[str, list[str]]:
    """Surname -> every full personal name ending in it, in one pass over the text.

    The title words seen before a full name ("Defense Minister") go to ``roles``.
    """
    index: dict[str, list[str]] = {}
    for match in _CAPITAL_RUN.finditer(body):
        found = _person_in_run(match["run"])
        if found is None:
            continue
        surname, full, role = found
        forms = index.setdefault(surname, [])
        if len(forms) < _MAX_FORMS:
            forms.append(full)
            if role and full not in roles:
                roles[full] = role
    return index


@lru_cache(maxsize=8192)
def _person_in_run(run: str) -> tuple[str, str, str | None] | None:
    """(surname, full name, role) of the personal name a capitalised run ends in."""
    tokens = run.split()
    # "Ruiz." ends a sentence: the name stops at the token carrying the stop.
    for position, token in enumerate(tokens):
        if token.endswith(".") and len(token) > 2 and "." not in token[:-1]:
            tokens = tokens[: position + 1]
            tokens[-1] = token[:-1]
            break
    role_words, name_words = trailing_name(tokens)
    if len(name_words) < 2:
        return None
    name_words = [clean_word(w) for w in name_words]
    name_words[-1] = possessive_stripped(name_words[-1])
    if kind_of_name(name_words) != ActorKind.PERSON:
        return None
    role = None
    # Only title words make a role: "U.S. Secretary of Defense", not "When".
    if role_words and any(w.lower().strip(".") in TITLES for w in role_words):
        role = " ".join(clean_word(w) for w in role_words)
    return name_words[-1], " ".join(name_words), role


def _words_of(role: str) -> set[str]:
    return {word.strip(",.").lower() for word in role.split()}


def _role_has(actor: _Actor, head: str | None) -> bool:
    return (
        head is not None
        and not actor.anonymous
        and actor.kind == ActorKind.PERSON
        and actor.role is not None
        and head in _words_of(actor.role)
    )


def _body_called(actor: _Actor, head: str | None) -> bool:
    """Is ``actor`` a named body that "the <head>" can stand for?"""
    if head is None or actor.anonymous or actor.kind == ActorKind.PERSON:
        return False
    if head in _words_of(actor.name):
        return True
    return head in COMPANY_HEADS and actor.kind == ActorKind.ORGANIZATION


# How many earlier speakers "the official" or "they" may reach back to.
_LOOKBACK = 40
# A person named this close before "she" is taken even if not known to be a woman.
_NEAR_FOCUS = 250
# How far back "the ministry" looks for the ministry the article named.
_NAMED_REACH = 4000


@lru_cache(maxsize=64)
def _named_with(head: str) -> re.Pattern[str]:
    """A capitalised name holding ``head``: "Canada's foreign ministry", "the
    Foreign Ministry", "the Ministry of Defence"."""
    word = rf"(?i:{re.escape(head)})"
    named = r"[A-Z][\w\-]*(?:[ \t]+[A-Z][\w\-]*){0,3}"
    return re.compile(
        rf"\b{head.capitalize()}[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{named}"
        rf"|\b(?!The\b)(?:[A-Z][\w\-]*(?:['\u2019]s?)?[ \t]+){{1,3}}(?:[a-z]+[ \t]+)?{word}\b"
    )


def _note_gender(actor: _Actor, role: str | None) -> None:
    """Gender from a title before the name ("Mrs", "Sir"), when the name gave none."""
    if not role or actor.female or actor.male:
        return
    words = role.lower().split()
    if any(w in FEMALE_TITLES for w in words):
        actor.female = True
    elif any(w in MALE_TITLES for w in words):
        actor.male = True


class ActorRegistry:
    """Actors of one article, keyed by their canonical name."""

    def __init__(self, body: str, sentence_spans: list[tuple[int, int]]) -> None:
        self._body = body
        self._actors: dict[str, _Actor] = {}
        self._full_names: dict[str, list[str]] | None = None
        # Called with a pronoun's position, returns the subjects of the sentences
        # before it; subjects are only worked out where a pronoun needs them.
        # The article's sentences: a pronoun looks at the subjects of the few
        # before it, worked out only where a pronoun needs them, once each.
        self._sentence_spans = sentence_spans
        self._sentence_starts = [start for start, _ in sentence_spans]
        self._focus_done: set[int] = set()
        self._index_roles: dict[str, str] = {}
        self._expanded: dict[str, tuple[str, list[str]] | None] = {}
        self._titled_by: dict[str, tuple[list[str], bool]] = {}
        self._role_words: dict[str, list[str]] | None = None  # role word -> full names
        self._word_positions: dict[str, list[int]] | None = None  # word -> where it stands
        # (position, actor name) of named people, in text order, for pronouns.
        self._focus_positions: list[int] = []
        self._focus_names: list[str] = []
        self._speaker_positions: list[int] = []
        self._speaker_names: list[str] = []

    # -- names --
    def _expand_surname(self, surname: str) -> tuple[str, list[str]] | None:
        """The fullest form of a one-word name used elsewhere in the article."""
        if surname in self._expanded:
            return self._expanded[surname]
        if self._full_names is None:
            self._full_names = _index_full_names(self._body, self._index_roles)
        forms = self._full_names.get(surname)
        result = None
        if forms:
            counts: dict[str, int] = {}
            for form in forms:
                counts[form] = counts.get(form, 0) + 1
            best = max(counts, key=lambda n: (counts[n], len(n)))
            first = best.split()[0][0]
            result = best, [f for f in counts if f.split()[0][0] == first]
        self._expanded[surname] = result
        return result

    def note_focus(self, position: int, text: str) -> None:
        """A capitalised subject at ``position``: remember the person it names."""
        parsed = parse_mention(text)
        if parsed.name is None or parsed.kind != ActorKind.PERSON:
            return
        name = self._canonical_person(parsed.name)
        if name is None:
            # A lone capitalised subject with no full name anywhere ("Falk was
            # defiant."): most likely a person the article names only so.
            name = parsed.name
        actor = self._ensure_person(name, parsed, register=False)
        if parsed.role and not actor.role:
            actor.role = parsed.role
        _note_gender(actor, parsed.role)
        actor.aliases.append(parsed.name)
        index = bisect.bisect(self._focus_positions, position)
        self._focus_positions.insert(index, position)
        self._focus_names.insert(index, name)

    def _canonical_person(self, name: str) -> str | None:
        words = name.split()
        if len(words) == 1:
            expanded = self._expand_surname(words[0])
            if expanded is None:
                return None
            return expanded[0]
        surname = words[-1]
        expanded = self._expand_surname(surname)
        if expanded and words[0] in NAME_PARTICLES and expanded[0].endswith(" " + name):
            return expanded[0]  # "van Dijk" after "Pieter van Dijk"
        if expanded and expanded[0].split()[0][0] == words[0][0] and len(expanded[0]) >= len(name):
            return expanded[0]
        return name

    def _ensure_person(self, name: str, parsed: ParsedMention, register: bool) -> _Actor:
        actor = self._actors.get(name)
        if actor is None:
            actor = _Actor(name, ActorKind.PERSON, None)
            expanded = self._expand_surname(name.split()[-1])
            if expanded:
                actor.aliases.extend(expanded[1])
            given = name.split()[0].lower()
            actor.female = given in FEMALE_GIVEN_NAMES
            actor.male = given in MALE_GIVEN_NAMES
            actor.role = self._index_roles.get(name)
            self._actors[name] = actor
        return actor

    def _titled(self, head: str) -> tuple[list[str], bool]:
        """Full names given the title ``head``, else described by it; and which it was.

        Worked out once per head from indexes of the roles and of the words of
        the body: looked for afresh at every "the <head>" mention, they cost
        the article's length each time.
        """
        if head in self._titled_by:
            return self._titled_by[head]
        if self._full_names is None:
            self._full_names = _index_full_names(self._body, self._index_roles)
        if self._role_words is None:
            self._role_words = {}
            for name, role in self._index_roles.items():
                for word in _words_of(role):
                    self._role_words.setdefault(word, []).append(name)
        titled = list(self._role_words.get(head, ()))
        described = False
        if not titled and head.isalpha():
            if self._word_positions is None:
                self._word_positions = {}
                for match in _WORD.finditer(self._body):
                    self._word_positions.setdefault(match.group(), []).append(match.start())
            titled = _described_as(self._body, head, self._word_positions.get(head, ()))
            described = True
        self._titled_by[head] = titled, described
        return titled, described

    # -- resolution --
    def resolve(self, mention: str, position: int, role: str | None = None) -> str:
        """Resolve a speaker mention at ``position`` to an actor name, creating it.

        ``role`` is a description given beside the mention ("..., said X, a
        senior fellow at Y"), used when the mention itself carries none.
        """
        parsed = parse_mention(mention)
        if role and not parsed.role and parsed.name is not None:
            parsed = ParsedMention(
                parsed.text,
                parsed.name,
                role,
                parsed.kind,
                parsed.anonymous,
                parsed.pronoun,
                parsed.head,
            )
        if parsed.pronoun is not None:
            return self._resolve_pronoun(parsed.pronoun, position, mention)
        if parsed.name is not None:
            if parsed.kind == ActorKind.PERSON:
                canonical = self._canonical_person(parsed.name)
                if canonical is None:
                    # A single unknown capitalised word: a person only with a title.
                    if parsed.role and any(
                        w.lower().strip(".") in TITLES for w in parsed.role.split()
                    ):
                        canonical = parsed.name
                    else:
                        return self._named_body(parsed, ActorKind.ORGANIZATION, position)
                actor = self._ensure_person(canonical, parsed, register=True)
                actor.aliases.append(parsed.name)
                if parsed.role and len(parsed.role) > len(actor.role or ""):
                    actor.role = parsed.role
                _note_gender(actor, parsed.role)
                self._note_speaker(position, canonical)
                return canonical
            return self._named_body(parsed, parsed.kind, position)
        return self._anonymous(parsed, position)

    def _named_body(self, parsed: ParsedMention, kind: ActorKind, position: int) -> str:
        assert parsed.name is not None
        name = parsed.name
        actor = self._actors.get(name)
        if actor is None:
            actor = _Actor(name, kind, parsed.role)
            self._actors[name] = actor
        actor.aliases.append(name)
        if parsed.role and not actor.role:
            actor.role = parsed.role
        self._note_speaker(position, name)
        return name

    def _anonymous(self, parsed: ParsedMention, position: int) -> str:
        text = parsed.text
        low = text.lower()
        first = low.split()[0] if low.split() else ""
        if first == "the" and parsed.head:
            # "the official" / "the statement": the latest speaker described so.
            stop = bisect.bisect(self._speaker_positions, position)
            for index in range(stop - 1, max(-1, stop - _LOOKBACK), -1):
                actor = self._actors[self._speaker_names[index]]
                if actor.anonymous and actor.head == parsed.head:
                    actor.aliases.append(text)
                    self._note_speaker(position, actor.name)
                    return actor.name
                if _role_has(actor, parsed.head) or _body_called(actor, parsed.head):
                    # "the minister" after "Defense Minister Ana Ruiz", "the
                    # ministry" after "the Foreign Ministry".
                    self._note_speaker(position, actor.name)
                    return actor.name
                if parsed.head in {"statement", "report", "document", "letter"} and (
                    actor.kind in (ActorKind.GOVERNMENT, ActorKind.ORGANIZATION)
                ):
                    self._note_speaker(position, actor.name)
                    return actor.name
        if first == "the" and parsed.head and parsed.kind != ActorKind.PERSON:
            named = self._named_before(parsed.head, position)
            if named is not None:
                # "the ministry" after "Canada's foreign ministry was blunter".
                actor = self._actors.get(named)
                if actor is None:
                    kind = ActorKind.GOVERNMENT if parsed.head in GOVERNMENT_WORDS else parsed.kind
                    actor = self._actors[named] = _Actor(named, kind, None)
                actor.aliases.append(text)
                self._note_speaker(position, named)
                return named
        if first == "the" and parsed.head and parsed.kind == ActorKind.PERSON:
            titled, described = self._titled(parsed.head)
            if len(titled) == 1:
                # The only person the article gives that title: "the mayor".
                found = self._ensure_person(titled[0], parsed, register=True)
                if described and not found.role:
                    found.role = text.split(None, 1)[-1]
                self._note_speaker(position, found.name)
                return found.name
        if not text:
            text = "unidentified speaker"  # only punctuation was there to name one
        # "The mayor, who took office in May": the clause describes, it does not name.
        described = text.split(",", 1)[0].strip()
        name = described[0].upper() + described[1:] if described else text
        key = name
        actor = self._actors.get(key)
        if actor is None:
            actor = _Actor(name, parsed.kind, None, anonymous=True, head=parsed.head)
            self._actors[key] = actor
        actor.aliases.append(text)
        self._note_speaker(position, key)
        return key

    def _named_before(self, head: str, position: int) -> str | None:
        """The body the article named with ``head`` last before ``position``:
        "Canada's foreign ministry", "the Ministry of Defence", "the Greens' campaign"."""
        if not head.isalpha() or len(head) < 4:
            return None
        floor = max(0, position - _NAMED_REACH)
        window = self._body[floor:position]
        best = None
        for match in _named_with(head).finditer(window):
            best = match
        if best is None:
            return None
        return best.group().strip().removeprefix("the ").removeprefix("The ")

    def _note_speaker(self, position: int, name: str) -> None:
        index = bisect.bisect(self._speaker_positions, position)
        self._speaker_positions.insert(index, position)
        self._speaker_names.insert(index, name)

    def _resolve_pronoun(self, pronoun: str, position: int, mention: str) -> str:
        if pronoun in ("he", "she"):
            want_female = pronoun == "she"
            best = self._latest_person(position, want_female)
            if best is not None:
                # An actor once called "she" is a woman for the later pronouns too.
                actor = self._actors[best]
                if not (actor.female or actor.male):
                    actor.female, actor.male = want_female, not want_female
                return best
        elif pronoun in ("they", "it"):
            kinds = (
                (ActorKind.GROUP, ActorKind.ORGANIZATION, ActorKind.GOVERNMENT)
                if pronoun == "they"
                else (ActorKind.ORGANIZATION, ActorKind.GOVERNMENT)
            )
            stop = bisect.bisect(self._speaker_positions, position)
            for index in range(stop - 1, max(-1, stop - _LOOKBACK), -1):
                actor = self._actors[self._speaker_names[index]]
                if actor.kind in kinds:
                    return actor.name
        if pronoun in ("he", "she"):
            # A lone capitalised speaker with no full name ("Quist said") was
            # filed as an organisation; a personal pronoun after it shows it
            # was a person.
            stop = bisect.bisect(self._speaker_positions, position)
            for index in range(stop - 1, max(-1, stop - _LOOKBACK), -1):
                actor = self._actors[self._speaker_names[index]]
                if (
                    actor.kind == ActorKind.ORGANIZATION
                    and " " not in actor.name
                    and not actor.anonymous
                ):
                    actor.kind = ActorKind.PERSON
                    return actor.name
        # Unresolved: an unnamed actor standing for this mention only.
        name = f"Unidentified ({mention})"
        if name not in self._actors:
            kind = ActorKind.GROUP if pronoun in ("they", "we") else ActorKind.PERSON
            self._actors[name] = _Actor(name, kind, None, [mention], anonymous=True)
        return name

    def _latest_person(self, position: int, want_female: bool) -> str | None:
        for start, end in self._focus_before(position):
            self.note_focus(start, self._body[start:end])
        candidates: list[tuple[int, str]] = []
        stop = bisect.bisect_left(self._focus_positions, position)
        for index in range(stop - 1, max(-1, stop - 6), -1):
            candidates.append((self._focus_positions[index], self._focus_names[index]))
        stop = bisect.bisect_left(self._speaker_positions, position)
        for index in range(stop - 1, max(-1, stop - 6), -1):
            name = self._speaker_names[index]
            if self._actors[name].kind == ActorKind.PERSON and not self._actors[name].anonymous:
                candidates.append((self._speaker_positions[index], name))
        candidates.sort(reverse=True)
        # "he": the nearest person not known to be a woman. "she": the nearest
        # woman, else the nearest person not known to be a man. A lone word no
        # full name explains ("Brightwave", "Bar") is a person only when no one
        # else will do.
        unknown = None
        for lone_ok in (False, True):
            for at, name in candidates:
                actor = self._actors[name]
                if (" " in name) == lone_ok:
                    continue
                if not want_female:
                    if not actor.female:
                        return name
                elif actor.female:
                    return name
                elif unknown is None and not actor.male:
                    if position - at < _NEAR_FOCUS:
                        return name  # the person just named, whose sex is not known
                    unknown = name
            if unknown is not None:
                return unknown
        return candidates[0][1] if candidates else None

    def actors(self, used: dict[str, None]) -> tuple[ExtractedActor, ...]:
        """The actors named in ``used``, in its order (their first claim)."""
        return tuple(self._actors[name].freeze() for name in used if name in self._actors)

    def _focus_before(self, position: int) -> list[tuple[int, int]]:
        """Subjects of the few sentences before ``position`` (for pronouns)."""
        index = bisect.bisect_left(self._sentence_starts, position)
        out = []
        for start, end in self._sentence_spans[max(0, index - 6) : index]:
            if start in self._focus_done:
                continue
            self._focus_done.add(start)
            subject = leading_subject(self._body, start, min(end, position))
            if subject:
                out.append(subject)
        return out
