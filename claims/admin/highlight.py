"""Article text as HTML, with spans of it marked: built from escaped pieces only.

Article bodies are untrusted text. Every piece of them goes through
``django.utils.html.escape`` (via ``format_html``) before it meets any markup,
so a body containing ``<script>`` shows those characters and runs nothing.
Offsets are character offsets into the body, as stored on claims.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Paragraphs longer than this are shown as a window around the claim.
CONTEXT_CHARS = 1500
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Span:
    """A stretch of the text to wrap: ``<tag class=css title=title>``, linked if href."""

    start: int
    end: int
    tag: str = "mark"
    css: str = ""
    title: str = ""
    href: str = ""


def paragraph_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph(s) holding [start, end): blank-line separated, else line separated."""
    separator = "\n\n" if "\n\n" in body else "\n"
    left = body.rfind(separator, 0, start)
    left = 0 if left == -1 else left + len(separator)
    right = body.find(separator, end)
    right = len(body) if right == -1 else right
    # Keep very long paragraphs (unwrapped text) to a readable window.
    left = max(left, start - CONTEXT_CHARS)
    right = min(right, end + CONTEXT_CHARS)
    return left, right


def highlight(text: str, spans: Iterable[Span], *, offset: int = 0) -> SafeString:
    """``text`` (which starts at ``offset`` in the body) with ``spans`` wrapped.

    Overlapping spans are flattened: each stretch of text is wrapped by the
    innermost span over it (the one that starts last), so the output is always
    well-formed, whatever the spans.
    """
    limit = offset + len(text)
    spans = [
        Span(max(s.start, offset), min(s.end, limit), s.tag, s.css, s.title, s.href)
        for s in spans
        if s.start < limit and s.end > offset and s.end > s.start
    ]
    points = sorted({offset, limit, *(s.start for s in spans), *(s.end for s in spans)})
    pieces = []
    for left, right in itertools.pairwise(points):
        segment = text[left - offset : right - offset]
        covering = [s for s in spans if s.start <= left and right <= s.end]
        pieces.append(_wrap(segment, _innermost(covering)) if covering else segment)
    return join_html(pieces, "")


def _innermost(spans: Sequence[Span]) -> Span:
    return max(spans, key=lambda s: (s.start, -s.end))


def _wrap(segment: str, span: Span) -> SafeString:
    if span.tag not in {"mark", "span"}:
        raise ValueError(f"unexpected tag {span.tag!r}")
    inner = format_html(
        '<{} class="{}" title="{}">{}</{}>', span.tag, span.css, span.title, segment, span.tag
    )
    if span.href:
        return format_html('<a href="{}">{}</a>', span.href, inner)
    return inner


def claim_in_paragraph(
    body: str,
    *,
    start: int,
    end: int,
    speaker: tuple[int, int] | None = None,
    relays: Iterable[tuple[int, int]] = (),
) -> SafeString:
    """The claim's paragraph with the claim in a ``<mark>``, the speaker and relays underlined."""
    left, right = paragraph_bounds(body, start, end)
    spans = [Span(start, end, "mark", "claims-claim", "the claim")]
    if speaker is not None:
        spans.append(Span(*speaker, "span", "claims-speaker", "the speaker"))
    spans.extend(Span(*relay, "span", "claims-relay", "relayed by") for relay in relays)
    return format_html(
        '<div class="claims-text">{}{}{}</div>',
        ELLIPSIS if left > 0 and body[left - 1] not in "\n" else "",
        highlight(body[left:right], spans, offset=left),
        ELLIPSIS if right < len(body) and body[right] not in "\n" else "",
    )


def article_with_claims(body: str, claims: Iterable[tuple[int, int, str, str]]) -> SafeString:
    """The whole body, each claim (start, end, title, href) marked and linked."""
    spans = [
        Span(start, end, "mark", "claims-claim", title, href) for start, end, title, href in claims
    ]
    return format_html('<div class="claims-text">{}</div>', highlight(body, spans))


def join_html(items: Iterable[str], separator: str = ", ") -> SafeString:
    """Items joined; plain strings among them are escaped, SafeStrings kept."""
    return format_html_join(separator, "{}", ((item,) for item in items))
