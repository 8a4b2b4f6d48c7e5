"""A web site on a free local port, for tests that fetch: never the internet.

``LocalSite.serve(path, body, ...)`` publishes an answer; ``site.url(path)`` is
its address; ``site.requests`` records what each request sent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    # Bytes, or a function yielding chunks (sent without a Content-Length).
    body: bytes | Callable[[], Iterator[bytes]] = b""


class LocalSite:
    def __init__(self) -> None:
        self.answers: dict[str, Answer] = {}
        self.requests: list[dict[str, str]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append({"path": self.path, **dict(self.headers.items())})
                answer = site.answers.get(self.path, Answer(404, body=b"not found"))
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                if isinstance(answer.body, bytes):
                    self.send_header("Content-Length", str(len(answer.body)))
                    chunks = iter([answer.body])
                else:
                    # No length: the client reads until the connection closes.
                    self.send_header("Connection", "close")
                    chunks = answer.body()
                self.end_headers()
                try:
                    for chunk in chunks:
                        self.wfile.write(chunk)
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading, as it should

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def serve(
        self,
        path: str,
        body: bytes | Callable[[], Iterator[bytes]] = b"",
        *,
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> str:
        all_headers = {"Content-Type": content_type} if content_type else {}
        all_headers |= headers or {}
        self.answers[path] = Answer(status, all_headers, body)
        return self.url(path)

    def redirect(self, path: str, location: str, *, status: int = 302) -> str:
        return self.serve(path, status=status, content_type=None, headers={"Location": location})

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def endless(chunk: bytes = b"x" * 65536, *, limit: int = 256 * 1024 * 1024) -> Callable:
    """An answer that never ends (within ``limit`` bytes, so a broken test still stops)."""

    def chunks() -> Iterator[bytes]:
        sent = 0
        while sent < limit:
            yield chunk
            sent += len(chunk)

    return chunks


def trickle(chunk: bytes, *, every: float, count: int) -> Callable:
    """An answer that sends ``chunk`` every ``every`` seconds, ``count`` times."""

    def chunks() -> Iterator[bytes]:
        for _ in range(count):
            yield chunk
            time.sleep(every)

    return chunks
