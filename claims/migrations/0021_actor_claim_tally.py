"""A per-actor tally of claims, kept exact by database triggers.

actors/ and actors/{slug}/ show each actor's claims of current article
versions by kind and review status, and actors/?q= ranks the actors it finds
by their number of claims. Counting the claims for each request costs in
proportion to an actor's claims (about 110 ms for the busiest actor of a
million claims); the tally is a handful of rows per actor whatever the size of
the claims table.

Claims and articles are written by many paths (ingest's bulk inserts,
re-extraction, reviews, speaker corrections, merges, QuerySet.update(), the
admin's cascading deletions), several of which send no signals, so the tally
is kept by triggers on both tables rather than by application code. Each
trigger applies the exact change of the tally that its statement made, in
whatever order the statements come (loaddata, cascades):

- a claim of a current article version with an actor counts once under its
  actor, kind and review status: inserted, deleted or changed, it moves that;
- an article that supersedes another (supersedes_id) takes the other's
  claims out of the tally; deleted, or pointed elsewhere, it puts them back.

A row whose count falls to zero is deleted. On PostgreSQL the triggers are
statement-level, reading the statement's rows from its transition tables: a
bulk insert of a thousand claims is one grouped upsert, in the order of the
tally's key so that concurrent writers lock tally rows in one order. SQLite
has no statement-level triggers; there each row does a single-row upsert.

SQLite drops a table's triggers with the table, and Django rebuilds a table
(copy, drop, rename) for most alterations there: a later migration that alters
claims_claim or claims_article must create the SQLite triggers again
(tests/services/test_tallies.py fails if they are missing).

The claim_actor_counts_idx index served only the counting that the tally
replaces; it is dropped, which pays back part of the triggers' cost to ingest.
"""

from django.db import migrations, models

TALLY = "claims_actorclaimtally"
KEY = "actor_id, kind, review_status"

# A claim counts if it has an actor and no article supersedes its own.
COUNTED = (
    "{c}.actor_id IS NOT NULL AND NOT EXISTS "
    "(SELECT 1 FROM claims_article AS successor WHERE successor.supersedes_id = {c}.article_id)"
)

RECOUNT = f"""
INSERT INTO {TALLY} ({KEY}, claims)
SELECT c.actor_id, c.kind, c.review_status, COUNT(*)
FROM claims_claim AS c
WHERE {COUNTED.format(c="c")}
GROUP BY c.actor_id, c.kind, c.review_status
"""

# PostgreSQL: each trigger function computes (actor_id, kind, review_status, n)
# changes from its statement's transition tables, adds them up per key and
# writes them in one ordered upsert.


def _postgres_apply(changes: str) -> str:
    return f"""
DECLARE
    emptied bigint[];
BEGIN
    WITH changes (actor_id, kind, review_status, n) AS ({changes}),
    net AS (
        SELECT {KEY}, SUM(n) AS n FROM changes
        GROUP BY {KEY} HAVING SUM(n) <> 0
    ),
    applied AS (
        INSERT INTO {TALLY} AS tally ({KEY}, claims)
        SELECT {KEY}, n FROM net ORDER BY {KEY}
        ON CONFLICT (actor_id, kind, review_status)
        DO UPDATE SET claims = tally.claims + EXCLUDED.claims
        RETURNING tally.id, tally.claims
    )
    SELECT array_agg(id) INTO emptied FROM applied WHERE claims <= 0;
    IF emptied IS NOT NULL THEN
        DELETE FROM {TALLY} WHERE id = ANY (emptied);
    END IF;
    RETURN NULL;
END
"""


def _article_claims(sign: str, articles: str) -> str:
    """The claims with an actor of ``articles`` (a query of article ids), ``sign``-ed."""
    return f"""
        SELECT c.actor_id, c.kind, c.review_status, {sign} COUNT(*)
        FROM claims_claim AS c
        WHERE c.actor_id IS NOT NULL AND c.article_id IN ({articles})
        GROUP BY c.actor_id, c.kind, c.review_status
    """


POSTGRES_CHANGES = {
    ("claim", "INSERT"): f"""
        SELECT c.actor_id, c.kind, c.review_status, 1
        FROM new_rows AS c WHERE {COUNTED.format(c="c")}
    """,
    ("claim", "DELETE"): f"""
        SELECT c.actor_id, c.kind, c.review_status, -1
        FROM old_rows AS c WHERE {COUNTED.format(c="c")}
    """,
    # Only rows whose tallied columns changed: an update of anything else
    # (the sync stamp of every claim of an article) adds nothing.
    ("claim", "UPDATE"): f"""
        WITH moved AS (
            SELECT
                o.actor_id AS old_actor_id, o.kind AS old_kind,
                o.review_status AS old_review_status, o.article_id AS old_article_id,
                n.actor_id, n.kind, n.review_status, n.article_id
            FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
            WHERE (o.actor_id, o.kind, o.review_status, o.article_id)
                IS DISTINCT FROM (n.actor_id, n.kind, n.review_status, n.article_id)
        )
        SELECT old_actor_id, old_kind, old_review_status, -1 FROM moved AS m
        WHERE m.old_actor_id IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM claims_article AS successor
            WHERE successor.supersedes_id = m.old_article_id
        )
        UNION ALL
        SELECT actor_id, kind, review_status, 1 FROM moved AS m
        WHERE {COUNTED.format(c="m")}
    """,
    # A new version: the version it supersedes leaves the tally (one article
    # supersedes another at most: the column is unique).
    ("article", "INSERT"): _article_claims(
        "-", "SELECT supersedes_id FROM new_rows WHERE supersedes_id IS NOT NULL"
    ),
    # A deleted version: the version it superseded is current again.
    ("article", "DELETE"): _article_claims(
        "+",
        """
        SELECT o.supersedes_id FROM old_rows AS o
        WHERE o.supersedes_id IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM claims_article AS successor WHERE successor.supersedes_id = o.supersedes_id
        )
        """,
    ),
    # supersedes_id changed: each article named before or after the statement
    # is superseded before it (by a row as it was, or by an untouched row) or
    # after it, or both; only a change between the two moves its claims.
    ("article", "UPDATE"): """
        WITH named AS (
            SELECT supersedes_id AS article_id FROM old_rows WHERE supersedes_id IS NOT NULL
            UNION
            SELECT supersedes_id FROM new_rows WHERE supersedes_id IS NOT NULL
        ),
        flipped AS (
            SELECT named.article_id, before.superseded::int - after.superseded::int AS sign
            FROM named,
            LATERAL (
                SELECT EXISTS (SELECT 1 FROM old_rows AS o WHERE o.supersedes_id = named.article_id)
                    OR EXISTS (
                        SELECT 1 FROM claims_article AS a
                        WHERE a.supersedes_id = named.article_id
                        AND NOT EXISTS (SELECT 1 FROM new_rows AS n WHERE n.id = a.id)
                    ) AS superseded
            ) AS before,
            LATERAL (
                SELECT EXISTS (
                    SELECT 1 FROM claims_article AS a WHERE a.supersedes_id = named.article_id
                ) AS superseded
            ) AS after
        )
        SELECT c.actor_id, c.kind, c.review_status, SUM(f.sign)
        FROM claims_claim AS c JOIN flipped AS f ON f.article_id = c.article_id
        WHERE c.actor_id IS NOT NULL AND f.sign <> 0
        GROUP BY c.actor_id, c.kind, c.review_status
    """,
}

TABLES = {"claim": "claims_claim", "article": "claims_article"}


def _postgres_trigger(model: str, event: str) -> tuple[str, str]:
    name = f"{TABLES[model]}_{event.lower()}_tally"
    transition = {
        "INSERT": "NEW TABLE AS new_rows",
        "DELETE": "OLD TABLE AS old_rows",
        "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    }[event]
    create = f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
{_postgres_apply(POSTGRES_CHANGES[model, event])}
$$;
CREATE TRIGGER {name} AFTER {event} ON {TABLES[model]}
REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {name}();
"""
    drop = f"DROP TRIGGER {name} ON {TABLES[model]}; DROP FUNCTION {name}();"
    return create, drop


POSTGRES_TRIGGERS = [
    _postgres_trigger(model, event)
    for model in ("claim", "article")
    for event in ("INSERT", "DELETE", "UPDATE")
]

# SQLite: row-level triggers, one single-row upsert (or one article's grouped
# claims) at a time, rows that fall to zero deleted after each.


def _sqlite_add(row: str, n: str, where: str) -> str:
    return f"""
    INSERT INTO {TALLY} ({KEY}, claims)
    SELECT {row}.actor_id, {row}.kind, {row}.review_status, {n} WHERE {where}
    ON CONFLICT (actor_id, kind, review_status) DO UPDATE SET claims = claims + excluded.claims;
    DELETE FROM {TALLY}
    WHERE actor_id = {row}.actor_id AND kind = {row}.kind
    AND review_status = {row}.review_status AND claims <= 0;
"""


def _sqlite_add_article(sign: str, article_id: str, where: str) -> str:
    return f"""
    INSERT INTO {TALLY} ({KEY}, claims)
    SELECT actor_id, kind, review_status, {sign} COUNT(*) FROM claims_claim
    WHERE actor_id IS NOT NULL AND article_id = {article_id} AND {where}
    GROUP BY actor_id, kind, review_status
    ON CONFLICT (actor_id, kind, review_status) DO UPDATE SET claims = claims + excluded.claims;
    DELETE FROM {TALLY} WHERE claims <= 0 AND actor_id IN (
        SELECT actor_id FROM claims_claim WHERE article_id = {article_id}
    );
"""


def _sqlite_current(article_id: str) -> str:
    return (
        "NOT EXISTS (SELECT 1 FROM claims_article AS successor "
        f"WHERE successor.supersedes_id = {article_id})"
    )


SQLITE_TRIGGERS = {
    "claims_claim_insert_tally": f"""
CREATE TRIGGER claims_claim_insert_tally AFTER INSERT ON claims_claim BEGIN
{_sqlite_add("NEW", "1", COUNTED.format(c="NEW"))}
END
""",
    "claims_claim_delete_tally": f"""
CREATE TRIGGER claims_claim_delete_tally AFTER DELETE ON claims_claim BEGIN
{_sqlite_add("OLD", "-1", COUNTED.format(c="OLD"))}
END
""",
    "claims_claim_update_tally": f"""
CREATE TRIGGER claims_claim_update_tally
AFTER UPDATE OF actor_id, kind, review_status, article_id ON claims_claim
WHEN (OLD.actor_id, OLD.kind, OLD.review_status, OLD.article_id)
    IS NOT (NEW.actor_id, NEW.kind, NEW.review_status, NEW.article_id)
BEGIN
{_sqlite_add("OLD", "-1", COUNTED.format(c="OLD"))}
{_sqlite_add("NEW", "1", COUNTED.format(c="NEW"))}
END
""",
    # One article supersedes another at most (the column is unique).
    "claims_article_insert_tally": f"""
CREATE TRIGGER claims_article_insert_tally AFTER INSERT ON claims_article
WHEN NEW.supersedes_id IS NOT NULL BEGIN
{_sqlite_add_article("-", "NEW.supersedes_id", "1")}
END
""",
    "claims_article_delete_tally": f"""
CREATE TRIGGER claims_article_delete_tally AFTER DELETE ON claims_article
WHEN OLD.supersedes_id IS NOT NULL BEGIN
{_sqlite_add_article("+", "OLD.supersedes_id", _sqlite_current("OLD.supersedes_id"))}
END
""",
    "claims_article_update_tally": f"""
CREATE TRIGGER claims_article_update_tally AFTER UPDATE OF supersedes_id ON claims_article
WHEN OLD.supersedes_id IS NOT NEW.supersedes_id BEGIN
{_sqlite_add_article("+", "OLD.supersedes_id", _sqlite_current("OLD.supersedes_id"))}
{_sqlite_add_article("-", "NEW.supersedes_id", "1")}
END
""",
}


def install_tally(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for create, _ in POSTGRES_TRIGGERS:
            schema_editor.execute(create)
    elif schema_editor.connection.vendor == "sqlite":
        for create in SQLITE_TRIGGERS.values():
            schema_editor.execute(create)
    else:
        raise NotImplementedError("the claim tally's triggers exist for PostgreSQL and SQLite")
    # Filled once the triggers are in place, in the same transaction.
    schema_editor.execute(RECOUNT)


def remove_tally(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _, drop in POSTGRES_TRIGGERS:
            schema_editor.execute(drop)
    else:
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0020_claim_actor_counts_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActorClaimTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("direct", "direct quote"),
                            ("partial", "partial quote"),
                            ("indirect", "reported speech"),
                            ("assertion", "unattributed assertion"),
                        ],
                        editable=False,
                        max_length=16,
                    ),
                ),
                (
                    "review_status",
                    models.CharField(
                        choices=[
                            ("unreviewed", "unreviewed"),
                            ("verified", "verified"),
                            ("disputed", "disputed"),
                            ("false", "false"),
                            ("misattributed", "misattributed"),
                            ("not_claim", "not a claim"),
                        ],
                        editable=False,
                        max_length=16,
                    ),
                ),
                ("claims", models.IntegerField(editable=False)),
                (
                    "actor",
                    models.ForeignKey(
                        db_index=False,
                        editable=False,
                        on_delete=models.deletion.CASCADE,
                        related_name="claim_tallies",
                        to="claims.actor",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "actor claim tallies",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("actor", "kind", "review_status"), name="actor_claim_tally_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("kind__in", ["direct", "partial", "indirect", "assertion"])
                        ),
                        name="actor_claim_tally_kind_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "review_status__in",
                                [
                                    "unreviewed",
                                    "verified",
                                    "disputed",
                                    "false",
                                    "misattributed",
                                    "not_claim",
                                ],
                            )
                        ),
                        name="actor_claim_tally_review_status_valid",
                    ),
                ],
            },
        ),
        migrations.RemoveIndex(
            model_name="claim",
            name="claim_actor_counts_idx",
        ),
        migrations.RunPython(install_tally, remove_tally, elidable=False),
    ]
