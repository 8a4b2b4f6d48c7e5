"""Role at the time on the desk: the claim page shows it, the actor page lists roles by date."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from claims.services.roles import actor_roles_refresh
from tests.factories import ActorFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_claim_page_shows_the_role_at_the_time_read_only(editor_client):
    claim = ClaimFactory(speaker_role="U.S. Defense Secretary")
    response = editor_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert "speaker_role" not in response.context["adminform"].form.fields
    html = response.content.decode()
    assert "Role at the time" in html and "U.S. Defense Secretary" in html


def test_actor_page_lists_roles_with_their_dates_escaped(editor_client):
    gates = ActorFactory(name="Robert Gates")
    ClaimFactory(
        actor=gates, speaker_role="<b>Defense</b> Secretary", published=datetime.date(2007, 4, 24)
    )
    ClaimFactory(actor=gates, speaker_role="Former secretary", published=datetime.date(2024, 1, 9))
    ClaimFactory(actor=gates, speaker_role="Author", published=None)
    actor_roles_refresh(actor_ids=[gates.pk])

    html = editor_client.get(reverse("admin:claims_actor_change", args=[gates.pk])).content.decode()

    assert "<li>Former secretary <small>2024-01-09 \u2013 2024-01-09</small></li>" in html
    assert (
        "<li>&lt;b&gt;Defense&lt;/b&gt; Secretary <small>2007-04-24 \u2013 2007-04-24</small></li>"
        in html
    )
    assert "<li>Author <small>undated \u2013 undated</small></li>" in html
    assert html.index("Former secretary") < html.index("Defense&lt;/b&gt; Secretary")


def test_add_page_has_no_roles_yet(admin_client):
    assert admin_client.get(reverse("admin:claims_actor_add")).status_code == 200
