"""Role at the time: each claim keeps how its article described the speaker,
and an actor's roles carry the first and last dates they were seen."""

from __future__ import annotations

import datetime

import pytest

from claims.article_files import ArticleOverrides
from claims.models import Actor, ActorRole, Claim
from claims.services import (
    actor_merge,
    article_ingest,
    article_reextract,
    article_update_metadata,
    claim_review,
)
from claims.services.roles import actor_roles_refresh
from tests.factories import ActorFactory, ClaimFactory

pytestmark = pytest.mark.django_db

SECRETARY = (
    "Gates visits Moscow\n\nU.S. Defense Secretary Robert Gates said on Monday that the "
    'talks were useful. "We will keep talking," Gates said.\n'
)
FORMER = (
    "Gates looks back\n\nFormer defense secretary Robert Gates said the war had changed "
    'him. "It was hard," Gates told reporters.\n'
)


def ingest(body: str, published: datetime.date | None, origin: str | None = None):
    report = article_ingest(
        origin=origin or f"{published}-{len(body)}.txt",
        data=body.encode(),
        overrides=ArticleOverrides(published=published),
    )
    assert report.article_id, report.error
    return report


def roles_of(actor: Actor) -> list[tuple[str, datetime.date | None, datetime.date | None]]:
    return list(actor.roles.values_list("role", "first_seen", "last_seen"))


def gates() -> Actor:
    return Actor.objects.get(slug="robert-gates")


def test_each_claim_keeps_the_role_its_article_gave_the_speaker():
    ingest(SECRETARY, datetime.date(2007, 4, 24))
    ingest(FORMER, datetime.date(2024, 1, 9))

    roles = dict(gates().claims.values_list("text", "speaker_role"))
    assert roles == {
        "the talks were useful": "U.S. Defense Secretary",
        "We will keep talking": "U.S. Defense Secretary",
        "the war had changed him": "Former defense secretary",
        "It was hard": "Former defense secretary",
    }
    # Most recent first, each with when it was seen.
    assert roles_of(gates()) == [
        ("Former defense secretary", datetime.date(2024, 1, 9), datetime.date(2024, 1, 9)),
        ("U.S. Defense Secretary", datetime.date(2007, 4, 24), datetime.date(2007, 4, 24)),
    ]


def test_a_claim_without_a_speaker_or_a_described_speaker_has_no_role():
    ingest(
        "Budget\n\nThe system costs 3.5 billion dollars. Ana Ruiz said the cost was fair.\n",
        datetime.date(2020, 1, 1),
    )
    assert set(Claim.objects.values_list("speaker_role", flat=True)) == {""}
    assert not ActorRole.objects.exists()


def test_a_role_seen_again_widens_its_dates_and_keeps_its_first_wording():
    ingest(SECRETARY, datetime.date(2008, 6, 1))
    ingest(SECRETARY.replace("U.S.", "US").replace("Monday", "Tuesday"), datetime.date(2010, 2, 3))
    ingest(
        SECRETARY.replace("Defense Secretary", "defense secretary").replace("Monday", "Friday"),
        datetime.date(2007, 1, 5),
    )
    ingest(SECRETARY.replace("Monday", "Sunday"), None)

    # Dots and case aside they are alike: one role, the 2007 wording, 2007 to 2010.
    assert roles_of(gates()) == [
        ("U.S. defense secretary", datetime.date(2007, 1, 5), datetime.date(2010, 2, 3)),
    ]


def test_what_ingest_keeps_is_what_a_recount_from_the_claims_gives():
    ingest(SECRETARY, datetime.date(2008, 6, 1))
    ingest(FORMER, datetime.date(2024, 1, 9))
    ingest(SECRETARY.replace("U.S.", "US").replace("Monday", "Tuesday"), datetime.date(2007, 3, 1))
    ingest(FORMER.replace("war", "job"), None)
    kept = set(ActorRole.objects.values_list("actor", "role", "first_seen", "last_seen"))

    ActorRole.objects.all().delete()
    actor_roles_refresh(actor_ids=Actor.objects.values_list("pk", flat=True))

    assert set(ActorRole.objects.values_list("actor", "role", "first_seen", "last_seen")) == kept
    assert len(kept) == 2


def test_an_undated_article_gives_a_role_without_dates():
    ingest(SECRETARY, None)
    assert roles_of(gates()) == [("U.S. Defense Secretary", None, None)]


def test_merge_folds_the_roles_of_both_actors():
    survivor = ActorFactory(name="Robert Gates")
    duplicate = ActorFactory(name="Bob Gates")
    ClaimFactory(
        actor=survivor,
        speaker_role="Defense Secretary",
        article__published=datetime.date(2007, 4, 1),
    )
    ClaimFactory(
        actor=duplicate,
        speaker_role="defense secretary",
        article__published=datetime.date(2009, 9, 9),
    )
    ClaimFactory(
        actor=duplicate, speaker_role="CIA Director", article__published=datetime.date(1992, 1, 1)
    )
    actor_roles_refresh(actor_ids=[survivor.pk, duplicate.pk])

    actor_merge(survivor=survivor, merged=[duplicate])

    assert roles_of(survivor) == [
        ("Defense Secretary", datetime.date(2007, 4, 1), datetime.date(2009, 9, 9)),
        ("CIA Director", datetime.date(1992, 1, 1), datetime.date(1992, 1, 1)),
    ]
    assert ActorRole.objects.count() == 2


def test_a_corrected_speaker_takes_the_role_with_the_claim(admin_user):
    wrong, right = ActorFactory(name="Robert Gates"), ActorFactory(name="Anatoly Serdyukov")
    claim = ClaimFactory(
        actor=wrong, speaker_role="Defense Minister", article__published=datetime.date(2007, 4, 24)
    )
    ClaimFactory(actor=wrong, speaker_role="Defense Secretary")
    actor_roles_refresh(actor_ids=[wrong.pk])

    claim_review(claim=claim, reviewer=admin_user, actor=right)

    assert [role for role, *_ in roles_of(wrong)] == ["Defense Secretary"]
    assert roles_of(right) == [
        ("Defense Minister", datetime.date(2007, 4, 24), datetime.date(2007, 4, 24))
    ]


def test_correcting_an_articles_date_moves_when_the_role_was_seen(admin_user):
    ingest(SECRETARY, datetime.date(2017, 4, 24))
    article = gates().claims.first().article

    article_update_metadata(article=article, user=admin_user, published=datetime.date(2007, 4, 24))

    assert roles_of(gates()) == [
        ("U.S. Defense Secretary", datetime.date(2007, 4, 24), datetime.date(2007, 4, 24))
    ]


def test_reextraction_drops_a_role_no_claim_gives_any_more():
    ingest(SECRETARY, datetime.date(2007, 4, 24))
    article = gates().claims.first().article
    Claim.objects.filter(article=article).update(speaker_role="Secretary of State")
    actor_roles_refresh(actor_ids=[gates().pk])

    article_reextract(article=article)

    assert [role for role, *_ in roles_of(gates())] == ["U.S. Defense Secretary"]
