"""Issue, list and revoke API tokens.

    python manage.py api_token alice               # a new key, shown once
    python manage.py api_token alice --days 30     # ... valid for 30 days
    python manage.py api_token alice --list        # first characters, issued, expires
    python manage.py api_token alice --revoke 3f9a2c01

Only a digest of each key is stored: a lost key cannot be shown again, only
revoked and replaced. Editors can do the same on the desk's *Auth tokens* page.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from claims import selectors, services


class Command(BaseCommand):
    help = "Issue an API token for a user (the key is shown once), or list or revoke theirs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--list", action="store_true", help="List the user's tokens.")
        action.add_argument("--revoke", metavar="PREFIX", help="Revoke the token(s) so starting.")
        parser.add_argument("--days", type=int, help="Days the new key is valid (default 90).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done; change nothing."
        )

    def handle(self, *args, **options) -> None:
        users = get_user_model()
        try:
            user = users.objects.get(**{users.USERNAME_FIELD: options["username"]})
        except users.DoesNotExist:
            raise CommandError(f"no user {options['username']!r}") from None
        if options["list"]:
            self._list(user)
            return
        try:
            with transaction.atomic():
                if options["revoke"]:
                    count = services.api_token_revoke(user=user, prefix=options["revoke"])
                    message = f"Revoked {count} token(s) of {user.get_username()!r}."
                else:
                    token, key = services.api_token_issue(user=user, days=options["days"])
                    message = f"Token for {user.get_username()!r}, expires {token.expiry:%Y-%m-%d}"
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if options["dry_run"]:
            self.stdout.write("Dry run, nothing changed: " + message)
            return
        self.stdout.write(self.style.SUCCESS(message))
        if not options["revoke"]:
            # Shown once, never stored: hand it over now.
            self.stdout.write(f"Key: {key}")

    def _list(self, user) -> None:
        tokens = list(selectors.api_tokens_of(user=user))
        if not tokens:
            self.stdout.write(f"{user.get_username()!r} has no API tokens.")
        for token in tokens:
            expiry = f"{token.expiry:%Y-%m-%d %H:%M}" if token.expiry else "never"
            self.stdout.write(
                f"{token.token_key[:8]}...  issued {token.created:%Y-%m-%d %H:%M}, expires {expiry}"
            )
