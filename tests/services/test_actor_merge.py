from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from claims.models import Actor, ActorAlias, ActorRedirect, Claim
from claims.services import actor_merge
from tests.factories import ActorFactory, ClaimFactory


@pytest.mark.django_db
class TestActorMerge:
    def test_moves_claims_and_aliases_and_redirects_the_old_slugs(self, admin_user):
        survivor = ActorFactory(name="Robert Gates", aliases=["Gates"])
        pentagon = ActorFactory(name="Pentagon chief", aliases=["GATES", "Defense Secretary"])
        bob = ActorFactory(name="Bob Gates")
        claims = [ClaimFactory(actor=pentagon), ClaimFactory(actor=bob), ClaimFactory(actor=bob)]
        untouched = ClaimFactory()

        report = actor_merge(survivor=survivor, merged=[pentagon, bob], user=admin_user)

        assert report.claims_moved == 3
        assert set(report.merged_slugs) == {"pentagon-chief", "bob-gates"}
        assert not Actor.objects.filter(pk__in=[pentagon.pk, bob.pk]).exists()
        assert set(Claim.objects.filter(actor=survivor)) == set(claims)
        untouched.refresh_from_db()
        assert untouched.actor != survivor
        # "GATES" normalises like the survivor's "Gates": kept once.
        assert sorted(survivor.aliases.values_list("normalized", flat=True)) == [
            "bob gates",
            "defense secretary",
            "gates",
            "pentagon chief",
            "robert gates",
        ]
        assert report.aliases_moved == 3
        assert dict(ActorRedirect.objects.values_list("slug", "actor")) == {
            "pentagon-chief": survivor.pk,
            "bob-gates": survivor.pk,
        }

    def test_redirects_of_merged_actors_follow_them(self):
        survivor, middle = ActorFactory(), ActorFactory()
        ActorRedirect.objects.create(slug="older-slug", actor=middle)
        actor_merge(survivor=survivor, merged=[middle])
        assert ActorRedirect.objects.get(slug="older-slug").actor == survivor

    def test_history_names_the_editor_and_the_merge(self, admin_user):
        survivor, other = ActorFactory(name="Keep Me"), ActorFactory(name="Fold Me")
        claim = ClaimFactory(actor=other)
        actor_merge(survivor=survivor, merged=[other], user=admin_user)
        moved = claim.history.first()
        assert moved.actor_id == survivor.pk and moved.history_user == admin_user
        assert moved.history_change_reason == "merged fold-me into keep-me"
        deleted = Actor.history.filter(id=other.pk).first()
        assert deleted.history_type == "-" and deleted.history_user == admin_user
        assert survivor.history.first().history_change_reason == "merged fold-me into keep-me"

    def test_fills_the_survivors_blanks_only(self):
        survivor = ActorFactory(role="Defense secretary")
        other = ActorFactory(role="Pentagon chief", wikidata_id="Q311498")
        actor_merge(survivor=survivor, merged=[other])
        survivor.refresh_from_db()
        assert (survivor.role, survivor.wikidata_id) == ("Defense secretary", "Q311498")

    def test_refuses_merging_an_actor_into_itself(self):
        actor = ActorFactory()
        with pytest.raises(ValidationError):
            actor_merge(survivor=actor, merged=[actor])
        assert Actor.objects.filter(pk=actor.pk).exists()

    def test_all_or_nothing(self, monkeypatch):
        survivor, other = ActorFactory(), ActorFactory()
        claim = ClaimFactory(actor=other)

        def fail(*args, **kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(ActorRedirect.objects, "bulk_create", fail)
        with pytest.raises(RuntimeError):
            actor_merge(survivor=survivor, merged=[other])
        claim.refresh_from_db()
        assert claim.actor == other and Actor.objects.filter(pk=other.pk).exists()
        assert ActorAlias.objects.filter(actor=other).exists()
