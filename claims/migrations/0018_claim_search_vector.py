"""Full-text search from a stored vector: PostgreSQL only.

claims/?q= used an index on the expression to_tsvector('english', text). Its
GIN index finds the matches of a rare word, but a common word ("reactor" in 5%
of claims) was then sorted by date over tens of thousands of rows, or, read
along the date index instead, to_tsvector ran again on every row it passed:
some 40 us a row, seconds per search at a million claims. A vector stored
beside the text (a generated column: PostgreSQL keeps it in step with the text
itself) is matched in about a microsecond, so the planner can walk the date
index for a common word and take the GIN index for a rare one; ANALYZE keeps
statistics of its words, so it knows which is which.

Adding the column rewrites the claims table: about two minutes a million
claims. SQLite has no such search and no such column; there this does nothing.
"""

from django.db import migrations

COLUMN = "search_vector"
INDEX = "claim_search_vector_idx"
OLD_INDEX = "claim_search_idx"
EXPRESSION = "to_tsvector('english'::regconfig, COALESCE(\"text\", ''))"


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE claims_claim ADD COLUMN {COLUMN} tsvector "
        f"GENERATED ALWAYS AS ({EXPRESSION}) STORED"
    )
    # claims/?q=...: the claims whose words match (selectors.claim_search).
    schema_editor.execute(f"CREATE INDEX {INDEX} ON claims_claim USING gin ({COLUMN})")
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def remove_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX {OLD_INDEX} ON claims_claim USING gin (({EXPRESSION}))")
    schema_editor.execute(f"ALTER TABLE claims_claim DROP COLUMN {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0017_actor_alias_trigram"),
    ]

    operations = [
        migrations.RunPython(add_vector, remove_vector, elidable=False),
    ]
