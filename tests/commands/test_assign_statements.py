"""assign_statements: claims stored before statements get theirs, earliest first."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.models import Claim, Statement, StatementMethod
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

QUOTE = "The days of the cold war are over and no one should seek a return to them"


def old_claim(day: int, actor) -> Claim:
    article = ArticleFactory(
        body=f'"{QUOTE}," she said on day {day}.', published=datetime.date(2024, 1, day)
    )
    return ClaimFactory(text=QUOTE, actor=actor, article=article)


def test_it_assigns_missing_statements_in_batches_earliest_first():
    gates = ActorFactory(name="Robert Gates")
    later, earlier, middle = old_claim(9, gates), old_claim(2, gates), old_claim(5, gates)
    out = StringIO()
    call_command("assign_statements", "--dry-run", stdout=out)
    assert "3 claim(s) have no statement" in out.getvalue()
    assert not Statement.objects.exists()

    call_command("assign_statements", "--batch-size", "2", stdout=out)
    assert "Assigned statements to 3 claim(s)" in out.getvalue()
    statement = Statement.objects.get()
    assert statement.appearances == 3
    assert statement.first_claim_id == earlier.pk
    methods = dict(Claim.objects.values_list("pk", "statement_method"))
    assert methods[earlier.pk] == StatementMethod.FIRST
    assert methods[middle.pk] == methods[later.pk] == StatementMethod.EXACT

    call_command("assign_statements", stdout=out)
    assert "Assigned statements to 0 claim(s)" in out.getvalue()


def test_a_bad_batch_size_is_refused():
    with pytest.raises(CommandError, match="--batch-size must be at least 1"):
        call_command("assign_statements", "--batch-size", "0")
