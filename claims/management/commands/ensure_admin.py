"""Create the first administrator account if there is none yet.

    python manage.py ensure_admin            # user "admin", password in var/admin-password

The password is random, shown once on the terminal and kept in a file only the
current user can read; it is never committed or logged. Run with
``--reset`` to give the account a new password.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction


class Command(BaseCommand):
    help = "Create an administrator with a random password unless one exists."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--password-file",
            default=str(settings.BASE_DIR / "var" / "admin-password"),
            help="Where to keep the generated password (default: var/admin-password).",
        )
        parser.add_argument("--reset", action="store_true", help="Set a new random password.")

    def handle(self, *args, **options) -> None:
        users = get_user_model()
        username = options["username"]
        password_file = Path(options["password_file"])
        with transaction.atomic():
            user = users.objects.filter(username=username).first()
            if user is not None and not options["reset"]:
                if options["verbosity"] >= 1:
                    self.stdout.write(
                        f"Administrator {username!r} already exists; its password is in "
                        f"{password_file} (--reset for a new one)."
                    )
                return
            password = secrets.token_urlsafe(18)
            if user is None:
                user = users.objects.create_superuser(
                    username=username, email="", password=password
                )
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
        password_file.parent.mkdir(parents=True, exist_ok=True)
        password_file.touch(mode=0o600)
        password_file.chmod(0o600)
        password_file.write_text(password + "\n", encoding="utf-8")
        done = "given a new password" if options["reset"] else "created"
        # Shown this once (the README promises it), and kept in the file for later.
        self.stdout.write(
            self.style.SUCCESS(f"Administrator {username!r} {done}. Password: {password}")
        )
        self.stdout.write(f"The password is also kept in {password_file} (readable only by you).")
