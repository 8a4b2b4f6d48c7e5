"""Ingest news articles: extract their claims and store them.

    python manage.py ingest                 # the seeds/ folder
    python manage.py ingest path/to/articles more.txt page.html --dry-run
    python manage.py ingest scrape.jsonl news.rss --json > report.json
    python manage.py ingest https://example.org/story https://example.org/feed.xml

Plain text, HTML pages, JSON Lines (one article a line), RSS and Atom feeds,
and URLs of pages or feeds. Each article is stored in its own transaction, so
a failure never leaves half an article behind, and one bad file, line, item or
URL never stops the good ones beside it. A second run over the same input
stores nothing ("unchanged"); a changed article becomes a new version and
never touches claims an editor has reviewed.
"""

from __future__ import annotations

import datetime
import json
import sys
from dataclasses import asdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from claims.article_files import ArticleOverrides, InputKind, find_article_files, split_urls
from claims.services import FileReport, IngestResult, IngestStatus, articles_ingest
from claims.validators import article_url_problem


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published must be a date as YYYY-MM-DD, not {value!r}") from None


class Command(BaseCommand):
    help = (
        "Extract claims from articles and store them: files or folders of .txt, .html, "
        ".jsonl, .rss/.atom, and http(s) URLs of pages or feeds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths",
            nargs="*",
            help="Article files, folders or URLs (default: the seeds/ folder).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Extract and report; write nothing."
        )
        parser.add_argument("--json", action="store_true", help="Print a JSON report on stdout.")
        parser.add_argument("--title", help="Title for every article given (overrides the text).")
        parser.add_argument("--publisher", help="Publisher for every article given.")
        parser.add_argument("--published", type=iso_date, help="Publication date, YYYY-MM-DD.")
        parser.add_argument("--byline", help="Byline for every article given.")
        parser.add_argument("--url", help="URL of the article (for a single file).")
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar, even on a terminal."
        )

    def handle(self, *args, **options) -> None:
        paths = options["paths"] or [str(settings.BASE_DIR / "seeds")]
        url_problem = article_url_problem(options["url"]) if options["url"] else None
        if url_problem:
            raise CommandError(f"--url: {url_problem}")
        overrides = ArticleOverrides(
            title=options["title"],
            publisher=options["publisher"],
            published=options["published"],
            byline=options["byline"],
            url=options["url"],
        )
        verbosity = options["verbosity"]
        as_json = options["json"]
        progress = None
        if not as_json and verbosity >= 1 and not options["no_progress"] and sys.stderr.isatty():
            urls, local = split_urls(paths)
            files, _ = find_article_files(local, overrides=overrides) if local else ([], [])
            # A JSON Lines file or a feed holds an unknown number of articles.
            many = urls or any(f.kind in (InputKind.JSONL, InputKind.FEED) for f in files)
            if many or len(files) > 1:
                total = None if many else len(files)
                progress = tqdm(total=total, unit="article", file=sys.stderr, leave=False)

        def on_file(report: FileReport) -> None:
            if progress is not None:
                progress.update(1)
            if as_json:
                return
            if report.status == IngestStatus.FAILED:
                self.stderr.write(self.style.ERROR(f"{report.where}: {report.error}"))
            elif verbosity >= 2 and report.status == IngestStatus.SKIPPED:
                self.stdout.write(f"{report.where}: skipped, {report.error}")
            elif verbosity >= 2:
                self.stdout.write(f"{report.where}: {report.status} ({report.claims} claims)")

        result = articles_ingest(
            paths=paths, overrides=overrides, dry_run=options["dry_run"], on_file=on_file
        )
        if progress is not None:
            progress.close()
        if as_json:
            self.stdout.write(json.dumps(self._json_report(result, options["dry_run"]), indent=2))
        elif verbosity >= 1:
            self.stdout.write(self._summary(result, options["dry_run"]))
        if result.failed:
            count = len(result.failed)
            # A line of a JSON Lines file, a feed item or a URL is not a file.
            urls, _ = split_urls([report.path for report in result.failed])
            files = not urls and all(report.item is None for report in result.failed)
            noun = ("file" if files else "input") + ("" if count == 1 else "s")
            raise CommandError(f"{count} {noun} failed to ingest")

    def _summary(self, result: IngestResult, dry_run: bool) -> str:
        new = result.count(IngestStatus.NEW) + result.count(IngestStatus.NEW_VERSION)
        skipped = result.count(IngestStatus.SKIPPED)
        line = (
            f"{new} new ({result.count(IngestStatus.NEW_VERSION)} new versions), "
            f"{result.count(IngestStatus.UNCHANGED)} unchanged, "
        )
        if skipped:
            line += f"{skipped} skipped (no full content; -v 2 lists them), "
        line += (
            f"{len(result.failed)} failed; "
            f"{result.claims} claims, {result.actors_created} new actors, "
            f"{result.sources_created} new sources in {result.seconds:.2f}s"
        )
        if dry_run:
            return "Dry run, nothing written: " + line
        style = self.style.WARNING if result.failed else self.style.SUCCESS
        return style(line)

    @staticmethod
    def _json_report(result: IngestResult, dry_run: bool) -> dict:
        return {
            "dry_run": dry_run,
            "articles": {
                "new": result.count(IngestStatus.NEW),
                "new_version": result.count(IngestStatus.NEW_VERSION),
                "unchanged": result.count(IngestStatus.UNCHANGED),
                "skipped": result.count(IngestStatus.SKIPPED),
                "failed": len(result.failed),
            },
            "claims": result.claims,
            "actors_created": result.actors_created,
            "sources_created": result.sources_created,
            "seconds": round(result.seconds, 3),
            "files": [{**asdict(report), "status": str(report.status)} for report in result.files],
        }
