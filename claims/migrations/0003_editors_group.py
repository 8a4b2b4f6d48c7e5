"""The Editors group: exactly what reviewing claims needs, and nothing more.

Editors review and annotate claims, correct and merge actors, maintain
aliases, and read articles and sources. They cannot add or delete claims,
articles or sources, nor manage users.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
PERMISSIONS = [
    ("claims", "view_claim"),
    ("claims", "change_claim"),
    ("claims", "view_actor"),
    ("claims", "change_actor"),
    ("claims", "view_actoralias"),
    ("claims", "add_actoralias"),
    ("claims", "change_actoralias"),
    ("claims", "delete_actoralias"),
    ("claims", "view_article"),
    ("claims", "view_source"),
]


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create
    # them now so that the group can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    permissions = []
    for app_label, codename in PERMISSIONS:
        permissions.append(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    group.permissions.set(permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("claims", "0002_claim_search"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
