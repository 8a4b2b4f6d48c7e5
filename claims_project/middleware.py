"""Turn a database outage into a quick 503 instead of a crash page.

Views that hit an unreachable database raise ``OperationalError`` (or
``InterfaceError`` on a connection that died under them). Django would log it
as a server error and answer 500; this middleware answers 503 with
``Retry-After`` (JSON under ``/api/``) and logs one warning line. Django closes
the broken connection at the end of the request, so the first request after
the database returns reconnects: recovery needs no restart.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from .errors import database_failure_response, is_api


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # Only a lost connection (or a statement timeout) is answered here;
        # any other database error is a bug, left to the 500 handler and its log.
        return database_failure_response(request, exception)


class ApiStatementTimeoutMiddleware:
    """On PostgreSQL, no statement of an API request runs longer than
    CLAIMS_API_STATEMENT_TIMEOUT_MS; one that would is stopped, and the client
    gets a JSON 503 saying so (claims_project/errors.py).

    The public API must not let anyone hold a connection and a core for
    minutes; the desk (admin) and the commands keep the server's default, as
    their work (a merge, a re-extraction, an ingest) may rightly take long.
    The setting lives on the connection, which outlives the request, so it is
    changed just before the first query of a request of the other kind, and
    costs nothing when a connection serves requests of one kind in a row or a
    request makes no query at all.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if connection.vendor != "postgresql":
            return self.get_response(request)
        wanted = statement_timeout_for(request)
        if getattr(connection, "claims_statement_timeout", 0) == wanted:
            return self.get_response(request)
        with connection.execute_wrapper(_SetTimeoutFirst(wanted)):
            return self.get_response(request)


def statement_timeout_for(request: HttpRequest) -> int:
    return settings.CLAIMS_API_STATEMENT_TIMEOUT_MS if is_api(request) else 0


def apply_statement_timeout(request: HttpRequest) -> None:
    """Set the request's timeout now: for queries run after the view returns
    (a streamed CSV export), outside the middleware's reach."""
    if connection.vendor == "postgresql":
        _set_statement_timeout(statement_timeout_for(request))


class _SetTimeoutFirst:
    def __init__(self, milliseconds: int) -> None:
        self.milliseconds = milliseconds

    def __call__(self, execute, sql, params, many, context):
        _set_statement_timeout(self.milliseconds)
        return execute(sql, params, many, context)


def _set_statement_timeout(milliseconds: int) -> None:
    """Set the connection's statement_timeout (0: the server's default) if it differs."""
    if getattr(connection, "claims_statement_timeout", 0) == milliseconds:
        return
    # On the driver's own cursor: this is housekeeping, not one of the
    # request's queries (which tests count), but errors are Django's all the same.
    connection.ensure_connection()
    with connection.wrap_database_errors, connection.connection.cursor() as cursor:
        if milliseconds:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [str(milliseconds)])
        else:
            cursor.execute("RESET statement_timeout")
    connection.claims_statement_timeout = milliseconds


@receiver(connection_created)
def _fresh_connection(sender, connection, **kwargs) -> None:
    # A new connection starts with the server's default.
    connection.claims_statement_timeout = 0
