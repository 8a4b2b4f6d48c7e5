"""Full-text search over claim text: a GIN index on PostgreSQL only.

The index is on the expression the API's ``q`` filter compiles to
(``to_tsvector('english', COALESCE(text, ''))``), so nothing has to keep a
stored vector column up to date. SQLite has no full-text search of this kind;
there the filter falls back to a slower word-by-word match and this migration
does nothing.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

SEARCH_CONFIG = "english"
INDEX_NAME = "claim_search_idx"


def _index() -> GinIndex:
    return GinIndex(SearchVector("text", config=SEARCH_CONFIG), name=INDEX_NAME)


def add_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("claims", "Claim"), _index())


def remove_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("claims", "Claim"), _index())


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_search_index, remove_search_index, elidable=False),
    ]
