"""The database itself refuses bad values: choices and ranges are constraints."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from claims.models import Actor, ActorAlias, Claim
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory


def refused(update) -> bool:
    try:
        with transaction.atomic():
            update()
    except IntegrityError:
        return True
    return False


@pytest.mark.django_db
class TestClaimConstraints:
    @pytest.mark.parametrize(
        "values",
        [
            {"kind": "rumour"},
            {"review_status": "approved"},
            {"confidence": 1.5},
            {"confidence": -0.1},
            {"rating": 6},
            {"rating": 0},
            {"end": 0},
            {"review_status": "verified", "reviewed_at": None},
        ],
    )
    def test_bad_values_are_refused(self, values):
        claim = ClaimFactory()
        assert refused(lambda: Claim.objects.filter(pk=claim.pk).update(**values))

    def test_same_span_twice_in_an_article_is_refused(self):
        claim = ClaimFactory()
        duplicate = Claim(
            article=claim.article,
            kind=claim.kind,
            text=claim.text,
            start=claim.start,
            end=claim.end,
            confidence=0.5,
        )
        assert refused(duplicate.save)

    def test_good_claim_is_accepted(self):
        claim = ClaimFactory(rating=5)
        assert claim.article.body[claim.start : claim.end] == claim.text


@pytest.mark.django_db
class TestActorConstraints:
    def test_unknown_kind_is_refused(self):
        actor = ActorFactory()
        assert refused(lambda: Actor.objects.filter(pk=actor.pk).update(kind="alien"))

    @pytest.mark.parametrize("bad", ["42", "Q", "Q0", "Q12a", "P31"])
    def test_malformed_wikidata_id_is_refused(self, bad):
        actor = ActorFactory()
        assert refused(lambda: Actor.objects.filter(pk=actor.pk).update(wikidata_id=bad))

    def test_wikidata_id_is_accepted(self):
        actor = ActorFactory()
        Actor.objects.filter(pk=actor.pk).update(wikidata_id="Q42")

    def test_alias_unique_per_normalised_form(self):
        actor = ActorFactory(name="Jürgen Müller")
        assert refused(lambda: ActorAlias.objects.create(actor=actor, name="JURGEN  MULLER"))

    def test_duplicate_slug_is_refused(self):
        ActorFactory(name="Ann Lee")
        assert refused(lambda: Actor.objects.create(name="Ann Lee", slug="ann-lee"))


@pytest.mark.django_db
def test_duplicate_article_text_is_refused():
    article = ArticleFactory()
    assert refused(lambda: ArticleFactory(body=article.body))
