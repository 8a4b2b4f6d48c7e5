"""The API's views: thin. Queries come from claims.selectors, filters from
claims.api.filters, writes go through claims.services."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpResponsePermanentRedirect, StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, Throttled, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from claims import selectors, services
from claims.models import Claim
from claims_project.middleware import apply_statement_timeout

from . import filters
from .conditional import Validators
from .pagination import DEFAULT_CLAIM_ORDERING, KeysetPagination, NumberedPagination, claim_order_by
from .permissions import ReadOrIngest
from .renderers import (
    BrowsableAPIInlineStyles,
    CSVRenderer,
    FastJSONRenderer,
    JSONLDRenderer,
    claims_csv_lines,
)
from .serializers import (
    ActorSerializer,
    ActorStatsSerializer,
    ArticleDetailSerializer,
    ArticlePushSerializer,
    ArticleSerializer,
    ClaimReviewInputSerializer,
    ClaimSerializer,
    IngestJobSerializer,
    SourceSerializer,
    SourceStatsSerializer,
    StatementDetailSerializer,
    StatementSerializer,
    _has_claim_review,
    claim_review_jsonld,
    links_for,
)
from .throttling import ReleasingStream, csv_stream_slot

CLAIM_RENDERERS = [FastJSONRenderer, BrowsableAPIInlineStyles, CSVRenderer]
CSV_HELP = (
    "`?format=csv` (or `Accept: text/csv`) streams the whole filtered list as CSV, "
    "in the requested ordering, up to CLAIMS_API_CSV_MAX_ROWS rows; `cursor` and "
    "`page_size` do not apply."
)


class CSVExportsBusy(Throttled):
    default_detail = "Too many CSV exports are streaming at once; try again shortly."

    def __init__(self) -> None:
        super().__init__(wait=CSV_BUSY_RETRY_SECONDS, detail=self.default_detail)


# Seconds a client is told to wait when every CSV export slot is taken.
CSV_BUSY_RETRY_SECONDS = 10


class ReviewConflictError(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Someone else reviewed this claim at the same moment; read it again."
    default_code = "review_conflict"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The claim changed since the ETag given in If-Match: read it again before reviewing it."
    )
    default_code = "precondition_failed"


def claim_validators(claim: Claim | dict, format: str) -> Validators:
    """A claim's ETag names its review version, then its last change and the format.

    ``claim`` is a model instance or a row of selectors.claim_rows().
    """
    if isinstance(claim, dict):
        version, updated = claim["review_version"], claim["updated"]
    else:
        version, updated = claim.review_version, claim.updated
    return Validators.of(prefix=f"review-{version}", updated=updated, format=format)


def review_etag(claim: Claim, format: str = "json") -> str:
    return claim_validators(claim, format).etag


# A claim's entity tag, from which If-Match reads the review version (the
# bare "review-N" form is what earlier versions of the API gave).
_REVIEW_TAG = re.compile(r'^"review-([0-9]+)(?:\.[0-9a-f]+\.[a-z]+)?"$')


def etag_matches(if_match: str, claim: Claim) -> bool:
    """RFC 9110 If-Match: ``*`` or a list of strong tags, one naming the current review version.

    Only the review version counts: a change that is no review (the actor
    renamed, the article's date corrected) does not refuse an editor's review.
    """
    tags = [tag.strip() for tag in if_match.split(",")]
    if "*" in tags:
        return True
    versions = {int(found[1]) for found in map(_REVIEW_TAG.match, tags) if found}
    return claim.review_version in versions


class ClaimListMixin:
    """A filtered claim list: one keyset page as JSON, or the whole list as CSV."""

    def claim_list_response(self, request, queryset: QuerySet[Claim]):
        queryset = self.filter_queryset(queryset)
        if request.accepted_renderer.format == CSVRenderer.format:
            return self.csv_response(request, queryset)
        page = self.paginate_queryset(queryset)
        serializer = ClaimSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    def csv_response(self, request, queryset: QuerySet[Claim]) -> StreamingHttpResponse:
        # The export's query runs while the response streams, after the
        # request's middleware is done: its statement timeout is set now.
        apply_statement_timeout(request._request)
        slot = csv_stream_slot()
        if slot is None:
            raise CSVExportsBusy()
        limit = settings.CLAIMS_API_CSV_MAX_ROWS
        ordering = request.query_params.get("ordering") or DEFAULT_CLAIM_ORDERING
        rows = claim_order_by(queryset, ordering)[:limit].iterator(chunk_size=2000)
        serializer = ClaimSerializer(context=self.get_serializer_context())
        claims = (serializer.to_representation(claim) for claim in rows)
        lines = ReleasingStream(claims_csv_lines(claims), slot)
        response = StreamingHttpResponse(lines, content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        response["X-Row-Limit"] = str(limit)
        return response

    def handle_exception(self, exc):
        # Errors are JSON whatever format was asked for: a CSV of one error
        # message helps nobody.
        if getattr(self.request, "accepted_renderer", None) is not None and (
            self.request.accepted_renderer.format == CSVRenderer.format
        ):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


@extend_schema_view(
    list=extend_schema(summary="Claims", description=CSV_HELP),
    retrieve=extend_schema(summary="One claim"),
)
class ClaimViewSet(
    ClaimListMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Claims found in articles: who said what, where, and through whom."""

    serializer_class = ClaimSerializer
    filterset_class = filters.ClaimFilterSet
    pagination_class = KeysetPagination
    renderer_classes = CLAIM_RENDERERS
    http_method_names = ["get", "head", "options", "patch"]
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Claim]:
        # A claim of a superseded article version stays reachable by its id.
        listing = self.action == "list"
        return selectors.claim_list(current_only=listing, with_context=not listing)

    def filter_queryset(self, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        # A FilterSet given no parameters filters nothing, and building it (its
        # form and fields) was a fifth of the time of answering one claim.
        if self.action != "list" and not self.request.query_params:
            return queryset
        return super().filter_queryset(queryset)

    def get_renderers(self):
        # CSV is for lists; one claim is JSON (or the browsable page).
        if self.action in ("retrieve", "partial_update", "metadata"):
            return [FastJSONRenderer(), BrowsableAPIInlineStyles()]
        return super().get_renderers()

    def list(self, request, *args, **kwargs):
        return self.claim_list_response(request, self.get_queryset())

    def retrieve(self, request, *args, **kwargs):
        if not request.query_params and request.accepted_renderer.format == "json":
            # Nothing to filter and no form to show: the claim's row, read by
            # the compiled page query, is all the JSON needs.
            claim = selectors.claim_row_get(claim_id=int(kwargs[self.lookup_field]))
            if claim is None:
                raise NotFound("No Claim matches the given query.")
        else:
            claim = self.get_object()
        validators = claim_validators(claim, request.accepted_renderer.format)
        return validators.not_modified(request) or validators.apply(
            Response(self.get_serializer(claim).data)
        )

    @extend_schema(
        summary="Review a claim (editors)",
        description=(
            "Send the claim's `ETag` (from GET) as `If-Match` to be sure nobody reviewed it "
            "since you read it: a stale one is answered 412. Without `If-Match`, a review "
            "saved by someone else at the same moment is answered 409."
        ),
        request=ClaimReviewInputSerializer,
        responses={200: ClaimSerializer},
    )
    def partial_update(self, request, *args, **kwargs):
        claim = self.get_object()
        seen_version = claim.review_version
        if_match = request.headers.get("If-Match")
        if if_match is not None and not etag_matches(if_match, claim):
            raise PreconditionFailed()
        review = ClaimReviewInputSerializer(data=request.data)
        review.is_valid(raise_exception=True)
        data = review.validated_data
        changes = {}
        if "review_status" in data:
            changes["status"] = data["review_status"]
        if "editor_note" in data:
            changes["note"] = data["editor_note"]
        if "public_explanation" in data:
            changes["explanation"] = data["public_explanation"]
        for name in ("rating", "actor"):
            if name in data:
                changes[name] = data[name]
        try:
            services.claim_review(
                claim=claim, reviewer=request.user, seen_version=seen_version, **changes
            )
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from None
        except services.ReviewConflict as conflict:
            raise ReviewConflictError(str(conflict)) from None
        claim = selectors.claim_get(claim_id=claim.pk)
        validators = claim_validators(claim, request.accepted_renderer.format)
        return validators.apply(Response(self.get_serializer(claim).data))

    @extend_schema(
        summary="schema.org ClaimReview of a reviewed claim",
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="ClaimReview JSON-LD."
            ),
            404: OpenApiResponse(description="No such claim, or not reviewed yet."),
        },
        filters=False,
    )
    @action(
        detail=True,
        url_path="claimreview",
        url_name="claimreview",
        renderer_classes=[JSONLDRenderer, JSONRenderer],
        filterset_class=None,
        pagination_class=None,
    )
    def claimreview(self, request, pk=None):
        claim = self.get_object()
        if not _has_claim_review(claim):
            raise NotFound("This claim has no review yet.")
        return Response(claim_review_jsonld(claim, links=links_for(self.get_serializer_context())))


def _redirect_to_slug(request, route: str, slug: str) -> HttpResponsePermanentRedirect:
    url = reverse(route, args=[slug])
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    return HttpResponsePermanentRedirect(url)


@extend_schema_view(
    list=extend_schema(summary="Actors"),
    retrieve=extend_schema(
        summary="One actor",
        description="An old slug of a merged actor answers 301 with the actor's current URL.",
    ),
)
class ActorViewSet(ClaimListMixin, viewsets.ReadOnlyModelViewSet):
    """People, organisations, governments and groups who make claims."""

    serializer_class = ActorSerializer
    filterset_class = filters.ActorFilterSet
    pagination_class = NumberedPagination
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        if self.action == "claims":
            return selectors.claim_list()
        return selectors.actor_list()

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        context["actor_details"] = getattr(self, "actor_details", {})
        return context

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self.actor_details = selectors.actor_details(actor_ids=[actor.pk for actor in page])
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, slug=None, *args, **kwargs):
        found = selectors.actor_get(slug=slug)
        if found is None:
            raise NotFound("No actor with this slug.")
        if found.redirected_from:
            return _redirect_to_slug(request, "api:actor-detail", found.actor.slug)
        # The actor's updated moves with its claim counts too: no need to count them first.
        validators = Validators.of(
            prefix="actor", updated=found.actor.updated, format=request.accepted_renderer.format
        )
        if not_modified := validators.not_modified(request):
            return not_modified
        self.actor_details = selectors.actor_details(actor_ids=[found.actor.pk])
        return validators.apply(Response(self.get_serializer(found.actor).data))

    @extend_schema(
        summary="An actor's claims",
        description="Every claim filter but `actor` and `actor_name` applies. " + CSV_HELP,
        responses=ClaimSerializer(many=True),
    )
    @action(
        detail=True,
        url_path="claims",
        url_name="claims",
        serializer_class=ClaimSerializer,
        filterset_class=filters.ActorClaimFilterSet,
        pagination_class=KeysetPagination,
        renderer_classes=CLAIM_RENDERERS,
    )
    def claims(self, request, slug=None):
        found, unknown = selectors.actors_by_slugs(slugs=[slug])
        if unknown:
            raise NotFound("No actor with this slug.")
        actor = found[slug]
        if actor.slug != slug:
            return _redirect_to_slug(request, "api:actor-claims", actor.slug)
        return self.claim_list_response(request, selectors.claim_list().filter(actor=actor))

    @extend_schema(
        summary="An actor's claims over time",
        description="Claims per month by kind and by review status, first and last seen, "
        "and the outlets that published most of them; current article versions only. "
        "An old slug of a merged actor answers 301.",
        responses=ActorStatsSerializer,
        filters=False,
    )
    @action(
        detail=True,
        url_path="stats",
        url_name="stats",
        serializer_class=ActorStatsSerializer,
        filterset_class=None,
        pagination_class=None,
    )
    def stats(self, request, slug=None):
        found, unknown = selectors.actors_by_slugs(slugs=[slug])
        if unknown:
            raise NotFound("No actor with this slug.")
        actor = found[slug]
        if actor.slug != slug:
            return _redirect_to_slug(request, "api:actor-stats", actor.slug)
        stats = selectors.actor_stats(actor=actor)
        return Response(self.get_serializer(stats).data)


class QueueUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The task queue is unreachable; nothing was queued. Try again shortly."
    default_code = "queue_unavailable"


@extend_schema_view(
    list=extend_schema(summary="Articles (current versions)"),
    retrieve=extend_schema(summary="One article with its text and claims"),
)
class ArticleViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """News articles, as ingested; a changed text is a new version."""

    filterset_class = filters.ArticleFilterSet
    pagination_class = NumberedPagination
    permission_classes = [ReadOrIngest]
    lookup_value_regex = "[0-9]+"

    @extend_schema(
        summary="Push an article to ingest (ingesters)",
        description=(
            "Queues the article for a worker and answers 202 with its job; poll the job's "
            "`url` until it is `done` (with the article and its claim count) or `failed` "
            "(with the reason). The same text posted again gives the article already "
            "stored (`outcome` `unchanged`), never a copy."
        ),
        request=ArticlePushSerializer,
        responses={202: IngestJobSerializer},
    )
    def create(self, request, *args, **kwargs):
        push = ArticlePushSerializer(data=request.data)
        push.is_valid(raise_exception=True)
        try:
            job = services.ingest_job_submit(user=request.user, **push.validated_data)
        except services.IngestQueueUnavailable:
            raise QueueUnavailable() from None
        data = IngestJobSerializer(job, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})

    def get_queryset(self):
        return selectors.article_list()

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    def retrieve(self, request, pk=None, *args, **kwargs):
        article = selectors.article_find(article_id=int(pk))
        if article is None:
            raise NotFound("No article with this id.")
        # Its updated moves with the claims it lists: they are loaded only if needed.
        validators = Validators.of(
            prefix="article", updated=article.updated, format=request.accepted_renderer.format
        )
        if not_modified := validators.not_modified(request):
            return not_modified
        selectors.article_claims_load(
            article=article, claim_limit=settings.CLAIMS_API_ARTICLE_MAX_CLAIMS
        )
        return validators.apply(Response(self.get_serializer(article).data))


@extend_schema_view(
    list=extend_schema(summary="Sources"), retrieve=extend_schema(summary="One source")
)
class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Outlets: publishers of articles and agencies that relay claims."""

    serializer_class = SourceSerializer
    filterset_class = filters.SourceFilterSet
    pagination_class = NumberedPagination
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.source_list()

    def retrieve(self, request, *args, **kwargs):
        source = self.get_object()
        validators = Validators.of(
            prefix="source", updated=source.updated, format=request.accepted_renderer.format
        )
        return validators.not_modified(request) or validators.apply(
            Response(self.get_serializer(source).data)
        )

    @extend_schema(
        summary="A source's claims over time",
        description="Claims in the articles it published and claims it relayed, per month, "
        "and how their reviews came out; current article versions only.",
        responses=SourceStatsSerializer,
        filters=False,
    )
    @action(
        detail=True,
        url_path="stats",
        url_name="stats",
        serializer_class=SourceStatsSerializer,
        filterset_class=None,
        pagination_class=None,
    )
    def stats(self, request, slug=None):
        found, unknown = selectors.sources_by_slugs(slugs=[slug])
        if unknown:
            raise NotFound("No source with this slug.")
        stats = selectors.source_stats(source=found[slug])
        return Response(self.get_serializer(stats).data)


@extend_schema_view(retrieve=extend_schema(summary="One ingest job (its poster's)"))
class IngestJobViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Articles pushed for ingest: queued, running, done (with the article) or failed."""

    serializer_class = IngestJobSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.ingest_job_list(user=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Statements: what one actor said once"),
    retrieve=extend_schema(
        summary="One statement with every place it appeared",
        responses=StatementDetailSerializer,
    ),
)
class StatementViewSet(viewsets.ReadOnlyModelViewSet):
    """Statements: the same words of one speaker, wherever they were printed."""

    serializer_class = StatementSerializer
    filterset_class = filters.StatementFilterSet
    pagination_class = NumberedPagination
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.statement_list()

    def retrieve(self, request, pk=None, *args, **kwargs):
        detail = selectors.statement_get(
            statement_id=int(pk), appearance_limit=settings.CLAIMS_API_ARTICLE_MAX_CLAIMS
        )
        if detail is None:
            raise NotFound("No statement with this id.")
        return Response(
            StatementDetailSerializer(detail, context=self.get_serializer_context()).data
        )
