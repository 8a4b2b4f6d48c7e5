"""The Ingesters group: pushing articles over the API, and nothing more.

An ingesting client (a feed reader, a newsroom system) gets an account in this
group and an API key; it may post articles and read its own jobs. An editor may
be put in the group too.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

INGESTERS = "Ingesters"
PERMISSIONS = [("claims", "ingest_articles")]


def create_ingesters(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create
    # them now so that the group can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=INGESTERS)
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in PERMISSIONS
        ]
    )


def remove_ingesters(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=INGESTERS).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0010_ingest_jobs")]

    operations = [migrations.RunPython(create_ingesters, remove_ingesters)]
