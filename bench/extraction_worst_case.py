"""Worst-case extraction time: adversarial articles, each to be extracted in under a second.

    python bench/extraction_worst_case.py [--size CHARACTERS] [--limit SECONDS] [--only NAME]

Every case builds one article of about ``--size`` characters (100,000 by
default) in memory from a pattern that is hard for regular expressions and
scanning loops: long runs of capitals, full stops, quotation marks of every
kind, one endless sentence, text without a line break, thousands of short
lines, long runs of capitalised words, many cues of speech. Each is run once
through ``extract_article`` and its CPU time printed with the number of claims
found; the command exits non-zero if any case takes ``--limit`` seconds (1 by
default) or more. A case still running after ``--timeout`` seconds of CPU time
is stopped and counted as failed, so that a pattern gone super-linear cannot
hang the run.

CPU time (``time.process_time``) is measured rather than wall time so that
other work on the machine disturbs the figures less; they still vary with the
machine, and only the pass/fail verdict is meant to be compared.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claims.extraction import extract_article  # noqa: E402 (after the path)

# A paragraph of ordinary news prose, to put the adversarial runs in context.
PROSE = (
    "The council approved the budget on Tuesday after a long debate. "
    '"We have done what we promised," Mayor Ana Ruiz said. '
    "Opposition members said the plan would raise taxes for families."
)


def repeat(unit: str, size: int) -> str:
    """``unit`` repeated to about ``size`` characters."""
    return unit * max(1, size // len(unit))


def run(prefix: str, unit: str, size: int, suffix: str = "") -> str:
    """One long run of ``unit`` between ``prefix`` and ``suffix``."""
    return prefix + repeat(unit, size - len(prefix) - len(suffix)) + suffix


def capitalised_words(count: int) -> str:
    """``count`` distinct capitalised words: "Ab Ac Ad ..."."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = []
    for index in range(count):
        word = ""
        value = index
        while True:
            word += letters[value % 26]
            value //= 26
            if not value:
                break
        out.append(word.capitalize())
    return " ".join(out)


def names(count: int) -> list[str]:
    """``count`` distinct two-word personal names."""
    given = capitalised_words(count).split()
    return [f"{first} {first}son" for first in given]


def _many_speakers(size: int) -> str:
    people = names(size // 60)
    return " ".join(f'"We will see about that," {name} said.' for name in people)[:size]


def _many_titled_people(size: int) -> str:
    people = names(size // 90)
    return "\n".join(
        f'Finance Minister {name} spoke. "It is done," the minister said.' for name in people
    )[:size]


def _described_heads(size: int) -> str:
    people = names(size // 120)
    return "\n".join(
        f'{name}, the spokesman, arrived. "We are ready," the spokesman said.' for name in people
    )[:size]


# Sentences are searched for reported speech up to this length: a run just
# shorter is the longest one the costliest patterns see.
LONG = 1400


def in_sentences(template: str, filler: str, size: int, length: int = LONG) -> str:
    """Sentences made from ``template`` with ``filler`` repeated to ``length`` at "{}"."""
    return repeat(template.format(repeat(filler, length)), size)


CASES: dict[str, Callable[[int], str]] = {
    # Capitals: the relay-name and capitalised-run patterns.
    "capitals": lambda n: run("", "A", n),
    "capitals after comma": lambda n: run("He left, ", "A", n),
    "capitals after comma, short runs": lambda n: in_sentences(
        "Ruiz said that the plan failed, {}. ", "A", n, 80
    ),
    "capitals in reported speech": lambda n: in_sentences(
        "Ruiz said that the plan failed, {}. ", "A", n
    ),
    "capitals after quote": lambda n: run('"We will win," ', "A", n),
    "capitals after quote, short runs": lambda n: repeat('"We will win," ' + "A" * 80 + " ", n),
    "capitals before said, after quote": lambda n: in_sentences('"We will win," {} said. ', "A", n),
    "capitals before quote": lambda n: in_sentences('Ruiz said, {}: "We will win." ', "A", n),
    "capitals after inverted verb": lambda n: in_sentences(
        '"We will win," said Ruiz, {}. ', "A", n
    ),
    "capitals before the subject": lambda n: in_sentences(
        "In {}, Ruiz said that the plan failed. ", "A", n
    ),
    "distinct descriptions": lambda n: " ".join(
        f'"Yes," the {word}x said.' for word in capitalised_words(n // 20).lower().split()
    )[:n],
    "capitals after told": lambda n: in_sentences("Ruiz told {} that the plan failed. ", "A", n),
    "capitals then verb, short runs": lambda n: repeat('"Yes," ' + "A" * 80 + " reported ", n),
    "capitalised words in reported speech": lambda n: in_sentences(
        "Ruiz said that the plan failed, {}. ", "Ab ", n
    ),
    "capitals and spaces after comma": lambda n: in_sentences(
        '"We will win," Ruiz said, {}. ', "A A", n
    ),
    "capital letters spaced": lambda n: run("Officials said, ", "A ", n),
    "capitals with hyphens": lambda n: run("He left, ", "A-", n),
    "capitals with apostrophes": lambda n: run("He left, ", "A'", n),
    "capitals with full stops": lambda n: run("He left, ", "A.", n),
    "initials": lambda n: run("", "A. ", n),
    "mixed case word": lambda n: run("", "aB", n),
    "non-ASCII capitals": lambda n: run("He left, ", "\u00c9", n),
    "capitalised words": lambda n: run("", "Ab ", n),
    "capitalised words after comma": lambda n: run("He left, ", "Ab ", n),
    "capitalised words with commas": lambda n: run("", "Ab, ", n),
    "distinct capitalised words": lambda n: capitalised_words(n // 4)[:n],
    "capitalised words and verbs": lambda n: repeat("Ab Cd Ef Gh reported, ", n),
    "capitals quoted as saying": lambda n: repeat(
        "A" * 200 + " quoted " + "A" * 60 + " as saying the vote failed. ", n
    ),
    "capitals citing": lambda n: repeat("The vote failed, " + "A" * 150 + " reported, citing ", n),
    "titles": lambda n: run("", "Mr. ", n),
    "abbreviations": lambda n: run("", "U.S. ", n),
    # Full stops and other sentence ends.
    "full stops": lambda n: run("", ".", n),
    "full stops spaced": lambda n: run("", ". ", n),
    "full stops then lower case": lambda n: repeat("a" + "." * 500 + " b", n),
    "exclamation and question marks": lambda n: run("", "!?", n),
    "ellipses between words": lambda n: run("", "word... ", n),
    # Quotation marks, straight and curly, balanced and not.
    "straight double quotes": lambda n: run("", '"', n),
    "curly opening quotes": lambda n: run("", "\u201c", n),
    "curly closing quotes": lambda n: run("", "\u201d", n),
    "guillemets": lambda n: run("", "\u00ab\u00bb", n),
    "low-9 quotes": lambda n: run("", "\u201e", n),
    "balanced straight quotes": lambda n: run("", '"a" ', n),
    "balanced curly quotes": lambda n: run("", "\u201cWe will win,\u201d he said. ", n),
    "unclosed quotes": lambda n: run("", ' "We will', n),
    "unopened quotes": lambda n: run("", 'win" ', n),
    "unopened quotes after said": lambda n: run("", 'Ruiz said: we will win" ', n),
    "said and stray closers": lambda n: run("", 'said" ', n),
    "straight single quotes": lambda n: run("", "'", n),
    "curly single quotes": lambda n: run("", "\u2018\u2019", n),
    "single-quoted phrases": lambda n: run("", "'We will win,' she said. ", n),
    "quote marks between lines": lambda n: run("", '"\n', n),
    "quotation over paragraphs": lambda n: run("", "\u201cWe will\n\n", n),
    # Sentences and lines.
    "one endless sentence": lambda n: run("", "the council said that the plan would work and ", n),
    "endless sentence of cues": lambda n: run("Ruiz ", "said that officials warned ", n),
    "prose without line breaks": lambda n: run("", PROSE + " ", n),
    "prose with hard line breaks": lambda n: repeat(
        "The council approved the budget on Tuesday after a long debate and a\n"
        "vote that went late into the night, officials said on Wednesday in a\n",
        n,
    ),
    "short lines": lambda n: run("", "A.\n", n),
    "short quoted lines": lambda n: run("", '"Yes,"\n', n),
    "lines ending in colons": lambda n: run("", "Ruiz said:\n", n),
    "blank lines": lambda n: run("", "\n", n),
    "spaces": lambda n: run("He said ", " ", n),
    "credit lines": lambda n: run('"We will win."', "\n-- A", n),
    # Cues of speech.
    "said": lambda n: run("", "said ", n),
    "said after names": lambda n: run("", "Ruiz said. ", n),
    "pronoun quotations": lambda n: run("Ruiz arrived. ", '"We will win," he said. ', n),
    "same quotation repeated": lambda n: run("", '"We will win the vote," Ruiz said. ', n),
    "many speakers": _many_speakers,
    "many titled people": _many_titled_people,
    "described as": _described_heads,
    "the official said": lambda n: run("", '"No," the official said. ', n),
    "according to": lambda n: run("", "according to ", n),
    "told": lambda n: run("Ruiz ", "told ", n),
    "saying": lambda n: run("Ruiz left, ", "saying, ", n),
    "commas after said": lambda n: run("Ruiz said", " ,", n, " that it was over."),
    "said in a long phrase": lambda n: run("Ruiz said in a ", "word ", n, "that it was over."),
    "said on a day, repeated": lambda n: repeat("Ruiz said on Monday , , , , , , that ", n),
    "who clauses": lambda n: run('"We will win," Ruiz, ', "who ", n),
    # Other punctuation.
    "hyphens": lambda n: run("He left ", "-", n),
    "dashes": lambda n: run("He left ", "\u2014", n),
    "apostrophes": lambda n: run("He left ", "'", n),
    "parentheses": lambda n: run("", "(", n),
    "closing parentheses and dashes": lambda n: run("", ") --", n),
    "colons": lambda n: run("Ruiz said", ":", n),
    "digits": lambda n: run("", "1", n),
    "lower-case letters": lambda n: run("", "a", n),
}


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def measure(name: str, size: int, timeout: int) -> tuple[int, float | None, int | None]:
    """(size, CPU seconds, claims) for one case; seconds None if it timed out."""
    body = CASES[name](size)
    previous = signal.signal(signal.SIGVTALRM, _alarm)
    signal.setitimer(signal.ITIMER_VIRTUAL, timeout)
    start = time.process_time()
    try:
        claims = len(extract_article(body).claims)
    except _Timeout:
        return len(body), None, None
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
    return len(body), time.process_time() - start, claims


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="characters per article")
    parser.add_argument("--limit", type=float, default=1.0, help="seconds a case may take")
    parser.add_argument(
        "--timeout", type=int, default=30, help="CPU seconds before a case is stopped"
    )
    parser.add_argument("--only", action="append", help="run only this case (repeatable)")
    args = parser.parse_args(argv)

    names_ = args.only or list(CASES)
    unknown = [name for name in names_ if name not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    extract_article(PROSE)  # compile the patterns before timing
    width = max(len(name) for name in names_)
    print(f"{'case':<{width}}  {'size':>8}  {'seconds':>8}  {'claims':>6}")
    failed = []
    for name in names_:
        size, seconds, claims = measure(name, args.size, args.timeout)
        if seconds is None:
            failed.append(name)
            print(f"{name:<{width}}  {size:>8}  {'>' + str(args.timeout):>8}  {'-':>6}  TIMEOUT")
            continue
        flag = "" if seconds < args.limit else "  SLOW"
        if flag:
            failed.append(name)
        print(f"{name:<{width}}  {size:>8}  {seconds:>8.3f}  {claims:>6}{flag}", flush=True)
    print(f"{len(names_) - len(failed)} of {len(names_)} cases under {args.limit:g} s")
    if failed:
        print("too slow: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
