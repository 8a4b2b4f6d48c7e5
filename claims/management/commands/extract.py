"""Run the extraction pipeline on article files and print what it finds.

    python manage.py extract seeds/*.txt            # a listing for a person
    python manage.py extract seeds/ --json          # one JSON array, an object per file

Nothing is read from or written to the database: this shows exactly what
``ingest`` would store.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import extraction
from claims.article_files import find_article_files


def article_as_json(path: str, article: extraction.ExtractedArticle) -> dict:
    metadata = article.metadata
    return {
        "path": path,
        "title": metadata.title,
        "publisher": metadata.publisher,
        "published": metadata.published.isoformat() if metadata.published else None,
        "byline": metadata.byline,
        "claims": [
            {
                "kind": str(claim.kind),
                "text": claim.text,
                "start": claim.start,
                "end": claim.end,
                "speaker": (
                    {
                        "mention": claim.speaker.mention,
                        "start": claim.speaker.start,
                        "end": claim.speaker.end,
                        "actor": claim.speaker.actor,
                    }
                    if claim.speaker
                    else None
                ),
                "cue": claim.cue,
                "via": [
                    {"name": relay.name, "start": relay.start, "end": relay.end}
                    for relay in claim.via
                ],
                "confidence": round(claim.confidence, 3),
                "also_at": [list(position) for position in claim.also_at],
            }
            for claim in article.claims
        ],
        "actors": [
            {
                "name": actor.name,
                "kind": str(actor.kind),
                "role": actor.role,
                "aliases": list(actor.aliases),
                "anonymous": actor.anonymous,
            }
            for actor in article.actors
        ],
    }


class Command(BaseCommand):
    help = "Print the claims, speakers and relays the extractor finds in article files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="Article files or folders of .txt files.")
        parser.add_argument("--json", action="store_true", help="Print one JSON array.")

    def handle(self, *args, **options) -> None:
        files, problems = find_article_files(options["paths"])
        for problem in problems:
            self.stderr.write(self.style.ERROR(f"{problem.path}: {problem.problem}"))
        results, failures = [], len(problems)
        for article_file in files:
            path = str(article_file.path)
            try:
                body = extraction.decode_article(article_file.path.read_bytes())
            except (OSError, extraction.ArticleDecodeError) as error:
                self.stderr.write(self.style.ERROR(f"{path}: {error}"))
                failures += 1
                continue
            overrides = article_file.overrides
            article = extraction.extract_article(
                body,
                title=overrides.title,
                publisher=overrides.publisher,
                published=overrides.published,
                byline=overrides.byline,
            )
            if options["json"]:
                results.append(article_as_json(path, article))
            else:
                self._print_listing(path, article)
        if options["json"]:
            self.stdout.write(json.dumps(results, indent=2, ensure_ascii=False))
        if failures:
            raise CommandError(
                f"{failures} of {len(files) + len(problems)} paths could not be read"
            )

    def _print_listing(self, path: str, article: extraction.ExtractedArticle) -> None:
        metadata = article.metadata
        self.stdout.write(self.style.MIGRATE_HEADING(path))
        self.stdout.write(
            f"  title: {metadata.title or '-'}\n  publisher: {metadata.publisher or '-'}"
            f"\n  published: {metadata.published or '-'}\n  byline: {metadata.byline or '-'}"
        )
        for claim in article.claims:
            speaker = claim.speaker
            who = f"{speaker.actor} (as {speaker.mention!r})" if speaker else "(unattributed)"
            via = "".join(f", via {relay.name}" for relay in claim.via)
            self.stdout.write(
                f"  [{claim.kind} {claim.start}-{claim.end} {claim.confidence:.2f}] {who}{via}: "
                f"{claim.text}"
            )
        self.stdout.write("")
