"""Every write to the claims database goes through here.

Ingest reads a file (plain text, an HTML page, JSON Lines, a feed) or a URL,
runs the extraction pipeline outside any transaction, then stores each article
with its actors, sources, claims and relays in a single transaction: an article
is stored whole or not at all. Editors' reviews are never overwritten: reviewed
claims are left alone by every re-run.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import errno
import functools
import hashlib
import logging
import operator
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import BinaryIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from knox.models import AuthToken
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .. import __version__, extraction
from ..article_files import (
    SYMLINK_REFUSED,
    ArticleFile,
    ArticleOverrides,
    InputKind,
    PathProblem,
    find_article_files,
    split_urls,
)
from ..inputs import ArticleInput, InputError, InputProblem, size_text
from ..inputs.feeds import feed_articles
from ..inputs.fetch import url_fetch
from ..inputs.html import html_article
from ..inputs.jsonl import jsonl_articles
from ..models import (
    Actor,
    ActorAlias,
    ActorRedirect,
    Article,
    Claim,
    ClaimRelay,
    ReviewStatus,
    Source,
    SourceKind,
    Statement,
)
from ..normalization import normalize_name
from ..validators import article_url_problem, validate_article_url
from .statements import (
    statement_link,
    statement_review,
    statement_split,
    statement_unlink,
    statements_assign,
    statements_assign_missing,
    statements_join,
    statements_refresh,
)

__all__ = [
    "statement_link",
    "statement_review",
    "statement_split",
    "statement_unlink",
    "statements_assign",
    "statements_assign_missing",
    "statements_join",
    "statements_refresh",
]

# Pushed ingest (the API and its workers), re-exported for the API and admin.
from .jobs import INGEST_PERMISSION as INGEST_PERMISSION
from .jobs import INGESTERS_GROUP as INGESTERS_GROUP
from .jobs import IngestQueueUnavailable as IngestQueueUnavailable
from .jobs import ingest_job_give_up as ingest_job_give_up
from .jobs import ingest_job_run as ingest_job_run
from .jobs import ingest_job_submit as ingest_job_submit
from .jobs import ingester_create as ingester_create
from .roles import actor_roles_refresh, actor_roles_widen, speaker_role_clean
from .sync import (
    actor_shown_changed,
    actors_touch,
    article_shown_changed,
    claims_touch,
    source_shown_changed,
    sync_stamp,
)
from .tallies import TallyRecount as TallyRecount
from .tallies import actor_claim_tallies_recount as actor_claim_tallies_recount
from .webhooks import article_created_event, claim_reviewed_event
from .webhooks import webhook_deliver as webhook_deliver
from .webhooks import webhook_redeliver as webhook_redeliver
from .webhooks import webhook_retry_delay as webhook_retry_delay
from .webhooks import webhook_signature as webhook_signature

logger = logging.getLogger(__name__)

# Concurrent ingests of the same folder race to create the same rows; the loser
# of a race sees an IntegrityError, rolls back and tries again, finding them.
_INGEST_ATTEMPTS = 3
# Article.origin's column.
_ORIGIN_MAX_LENGTH = 500
# Media types of feeds: application/rss+xml, application/atom+xml, and the
# plain XML types many servers send feeds as.
_FEED_MEDIA_TYPE = re.compile(r"(rss|atom|rdf)\+xml$|^(application|text)/xml$")
# Stores of extracted articles take turns on PostgreSQL (an advisory lock held
# until commit). A unique slug cannot stop two processes that both miss an
# actor from creating it under two slugs ("name" and "name-2"); taking turns
# makes the second one see the first one's actor. Extraction, the slow part,
# still runs in parallel; SQLite has a single writer anyway.
_INGEST_LOCK_KEY = 0x636C61696D73  # "claims"
_EDITORIAL_FIELDS = (
    "review_status",
    "rating",
    "reviewer",
    "reviewed_at",
    "editor_note",
    "public_explanation",
    "actor",
)


class IngestStatus(StrEnum):
    NEW = "new"
    NEW_VERSION = "new version"
    UNCHANGED = "unchanged"
    # Left out by design, not an error: a feed item with only a summary.
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class FileReport:
    """What ingest did with one file (or one article of a file of many, or a URL)."""

    path: str
    status: IngestStatus
    article_id: int | None = None
    claims: int = 0
    actors_created: int = 0
    sources_created: int = 0
    error: str | None = None
    # The article's place in a file of many ("line 12", "item 3"); None for a whole file.
    item: str | None = None

    @property
    def where(self) -> str:
        return f"{self.path} {self.item}" if self.item else self.path


@dataclass
class IngestResult:
    files: list[FileReport] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: IngestStatus) -> int:
        return sum(1 for report in self.files if report.status == status)

    @property
    def failed(self) -> list[FileReport]:
        return [report for report in self.files if report.status == IngestStatus.FAILED]

    @property
    def claims(self) -> int:
        return sum(report.claims for report in self.files)

    @property
    def actors_created(self) -> int:
        return sum(report.actors_created for report in self.files)

    @property
    def sources_created(self) -> int:
        return sum(report.sources_created for report in self.files)


class ArticleRejected(Exception):
    """The file cannot become an article; the message says why."""


def articles_ingest(
    *,
    paths: list[str],
    overrides: ArticleOverrides | None = None,
    dry_run: bool = False,
    on_file: Callable[[FileReport], None] | None = None,
) -> IngestResult:
    """Ingest every article file under ``paths`` and every URL among them.

    A bad file, line, feed item or URL never stops the rest.
    """
    started = time.perf_counter()
    urls, paths = split_urls(paths)
    files, problems = find_article_files(paths, overrides=overrides) if paths else ([], [])
    result = IngestResult()
    for problem in problems:
        _record(result, _problem_report(problem), on_file)
    for article_file in files:
        for report in _article_file_reports(article_file, dry_run=dry_run):
            _record(result, report, on_file)
    for url in urls:
        for report in url_ingest(url=url, overrides=overrides, dry_run=dry_run):
            _record(result, report, on_file)
    result.seconds = time.perf_counter() - started
    return result


def _record(
    result: IngestResult, report: FileReport, on_file: Callable[[FileReport], None] | None
) -> None:
    result.files.append(report)
    if on_file is not None:
        on_file(report)


def _problem_report(problem: PathProblem) -> FileReport:
    return FileReport(path=problem.path, status=IngestStatus.FAILED, error=problem.problem)


def article_file_ingest(*, article_file: ArticleFile, dry_run: bool = False) -> FileReport:
    """Ingest a file of one article: plain text or an HTML page."""
    path = str(article_file.path)
    try:
        data = _read_limited(article_file)
    except ArticleRejected as error:
        return FileReport(path=path, status=IngestStatus.FAILED, error=str(error))
    if article_file.kind == InputKind.HTML:
        return page_ingest(
            origin=article_file.origin,
            data=data,
            overrides=article_file.overrides,
            dry_run=dry_run,
            path=path,
        )
    return article_ingest(
        origin=article_file.origin,
        data=data,
        overrides=article_file.overrides,
        dry_run=dry_run,
        path=path,
    )


def _article_file_reports(article_file: ArticleFile, *, dry_run: bool) -> Iterator[FileReport]:
    """A report for a file of one article, or one per article of a file of many."""
    path = str(article_file.path)
    if article_file.kind not in (InputKind.JSONL, InputKind.FEED):
        yield article_file_ingest(article_file=article_file, dry_run=dry_run)
        return
    try:
        if article_file.kind == InputKind.JSONL:
            # Streamed: a dump of many articles is never read whole; each line
            # is held to the limit of one article.
            with _open_regular(article_file) as stream:
                items = jsonl_articles(
                    stream,
                    name=article_file.origin,
                    max_line_bytes=settings.CLAIMS_MAX_ARTICLE_BYTES,
                )
                yield from _items_ingest(
                    items, path=path, overrides=article_file.overrides, dry_run=dry_run
                )
        else:
            data = _read_limited(article_file, limit_setting="CLAIMS_MAX_FEED_BYTES")
            items = feed_articles(data, name=article_file.origin)
            yield from _items_ingest(
                items, path=path, overrides=article_file.overrides, dry_run=dry_run
            )
    except (ArticleRejected, InputError) as error:
        yield FileReport(path=path, status=IngestStatus.FAILED, error=str(error))


def _items_ingest(
    items: Iterable[ArticleInput | InputProblem],
    *,
    path: str,
    overrides: ArticleOverrides,
    dry_run: bool,
) -> Iterator[FileReport]:
    for item in items:
        if isinstance(item, InputProblem):
            status = IngestStatus.SKIPPED if item.skipped else IngestStatus.FAILED
            yield FileReport(path=path, status=status, error=item.problem, item=item.item)
            continue
        data = (item.html or item.text).encode("utf-8")
        limit = settings.CLAIMS_MAX_ARTICLE_BYTES
        if len(data) > limit:
            # A feed may be larger than an article; each of its items may not.
            error = f"over the {size_text(limit)} limit of one article (CLAIMS_MAX_ARTICLE_BYTES)"
            yield FileReport(path=path, status=IngestStatus.FAILED, error=error, item=item.item)
            continue
        # The command line and the manifest win over what the record says.
        given = overrides.merged_with(item.metadata)
        ingest = page_ingest if item.html else article_ingest
        report = ingest(
            origin=item.origin,
            data=data,
            overrides=given,
            dry_run=dry_run,
            path=path,
            source=item.source,
        )
        yield dataclasses.replace(report, item=item.item)


def url_ingest(
    *, url: str, overrides: ArticleOverrides | None = None, dry_run: bool = False
) -> Iterator[FileReport]:
    """Fetch ``url`` and ingest what it is: an HTML page, a feed's items, or plain text.

    The URL as given identifies the page across runs (its versions chain by
    it); the article's URL is the page's canonical one, else where it was
    fetched from.
    """
    overrides = overrides or ArticleOverrides()
    problem = article_url_problem(url)
    if problem:
        yield FileReport(path=url, status=IngestStatus.FAILED, error=problem)
        return
    try:
        fetched = url_fetch(
            url,
            user_agent=fetch_user_agent(),
            timeout=settings.CLAIMS_FETCH_TIMEOUT,
            max_bytes=_fetch_limit,
            max_redirects=settings.CLAIMS_FETCH_MAX_REDIRECTS,
        )
        kind = _fetched_kind(fetched.media_type, fetched.body)
        if kind == InputKind.FEED:
            items = feed_articles(fetched.body, name=url)
            yield from _items_ingest(items, path=url, overrides=overrides, dry_run=dry_run)
            return
    except InputError as error:
        yield FileReport(path=url, status=IngestStatus.FAILED, error=str(error))
        return
    origin = _url_origin(url)
    if kind == InputKind.HTML:
        yield page_ingest(
            origin=origin,
            data=fetched.body,
            overrides=overrides,
            dry_run=dry_run,
            path=url,
            page_url=fetched.url,
        )
    else:
        yield article_ingest(
            origin=origin,
            data=fetched.body,
            overrides=overrides.merged_with(ArticleOverrides(url=fetched.url)),
            dry_run=dry_run,
            path=url,
        )


def fetch_user_agent() -> str:
    """How the fetcher names itself: the project, its release, and who runs it."""
    contact = settings.CLAIMS_FETCH_CONTACT.strip()
    return f"claims/{__version__}" + (f" (+{contact})" if contact else "")


def _fetch_limit(media_type: str) -> int:
    # A feed holds many articles; anything else is one article.
    if _FEED_MEDIA_TYPE.search(media_type) or not media_type:
        return max(settings.CLAIMS_MAX_FEED_BYTES, settings.CLAIMS_MAX_ARTICLE_BYTES)
    return settings.CLAIMS_MAX_ARTICLE_BYTES


def _fetched_kind(media_type: str, body: bytes) -> InputKind:
    """What a fetched answer is, by its media type or, when that is vague, its start."""
    start = body[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    looks_html = start.startswith((b"<!doctype html", b"<html"))
    if "html" in media_type:
        return InputKind.HTML
    if _FEED_MEDIA_TYPE.search(media_type):
        return InputKind.HTML if looks_html else InputKind.FEED
    if not media_type or media_type.startswith("text/"):
        if looks_html:
            return InputKind.HTML
        if start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
            return InputKind.FEED
        return InputKind.TEXT
    raise InputError(f"cannot ingest content of type {media_type}")


def _url_origin(url: str) -> str:
    # Article.origin holds 500 characters; a longer URL keeps its start and a
    # digest of the whole, so that two long URLs stay two articles.
    if len(url) <= _ORIGIN_MAX_LENGTH:
        return url
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    return f"{url[: _ORIGIN_MAX_LENGTH - 17]}#{digest}"


@contextmanager
def _open_regular(article_file: ArticleFile) -> Iterator[BinaryIO]:
    """The file, opened for reading through one descriptor, if it is a regular file.

    Opened with O_NOFOLLOW, so a link swapped in after the folder was listed
    is refused too; the type is checked on the open descriptor, so nothing
    can change between check and read.
    """
    # O_NONBLOCK: a FIFO put in a file's place must not hang the run on open.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(article_file.path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ArticleRejected(SYMLINK_REFUSED) from error
        raise ArticleRejected(f"cannot read file: {error.strerror or error}") from error
    try:
        with os.fdopen(descriptor, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise ArticleRejected("not a regular file")
            yield file
    except OSError as error:
        raise ArticleRejected(f"cannot read file: {error.strerror or error}") from error


def _read_limited(
    article_file: ArticleFile, *, limit_setting: str = "CLAIMS_MAX_ARTICLE_BYTES"
) -> bytes:
    """The file's bytes, never more than the limit plus one read; the size is
    judged by what the read returns, not by a size looked up before it."""
    limit = getattr(settings, limit_setting)
    with _open_regular(article_file) as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise ArticleRejected(f"file is over the {size_text(limit)} limit ({limit_setting})")
    return data


def page_ingest(
    *,
    origin: str,
    data: bytes,
    overrides: ArticleOverrides | None = None,
    dry_run: bool = False,
    path: str | None = None,
    page_url: str = "",
    source: bytes | None = None,
    on_stored: Callable[[FileReport], None] | None = None,
) -> FileReport:
    """Ingest an HTML page: its main text is the body, its metadata fills what is not given.

    The page's own bytes (``source``, by default ``data``) identify it: a page
    already stored is recognised before its text is extracted again. A page
    whose bytes changed but whose main text did not (a new advert, other
    related links) is unchanged too, by its text's hash, and stores nothing.
    """
    path = path or origin
    overrides = overrides or ArticleOverrides()
    source_hash = hashlib.sha256(data if source is None else source).hexdigest()
    existing = Article.objects.filter(source_hash=source_hash).values_list("id", flat=True)
    if existing:
        return FileReport(path=path, status=IngestStatus.UNCHANGED, article_id=existing[0])
    try:
        page = html_article(data, url=page_url)
    except InputError as error:
        return FileReport(path=path, status=IngestStatus.FAILED, error=str(error))
    found = ArticleOverrides(
        title=page.title or None,
        publisher=page.publisher or None,
        published=page.published,
        byline=page.byline or None,
        url=page.url or None,
    )
    return article_ingest(
        origin=origin,
        data=page.text.encode("utf-8"),
        overrides=overrides.merged_with(found),
        dry_run=dry_run,
        path=path,
        source=data if source is None else source,
        on_stored=on_stored,
    )


def article_ingest(
    *,
    origin: str,
    data: bytes,
    overrides: ArticleOverrides | None = None,
    dry_run: bool = False,
    path: str | None = None,
    source: bytes | None = None,
    on_stored: Callable[[FileReport], None] | None = None,
) -> FileReport:
    """Decode, extract and store one article; report what happened.

    ``source`` is the input the text came from (an HTML page, a JSON line), if
    not ``data`` itself: its hash is kept to recognise it when read again.
    ``on_stored`` is called with the report inside the transaction that stores
    a new article or version, so that what it writes commits with the article.
    """
    path = path or origin
    overrides = overrides or ArticleOverrides()
    url_problem = article_url_problem(overrides.url) if overrides.url else None
    if url_problem:
        return FileReport(path=path, status=IngestStatus.FAILED, error=url_problem)
    try:
        body = extraction.decode_article(data)
    except extraction.ArticleDecodeError as error:
        return FileReport(path=path, status=IngestStatus.FAILED, error=str(error))

    content_hash = hashlib.sha256(body.encode("utf-8")).hexdigest()
    existing = Article.objects.filter(content_hash=content_hash).values_list("id", flat=True)
    if existing:
        return FileReport(path=path, status=IngestStatus.UNCHANGED, article_id=existing[0])

    try:
        extracted = extraction.extract_article(
            body,
            title=overrides.title,
            publisher=overrides.publisher,
            published=overrides.published,
            byline=overrides.byline,
        )
        _check_offsets(extracted)
    except Exception as error:
        # An extractor bug on one article must not stop the run; it is logged
        # with its traceback and the file is reported as failed.
        logger.exception("Extraction failed for %s", path)
        return FileReport(
            path=path, status=IngestStatus.FAILED, error=f"extraction failed: {error}"
        )

    if dry_run:
        status = IngestStatus.NEW_VERSION if _current_version(origin) else IngestStatus.NEW
        return FileReport(path=path, status=status, claims=len(extracted.claims))

    for attempt in range(1, _INGEST_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                _take_writer_turn()
                stamp = sync_stamp()
                # Read in our turn, not before it: another ingest of a newer
                # version of this file may have committed while we extracted,
                # and ours must follow it in the chain, not fork from its parent.
                previous = _current_version(origin)
                report = _store_article(
                    path=path,
                    status=IngestStatus.NEW_VERSION if previous else IngestStatus.NEW,
                    origin=origin,
                    content_hash=content_hash,
                    source_hash=hashlib.sha256(data if source is None else source).hexdigest(),
                    extracted=extracted,
                    url=overrides.url or "",
                    previous=previous,
                    stamp=stamp,
                )
                if on_stored is not None:
                    on_stored(report)
                return report
        except IntegrityError:
            stored = Article.objects.filter(content_hash=content_hash).values_list("id", flat=True)
            if stored:
                # Another process stored this very text while we were extracting.
                return FileReport(path=path, status=IngestStatus.UNCHANGED, article_id=stored[0])
            if attempt == _INGEST_ATTEMPTS:
                logger.exception("Ingest of %s kept conflicting with other writers", path)
                return FileReport(
                    path=path,
                    status=IngestStatus.FAILED,
                    error=f"other ingests kept storing the same rows at the same time "
                    f"({_INGEST_ATTEMPTS} attempts); run it again",
                )
            logger.info("Ingest of %s raced another writer; retrying", path)
        except DataError as error:
            # A value the database refuses (the checks above should have caught
            # it): this article is rolled back whole, the run goes on.
            logger.exception("The database refused %s", path)
            return FileReport(
                path=path,
                status=IngestStatus.FAILED,
                # The first line: PostgreSQL adds context lines a report does not need.
                error="the database refused the article: "
                + (str(error).strip().splitlines() or ["(no reason given)"])[0],
            )
    raise AssertionError("unreachable")


def _current_version(origin: str) -> Article | None:
    return (
        Article.objects.filter(origin=origin, superseded_by__isnull=True)
        .order_by("-ingested_at", "-id")
        .first()
    )


def _take_writer_turn() -> None:
    """Wait for other ingests to commit before resolving actors and sources (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_INGEST_LOCK_KEY])


def _check_offsets(extracted: extraction.ExtractedArticle) -> None:
    """Refuse to store an extraction whose offsets do not slice the body exactly."""
    body = extracted.body
    for claim in extracted.claims:
        spans = [(claim.text, claim.start, claim.end)]
        if claim.speaker:
            spans.append((claim.speaker.mention, claim.speaker.start, claim.speaker.end))
        spans.extend((relay.name, relay.start, relay.end) for relay in claim.via)
        for text, start, end in spans:
            if body[start:end] != text or start >= end:
                raise ValueError(f"offsets {start}:{end} do not slice {text[:40]!r}")


def _store_article(
    *,
    path: str,
    status: IngestStatus,
    origin: str,
    content_hash: str,
    source_hash: str,
    extracted: extraction.ExtractedArticle,
    url: str,
    previous: Article | None,
    stamp: datetime.datetime,
) -> FileReport:
    metadata = extracted.metadata
    sources = _SourceResolver(stamp=stamp)
    # Every outlet of the article at once: its publisher and its claims' relays.
    sources.resolve(
        [(metadata.publisher, SourceKind.PUBLISHER)] * bool(metadata.publisher)
        + [(relay.name, SourceKind.AGENCY) for found in extracted.claims for relay in found.via]
    )
    publisher = (
        sources.get(metadata.publisher, SourceKind.PUBLISHER) if metadata.publisher else None
    )
    article = Article.objects.create(
        title=(metadata.title or "")[:500],
        publisher=publisher,
        published=metadata.published,
        byline=(metadata.byline or "")[:500],
        url=url,
        body=extracted.body,
        origin=origin,
        content_hash=content_hash,
        source_hash=source_hash,
        supersedes=previous,
        updated=stamp,
    )
    actors = _ActorResolver(content_hash=content_hash, stamp=stamp)
    actor_by_name = actors.resolve(extracted.actors)
    # A new article is the current version of its file.
    claims = _create_claims(article, extracted, actor_by_name, sources, stamp=stamp, current=True)
    # Their claim counts (and perhaps their aliases) change; the ones created
    # or given a role here carry the stamp already.
    actors_touch(
        actor_ids=[actor.pk for actor in actor_by_name.values() if actor.updated != stamp],
        stamp=stamp,
    )
    if previous is not None:
        _carry_reviews_forward(previous, claims)
        # The old version now names its successor, and its claims leave the
        # lists and their actors' counts.
        Article.objects.filter(pk=previous.pk).update(updated=stamp)
        claims_touch(claims=Claim.objects.filter(article=previous), stamp=stamp)
    article_created_event(article, claims=len(claims))
    return FileReport(
        path=path,
        status=status,
        article_id=article.id,
        claims=len(claims),
        actors_created=actors.created,
        sources_created=sources.created,
    )


def _create_claims(
    article: Article,
    extracted: extraction.ExtractedArticle,
    actor_by_name: dict[str, Actor],
    sources: _SourceResolver,
    *,
    stamp: datetime.datetime,
    skip_spans: frozenset[tuple[str, int, int]] = frozenset(),
    current: bool = False,
) -> list[Claim]:
    # The extractor gives one role per actor and article (the description the
    # article gives its speaker), not one per claim: each claim keeps its
    # speaker's, as this article had it.
    role_by_name = {actor.name: speaker_role_clean(actor.role) for actor in extracted.actors}
    pending: list[tuple[Claim, tuple[extraction.Relay, ...]]] = []
    for found in extracted.claims:
        if (str(found.kind), found.start, found.end) in skip_spans:
            continue
        speaker = found.speaker
        claim = Claim(
            article=article,
            kind=str(found.kind),
            text=found.text,
            start=found.start,
            end=found.end,
            also_at=[list(position) for position in found.also_at],
            speaker_mention=speaker.mention[:500] if speaker else "",
            speaker_start=speaker.start if speaker else None,
            speaker_end=speaker.end if speaker else None,
            speaker_role=role_by_name.get(speaker.actor, "") if speaker else "",
            actor=actor_by_name.get(speaker.actor) if speaker else None,
            cue=(found.cue or "")[:100],
            confidence=min(1.0, max(0.0, found.confidence)),
            published=article.published,
            updated=stamp,
        )
        pending.append((claim, found.via))
    claims = Claim.objects.bulk_create([claim for claim, _ in pending])
    sources.resolve((relay.name, SourceKind.AGENCY) for _, via in pending for relay in via)
    relays = [
        ClaimRelay(
            claim=claim,
            source=sources.get(relay.name, SourceKind.AGENCY),
            position=position,
            mention_start=relay.start,
            mention_end=relay.end,
        )
        for claim, (_, via) in zip(claims, pending, strict=True)
        for position, relay in enumerate(via)
    ]
    ClaimRelay.objects.bulk_create(relays)
    actor_roles_widen(claims=claims)
    statements_assign(claims=claims, current=current)
    return claims


def _carry_reviews_forward(previous: Article, claims: list[Claim]) -> None:
    """Give a new version's claims the reviews their twins got in the old version.

    The old version keeps its reviewed claims untouched; the new version starts
    from the editors' work instead of from scratch where the same words recur.
    """
    reviewed = {
        (claim.kind, claim.text): claim
        for claim in previous.claims.exclude(review_status=ReviewStatus.UNREVIEWED)
    }
    carried = []
    for claim in claims:
        twin = reviewed.get((claim.kind, claim.text))
        if twin is not None:
            for name in _EDITORIAL_FIELDS:
                setattr(claim, name, getattr(twin, name))
            carried.append(claim)
    if carried:
        Claim.objects.bulk_update(carried, list(_EDITORIAL_FIELDS))


class _SourceResolver:
    """Finds or creates outlets by slug, once per name within a transaction.

    ``resolve`` takes every name an article needs at once: one query finds the
    known ones, one insert (and one for their history) creates the rest.
    """

    def __init__(self, *, stamp: datetime.datetime) -> None:
        self._by_slug: dict[str, Source] = {}
        self._stamp = stamp
        self.created = 0

    @staticmethod
    def _key(name: str) -> tuple[str, str]:
        name = name.strip()[:200]
        return name, slugify(name)[:200] or "source"

    def resolve(self, wanted: Iterable[tuple[str, SourceKind]]) -> None:
        """Find or create these outlets; a new one takes the name and kind it is first met with."""
        missing: dict[str, tuple[str, SourceKind]] = {}
        for name, kind in wanted:
            name, slug = self._key(name)
            if slug not in self._by_slug:
                missing.setdefault(slug, (name, kind))
        if not missing:
            return
        self._by_slug |= {source.slug: source for source in Source.objects.filter(slug__in=missing)}
        new = [
            Source(name=name, slug=slug, kind=kind, updated=self._stamp)
            for slug, (name, kind) in missing.items()
            if slug not in self._by_slug
        ]
        if new:
            for source in bulk_create_with_history(new, Source):
                self._by_slug[source.slug] = source
            self.created += len(new)

    def get(self, name: str, kind: SourceKind) -> Source:
        _, slug = self._key(name)
        if slug not in self._by_slug:
            self.resolve([(name, kind)])
        return self._by_slug[slug]


class _ActorResolver:
    """Maps the article's actors onto the database's, creating the new ones.

    A named actor is the existing actor one of whose aliases is its name
    (normalised); an anonymous one ("a U.S. official") is always new, scoped to
    its article, because two articles' unnamed officials are not one person.

    The article's actors are resolved together, in a fixed number of queries
    whatever their number: their aliases and anonymous slugs are looked up
    at once, the actors are then matched in the article's order in memory
    (an actor met earlier in the article, and the aliases it brought, count
    as known to the later ones, as if each had been stored in turn), and the
    new actors, their history and their aliases are inserted in bulk.
    """

    def __init__(self, *, content_hash: str, stamp: datetime.datetime) -> None:
        self._content_hash = content_hash
        self._stamp = stamp
        self.created = 0

    def resolve(self, found_actors: Sequence[extraction.ExtractedActor]) -> dict[str, Actor]:
        """The stored actor of each of the article's actors, by the article's name for it."""
        # The first actor (by id) with an alias, among those not anonymous:
        # ids of stored actors come before the ones created here, in order.
        rank: dict[int, tuple[int, int]] = {}
        by_alias: dict[str, Actor] = {}
        stored: dict[int, Actor] = {}
        names = {normalize_name(found.name) for found in found_actors if not found.anonymous}
        if names:
            aliases = (
                ActorAlias.objects.filter(normalized__in=names, actor__anonymous=False)
                .select_related("actor")
                .order_by("actor_id")
            )
            for alias in aliases:
                actor = stored.setdefault(alias.actor_id, alias.actor)
                by_alias.setdefault(alias.normalized, actor)
                rank[id(actor)] = (0, actor.pk)
        # Re-extracting an article finds its own unnamed actors again by slug.
        anonymous_slugs = {self._anonymous_slug(f) for f in found_actors if f.anonymous}
        by_slug: dict[str, Actor] = {}
        if anonymous_slugs:
            for actor in Actor.objects.filter(slug__in=anonymous_slugs):
                actor = stored.setdefault(actor.pk, actor)
                by_slug[actor.slug] = actor
                rank[id(actor)] = (0, actor.pk)

        new: list[Actor] = []
        bases: dict[int, str] = {}
        role_filled: dict[int, Actor] = {}
        alias_rows: list[tuple[Actor, str, str]] = []
        actor_by_name: dict[str, Actor] = {}
        for found in found_actors:
            if found.anonymous:
                actor = by_slug.get(self._anonymous_slug(found))
            else:
                actor = by_alias.get(normalize_name(found.name))
            if actor is None:
                actor = Actor(
                    name=found.name[:200],
                    slug=self._anonymous_slug(found) if found.anonymous else "",
                    kind=str(found.kind),
                    role=(found.role or "")[:300],
                    anonymous=found.anonymous,
                    updated=self._stamp,
                )
                rank[id(actor)] = (1, len(new))
                new.append(actor)
                bases[id(actor)] = self._base_slug(found)
                if found.anonymous:
                    by_slug[actor.slug] = actor
            elif found.role and not actor.role:
                actor.role = found.role[:300]
                actor.updated = self._stamp
                if actor.pk is not None:
                    role_filled[actor.pk] = actor
            for normalized, name in self._alias_names((found.name, *found.aliases)).items():
                alias_rows.append((actor, name, normalized))
                if not actor.anonymous:
                    known = by_alias.get(normalized)
                    if known is None or rank[id(actor)] < rank[id(known)]:
                        by_alias[normalized] = actor
            actor_by_name[found.name] = actor

        self._assign_slugs(new, bases)
        if new:
            bulk_create_with_history(new, Actor)
            self.created += len(new)
        if role_filled:
            bulk_update_with_history(list(role_filled.values()), Actor, ["role", "updated"])
        # A name already known as the actor's is skipped, by the database.
        ActorAlias.objects.bulk_create(
            [
                ActorAlias(actor_id=actor.pk, name=name, normalized=normalized)
                for actor, name, normalized in alias_rows
            ],
            ignore_conflicts=True,
        )
        return actor_by_name

    def _anonymous_slug(self, found: extraction.ExtractedActor) -> str:
        # Deterministic per article, so a retried or concurrent ingest agrees.
        return f"{self._base_slug(found)}-{self._content_hash[:8]}"

    @staticmethod
    def _base_slug(found: extraction.ExtractedActor) -> str:
        return slugify(found.name)[:180] or "actor"

    @staticmethod
    def _assign_slugs(new: list[Actor], bases: dict[int, str]) -> None:
        """A free slug for each new named actor: its name's, else with -2, -3... (one query)."""
        named = [actor for actor in new if not actor.anonymous]
        if not named:
            return
        starts = functools.reduce(
            operator.or_, (Q(slug__startswith=base) for base in {bases[id(a)] for a in named})
        )
        taken = set(Actor.objects.filter(starts).values_list("slug", flat=True))
        # The anonymous ones have theirs already (named after the article).
        taken |= {actor.slug for actor in new if actor.anonymous}
        for actor in named:
            base = bases[id(actor)]
            slug, number = base, 2
            while slug in taken:
                slug, number = f"{base}-{number}", number + 1
            actor.slug = slug
            taken.add(slug)

    @staticmethod
    def _alias_names(names: Iterable[str]) -> dict[str, str]:
        by_normalized: dict[str, str] = {}
        for name in names:
            normalized = normalize_name(name)
            if normalized and normalized not in by_normalized:
                by_normalized[normalized] = name.strip()[:200]
        return by_normalized


@dataclass(frozen=True)
class ReextractReport:
    claims_created: int
    claims_removed: int
    reviewed_kept: int


def article_reextract(*, article: Article) -> ReextractReport:
    """Run the current extractor on a stored article again.

    Unreviewed claims are replaced by what the extractor finds now; reviewed
    claims stay exactly as the editors left them, and a fresh finding at the
    same place does not duplicate them.
    """
    extracted = extraction.extract_article(
        article.body,
        title=article.title or None,
        publisher=article.publisher.name if article.publisher_id else None,
        published=article.published,
        byline=article.byline or None,
    )
    _check_offsets(extracted)
    with transaction.atomic():
        _take_writer_turn()
        stamp = sync_stamp()
        unreviewed = article.claims.filter(review_status=ReviewStatus.UNREVIEWED)
        # Their speakers' counts change, and they may lose a role with them.
        earlier_speakers = set(unreviewed.values_list("actor_id", flat=True))
        touched = set(unreviewed.values_list("statement_id", flat=True))
        _, removed_by_model = unreviewed.delete()
        statements_refresh(statement_ids=touched)
        kept = frozenset(article.claims.values_list("kind", "start", "end"))
        sources = _SourceResolver(stamp=stamp)
        actors = _ActorResolver(content_hash=article.content_hash, stamp=stamp)
        actor_by_name = actors.resolve(extracted.actors)
        created = _create_claims(
            article, extracted, actor_by_name, sources, stamp=stamp, skip_spans=kept
        )
        actor_roles_refresh(actor_ids=earlier_speakers)
        # The article's claims and its speakers' counts are not what they were.
        actors_touch(
            actor_ids=earlier_speakers | {claim.actor_id for claim in created}, stamp=stamp
        )
        Article.objects.filter(pk=article.pk).update(updated=stamp)
    return ReextractReport(
        claims_created=len(created),
        claims_removed=removed_by_model.get(Claim._meta.label, 0),
        reviewed_kept=len(kept),
    )


_UNSET = object()


class ReviewConflict(Exception):
    """The claim changed (or went away) after the editor saw it; nothing was written."""

    def __init__(self, message: str = "", *, claim_id: int | None = None) -> None:
        super().__init__(
            message
            or "Someone else reviewed this claim while you had it open. "
            "Reload it to see their review before changing it."
        )
        self.claim_id = claim_id


def claim_review(
    *,
    claim: Claim,
    reviewer: AbstractBaseUser | None,
    status: str | None = None,
    rating: int | object | None = _UNSET,
    note: str | None = None,
    explanation: str | None = None,
    actor: Actor | object | None = _UNSET,
    seen_version: int | None = None,
) -> Claim:
    """Record an editor's review of a claim: verdict, rating, note, explanation, speaker.

    ``note`` stays inside the desk; ``explanation`` is what the API and the
    ClaimReview publish.

    Only what is given changes. Any change stamps the reviewer and the time,
    and is kept in the claim's history with the reviewer as its author.

    The write is conditional: it happens only if the claim is still at
    ``seen_version`` (by default the version ``claim`` was read at), so a
    colleague's review saved in between is never overwritten, whatever the
    interface; ``ReviewConflict`` says so instead.
    """
    changes: dict[str, object] = {}
    if status is not None:
        if status not in ReviewStatus.values:
            raise ValidationError({"review_status": f"unknown review status {status!r}"})
        changes["review_status"] = status
    if rating is not _UNSET:
        if rating is not None and not (isinstance(rating, int) and 1 <= rating <= 5):
            raise ValidationError({"rating": "a rating is a whole number from 1 to 5"})
        changes["rating"] = rating
    if note is not None:
        changes["editor_note"] = note
    if explanation is not None:
        changes["public_explanation"] = explanation
    if actor is not _UNSET:
        changes["actor"] = actor
    seen = claim.review_version if seen_version is None else seen_version
    previous_actor_id = claim.actor_id
    changed = [name for name, value in changes.items() if getattr(claim, name) != value]
    if not changed:
        if seen != claim.review_version:
            # Nothing to write, but the editor's view is out of date: they must
            # not be told their (stale) review was recorded.
            raise ReviewConflict(claim_id=claim.pk)
        return claim
    with transaction.atomic():
        stamp = sync_stamp()
        # The conditional update: one statement that both checks the version
        # and takes the row, so of two simultaneous saves based on one version
        # exactly one gets through (on PostgreSQL the second waits for the
        # first to commit, then finds the version moved on).
        claimed = Claim.objects.filter(pk=claim.pk, review_version=seen).update(
            review_version=seen + 1
        )
        if not claimed:
            raise ReviewConflict(claim_id=claim.pk)
        history_baseline(objs=[claim])
        earlier_actor_id = claim.actor_id
        for name in changed:
            setattr(claim, name, changes[name])
        claim.review_version = seen + 1
        claim.reviewer = reviewer if reviewer is not None and reviewer.is_authenticated else None
        claim.reviewed_at = timezone.now()
        claim.updated = stamp
        # simple_history takes the author from the request when there is one; a
        # service called from a command or a test names it explicitly.
        claim._history_user = claim.reviewer
        claim.save(update_fields=[*changed, "reviewer", "reviewed_at", "review_version", "updated"])
        # The article's detail lists the claim; its actor's (and a former
        # actor's) detail counts it by status.
        Article.objects.filter(pk=claim.article_id).update(updated=stamp)
        actors_touch(actor_ids=[claim.actor_id, previous_actor_id], stamp=stamp)
        # Recorded with the review, sent once it commits (a bulk review: each claim).
        claim_reviewed_event(claim, changed=changed)
        if "actor" in changed and claim.speaker_role:
            # The role the article gave the speaker follows the claim to its
            # true speaker, and leaves the actor it was wrongly given to.
            actor_roles_refresh(actor_ids=[earlier_actor_id, claim.actor_id])
    return claim


# The editorial desk: bulk reviews, merges, article metadata and editor accounts.

EDITORS_GROUP = "Editors"


@dataclass(frozen=True)
class BulkReviewReport:
    changed: int
    # Claims someone else changed between being read and being written:
    # left as that colleague made them.
    conflicts: int


def claims_bulk_review(
    *,
    claims: Iterable[Claim],
    reviewer: AbstractBaseUser | None,
    status: str | None = None,
    actor: Actor | object | None = _UNSET,
    reason: str = "",
) -> BulkReviewReport:
    """Apply one verdict (and/or one speaker) to many claims; say how many changed.

    Each claim goes through ``claim_review``, so each gets its reviewer, its
    review time, its own history entry and its conflict check, all in one
    transaction; a claim changed by someone else meanwhile is skipped.
    """
    changed = conflicts = 0
    with transaction.atomic():
        for claim in claims:
            reviewed_at = claim.reviewed_at
            if reason:
                claim._change_reason = reason
            try:
                claim_review(claim=claim, reviewer=reviewer, status=status, actor=actor)
            except ReviewConflict:
                conflicts += 1
                continue
            changed += claim.reviewed_at != reviewed_at
    return BulkReviewReport(changed=changed, conflicts=conflicts)


@dataclass(frozen=True)
class MergeReport:
    survivor: Actor
    merged_slugs: tuple[str, ...]
    claims_moved: int
    aliases_moved: int


def actor_merge(
    *,
    survivor: Actor,
    merged: Iterable[Actor],
    user: AbstractBaseUser | None = None,
) -> MergeReport:
    """Fold duplicate actors into ``survivor``.

    Their claims and aliases move to the survivor, their slugs become
    redirects to it (so links and API queries by the old slug keep working),
    blanks in the survivor's role and Wikidata id are filled from them, and
    they are deleted. One transaction; every claim moved and every actor
    changed or deleted gets a history entry naming ``user``.
    """
    merged_ids = sorted({actor.pk for actor in merged} - {survivor.pk})
    if not merged_ids:
        raise ValidationError("choose at least one actor other than the one that stays")
    user = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        stamp = sync_stamp()
        # Locked in id order, so two merges of overlapping actors cannot deadlock.
        locked = {
            actor.pk: actor
            for actor in Actor.objects.select_for_update()
            .filter(pk__in=[survivor.pk, *merged_ids])
            .order_by("pk")
        }
        if survivor.pk not in locked or len(locked) != len(merged_ids) + 1:
            raise ValidationError("an actor to merge no longer exists")
        survivor = locked[survivor.pk]
        others = [locked[pk] for pk in merged_ids]
        reason = "merged {} into {}".format(", ".join(a.slug for a in others), survivor.slug)

        claims = list(Claim.objects.filter(actor_id__in=merged_ids))
        history_baseline(objs=claims)
        history_baseline(objs=[survivor, *others])
        for claim in claims:
            claim.actor = survivor
            # A review form opened before the merge still names the old actor.
            claim.review_version += 1
            claim.updated = stamp
        bulk_update_with_history(
            claims,
            Claim,
            ["actor", "review_version", "updated"],
            default_user=user,
            default_change_reason=reason,
        )

        # Their statements are the survivor's now.
        Statement.objects.filter(speaker_id__in=merged_ids).update(speaker=survivor)

        known = set(survivor.aliases.values_list("normalized", flat=True))
        moving = []
        for alias in ActorAlias.objects.filter(actor_id__in=merged_ids).order_by("pk"):
            if alias.normalized not in known:
                known.add(alias.normalized)
                moving.append(alias.pk)
        # The rest are duplicates of the survivor's aliases and go with their actor.
        ActorAlias.objects.filter(pk__in=moving).update(actor=survivor)
        # The merged actors' roles go with them; their claims now give the
        # survivor those roles, with the dates of both actors' sightings.
        actor_roles_refresh(actor_ids=[survivor.pk])

        slugs = tuple(actor.slug for actor in others)
        ActorRedirect.objects.filter(actor_id__in=merged_ids).update(actor=survivor)
        # A stale redirect under one of these slugs would break the unique slug.
        ActorRedirect.objects.filter(slug__in=slugs).delete()
        ActorRedirect.objects.bulk_create(
            [ActorRedirect(slug=slug, actor=survivor) for slug in slugs]
        )

        filled = []
        for name in ("role", "wikidata_id"):
            if not getattr(survivor, name):
                value = next((getattr(a, name) for a in others if getattr(a, name)), "")
                if value:
                    setattr(survivor, name, value)
                    filled.append(name)
        # Their articles list the moved claims with their new actor.
        Article.objects.filter(pk__in={claim.article_id for claim in claims}).update(updated=stamp)
        survivor.updated = stamp
        survivor._history_user = user
        survivor._change_reason = reason
        # Saved even with nothing filled: the merge belongs in the survivor's history.
        survivor.save()
        for actor in others:
            actor._history_user = user
            actor._change_reason = reason
            actor.delete()
    return MergeReport(
        survivor=survivor,
        merged_slugs=slugs,
        claims_moved=len(claims),
        aliases_moved=len(moving),
    )


def article_update_metadata(
    *,
    article: Article,
    user: AbstractBaseUser | None,
    title: str | object = _UNSET,
    publisher: Source | object | None = _UNSET,
    published: datetime.date | object | None = _UNSET,
    byline: str | object = _UNSET,
    url: str | object = _UNSET,
) -> Article:
    """Correct an article's metadata; its claims' copy of the date follows.

    Only what is given changes; the change is kept in the article's history.
    """
    if url is not _UNSET:
        validate_article_url(url)
    given = {"title": title, "publisher": publisher, "published": published}
    given |= {"byline": byline, "url": url}
    changed = [
        name
        for name, value in given.items()
        if value is not _UNSET and getattr(article, name) != value
    ]
    if not changed:
        return article
    with transaction.atomic():
        stamp = sync_stamp()
        history_baseline(objs=[article])
        for name in changed:
            setattr(article, name, given[name])
        article.updated = stamp
        article._history_user = user if user is not None and user.is_authenticated else None
        article.save(update_fields=[*changed, "updated"])
        if "published" in changed:
            # A denormalised copy for the actor-timeline index, not an editorial
            # change of the claims: one UPDATE, recorded in the article's history.
            Claim.objects.filter(article=article).update(published=article.published)
            # When the speakers held their roles moves with the date too.
            actor_roles_refresh(
                actor_ids=Claim.objects.filter(article=article).values_list("actor_id", flat=True)
            )
        if {"title", "publisher", "published"} & set(changed):
            article_shown_changed(article=article, stamp=stamp)
    return article


def actor_desk_save(*, actor: Actor, changed: Iterable[str]) -> Actor:
    """Save an actor as edited on the desk (its fields, its aliases alongside).

    The actor is stamped as changed; when its name or kind changed, so is
    every claim that shows them.
    """
    with transaction.atomic():
        stamp = sync_stamp()
        actor.updated = stamp
        actor.save()
        if {"name", "kind"} & set(changed):
            actor_shown_changed(actor=actor, stamp=stamp)
    return actor


def source_desk_save(*, source: Source, changed: Iterable[str]) -> Source:
    """Save a source as edited on the desk; what shows its name or kind is stamped too."""
    with transaction.atomic():
        stamp = sync_stamp()
        source.updated = stamp
        source.save()
        if {"name", "kind"} & set(changed):
            source_shown_changed(source=source, stamp=stamp)
    return source


def editor_create(
    *, username: str, password: str | None, email: str = ""
) -> tuple[AbstractBaseUser, bool]:
    """Make ``username`` an editor: a staff account in the Editors group.

    Creates the account (with ``password``) when it does not exist; an existing
    account keeps its password and joins the group. Returns (user, created).
    """
    users = get_user_model()
    try:
        group = Group.objects.get(name=EDITORS_GROUP)
    except Group.DoesNotExist:
        raise ValidationError(
            f"the {EDITORS_GROUP} group does not exist: run the migrations first"
        ) from None
    with transaction.atomic():
        user = users.objects.filter(username=username).first()
        created = user is None
        if created:
            if not password:
                raise ValidationError("a new editor needs a password")
            user = users(username=username, email=email, is_staff=True)
            validate_password(password, user)
            user.set_password(password)
            user.save()
        elif not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.add(group)
    return user, created


def history_baseline(*, objs: Sequence[models.Model]) -> None:
    """Give rows stored without history (bulk-created by ingest, or loaded from
    fixtures) a first history entry as they stand, dated when they were stored,
    so that the first editorial change shows what it changed."""
    if not objs:
        return
    model = type(objs[0])
    recorded = set(
        model.history.filter(id__in=[obj.pk for obj in objs])
        .values_list("id", flat=True)
        .distinct()
    )
    baseline = []
    for obj in objs:
        if obj.pk in recorded:
            continue
        # A copy: the caller may already have put its own author and reason on obj.
        stored = copy.copy(obj)
        stored.__dict__.pop("_change_reason", None)
        # Nobody's edit: without this, the user of the current request is named.
        stored._history_user = None
        stored._history_date = (
            getattr(obj, "created_at", None) or getattr(obj, "ingested_at", None) or timezone.now()
        )
        baseline.append(stored)
    model.history.bulk_history_create(baseline, default_change_reason="as stored")


# API tokens (django-rest-knox): a key is shown once, when issued; only its
# digest and its first characters are kept.


def api_token_issue(*, user: AbstractBaseUser, days: int | None = None) -> tuple[AuthToken, str]:
    """A new API key for ``user``, valid for ``days`` (default REST_KNOX's TOKEN_TTL).

    Returns the stored token (no key in it) and the key, which nothing keeps.
    """
    if not user.is_active:
        raise ValidationError(f"{user.get_username()!r} is not an active account")
    if days is not None and days < 1:
        raise ValidationError("a token is valid for at least one day")
    if days is None:
        return AuthToken.objects.create(user=user)
    return AuthToken.objects.create(user=user, expiry=datetime.timedelta(days=days))


def api_token_revoke(*, user: AbstractBaseUser, prefix: str) -> int:
    """Revoke ``user``'s tokens whose key starts with ``prefix``; return how many.

    The prefix is what the token list shows (its first characters): revoking
    needs no key, and one user cannot revoke another's token.
    """
    if len(prefix) < 8:
        raise ValidationError("give at least the first 8 characters of the token")
    tokens = AuthToken.objects.filter(user=user, token_key__startswith=prefix[:15])
    count, _ = tokens.delete()
    return count
