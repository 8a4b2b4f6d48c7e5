"""Give someone a desk: a staff account in the Editors group.

    python manage.py create_editor alice             # a random password, shown once
    python manage.py create_editor alice --prompt    # type the password instead
    python manage.py create_editor alice --token     # and an API key, shown once

An existing account keeps its password and joins the group. Editors can
review claims and correct actors; they cannot manage users or delete articles.
"""

from __future__ import annotations

import getpass
import secrets

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import services


class Command(BaseCommand):
    help = "Create an editor account (staff, in the Editors group), or add a user to Editors."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--prompt", action="store_true", help="Ask for the password instead of generating one."
        )
        parser.add_argument(
            "--token",
            action="store_true",
            help="Also issue an API key (shown once; only its digest is stored).",
        )

    def handle(self, *args, **options) -> None:
        username = options["username"]
        password = self._ask() if options["prompt"] else secrets.token_urlsafe(15)
        try:
            user, created = services.editor_create(
                username=username, password=password, email=options["email"]
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if not created:
            self.stdout.write(
                self.style.SUCCESS(f"{username!r} already existed; now in Editors (password kept).")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Editor {username!r} created."))
            if not options["prompt"]:
                # Shown once, never stored: hand it over and have it changed.
                self.stdout.write(f"Password: {password}")
        if options["token"]:
            token, key = services.api_token_issue(user=user)
            # Like the password: shown once; the database keeps only a digest.
            self.stdout.write(f"API key (expires {token.expiry:%Y-%m-%d}): {key}")

    def _ask(self) -> str:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return password
