"""Actors: who makes claims, their aliases, and merging duplicates."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from claims import selectors, services
from claims.models import Actor, ActorAlias, Claim

from .charts import bar_chart_svg
from .common import CSS, count_of
from .filters import ActorFilter


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    fields = ["name", "normalized"]
    readonly_fields = ["normalized"]
    extra = 1


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=Actor.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Keep",
        help_text="The others' claims and aliases move to this actor; their slugs redirect to it.",
    )

    def __init__(self, *args, actors: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = actors


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "role", "wikidata_id", "alias_names", "claims_link"]
    list_filter = ["kind", "anonymous"]
    search_fields = ["name", "slug", "aliases__name"]
    search_help_text = "A name, an alias or a slug."
    fields = [
        "name",
        "slug",
        "kind",
        "role",
        "roles_seen",
        "anonymous",
        "wikidata_id",
        "former_slugs",
        "claims_over_time",
    ]
    readonly_fields = ["slug", "roles_seen", "former_slugs", "claims_over_time"]
    inlines = [ActorAliasInline]
    actions = ["merge"]
    list_per_page = 50

    class Media:
        css = CSS

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(claim_count=count_of(Claim.objects.all(), "actor"))
            .prefetch_related("aliases", "redirects")
        )

    def save_model(self, request: HttpRequest, obj: Actor, form: forms.Form, change: bool) -> None:
        # Stamped even when only the aliases below change: the API shows them too.
        services.actor_desk_save(actor=obj, changed=form.changed_data)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        """Any part of a name, an alias or a slug, ranked as the API ranks actors/?q=.

        The autocomplete (an actor for a claim) keeps the ranking: the exact
        name first, named before anonymous, busy speakers before rare ones.
        The list itself is then sorted by its columns.
        """
        if not search_term.strip():
            return queryset, False
        ranked = selectors.actor_search(queryset, q=search_term, whole_words=False, slugs=True)
        return ranked, False

    @admin.display(description="aliases")
    def alias_names(self, actor: Actor) -> str:
        names = [alias.name for alias in actor.aliases.all() if alias.name != actor.name]
        return ", ".join(names) or "\u2014"

    @admin.display(description="claims", ordering="claim_count")
    def claims_link(self, actor: Actor) -> str:
        url = reverse("admin:claims_claim_changelist")
        return format_html(
            '<a href="{}?{}={}&amp;version=all">{}</a>',
            url,
            ActorFilter.parameter_name,
            actor.pk,
            actor.claim_count,
        )

    @admin.display(description="roles over time")
    def roles_seen(self, actor: Actor) -> str:
        # What its articles called it, and when: a title held in 2007 is not today's.
        roles = actor.roles.all() if actor.pk else []
        if not roles:
            return "\u2014"
        return format_html(
            '<ul class="claims-roles">{}</ul>',
            format_html_join(
                "",
                "<li>{} <small>{} \u2013 {}</small></li>",
                (
                    (role.role, role.first_seen or "undated", role.last_seen or "undated")
                    for role in roles
                ),
            ),
        )

    @admin.display(description="claims over time")
    def claims_over_time(self, actor: Actor) -> str:
        if not actor.pk:
            return "\u2014"
        stats = selectors.actor_stats(actor=actor)
        seen = (
            format_html(
                "<p>{} claims, first seen {}, last seen {}{}.</p>",
                stats.total,
                stats.first_seen,
                stats.last_seen,
                f"; {stats.undated} undated" if stats.undated else "",
            )
            if stats.first_seen
            else format_html("<p>{} claims, none dated.</p>", stats.total)
        )
        chart = bar_chart_svg(
            {month.month: (month.total,) for month in stats.months},
            series=("claims",),
            title=f"Claims of {actor.name} per month",
        )
        return format_html("{}{}", seen, chart)

    @admin.display(description="former slugs")
    def former_slugs(self, actor: Actor) -> str:
        return ", ".join(redirect.slug for redirect in actor.redirects.all()) or "\u2014"

    @admin.action(description="Merge selected actors into one", permissions=["change"])
    def merge(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        actors = queryset.order_by("name", "pk")
        if len(actors) < 2:
            self.message_user(request, "Select at least two actors to merge.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "apply" in request.POST else None, actors=actors)
        if form.is_bound and form.is_valid():
            survivor = form.cleaned_data["survivor"]
            try:
                report = services.actor_merge(
                    survivor=survivor,
                    merged=[actor for actor in actors if actor.pk != survivor.pk],
                    user=request.user,
                )
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
                return None
            self.message_user(
                request,
                f"Merged {', '.join(report.merged_slugs)} into {survivor.name}: "
                f"{report.claims_moved} claim(s) and {report.aliases_moved} alias(es) moved.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge actors",
            "opts": self.opts,
            "form": form,
            "actors": actors,
            "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action": "merge",
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/actor/merge.html", context)
