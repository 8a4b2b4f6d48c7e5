"""The Editors group: what review needs, nothing more."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from claims.services import EDITORS_GROUP
from tests.factories import ActorFactory, ClaimFactory

pytestmark = pytest.mark.django_db

EDITOR_PERMISSIONS = {
    "claims.view_claim",
    "claims.change_claim",
    "claims.view_actor",
    "claims.change_actor",
    "claims.view_actoralias",
    "claims.add_actoralias",
    "claims.change_actoralias",
    "claims.delete_actoralias",
    "claims.view_article",
    "claims.view_source",
}


def test_the_migration_gives_editors_exactly_these_permissions():
    group = Group.objects.get(name=EDITORS_GROUP)
    granted = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }
    assert granted == EDITOR_PERMISSIONS


def test_an_editor_is_not_a_superuser_and_has_only_the_group(editor):
    assert editor.is_staff and not editor.is_superuser
    assert editor.get_all_permissions() == EDITOR_PERMISSIONS


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:auth_user_changelist",
        "admin:auth_group_changelist",
        "admin:claims_claim_add",
        "admin:claims_article_add",
        "admin:claims_source_add",
        "admin:claims_actor_add",
    ],
)
def test_editors_cannot_reach(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


def test_editors_cannot_delete_claims_articles_or_actors(editor_client):
    claim = ClaimFactory()
    for url in (
        reverse("admin:claims_claim_delete", args=[claim.pk]),
        reverse("admin:claims_article_delete", args=[claim.article_id]),
        reverse("admin:claims_actor_delete", args=[claim.actor_id]),
    ):
        assert editor_client.post(url, {"post": "yes"}).status_code == 403


def test_editors_see_the_desk_and_its_actions(editor_client):
    ClaimFactory()
    ActorFactory()
    index = editor_client.get(reverse("admin:index")).content.decode()
    for model in ("claim", "actor", "article", "source"):
        assert reverse(f"admin:claims_{model}_changelist") in index
    assert reverse("admin:auth_user_changelist") not in index

    def actions(url: str) -> set[str]:
        choices = editor_client.get(url).context["action_form"].fields["action"].choices
        return {name for name, _ in choices}

    assert actions(reverse("admin:claims_claim_changelist")) == {
        "",
        "mark_verified",
        "mark_disputed",
        "mark_false",
        "mark_not_claim",
        "assign_actor",
        "split_out",
    }
    assert actions(reverse("admin:claims_statement_changelist")) == {
        "",
        "join_statements",
        "mark_verified",
        "mark_disputed",
        "mark_false",
    }
    assert actions(reverse("admin:claims_actor_changelist")) == {"", "merge"}
    assert actions(reverse("admin:claims_article_changelist")) == {"", "reextract"}


def test_editors_see_history(editor_client):
    claim = ClaimFactory()
    for url in (
        reverse("admin:claims_claim_history", args=[claim.pk]),
        reverse("admin:claims_actor_history", args=[claim.actor_id]),
        reverse("admin:claims_article_history", args=[claim.article_id]),
    ):
        assert editor_client.get(url).status_code == 200


def test_staff_without_the_group_sees_nothing(client, django_user_model):
    stranger = django_user_model.objects.create_user(username="temp", is_staff=True)
    client.force_login(stranger)
    claim = ClaimFactory()
    assert client.get(reverse("admin:claims_claim_changelist")).status_code == 403
    assert client.get(reverse("admin:claims_claim_change", args=[claim.pk])).status_code == 403
