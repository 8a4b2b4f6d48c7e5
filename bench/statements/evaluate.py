"""How well ingest joins appearances into statements, on bench/statements/eval_set.py.

    python bench/statements/evaluate.py            # precision and recall of joining
    python bench/statements/evaluate.py --scores   # and the score of every pair, to set thresholds

Every appearance is stored as a claim in an article of its own, in the order
of the set (its publication order), in a throwaway SQLite database, and
joined by the very service ingest calls (claims.services.statements). Then
every pair of appearances is judged: joined or not, same statement or not.
Precision is the share of joined pairs that are the same statement; recall
the share of same-statement pairs that were joined.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import itertools
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def judge(claims, appearances, statements, statement_model):
    """Join every appearance afresh, in order; then score every pair."""
    statement_model.objects.all().delete()
    for claim in claims:
        claim.statement = None
        statements.statements_assign(claims=[claim])
    true_pairs = joined_pairs = true_joined = 0
    wrong, missed = [], []
    for (i, a), (j, b) in itertools.combinations(enumerate(claims), 2):
        same = appearances[i][0] == appearances[j][0]
        joined = a.statement_id == b.statement_id
        true_pairs += same
        joined_pairs += joined
        true_joined += same and joined
        if joined and not same:
            wrong.append((i, j))
        if same and not joined:
            missed.append((i, j))
    precision = true_joined / joined_pairs if joined_pairs else 1.0
    recall = true_joined / true_pairs if true_pairs else 1.0
    return precision, recall, true_pairs, joined_pairs, wrong, missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scores", action="store_true", help="Print the score of every pair.")
    parser.add_argument(
        "--sweep", action="store_true", help="Precision and recall at other thresholds too."
    )
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="Use the held-out appearances (never used to choose the threshold) instead.",
    )
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="claims-statements-eval-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/eval.sqlite3"
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "claims_project.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    import eval_set

    APPEARANCES = eval_set.HELD_OUT if args.held_out else eval_set.APPEARANCES

    from claims.models import Actor, Article, Claim, Statement
    from claims.normalization import normalize_statement
    from claims.services import statements

    actors = {
        slug: Actor.objects.create(name=slug.title(), slug=slug)
        for slug in sorted({speaker for _, speaker, _, _ in APPEARANCES if speaker})
    }
    claims = []
    day = datetime.date(2024, 1, 1)
    for number, (_, speaker, kind, text) in enumerate(APPEARANCES):
        body = f'"{text}," someone said. ({number})'
        article = Article.objects.create(
            title=f"Appearance {number}",
            published=day + datetime.timedelta(days=number),
            body=body,
            origin=f"{number}.txt",
            content_hash=hashlib.sha256(body.encode()).hexdigest(),
        )
        claims.append(
            Claim.objects.create(
                article=article,
                kind=kind,
                text=text,
                start=1,
                end=1 + len(text),
                actor=actors.get(speaker),
                confidence=0.9,
                published=article.published,
            )
        )

    chosen = statements.JOIN_THRESHOLD
    if args.sweep:
        print("threshold  precision  recall")
        for threshold in (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0):
            statements.JOIN_THRESHOLD = threshold
            precision, recall, *_ = judge(claims, APPEARANCES, statements, Statement)
            print(f"{threshold:9.2f}  {precision:9.3f}  {recall:6.3f}")
        statements.JOIN_THRESHOLD = chosen
        print()

    precision, recall, true_pairs, joined_pairs, wrong, missed = judge(
        claims, APPEARANCES, statements, Statement
    )
    groups = len({group for group, *_ in APPEARANCES})
    print(
        f"{len(APPEARANCES)} appearances of {groups} statements; "
        f"{true_pairs} same-statement pairs, {joined_pairs} joined pairs"
    )
    print(
        f"threshold {chosen}, containment from {statements.MIN_EXCERPT_SHINGLES} shingles, "
        f"{statements.BANDS} bands of {statements.ROWS}"
    )
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    for label, pairs in (("wrongly joined", wrong), ("missed", missed)):
        for i, j in pairs:
            print(f"  {label}: {APPEARANCES[i][0]} #{i} / {APPEARANCES[j][0]} #{j}")
    joins = sorted(
        (claim.statement_score, number)
        for number, claim in enumerate(claims)
        if claim.statement_method != "first"
    )
    if joins:
        print(f"lowest score of a join: {joins[0][0]:.3f} (#{joins[0][1]})")

    if args.scores:
        # Every pair a claim could be joined with (same kind, compatible speaker).
        print("\nscore  same  pair")
        rows = []
        for (i, a), (j, b) in itertools.combinations(enumerate(APPEARANCES), 2):
            if (a[2] == "indirect") != (b[2] == "indirect"):
                continue
            if a[1] and b[1] and a[1] != b[1]:
                continue
            score = statements.similarity(
                statements.shingles(normalize_statement(a[3])),
                statements.shingles(normalize_statement(b[3])),
            )
            if score > 0:
                rows.append((score, a[0] == b[0], f"{a[0]} #{i} / {b[0]} #{j}"))
        for score, same, label in sorted(rows, reverse=True):
            print(f"{score:.3f}  {'yes' if same else 'no ':3}   {label}")
    return 0 if precision >= 0.95 and recall >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
