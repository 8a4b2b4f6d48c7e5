"""The desk's queue search through indexes: trigram GIN indexes, PostgreSQL only.

The queue's search finds any part of a word in a claim's text or its article's
title, as Django's ``icontains`` does: ``UPPER(text) LIKE UPPER('%word%')`` on
PostgreSQL. A trigram index on that very expression answers it without reading
every claim (selectors.claims_mentioning). SQLite reads the table; this
migration does nothing there. At ten million claims the text index takes some
minutes to build.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations
from django.db.models.functions import Upper

INDEXES = {
    # The queue's search in the text of claims.
    "Claim": GinIndex(OpClass(Upper("text"), name="gin_trgm_ops"), name="claim_text_trigram_idx"),
    # The queue's search in article titles (and the article list's).
    "Article": GinIndex(
        OpClass(Upper("title"), name="gin_trgm_ops"), name="article_title_trigram_idx"
    ),
}


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in INDEXES.items():
            schema_editor.add_index(apps.get_model("claims", model), index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in INDEXES.items():
            schema_editor.remove_index(apps.get_model("claims", model), index)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0018_claim_search_vector"),
    ]

    operations = [
        migrations.RunPython(add_indexes, remove_indexes, elidable=False),
    ]
