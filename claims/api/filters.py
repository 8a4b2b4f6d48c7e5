"""The API's query parameters: explicit FilterSets, their names fixed for clients.

A value that cannot be used (a bad date, an unknown kind or slug, a
non-numeric id, a boolean that is neither true nor false) is a form error, which
the filter backend turns into a 400 naming the parameter. Nothing is silently
dropped. Parameters the API does not know are ignored, as DRF does.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable

import django_filters as filters
from django import forms
from django.core.validators import validate_slug
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from django_filters.widgets import QueryArrayWidget
from drf_spectacular.utils import extend_schema_field

from claims import selectors
from claims.models import (
    Actor,
    ActorKind,
    Article,
    Claim,
    ClaimKind,
    ReviewStatus,
    Source,
    SourceKind,
    Statement,
    StatementKind,
)

from .pagination import CLAIM_ORDERINGS, ORDERING_HELP, claim_order_by

# Primary keys are 64-bit; anything larger is refused before it reaches SQL.
_MAX_ID = 2**63 - 1
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


class SlugsField(forms.Field):
    """One or more slugs (repeat the parameter or separate with commas), all of which exist."""

    widget = QueryArrayWidget

    def __init__(self, *, resolve: Callable, noun: str, **kwargs) -> None:
        self.resolve = resolve
        self.noun = noun
        super().__init__(**kwargs)

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [slug.strip() for slug in value if slug and slug.strip()]

    def clean(self, value) -> list:
        # Messages take their values as params: django-filter %-formats every
        # message, so a "%" typed by a client must never reach the format string.
        slugs = self.to_python(value)
        if not slugs:
            return []
        for slug in slugs:
            try:
                validate_slug(slug)
            except forms.ValidationError:
                raise forms.ValidationError(
                    "%(slug)r is not a slug", params={"slug": slug}
                ) from None
        found, unknown = self.resolve(slugs=slugs)
        if unknown:
            raise forms.ValidationError(
                "unknown %(noun)s: %(slugs)s",
                params={"noun": self.noun, "slugs": ", ".join(unknown)},
            )
        return list({item.pk: item for item in found.values()}.values())


class _DocumentedFilter(filters.Filter):
    """A filter whose OpenAPI type is given here, with its help text as description.

    drf-spectacular drops the help text of a filter whose type is overridden,
    so the override carries it.
    """

    schema: dict = {"type": "string"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        schema = dict(self.schema)
        if self.extra.get("help_text"):
            schema["description"] = self.extra["help_text"]
        extend_schema_field(schema)(self)


class SlugsFilter(_DocumentedFilter):
    """Rows whose ``field_name`` is any of the given slugs' rows."""

    field_class = SlugsField
    schema = {"type": "array", "items": {"type": "string"}}

    def filter(self, qs, value):
        if not value:
            return qs
        return self.get_method(qs)(**{f"{self.field_name}__in": [item.pk for item in value]})


class StrictBooleanField(forms.Field):
    widget = forms.TextInput

    def to_python(self, value) -> bool | None:
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise forms.ValidationError(
            "%(value)r is not a boolean: use true or false", params={"value": value}
        )


class StrictBooleanFilter(_DocumentedFilter):
    field_class = StrictBooleanField
    schema = {"type": "boolean"}


class IdFilter(filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", _MAX_ID)
        super().__init__(*args, **kwargs)


UPDATED_AFTER_HELP = (
    "Only rows changed after this moment (ISO 8601, e.g. 2024-05-01T12:00:00Z; "
    "exclusive). Compare with each row's `updated`."
)


class MomentField(IsoDateTimeField):
    """An ISO 8601 moment, turned to UTC here: PostgreSQL refuses offsets beyond
    15:59 (Python allows up to 23:59), and a moment near year 1 or 9999 may
    not survive the conversion, which is then the client's error, not a 500."""

    def to_python(self, value) -> datetime.datetime | None:
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(datetime.UTC)
        except (OverflowError, ValueError):
            raise forms.ValidationError(
                "%(value)r is out of range", params={"value": str(value)}
            ) from None


class MomentFilter(filters.IsoDateTimeFilter):
    field_class = MomentField


def updated_after_filter() -> MomentFilter:
    return MomentFilter(field_name="updated", lookup_expr="gt", help_text=UPDATED_AFTER_HELP)


def filterset_for_params(
    filterset_class: type[filters.FilterSet], params: Iterable[str]
) -> type[filters.FilterSet]:
    """``filterset_class`` with only the filters that ``params`` (names) can give a value.

    An absent parameter filters nothing and cannot be invalid (no filter is
    required), yet each one cost a deep copy, a form field and a clean per
    request: a fifth of an actor's claim page. Every widget reads its value
    from the parameter named like its filter, or from names that start so
    (``actor[]``), so a filter no parameter name starts with is left out; one
    kept needlessly (``actor`` for ``actor_name``) only filters nothing.
    """
    given = frozenset(
        name for name in filterset_class.base_filters if any(key.startswith(name) for key in params)
    )
    return _narrowed_filterset(filterset_class, given)


# One class per FilterSet and set of parameter names a client sends: few.
@functools.lru_cache(maxsize=256)
def _narrowed_filterset(
    filterset_class: type[filters.FilterSet], names: frozenset[str]
) -> type[filters.FilterSet]:
    narrowed = type(
        filterset_class.__name__,
        (filterset_class,),
        {"__module__": __name__, "get_form_class": _form_class_once},
    )
    narrowed.base_filters = {
        name: filter_ for name, filter_ in filterset_class.base_filters.items() if name in names
    }
    return narrowed


def _form_class_once(filterset: filters.FilterSet) -> type[forms.Form]:
    # django-filter builds a form class per request; its fields depend on the
    # filters' declarations alone (none of ours reads the request).
    narrowed = type(filterset)
    if "form_class" not in narrowed.__dict__:
        narrowed.form_class = filters.FilterSet.get_form_class(filterset)
    return narrowed.form_class


class GivenParamsFilterBackend(DjangoFilterBackend):
    """django-filter's backend, validating and applying only the parameters given.

    The view's FilterSet stays the one declaration of the parameters: the
    browsable API's filter form and the OpenAPI schema read it whole.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        narrowed = filterset_for_params(filterset_class, request.query_params)
        filterset = narrowed(**self.get_filterset_kwargs(request, queryset, view))
        if not filterset.is_valid() and self.raise_exception:
            raise translate_validation(filterset.errors)
        return filterset.qs


class ActorClaimFilterSet(filters.FilterSet):
    """Every claim filter but the ones that choose the actor (for actors/{slug}/claims/)."""

    kind = filters.MultipleChoiceFilter(
        field_name="kind", choices=ClaimKind.choices, help_text="Claim kind; repeatable."
    )
    status = filters.MultipleChoiceFilter(
        field_name="review_status",
        choices=ReviewStatus.choices,
        help_text="Review status; repeatable.",
    )
    article = IdFilter(field_name="article_id", lookup_expr="exact", help_text="Article id.")
    publisher = SlugsFilter(
        field_name="article__publisher",
        resolve=selectors.sources_by_slugs,
        noun="source",
        help_text="Slug of the article's publisher; repeatable.",
    )
    via = SlugsFilter(
        field_name="relays",
        method="filter_via",
        resolve=selectors.sources_by_slugs,
        noun="source",
        help_text="Slug of a source that relayed the claim (`..., Interfax reported`); repeatable.",
    )
    published_after = filters.DateFilter(
        field_name="published",
        lookup_expr="gte",
        help_text="Published on or after this date (YYYY-MM-DD).",
    )
    published_before = filters.DateFilter(
        field_name="published",
        lookup_expr="lte",
        help_text="Published on or before this date (YYYY-MM-DD).",
    )
    min_confidence = filters.NumberFilter(
        field_name="confidence",
        lookup_expr="gte",
        min_value=0,
        max_value=1,
        help_text="Extraction confidence at least this (0 to 1).",
    )
    has_speaker = StrictBooleanFilter(
        field_name="actor",
        lookup_expr="isnull",
        exclude=True,
        help_text="true: only claims attributed to an actor; false: only unattributed ones.",
    )
    updated_after = updated_after_filter()
    q = filters.CharFilter(
        method="filter_q",
        help_text=(
            "Full-text search over the claim text and the speaker's names. "
            'PostgreSQL: English stemming and web-search syntax (`"exact phrase"`, `or`, '
            "`-word`); SQLite: every word must occur."
        ),
    )
    ordering = filters.ChoiceFilter(
        choices=[(name, name) for name in CLAIM_ORDERINGS],
        method="filter_ordering",
        help_text=ORDERING_HELP,
    )
    statement = IdFilter(
        field_name="statement_id",
        lookup_expr="exact",
        help_text="Statement id: every appearance of that statement.",
    )
    collapse = filters.ChoiceFilter(
        choices=[("statement", "statement")],
        method="filter_collapse",
        help_text="`statement`: each statement once, as its first appearance (its `appearances` "
        "says how many there are); a statement whose first appearance is filtered out is left "
        "out. Claims with no statement are kept.",
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_collapse(self, queryset, name, value):
        return selectors.claims_collapsed(queryset)

    def filter_via(self, queryset, name, value):
        return selectors.claims_via(queryset, source_ids=[source.pk for source in value])

    def filter_q(self, queryset, name, value):
        return selectors.claim_search(queryset, q=value)

    def filter_ordering(self, queryset, name, value):
        return claim_order_by(queryset, value)


class ClaimFilterSet(ActorClaimFilterSet):
    actor = SlugsFilter(
        field_name="actor",
        resolve=selectors.actors_by_slugs,
        noun="actor",
        help_text=(
            "Actor slug; repeat (or separate with commas) for any of several. "
            "Old slugs of merged actors resolve to the actor they were merged into."
        ),
    )
    actor_name = filters.CharFilter(
        method="filter_actor_name",
        help_text="The actor's name or any alias, case- and accent-insensitive "
        "(`gates`, `Robert Gates`).",
    )

    class Meta(ActorClaimFilterSet.Meta):
        pass

    def filter_actor_name(self, queryset, name, value):
        return queryset.filter(actor_id__in=selectors.actor_ids_with_alias(name=value))


class ActorFilterSet(filters.FilterSet):
    q = filters.CharFilter(
        method="filter_q",
        help_text=(
            "Name or alias, as whole words, case- and accent-insensitive. Ranked: an exact "
            "name or alias first, then named actors before anonymous ones, then by claim count."
        ),
    )
    kind = filters.MultipleChoiceFilter(
        field_name="kind", choices=ActorKind.choices, help_text="Actor kind; repeatable."
    )
    updated_after = updated_after_filter()

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        return selectors.actor_search(queryset, q=value)


class ArticleFilterSet(filters.FilterSet):
    publisher = SlugsFilter(
        field_name="publisher",
        resolve=selectors.sources_by_slugs,
        noun="source",
        help_text="Publisher slug; repeatable.",
    )
    published_after = filters.DateFilter(
        field_name="published",
        lookup_expr="gte",
        help_text="Published on or after this date (YYYY-MM-DD).",
    )
    published_before = filters.DateFilter(
        field_name="published",
        lookup_expr="lte",
        help_text="Published on or before this date (YYYY-MM-DD).",
    )
    q = filters.CharFilter(
        field_name="title",
        lookup_expr="icontains",
        help_text="Words in the title (case-insensitive substring).",
    )
    updated_after = updated_after_filter()

    class Meta:
        model = Article
        fields: list[str] = []


class SourceFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(
        field_name="kind", choices=SourceKind.choices, help_text="publisher or agency."
    )
    q = filters.CharFilter(
        field_name="name", lookup_expr="icontains", help_text="Words in the name."
    )
    updated_after = updated_after_filter()

    class Meta:
        model = Source
        fields: list[str] = []


STATEMENT_ORDERINGS = {
    "-date": ("-first_published", "-id"),
    "date": ("first_published", "id"),
    "-appearances": ("-appearances", "-id"),
}


class StatementFilterSet(filters.FilterSet):
    actor = SlugsFilter(
        field_name="speaker",
        resolve=selectors.actors_by_slugs,
        noun="actor",
        help_text="Speaker's actor slug; repeatable. Old slugs of merged actors resolve.",
    )
    actor_name = filters.CharFilter(
        method="filter_actor_name",
        help_text="The speaker's name or any alias, case- and accent-insensitive.",
    )
    kind = filters.MultipleChoiceFilter(
        field_name="kind", choices=StatementKind.choices, help_text="Statement kind; repeatable."
    )
    published_after = filters.DateFilter(
        field_name="first_published",
        lookup_expr="gte",
        help_text="First appeared on or after this date (YYYY-MM-DD).",
    )
    published_before = filters.DateFilter(
        field_name="first_published",
        lookup_expr="lte",
        help_text="First appeared on or before this date (YYYY-MM-DD).",
    )
    min_appearances = IdFilter(
        field_name="appearances",
        lookup_expr="gte",
        help_text="Appeared in at least this many claims of current articles.",
    )
    q = filters.CharFilter(
        method="filter_q",
        help_text="Statements one of whose appearances matches, as the claims' `q`.",
    )
    ordering = filters.ChoiceFilter(
        choices=[(name, name) for name in STATEMENT_ORDERINGS],
        method="filter_ordering",
        help_text="`-date` (default: newest first appearance first), `date`, `-appearances`.",
    )

    class Meta:
        model = Statement
        fields: list[str] = []

    def filter_actor_name(self, queryset, name, value):
        return queryset.filter(speaker_id__in=selectors.actor_ids_with_alias(name=value))

    def filter_q(self, queryset, name, value):
        return selectors.statements_matching(queryset, q=value)

    def filter_ordering(self, queryset, name, value):
        return queryset.order_by(*STATEMENT_ORDERINGS[value])
