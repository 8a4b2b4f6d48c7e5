"""Statements on the desk: every appearance of one quote, reviewed, split, joined and linked.

Editors who may review claims may work on statements (the permission is
``claims.change_claim``); every write is a call to ``claims.services``.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from claims import services
from claims.models import Article, Claim, ClaimRelay, ReviewStatus, Statement, StatementLink

from .common import CSS

_EDITORS_PERMISSION = "claims.change_claim"


def appearances_table(claims) -> str:
    """Outlet, date, article, relays, review and how each claim was joined, as a table."""
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td><a href='{}'>{}</a></td><td>{}</td><td>{}</td>"
        "<td>{}</td></tr>",
        (
            (
                claim.article.publisher.name if claim.article.publisher_id else "\u2014",
                claim.published or "\u2014",
                reverse("admin:claims_claim_change", args=[claim.pk]),
                Truncator(claim.article.title or claim.text).chars(70),
                " \u2192 ".join(link.source.name for link in claim.relay_links.all()) or "\u2014",
                claim.get_review_status_display(),
                f"{claim.get_statement_method_display()}"
                + (f" ({claim.statement_score:.2f})" if claim.statement_score is not None else ""),
            )
            for claim in claims
        ),
    )
    return format_html(
        "<table><thead><tr><th>outlet</th><th>date</th><th>article</th><th>relayed by</th>"
        "<th>review</th><th>joined by</th></tr></thead><tbody>{}</tbody></table>",
        rows,
    )


def statement_appearances(statement_id: int, *, exclude: int | None = None) -> QuerySet:
    """A statement's claims in current article versions, in order of publication."""
    relays = ClaimRelay.objects.select_related("source").order_by("position")
    claims = (
        statement_claims(statement_id)
        .select_related("article__publisher")
        .defer("article__body")
        .prefetch_related(Prefetch("relay_links", queryset=relays))
        .order_by(F("published").asc(nulls_last=True), "id")
    )
    return claims.exclude(pk=exclude) if exclude is not None else claims


def statement_claims(statement_id: int) -> QuerySet:
    # NOT EXISTS, not the reverse one-to-one's join (see selectors._superseded).
    newer = Article.objects.filter(supersedes_id=OuterRef("article_id"))
    return Claim.objects.filter(~Exists(newer), statement_id=statement_id)


class StatementLinkForm(forms.ModelForm):
    class Meta:
        model = StatementLink
        fields = ["kind", "target"]


class OutgoingLinkInline(admin.TabularInline):
    """Links this statement makes (it repeats / contradicts / supports / corrects another)."""

    model = StatementLink
    fk_name = "source"
    form = StatementLinkForm
    extra = 0
    autocomplete_fields = ["target"]
    verbose_name = "link to another statement"
    verbose_name_plural = "links to other statements (this statement \u2026 that one)"

    def has_change_permission(self, request, obj=None) -> bool:
        # A link is added or deleted, never edited in place: each is one service call.
        return False

    def has_add_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(_EDITORS_PERMISSION)

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(_EDITORS_PERMISSION)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(_EDITORS_PERMISSION)


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["statement_text", "speaker", "kind", "first_published", "appearances"]
    list_select_related = ["speaker", "first_claim"]
    list_filter = ["kind"]
    search_fields = ["first_claim__text", "speaker__name"]
    ordering = ["-first_published", "-id"]
    list_per_page = 50
    show_full_result_count = False
    fields = [
        "statement_text",
        "speaker",
        "kind",
        "first_published",
        "appearances",
        "appearance_list",
        "incoming_links",
    ]
    readonly_fields = fields
    inlines = [OutgoingLinkInline]
    actions = ["join_statements", "mark_verified", "mark_disputed", "mark_false"]

    class Media:
        css = CSS

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("speaker", "first_claim")

    # Editors (who may review claims) work on statements too.

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(_EDITORS_PERMISSION)

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(_EDITORS_PERMISSION)

    def has_module_permission(self, request) -> bool:
        return request.user.has_perm(_EDITORS_PERMISSION)

    def has_add_permission(self, request) -> bool:
        # Statements come from ingest, and from splits and joins.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    # Columns and fields.

    @admin.display(description="statement", ordering="id")
    def statement_text(self, statement: Statement) -> str:
        claim = statement.first_claim
        return Truncator(claim.text if claim else statement.text).chars(140)

    @admin.display(description="every appearance, the first first")
    def appearance_list(self, statement: Statement) -> str:
        return appearances_table(statement_appearances(statement.pk))

    @admin.display(description="linked from other statements")
    def incoming_links(self, statement: Statement) -> str:
        links = StatementLink.objects.filter(target=statement).select_related("source__first_claim")
        if not links:
            return "\u2014"
        return format_html_join(
            "",
            "<div><a href='{}'>{}</a> {} this statement</div>",
            (
                (
                    reverse("admin:claims_statement_change", args=[link.source_id]),
                    Truncator(link.source).chars(80),
                    link.get_kind_display(),
                )
                for link in links
            ),
        )

    # Links are added and removed through the services, which check them and
    # record who did it.

    def save_model(self, request, obj, form, change) -> None:
        # Nothing of the statement itself is edited on its page.
        pass

    def save_formset(self, request, form, formset, change) -> None:
        # What the admin's change message lists, as formset.save() would set it.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for deleted in formset.deleted_forms:
            if deleted.instance.pk is not None:
                services.statement_unlink(link=deleted.instance, user=request.user)
                formset.deleted_objects.append(deleted.instance)
        for link_form in formset.forms:
            if link_form in formset.deleted_forms or not link_form.has_changed():
                continue
            if link_form.instance.pk is None:
                try:
                    link = services.statement_link(
                        source=form.instance,
                        target=link_form.cleaned_data["target"],
                        kind=link_form.cleaned_data["kind"],
                        user=request.user,
                    )
                except ValidationError as error:
                    self.message_user(request, "; ".join(error.messages), messages.ERROR)
                    continue
                formset.new_objects.append(link)

    # Actions: each a call to a service.

    @admin.action(description="Join selected statements into the earliest", permissions=["change"])
    def join_statements(self, request: HttpRequest, queryset: QuerySet) -> None:
        chosen = list(queryset.order_by(F("first_published").asc(nulls_last=True), "id"))
        if len(chosen) < 2:
            self.message_user(request, "Select at least two statements to join.", messages.ERROR)
            return
        try:
            survivor = services.statements_join(
                survivor=chosen[0], merged=chosen[1:], user=request.user
            )
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return
        self.message_user(
            request,
            f"Joined {len(chosen)} statements: {survivor.appearances} appearance(s) now.",
            messages.SUCCESS,
        )

    def _verdict(self, request: HttpRequest, queryset: QuerySet, status: str) -> None:
        changed = conflicts = 0
        for statement in queryset:
            report = services.statement_review(
                statement=statement, reviewer=request.user, status=status
            )
            changed += report.changed
            conflicts += report.conflicts
        label = ReviewStatus(status).label
        self.message_user(request, f"Marked {changed} appearance(s) {label}.", messages.SUCCESS)
        if conflicts:
            self.message_user(
                request,
                f"{conflicts} appearance(s) were changed by someone else meanwhile and were "
                "left as they made them.",
                messages.WARNING,
            )

    @admin.action(description="Mark every appearance verified", permissions=["change"])
    def mark_verified(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._verdict(request, queryset, ReviewStatus.VERIFIED)

    @admin.action(description="Mark every appearance disputed", permissions=["change"])
    def mark_disputed(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._verdict(request, queryset, ReviewStatus.DISPUTED)

    @admin.action(description="Mark every appearance false", permissions=["change"])
    def mark_false(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._verdict(request, queryset, ReviewStatus.FALSE)
