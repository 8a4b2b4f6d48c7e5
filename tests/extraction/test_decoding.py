"""Bytes to text: UTF-8 as is, legacy encodings decoded, binary refused."""

from __future__ import annotations

import pytest

from claims.extraction import ArticleDecodeError, decode_article


def test_utf8_is_taken_as_is_with_line_endings_kept():
    text = "Line one\r\nLine “two”\n"
    assert decode_article(text.encode()) == text


def test_utf8_byte_order_mark_is_removed():
    assert decode_article(b"\xef\xbb\xbfHello there") == "Hello there"


def test_utf16_with_byte_order_mark():
    text = "“Quoted,” she said."
    assert decode_article(text.encode("utf-16")) == text


@pytest.mark.parametrize("encoding", ["cp1252", "cp1251"])
def test_legacy_encodings_are_decoded(encoding):
    text = {
        "cp1252": "“Les cafés ferment,” a déclaré la propriétaire, à Paris. " * 3,
        "cp1251": "«Мы не согласны», — заявил министр обороны России журналистам. " * 3,
    }[encoding]
    assert decode_article(text.encode(encoding)) == text


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty file"),
        (b"   \n\n\t", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 9)) * 100, "binary"),
    ],
)
def test_bad_input_is_refused_with_a_reason(data, problem):
    with pytest.raises(ArticleDecodeError, match=problem):
        decode_article(data)
