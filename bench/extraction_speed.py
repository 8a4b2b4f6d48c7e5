"""Extraction speed on one core: articles/s, MB/s and peak memory.

    python bench/extraction_speed.py [--articles N] [--size BYTES] [--seed N]

The corpus is synthetic: the seed articles, and articles generated from a small
grammar of news sentences (quotations in every attribution form, reported
speech, relays, figures, furniture), each about ``--size`` characters. Only
``extract_article`` is timed; building the corpus is not. Peak memory is the
largest Python allocation seen by tracemalloc during one extra pass over a
sample (tracemalloc slows Python down, so it is measured apart from the
timing).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claims.extraction import extract_article  # noqa: E402 (after the path)

GIVEN = [
    "Lena",
    "Tomas",
    "Ines",
    "Paulo",
    "Greta",
    "Omar",
    "Ruth",
    "Karl",
    "Mara",
    "Yusuf",
]
SURNAMES = [
    "Okafor",
    "Velde",
    "Farrow",
    "Mendes",
    "Lind",
    "Haddad",
    "Amsel",
    "Brandt",
    "Quist",
]
TITLES = [
    "Finance Minister",
    "Mayor",
    "union leader",
    "chief executive",
    "Senator",
    "Judge",
]
OUTLETS = [
    "Zephyr News",
    "the Harbour Gazette",
    "Kestrelwire",
    "Radio Vantor",
    "Plainview Daily",
]
VERBS = ["said", "told reporters", "added", "warned", "insisted", "argued"]
CONTENT = [
    "the budget would be balanced by the end of the year",
    "nobody had been told about the closure of the northern plant",
    "the talks would resume in Geneva next week",
    "prices had risen by 12 percent since January",
    "the bridge was safe but the approach roads were not",
    "the company would cut 1,200 jobs and close three depots",
]
QUOTES = [
    "We will not accept a deal that leaves our members worse off",
    "This is the most difficult winter we have faced in a decade",
    "Nobody in this town was told, and that is the scandal",
    "We are ready to talk, but not at any price",
    "The figures speak for themselves",
]
NARRATIVE = [
    "The meeting ran late into the evening as members argued over the wording.",
    "Crowds gathered outside the town hall, some carrying banners and flags.",
    "The harbour has been the heart of the town's economy for generations.",
    "Rain fell steadily through the afternoon and the streets emptied early.",
    "Negotiators left the building without speaking to the waiting cameras.",
    "The plant employs most of the families in the valley.",
    "Shops along the main street stayed shut in support of the strikers.",
    "The vote is expected before the end of the session.",
]
FURNITURE = [
    "Subscribe to our newsletter for the latest updates",
    "Copyright 2024 Example Media. All rights reserved.",
    "Read more",
    "Photo: Demonstrators outside the town hall (Reuters)",
]


def _person(rng: random.Random) -> tuple[str, str]:
    given, surname = rng.choice(GIVEN), rng.choice(SURNAMES)
    return f"{rng.choice(TITLES)} {given} {surname}", surname


WORDS = [
    "council",
    "budget",
    "river",
    "harbour",
    "workers",
    "plan",
    "talks",
    "winter",
    "prices",
    "families",
    "schools",
    "contract",
    "bridge",
    "election",
    "report",
    "court",
    "strike",
    "hospital",
    "farmers",
    "ministers",
]


def _quote(rng: random.Random) -> str:
    # A stock sentence with a varied tail, so that quotations rarely repeat.
    tail = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(2, 6)))
    return f"{rng.choice(QUOTES)} for the {tail}"


def _paragraph(rng: random.Random) -> str:
    full, surname = _person(rng)
    quote, content = _quote(rng), rng.choice(CONTENT)
    verb, outlet = rng.choice(VERBS), rng.choice(OUTLETS)
    forms = [
        f'"{quote}," {surname} said.',
        f'"{quote}," said {full}, who has held the post since 2019.',
        f'{full} said: "{quote}."',
        f'"{quote}," {surname} said. "{_quote(rng)}."',
        f"{full} {verb} that {content}.",
        f'{surname} said {content}, calling it "{rng.choice(["a disgrace", "long overdue"])}."',
        f'"{quote}," {surname} told {outlet}.',
        f'"{quote}," {outlet} quoted a senior official as saying.',
        f"{content.capitalize()}, {outlet} reported.",
        f"The council approved {rng.randrange(2, 900)} new homes "
        f"at a cost of ${rng.randrange(2, 90)} million.",
        rng.choice(FURNITURE),
    ]
    # Real copy mixes claims with narrative; about half the sentences here are plain.
    sentences = [
        rng.choice(forms) if rng.random() < 0.5 else rng.choice(NARRATIVE)
        for _ in range(rng.randrange(2, 5))
    ]
    return " ".join(sentences)


def synthetic_article(rng: random.Random, size: int) -> str:
    parts = [
        f"{rng.choice(SURNAMES)} Faces Questions Over {rng.choice(['Budget', 'Port', 'Strike'])}"
    ]
    parts.append(f"April {rng.randrange(1, 29)}, 2024 (Example Wire) -- {_paragraph(rng)}")
    while sum(len(p) + 2 for p in parts) < size:
        parts.append(_paragraph(rng))
    return "\n\n".join(parts)


def build_corpus(count: int, size: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    seeds = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    corpus = []
    for index in range(count):
        if seeds and index % 5 == 0:
            corpus.append(seeds[index // 5 % len(seeds)])
        else:
            corpus.append(synthetic_article(rng, size))
    return corpus


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles to extract")
    parser.add_argument("--size", type=int, default=5000, help="characters per generated article")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generator")
    args = parser.parse_args(argv)

    corpus = build_corpus(args.articles, args.size, args.seed)
    characters = sum(len(body) for body in corpus)
    megabytes = sum(len(body.encode("utf-8")) for body in corpus) / 1_000_000
    for body in corpus[:20]:
        extract_article(body)  # warm up regex caches

    claims = 0
    start = time.process_time()
    wall_start = time.perf_counter()
    for body in corpus:
        claims += len(extract_article(body).claims)
    cpu = time.process_time() - start
    wall = time.perf_counter() - wall_start

    tracemalloc.start()
    for body in corpus[:50]:
        extract_article(body)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    command = " ".join(["python", "bench/extraction_speed.py", *(argv or sys.argv[1:])])
    print(f"command:       {command}")
    print(f"corpus:        {len(corpus)} articles, {characters} characters, {megabytes:.2f} MB")
    print(f"claims found:  {claims}")
    print(f"cpu time:      {cpu:.3f} s (wall {wall:.3f} s)")
    print(f"articles/s:    {len(corpus) / cpu:.1f}")
    print(f"MB/s:          {megabytes / cpu:.2f}")
    print(f"peak memory:   {peak / 1_000_000:.2f} MB (tracemalloc, one article at a time)")
    # Other processes on the machine slow a single core down: say how busy it
    # was, and time a fixed pure-Python loop (about 0.2 s on an idle modern
    # core) so that figures from different runs can be compared.
    print(f"load average:  {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    start = time.process_time()
    sum(i * i for i in range(3_000_000))
    print(f"reference:     {time.process_time() - start:.3f} s for a 3,000,000-step loop")


if __name__ == "__main__":
    main()
