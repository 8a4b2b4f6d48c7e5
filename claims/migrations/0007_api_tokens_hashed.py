"""API tokens move from DRF's authtoken (keys in clear) to django-rest-knox (digests).

Each existing key keeps working, now stored as its SHA-512 digest with an
expiry (REST_KNOX's TOKEN_TTL from now), and its clear copy is deleted. The
emptied ``authtoken_token`` table is left behind for the operator to drop: the
app that owned it is no longer installed.
"""

from django.db import migrations

OLD_TABLE = "authtoken_token"


def hash_existing_keys(apps, schema_editor):
    from django.utils import timezone
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS, knox_settings

    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    quote = connection.ops.quote_name
    quoted = quote(OLD_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote('key')}, user_id FROM {quoted}")
        rows = cursor.fetchall()
    AuthToken = apps.get_model("knox", "AuthToken")
    expiry = timezone.now() + knox_settings.TOKEN_TTL if knox_settings.TOKEN_TTL else None
    AuthToken.objects.bulk_create(
        [
            AuthToken(
                digest=hash_token(key),
                token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH],
                user_id=user_id,
                expiry=expiry,
            )
            for key, user_id in rows
        ],
        ignore_conflicts=True,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quoted}")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0006_claim_review_version"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunPython(hash_existing_keys, migrations.RunPython.noop)]
