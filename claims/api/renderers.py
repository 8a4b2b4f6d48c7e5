"""Formats beyond JSON and the browsable API: CSV of claim lists, JSON-LD."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

import orjson
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

CSV_COLUMNS = [
    "id",
    "kind",
    "text",
    "speaker_mention",
    "actor_slug",
    "actor_name",
    "article_id",
    "article_title",
    "publisher",
    "published",
    "cue",
    "via",
    "confidence",
    "start",
    "end",
    "review_status",
    "rating",
    "public_explanation",
    "statement",
    "appearances",
]


# A spreadsheet reads a cell that starts with one of these as a formula (or, for
# tab and carriage return, strips them and reads what follows): "=HYPERLINK(...)"
# in a claim's text would run when an editor opens the export. Such a cell gets
# a leading apostrophe, the usual mark for "text, not a formula" (OWASP's
# advice on CSV injection); the words themselves are kept.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The value for a CSV cell; text that a spreadsheet would run is defused."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def claim_csv_row(claim: dict) -> list:
    """A claim's CSV cells, read from its API representation (ClaimSerializer's):
    the CSV says nothing the JSON does not, only flatter."""
    return [spreadsheet_safe(value) for value in _claim_csv_values(claim)]


def _claim_csv_values(claim: dict) -> list:
    actor = claim["actor"]
    article = claim["article"]
    publisher = article["publisher"]
    return [
        claim["id"],
        claim["kind"],
        claim["text"],
        claim["speaker_mention"],
        actor["slug"] if actor else "",
        actor["name"] if actor else "",
        article["id"],
        article["title"],
        publisher["slug"] if publisher else "",
        claim["published"] or "",
        claim["cue"],
        " ".join(relay["slug"] for relay in claim["relays"]),
        claim["confidence"],
        claim["start"],
        claim["end"],
        claim["review_status"],
        "" if claim["rating"] is None else claim["rating"],
        claim["public_explanation"],
        claim["statement"] or "",
        "" if claim["appearances"] is None else claim["appearances"],
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def claims_csv_lines(claims: Iterable[dict]) -> Iterator[str]:
    """The header, then one CSV line per claim (its API representation), as they arrive."""
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for claim in claims:
        yield writer.writerow(claim_csv_row(claim))


class CSVRenderer(BaseRenderer):
    """text/csv. Claim lists stream through claims_csv_lines; this renders the rest.

    Anything else that reaches it (an error) is written as ``field,message`` rows.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["field", "message"])
        if isinstance(data, dict):
            for key, value in data.items():
                for message in value if isinstance(value, list) else [value]:
                    writer.writerow([spreadsheet_safe(key), spreadsheet_safe(str(message))])
        return buffer.getvalue().encode(self.charset)


class FastJSONRenderer(JSONRenderer):
    """application/json through orjson: the same JSON as DRF's renderer, compact.

    Indented output (asked for with ``; indent=N``) and anything orjson cannot
    encode go through DRF's own renderer and encoder.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        renderer_context = renderer_context or {}
        if self.get_indent(accepted_media_type, renderer_context):
            return super().render(data, accepted_media_type, renderer_context)
        return orjson.dumps(data, default=_drf_default)


def _drf_default(value):
    return JSONEncoder().default(value)


class BrowsableAPIInlineStyles(BrowsableAPIRenderer):
    """DRF's browsable API, allowed the inline styles its templates are written with.

    Its pages (DRF's own templates) set ``style`` attributes and a highlighting
    ``<style>`` block. Only these pages relax the Content-Security-Policy, and
    only for styles: scripts stay limited to this origin's files.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return super().render(data, accepted_media_type, renderer_context)


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"
