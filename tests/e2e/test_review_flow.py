"""An editor's review in a real browser, on the seed articles."""

from __future__ import annotations

import importlib
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from claims.models import Actor, Claim, ReviewStatus
from claims.services import EDITORS_GROUP

PASSWORD = "a long editor passphrase 7"

pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def editors_group():
    """The Editors group as its migration makes it.

    Transactional tests empty every table when they finish, and the group is
    data, not schema: after another transactional test it is gone, so it is
    rebuilt here from the migration's own list of permissions.
    """
    migration = importlib.import_module("claims.migrations.0003_editors_group")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in migration.PERMISSIONS
        ]
    )
    return group


@pytest.fixture
def editor(django_user_model, editors_group):
    user = django_user_model.objects.create_user(
        username="editor", password=PASSWORD, is_staff=True
    )
    user.groups.add(editors_group)
    assert not user.is_superuser
    return user


def test_editor_reviews_an_actors_claims(page, live_server, desk_static, editor):
    call_command("loaddata", "seeds", verbosity=0)
    gates = Actor.objects.get(name="Robert Gates")
    gates_claims = Claim.objects.filter(actor=gates).order_by("id")
    assert gates_claims.count() >= 2
    first, second = gates_claims[:2]

    # Log in as an editor (not a superuser).
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    assert "claims" in page.inner_text("#site-name")

    # The queue, then only Gates' claims, by clicking his name in the actor column.
    page.click("a[href$='/admin/claims/claim/']")
    page.wait_for_selector("#result_list")
    assert page.locator("#result_list tbody tr").count() == Claim.objects.count()
    page.locator("#result_list td.field-actor_link a", has_text="Robert Gates").first.click()
    page.wait_for_url(re.compile(rf"\?actor={gates.pk}$"))
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == gates_claims.count()
    actors_listed = set(page.locator("#result_list td.field-actor_link").all_inner_texts())
    assert actors_listed == {"Robert Gates"}
    assert "Gates" in page.inner_text("#changelist-filter")

    # Open the first claim: the claim is marked inside its paragraph.
    rows.first.locator("th.field-claim_text a").click()
    mark = page.locator("mark.claims-claim")
    mark.wait_for()
    assert mark.inner_text() == first.text
    assert page.locator(".claims-speaker").inner_text() == first.speaker_mention

    # Dispute it, save and go on to the next unreviewed claim of this queue.
    page.select_option("#id_review_status", ReviewStatus.DISPUTED.value)
    page.fill("#id_editor_note", "Needs the transcript.")
    page.click("input[name=_review_next]")
    page.wait_for_url(re.compile(rf"/admin/claims/claim/{second.pk}/change/"))
    assert "Next unreviewed claim" in page.inner_text("ul.messagelist")
    assert page.locator("mark.claims-claim").inner_text() == second.text

    first.refresh_from_db()
    assert first.review_status == ReviewStatus.DISPUTED
    assert first.reviewer == editor and first.reviewed_at is not None

    # The change is in the first claim's history: who, and what changed.
    page.goto(f"{live_server.url}/admin/claims/claim/{first.pk}/history/")
    latest = page.locator("#change-history tbody tr").first
    latest.wait_for()
    text = " ".join(latest.inner_text().split())
    assert "editor" in text
    assert "Review status: unreviewed → disputed" in text
    assert "Editor note:" in text and "Needs the transcript." in text
