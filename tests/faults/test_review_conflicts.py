"""Two editors reviewing one claim: a review is never lost to a colleague's save.

One mechanism in ``services.claim_review``: a conditional update that writes
only if the claim is still at the version the editor saw (a counter every
editorial write raises). The admin form carries that version and shows the
conflict on the form; the API answers 409, or 412 when the client sent a stale
``If-Match``; bulk actions skip the claims changed meanwhile and say so.

Each interface is tested twice: with the colleague's save made to land between
the editor's read and write (deterministic, both databases), and with two
saves at the same moment from two threads, each on its own connection
(PostgreSQL, where writers really run at once).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from claims import services
from claims.admin.claims import ClaimAdmin
from claims.models import Claim, ReviewStatus
from tests.factories import ActorFactory, ClaimFactory


@pytest.fixture(autouse=True)
def quick_pages(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def editors(django_user_model):
    # get_or_create: a transactional test starts from tables emptied of the
    # group the migrations made.
    group, _ = Group.objects.get_or_create(name=services.EDITORS_GROUP)
    group.permissions.add(*Permission.objects.filter(codename__in=["view_claim", "change_claim"]))
    users = []
    for name in ("ann", "ben"):
        user = django_user_model.objects.create_user(name, password="x", is_staff=True)
        user.groups.add(group)
        users.append(user)
    return users


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("simultaneous writers are a PostgreSQL matter: SQLite has one writer")


def at_once(*calls: Callable[[], object]) -> list[object]:
    """Run each call in its own thread (own connection); return results or exceptions."""
    results: list[object] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            results[index] = calls[index]()
        except Exception as error:  # compared by the test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def colleague_reviews(claim_id: int, user, *, status=ReviewStatus.VERIFIED) -> None:
    services.claim_review(
        claim=Claim.objects.get(pk=claim_id), reviewer=user, status=status, note="Checked."
    )


def assert_colleagues_review_kept(claim: Claim, colleague) -> None:
    claim.refresh_from_db()
    assert claim.review_status == ReviewStatus.VERIFIED and claim.editor_note == "Checked."
    assert claim.reviewer == colleague


# The service.


@pytest.mark.django_db
def test_service_refuses_a_write_based_on_an_old_version(editors):
    ann, ben = editors
    claim = ClaimFactory()
    anns_copy, bens_copy = Claim.objects.get(pk=claim.pk), Claim.objects.get(pk=claim.pk)
    services.claim_review(
        claim=bens_copy, reviewer=ben, status=ReviewStatus.VERIFIED, note="Checked."
    )
    with pytest.raises(services.ReviewConflict):
        services.claim_review(claim=anns_copy, reviewer=ann, status=ReviewStatus.FALSE)
    assert_colleagues_review_kept(claim, ben)


@pytest.mark.django_db
def test_an_actor_merge_counts_as_a_change(editors):
    ann, _ = editors
    claim = ClaimFactory()
    opened = Claim.objects.get(pk=claim.pk)
    services.actor_merge(survivor=ActorFactory(), merged=[claim.actor], user=ann)
    with pytest.raises(services.ReviewConflict):
        services.claim_review(claim=opened, reviewer=ann, status=ReviewStatus.VERIFIED)


@pytest.mark.django_db(transaction=True)
def test_service_two_saves_of_one_version_at_once(editors):
    needs_postgresql()
    ann, ben = editors
    claim = ClaimFactory()
    copies = [Claim.objects.get(pk=claim.pk) for _ in range(2)]
    results = at_once(
        lambda: services.claim_review(claim=copies[0], reviewer=ann, status="false"),
        lambda: services.claim_review(claim=copies[1], reviewer=ben, status="verified"),
    )
    conflicts = [r for r in results if isinstance(r, services.ReviewConflict)]
    saved = [r for r in results if isinstance(r, Claim)]
    assert len(conflicts) == 1 and len(saved) == 1, results
    claim.refresh_from_db()
    assert claim.review_status == saved[0].review_status and claim.review_version == 1


# The admin's claim page.


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def opened_form(client: Client, claim: Claim, **changes) -> dict:
    form = client.get(change_url(claim)).context["adminform"].form
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    return {**data, **changes}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_admin_colleague_saves_between_the_forms_check_and_its_save(editors, monkeypatch):
    ann, ben = editors
    claim = ClaimFactory()
    client = client_for(ann)
    data = opened_form(client, claim, review_status=ReviewStatus.FALSE, editor_note="Mine.")
    real_save = ClaimAdmin.save_model

    def colleague_first(self, request, obj, form, change):
        colleague_reviews(claim.pk, ben)
        return real_save(self, request, obj, form, change)

    monkeypatch.setattr(ClaimAdmin, "save_model", colleague_first)
    response = client.post(change_url(claim), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else reviewed this claim" in page and "Mine." in page
    # Made on the editor's own connection, the colleague's save is rolled back
    # with the refused one here (the threaded test below keeps both apart):
    # what matters is that the editor's stale review was not written.
    claim.refresh_from_db()
    assert claim.review_status != ReviewStatus.FALSE and claim.editor_note != "Mine."


@pytest.mark.django_db(transaction=True)
def test_admin_two_editors_save_at_once(editors, monkeypatch):
    needs_postgresql()
    claim = ClaimFactory()
    clients = [client_for(user) for user in editors]
    forms = [
        opened_form(clients[0], claim, review_status=ReviewStatus.FALSE),
        opened_form(clients[1], claim, review_status=ReviewStatus.VERIFIED),
    ]
    # Both forms pass their checks before either save starts.
    both_checked = threading.Barrier(2, timeout=30)
    real_save = ClaimAdmin.save_model

    def save_together(self, request, obj, form, change):
        both_checked.wait()
        return real_save(self, request, obj, form, change)

    monkeypatch.setattr(ClaimAdmin, "save_model", save_together)
    responses = at_once(
        *[
            lambda c=c, f=f: c.post(change_url(claim), f)
            for c, f in zip(clients, forms, strict=True)
        ]
    )
    codes = sorted(response.status_code for response in responses)
    assert codes == [200, 302], responses
    refused = next(r for r in responses if r.status_code == 200)
    assert "Someone else reviewed this claim" in refused.content.decode()
    claim.refresh_from_db()
    assert claim.review_version == 1


# The API.


def api_for(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def patch(api: APIClient, claim: Claim, data: dict, **headers):
    return api.patch(f"/api/v1/claims/{claim.pk}/", data, format="json", headers=headers)


@pytest.mark.django_db
def test_api_stale_if_match_is_412(editors):
    ann, ben = editors
    claim = ClaimFactory()
    api = api_for(ann)
    etag = api.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    colleague_reviews(claim.pk, ben)
    response = patch(api, claim, {"review_status": "false"}, **{"If-Match": etag})
    assert response.status_code == 412 and "changed since" in response.json()["detail"]
    assert_colleagues_review_kept(claim, ben)


@pytest.mark.django_db
def test_api_current_if_match_saves_and_gives_the_new_etag(editors):
    ann, _ = editors
    claim = ClaimFactory()
    api = api_for(ann)
    etag = api.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    response = patch(api, claim, {"review_status": "false"}, **{"If-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert api.get(f"/api/v1/claims/{claim.pk}/")["ETag"] == response["ETag"]


@pytest.mark.django_db
def test_api_colleague_saves_between_read_and_write_is_409(editors, monkeypatch):
    ann, ben = editors
    claim = ClaimFactory()
    real_review = services.claim_review

    def colleague_first(**kwargs):
        if kwargs["reviewer"] == ann:
            colleague_reviews(claim.pk, ben)
        return real_review(**kwargs)

    monkeypatch.setattr(services, "claim_review", colleague_first)
    response = patch(api_for(ann), claim, {"review_status": "false"})
    assert response.status_code == 409 and "Someone else" in response.json()["detail"]
    assert_colleagues_review_kept(claim, ben)


@pytest.mark.django_db(transaction=True)
def test_api_two_patches_at_once(editors, monkeypatch):
    needs_postgresql()
    claim = ClaimFactory()
    both_read = threading.Barrier(2, timeout=30)
    real_review = services.claim_review

    def review_together(**kwargs):
        both_read.wait()
        return real_review(**kwargs)

    monkeypatch.setattr(services, "claim_review", review_together)
    apis = [api_for(user) for user in editors]
    responses = at_once(
        lambda: patch(apis[0], claim, {"review_status": "false"}),
        lambda: patch(apis[1], claim, {"review_status": "verified"}),
    )
    assert sorted(r.status_code for r in responses) == [200, 409], responses
    claim.refresh_from_db()
    assert claim.review_version == 1


# Bulk actions.


@pytest.mark.django_db
def test_bulk_review_skips_a_claim_changed_meanwhile(editors):
    ann, ben = editors
    claims = list(ClaimFactory.create_batch(3))
    colleague_reviews(claims[1].pk, ben)
    report = services.claims_bulk_review(claims=claims, reviewer=ann, status=ReviewStatus.FALSE)
    assert (report.changed, report.conflicts) == (2, 1)
    assert_colleagues_review_kept(claims[1], ben)


@pytest.mark.django_db
def test_admin_bulk_action_says_which_were_left_alone(editors, monkeypatch):
    ann, ben = editors
    claims = ClaimFactory.create_batch(2)
    real_review = services.claim_review
    interfered = []

    def colleague_on_the_first(**kwargs):
        if not interfered:
            interfered.append(kwargs["claim"].pk)
            colleague_reviews(kwargs["claim"].pk, ben)
        return real_review(**kwargs)

    monkeypatch.setattr(services, "claim_review", colleague_on_the_first)
    response = client_for(ann).post(
        reverse("admin:claims_claim_changelist"),
        {"action": "mark_false", admin.helpers.ACTION_CHECKBOX_NAME: [c.pk for c in claims]},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert "Marked 1 claim(s) false." in shown
    assert any("changed by someone else meanwhile" in message for message in shown)
    assert_colleagues_review_kept(Claim.objects.get(pk=interfered[0]), ben)
