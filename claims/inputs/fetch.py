"""Fetching an article or a feed by URL, within limits.

Requests, with every hop of a redirect checked by hand: only http and https,
at most ``max_redirects`` of them, a deadline for the whole download (not only
for each read, which a server trickling bytes would never trip) and a size cap
enforced while streaming, so an endless or huge answer is never held whole.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from . import InputError, size_text

SCHEMES = ("http", "https")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    url: str  # where the content came from, after redirects
    media_type: str  # "text/html", "application/rss+xml" ... ("" if not given)
    body: bytes


def url_fetch(
    url: str,
    *,
    user_agent: str,
    timeout: float,
    max_bytes: Callable[[str], int],
    max_redirects: int,
) -> Fetched:
    """GET ``url``, following redirects; ``InputError`` says why it could not be had.

    ``max_bytes`` gives the cap for an answer of a media type ("" when the
    server names none): a feed of many articles may be larger than a page.
    """
    deadline = time.monotonic() + timeout
    _check_scheme(url)
    with requests.Session() as session:
        session.headers.update(
            {
                "User-Agent": user_agent,
                "Accept": "text/html, application/xhtml+xml, application/rss+xml, "
                "application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5",
            }
        )
        for _ in range(max_redirects + 1):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise InputError(f"no answer within {timeout:g} seconds")
            try:
                response = session.get(
                    url, stream=True, allow_redirects=False, timeout=min(remaining, timeout)
                )
            except requests.Timeout:
                raise InputError(f"no answer within {timeout:g} seconds") from None
            except requests.RequestException as error:
                raise InputError(f"cannot fetch: {_reason(error)}") from None
            with response:
                if response.is_redirect:
                    location = response.headers.get("Location", "")
                    url = urljoin(url, location)
                    _check_scheme(url, redirect=True)
                    continue
                if response.status_code != 200:
                    raise InputError(f"HTTP {response.status_code} {response.reason or ''}".strip())
                media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
                body = _read_capped(
                    response, max_bytes=max_bytes(media_type), deadline=deadline, timeout=timeout
                )
                return Fetched(url=url, media_type=media_type, body=body)
    raise InputError(f"more than {max_redirects} redirects")


def _check_scheme(url: str, *, redirect: bool = False) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        where = "redirected to" if redirect else "not fetched:"
        raise InputError(f"{where} {url[:80]!r}: only http and https URLs are fetched")


def _read_capped(
    response: requests.Response, *, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputError(
            f"answer is over the {size_text(max_bytes)} limit ({int(declared):,} bytes)"
        )
    received = bytearray()
    try:
        while True:
            # read1: what has arrived, at most a chunk (decompressed no further
            # than that), so a trickle of bytes still meets the deadline.
            chunk = response.raw.read1(_CHUNK, decode_content=True)
            if not chunk:
                break
            received += chunk
            if len(received) > max_bytes:
                raise InputError(
                    f"answer is over the {size_text(max_bytes)} limit; stopped reading"
                )
            if time.monotonic() > deadline:
                raise InputError(f"not received within {timeout:g} seconds; stopped reading")
    except (urllib3.exceptions.HTTPError, OSError) as error:
        raise InputError(f"download broke off: {_reason(error)}") from None
    return bytes(received)


def _reason(error: Exception) -> str:
    # The innermost cause says what happened ("Connection refused"); requests'
    # own message repeats the URL and the pool's internals around it.
    cause: BaseException = error
    while cause.__context__ is not None and cause.__context__ is not cause:
        cause = cause.__context__
    text = str(cause) or type(cause).__name__
    return text.rsplit("] ", 1)[-1][:200]
