"""Actor search through an index: a trigram GIN index on PostgreSQL only.

actors/?q=, the speakers of claims/?q= and the desk's actor search and
autocomplete look for a name inside ``' ' || normalized || ' '``
(claims.selectors.PaddedName): whole words as ``LIKE '% gates %'``, any part
as ``LIKE '%gat%'``. A trigram index on that very expression answers both
without reading every alias. pg_trgm ships with PostgreSQL and is a trusted
extension (13+): the database's owner may create it. SQLite has neither; there
the same query reads the alias table, and this migration does nothing.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from claims.selectors import PaddedName

INDEX_NAME = "actor_alias_trigram_idx"


def _index() -> GinIndex:
    return GinIndex(OpClass(PaddedName("normalized"), name="gin_trgm_ops"), name=INDEX_NAME)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("claims", "ActorAlias"), _index())


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("claims", "ActorAlias"), _index())


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0016_statements"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(add_index, remove_index, elidable=False),
    ]
