"""Sidebar filters of the claim queue.

Each lists its choices with at most one small query (or none) and filters
with an index-friendly condition, so the queue stays quick at any size.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q, QuerySet

from claims.models import Actor, Article, ClaimRelay, ReviewStatus, Source

# Confidence bands as the extractor's scores read: [low, high).
CONFIDENCE_BANDS = {
    "low": ("below 0.5", Q(confidence__lt=0.5)),
    "medium": ("0.5 to 0.8", Q(confidence__gte=0.5, confidence__lt=0.8)),
    "high": ("0.8 and above", Q(confidence__gte=0.8)),
}


class ConfidenceBandFilter(admin.SimpleListFilter):
    title = "confidence"
    parameter_name = "confidence_band"

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in CONFIDENCE_BANDS.items()]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        band = CONFIDENCE_BANDS.get(self.value() or "")
        return queryset.filter(band[1]) if band else queryset


class ReviewedFilter(admin.SimpleListFilter):
    """The queue shows what is left to review unless asked for more.

    Unreviewed claims only by default (the work to do, served by the review
    queue index), reviewed ones, or all of them; choosing one review status
    in its own filter lifts the default.
    """

    title = "reviewed"
    parameter_name = "reviewed"
    status_parameter = "review_status__exact"

    def __init__(self, request, params, model, model_admin) -> None:
        # From the request: the status filter has taken its parameter out of params.
        self.status_chosen = self.status_parameter in request.GET
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [("no", "unreviewed"), ("yes", "reviewed"), ("all", "all claims")]

    def effective_value(self) -> str:
        if self.value() in {"no", "yes", "all"}:
            return self.value()
        return "all" if self.status_chosen else "no"

    def choices(self, changelist):
        current = self.effective_value()
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        value = self.effective_value()
        if value == "no":
            return queryset.filter(review_status=ReviewStatus.UNREVIEWED)
        if value == "yes":
            return queryset.exclude(review_status=ReviewStatus.UNREVIEWED)
        return queryset


class PublisherFilter(admin.SimpleListFilter):
    """The outlets that published an article (not every source, not a scan of claims)."""

    title = "publisher"
    parameter_name = "publisher"

    def lookups(self, request, model_admin):
        publishers = Source.objects.filter(Exists(Article.objects.filter(publisher=OuterRef("pk"))))
        return list(publishers.order_by("name").values_list("slug", "name"))

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(article__publisher__slug=self.value())
        return queryset


class PublishersWithArticlesFilter(admin.RelatedOnlyFieldListFilter):
    """The article list's publisher filter: its outlets by an index probe each.

    Django's own reads the distinct publisher of every article listed.
    """

    def field_choices(self, field, request, model_admin):
        with_articles = Q(Exists(Article.objects.filter(publisher=OuterRef("pk"))))
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False, ordering=ordering, limit_choices_to=with_articles
        )


class RelayFilter(admin.SimpleListFilter):
    """The agencies that relayed at least one claim."""

    title = "relayed by"
    parameter_name = "relay"

    def lookups(self, request, model_admin):
        relays = Source.objects.filter(Exists(ClaimRelay.objects.filter(source=OuterRef("pk"))))
        return list(relays.order_by("name").values_list("slug", "name"))

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value():
            # Exists, not a join: a claim relayed twice by one agency is listed once.
            relayed = ClaimRelay.objects.filter(claim=OuterRef("pk"), source__slug=self.value())
            return queryset.filter(Exists(relayed))
        return queryset


class ActorFilter(admin.SimpleListFilter):
    """Claims of one actor, reached from an actor's claim count or the queue's actor column.

    There can be thousands of actors, so the sidebar offers no list: it shows
    the chosen actor, with "All" to clear it.
    """

    title = "actor"
    parameter_name = "actor"

    def lookups(self, request, model_admin):
        value = self.value()
        if value and value.isdigit():
            return list(Actor.objects.filter(pk=value).values_list("pk", "name"))
        return []

    def has_output(self) -> bool:
        return bool(self.value())

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(actor_id=int(value))


class VersionFilter(admin.SimpleListFilter):
    """Current versions of articles by default: superseded versions' claims are history."""

    title = "article version"
    parameter_name = "version"

    def lookups(self, request, model_admin):
        return [("superseded", "superseded versions"), ("all", "all versions")]

    def choices(self, changelist):
        value = self.value()
        yield {
            "selected": value is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "current versions",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value == "all":
            return queryset
        superseded = Article.objects.filter(supersedes=OuterRef("article_id"))
        if value == "superseded":
            return queryset.filter(Exists(superseded))
        return queryset.exclude(Exists(superseded))
