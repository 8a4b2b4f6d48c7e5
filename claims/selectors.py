"""Every non-trivial read of the claims database.

The API's views and FilterSets build their querysets from these functions, so
that what a list loads (joins, prefetches, the context snippet computed in SQL)
is decided in one place and pinned by query-count tests.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import EmptyResultSet
from django.db import OperationalError, connections, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest, Least, Substr, TruncMonth
from knox.models import AuthToken

from .models import (
    Actor,
    ActorAlias,
    ActorClaimTally,
    ActorRedirect,
    ActorRole,
    Article,
    Claim,
    ClaimKind,
    ClaimRelay,
    IngestJob,
    ReviewStatus,
    Source,
    Statement,
    StatementLink,
)
from .normalization import normalize_name

# The text-search configuration of the stored search_vector column
# (migration 0018_claim_search_vector): the query must parse words the same way.
SEARCH_CONFIG = "english"
SEARCH_COLUMN = "search_vector"
# Characters of article text shown around a claim, and the most a snippet holds.
CONTEXT_CHARS = 100
CONTEXT_MAX_CHARS = 400

_WORDS = re.compile(r"\w+")


def _vendor(queryset: QuerySet) -> str:
    return connections[queryset.db].vendor


def _superseded(article_ref: str) -> Exists:
    """True for an article version that a newer version replaced.

    Written as NOT EXISTS rather than the reverse one-to-one's LEFT JOIN ...
    IS NULL: PostgreSQL plans it as an anti-join probing the unique index on
    supersedes_id, and estimates its selectivity sensibly (the join form made
    it expect one row and pick nested loops over whole tables).
    """
    return Exists(Article.objects.filter(supersedes_id=OuterRef(article_ref)))


def _relays_prefetch() -> Prefetch:
    return Prefetch(
        "relay_links",
        queryset=ClaimRelay.objects.select_related("source").order_by("position"),
    )


def claim_list(*, current_only: bool = True, with_context: bool = False) -> QuerySet[Claim]:
    """Claims with everything a list shows, in two queries whatever the page size.

    The actor, the article and its publisher come in the same query; the
    article body never does: ``with_context`` adds a snippet of it cut in SQL
    (claim_rows adds it to the rows of a page itself, so that filtering and
    sorting need no join to the article). ``current_only`` hides the claims
    of article versions that a newer version superseded.
    """
    # A fresh clone of a queryset built once per process: building the joins,
    # deferrals and annotations took longer than running the query.
    queryset = _claim_list_template(current_only).all()
    return _with_context(queryset) if with_context else queryset


@functools.cache
def _claim_list_template(current_only: bool) -> QuerySet[Claim]:
    # Never evaluated itself (only its clones are), so it holds no rows.
    queryset = (
        Claim.objects.select_related("actor", "article", "article__publisher", "statement")
        .defer(
            "article__body",
            "article__byline",
            "article__origin",
            "article__content_hash",
            "statement__text",
        )
        .prefetch_related(_relays_prefetch())
    )
    if current_only:
        queryset = queryset.filter(~_superseded("article_id"))
    return queryset


def _with_context(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """Add the context snippet, cut from the article body in SQL.

    Added only where rows are loaded, not to the queryset that filters and
    sorts, which then needs no join to the article.
    """
    snippet_start = Greatest(F("start") - CONTEXT_CHARS, Value(0))
    return queryset.annotate(
        context_start=snippet_start,
        # SQL strings count from 1; offsets count from 0.
        context=Substr(
            "article__body",
            snippet_start + 1,
            Least(F("end") + CONTEXT_CHARS - snippet_start, Value(CONTEXT_MAX_CHARS)),
        ),
    )


# The claim's own columns (and the context annotations) in a row, read as they are.
_CLAIM_OWN_FIELDS = (
    "speaker_role",
    "published",
    "cue",
    "confidence",
    "start",
    "end",
    "also_at",
    "speaker_start",
    "speaker_end",
    "context",
    "context_start",
    "review_status",
    "rating",
    "public_explanation",
    "reviewed_at",
    "updated",
    "statement_id",
    "review_version",
)

_CONTEXT_FIELDS = frozenset({"context", "context_start"})

# What a claim list page shows, as plain values: building model instances for
# a page (claim, article, publisher, actor, relays) cost several times the SQL.
CLAIM_ROW_FIELDS = (
    "id",
    "kind",
    "text",
    "speaker_mention",
    "actor_id",
    "actor__slug",
    "actor__name",
    "actor__kind",
    "article_id",
    "article__title",
    "article__published",
    "article__publisher_id",
    "article__publisher__slug",
    "article__publisher__name",
    "article__publisher__kind",
    "statement__appearances",
    *_CLAIM_OWN_FIELDS,
)


def claim_rows(queryset: QuerySet[Claim]) -> list[dict]:
    """Evaluate a claim_list() queryset (filtered, ordered, sliced) as plain rows.

    Two queries whatever the size: the claims with their actor, article and
    publisher, then the relays of all of them, in order, under ``relays``.
    The first picks the page's ids in a subquery, sorted and cut with no
    joins to carry (when the order cannot come from an index, a text search,
    a confidence sort, only narrow claim rows get sorted), and joins the rest
    to just those rows. Being one statement, it reads the sort values the
    page was chosen by: the rows' own ``published``, ``id``... are where the
    page's cursor goes, however the claims change meanwhile.
    """
    connection = connections[queryset.db]
    query = queryset.query
    page = _claim_page_query(connection, tuple(query.order_by), query.standard_ordering)
    try:
        picked_sql, picked_params = (
            queryset.values("pk").query.get_compiler(connection=connection).as_sql()
        )
    except EmptyResultSet:  # a filter no row can pass (a search naming nobody)
        return []
    # Selected from, as DISTINCT adds the sort columns to the picking query's own.
    sql = page.sql.replace(_PICKED_IDS, f"SELECT {_PK} FROM ({picked_sql}) {_PICKED}")
    rows = page.rows(connection, sql, (*page.params, *picked_params))
    _attach_relays(rows, connection)
    return rows


def _attach_relays(rows: list[dict], connection) -> None:
    by_id = {row["id"]: row for row in rows}
    for row in rows:
        row["relays"] = []
    if by_id:
        relays = _relay_query(connection, len(by_id))
        for relay in relays.rows(connection, relays.sql, list(by_id)):
            by_id[relay["claim_id"]]["relays"].append(relay)


@dataclass(frozen=True)
class CompiledValues:
    """A values() query compiled once, then run with other parameters.

    Compiling the page's query (29 columns, four joins, the snippet) took
    about as long as PostgreSQL took to run it, and only its parameters
    change from one request to the next. Compiled per connection, whose
    converters (SQLite's dates, say) turn raw rows into what values() gives.
    """

    sql: str
    params: tuple
    names: tuple[str, ...]
    converters: tuple

    @classmethod
    def of(cls, queryset: QuerySet, connection) -> CompiledValues:
        query = queryset.query
        compiler = query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        names = tuple(query.selected or ())
        if len(names) != compiler.col_count:
            raise ValueError("CompiledValues needs values() naming every column")
        fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = tuple(compiler.get_converters(fields).items())
        return cls(sql=sql, params=tuple(params), names=names, converters=converters)

    def rows(self, connection, sql: str, params) -> list[dict]:
        """Run ``sql`` (this query's, or it completed) with ``params``, as values() rows."""
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        names = self.names
        if not self.converters:
            return [dict(zip(names, row, strict=True)) for row in fetched]
        rows = []
        for values in map(list, fetched):
            for position, (converters, expression) in self.converters:
                value = values[position]
                for converter in converters:
                    value = converter(value, expression, connection)
                values[position] = value
            rows.append(dict(zip(names, values, strict=True)))
        return rows


# Stands for the page's ids subquery in the compiled claims query.
_PICKED_IDS = "SELECT picked_claim_ids"
_PK, _PICKED = '"pk"', '"picked"'  # quoted alike by PostgreSQL and SQLite


# Per connection (converters are) and order: few of each.
@functools.lru_cache(maxsize=64)
def _claim_page_query(connection, order_by: tuple, standard_ordering: bool) -> CompiledValues:
    queryset = (
        _with_context(_claim_list_template(False))
        .prefetch_related(None)
        .filter(pk__in=RawSQL(_PICKED_IDS, ()))
        .order_by(*order_by)
        .values(*CLAIM_ROW_FIELDS)
    )
    if not standard_ordering:
        queryset = queryset.reverse()
    compiled = CompiledValues.of(queryset, connection)
    # The subquery's parameters are put after the compiled ones: none may follow it.
    if "%s" in compiled.sql.split(_PICKED_IDS, 1)[1]:
        raise ValueError("a parameter follows the page's ids subquery")
    return compiled


@functools.lru_cache(maxsize=64)
def _relay_query(connection, count: int) -> CompiledValues:
    """The relays of ``count`` claims, in order: the claims' ids are its parameters."""
    queryset = (
        ClaimRelay.objects.filter(claim_id__in=range(count))
        .order_by("claim_id", "position")
        .values("claim_id", "position", "source__slug", "source__name", "source__kind")
    )
    compiled = CompiledValues.of(queryset, connection)
    if len(compiled.params) != count:
        raise ValueError("the relays query takes the claims' ids alone")
    return compiled


def claim_row(claim: Claim) -> dict:
    """The same row for a claim loaded by claim_list() as a model instance.

    Its context snippet is None when loaded without it (``with_context``):
    the CSV export shows none, and need not read the article bodies.
    """
    actor = claim.actor if claim.actor_id else None
    article = claim.article
    publisher = article.publisher if article.publisher_id else None
    row = {
        "id": claim.pk,
        "kind": claim.kind,
        "text": claim.text,
        "speaker_mention": claim.speaker_mention,
        "actor_id": claim.actor_id,
        "actor__slug": actor.slug if actor else None,
        "actor__name": actor.name if actor else None,
        "actor__kind": actor.kind if actor else None,
        "article_id": claim.article_id,
        "article__title": article.title,
        "article__published": article.published,
        "article__publisher_id": article.publisher_id,
        "article__publisher__slug": publisher.slug if publisher else None,
        "article__publisher__name": publisher.name if publisher else None,
        "article__publisher__kind": publisher.kind if publisher else None,
        "statement__appearances": claim.statement.appearances if claim.statement_id else None,
        "relays": [
            {
                "claim_id": claim.pk,
                "position": relay.position,
                "source__slug": relay.source.slug,
                "source__name": relay.source.name,
                "source__kind": relay.source.kind,
            }
            for relay in claim.relay_links.all()  # prefetched, ordered by position
        ],
    }
    for name in _CLAIM_OWN_FIELDS:
        row[name] = getattr(claim, name, None) if name in _CONTEXT_FIELDS else getattr(claim, name)
    return row


def claim_get(*, claim_id: int) -> Claim | None:
    return claim_list(current_only=False, with_context=True).filter(pk=claim_id).first()


def claim_row_get(*, claim_id: int) -> dict | None:
    """One claim (of any article version) as claim_rows() reads it, or None.

    The API's one-claim page: the page query is compiled already, where
    claim_get() compiles its joins for every claim.
    """
    rows = claim_rows(claim_list(current_only=False).filter(pk=claim_id).order_by())
    return rows[0] if rows else None


class StoredSearchMatch(Func):
    """``<claim>.search_vector @@ <query>``: the claim's stored words match the query.

    search_vector is a generated column (to_tsvector of the text) that
    migration 0009 adds on PostgreSQL only, so the model does not declare it;
    this names it on whichever alias the claims table has in the query.
    """

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        query_sql, params = compiler.compile(self.source_expressions[0])
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(SEARCH_COLUMN)} @@ ({query_sql})", params


def claim_search(queryset: QuerySet[Claim], *, q: str) -> QuerySet[Claim]:
    """Claims whose text matches ``q``, or whose speaker's name or alias does.

    On PostgreSQL the text is matched with its full-text search (English
    stemming, web-search syntax: quoted phrases, ``or``, ``-word``) against
    the stored search_vector, through its GIN index claim_search_vector_idx
    for a rare word or along the date index for a common one (the planner
    knows which from the column's statistics). SQLite has no such search:
    there every word of ``q`` must occur in the text, case-insensitively,
    without stemming. The speaker's names are matched on either backend as
    whole words of a normalised alias (see actors_named). The matching actors
    are looked up first, in one query, so that PostgreSQL can combine both
    indexes.
    """
    by_actor = Q(actor_id__in=actor_ids_named(q=q))
    if _vendor(queryset) == "postgresql":
        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        return queryset.filter(Q(StoredSearchMatch(query)) | by_actor)
    words = _WORDS.findall(q)
    if not words:
        return queryset.filter(by_actor)
    by_text = Q()
    for word in words:
        by_text &= Q(text__icontains=word)
    return queryset.filter(by_text | by_actor)


def actors_named(*, q: str) -> QuerySet[Actor]:
    """Actors one of whose aliases contains ``q`` as whole words.

    Case-, accent- and punctuation-insensitive through ActorAlias.normalized:
    ``gates`` finds Robert Gates, ``robert gates`` too, ``gat`` does not.
    """
    aliases = _aliases_naming(q)
    if aliases is None:
        return Actor.objects.none()
    return Actor.objects.filter(pk__in=aliases.values("actor_id"))


# The most actors a claim search (claims/?q=) takes as speakers: a common word
# ("minister") names thousands of actors, and their ids go into the query.
# Exact names come first, so "gates" still finds Gates among many "... Gates".
ACTOR_MATCH_LIMIT = 100
_ALIAS_MAX_LENGTH = ActorAlias._meta.get_field("normalized").max_length


class PaddedName(Func):
    """A normalised name between two spaces: `` robert gates ``.

    "Contains ``" gates "``" is then a whole-word match wherever the word is,
    and one trigram index on this very expression (actor_alias_trigram_idx,
    migration 0008) serves it, as it serves the desk's substring search: no
    scan of every alias.
    """

    template = "(' ' || %(expressions)s || ' ')"
    output_field = CharField()


def _aliases_naming(q: str, *, whole_words: bool = True) -> QuerySet[ActorAlias] | None:
    """Aliases containing ``q`` (normalised) as whole words, or as a substring
    if not ``whole_words``; None if none can."""
    needle = normalize_name(q)
    if not needle or len(needle) > _ALIAS_MAX_LENGTH:
        # Longer than any stored alias: nothing to scan for.
        return None
    pattern = f" {needle} " if whole_words else needle
    return (
        ActorAlias.objects.alias(padded=PaddedName("normalized"))
        .filter(padded__contains=pattern)
        .alias(inexact=Case(When(normalized=needle, then=Value(0)), default=Value(1)))
    )


def actor_search(
    queryset: QuerySet[Actor], *, q: str, whole_words: bool = True, slugs: bool = False
) -> QuerySet[Actor]:
    """The actors of ``queryset`` named ``q``, what a person most likely means first.

    First an actor whose name or an alias is exactly ``q``, then named actors
    before anonymous ones ("A U.S. official traveling with Gates" is not who
    ``gates`` means), then the busiest speakers, then by name. The API's
    actors/?q= (whole words) and the desk's actor search and autocomplete
    (any part of a name, as one types, or of a slug with ``slugs``) rank alike.
    """
    aliases = _aliases_naming(q, whole_words=whole_words)
    if aliases is None:
        return queryset.none()
    found = Q(pk__in=aliases.values("actor_id"))
    if slugs:
        found |= Q(slug__icontains=q.strip())
    needle = normalize_name(q)
    exact = ActorAlias.objects.filter(actor=OuterRef("pk"), normalized=needle)
    # The actor's few tally rows, not its claims: as cheap for the busiest.
    claims = (
        ActorClaimTally.objects.filter(actor=OuterRef("pk"))
        .order_by()
        .values("actor")
        .annotate(n=Sum("claims"))
        .values("n")
    )
    return (
        queryset.filter(found)
        .alias(
            search_exact=Exists(exact),
            search_claims=Coalesce(Subquery(claims, output_field=IntegerField()), 0),
        )
        .order_by(F("search_exact").desc(), "anonymous", F("search_claims").desc(), "name", "pk")
    )


def claims_mentioning(*, word: str) -> Q:
    """Claims whose text, actor (name or alias) or article title contains ``word``.

    The desk's queue search, word by word (case-insensitive substrings, aliases
    also accent-insensitive). The matching actors and articles are looked up
    first, so the condition on claims is three indexable ones, each of which
    PostgreSQL can answer from an index and OR together: the claim text's
    trigram index (claim_text_trigram_idx), and the actor and article indexes.
    """
    aliases = _aliases_naming(word, whole_words=False)
    named = Q(name__icontains=word)
    if aliases is not None:
        named |= Q(pk__in=aliases.values("actor_id"))
    actors = Actor.objects.filter(named).order_by().values("pk")
    articles = Article.objects.filter(title__icontains=word).order_by().values("pk")
    return (
        Q(text__icontains=word)
        | _ids_or_exists(actors, "actor_id")
        | _ids_or_exists(articles, "article_id")
    )


# The most ids a search inlines into the claims query as a list. A word named
# by more actors or titles than this is a common one: its claims are dense,
# the queue finds a page of them quickly along its own order, and planning a
# list of tens of thousands of ids would cost more than that.
SEARCH_ID_LIST_LIMIT = 500


def _ids_or_exists(rows: QuerySet, column: str) -> Q:
    """``column`` names one of ``rows``: a list of ids when few, else a probe per claim.

    Few ids are an index condition PostgreSQL ORs with the others. Many are
    not inlined, and not an ``IN (subquery)`` either: one too large to hash
    in work_mem was rescanned for every claim (24 s for a word in most titles
    at ten million claims). EXISTS probes the row's own key instead.
    """
    ids = [row["pk"] for row in rows[: SEARCH_ID_LIST_LIMIT + 1]]
    if len(ids) <= SEARCH_ID_LIST_LIMIT:
        return Q(**{f"{column}__in": ids})
    return Q(Exists(rows.filter(pk=OuterRef(column))))


def actor_ids_named(*, q: str, limit: int | None = None) -> list[int]:
    """Ids of at most ``limit`` (ACTOR_MATCH_LIMIT) actors named ``q``, exact names first."""
    aliases = _aliases_naming(q)
    if aliases is None:
        return []
    limit = ACTOR_MATCH_LIMIT if limit is None else limit
    rows = aliases.order_by("inexact", "actor_id").values_list("actor_id", flat=True)[:limit]
    return list(dict.fromkeys(rows))


def actor_ids_with_alias(*, name: str) -> QuerySet[ActorAlias]:
    """The ids of actors whose name or an alias is ``name``, normalised (a subquery)."""
    return ActorAlias.objects.filter(normalized=normalize_name(name)).values("actor_id")


def actors_by_slugs(*, slugs: Iterable[str]) -> tuple[dict[str, Actor], list[str]]:
    """Resolve slugs, old slugs of merged actors included: (found by slug, unknown)."""
    wanted = list(dict.fromkeys(slugs))
    found = {actor.slug: actor for actor in Actor.objects.filter(slug__in=wanted).order_by()}
    missing = [slug for slug in wanted if slug not in found]
    if missing:
        for redirect in ActorRedirect.objects.filter(slug__in=missing).select_related("actor"):
            found[redirect.slug] = redirect.actor
    return found, [slug for slug in wanted if slug not in found]


@dataclass(frozen=True)
class ActorLookup:
    actor: Actor
    redirected_from: str | None = None


def actor_get(*, slug: str) -> ActorLookup | None:
    """The actor with this slug, or the one an old slug now points to."""
    actor = actor_list().filter(slug=slug).first()
    if actor is not None:
        return ActorLookup(actor=actor)
    redirect = ActorRedirect.objects.filter(slug=slug).select_related("actor").first()
    if redirect is None:
        return None
    return ActorLookup(actor=redirect.actor, redirected_from=slug)


def actor_list() -> QuerySet[Actor]:
    """Actors alone: actor_details() reads what a page shows of each."""
    return Actor.objects.all()


@dataclass
class ClaimCounts:
    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)


def actor_claim_counts(*, actor_ids: Iterable[int]) -> dict[int, ClaimCounts]:
    """Claim counts of current article versions, per actor: one query of their tallies."""
    ids = list(actor_ids)
    counts = {
        actor_id: ClaimCounts(
            by_kind=dict.fromkeys(ClaimKind.values, 0),
            by_status=dict.fromkeys(ReviewStatus.values, 0),
        )
        for actor_id in ids
    }
    if not ids:
        return counts
    rows = ActorClaimTally.objects.filter(actor_id__in=ids).values_list(
        "actor_id", "kind", "review_status", "claims"
    )
    for actor_id, kind, status, n in rows:
        entry = counts[actor_id]
        entry.total += n
        entry.by_kind[kind] = entry.by_kind.get(kind, 0) + n
        entry.by_status[status] = entry.by_status.get(status, 0) + n
    return counts


@dataclass
class ActorDetails:
    """What the API shows of an actor beside its own columns."""

    aliases: list[str] = field(default_factory=list)
    # {"role", "first_seen", "last_seen"}, the most recent first.
    roles: list[dict] = field(default_factory=list)
    claim_counts: ClaimCounts = field(default_factory=ClaimCounts)


def actor_details(*, actor_ids: Iterable[int]) -> dict[int, ActorDetails]:
    """Aliases, roles and claim counts of a page of actors, in three flat queries.

    Read as rows rather than prefetched: a prefetch builds a related manager
    and a queryset for every actor of the page, which cost more than the
    queries themselves on a page of 50.
    """
    ids = list(actor_ids)
    counts = actor_claim_counts(actor_ids=ids)
    details = {actor_id: ActorDetails(claim_counts=counts[actor_id]) for actor_id in ids}
    if not ids:
        return details
    aliases = ActorAlias.objects.filter(actor_id__in=ids).order_by("name")
    for actor_id, name in aliases.values_list("actor_id", "name"):
        details[actor_id].aliases.append(name)
    roles = ActorRole.objects.filter(actor_id__in=ids)  # in the model's order: latest first
    for actor_id, role, first_seen, last_seen in roles.values_list(
        "actor_id", "role", "first_seen", "last_seen"
    ):
        details[actor_id].roles.append(
            {"role": role, "first_seen": first_seen, "last_seen": last_seen}
        )
    return details


def article_list(*, current_only: bool = True) -> QuerySet[Article]:
    """Articles without their bodies, publisher joined."""
    queryset = Article.objects.select_related("publisher").defer("body", "origin", "content_hash")
    if current_only:
        queryset = queryset.filter(~_superseded("pk"))
    return queryset


def article_get(*, article_id: int, claim_limit: int) -> Article | None:
    """One article (any version) with its body and its first claims in reading order.

    ``first_claims`` holds at most ``claim_limit`` claims and ``claim_count``
    how many there are: an article with thousands of claims is answered with
    a bounded page, and the claim list (filtered by article) has the rest.
    """
    article = article_find(article_id=article_id)
    if article is None:
        return None
    return article_claims_load(article=article, claim_limit=claim_limit)


def article_find(*, article_id: int) -> Article | None:
    """One article (any version) with its body, publisher and successor; not its claims."""
    return (
        Article.objects.select_related("publisher", "superseded_by").filter(pk=article_id).first()
    )


def article_claims_load(*, article: Article, claim_limit: int) -> Article:
    """Give an article of article_find() its ``first_claims`` and ``claim_count``."""
    article_id = article.pk
    claims = list(
        claim_list(current_only=False, with_context=True)
        .filter(article_id=article_id)
        .order_by("start", "id")[: claim_limit + 1]
    )
    article.claim_count = (
        Claim.objects.filter(article_id=article_id).count()
        if len(claims) > claim_limit
        else len(claims)
    )
    article.first_claims = claims[:claim_limit]
    return article


def sources_by_slugs(*, slugs: Iterable[str]) -> tuple[dict[str, Source], list[str]]:
    """Resolve source slugs: (found by slug, unknown)."""
    wanted = list(dict.fromkeys(slugs))
    found = {source.slug: source for source in Source.objects.filter(slug__in=wanted)}
    return found, [slug for slug in wanted if slug not in found]


def source_list() -> QuerySet[Source]:
    return Source.objects.all()


def claims_via(queryset: QuerySet[Claim], *, source_ids: Iterable[int]) -> QuerySet[Claim]:
    """Claims relayed by any of these sources (served by claim_relay_source_idx)."""
    relayed = ClaimRelay.objects.filter(source_id__in=list(source_ids)).values("claim_id")
    return queryset.filter(pk__in=relayed)


def api_tokens_of(*, user) -> QuerySet[AuthToken]:
    """``user``'s API tokens, newest first: what they were issued, never their keys."""
    return (
        AuthToken.objects.filter(user=user)
        .only("token_key", "created", "expiry", "user_id")
        .order_by("-created")
    )


# Statistics over time: each a fixed, small number of grouped queries, month
# buckets computed in SQL (TruncMonth works alike on PostgreSQL and SQLite).

# The most outlets an actor's statistics rank.
TOP_OUTLETS = 10


@dataclass
class MonthCounts:
    """One calendar month of claims (``month`` is its first day)."""

    month: datetime.date
    total: int = 0
    by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ClaimKind.values, 0))
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ReviewStatus.values, 0))


@dataclass
class OutletCount:
    slug: str
    name: str
    kind: str
    claims: int


@dataclass
class ActorStats:
    """An actor's claims in current article versions, over time."""

    actor: Actor
    total: int
    undated: int
    first_seen: datetime.date | None
    last_seen: datetime.date | None
    months: list[MonthCounts]
    top_outlets: list[OutletCount]


def actor_stats(*, actor: Actor, top: int = TOP_OUTLETS) -> ActorStats:
    """Claims per month by kind and by review status, first and last seen, top outlets.

    Two queries whatever the actor's size, both read from indexes alone on
    PostgreSQL: the monthly groups (with each group's first and last date)
    from claim_actor_stats_idx, and the publishers that carried the most of
    its claims, joining that index to article_publisher_of_idx. COUNT(*), not
    COUNT(id): the id is not in the index, and counting it would read every row.
    """
    claims = Claim.objects.filter(~_superseded("article_id"), actor=actor)
    groups = (
        claims.annotate(month=TruncMonth("published"))
        .values("month", "kind", "review_status")
        .annotate(n=Count("*"), first=Min("published"), last=Max("published"))
        .order_by()
    )
    months: dict[datetime.date, MonthCounts] = {}
    total = undated = 0
    first_seen = last_seen = None
    for group in groups:
        total += group["n"]
        if group["month"] is None:
            undated += group["n"]
            continue
        month = months.setdefault(group["month"], MonthCounts(month=group["month"]))
        month.total += group["n"]
        month.by_kind[group["kind"]] += group["n"]
        month.by_status[group["review_status"]] += group["n"]
        first_seen = _earliest(first_seen, group["first"])
        last_seen = _latest(last_seen, group["last"])
    outlets = (
        claims.filter(article__publisher__isnull=False)
        .values(
            "article__publisher",
            "article__publisher__slug",
            "article__publisher__name",
            "article__publisher__kind",
        )
        .annotate(n=Count("*"))
        .order_by("-n", "article__publisher__slug")[:top]
    )
    return ActorStats(
        actor=actor,
        total=total,
        undated=undated,
        first_seen=first_seen,
        last_seen=last_seen,
        months=[months[key] for key in sorted(months)],
        top_outlets=[
            OutletCount(
                slug=row["article__publisher__slug"],
                name=row["article__publisher__name"],
                kind=row["article__publisher__kind"],
                claims=row["n"],
            )
            for row in outlets
        ],
    )


def _earliest(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    return b if a is None else a if b is None else min(a, b)


def _latest(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    return b if a is None else a if b is None else max(a, b)


@dataclass
class OutletMonth:
    """One calendar month of an outlet's claims (``month`` is its first day)."""

    month: datetime.date
    published: int = 0
    relayed: int = 0


@dataclass
class ReviewOutcomes:
    total: int = 0
    undated: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ReviewStatus.values, 0))


@dataclass
class SourceStats:
    """What an outlet published and relayed (current article versions), over time."""

    source: Source
    first_seen: datetime.date | None
    last_seen: datetime.date | None
    published: ReviewOutcomes
    relayed: ReviewOutcomes
    months: list[OutletMonth]


def source_stats(*, source: Source) -> SourceStats:
    """Claims published and relayed per month, and how their reviews came out.

    Two grouped queries: the claims of the articles it published (its
    articles from the article indexes, then their claims through
    claim_article_position_idx) and the claims it relayed (through
    claim_relay_source_idx), each counted once however many times it relayed one.
    """
    current = Claim.objects.filter(~_superseded("article_id"))
    relayed_ids = ClaimRelay.objects.filter(source=source).values("claim_id")
    months: dict[datetime.date, OutletMonth] = {}
    first_seen = last_seen = None
    outcomes = {}
    for name, claims in (
        ("published", current.filter(article__publisher=source)),
        ("relayed", current.filter(pk__in=relayed_ids)),
    ):
        outcome = outcomes[name] = ReviewOutcomes()
        groups = (
            claims.annotate(month=TruncMonth("published"))
            .values("month", "review_status")
            .annotate(n=Count("*"), first=Min("published"), last=Max("published"))
            .order_by()
        )
        for group in groups:
            outcome.total += group["n"]
            outcome.by_status[group["review_status"]] += group["n"]
            if group["month"] is None:
                outcome.undated += group["n"]
                continue
            month = months.setdefault(group["month"], OutletMonth(month=group["month"]))
            setattr(month, name, getattr(month, name) + group["n"])
            first_seen = _earliest(first_seen, group["first"])
            last_seen = _latest(last_seen, group["last"])
    return SourceStats(
        source=source,
        first_seen=first_seen,
        last_seen=last_seen,
        published=outcomes["published"],
        relayed=outcomes["relayed"],
        months=[months[key] for key in sorted(months)],
    )


def ingest_job_list(*, user) -> QuerySet[IngestJob]:
    """The ingest jobs ``user`` may see: their own; every one for the desk's job readers."""
    jobs = IngestJob.objects.all()
    if user.has_perm("claims.view_ingestjob"):
        return jobs
    return jobs.filter(created_by=user)


# Statements: what one actor said once, and where it appeared.


def statement_list() -> QuerySet[Statement]:
    """Statements appearing in current article versions, with their speaker and
    first appearance (its article and publisher) in the same query."""
    return (
        Statement.objects.filter(appearances__gt=0)
        .select_related(
            "speaker",
            "first_claim",
            "first_claim__article",
            "first_claim__article__publisher",
        )
        .defer(
            "text",
            "first_claim__article__body",
            "first_claim__article__byline",
            "first_claim__article__origin",
            "first_claim__article__content_hash",
        )
    )


def statements_matching(queryset: QuerySet[Statement], *, q: str) -> QuerySet[Statement]:
    """Statements one of whose appearances matches ``q`` as claims/?q= does."""
    matching = claim_search(Claim.objects.all(), q=q).values("statement_id")
    return queryset.filter(pk__in=matching)


def claims_collapsed(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """Each statement once, as its first appearance (claims without one stay)."""
    firsts = Statement.objects.filter(first_claim_id=OuterRef("pk"))
    return queryset.filter(Q(statement_id__isnull=True) | Exists(firsts))


@dataclass
class StatementDetail:
    statement: Statement
    # Claims of current article versions, in order of publication (at most the limit).
    appearance_list: list[Claim]
    # (source, number of appearances) in the order they first carried it.
    outlets: list[tuple[Source, int]]
    agencies: list[tuple[Source, int]]
    # (link, the other statement, True when this statement is the link's source).
    links: list[tuple[StatementLink, Statement, bool]]


def statement_get(*, statement_id: int, appearance_limit: int) -> StatementDetail | None:
    """One statement with its appearances, the outlets and agencies that carried it,
    and its links: a fixed number of queries however often it was reprinted."""
    statement = statement_list().filter(pk=statement_id).first()
    if statement is None:
        return None
    current = Claim.objects.filter(statement_id=statement_id).filter(~_superseded("article_id"))
    in_order = (F("published").asc(nulls_last=True), "id")
    appearances = list(
        claim_list(current_only=True)
        .filter(statement_id=statement_id)
        .order_by(*in_order)[:appearance_limit]
    )
    publishers: dict[int, int] = {}
    for publisher_id in current.order_by(*in_order).values_list("article__publisher_id", flat=True):
        if publisher_id is not None:
            publishers[publisher_id] = publishers.get(publisher_id, 0) + 1
    relays: dict[int, int] = {}
    for source_id in (
        ClaimRelay.objects.filter(claim__in=current)
        .order_by(F("claim__published").asc(nulls_last=True), "claim_id", "position")
        .values_list("source_id", flat=True)
    ):
        relays[source_id] = relays.get(source_id, 0) + 1
    sources = Source.objects.in_bulk([*publishers, *relays])
    links = []
    for link in StatementLink.objects.filter(
        Q(source_id=statement_id) | Q(target_id=statement_id)
    ).select_related("source__first_claim", "target__first_claim"):
        outgoing = link.source_id == statement_id
        links.append((link, link.target if outgoing else link.source, outgoing))
    return StatementDetail(
        statement=statement,
        appearance_list=appearances,
        outlets=[(sources[pk], n) for pk, n in publishers.items()],
        agencies=[(sources[pk], n) for pk, n in relays.items()],
        links=links,
    )


# How long an exact count of a short list may take before the estimate answers.
COUNT_TIME_LIMIT_MS = 100
QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement_timeout


def count_estimate(queryset: QuerySet, *, exact_up_to: int) -> int:
    """How many rows ``queryset`` has: exactly up to ``exact_up_to``, roughly above.

    An exact COUNT(*) of a long list reads every row of it (the whole claims
    table for the desk's default queue). The rows are counted one by one only
    up to ``exact_up_to`` (a scan that stops there); past it, PostgreSQL's
    planner estimate from its statistics is the answer, as large Django admins
    do. SQLite has no such estimate and counts exactly.
    """
    if connections[queryset.db].vendor != "postgresql":
        return queryset.count()
    bounded = _count_within(queryset.order_by()[: exact_up_to + 1], COUNT_TIME_LIMIT_MS)
    if bounded is not None and bounded <= exact_up_to:
        return bounded
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return max(int(plan[0]["Plan"]["Plan Rows"]), exact_up_to + 1)


def _count_within(queryset: QuerySet, milliseconds: int) -> int | None:
    """COUNT(*) of ``queryset``, or None if PostgreSQL takes longer than ``milliseconds``.

    A rare search word's few matches can be slow to count when the planner
    misjudges how many there are (half a second at ten million claims):
    past the limit the planner's estimate is answer enough for a page count.
    """
    connection = connections[queryset.db]
    # Set for this transaction only; inside a caller's transaction, set back after.
    within_callers = connection.in_atomic_block
    try:
        with transaction.atomic(using=queryset.db), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('statement_timeout'), "
                "set_config('statement_timeout', %s, true)",
                [str(milliseconds)],
            )
            previous = cursor.fetchone()[0]
            counted = queryset.count()
            if within_callers:
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])
            return counted
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) != QUERY_CANCELED:
            raise
        return None
