"""The claim queue and the claim page: where editors spend their day."""

from __future__ import annotations

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.views.main import PAGE_VAR, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db.models import (
    Case,
    IntegerField,
    Prefetch,
    QuerySet,
    Value,
    When,
)
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator, smart_split, unescape_string_literal
from simple_history.admin import SimpleHistoryAdmin

from claims import selectors, services
from claims.models import Actor, Claim, ClaimRelay, ReviewStatus

from . import filters
from .common import CSS, EstimatedCountPaginator
from .highlight import claim_in_paragraph, join_html
from .statements import appearances_table, statement_appearances

# Unreviewed claims first, oldest first within each group: the order of the queue.
QUEUE_ORDER = [
    Case(
        When(review_status=ReviewStatus.UNREVIEWED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    ).asc(),
    "id",
]
REVIEW_NEXT = "_review_next"


class ClaimReviewForm(forms.ModelForm):
    """The editable part of a claim, with the version of the claim the editor saw."""

    # Sent back with the review: services.claim_review writes only if the claim
    # is still at this version, so a colleague's review in between survives.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    # Set (on a subclass) when the service refused the save: the form is shown
    # again, with the editor's input and the reason.
    review_conflict: str | None = None

    class Meta:
        model = Claim
        fields = ["review_status", "rating", "editor_note", "public_explanation", "actor"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen_version"].initial = self.instance.review_version

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.review_conflict:
            raise ValidationError(self.review_conflict)
        return cleaned


class AssignActorForm(forms.Form):
    def __init__(self, *args, admin_site: admin.AdminSite, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Chosen by autocomplete (ActorAdmin.search_fields): there can be thousands.
        self.fields["actor"] = forms.ModelChoiceField(
            queryset=Actor.objects.all(),
            widget=AutocompleteSelect(Claim._meta.get_field("actor"), admin_site),
        )


class ClaimChangeList(ChangeList):
    def get_queryset(self, request: HttpRequest, exclude_parameters=None) -> QuerySet:
        # The list shows no article text: leave the bodies (kilobytes each) behind.
        return super().get_queryset(request, exclude_parameters).defer("article__body")


# What the pipeline wrote, shown read-only on the claim page: editors correct
# the speaker and rate the claim, never the offsets.
PIPELINE_FIELDS = [
    "in_context",
    "kind",
    "speaker_mention",
    "speaker_role",
    "relays_display",
    "confidence",
    "article_link",
    "published",
    "position",
    "cue",
    "also_in",
]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    form = ClaimReviewForm
    list_display = [
        "claim_text",
        "kind",
        "actor_link",
        "article_link",
        "relay_names",
        "status",
        "confidence_display",
    ]
    list_select_related = ["actor", "article", "article__publisher"]
    list_filter = [
        "review_status",
        filters.ReviewedFilter,
        "kind",
        filters.PublisherFilter,
        filters.RelayFilter,
        filters.ConfidenceBandFilter,
        filters.VersionFilter,
        filters.ActorFilter,
    ]
    search_fields = ["text", "actor__name", "actor__aliases__name", "article__title"]
    search_help_text = "Words of the claim, an actor's name or alias, an article title."
    date_hierarchy = "published"
    list_per_page = 50
    # The queue can hold millions of claims: count only the filtered ones, and
    # those exactly only when there are few (the planner's estimate otherwise).
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    autocomplete_fields = ["actor"]
    actions = [
        "mark_verified",
        "mark_disputed",
        "mark_false",
        "mark_not_claim",
        "assign_actor",
        "split_out",
    ]
    fieldsets = [
        ("The claim", {"fields": PIPELINE_FIELDS}),
        (
            "Review",
            {
                "fields": [
                    "review_status",
                    "rating",
                    "editor_note",
                    "public_explanation",
                    "actor",
                    "reviewer",
                    "reviewed_at",
                    "seen_version",
                ]
            },
        ),
    ]
    readonly_fields = [*PIPELINE_FIELDS, "reviewer", "reviewed_at"]

    class Media:
        css = CSS

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        relays = ClaimRelay.objects.select_related("source").order_by("position")
        return (
            super()
            .get_queryset(request)
            .select_related("actor", "article", "article__publisher", "reviewer")
            .prefetch_related(Prefetch("relay_links", queryset=relays))
        )

    def get_ordering(self, request: HttpRequest) -> list:
        # Only a list mixing reviewed and unreviewed claims needs the CASE (and
        # a sort); the default queue of unreviewed claims reads its index in order.
        if request.GET.get(filters.ReviewedFilter.parameter_name) == "all" or (
            filters.ReviewedFilter.status_parameter in request.GET
        ):
            return QUEUE_ORDER
        return ["id"]

    def get_changelist(self, request: HttpRequest, **kwargs):
        return ClaimChangeList

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        """Every word must match the text, the actor's name or an alias, or the title.

        The actors and articles a word names are looked up first
        (selectors.claims_mentioning), so the list needs no join and no
        DISTINCT, and on PostgreSQL every part is answered from an index.
        """
        for bit in smart_split(search_term):
            if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            if bit.strip():
                queryset = queryset.filter(selectors.claims_mentioning(word=bit))
        return queryset, False

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Claims come from the extractor, never from a blank form.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Claim | None = None) -> bool:
        # An editor throws a claim out by marking it "not a claim", which keeps
        # the decision (and re-extraction will not bring it back).
        return False

    # Columns.

    @admin.display(description="claim", ordering="id")
    def claim_text(self, claim: Claim) -> str:
        return Truncator(claim.text).chars(140)

    @admin.display(description="actor", ordering="actor__name")
    def actor_link(self, claim: Claim) -> str:
        if claim.actor is None:
            return "\u2014"
        return format_html(
            '<a href="?{}={}" title="Only this actor\'s claims">{}</a>',
            filters.ActorFilter.parameter_name,
            claim.actor_id,
            claim.actor.name,
        )

    @admin.display(description="article", ordering="article__published")
    def article_link(self, claim: Claim) -> str:
        article = claim.article
        url = reverse("admin:claims_article_change", args=[article.pk])
        details = [
            article.publisher.name if article.publisher else "",
            str(article.published or ""),
        ]
        return format_html(
            '<a href="{}">{}</a><br><small>{}</small>',
            url,
            Truncator(str(article)).chars(60),
            " \u00b7 ".join(part for part in details if part),
        )

    @admin.display(description="relayed by")
    def relay_names(self, claim: Claim) -> str:
        return ", ".join(link.source.name for link in claim.relay_links.all()) or "\u2014"

    @admin.display(description="status", ordering="review_status")
    def status(self, claim: Claim) -> str:
        return format_html(
            '<span class="claims-status claims-status-{}">{}</span>',
            claim.review_status,
            claim.get_review_status_display(),
        )

    @admin.display(description="confidence", ordering="confidence")
    def confidence_display(self, claim: Claim) -> str:
        return f"{claim.confidence:.2f}"

    # The claim page.

    @admin.display(description="in its paragraph")
    def in_context(self, claim: Claim) -> str:
        speaker = None
        if claim.speaker_start is not None and claim.speaker_end is not None:
            speaker = (claim.speaker_start, claim.speaker_end)
        relays = [
            (link.mention_start, link.mention_end)
            for link in claim.relay_links.all()
            if link.mention_start is not None and link.mention_end is not None
        ]
        return claim_in_paragraph(
            claim.article.body, start=claim.start, end=claim.end, speaker=speaker, relays=relays
        )

    @admin.display(description="relayed by")
    def relays_display(self, claim: Claim) -> str:
        links = list(claim.relay_links.all())
        if not links:
            return "\u2014 (the publisher's own reporting)"
        return join_html(
            [
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("admin:claims_source_change", args=[link.source_id]),
                    link.source.name,
                )
                for link in links
            ],
            " \u2192 ",
        )

    @admin.display(description="position")
    def position(self, claim: Claim) -> str:
        also = ", ".join(f"{start}\u2013{end}" for start, end in claim.also_at)
        return f"characters {claim.start}\u2013{claim.end}" + (f" (also at {also})" if also else "")

    @admin.display(description="also in")
    def also_in(self, claim: Claim) -> str:
        if claim.statement_id is None:
            return "\u2014 (not yet part of a statement)"
        others = list(statement_appearances(claim.statement_id, exclude=claim.pk))
        statement_url = reverse("admin:claims_statement_change", args=[claim.statement_id])
        how = claim.get_statement_method_display()
        if claim.statement_score is not None:
            how += f", score {claim.statement_score:.2f}"
        if not others:
            return format_html(
                'no other article (<a href="{}">its statement</a>; {})', statement_url, how
            )
        return format_html(
            '{} other article(s): <a href="{}">the statement</a> (this claim: {}){}',
            len(others),
            statement_url,
            how,
            appearances_table(others),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {"title": "Review claim", **(extra_context or {})}
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except services.ReviewConflict as conflict:
            # The service refused the save (and its transaction rolled back):
            # show the editor's form again with the reason, not a success page.
            request._review_conflict = str(conflict)
            return super().change_view(request, object_id, form_url, extra_context)

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        conflict = getattr(request, "_review_conflict", None)
        if conflict:
            form = type(form.__name__, (form,), {"review_conflict": conflict})
        return form

    # Saving goes through the review service; nothing is decided here.

    def save_model(self, request: HttpRequest, obj: Claim, form: forms.Form, change: bool) -> None:
        # The form has already copied its values onto ``obj``; the service
        # compares against the stored claim to know what the editor changed.
        stored = Claim.objects.get(pk=obj.pk)
        data = form.cleaned_data
        services.claim_review(
            claim=stored,
            reviewer=request.user,
            status=data["review_status"],
            rating=data["rating"],
            note=data["editor_note"],
            explanation=data["public_explanation"],
            actor=data["actor"],
            seen_version=data["seen_version"],
        )
        obj.reviewer, obj.reviewed_at = stored.reviewer, stored.reviewed_at

    def save_related(self, request, form, formsets, change) -> None:
        # Nothing related is edited on this page (relays are the pipeline's).
        pass

    def response_change(self, request: HttpRequest, obj: Claim) -> HttpResponse:
        if REVIEW_NEXT not in request.POST:
            return super().response_change(request, obj)
        preserved = self.get_preserved_filters(request)
        following = self.next_unreviewed(request, after=obj)
        if following is None:
            self.message_user(
                request,
                f"Saved \u201c{obj}\u201d. No unreviewed claims are left in this queue.",
                messages.SUCCESS,
            )
            url = reverse("admin:claims_claim_changelist")
        else:
            self.message_user(
                request, f"Saved \u201c{obj}\u201d. Next unreviewed claim:", messages.SUCCESS
            )
            url = reverse("admin:claims_claim_change", args=[following.pk])
        return HttpResponseRedirect(
            add_preserved_filters({"preserved_filters": preserved, "opts": self.opts}, url)
        )

    def next_unreviewed(self, request: HttpRequest, *, after: Claim) -> Claim | None:
        """The next unreviewed claim of the queue the editor came from (same filters)."""
        queue_request = self._queue_request(request)
        try:
            changelist = self.get_changelist_instance(queue_request)
        except IncorrectLookupParameters:
            queue_request.GET = QueryDict()
            changelist = self.get_changelist_instance(queue_request)
        candidates = (
            changelist.get_queryset(queue_request)
            .filter(review_status=ReviewStatus.UNREVIEWED)
            .exclude(pk=after.pk)
        )
        # After this claim in queue order, then from the top: a claim the editor
        # skipped without reviewing does not come straight back.
        return candidates.filter(pk__gt=after.pk).first() or candidates.first()

    def _queue_request(self, request: HttpRequest) -> HttpRequest:
        """A GET of the changelist with the filters the editor came from (minus the page)."""
        queue_request = copy.copy(request)
        queue_request.method = "GET"
        queue_request.GET = QueryDict(request.GET.get("_changelist_filters", ""), mutable=True)
        queue_request.GET.pop(PAGE_VAR, None)
        queue_request.POST = QueryDict()
        return queue_request

    # Bulk actions: each one a call to the review service.

    def _bulk_verdict(self, request: HttpRequest, queryset: QuerySet, status: str) -> None:
        label = ReviewStatus(status).label
        report = services.claims_bulk_review(
            claims=queryset.select_related(None).prefetch_related(None),
            reviewer=request.user,
            status=status,
            reason=f"bulk: marked {label}",
        )
        self.message_user(request, f"Marked {report.changed} claim(s) {label}.", messages.SUCCESS)
        self._report_conflicts(request, report)

    def _report_conflicts(self, request: HttpRequest, report: services.BulkReviewReport) -> None:
        if report.conflicts:
            self.message_user(
                request,
                f"{report.conflicts} claim(s) were changed by someone else meanwhile and "
                "were left as they made them; look at them again.",
                messages.WARNING,
            )

    @admin.action(description="Mark selected claims verified", permissions=["change"])
    def mark_verified(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._bulk_verdict(request, queryset, ReviewStatus.VERIFIED)

    @admin.action(description="Mark selected claims disputed", permissions=["change"])
    def mark_disputed(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._bulk_verdict(request, queryset, ReviewStatus.DISPUTED)

    @admin.action(description="Mark selected claims false", permissions=["change"])
    def mark_false(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._bulk_verdict(request, queryset, ReviewStatus.FALSE)

    @admin.action(description="Mark selected as not a claim", permissions=["change"])
    def mark_not_claim(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._bulk_verdict(request, queryset, ReviewStatus.NOT_A_CLAIM)

    @admin.action(
        description="Split selected claims out of their statements", permissions=["change"]
    )
    def split_out(self, request: HttpRequest, queryset: QuerySet) -> None:
        split = 0
        for claim in queryset.select_related(None).prefetch_related(None):
            try:
                services.statement_split(claim=claim, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"\u201c{claim}\u201d: {error.messages[0]}", messages.WARNING
                )
                continue
            split += 1
        self.message_user(
            request, f"Split {split} claim(s) into statements of their own.", messages.SUCCESS
        )

    @admin.action(description="Assign an actor to selected claims", permissions=["change"])
    def assign_actor(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        form = AssignActorForm(
            request.POST if "apply" in request.POST else None, admin_site=self.admin_site
        )
        if form.is_bound and form.is_valid():
            actor = form.cleaned_data["actor"]
            report = services.claims_bulk_review(
                claims=queryset.select_related(None).prefetch_related(None),
                reviewer=request.user,
                actor=actor,
                reason=f"bulk: assigned to {actor.slug}",
            )
            self.message_user(
                request, f"Assigned {report.changed} claim(s) to {actor.name}.", messages.SUCCESS
            )
            self._report_conflicts(request, report)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Assign an actor",
            "opts": self.opts,
            "form": form,
            "media": self.media + form.media,
            "claims": queryset[:20],
            "count": queryset.count(),
            "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action": "assign_actor",
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/claim/assign_actor.html", context)
