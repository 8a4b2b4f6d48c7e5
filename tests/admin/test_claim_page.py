"""One claim: in context, escaped, reviewed through the service, and the next one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Claim, ReviewStatus
from claims.services import claim_review
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def review_form(response, **changes) -> dict:
    """The change form as the browser would post it, with ``changes`` applied."""
    form = response.context["adminform"].form
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data.update(changes)
    return data


def test_claim_is_marked_inside_its_paragraph(editor_client):
    body = 'Opening paragraph.\n\n"Prices will fall," Ms Lee said.\n\nClosing paragraph.'
    article = ArticleFactory(body=body)
    claim = ClaimFactory(
        article=article,
        text="Prices will fall",
        start=body.index("Prices"),
        speaker_mention="Ms Lee",
        speaker_start=body.index("Ms Lee"),
        speaker_end=body.index("Ms Lee") + 6,
    )
    html = editor_client.get(change_url(claim)).content.decode()
    assert '<mark class="claims-claim" title="the claim">Prices will fall</mark>' in html
    assert '<span class="claims-speaker" title="the speaker">Ms Lee</span>' in html
    assert "Opening paragraph" not in html and "Closing paragraph" not in html


def test_article_text_cannot_inject_html(editor_client):
    body = 'Intro.\n\n"<script>alert("x")</script> is <b>fine</b>," said <i>Eve</i>.'
    claim = ClaimFactory(
        article=ArticleFactory(body=body),
        text='<script>alert("x")</script> is <b>fine</b>',
        start=body.index("<script>"),
    )
    html = editor_client.get(change_url(claim)).content.decode()
    assert "<script>alert" not in html and "<b>fine</b>" not in html and "<i>Eve" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_pipeline_fields_are_read_only_and_review_fields_editable(editor_client):
    claim = ClaimFactory()
    form = editor_client.get(change_url(claim)).context["adminform"].form
    assert {"review_status", "rating", "editor_note", "actor"} <= set(form.fields)
    for pipeline_field in ("text", "start", "end", "kind", "confidence", "article", "reviewer"):
        assert pipeline_field not in form.fields


def test_saving_reviews_through_the_service(editor_client, editor):
    claim = ClaimFactory()
    right = ActorFactory(name="The Right Speaker")
    response = editor_client.get(change_url(claim))
    data = review_form(
        response,
        review_status=ReviewStatus.MISATTRIBUTED,
        rating="2",
        editor_note="The quote is the minister's.",
        actor=str(right.pk),
        # Posted pipeline values are ignored: those fields are not on the form.
        text="tampered",
        confidence="0.01",
    )
    response = editor_client.post(change_url(claim), data)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.review_status == ReviewStatus.MISATTRIBUTED
    assert (claim.rating, claim.editor_note, claim.actor) == (2, data["editor_note"], right)
    assert claim.reviewer == editor and claim.reviewed_at is not None
    assert claim.text != "tampered" and claim.confidence == 0.9
    latest = claim.history.first()
    assert latest.history_user == editor and latest.review_status == "misattributed"


def test_saving_unchanged_writes_no_review(editor_client):
    claim = ClaimFactory()
    versions = claim.history.count()
    response = editor_client.get(change_url(claim))
    editor_client.post(change_url(claim), review_form(response))
    claim.refresh_from_db()
    assert claim.reviewed_at is None and claim.history.count() == versions


def test_a_colleagues_review_in_between_is_not_overwritten(editor_client, admin_user):
    claim = ClaimFactory()
    opened = editor_client.get(change_url(claim))
    claim_review(claim=claim, reviewer=admin_user, status=ReviewStatus.VERIFIED, note="Checked.")
    response = editor_client.post(
        change_url(claim), review_form(opened, review_status=ReviewStatus.FALSE)
    )
    assert response.status_code == 200
    assert "Someone else reviewed this claim" in response.content.decode()
    claim.refresh_from_db()
    assert claim.review_status == ReviewStatus.VERIFIED and claim.editor_note == "Checked."


class TestReviewNext:
    def test_goes_to_the_next_unreviewed_claim(self, editor_client, admin_user):
        first, done, third = ClaimFactory.create_batch(3)
        claim_review(claim=done, reviewer=admin_user, status=ReviewStatus.VERIFIED)
        response = editor_client.get(change_url(first))
        response = editor_client.post(
            change_url(first),
            review_form(response, review_status=ReviewStatus.DISPUTED, _review_next="1"),
        )
        assert response.status_code == 302
        assert response["Location"].startswith(change_url(third))
        first.refresh_from_db()
        assert first.review_status == ReviewStatus.DISPUTED

    def test_keeps_to_the_filtered_queue(self, editor_client):
        gates = ActorFactory(name="Robert Gates")
        first = ClaimFactory(actor=gates)
        ClaimFactory()  # someone else's, in between
        second = ClaimFactory(actor=gates)
        filters = f"_changelist_filters=actor%3D{gates.pk}"
        url = f"{change_url(first)}?{filters}"
        response = editor_client.get(url)
        response = editor_client.post(
            url, review_form(response, review_status=ReviewStatus.VERIFIED, _review_next="1")
        )
        assert response["Location"] == f"{change_url(second)}?{filters}"

    def test_an_empty_queue_returns_to_the_list(self, editor_client):
        only = ClaimFactory()
        response = editor_client.get(change_url(only))
        response = editor_client.post(
            change_url(only),
            review_form(response, review_status=ReviewStatus.VERIFIED, _review_next="1"),
        )
        assert response["Location"] == reverse("admin:claims_claim_changelist")

    def test_a_skipped_claim_does_not_come_straight_back(self, editor_client):
        first, second = ClaimFactory.create_batch(2)
        response = editor_client.get(change_url(second))
        response = editor_client.post(
            change_url(second), review_form(response, editor_note="later", _review_next="1")
        )
        # second stays unreviewed in status; the next one is first, from the top.
        assert response["Location"].startswith(change_url(first))

    def test_the_button_is_on_the_page(self, editor_client):
        html = editor_client.get(change_url(ClaimFactory())).content.decode()
        assert 'name="_review_next"' in html


def test_history_shows_who_changed_what(editor_client, editor):
    claim = ClaimFactory()
    response = editor_client.get(change_url(claim))
    editor_client.post(change_url(claim), review_form(response, review_status="false"))
    history = editor_client.get(reverse("admin:claims_claim_history", args=[claim.pk]))
    assert history.status_code == 200
    text = " ".join(history.content.decode().split())
    assert '<a href="/admin/auth/user/' in text and f'">{editor.username}</a>' in text
    assert "<strong>Review status:</strong> unreviewed &nbsp;&rarr;&nbsp;&nbsp;false" in text


def test_seed_claim_page(editor_client, seeded):
    claim = Claim.objects.get(text__startswith="The days of the Cold War")
    html = editor_client.get(change_url(claim)).content.decode()
    assert "<mark" in html and "The days of the Cold War are over" in html
    assert '<span class="claims-speaker" title="the speaker">Gates</span>' in html


def test_first_review_of_an_ingested_claim_keeps_the_extracted_version(editor_client, editor):
    claim = ClaimFactory()
    Claim.history.filter(id=claim.pk).delete()  # ingest bulk-creates claims: no history
    response = editor_client.get(change_url(claim))
    editor_client.post(change_url(claim), review_form(response, review_status="verified"))
    review, baseline = claim.history.all()
    assert (review.history_user, review.review_status) == (editor, "verified")
    # The version as extracted is nobody's edit, though it is recorded during a request.
    assert (baseline.history_user, baseline.review_status) == (None, "unreviewed")
