"""Statements: one thing one actor said, and every claim that is an appearance of it.

Ingest calls ``statements_assign`` for the claims of an article inside the
article's transaction. Each claim joins the statement whose words it repeats,
or starts a new one:

1. Its text is normalised (claims.normalization.normalize_statement) and cut
   into word shingles (3 words each). A MinHash signature of the shingles
   (datasketch, NUM_PERM permutations) is cut into BANDS bands of ROWS values;
   each band is hashed into a 64-bit key.
2. Candidates are the statements sharing a band key with it (StatementBand,
   one indexed ``band_key IN (...)`` query for a whole article), at most
   MAX_CANDIDATES of them, those sharing the most bands first. Two texts
   with Jaccard similarity J share at least one band with probability
   1 - (1 - J**ROWS)**BANDS: 0.998 at J=0.5, 0.87 at J=0.3 (a third of a
   quote, trimmed), 0.27 at J=0.1.
3. Each candidate is checked exactly: the Jaccard similarity of the two
   shingle sets, or, for a trimmed excerpt of at least MIN_EXCERPT_SHINGLES
   shingles, the share of the shorter one found in the longer one. The best
   candidate at or above JOIN_THRESHOLD, of the same kind and a compatible
   speaker, is joined; its score and the method are kept on the claim.

Speakers: a claim whose speaker is resolved joins only statements of the same
actor (or of no known actor); an unresolved or anonymous speaker joins on the
words alone. Reported speech joins only reported speech of the same resolved
actor: two articles paraphrasing different things stay apart.

The cost of a join does not depend on how many claims are stored: a few
indexed queries per article (bench/statements/ measures it).
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from datasketch import MinHash
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from simple_history.utils import bulk_update_with_history

from ..models import (
    Article,
    Claim,
    ClaimKind,
    Statement,
    StatementBand,
    StatementKind,
    StatementLink,
    StatementLinkKind,
    StatementMethod,
)
from ..normalization import STATEMENT_CUT, normalize_statement
from .sync import claims_touch, sync_stamp

NUM_PERM = 64
# datasketch's hashing scheme, named so that an upgrade cannot change stored keys.
_SCHEME = "affine32"
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 3
# Chosen on bench/statements/ (its README has the sweep): every true join
# there scores 0.875 or more (an excerpt with its clauses swapped), the best
# look-alike 0.818 (the same sentence with "not" taken out). Below 0.85 that
# look-alike joins; above 0.875 true excerpts are missed.
JOIN_THRESHOLD = 0.85
# An excerpt shorter than this (about six words) is judged by Jaccard
# similarity alone: a few common words are contained in many quotes.
MIN_EXCERPT_SHINGLES = 4
MAX_CANDIDATES = 20
# Keys per query: well under SQLite's limit on parameters.
_KEYS_PER_QUERY = 2000

_KIND_OF_CLAIM = {
    ClaimKind.DIRECT: StatementKind.QUOTE,
    ClaimKind.PARTIAL: StatementKind.QUOTE,
    ClaimKind.INDIRECT: StatementKind.REPORTED,
    ClaimKind.ASSERTION: StatementKind.ASSERTION,
}


def statement_kind(claim_kind: str) -> str:
    return _KIND_OF_CLAIM[ClaimKind(claim_kind)]


@functools.cache
def _permutations():
    # The same permutations in every process, so stored band keys stay comparable.
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=_SCHEME).permutations


def shingles(normalized: str) -> frozenset[str]:
    """Word 3-grams of a normalised text, never across a cut (an ellipsis, a bracket).

    A part shorter than three words gives none; a text with no 3-gram at all
    is one shingle of all its words.
    """
    grams = set()
    for part in normalized.split(STATEMENT_CUT):
        words = part.split()
        grams.update(
            " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
        )
    if not grams:
        words = normalized.replace(STATEMENT_CUT, " ").split()
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(grams)


def band_keys(shingle_set: frozenset[str]) -> list[int]:
    """The LSH band keys of a shingle set: BANDS signed 64-bit integers."""
    if not shingle_set:
        return []
    minhash = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme=_SCHEME)
    minhash.update_batch([shingle.encode("utf-8") for shingle in sorted(shingle_set)])
    values = minhash.hashvalues
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(
            values[band * ROWS : (band + 1) * ROWS].tobytes(),
            digest_size=8,
            person=band.to_bytes(2, "big"),
        ).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity, or containment of the shorter set when it is long enough."""
    common = len(a & b)
    if not common:
        return 0.0
    jaccard = common / len(a | b)
    shorter = min(len(a), len(b))
    if shorter >= MIN_EXCERPT_SHINGLES:
        return max(jaccard, common / shorter)
    return jaccard


@dataclass(eq=False)  # compared and hashed by identity
class _Candidate:
    statement: Statement
    shingles: frozenset[str]
    keys: list[int] = field(default_factory=list)
    new: bool = False
    changed: bool = False


def _resolved_speaker(claim: Claim) -> int | None:
    """The claim's actor, unless it has none or it is anonymous (never the same across articles)."""
    if claim.actor_id is None:
        return None
    actor = claim.actor
    return None if actor.anonymous else actor.pk


def _compatible(kind: str, speaker: int | None, statement: Statement) -> bool:
    if statement.kind != kind:
        return False
    if kind == StatementKind.REPORTED:
        return speaker is not None and statement.speaker_id == speaker
    return speaker is None or statement.speaker_id is None or statement.speaker_id == speaker


def _existing_bands(keys: Iterable[int]) -> dict[int, list[int]]:
    """Statement ids per band key, from the band table (statement_band_unique's index)."""
    wanted = sorted(set(keys))
    found: dict[int, list[int]] = {}
    for i in range(0, len(wanted), _KEYS_PER_QUERY):
        chunk = wanted[i : i + _KEYS_PER_QUERY]
        if connection.vendor == "postgresql":
            # One array parameter: PostgreSQL plans "= ANY(array)" faster than
            # an IN list of hundreds of parameters, the same index-only scan.
            table = StatementBand._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT band_key, statement_id FROM {table} WHERE band_key = ANY(%s)",
                    [chunk],
                )
                rows = cursor.fetchall()
        else:
            rows = StatementBand.objects.filter(band_key__in=chunk).values_list(
                "band_key", "statement_id"
            )
        for key, statement_id in rows:
            found.setdefault(key, []).append(statement_id)
    return found


def statements_assign(*, claims: Sequence[Claim], current: bool = False) -> None:
    """Put each stored claim (with its actor loaded) into the statement it repeats or a new one.

    A few queries for the whole batch, whatever the number of claims stored:
    the band lookup, the candidates, then bulk writes. Claims of one batch
    can join each other. ``current``: the claims are all of current article
    versions (ingest's new article), so a statement one of them starts needs
    no recount.
    """
    if not claims:
        return
    prepared = []
    for claim in claims:
        normalized = normalize_statement(claim.text)
        shingle_set = shingles(normalized)
        prepared.append((claim, normalized, shingle_set, band_keys(shingle_set)))

    by_key = _existing_bands(key for *_, keys in prepared for key in keys)
    wanted: set[int] = set()
    ranked: list[list[int]] = []
    for *_, keys in prepared:
        counts = Counter(sid for key in keys for sid in by_key.get(key, ()))
        top = [sid for sid, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
        ranked.append(top[:MAX_CANDIDATES])
        wanted.update(top[:MAX_CANDIDATES])
    stored = {
        statement.pk: _Candidate(statement, shingles(statement.text))
        for statement in Statement.objects.filter(pk__in=wanted).only(
            "id", "kind", "speaker_id", "text"
        )
    }

    local: dict[int, list[_Candidate]] = {}  # band key -> statements started in this batch
    joined_keys: list[tuple[_Candidate, list[int]]] = []
    decisions: list[tuple[Claim, _Candidate, float, str]] = []
    for (claim, normalized, shingle_set, keys), top in zip(prepared, ranked, strict=True):
        kind = statement_kind(claim.kind)
        speaker = _resolved_speaker(claim)
        candidates = [stored[sid] for sid in top if sid in stored]
        for key in keys:
            candidates.extend(c for c in local.get(key, ()) if c not in candidates)
        best, best_score = None, 0.0
        for candidate in candidates:
            if not _compatible(kind, speaker, candidate.statement):
                continue
            score = similarity(shingle_set, candidate.shingles)
            if score > best_score:
                best, best_score = candidate, score
        if best is not None and best_score >= JOIN_THRESHOLD:
            exact = normalized == best.statement.text
            decisions.append(
                (
                    claim,
                    best,
                    1.0 if exact else round(best_score, 4),
                    StatementMethod.EXACT if exact else StatementMethod.MINHASH,
                )
            )
            if not exact:
                joined_keys.append((best, keys))
            if len(shingle_set) > len(best.shingles):
                # The fullest appearance (the most word triples: an excerpt or a
                # copy cut with an ellipsis has fewer) is what later excerpts
                # are compared with.
                best.statement.text = normalized
                best.shingles = shingle_set
                best.changed = True
            if best.statement.speaker_id is None and speaker is not None:
                best.statement.speaker_id = speaker
                best.changed = True
            continue
        candidate = _Candidate(
            Statement(kind=kind, speaker_id=speaker, text=normalized),
            shingle_set,
            keys=keys,
            new=True,
        )
        for key in keys:
            local.setdefault(key, []).append(candidate)
        decisions.append((claim, candidate, 1.0, StatementMethod.FIRST))

    created = [c for c in dict.fromkeys(c for _, c, _, _ in decisions if c.new)]
    for claim, candidate, _, method in decisions:
        if method == StatementMethod.FIRST:
            # Its only appearance so far; recounted below if others joined it.
            candidate.statement.first_claim = claim
            candidate.statement.first_published = claim.published
            candidate.statement.appearances = 1
    Statement.objects.bulk_create([c.statement for c in created])
    changed = [c.statement for c in stored.values() if c.changed]
    if changed:
        Statement.objects.bulk_update(changed, ["text", "speaker"])
    _insert_bands(
        [(key, c.statement.pk) for c in created for key in c.keys]
        + [(key, c.statement.pk) for c, keys in joined_keys for key in keys]
    )
    for claim, candidate, score, method in decisions:
        claim.statement = candidate.statement
        claim.statement_score = score
        claim.statement_method = method
    _save_memberships(claims)
    members = Counter(claim.statement_id for claim in claims)
    settled = {c.statement.pk for c in created if current and members[c.statement.pk] == 1}
    statements_refresh(statement_ids=set(members) - settled, prune=False)


# Ingest's two biggest writes, as single array statements on PostgreSQL:
# building hundreds of model instances (bulk_create) or a CASE per row
# (bulk_update) cost more than the database work (bench/statements/cost.py).


def _insert_bands(pairs: list[tuple[int, int]]) -> None:
    """Store (band key, statement id) pairs; those already there are skipped."""
    if not pairs:
        return
    if connection.vendor != "postgresql":
        StatementBand.objects.bulk_create(
            [StatementBand(band_key=key, statement_id=sid) for key, sid in pairs],
            ignore_conflicts=True,
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {StatementBand._meta.db_table} (band_key, statement_id) "
            "SELECT * FROM unnest(%s::bigint[], %s::bigint[]) ON CONFLICT DO NOTHING",
            [[key for key, _ in pairs], [sid for _, sid in pairs]],
        )


def _save_memberships(claims: Sequence[Claim]) -> None:
    """Write each claim's statement, score and method."""
    fields = ["statement", "statement_score", "statement_method"]
    if connection.vendor != "postgresql":
        Claim.objects.bulk_update(claims, fields)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Claim._meta.db_table} AS claim SET statement_id = v.statement_id, "
            "statement_score = v.score, statement_method = v.method "
            "FROM unnest(%s::bigint[], %s::bigint[], %s::float8[], %s::text[]) "
            "AS v(id, statement_id, score, method) WHERE claim.id = v.id",
            [
                [claim.pk for claim in claims],
                [claim.statement_id for claim in claims],
                [claim.statement_score for claim in claims],
                [str(claim.statement_method) for claim in claims],
            ],
        )


def statements_assign_missing(*, batch_size: int = 500, dry_run: bool = False) -> int:
    """Give claims stored before statements existed their statements; return how many.

    Oldest first (by publication), so a statement's first appearance is the
    earliest one; each batch is its own transaction, so a long run on a big
    database can stop and resume where it left off.
    """
    from . import _take_writer_turn

    pending = Claim.objects.filter(statement__isnull=True)
    if dry_run:
        return pending.count()
    done = 0
    while True:
        with transaction.atomic():
            # In turn with ingests, which assign statements too: two writers
            # must not both start a statement for the same words.
            _take_writer_turn()
            batch = list(
                pending.select_related("actor").order_by(F("published").asc(nulls_last=True), "id")[
                    :batch_size
                ]
            )
            if not batch:
                return done
            statements_assign(claims=batch)
        done += len(batch)


def statements_refresh(*, statement_ids: Iterable[int], prune: bool = True) -> None:
    """Recount appearances and find the first one; drop statements left with no claim
    (``prune``: claims were removed or moved; ingest only adds them).

    Appearances are claims in current article versions: a superseded
    version's claims stay in the statement (with their reviews) but are not
    another place the statement appeared. One UPDATE for all of them.
    """
    ids = sorted({pk for pk in statement_ids if pk is not None})
    if not ids:
        return
    if prune:
        Statement.objects.filter(pk__in=ids).exclude(
            Exists(Claim.objects.filter(statement=OuterRef("pk")))
        ).delete()
    current = Claim.objects.filter(statement=OuterRef("pk")).exclude(
        Exists(Article.objects.filter(supersedes_id=OuterRef("article_id")))
    )
    in_order = current.order_by(F("published").asc(nulls_last=True), "id")
    Statement.objects.filter(pk__in=ids).update(
        appearances=Coalesce(
            Subquery(
                current.order_by().values("statement").annotate(n=Count("id")).values("n")[:1]
            ),
            Value(0),
        ),
        first_claim=Subquery(in_order.values("pk")[:1]),
        first_published=Subquery(in_order.values("published")[:1]),
    )


# The desk: an editor's review of every appearance, splits, joins and links.


def statement_review(
    *,
    statement: Statement,
    reviewer: AbstractBaseUser | None,
    status: str,
):
    """Give every appearance of ``statement`` the verdict ``status``.

    Each claim goes through claims_bulk_review (its own history entry, its
    conflict check), with a reason naming the statement.
    """
    from . import claims_bulk_review

    return claims_bulk_review(
        claims=Claim.objects.filter(statement=statement).order_by("pk"),
        reviewer=reviewer,
        status=status,
        reason=f"review of every appearance of statement {statement.pk}",
    )


def _user(user: AbstractBaseUser | None) -> AbstractBaseUser | None:
    return user if user is not None and user.is_authenticated else None


def _reindex(statements: Iterable[Statement]) -> None:
    """Rebuild the bands and the compared text of statements from their claims."""
    statements = list(statements)
    ids = [statement.pk for statement in statements]
    StatementBand.objects.filter(statement_id__in=ids).delete()
    texts: dict[int, set[str]] = {pk: set() for pk in ids}
    for statement_id, text in Claim.objects.filter(statement_id__in=ids).values_list(
        "statement_id", "text"
    ):
        texts[statement_id].add(normalize_statement(text))
    bands = []
    for statement in statements:
        for normalized in texts[statement.pk]:
            bands += [
                StatementBand(band_key=key, statement=statement)
                for key in band_keys(shingles(normalized))
            ]
        if texts[statement.pk]:
            statement.text = max(texts[statement.pk], key=lambda text: (len(shingles(text)), text))
    StatementBand.objects.bulk_create(bands, ignore_conflicts=True)
    Statement.objects.bulk_update(statements, ["text"])


def statement_split(*, claim: Claim, user: AbstractBaseUser | None) -> Statement:
    """Take a wrongly joined claim out of its statement into a statement of its own."""
    from . import _take_writer_turn, history_baseline

    with transaction.atomic():
        # In turn with ingests, which could otherwise join a claim to a
        # statement this is changing.
        _take_writer_turn()
        stamp = sync_stamp()
        claim = (
            Claim.objects.select_for_update(of=("self",)).select_related("actor").get(pk=claim.pk)
        )
        old = claim.statement
        if old is None:
            raise ValidationError("this claim belongs to no statement")
        if not Claim.objects.filter(statement=old).exclude(pk=claim.pk).exists():
            raise ValidationError("this claim is the only appearance of its statement")
        history_baseline(objs=[claim])
        new = Statement.objects.create(
            kind=old.kind,
            speaker_id=_resolved_speaker(claim),
            text=normalize_statement(claim.text),
        )
        claim.statement = new
        claim.statement_score = None
        claim.statement_method = StatementMethod.EDITOR
        claim._history_user = _user(user)
        claim._change_reason = f"split out of statement {old.pk} into {new.pk}"
        claim.save(update_fields=["statement", "statement_score", "statement_method"])
        _reindex([old, new])
        statements_refresh(statement_ids=[old.pk, new.pk])
        # Every appearance of both shows a new statement or count to a client in sync.
        claims_touch(claims=Claim.objects.filter(statement_id__in=[old.pk, new.pk]), stamp=stamp)
    new.refresh_from_db()
    return new


def statements_join(
    *, survivor: Statement, merged: Iterable[Statement], user: AbstractBaseUser | None
) -> Statement:
    """Fold ``merged`` statements into ``survivor``: their claims and links move to it.

    Each moved claim records the join in its history; reviews are untouched.
    """
    from . import _take_writer_turn, history_baseline

    merged_ids = sorted({statement.pk for statement in merged} - {survivor.pk})
    if not merged_ids:
        raise ValidationError("choose at least one statement other than the one that stays")
    with transaction.atomic():
        # In turn with ingests, which could otherwise join a claim to a
        # statement this deletes.
        _take_writer_turn()
        stamp = sync_stamp()
        locked = {
            statement.pk: statement
            for statement in Statement.objects.select_for_update()
            .filter(pk__in=[survivor.pk, *merged_ids])
            .order_by("pk")
        }
        if len(locked) != len(merged_ids) + 1:
            raise ValidationError("a statement to join no longer exists")
        survivor = locked[survivor.pk]
        if any(locked[pk].kind != survivor.kind for pk in merged_ids):
            raise ValidationError("only statements of the same kind can be joined")
        speakers = {locked[pk].speaker_id for pk in [survivor.pk, *merged_ids]} - {None}
        if len(speakers) > 1:
            raise ValidationError("these statements have different speakers")
        reason = "joined statement(s) {} into {}".format(
            ", ".join(str(pk) for pk in merged_ids), survivor.pk
        )
        claims = list(Claim.objects.filter(statement_id__in=merged_ids))
        history_baseline(objs=claims)
        for claim in claims:
            claim.statement = survivor
            claim.statement_score = None
            claim.statement_method = StatementMethod.EDITOR
        bulk_update_with_history(
            claims,
            Claim,
            ["statement", "statement_score", "statement_method"],
            default_user=_user(user),
            default_change_reason=reason,
        )
        if survivor.speaker_id is None and speakers:
            survivor.speaker_id = speakers.pop()
            survivor.save(update_fields=["speaker"])
        # Links move to the survivor; one that would now link it to itself, or
        # repeat a link it has, goes.
        for link in StatementLink.objects.filter(
            Q(source_id__in=merged_ids) | Q(target_id__in=merged_ids)
        ):
            source = survivor.pk if link.source_id in merged_ids else link.source_id
            target = survivor.pk if link.target_id in merged_ids else link.target_id
            duplicate = StatementLink.objects.filter(
                source_id=source, target_id=target, kind=link.kind
            ).exists()
            link._history_user = _user(user)
            link._change_reason = reason
            if source == target or duplicate:
                link.delete()
            else:
                link.source_id, link.target_id = source, target
                link.save(update_fields=["source", "target"])
        for pk in merged_ids:
            locked[pk]._history_user = _user(user)
            locked[pk]._change_reason = reason
            locked[pk].delete()
        _reindex([survivor])
        statements_refresh(statement_ids=[survivor.pk])
        claims_touch(claims=Claim.objects.filter(statement=survivor), stamp=stamp)
    survivor.refresh_from_db()
    return survivor


def statement_link(
    *, source: Statement, target: Statement, kind: str, user: AbstractBaseUser | None
) -> StatementLink:
    """Record that ``source`` repeats / contradicts / supports / corrects ``target``."""
    if kind not in StatementLinkKind.values:
        raise ValidationError({"kind": f"unknown link kind {kind!r}"})
    if source.pk == target.pk:
        raise ValidationError("a statement cannot be linked to itself")
    if StatementLink.objects.filter(source=source, target=target, kind=kind).exists():
        raise ValidationError(f"statement {source.pk} already {kind} statement {target.pk}")
    link = StatementLink(source=source, target=target, kind=kind, created_by=_user(user))
    link._history_user = _user(user)
    link.save()
    return link


def statement_unlink(*, link: StatementLink, user: AbstractBaseUser | None) -> None:
    link._history_user = _user(user)
    link.delete()
