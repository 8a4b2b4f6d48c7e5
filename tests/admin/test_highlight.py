"""Article text as HTML: marks in the right place, and nothing from the text executes."""

from __future__ import annotations

from claims.admin.highlight import (
    Span,
    article_with_claims,
    claim_in_paragraph,
    highlight,
    paragraph_bounds,
)

BODY = 'First paragraph.\n\n"We will act," she said. More.\n\nLast paragraph.'
CLAIM = (BODY.index("We will"), BODY.index(',"'))


def test_paragraph_bounds_are_the_blank_line_paragraph():
    left, right = paragraph_bounds(BODY, *CLAIM)
    assert BODY[left:right] == '"We will act," she said. More.'


def test_single_newlines_separate_paragraphs_when_there_are_no_blank_lines():
    body = "One.\nTwo says this.\nThree."
    left, right = paragraph_bounds(body, body.index("says"), body.index(" this"))
    assert body[left:right] == "Two says this."


def test_a_claim_across_paragraphs_shows_both():
    body = 'A.\n\n"We will\n\ncontinue," he said.\n\nZ.'
    left, right = paragraph_bounds(body, body.index("We"), body.index('continue,"') + 8)
    assert body[left:right] == '"We will\n\ncontinue," he said.'


def test_very_long_paragraphs_are_windowed():
    body = "x" * 5000 + "CLAIM" + "y" * 5000
    left, right = paragraph_bounds(body, 5000, 5005)
    assert 0 < left < 5000 and 5005 < right < len(body)
    html = claim_in_paragraph(body, start=5000, end=5005)
    assert "\u2026" in html and "<mark" in html


def test_claim_is_marked_inside_its_paragraph_with_the_speaker():
    speaker = (BODY.index("she"), BODY.index("she") + 3)
    html = claim_in_paragraph(BODY, start=CLAIM[0], end=CLAIM[1], speaker=speaker)
    assert '<mark class="claims-claim" title="the claim">We will act</mark>' in html
    assert '<span class="claims-speaker" title="the speaker">she</span>' in html
    assert "First paragraph" not in html and "Last paragraph" not in html


def test_article_text_is_escaped_and_cannot_inject_markup():
    body = 'Intro <b>bold</b>.\n\n"<script>alert(1)</script> & co," said X.'
    start = body.index("<script>")
    end = body.index(',"')
    html = claim_in_paragraph(body, start=start, end=end)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    page = article_with_claims(body, [(start, end, 'x" onmouseover="y', "/c/1/?a=1&b=2")])
    assert "<script>" not in page and "<b>" not in page
    assert 'title="x&quot; onmouseover=&quot;y"' in page
    assert 'href="/c/1/?a=1&amp;b=2"' in page


def test_every_claim_of_an_article_is_marked_and_linked():
    body = "Alpha beta gamma delta."
    html = article_with_claims(body, [(0, 5, "one", "/1/"), (11, 16, "two", "/2/")])
    assert html.count("<mark") == 2
    assert '<a href="/1/"><mark class="claims-claim" title="one">Alpha</mark></a>' in html
    assert '<a href="/2/"><mark class="claims-claim" title="two">gamma</mark></a>' in html


def test_overlapping_spans_give_well_formed_markup_and_keep_every_character():
    text = "abcdefghij"
    html = highlight(text, [Span(0, 6, css="a"), Span(3, 9, css="b"), Span(20, 30)])
    assert html.count("<mark") == html.count("</mark>") == 3
    stripped = html
    for tag in ('<mark class="a" title="">', '<mark class="b" title="">', "</mark>"):
        stripped = stripped.replace(tag, "")
    assert stripped == text
