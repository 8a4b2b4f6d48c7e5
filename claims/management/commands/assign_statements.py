"""Put claims stored before statements existed into their statements.

    python manage.py assign_statements            # every claim without a statement
    python manage.py assign_statements --dry-run  # only say how many there are

Ingest assigns statements as it stores claims; this is for a database that
had claims before (migration 0012 adds the tables but, to stay quick on big
databases, assigns nothing). Batches commit one by one: it can be stopped and
run again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import services


class Command(BaseCommand):
    help = "Assign a statement to every claim that has none (claims stored before statements)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="Claims per transaction.")
        parser.add_argument("--dry-run", action="store_true", help="Count them, change nothing.")

    def handle(self, *args, **options) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        count = services.statements_assign_missing(
            batch_size=options["batch_size"], dry_run=options["dry_run"]
        )
        if options["dry_run"]:
            self.stdout.write(f"{count} claim(s) have no statement.")
        elif options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Assigned statements to {count} claim(s)."))
