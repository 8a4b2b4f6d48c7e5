"""Recount every actor's claim tally from the claims.

    python manage.py recount_tallies            # recount, correcting what was wrong
    python manage.py recount_tallies --dry-run  # only say how many rows are wrong

Triggers keep the tally exact as claims and articles change; this is for a
database loaded with the triggers off, or to check their work.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from claims import services


class Command(BaseCommand):
    help = "Recount the per-actor claim tally (actors' claim counts) from the claims."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Compare only, change nothing.")

    def handle(self, *args, **options) -> None:
        report = services.actor_claim_tallies_recount(dry_run=options["dry_run"])
        if options["dry_run"]:
            self.stdout.write(
                f"{report.corrected} tally row(s) wrong, missing or left over "
                f"({report.rows} expected)."
            )
        elif options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Recounted {report.rows} tally row(s); {report.corrected} corrected."
                )
            )
