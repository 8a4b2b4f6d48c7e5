"""JSON Lines: one article a line; a bad line is named by its number (no database)."""

from __future__ import annotations

import datetime
import io
import json

import pytest

from claims.article_files import ArticleOverrides
from claims.inputs import ArticleInput, InputProblem
from claims.inputs.jsonl import jsonl_articles


def read(*lines: str | bytes, limit: int = 1_000_000) -> list[ArticleInput | InputProblem]:
    data = b"\n".join(line if isinstance(line, bytes) else line.encode() for line in lines)
    return list(jsonl_articles(io.BytesIO(data), name="dump.jsonl", max_line_bytes=limit))


def line(**record) -> str:
    return json.dumps(record)


def test_text_and_metadata():
    [article] = read(
        line(
            id="rfe-123",
            text="Gates said the shield is no threat.",
            title="Gates in Moscow",
            publisher="RFE/RL",
            published="2007-04-20",
            byline="Jane Reporter",
            url="https://example.org/gates",
            comments=[{"ignored": True}],
        )
    )

    assert article == ArticleInput(
        item="line 1",
        origin="rfe-123",
        source=line(
            id="rfe-123",
            text="Gates said the shield is no threat.",
            title="Gates in Moscow",
            publisher="RFE/RL",
            published="2007-04-20",
            byline="Jane Reporter",
            url="https://example.org/gates",
            comments=[{"ignored": True}],
        ).encode(),
        text="Gates said the shield is no threat.",
        metadata=ArticleOverrides(
            title="Gates in Moscow",
            publisher="RFE/RL",
            published=datetime.date(2007, 4, 20),
            byline="Jane Reporter",
            url="https://example.org/gates",
        ),
    )


def test_identity_is_the_id_else_the_url_else_file_and_line():
    articles = read(
        line(id=42, text="one"),
        line(url="https://example.org/two", text="two"),
        line(text="three"),
    )

    assert [a.origin for a in articles] == ["42", "https://example.org/two", "dump.jsonl line 3"]


def test_html_when_no_text():
    [article] = read(line(html="<p>Said so.</p>", title="T"))

    assert (article.text, article.html) == ("", "<p>Said so.</p>")


def test_text_wins_over_html():
    [article] = read(line(html="<p>page</p>", text="the text"))

    assert (article.text, article.html) == ("the text", "")


def test_a_date_time_gives_its_date():
    [article] = read(line(text="x", published="2007-04-20T23:30:00+02:00"))

    assert article.metadata.published == datetime.date(2007, 4, 20)


def test_blank_lines_and_a_byte_order_mark_are_fine():
    articles = read(b"\xef\xbb\xbf" + line(text="one").encode(), "", "   ", line(text="two"))

    assert [(a.item, a.text) for a in articles] == [("line 1", "one"), ("line 4", "two")]


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ('{"text": "unfinished', "not valid JSON (Unterminated string"),
        ('["text", "a list"]', "a line must be a JSON object, not list"),
        (line(title="no body"), 'no article: give its "text" or its "html"'),
        (line(text="   "), 'no article: give its "text" or its "html"'),
        (line(text=["a", "list"]), '"text" must be a string, not list'),
        (line(text="x", published="last Friday"), '"published" must be an ISO date'),
        (line(text="x", url="javascript:alert(1)"), "url: not an http or https URL"),
        (line(text="x", id={"a": 1}), '"id" must be a string or a whole number, not dict'),
        (line(text="x", id=True), '"id" must be a string or a whole number, not bool'),
        (line(text="x", id="a" * 501), '"id" is 501 characters long, over the limit of 500'),
        (line(text="nul \x00 here"), '"text" contains a NUL character'),
        (b'{"text": "caf\xe9"}', "not UTF-8 (invalid byte at column 14)"),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_a_bad_line_is_named_and_the_others_load(bad, problem):
    articles = read(line(text="first"), bad, line(text="third"))

    assert [a.text for a in articles if isinstance(a, ArticleInput)] == ["first", "third"]
    [reported] = [a for a in articles if isinstance(a, InputProblem)]
    assert reported.item == "line 2"
    assert reported.problem.startswith(problem)
    assert not reported.skipped


def test_a_line_over_the_limit_is_reported_and_the_others_load():
    articles = read(line(text="first"), line(text="x" * 500_000), line(text="third"), limit=1000)

    assert [a.text for a in articles if isinstance(a, ArticleInput)] == ["first", "third"]
    [problem] = [a for a in articles if isinstance(a, InputProblem)]
    assert (problem.item, problem.problem) == (
        "line 2",
        "line is over the 1,000 byte limit of one article",
    )
