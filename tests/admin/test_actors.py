"""Actors: aliases, claim counts, merging duplicates."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from claims.models import Actor, ActorAlias, ActorRedirect
from tests.factories import ActorFactory, ClaimFactory

ACTORS = reverse("admin:claims_actor_changelist")
pytestmark = pytest.mark.django_db


def test_columns_with_claim_counts_and_aliases(editor_client):
    gates = ActorFactory(name="Robert Gates", aliases=["Pentagon chief"], wikidata_id="Q40000")
    gates.role = "U.S. defense secretary"
    gates.save()
    ClaimFactory.create_batch(3, actor=gates)
    response = editor_client.get(ACTORS)
    html = response.content.decode()
    row = next(a for a in response.context["cl"].result_list if a.pk == gates.pk)
    assert row.claim_count == 3
    assert "Pentagon chief" in html and "Q40000" in html and "U.S. defense secretary" in html
    claims_url = reverse("admin:claims_claim_changelist")
    assert f'href="{claims_url}?actor={gates.pk}&amp;version=all">3</a>' in html


def test_search_by_alias_lists_an_actor_once(editor_client):
    gates = ActorFactory(name="Robert Gates", aliases=["Gates", "Bob Gates"])
    ActorFactory(name="Someone Else")
    response = editor_client.get(ACTORS + "?q=gates")
    assert [a.pk for a in response.context["cl"].result_list] == [gates.pk]


@pytest.mark.parametrize("per_page", [5, 100])
def test_list_costs_the_same_queries_whatever_the_page_size(
    editor_client, many_claims, queries_per_page, per_page
):
    model_admin = admin.site._registry[Actor]
    small = queries_per_page(editor_client, model_admin, ACTORS, 5)
    assert queries_per_page(editor_client, model_admin, ACTORS, per_page) == small


def test_editor_adds_an_alias_inline(editor_client):
    actor = ActorFactory(name="Konstantin Totsky")
    url = reverse("admin:claims_actor_change", args=[actor.pk])
    existing = actor.aliases.get()
    data = {
        "name": actor.name,
        "kind": actor.kind,
        "role": "",
        "wikidata_id": "",
        "aliases-TOTAL_FORMS": "2",
        "aliases-INITIAL_FORMS": "1",
        "aliases-0-id": existing.pk,
        "aliases-0-actor": actor.pk,
        "aliases-0-name": existing.name,
        "aliases-1-actor": actor.pk,
        "aliases-1-name": "Kontantin Totsky",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert ActorAlias.objects.get(actor=actor, name="Kontantin Totsky").normalized == (
        "kontantin totsky"
    )


class TestMerge:
    def test_asks_which_actor_stays(self, editor_client):
        a, b = ActorFactory(name="Gates"), ActorFactory(name="Robert Gates")
        response = editor_client.post(
            ACTORS, {"action": "merge", ACTION_CHECKBOX_NAME: [a.pk, b.pk], "index": 0}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert f'name="survivor" value="{a.pk}"' in html
        assert f'name="survivor" value="{b.pk}"' in html

    def test_needs_two_actors(self, editor_client):
        a = ActorFactory()
        response = editor_client.post(
            ACTORS, {"action": "merge", ACTION_CHECKBOX_NAME: [a.pk], "index": 0}, follow=True
        )
        assert "Select at least two actors" in response.content.decode()

    def test_merges(self, editor_client, editor):
        survivor = ActorFactory(name="Robert Gates")
        duplicate = ActorFactory(name="Gates", aliases=["Pentagon chief"])
        claim = ClaimFactory(actor=duplicate)
        response = editor_client.post(
            ACTORS,
            {
                "action": "merge",
                ACTION_CHECKBOX_NAME: [survivor.pk, duplicate.pk],
                "apply": "yes",
                "survivor": survivor.pk,
            },
            follow=True,
        )
        assert "Merged gates into Robert Gates" in response.content.decode()
        assert not Actor.objects.filter(pk=duplicate.pk).exists()
        claim.refresh_from_db()
        assert claim.actor == survivor
        assert claim.history.first().history_user == editor
        assert ActorRedirect.objects.get(slug="gates").actor == survivor
        assert set(survivor.aliases.values_list("name", flat=True)) == {
            "Robert Gates",
            "Gates",
            "Pentagon chief",
        }
        page = editor_client.get(reverse("admin:claims_actor_change", args=[survivor.pk]))
        assert "gates" in page.context["adminform"].form.instance.redirects.values_list(
            "slug", flat=True
        )
