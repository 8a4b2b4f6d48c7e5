"""Joining keeps its precision and recall on the evaluation set of bench/statements/."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest

from claims.models import Claim, Statement
from claims.services import statements
from tests.factories import ActorFactory, ArticleFactory

BENCH = Path(__file__).resolve().parents[2] / "bench" / "statements"


@pytest.mark.django_db
def test_precision_and_recall_on_the_evaluation_set(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    from eval_set import APPEARANCES
    from evaluate import judge

    actors = {
        slug: ActorFactory(name=slug.title(), slug=slug)
        for slug in {speaker for _, speaker, _, _ in APPEARANCES if speaker}
    }
    claims = []
    for number, (_, speaker, kind, text) in enumerate(APPEARANCES):
        article = ArticleFactory(
            body=f'"{text}," someone said. ({number})',
            published=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
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
    precision, recall, *_ = judge(claims, APPEARANCES, statements, Statement)
    assert precision >= 0.95
    assert recall >= 0.95
    sys.modules.pop("evaluate", None)
    sys.modules.pop("eval_set", None)
