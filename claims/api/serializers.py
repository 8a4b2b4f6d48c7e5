"""What the API shows of each resource; every field listed.

Serializers only read what the selectors loaded (select_related, prefetches,
the SQL-computed context snippet). Links are built from URL templates reversed
once per request, not once per row and field.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import extraction
from claims.models import (
    Actor,
    ActorKind,
    ActorRole,
    Article,
    Claim,
    IngestJob,
    IngestJobFormat,
    ReviewStatus,
    Source,
    Statement,
)
from claims.selectors import ActorDetails, StatementDetail, actors_by_slugs, claim_row
from claims.validators import article_url_problem

_PLACEHOLDER = "00000000"


class Links:
    """Absolute URLs of API resources, from templates reversed once."""

    _routes = {
        "claim": "api:claim-detail",
        "claimreview": "api:claim-claimreview",
        "actor": "api:actor-detail",
        "actor_claims": "api:actor-claims",
        "article": "api:article-detail",
        "source": "api:source-detail",
        "ingest_job": "api:ingest-job-detail",
        "statement": "api:statement-detail",
    }

    def __init__(self, request) -> None:
        self._request = request
        self._templates: dict[str, tuple[str, str]] = {}

    def url(self, name: str, key: Any) -> str:
        template = self._templates.get(name)
        if template is None:
            path = reverse(self._routes[name], args=[_PLACEHOLDER])
            if self._request is not None:
                path = self._request.build_absolute_uri(path)
            template = tuple(path.split(_PLACEHOLDER, 1))
            self._templates[name] = template
        return f"{template[0]}{key}{template[1]}"


def links_for(context: dict) -> Links:
    links = context.get("links")
    if links is None:
        links = context["links"] = Links(context.get("request"))
    return links


class LinkField(serializers.Field):
    """A URL to another resource, read from the row's key through ``Links``."""

    def __init__(self, route: str, key: str = "pk", **kwargs) -> None:
        self.route = route
        self.key = key
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, instance) -> str | None:
        key = getattr(instance, self.key)
        if key is None:
            return None
        return links_for(self.context).url(self.route, key)


extend_schema_field({"type": "string", "format": "uri", "nullable": True})(LinkField)


class SourceRefSerializer(serializers.ModelSerializer):
    url = LinkField("source", key="slug")

    class Meta:
        model = Source
        fields = ["slug", "name", "kind", "url"]


class ActorRefSerializer(serializers.ModelSerializer):
    url = LinkField("actor", key="slug")

    class Meta:
        model = Actor
        fields = ["slug", "name", "kind", "url"]


class ArticleRefSerializer(serializers.ModelSerializer):
    publisher = SourceRefSerializer(allow_null=True)
    url = LinkField("article")

    class Meta:
        model = Article
        fields = ["id", "title", "publisher", "published", "url"]


class RelaySerializer(serializers.Serializer):
    """One hop of the claim's provenance, nearest the speaker first."""

    position = serializers.IntegerField(help_text="0 is the outlet nearest the speaker.")
    slug = serializers.CharField(source="source.slug")
    name = serializers.CharField(source="source.name")
    kind = serializers.CharField(source="source.kind")
    url = LinkField("source", key="source_slug")


class ContextSerializer(serializers.Serializer):
    text = serializers.CharField(
        source="context", help_text="The claim with up to 100 characters of article text around it."
    )
    start = serializers.IntegerField(
        source="context_start", help_text="Offset of the snippet in the article body."
    )


class ClaimLinksSerializer(serializers.Serializer):
    self = LinkField("claim")
    article = LinkField("article", key="article_id")
    actor = LinkField("actor", key="actor_slug")
    actor_claims = LinkField("actor_claims", key="actor_slug")
    claimreview = LinkField("claimreview", key="claimreview_key")


class ClaimSerializer(serializers.ModelSerializer):
    actor = ActorRefSerializer(allow_null=True, help_text="Who made the claim, if anyone.")
    article = ArticleRefSerializer()
    relays = serializers.SerializerMethodField(
        help_text="The outlets the claim travelled through, nearest the speaker first."
    )
    context = ContextSerializer(source="*", help_text="Article text around the claim.")
    statement = serializers.IntegerField(
        source="statement_id",
        allow_null=True,
        help_text="The statement this claim is one appearance of (`statements/{id}/`).",
    )
    appearances = serializers.SerializerMethodField(
        help_text="In how many claims of current articles the statement appears."
    )
    links = ClaimLinksSerializer(source="*")

    class Meta:
        model = Claim
        fields = [
            "id",
            "kind",
            "text",
            "speaker_mention",
            "speaker_role",
            "actor",
            "article",
            "published",
            "cue",
            "relays",
            "confidence",
            "start",
            "end",
            "also_at",
            "speaker_start",
            "speaker_end",
            "context",
            "review_status",
            "rating",
            "public_explanation",
            "reviewed_at",
            "updated",
            "statement",
            "appearances",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_appearances(self, claim: Claim) -> int | None:
        return claim.statement.appearances if claim.statement_id else None  # joined

    @extend_schema_field(RelaySerializer(many=True))
    def get_relays(self, claim: Claim) -> list[dict]:
        relays = claim.relay_links.all()  # prefetched, ordered by position
        return RelaySerializer(relays, many=True, context=self.context).data

    def to_representation(self, claim: Claim | dict) -> dict:
        """The declared fields, written out by hand, from a model or a plain row.

        A list page serialises hundreds of nested values, and DRF's generic
        field walk (and building model instances for it) cost several times
        the database work. List pages therefore arrive as plain rows from
        selectors.claim_rows(); single claims are turned into the same row.
        The fields above stay the definition (schema, docs), and a test checks
        that this output equals DRF's generic to_representation of them. The
        CSV export is this representation too, flattened (renderers.claim_csv_row).
        """
        row = claim if isinstance(claim, dict) else claim_row(claim)
        return claim_representation(
            row, links_for(self.context), moments_for(self.context), self.Meta.fields
        )

    def generic_representation(self, claim: Claim) -> dict:
        """DRF's own walk over the declared fields: the reference for the method above."""
        # Keys the link fields read: missing actor or review means no link.
        claim.actor_slug = claim.actor.slug if claim.actor_id else None
        claim.claimreview_key = claim.pk if _has_claim_review(claim) else None
        for relay in claim.relay_links.all():
            relay.source_slug = relay.source.slug
        return super().to_representation(claim)


def moments_for(context: dict) -> serializers.DateTimeField:
    """DRF's DateTimeField in the request's time zone, looked up once per request.

    DRF looks the current time zone up for every value it writes: half the
    time of writing a page of claims.
    """
    moments = context.get("moments")
    if moments is None:
        current = timezone.get_current_timezone()
        moments = context["moments"] = serializers.DateTimeField(default_timezone=current)
    return moments


_NO_CLAIM_REVIEW = frozenset({ReviewStatus.UNREVIEWED, ReviewStatus.NOT_A_CLAIM})


def _has_claim_review(claim: Claim) -> bool:
    return claim.review_status not in _NO_CLAIM_REVIEW


def claim_representation(
    row: dict, links: Links, moments: serializers.DateTimeField, fields: list[str]
) -> dict:
    """A claim's API representation from its row (see selectors.CLAIM_ROW_FIELDS)."""
    actor_slug = row["actor__slug"]
    publisher_slug = row["article__publisher__slug"]
    article_published = row["article__published"]
    published = row["published"]
    reviewed = row["review_status"] not in _NO_CLAIM_REVIEW
    values = {
        "id": row["id"],
        "kind": row["kind"],
        "text": row["text"],
        "speaker_mention": row["speaker_mention"],
        "speaker_role": row["speaker_role"],
        "actor": {
            "slug": actor_slug,
            "name": row["actor__name"],
            "kind": row["actor__kind"],
            "url": links.url("actor", actor_slug),
        }
        if row["actor_id"]
        else None,
        "article": {
            "id": row["article_id"],
            "title": row["article__title"],
            "publisher": {
                "slug": publisher_slug,
                "name": row["article__publisher__name"],
                "kind": row["article__publisher__kind"],
                "url": links.url("source", publisher_slug),
            }
            if row["article__publisher_id"]
            else None,
            "published": article_published.isoformat() if article_published else None,
            "url": links.url("article", row["article_id"]),
        },
        "published": published.isoformat() if published else None,
        "cue": row["cue"],
        "relays": [
            {
                "position": relay["position"],
                "slug": relay["source__slug"],
                "name": relay["source__name"],
                "kind": relay["source__kind"],
                "url": links.url("source", relay["source__slug"]),
            }
            for relay in row["relays"]
        ],
        "confidence": float(row["confidence"]),
        "start": row["start"],
        "end": row["end"],
        "also_at": row["also_at"],
        "speaker_start": row["speaker_start"],
        "speaker_end": row["speaker_end"],
        "context": {"text": row["context"], "start": row["context_start"]},
        "review_status": row["review_status"],
        "rating": row["rating"],
        "public_explanation": row["public_explanation"],
        "reviewed_at": moments.to_representation(row["reviewed_at"])
        if row["reviewed_at"]
        else None,
        "updated": moments.to_representation(row["updated"]),
        "statement": row["statement_id"],
        "appearances": row["statement__appearances"],
        "links": {
            "self": links.url("claim", row["id"]),
            "article": links.url("article", row["article_id"]),
            "actor": links.url("actor", actor_slug) if actor_slug else None,
            "actor_claims": links.url("actor_claims", actor_slug) if actor_slug else None,
            "claimreview": links.url("claimreview", row["id"]) if reviewed else None,
        },
    }
    return {name: values[name] for name in fields}


class ArticleClaimSerializer(ClaimSerializer):
    """A claim inside its article: the article itself is not repeated."""

    class Meta(ClaimSerializer.Meta):
        fields = [name for name in ClaimSerializer.Meta.fields if name != "article"]
        read_only_fields = fields


class ClaimReviewInputSerializer(serializers.Serializer):
    """The editorial fields an editor may change; only what is sent changes."""

    review_status = serializers.ChoiceField(choices=ReviewStatus.choices, required=False)
    rating = serializers.IntegerField(
        min_value=1, max_value=5, allow_null=True, required=False, help_text="1 (false) to 5."
    )
    editor_note = serializers.CharField(
        allow_blank=True,
        required=False,
        trim_whitespace=False,
        help_text="For the desk only: stored, never published.",
    )
    public_explanation = serializers.CharField(
        allow_blank=True,
        required=False,
        trim_whitespace=False,
        help_text="Published with the claim and as its ClaimReview's reviewBody.",
    )
    actor = serializers.CharField(
        allow_null=True,
        required=False,
        help_text="Slug of the actor who really made the claim; null for nobody.",
    )

    def validate_actor(self, slug: str | None) -> Actor | None:
        if slug is None:
            return None
        found, unknown = actors_by_slugs(slugs=[slug])
        if unknown:
            raise serializers.ValidationError(f"unknown actor: {slug}")
        return found[slug]

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError(
                "send at least one of review_status, rating, editor_note, public_explanation, actor"
            )
        return attrs


class ClaimCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_kind = serializers.DictField(child=serializers.IntegerField())
    by_status = serializers.DictField(child=serializers.IntegerField())


class ActorLinksSerializer(serializers.Serializer):
    self = LinkField("actor", key="slug")
    claims = LinkField("actor_claims", key="slug")


class ActorRoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActorRole
        fields = ["role", "first_seen", "last_seen"]
        read_only_fields = fields


class ActorSerializer(serializers.ModelSerializer):
    """An actor, its aliases, roles and claim counts read from ``actor_details`` in the context."""

    aliases = serializers.SerializerMethodField()
    roles = serializers.SerializerMethodField(
        help_text="Every role its articles gave it, with the publication dates of the first "
        "and last article that did; the most recent first."
    )
    claim_counts = serializers.SerializerMethodField(
        help_text="Claims in current article versions: total, by kind and by review status."
    )
    links = ActorLinksSerializer(source="*")

    class Meta:
        model = Actor
        fields = [
            "slug",
            "name",
            "kind",
            "role",
            "roles",
            "anonymous",
            "aliases",
            "wikidata_id",
            "claim_counts",
            "updated",
            "links",
        ]
        read_only_fields = fields

    def _details(self, actor: Actor) -> ActorDetails:
        return self.context.get("actor_details", {}).get(actor.pk, ActorDetails())

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_aliases(self, actor: Actor) -> list[str]:
        return self._details(actor).aliases

    @extend_schema_field(ActorRoleSerializer(many=True))
    def get_roles(self, actor: Actor) -> list[dict]:
        return [
            {
                "role": role["role"],
                "first_seen": role["first_seen"] and role["first_seen"].isoformat(),
                "last_seen": role["last_seen"] and role["last_seen"].isoformat(),
            }
            for role in self._details(actor).roles
        ]

    @extend_schema_field(ClaimCountsSerializer)
    def get_claim_counts(self, actor: Actor) -> dict:
        counts = self._details(actor).claim_counts
        return {"total": counts.total, "by_kind": counts.by_kind, "by_status": counts.by_status}

    def to_representation(self, actor: Actor) -> dict:
        """The declared fields, written out by hand.

        A page of 50 actors took DRF's generic walk over eleven fields each,
        nested ones included: as long as all of the page's SQL. The fields
        above stay the definition (schema, docs), and a test checks that this
        output equals generic_representation().
        """
        links = links_for(self.context)
        return {
            "slug": actor.slug,
            "name": actor.name,
            "kind": actor.kind,
            "role": actor.role,
            "roles": self.get_roles(actor),
            "anonymous": actor.anonymous,
            "aliases": self.get_aliases(actor),
            "wikidata_id": actor.wikidata_id,
            "claim_counts": self.get_claim_counts(actor),
            "updated": moments_for(self.context).to_representation(actor.updated),
            "links": {
                "self": links.url("actor", actor.slug),
                "claims": links.url("actor_claims", actor.slug),
            },
        }

    def generic_representation(self, actor: Actor) -> dict:
        """DRF's own walk over the declared fields: the reference for the method above."""
        return super().to_representation(actor)


class MonthField(serializers.Field):
    """A calendar month as ``YYYY-MM``, from the date of its first day."""

    def __init__(self, **kwargs) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return value.strftime("%Y-%m")


extend_schema_field({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "example": "2007-04"})(
    MonthField
)


class ActorMonthSerializer(serializers.Serializer):
    month = MonthField()
    total = serializers.IntegerField()
    by_kind = serializers.DictField(child=serializers.IntegerField())
    by_status = serializers.DictField(child=serializers.IntegerField())


class OutletCountSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    url = LinkField("source", key="slug")
    claims = serializers.IntegerField(help_text="The actor's claims in its articles.")


class ActorStatsSerializer(serializers.Serializer):
    actor = ActorRefSerializer()
    total = serializers.IntegerField(help_text="Claims in current article versions.")
    undated = serializers.IntegerField(help_text="Of those, claims of undated articles.")
    first_seen = serializers.DateField(
        allow_null=True, help_text="Publication date of its earliest dated claim."
    )
    last_seen = serializers.DateField(
        allow_null=True, help_text="Publication date of its latest dated claim."
    )
    months = ActorMonthSerializer(
        many=True,
        help_text="Months with at least one dated claim, oldest first: claims by kind "
        "and by review status.",
    )
    top_outlets = OutletCountSerializer(
        many=True, help_text="The publishers of most of its claims, most first (at most 10)."
    )


class SourceMonthSerializer(serializers.Serializer):
    month = MonthField()
    published = serializers.IntegerField(help_text="Claims in the articles it published.")
    relayed = serializers.IntegerField(help_text="Claims it relayed.")


class ReviewOutcomesSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    undated = serializers.IntegerField(help_text="Of those, claims of undated articles.")
    by_status = serializers.DictField(child=serializers.IntegerField())


class SourceStatsSerializer(serializers.Serializer):
    source = SourceRefSerializer()
    first_seen = serializers.DateField(
        allow_null=True, help_text="Earliest date of a claim it published or relayed."
    )
    last_seen = serializers.DateField(
        allow_null=True, help_text="Latest date of a claim it published or relayed."
    )
    published = ReviewOutcomesSerializer(
        help_text="Claims in the articles it published, by review status."
    )
    relayed = ReviewOutcomesSerializer(help_text="Claims it relayed (each once), by review status.")
    months = SourceMonthSerializer(
        many=True, help_text="Months with at least one dated claim, oldest first."
    )


class SourceSerializer(serializers.ModelSerializer):
    url = LinkField("source", key="slug")

    class Meta:
        model = Source
        fields = ["slug", "name", "kind", "updated", "url"]


class ArticleSerializer(serializers.ModelSerializer):
    publisher = SourceRefSerializer(allow_null=True)
    url = LinkField("article")

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "publisher",
            "published",
            "byline",
            "ingested_at",
            "updated",
            "url",
        ]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    supersedes = serializers.IntegerField(source="supersedes_id", allow_null=True)
    superseded_by = serializers.SerializerMethodField()
    claim_count = serializers.IntegerField(help_text="How many claims the article has.")
    claims = ArticleClaimSerializer(
        source="first_claims",
        many=True,
        help_text="Its first claims in reading order, at most CLAIMS_API_ARTICLE_MAX_CLAIMS; "
        "`claims_url` lists them all.",
    )
    claims_url = serializers.SerializerMethodField(
        help_text="The claim list filtered to this article (every claim, paged)."
    )

    class Meta(ArticleSerializer.Meta):
        fields = [
            *ArticleSerializer.Meta.fields,
            "supersedes",
            "superseded_by",
            "body",
            "claim_count",
            "claims",
            "claims_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_claims_url(self, article: Article) -> str:
        path = f"{reverse('api:claim-list')}?article={article.pk}"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_superseded_by(self, article: Article) -> int | None:
        newer = getattr(article, "superseded_by", None)
        return newer.pk if newer is not None else None


class StatementSerializer(serializers.ModelSerializer):
    """A statement in a list: who said it, its words as first printed, how often."""

    speaker = ActorRefSerializer(allow_null=True, help_text="Who said it, if known.")
    text = serializers.CharField(
        source="first_claim.text", help_text="Its words as its first appearance printed them."
    )
    first_appearance = serializers.SerializerMethodField(
        help_text="The claim that is its earliest appearance."
    )
    url = LinkField("statement")

    class Meta:
        model = Statement
        fields = [
            "id",
            "kind",
            "speaker",
            "text",
            "first_published",
            "appearances",
            "first_appearance",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField())
    def get_first_appearance(self, statement: Statement) -> dict:
        return appearance_representation(statement.first_claim, links_for(self.context))


def appearance_representation(claim: Claim, links: Links, *, relays: bool = False) -> dict:
    """Where and when a claim appeared (its article, loaded with it), and through whom."""
    article = claim.article
    publisher = article.publisher if article.publisher_id else None
    value = {
        "claim": claim.pk,
        "url": links.url("claim", claim.pk),
        "published": claim.published.isoformat() if claim.published else None,
        "outlet": {
            "slug": publisher.slug,
            "name": publisher.name,
            "kind": publisher.kind,
            "url": links.url("source", publisher.slug),
        }
        if publisher
        else None,
        "article": {
            "id": article.pk,
            "title": article.title,
            "url": links.url("article", article.pk),
        },
        "text": claim.text,
        "review_status": claim.review_status,
        "statement_score": claim.statement_score,
        "statement_method": claim.statement_method,
    }
    if relays:
        value["relays"] = [
            {
                "position": link.position,
                "slug": link.source.slug,
                "name": link.source.name,
                "kind": link.source.kind,
                "url": links.url("source", link.source.slug),
            }
            for link in claim.relay_links.all()  # prefetched, ordered by position
        ]
    return value


class StatementDetailSerializer(StatementSerializer):
    """One statement: every appearance in order of publication, who carried it, its links.

    Built by hand from selectors.statement_get (a fixed number of queries);
    its shape is documented by the fields below.
    """

    appearance_list = serializers.ListField(
        child=serializers.DictField(),
        help_text="Its appearances in current articles, the first first (outlet, date, "
        "article, relay chain, how it was joined); at most CLAIMS_API_ARTICLE_MAX_CLAIMS, "
        "`claims_url` lists them all.",
    )
    outlets = serializers.ListField(
        child=serializers.DictField(),
        help_text="Publishers that carried it, in the order they first did, with how often.",
    )
    agencies = serializers.ListField(
        child=serializers.DictField(),
        help_text="Agencies it was relayed through, in the order they first were, with how often.",
    )
    statement_links = serializers.ListField(
        child=serializers.DictField(),
        help_text="Editors' typed links (repeats, contradicts, supports, corrects), both "
        "sides: `direction` is `outgoing` when this statement is the one that repeats, "
        "contradicts... the other.",
    )
    claims_url = serializers.URLField(help_text="The claim list of its appearances.")

    class Meta(StatementSerializer.Meta):
        fields = [
            *StatementSerializer.Meta.fields,
            "appearance_list",
            "outlets",
            "agencies",
            "statement_links",
            "claims_url",
        ]
        read_only_fields = fields

    def to_representation(self, detail: StatementDetail) -> dict:
        links = links_for(self.context)
        value = StatementSerializer(detail.statement, context=self.context).data
        request = self.context.get("request")
        claims_path = f"{reverse('api:claim-list')}?statement={detail.statement.pk}"

        def source(item: tuple[Source, int]) -> dict:
            outlet, count = item
            return {
                "slug": outlet.slug,
                "name": outlet.name,
                "kind": outlet.kind,
                "appearances": count,
                "url": links.url("source", outlet.slug),
            }

        value.update(
            {
                "appearance_list": [
                    appearance_representation(claim, links, relays=True)
                    for claim in detail.appearance_list
                ],
                "outlets": [source(item) for item in detail.outlets],
                "agencies": [source(item) for item in detail.agencies],
                "statement_links": [
                    {
                        "kind": link.kind,
                        "direction": "outgoing" if outgoing else "incoming",
                        "statement": other.pk,
                        "text": other.first_claim.text if other.first_claim_id else other.text,
                        "url": links.url("statement", other.pk),
                    }
                    for link, other, outgoing in detail.links
                ],
                "claims_url": request.build_absolute_uri(claims_path) if request else claims_path,
            }
        )
        return value


# The only article URLs published: a "javascript:" or "data:" URL stored by a
# careless ingest would run in the page of whoever embeds the ClaimReview.
_PUBLISHABLE_URL_SCHEMES = {"http", "https"}


def publishable_url(url: str) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in _PUBLISHABLE_URL_SCHEMES or not parts.netloc:
        return None
    return url.strip()


def claim_review_jsonld(claim: Claim, *, links: Links) -> dict:
    """schema.org ClaimReview of a reviewed claim (https://schema.org/ClaimReview)."""
    article = claim.article
    appearance: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": article.title,
        "url": publishable_url(article.url) or links.url("article", article.pk),
    }
    if article.published:
        appearance["datePublished"] = article.published.isoformat()
    if article.publisher_id:
        appearance["publisher"] = {"@type": "Organization", "name": article.publisher.name}
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if claim.published:
        item["datePublished"] = claim.published.isoformat()
    if claim.actor_id:
        actor = claim.actor
        author: dict[str, Any] = {
            "@type": "Person" if actor.kind == ActorKind.PERSON else "Organization",
            "name": actor.name,
        }
        if actor.wikidata_id:
            author["sameAs"] = f"https://www.wikidata.org/wiki/{actor.wikidata_id}"
        item["author"] = author
    rating: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": ReviewStatus(claim.review_status).label,
        "bestRating": 5,
        "worstRating": 1,
    }
    if claim.rating is not None:
        rating["ratingValue"] = claim.rating
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": links.url("claimreview", claim.pk),
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": settings.CLAIMS_REVIEW_PUBLISHER},
    }
    if claim.reviewed_at:
        review["datePublished"] = claim.reviewed_at.date().isoformat()
    if claim.public_explanation:
        review["reviewBody"] = claim.public_explanation
    return review


class StrictTextField(serializers.CharField):
    """A string, and only a string: a number or a list is not an article's text."""

    def to_internal_value(self, data) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ArticlePushSerializer(serializers.Serializer):
    """An article pushed for ingest: its text (or page) and what is known about it."""

    text = StrictTextField(
        required=False,
        trim_whitespace=False,
        help_text="The article as plain text (UTF-8), at most CLAIMS_MAX_ARTICLE_BYTES.",
    )
    html = StrictTextField(
        required=False,
        trim_whitespace=False,
        help_text="The article as an HTML page (or a fragment of one), at most "
        "CLAIMS_MAX_ARTICLE_BYTES: its main text is stored, and its title, site name, date "
        "and author fill what is not given below.",
    )
    title = serializers.CharField(max_length=500, required=False, allow_blank=True)
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True)
    published = serializers.DateField(required=False, allow_null=True, help_text="YYYY-MM-DD.")
    byline = serializers.CharField(max_length=500, required=False, allow_blank=True)
    url = serializers.CharField(
        required=False, allow_blank=True, help_text="Where it was published (http or https)."
    )
    origin = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text="Names the article across versions: a new text under the same origin is a "
        "new version of it. Defaults to `url`, else to the text's hash.",
    )

    # The article's body, in the formats that can be posted: exactly one is sent.
    _BODIES = {"text": IngestJobFormat.TEXT, "html": IngestJobFormat.HTML}

    def validate_text(self, text: str) -> str:
        self._check_size(text)
        try:
            extraction.decode_article(text.encode("utf-8"))
        except extraction.ArticleDecodeError as error:
            raise serializers.ValidationError(str(error)) from None
        return text

    def validate_html(self, html: str) -> str:
        # Whether the page has a main text is found by the worker (the job fails
        # saying so): finding it is the expensive part of a page.
        self._check_size(html)
        if not html.strip():
            raise serializers.ValidationError("empty page")
        return html

    def validate_url(self, url: str) -> str:
        problem = article_url_problem(url) if url else None
        if problem:
            raise serializers.ValidationError(problem)
        return url

    def validate(self, attrs: dict) -> dict:
        given = [name for name in self._BODIES if name in attrs]
        if len(given) != 1:
            names = " or ".join(f"`{name}`" for name in self._BODIES)
            raise serializers.ValidationError(
                {"non_field_errors": [f"send the article as exactly one of {names}"]}
            )
        name = given[0]
        attrs["format"] = self._BODIES[name]
        attrs["content"] = attrs.pop(name)
        return attrs

    @staticmethod
    def _check_size(body: str) -> None:
        limit = settings.CLAIMS_MAX_ARTICLE_BYTES
        size = len(body.encode("utf-8"))
        if size > limit:
            raise serializers.ValidationError(
                f"{size:,} bytes is over the limit of {limit:,} (CLAIMS_MAX_ARTICLE_BYTES)"
            )


class IngestJobSerializer(serializers.ModelSerializer):
    url = LinkField("ingest_job")
    article = serializers.IntegerField(source="article_id", allow_null=True)
    article_url = serializers.SerializerMethodField()
    outcome = serializers.CharField(
        help_text="Once done: `new`, `new version`, or `unchanged` (the text was stored already; "
        "`article` is that article)."
    )
    claims = serializers.IntegerField(help_text="Once done: how many claims the article has.")
    error = serializers.CharField(help_text="Once failed: why.")

    class Meta:
        model = IngestJob
        fields = [
            "id",
            "url",
            "status",
            "format",
            "origin",
            "article",
            "article_url",
            "outcome",
            "claims",
            "error",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_article_url(self, job: IngestJob) -> str | None:
        if job.article_id is None:
            return None
        return links_for(self.context).url("article", job.article_id)
