"""Give an ingesting client (a feed reader, a newsroom system) an API key.

    python manage.py create_ingester feedbot           # the account, and a key shown once
    python manage.py create_ingester alice --no-token  # an existing editor joins Ingesters

The account is in the Ingesters group: it may push articles to
``POST /api/v1/articles/`` and read its own ingest jobs. A new account has no
password and no desk; an existing one keeps what it has.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import services


class Command(BaseCommand):
    help = "Create an ingesting client's account (Ingesters group) and issue it an API key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--no-token", action="store_true", help="Only add the account to Ingesters."
        )
        parser.add_argument("--days", type=int, help="Days the key is valid (default 90).")

    def handle(self, *args, **options) -> None:
        username = options["username"]
        try:
            user, created = services.ingester_create(username=username)
            issued = None
            if not options["no_token"]:
                issued = services.api_token_issue(user=user, days=options["days"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if created:
            self.stdout.write(self.style.SUCCESS(f"Ingester {username!r} created."))
        else:
            self.stdout.write(self.style.SUCCESS(f"{username!r} already existed; now an ingester."))
        if issued is not None:
            token, key = issued
            # Shown once; the database keeps only a digest.
            self.stdout.write(f"API key (expires {token.expiry:%Y-%m-%d}): {key}")
