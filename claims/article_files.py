"""Finding article files and the metadata that travels beside them.

Plain Python, no database: turns the paths given to ``ingest`` into the list of
files to read, each with the metadata its folder's ``manifest.json`` (or the
command line) gives, and reports what cannot be read as a problem naming the
path instead of raising.

Articles come as plain text (``.txt``), HTML pages (``.html``, ``.htm``), JSON
Lines of many articles (``.jsonl``) and RSS or Atom feeds (``.rss``, ``.atom``,
and ``.xml`` named on the command line); ``claims.inputs`` reads each kind.

A manifest is a JSON object keyed by file name::

    {"000_example.txt": {"publisher": "RFE/RL", "published": "2007-04-20",
                         "title": "...", "byline": "...", "url": "https://..."}}
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from pathlib import Path

from .validators import article_url_problem


class InputKind(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    FEED = "feed"


KIND_BY_SUFFIX = {
    ".txt": InputKind.TEXT,
    ".html": InputKind.HTML,
    ".htm": InputKind.HTML,
    ".jsonl": InputKind.JSONL,
    ".rss": InputKind.FEED,
    ".atom": InputKind.FEED,
    ".xml": InputKind.FEED,
}
# What a folder is searched for. Not .xml: a folder of articles may hold
# other XML (a sitemap, an export's schema); an .xml feed is named explicitly.
ARTICLE_SUFFIXES = tuple(suffix for suffix in KIND_BY_SUFFIX if suffix != ".xml")
# "https://...", "ftp://...": a URL to fetch rather than a path (only http(s) is fetched).
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
MANIFEST_NAME = "manifest.json"
# A link named like an article could make any file the service can read (a
# key, a password file) a public article body: links are never followed.
SYMLINK_REFUSED = "symbolic link, not followed (copy the file in instead)"


@dataclass(frozen=True)
class ArticleOverrides:
    """Metadata given from outside the text; it wins over what the text says."""

    title: str | None = None
    publisher: str | None = None
    published: datetime.date | None = None
    byline: str | None = None
    url: str | None = None

    def merged_with(self, other: ArticleOverrides) -> ArticleOverrides:
        """These values, with ``other``'s filled in where these are missing."""
        return replace(
            other,
            **{f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)},
        )


@dataclass(frozen=True)
class ArticleFile:
    path: Path
    overrides: ArticleOverrides

    @property
    def origin(self) -> str:
        # The file name identifies an article across runs: a changed file with
        # the same name becomes a new version of it.
        return self.path.name

    @property
    def kind(self) -> InputKind:
        # A file named explicitly with another suffix is read as text, as ever.
        return KIND_BY_SUFFIX.get(self.path.suffix.lower(), InputKind.TEXT)


@dataclass(frozen=True)
class PathProblem:
    path: str
    problem: str


class ManifestError(ValueError):
    pass


def parse_manifest(path: Path) -> dict[str, ArticleOverrides]:
    """Read a manifest, or raise ``ManifestError`` saying what is wrong with it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ManifestError(f"cannot read manifest: {error}") from error
    except RecursionError:
        raise ManifestError("cannot read manifest: nested too deeply") from None
    if not isinstance(data, dict):
        raise ManifestError("a manifest must be a JSON object keyed by file name")
    known = {f.name for f in fields(ArticleOverrides)}
    manifest = {}
    for name, entry in data.items():
        if not isinstance(entry, dict):
            raise ManifestError(f"entry {name!r} must be an object")
        unknown = set(entry) - known
        if unknown:
            raise ManifestError(f"entry {name!r} has unknown keys: {', '.join(sorted(unknown))}")
        values = {key: value for key, value in entry.items() if value not in (None, "")}
        for key, value in values.items():
            if not isinstance(value, str):
                raise ManifestError(f"entry {name!r}: {key} must be a string")
            if "\x00" in value:
                raise ManifestError(f"entry {name!r}: {key} contains a NUL character")
        if "url" in values:
            problem = article_url_problem(values["url"])
            if problem:
                raise ManifestError(f"entry {name!r}: {problem}")
        if "published" in values:
            try:
                values["published"] = datetime.date.fromisoformat(values["published"])
            except ValueError:
                raise ManifestError(
                    f"entry {name!r}: published must be an ISO date (YYYY-MM-DD), "
                    f"not {values['published']!r}"
                ) from None
        manifest[name] = ArticleOverrides(**values)
    return manifest


def split_urls(paths: list[str]) -> tuple[list[str], list[str]]:
    """The URLs among ``paths``, and the rest (files and folders)."""
    urls = [path for path in paths if _URL.match(path)]
    return urls, [path for path in paths if not _URL.match(path)]


def find_article_files(
    paths: list[str], *, overrides: ArticleOverrides | None = None
) -> tuple[list[ArticleFile], list[PathProblem]]:
    """Expand files and folders into article files, in a stable order.

    Folders are searched recursively for the ``ARTICLE_SUFFIXES``; a file named
    explicitly is taken whatever its suffix. ``overrides`` (from the command line) win over
    each folder's manifest.
    """
    overrides = overrides or ArticleOverrides()
    found: dict[Path, ArticleFile] = {}
    problems: list[PathProblem] = []
    manifests: dict[Path, dict[str, ArticleOverrides]] = {}

    def manifest_for(folder: Path) -> dict[str, ArticleOverrides]:
        if folder not in manifests:
            manifests[folder] = {}
            manifest_path = folder / MANIFEST_NAME
            if manifest_path.is_symlink():
                problems.append(PathProblem(str(manifest_path), SYMLINK_REFUSED))
            elif manifest_path.is_file():
                try:
                    manifests[folder] = parse_manifest(manifest_path)
                except ManifestError as error:
                    problems.append(PathProblem(str(manifest_path), str(error)))
        return manifests[folder]

    def add(file: Path) -> None:
        if file.is_symlink():
            problems.append(PathProblem(str(file), SYMLINK_REFUSED))
            return
        resolved = file.resolve()
        if resolved not in found:
            given = manifest_for(file.parent).get(file.name, ArticleOverrides())
            found[resolved] = ArticleFile(path=file, overrides=overrides.merged_with(given))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # rglob does not descend into linked folders; they are reported
            # below rather than skipped in silence.
            files = sorted(
                p
                for p in path.rglob("*")
                if (p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
                or (p.is_symlink() and p.is_dir())
            )
            if not files:
                problems.append(
                    PathProblem(raw, f"folder holds no articles ({', '.join(ARTICLE_SUFFIXES)})")
                )
            for file in files:
                add(file)
        elif path.is_file() or path.is_symlink():
            add(path)
        elif path.exists():
            problems.append(PathProblem(raw, "not a regular file or folder"))
        else:
            problems.append(PathProblem(raw, "no such file or folder"))
    return list(found.values()), problems
