"""The data: outlets, articles, actors and the claims that tie them together.

Pipeline-written fields are ``editable=False``: editors correct the speaker and
rate the claim, never the offsets. Every choice is enforced by the database,
and every index says which query it serves.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .normalization import normalize_name

WIKIDATA_ID_PATTERN = r"^Q[1-9][0-9]*$"
# ``updated`` is stamped by claims.services.sync_stamp(), in commit order.
UPDATED_HELP = (
    "When anything the API shows of this row last changed; a later write always gets a later stamp."
)


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


class StatementKind(models.TextChoices):
    # Direct and partial quotes are the same words, whole or trimmed.
    QUOTE = "quote", "quoted words"
    REPORTED = "reported", "reported speech"
    ASSERTION = "assertion", "unattributed assertion"


class StatementMethod(models.TextChoices):
    """Why a claim is in its statement."""

    FIRST = "first", "first appearance"
    EXACT = "exact", "the same words"
    MINHASH = "minhash", "near-identical words (MinHash candidates, shingle overlap)"
    EDITOR = "editor", "an editor's decision"


class StatementLinkKind(models.TextChoices):
    REPEATS = "repeats", "repeats"
    CONTRADICTS = "contradicts", "contradicts"
    SUPPORTS = "supports", "supports"
    CORRECTS = "corrects", "corrects"


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
    updated = models.DateTimeField(default=timezone.now, editable=False, help_text=UPDATED_HELP)

    history = HistoricalRecords(excluded_fields=["updated"])

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
    # An HTML page is known by its own bytes, not by the text extracted from it:
    # a page read again is recognised before its main text is extracted again.
    source_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="SHA-256 of the input as received (file, page, line or feed item).",
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
    updated = models.DateTimeField(default=timezone.now, editable=False, help_text=UPDATED_HELP)

    history = HistoricalRecords(excluded_fields=["body", "updated"])

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
            # Ingest: an input already stored (the same bytes) is skipped before extraction.
            models.Index(fields=["source_hash"], name="article_source_hash_idx"),
            # articles/?updated_after=...: what changed since a client's last sync.
            models.Index(fields=["updated", "id"], name="article_updated_idx"),
            # actors/{slug}/stats/ top outlets: the publisher of each article of
            # an actor's claims, read from this narrow index instead of the rows
            # with their bodies (a busy actor's claims span most articles).
            models.Index(fields=["id", "publisher"], name="article_publisher_of_idx"),
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
    updated = models.DateTimeField(default=timezone.now, editable=False, help_text=UPDATED_HELP)

    history = HistoricalRecords(excluded_fields=["updated"])

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
        indexes = [
            # actors/?updated_after=...: what changed since a client's last sync.
            models.Index(fields=["updated", "id"], name="actor_updated_idx"),
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


class ActorRole(models.Model):
    """A role an actor's articles gave it ("U.S. Defense Secretary"), with when it was seen.

    Kept by ingest from the claims' ``speaker_role`` and their articles'
    publication dates, so that a title is listed with the years it was held
    and a 2007 claim is never shown under a 2024 title. ``role`` is the
    wording of its first appearance; spellings that normalise alike are one role.
    """

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=300, editable=False)
    normalized = models.CharField(max_length=300, editable=False)
    first_seen = models.DateField(null=True, blank=True, editable=False)
    last_seen = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = [F("last_seen").desc(nulls_last=True), "role"]
        constraints = [
            # Also serves the actor detail's roles (the prefetch by actor_id)
            # and ingest's lookup of the roles it widens.
            models.UniqueConstraint(fields=["actor", "normalized"], name="actor_role_unique"),
            models.CheckConstraint(
                condition=Q(first_seen__isnull=True)
                | Q(last_seen__isnull=True)
                | Q(first_seen__lte=F("last_seen")),
                name="actor_role_seen_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.role


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


class Statement(models.Model):
    """What one actor said once; each of its claims is one appearance of it in an article.

    Ingest puts every new claim into the statement it repeats or into a new one
    (claims.services.statements); editors split and join them.
    """

    Kind = StatementKind

    kind = models.CharField(max_length=16, choices=StatementKind.choices, editable=False)
    # Derived from its claims' actors (which protect them), so it never blocks a deletion.
    speaker = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    # The normalised words of its fullest appearance: what a new claim is
    # compared with, so an excerpt of any part of it is recognised.
    text = models.TextField(editable=False)
    # Kept up to date by the services that add or move claims: its earliest
    # appearance in a current article version, and how many there are.
    first_claim = models.ForeignKey(
        "Claim",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    first_published = models.DateField(null=True, blank=True, editable=False)
    appearances = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        ordering = ["-first_published", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=StatementKind.values), name="statement_kind_valid"
            ),
        ]
        indexes = [
            # statements/?actor=..., newest first.
            models.Index(
                fields=["speaker", "-first_published", "-id"], name="statement_speaker_date_idx"
            ),
            # statements/ by date (the default order) and date ranges.
            models.Index(fields=["-first_published", "-id"], name="statement_published_idx"),
            # statements/?min_appearances=...: the most repeated first.
            models.Index(fields=["-appearances", "-id"], name="statement_appearances_idx"),
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "\u2026"


class StatementBand(models.Model):
    """One locality-sensitive hash of a statement's words (a MinHash band).

    Two texts whose words mostly overlap share a band with high probability,
    so a new claim's candidates are the statements sharing one of its band
    keys: an index lookup whatever the size of the table.
    """

    band_key = models.BigIntegerField()
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="bands")

    class Meta:
        constraints = [
            # Also the index of ingest's lookup: WHERE band_key IN (...).
            models.UniqueConstraint(fields=["band_key", "statement"], name="statement_band_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.band_key} -> {self.statement_id}"


class StatementLink(models.Model):
    """An editor's typed link between two statements: ``source`` repeats / contradicts /
    supports / corrects ``target``."""

    Kind = StatementLinkKind

    source = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="links_from")
    target = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="links_to")
    kind = models.CharField(max_length=16, choices=StatementLinkKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=StatementLinkKind.values), name="statement_link_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="statement_link_not_self"
            ),
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="statement_link_unique"
            ),
        ]
        indexes = [
            # A statement's links where it is the target (the source side has
            # the unique constraint's index).
            models.Index(fields=["target"], name="statement_link_target_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"


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
    # How the article described the speaker then ("U.S. Defense Secretary"):
    # the role at the time of the claim, not the actor's role today.
    speaker_role = models.CharField("role at the time", max_length=300, blank=True, editable=False)
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
    # The statement this claim is an appearance of, and why (set at ingest,
    # changed only by an editor's split or join).
    statement = models.ForeignKey(
        Statement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
        editable=False,
    )
    statement_score = models.FloatField(
        null=True, blank=True, editable=False, help_text="How closely its words matched (0-1)."
    )
    statement_method = models.CharField(
        max_length=16, choices=StatementMethod.choices, blank=True, editable=False
    )

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
    updated = models.DateTimeField(default=timezone.now, editable=False, help_text=UPDATED_HELP)

    history = HistoricalRecords(excluded_fields=["updated"])

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
            models.CheckConstraint(
                condition=Q(statement_method="") | Q(statement_method__in=StatementMethod.values),
                name="claim_statement_method_valid",
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
            # claims/?ordering=updated&updated_after=...: a client's sync, page by
            # page from its cursor (updated, id), is a range scan of this index.
            models.Index(fields=["updated", "id"], name="claim_updated_idx"),
            # actors/{slug}/stats/: an actor's claims counted by month, kind and
            # review status, and by article for its top outlets; and the recount
            # of its roles (services.roles: speaker_role with first and last
            # dates). Both from the index alone (an index-only scan on
            # PostgreSQL), never the wide claim rows: 40 ms, not 2 s, for an
            # actor with 50,000 claims.
            models.Index(
                fields=["actor", "published", "kind", "review_status", "article", "speaker_role"],
                name="claim_actor_stats_idx",
            ),
            # A statement's appearances in order of publication (statements/{id}/,
            # the desk's "also in", the first-appearance refresh).
            models.Index(fields=["statement", "published", "id"], name="claim_statement_idx"),
            # Not declared here because SQLite cannot build it: on PostgreSQL,
            # migration 0018_claim_search_vector adds search_vector, a generated
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


class ActorClaimTally(models.Model):
    """How many claims of current article versions an actor has of one kind and review status.

    Derived from the claims and kept exact by database triggers (migration
    0021_actor_claim_tally), whatever writes the claims or articles: bulk
    inserts, QuerySet.update(), cascades from the admin, merges, a new version
    superseding an old one. Unattributed claims are not tallied, and a row
    whose count falls to zero is deleted, so an actor without claims has no
    rows. claims.services.tallies rebuilds it from scratch.
    """

    # Indexed by the unique constraint, which leads with it.
    actor = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="claim_tallies",
        db_index=False,
        editable=False,
    )
    kind = models.CharField(max_length=16, choices=ClaimKind.choices, editable=False)
    review_status = models.CharField(max_length=16, choices=ReviewStatus.choices, editable=False)
    # Never zero or less: the triggers delete a row whose count falls to zero.
    claims = models.IntegerField(editable=False)

    class Meta:
        verbose_name_plural = "actor claim tallies"
        constraints = [
            # Also the index of every read, an actor's few rows: the counts of
            # actors/ and actors/{slug}/ and the actors/?q= ranking by total;
            # and the conflict target of the triggers' upserts.
            models.UniqueConstraint(
                fields=["actor", "kind", "review_status"], name="actor_claim_tally_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ClaimKind.values), name="actor_claim_tally_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(review_status__in=ReviewStatus.values),
                name="actor_claim_tally_review_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.kind} {self.review_status}: {self.claims}"


class SyncClock(models.Model):
    """The last ``updated`` stamp handed out: one row, locked by each write until it commits.

    Every write that moves an ``updated`` takes its stamp from this row
    (claims.services.sync_stamp), so stamps only grow and a transaction
    stamped later commits later: a client that has read up to a stamp never
    sees a smaller one appear afterwards.
    """

    last = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="sync_clock_single_row"),
        ]

    def __str__(self) -> str:
        return self.last.isoformat()


class IngestJobStatus(models.TextChoices):
    QUEUED = "queued", "queued"
    RUNNING = "running", "running"
    DONE = "done", "done"
    FAILED = "failed", "failed"


class IngestJobFormat(models.TextChoices):
    TEXT = "text", "plain text"
    HTML = "html", "HTML page"


class IngestJob(models.Model):
    """An article pushed over the API, stored by a worker (claims.services.jobs).

    The job keeps what was posted until a worker has stored it, so the message
    on the queue carries only the job's id, and a job run twice (a worker died
    mid-job) finds the article the first run stored by its content hash.
    """

    Status = IngestJobStatus

    status = models.CharField(
        max_length=8, choices=IngestJobStatus.choices, default=IngestJobStatus.QUEUED
    )
    format = models.CharField(max_length=4, choices=IngestJobFormat.choices, editable=False)
    content = models.TextField(editable=False, help_text="What was posted; emptied once stored.")
    origin = models.CharField(max_length=500, editable=False)
    title = models.CharField(max_length=500, blank=True, editable=False)
    publisher = models.CharField(max_length=200, blank=True, editable=False)
    published = models.DateField(null=True, blank=True, editable=False)
    byline = models.CharField(max_length=500, blank=True, editable=False)
    url = models.URLField(max_length=1000, blank=True, editable=False)
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ingest_jobs",
        editable=False,
    )
    # What the worker found: "new", "new version" or "unchanged" (already stored).
    outcome = models.CharField(max_length=16, blank=True, editable=False)
    claims = models.PositiveIntegerField(default=0, editable=False)
    error = models.TextField(blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="ingest_jobs",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        # Jobs are made by the API and written by workers: the desk only reads them.
        default_permissions = ("view",)
        permissions = [("ingest_articles", "Can push articles to ingest over the API")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=IngestJobStatus.values), name="ingest_job_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(format__in=IngestJobFormat.values), name="ingest_job_format_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(article__isnull=False),
                name="ingest_job_done_has_article",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error=""), name="ingest_job_failed_has_error"
            ),
        ]
        indexes = [
            # The desk's job list, newest first, filtered by status.
            models.Index(fields=["status", "-created_at"], name="ingest_job_status_idx"),
        ]

    def __str__(self) -> str:
        return f"ingest job {self.pk} ({self.status})"


def new_webhook_secret() -> str:
    return secrets.token_urlsafe(32)


class Webhook(models.Model):
    """A URL told about changes, each event signed with the webhook's secret."""

    url = models.URLField(
        "URL", max_length=1000, validators=[URLValidator(schemes=["http", "https"])]
    )
    secret = models.CharField(
        max_length=200,
        default=new_webhook_secret,
        help_text="Shared with the receiver: each delivery is signed with it (HMAC-SHA256).",
    )
    on_review = models.BooleanField(
        "claim reviews", default=True, help_text="Send claim.reviewed when a review changes."
    )
    on_article = models.BooleanField(
        "new articles", default=False, help_text="Send article.created when an article is stored."
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["url", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="webhook_url_http",
            ),
        ]

    def __str__(self) -> str:
        return self.url


class WebhookDeliveryStatus(models.TextChoices):
    PENDING = "pending", "pending"
    DELIVERED = "delivered", "delivered"
    RETRYING = "retrying", "failed, will retry"
    FAILED = "failed", "failed, given up"


class WebhookDelivery(models.Model):
    """One event sent (or being sent) to one webhook: the delivery log."""

    Status = WebhookDeliveryStatus

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, editable=False)
    # Exactly the bytes that are sent and signed.
    payload = models.TextField(editable=False)
    status = models.CharField(
        max_length=9,
        choices=WebhookDeliveryStatus.choices,
        default=WebhookDeliveryStatus.PENDING,
        editable=False,
    )
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    error = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_attempt_at = models.DateTimeField(null=True, blank=True, editable=False)
    delivered_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=WebhookDeliveryStatus.values),
                name="webhook_delivery_status_valid",
            ),
        ]
        indexes = [
            # The delivery log, newest first, by status (the admin's default view).
            models.Index(fields=["status", "-created_at"], name="webhook_delivery_status_idx"),
            # A webhook's deliveries, newest first (the log filtered by webhook).
            models.Index(fields=["webhook", "-created_at"], name="webhook_delivery_hook_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event} to {self.webhook_id} ({self.status})"
