"""Who may write what: every write path, for every kind of user.

Five users: anonymous; authenticated but not an editor (no staff access, no
group); an editor (staff, in the Editors group); an ingester (in the
Ingesters group); an administrator (superuser).
A plain staff account without the group is tested too: staff status alone
grants nothing. A refused write must leave the database as it was.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from knox.models import AuthToken
from rest_framework.test import APIClient

from claims.models import Actor, Article, Claim, IngestJob, ReviewStatus, Source
from claims.services import EDITORS_GROUP, INGESTERS_GROUP

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "staff", "editor", "ingester", "admin"]


@pytest.fixture(autouse=True)
def setup(seeded, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def make_user(role: str):
    if role == "anonymous":
        return None
    users = get_user_model().objects
    if role == "admin":
        return users.create_superuser("admin-user", password="x")
    user = users.create_user(f"{role}-user", password="x", is_staff=role in {"staff", "editor"})
    if role == "editor":
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    if role == "ingester":
        user.groups.add(Group.objects.get(name=INGESTERS_GROUP))
    return user


def claim_state(claim: Claim) -> dict:
    return Claim.objects.values().get(pk=claim.pk)


# The API: PATCH of a claim is the one write; everything else is read-only.

API_EXPECTED = {
    "anonymous": 401,
    "member": 403,
    "staff": 403,
    "editor": 200,
    "ingester": 403,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("auth", ["token", "session"])
def test_api_patch_claim(role, auth):
    user = make_user(role)
    client = APIClient()
    if user is not None and auth == "token":
        client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    elif user is not None:
        client.force_login(user)
    claim = Claim.objects.order_by("id").first()
    before = claim_state(claim)
    response = client.patch(
        f"/api/v1/claims/{claim.pk}/",
        {"review_status": "disputed", "editor_note": "checked"},
        format="json",
    )
    assert response.status_code == API_EXPECTED[role], response.content
    after = claim_state(claim)
    if response.status_code == 200:
        assert after["review_status"] == ReviewStatus.DISPUTED
        assert after["reviewer_id"] == user.pk
    else:
        assert after == before
        assert response.json()["detail"]


def test_api_session_write_needs_csrf():
    user = make_user("editor")
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    claim = Claim.objects.order_by("id").first()
    before = claim_state(claim)
    response = client.patch(f"/api/v1/claims/{claim.pk}/", {"rating": 2}, format="json")
    assert response.status_code == 403
    assert claim_state(claim) == before


WRITES = [
    ("post", "/api/v1/claims/"),
    ("put", "/api/v1/claims/{claim}/"),
    ("delete", "/api/v1/claims/{claim}/"),
    ("post", "/api/v1/actors/"),
    ("patch", "/api/v1/actors/{actor}/"),
    ("delete", "/api/v1/actors/{actor}/"),
    ("patch", "/api/v1/articles/{article}/"),
    ("delete", "/api/v1/articles/{article}/"),
    ("post", "/api/v1/sources/"),
    ("patch", "/api/v1/sources/{source}/"),
    ("delete", "/api/v1/sources/{source}/"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "template"), WRITES)
def test_api_has_no_other_writes(role, method, template):
    user = make_user(role)
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    path = template.format(
        claim=Claim.objects.first().pk,
        actor=Actor.objects.first().slug,
        article=Article.objects.first().pk,
        source=Source.objects.first().slug,
    )
    counts = [model.objects.count() for model in (Claim, Actor, Article, Source)]
    response = getattr(client, method)(path, {"name": "x"}, format="json")
    # Anonymous: told to authenticate or refused; anyone else: the method does not exist.
    assert response.status_code in ({401, 403, 405} if user is None else {403, 405})
    assert [model.objects.count() for model in (Claim, Actor, Article, Source)] == counts


# Pushing an article (POST /api/v1/articles/) is the ingesters' one write.

PUSH_EXPECTED = {
    "anonymous": 401,
    "member": 403,
    "staff": 403,
    "editor": 403,
    "ingester": 202,
    "admin": 202,
}


@pytest.mark.parametrize("role", ROLES)
def test_api_push_article(role, django_capture_on_commit_callbacks):
    user = make_user(role)
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    articles = Article.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/articles/", {"text": '"We agree," Ann Lee said.'}, format="json"
        )
    assert response.status_code == PUSH_EXPECTED[role], response.content
    if response.status_code == 202:
        assert Article.objects.count() == articles + 1
    else:
        assert Article.objects.count() == articles
        assert not IngestJob.objects.exists()


# The admin: change forms, bulk actions, merges, re-extraction, adds and deletes.

ADMIN_CAN_CHANGE_CLAIMS = {"editor", "admin"}


def admin_client(role: str):
    from django.test import Client

    client = Client()
    user = make_user(role)
    if user is not None:
        client.force_login(user)
    return client


def refused(response) -> bool:
    # Anonymous and non-staff users are sent to the login page; staff without the
    # permission get 403 (or, for an action they may not run, no change at all).
    return response.status_code in {302, 403} and (
        response.status_code == 403 or "/admin/login/" in response["Location"]
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "action", ["mark_verified", "mark_disputed", "mark_false", "mark_not_claim"]
)
def test_admin_claim_bulk_actions(role, action):
    client = admin_client(role)
    claims = list(Claim.objects.order_by("id")[:2])
    before = [claim_state(claim) for claim in claims]
    response = client.post(
        "/admin/claims/claim/",
        {"action": action, "_selected_action": [claim.pk for claim in claims]},
    )
    after = [claim_state(claim) for claim in claims]
    if role in ADMIN_CAN_CHANGE_CLAIMS:
        assert response.status_code == 302
        assert all(state["review_status"] != ReviewStatus.UNREVIEWED for state in after)
    else:
        assert refused(response)
        assert after == before


@pytest.mark.parametrize("role", ROLES)
def test_admin_claim_change_form(role):
    client = admin_client(role)
    claim = Claim.objects.order_by("id").first()
    before = claim_state(claim)
    page = client.get(f"/admin/claims/claim/{claim.pk}/change/")
    response = client.post(
        f"/admin/claims/claim/{claim.pk}/change/",
        {
            "review_status": "false",
            "rating": "1",
            "editor_note": "no such statement",
            "actor": claim.actor_id or "",
            # The version of the claim the page showed, as the form sends it.
            "seen_version": claim.review_version,
        },
    )
    if role in ADMIN_CAN_CHANGE_CLAIMS:
        assert page.status_code == 200
        assert response.status_code == 302, response.content[:2000]
        assert claim_state(claim)["review_status"] == "false"
    else:
        assert refused(page)
        assert refused(response)
        assert claim_state(claim) == before


@pytest.mark.parametrize("role", ROLES)
def test_admin_assign_actor_action(role):
    client = admin_client(role)
    claim = Claim.objects.order_by("id").first()
    other = Actor.objects.exclude(pk=claim.actor_id).first()
    before = claim_state(claim)
    response = client.post(
        "/admin/claims/claim/",
        {"action": "assign_actor", "_selected_action": [claim.pk], "actor": other.pk,
         "apply": "1"},
    )  # fmt: skip
    if role in ADMIN_CAN_CHANGE_CLAIMS:
        assert response.status_code in {200, 302}
    else:
        assert refused(response)
        assert claim_state(claim) == before


@pytest.mark.parametrize("role", ROLES)
def test_admin_actor_merge_and_change(role):
    client = admin_client(role)
    actors = list(Actor.objects.order_by("id")[:2])
    counts = Actor.objects.count()
    merge = client.post(
        "/admin/claims/actor/",
        {"action": "merge", "_selected_action": [actor.pk for actor in actors]},
    )
    change = client.get(f"/admin/claims/actor/{actors[0].pk}/change/")
    if role in {"editor", "admin"}:
        assert merge.status_code in {200, 302}
        assert change.status_code == 200
    else:
        assert refused(merge)
        assert refused(change)
    assert Actor.objects.count() == counts  # merging needs a second, confirming step


@pytest.mark.parametrize("role", ROLES)
def test_admin_article_reextract(role):
    client = admin_client(role)
    article = Article.objects.order_by("id").first()
    claims_before = list(Claim.objects.filter(article=article).values_list("id", flat=True))
    response = client.post(
        "/admin/claims/article/", {"action": "reextract", "_selected_action": [article.pk]}
    )
    if role in ADMIN_CAN_CHANGE_CLAIMS:
        # Re-extraction rewrites unreviewed claims: the right to change claims.
        assert response.status_code == 302
    else:
        assert refused(response)
        ids_after = list(Claim.objects.filter(article=article).values_list("id", flat=True))
        assert ids_after == claims_before


ADMINISTRATOR_ONLY = [
    "/admin/claims/actor/{actor}/delete/", "/admin/claims/source/{source}/delete/",
    "/admin/claims/source/{source}/change/", "/admin/claims/source/add/",
    "/admin/auth/user/add/", "/admin/auth/group/add/",
]  # fmt: skip
# Claims and articles are never deleted nor made by hand (marking "not a claim"
# keeps the decision; articles come from ingest): refused even to a superuser.
NOBODY = [
    "/admin/claims/claim/{claim}/delete/", "/admin/claims/article/{article}/delete/",
    "/admin/claims/article/add/", "/admin/claims/claim/add/",
]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ADMINISTRATOR_ONLY + NOBODY)
def test_admin_paths_beyond_review(role, path):
    client = admin_client(role)
    path = path.format(
        claim=Claim.objects.first().pk,
        actor=Actor.objects.first().pk,
        article=Article.objects.first().pk,
        source=Source.objects.first().pk,
    )
    counts = [model.objects.count() for model in (Claim, Actor, Article, Source)]
    response = client.post(path, {"post": "yes", "name": "x", "kind": "publisher"})
    nobody = any(path.startswith(template.split("{")[0]) for template in NOBODY)
    if role == "admin" and not nobody:
        assert response.status_code in {200, 302}
    else:
        assert refused(response)
        assert [model.objects.count() for model in (Claim, Actor, Article, Source)] == counts
