"""The editorial desk: first cut, every model browsable and read-mostly."""

from django.contrib import admin

from .models import Actor, ActorAlias, Article, Claim, ClaimRelay, Source


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 0


class ClaimRelayInline(admin.TabularInline):
    model = ClaimRelay
    extra = 0
    readonly_fields = ["source", "position", "mention_start", "mention_end"]
    can_delete = False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind"]
    search_fields = ["name", "slug"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publisher", "published", "origin", "ingested_at"]
    list_select_related = ["publisher"]
    search_fields = ["title", "origin"]
    readonly_fields = ["body", "origin", "content_hash", "ingested_at"]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role", "anonymous"]
    search_fields = ["name", "aliases__name"]
    inlines = [ActorAliasInline]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "actor", "article", "review_status", "confidence"]
    list_select_related = ["actor", "article"]
    list_filter = ["review_status", "kind"]
    search_fields = ["text", "actor__name"]
    autocomplete_fields = ["actor"]
    readonly_fields = [
        "article",
        "kind",
        "text",
        "start",
        "end",
        "speaker_mention",
        "cue",
        "confidence",
        "reviewer",
        "reviewed_at",
    ]
    inlines = [ClaimRelayInline]
