"""Fetching by URL, against a web site on a local port (never the internet)."""

from __future__ import annotations

import gzip
import time

import pytest

from claims.inputs import InputError
from claims.inputs.fetch import url_fetch
from tests.local_site import endless, trickle

MB = 1024 * 1024


def fetch(url: str, **limits):
    options = {
        "user_agent": "claims/test (+mailto:desk@example.org)",
        "timeout": 5,
        "max_bytes": lambda media_type: MB,
        "max_redirects": 3,
    } | limits
    return url_fetch(url, **options)


def test_a_page_its_media_type_and_the_user_agent(local_site):
    url = local_site.serve("/story", b"<html>story</html>")

    fetched = fetch(url)

    assert fetched.body == b"<html>story</html>"
    assert fetched.media_type == "text/html"
    assert fetched.url == url
    assert local_site.requests[0]["User-Agent"] == "claims/test (+mailto:desk@example.org)"


def test_redirects_are_followed_within_the_limit(local_site):
    final = local_site.serve("/new", b"moved here", content_type="text/plain")
    local_site.redirect("/old", "/middle", status=301)
    local_site.redirect("/middle", final)

    fetched = fetch(local_site.url("/old"))

    assert (fetched.body, fetched.url) == (b"moved here", final)


def test_a_redirect_loop_stops_at_the_limit(local_site):
    local_site.redirect("/loop", "/loop")

    with pytest.raises(InputError, match="more than 3 redirects"):
        fetch(local_site.url("/loop"))
    assert len(local_site.requests) == 4  # the first request and three redirects


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/"])
def test_a_redirect_away_from_http_is_refused(local_site, target):
    local_site.redirect("/away", target)

    with pytest.raises(InputError, match=r"redirected to .*only http and https URLs are fetched"):
        fetch(local_site.url("/away"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed.xml"])
def test_only_http_and_https(url):
    with pytest.raises(InputError, match="only http and https URLs are fetched"):
        fetch(url)


def test_an_error_status_is_reported(local_site):
    local_site.serve("/gone", b"gone", status=410)

    with pytest.raises(InputError, match="HTTP 410 Gone"):
        fetch(local_site.url("/gone"))
    with pytest.raises(InputError, match="HTTP 404"):
        fetch(local_site.url("/nothing-here"))


def test_a_declared_size_over_the_cap_is_refused_before_reading(local_site):
    url = local_site.serve("/big", b"x" * (MB + 1))

    with pytest.raises(InputError, match="over the 1 MB limit"):
        fetch(url)


def test_an_endless_answer_is_cut_at_the_cap(local_site):
    """No Content-Length: reading stops just past the cap, not at the end of the answer."""
    url = local_site.serve("/endless", endless())

    started = time.monotonic()
    with pytest.raises(InputError, match="over the 1 MB limit; stopped reading"):
        fetch(url)
    assert time.monotonic() - started < 5


def test_the_cap_depends_on_the_media_type(local_site):
    url = local_site.serve("/feed", b"<rss>" + b"x" * MB, content_type="application/rss+xml")
    caps = {"application/rss+xml": 2 * MB}

    assert len(fetch(url, max_bytes=lambda media_type: caps.get(media_type, MB)).body) > MB


def test_a_trickling_answer_is_cut_at_the_deadline(local_site):
    """Each read is quick, so only a deadline for the whole download stops it."""
    url = local_site.serve("/slow", trickle(b"<p>more</p>", every=0.2, count=50))

    started = time.monotonic()
    with pytest.raises(InputError, match="within 1 seconds"):
        fetch(url, timeout=1)
    assert time.monotonic() - started < 3


def test_a_refused_connection_is_reported(local_site):
    url = local_site.url("/story")
    local_site.stop()

    with pytest.raises(InputError, match="cannot fetch"):
        fetch(url)


def test_a_compressed_answer_is_capped_by_its_decompressed_size(local_site):
    bomb = gzip.compress(b"\0" * (64 * MB))
    url = local_site.serve("/bomb", bomb, headers={"Content-Encoding": "gzip"})

    assert len(bomb) < MB
    with pytest.raises(InputError, match="over the 1 MB limit; stopped reading"):
        fetch(url)


def test_a_compressed_answer_is_decompressed(local_site):
    url = local_site.serve(
        "/zipped", gzip.compress(b"<p>hello</p>"), headers={"Content-Encoding": "gzip"}
    )

    assert fetch(url).body == b"<p>hello</p>"
