"""Turn a database outage into a quick 503 instead of a crash page.

Views that hit an unreachable database raise ``OperationalError`` (or
``InterfaceError`` on a connection that died under them). Django would log it
as a server error and answer 500; this middleware answers 503 with
``Retry-After`` (JSON under ``/api/``) and logs one warning line. Django closes
the broken connection at the end of the request, so the first request after
the database returns reconnects: recovery needs no restart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .errors import DATABASE_UNAVAILABLE_ERRORS, database_unavailable

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_UNAVAILABLE_ERRORS):
            logger.warning("Database unavailable for %s: %s", request.path, exception)
            return database_unavailable(request)
        return None
