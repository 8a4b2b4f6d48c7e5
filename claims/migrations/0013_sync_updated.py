"""Every claim, actor, article and source gets ``updated``, and the clock that stamps it.

Existing rows are backfilled with the last time anything is known to have
happened to them (a claim's review, else its creation; an article's ingest;
an actor's or a source's creation), and the clock starts at or after the
latest of those stamps, so every later write stamps past them. The indexes
are built after the backfill, on the final values.
"""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import Max
from django.db.models.functions import Coalesce

HELP = (
    "When anything the API shows of this row last changed; a later write "
    "always gets a later stamp."
)


def backfill(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    Article = apps.get_model("claims", "Article")
    Actor = apps.get_model("claims", "Actor")
    Source = apps.get_model("claims", "Source")
    SyncClock = apps.get_model("claims", "SyncClock")
    Claim.objects.update(updated=Coalesce("reviewed_at", "created_at"))
    Article.objects.update(updated=models.F("ingested_at"))
    Actor.objects.update(updated=models.F("created_at"))
    Source.objects.update(updated=models.F("created_at"))
    latest = [django.utils.timezone.now()]
    for model in (Claim, Article, Actor, Source):
        value = model.objects.aggregate(latest=Max("updated"))["latest"]
        if value is not None:
            latest.append(value)
    SyncClock.objects.update_or_create(pk=1, defaults={"last": max(latest)})


def updated_field():
    return models.DateTimeField(default=django.utils.timezone.now, editable=False, help_text=HELP)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0012_webhooks"),
    ]

    operations = [
        migrations.CreateModel(
            name="SyncClock",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("last", models.DateTimeField()),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("id", 1)), name="sync_clock_single_row"
                    )
                ],
            },
        ),
        migrations.AddField(model_name="actor", name="updated", field=updated_field()),
        migrations.AddField(model_name="article", name="updated", field=updated_field()),
        migrations.AddField(model_name="claim", name="updated", field=updated_field()),
        migrations.AddField(model_name="source", name="updated", field=updated_field()),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="actor",
            index=models.Index(fields=["updated", "id"], name="actor_updated_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["updated", "id"], name="article_updated_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["updated", "id"], name="claim_updated_idx"),
        ),
    ]
