"""Articles: the full text with every claim marked, and re-running extraction."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from claims import services
from claims.models import Article, Claim, ReviewStatus
from claims.validators import validate_article_url

from .common import CSS, EstimatedCountPaginator, count_of
from .filters import PublishersWithArticlesFilter
from .highlight import article_with_claims


class ClaimInline(admin.TabularInline):
    """The article's claims in reading order; each links to its claim page for review."""

    model = Claim
    fields = ["text_short", "kind", "actor", "speaker_mention", "confidence", "review_status"]
    readonly_fields = fields
    ordering = ["start"]
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        return False

    @admin.display(description="claim")
    def text_short(self, claim: Claim) -> str:
        return Truncator(claim.text).chars(120)


class CurrentVersionFilter(admin.SimpleListFilter):
    title = "version"
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", "current"), ("no", "superseded")]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        newer = Article.objects.filter(supersedes=OuterRef("pk"))
        if self.value() == "yes":
            return queryset.exclude(Exists(newer))
        if self.value() == "no":
            return queryset.filter(Exists(newer))
        return queryset


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "publisher",
        "published",
        "claim_count",
        "unreviewed_count",
        "is_current",
        "ingested_at",
    ]
    list_select_related = ["publisher"]
    list_filter = [("publisher", PublishersWithArticlesFilter), CurrentVersionFilter]
    search_fields = ["title", "origin", "byline"]
    date_hierarchy = "published"
    autocomplete_fields = ["publisher"]
    fieldsets = [
        (None, {"fields": ["title", "publisher", "published", "byline", "url"]}),
        ("Text", {"fields": ["body_with_claims"]}),
        (
            "Provenance",
            {
                "fields": ["origin", "content_hash", "ingested_at", "supersedes", "newer_version"],
                "classes": ["collapse"],
            },
        ),
    ]
    readonly_fields = [
        "body_with_claims",
        "origin",
        "content_hash",
        "ingested_at",
        "supersedes",
        "newer_version",
    ]
    inlines = [ClaimInline]
    actions = ["reextract"]
    list_per_page = 50
    # Count only the filtered articles, exactly only when few (see EstimatedCountPaginator).
    show_full_result_count = False
    paginator = EstimatedCountPaginator

    class Media:
        css = CSS

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        claims = Claim.objects.all()
        return (
            super()
            .get_queryset(request)
            .annotate(
                claim_total=count_of(claims, "article"),
                unreviewed_total=count_of(
                    claims.filter(review_status=ReviewStatus.UNREVIEWED), "article"
                ),
                current=~Exists(Article.objects.filter(supersedes=OuterRef("pk"))),
            )
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            # A bare host name typed by an editor is a web address: https.
            kwargs["assume_scheme"] = "https"
            # http(s) only, within the column: the rule ingest applies too.
            kwargs["validators"] = [validate_article_url]
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        # Deleting an article would delete its reviewed claims with it.
        return False

    @admin.display(description="claims", ordering="claim_total")
    def claim_count(self, article: Article) -> int:
        return article.claim_total

    @admin.display(description="unreviewed", ordering="unreviewed_total")
    def unreviewed_count(self, article: Article) -> int:
        return article.unreviewed_total

    @admin.display(description="current", boolean=True, ordering="current")
    def is_current(self, article: Article) -> bool:
        return article.current

    @admin.display(description="text, claims marked")
    def body_with_claims(self, article: Article) -> str:
        claims = article.claims.order_by("start").values_list("pk", "start", "end", "kind")
        return article_with_claims(
            article.body,
            [
                (start, end, f"{kind} claim #{pk}", reverse("admin:claims_claim_change", args=[pk]))
                for pk, start, end, kind in claims
            ],
        )

    @admin.display(description="superseded by")
    def newer_version(self, article: Article) -> str:
        newer = Article.objects.filter(supersedes=article).only("pk", "title", "origin").first()
        if newer is None:
            return "\u2014 (this is the current version)"
        url = reverse("admin:claims_article_change", args=[newer.pk])
        return format_html('<a href="{}">{}</a>', url, newer)

    def save_model(
        self, request: HttpRequest, obj: Article, form: forms.Form, change: bool
    ) -> None:
        if not change:
            raise AssertionError("articles are ingested, not added in the admin")
        stored = Article.objects.get(pk=obj.pk)
        data = form.cleaned_data
        services.article_update_metadata(
            article=stored,
            user=request.user,
            **{name: data[name] for name in ("title", "publisher", "published", "byline", "url")},
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Articles come in through ingest, which extracts their claims.
        return False

    def has_reextract_permission(self, request: HttpRequest) -> bool:
        # Re-extraction rewrites unreviewed claims: the right to change claims.
        return request.user.has_perm("claims.change_claim")

    @admin.action(
        description="Re-run extraction (reviewed claims are kept)", permissions=["reextract"]
    )
    def reextract(self, request: HttpRequest, queryset: QuerySet) -> None:
        for article in queryset.select_related("publisher"):
            report = services.article_reextract(article=article)
            self.message_user(
                request,
                f"{article}: {report.claims_created} claim(s) found, "
                f"{report.claims_removed} unreviewed removed, "
                f"{report.reviewed_kept} reviewed kept.",
                messages.SUCCESS,
            )
