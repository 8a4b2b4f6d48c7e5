"""The data: outlets, articles, actors and the claims that tie them together.

Pipeline-written fields are ``editable=False``: editors correct the speaker and
rate the claim, never the offsets. Every choice is enforced by the database,
and every index says which query it serves.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .normalization import normalize_name

WIKIDATA_ID_PATTERN = r"^Q[1-9][0-9]*$"


class SourceKind(models.TextChoices):
    PUBLISHER = "publisher", "publisher"
    AGENCY = "agency", "news agency or relay"


class ActorKind(models.TextChoices):
    PERSON = "person", "person"
    ORGANIZATION = "organization", "organization"
    GOVERNMENT = "government", "government"
    GROUP = "group", "group"


class ClaimKind(models.TextChoices):
    DIRECT = "direct", "direct quote"
    PARTIAL = "partial", "partial quote"
    INDIRECT = "indirect", "reported speech"
    ASSERTION = "assertion", "unattributed assertion"


class ReviewStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "unreviewed"
    VERIFIED = "verified", "verified"
    DISPUTED = "disputed", "disputed"
    FALSE = "false", "false"
    MISATTRIBUTED = "misattributed", "misattributed"
    NOT_A_CLAIM = "not_claim", "not a claim"


class Source(models.Model):
    """An outlet: the publisher of an article or an agency that relayed a claim."""

    Kind = SourceKind

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    kind = models.CharField(max_length=16, choices=SourceKind.choices, default=SourceKind.PUBLISHER)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="source_slug_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    """One version of a news article, its body stored exactly as ingested."""

    title = models.CharField(max_length=500, blank=True)
    publisher = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    published = models.DateField(null=True, blank=True)
    byline = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    body = models.TextField(editable=False)
    origin = models.CharField(max_length=500, editable=False, help_text="File name it came from.")
    content_hash = models.CharField(
        max_length=64,
        editable=False,
        help_text="SHA-256 of the body: the same text is stored once.",
    )
    # A changed file is a new version; the old one keeps its reviewed claims.
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
        editable=False,
    )
    ingested_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords(excluded_fields=["body"])

    class Meta:
        ordering = ["-published", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["content_hash"], name="article_content_hash_unique"),
        ]
        indexes = [
            # articles/?publisher=...&published_after=... and the admin's publisher filter.
            models.Index(fields=["publisher", "-published"], name="article_publisher_date_idx"),
            # The default listing, newest first, and date ranges without a publisher.
            models.Index(fields=["-published", "-id"], name="article_published_idx"),
            # Ingest: the latest version of a file, to chain a changed file to it.
            models.Index(fields=["origin", "-ingested_at"], name="article_origin_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.origin


class Actor(models.Model):
    """Someone who makes claims: a person, an organisation, a government, a group."""

    Kind = ActorKind

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    kind = models.CharField(max_length=16, choices=ActorKind.choices, default=ActorKind.PERSON)
    role = models.CharField(max_length=300, blank=True)
    anonymous = models.BooleanField(
        default=False,
        help_text="An unnamed person or group ('a U.S. official'): never matched across articles.",
    )
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        validators=[RegexValidator(WIKIDATA_ID_PATTERN, "A Wikidata id looks like Q42.")],
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="actor_slug_unique"),
            models.CheckConstraint(condition=Q(kind__in=ActorKind.values), name="actor_kind_valid"),
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=WIKIDATA_ID_PATTERN),
                name="actor_wikidata_id_format",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ActorAlias(models.Model):
    """A surface form of an actor's name, as written somewhere (misspellings included)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "actor aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "normalized"], name="actor_alias_unique_normalized"
            ),
        ]
        indexes = [
            # claims/?actor_name=..., actors/?q=... and ingest's lookup of a known actor.
            models.Index(fields=["normalized"], name="actor_alias_normalized_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # A derived column, set here so the admin inline and the services agree;
        # bulk writes set it themselves through normalize_name().
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)


class ActorRedirect(models.Model):
    """The slug of an actor merged into another, so old links keep resolving."""

    slug = models.SlugField(max_length=200)
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="actor_redirect_slug_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.slug} -> {self.actor_id}"


class Claim(models.Model):
    """A statement in an article, pinned to its offsets and attributed to an actor."""

    Kind = ClaimKind

    ReviewStatus = ReviewStatus

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(max_length=16, choices=ClaimKind.choices, editable=False)
    text = models.TextField(editable=False)
    start = models.PositiveIntegerField(editable=False)
    end = models.PositiveIntegerField(editable=False)
    also_at = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Other [start, end] positions (pull quotes).",
    )
    speaker_mention = models.CharField(max_length=500, blank=True, editable=False)
    speaker_start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    speaker_end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    cue = models.CharField(max_length=100, blank=True, editable=False)
    relays = models.ManyToManyField(
        Source, through="ClaimRelay", related_name="relayed_claims", blank=True
    )
    confidence = models.FloatField(editable=False)
    # The article's date, copied so that an actor's claims by date are one index scan.
    published = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # The editorial desk.
    review_status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED
    )
    rating = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Truthfulness from 1 (false) to 5 (true), as in schema.org ClaimReview.",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_claims",
        editable=False,
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Internal to the desk: never published (API, CSV, ClaimReview).
    editor_note = models.TextField(blank=True, help_text="For the desk only: never published.")
    # What readers are told about the verdict: written on purpose, published.
    public_explanation = models.TextField(
        blank=True,
        help_text="Published with the claim (API, CSV) and as the ClaimReview's reviewBody.",
    )
    # Raised by every editorial write; a write names the version it was based
    # on and changes nothing if the claim has moved on since (services.claim_review).
    review_version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ClaimKind.values), name="claim_kind_valid"),
            models.CheckConstraint(
                condition=Q(review_status__in=ReviewStatus.values),
                name="claim_review_status_valid",
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="claim_confidence_range",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="claim_rating_range",
            ),
            models.CheckConstraint(
                condition=Q(speaker_start__isnull=True) | Q(speaker_end__gt=F("speaker_start")),
                name="claim_speaker_span_not_empty",
            ),
            models.CheckConstraint(
                condition=Q(review_status="unreviewed") | Q(reviewed_at__isnull=False),
                name="claim_reviewed_has_time",
            ),
            # Concurrent ingests of one article can never store a claim twice.
            models.UniqueConstraint(
                fields=["article", "kind", "start", "end"], name="claim_unique_span"
            ),
        ]
        indexes = [
            # claims/?actor=<slug>, newest first: the API's main question.
            models.Index(fields=["actor", "-published", "-id"], name="claim_actor_timeline_idx"),
            # The editors' queue: unreviewed first, then by id.
            models.Index(fields=["review_status", "id"], name="claim_review_queue_idx"),
            # Every claim of an article in reading order (article page, re-extraction).
            models.Index(fields=["article", "start"], name="claim_article_position_idx"),
            # claims/ with a date range or the default newest-first ordering.
            models.Index(fields=["-published", "-id"], name="claim_published_idx"),
            # claims/?ordering=confidence and -confidence (read backwards): a page
            # is a range scan from the cursor instead of a sort of the whole table.
            models.Index(fields=["-confidence", "-id"], name="claim_confidence_idx"),
            # An actor's claim counts by kind and status (actors/, actors/{slug}/),
            # read from this index alone: the article is here to leave out
            # superseded versions without a visit to each claim row.
            models.Index(
                fields=["actor", "kind", "review_status", "article"],
                name="claim_actor_counts_idx",
            ),
            # Not declared here because SQLite cannot build it: on PostgreSQL,
            # migration 0009_claim_search_vector adds search_vector, a generated
            # column holding to_tsvector('english', text), and
            # claim_search_vector_idx, a GIN index on it, for claims/?q=...
            # (claims.selectors.claim_search).
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "\u2026"

    @property
    def is_reviewed(self) -> bool:
        return self.review_status != ReviewStatus.UNREVIEWED


class ClaimRelay(models.Model):
    """One hop of a claim's provenance: the outlet it was relayed through."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relay_links")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="relay_links")
    position = models.PositiveSmallIntegerField(help_text="0 is the outlet nearest the speaker.")
    mention_start = models.PositiveIntegerField(null=True, blank=True)
    mention_end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["claim", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "position"], name="claim_relay_unique_position"
            ),
        ]
        indexes = [
            # claims/?via=<slug>: the claims an agency relayed.
            models.Index(fields=["source", "claim"], name="claim_relay_source_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} via {self.source_id}"
