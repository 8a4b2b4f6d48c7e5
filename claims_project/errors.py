"""Error responses that never leak internals.

Under ``/api/`` every error is JSON (``{"detail": ..., "code": ...}``), whether
it comes from a DRF view, from a URL no route matches, or from a crash; the
rest of the site keeps Django's plain error pages. No stack trace, SQL or
setting ever reaches a client with DEBUG off: the details go to the log.

A database that cannot be reached is not a bug but an outage: it is answered
with 503 and ``Retry-After`` instead of 500, wherever it is noticed.
"""

from __future__ import annotations

import logging
import sys

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
# Seconds a client should wait before retrying while the database is away.
RETRY_AFTER = "5"
DATABASE_UNAVAILABLE = "The database is unavailable; try again shortly."

STATEMENT_TIMEOUT = (
    "The request took too long and was stopped (database statement timeout); "
    "narrow the filters or try again later."
)

# The classes of error that may mean "the database cannot be reached or has
# dropped us", as opposed to a query that is wrong (ProgrammingError) or data
# that conflicts (IntegrityError, DataError). Which of them really is an outage
# is decided by database_failure() below.
DATABASE_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)

# PostgreSQL SQLSTATEs of a lost or refused connection: class 08 (connection
# exception), and the server shutting down or starting up.
_CONNECTION_LOST_STATES = ("08", "57P01", "57P02", "57P03")
_QUERY_CANCELED = "57014"  # statement_timeout (or a cancel request)
# SQLite's words for a database file it cannot reach at all.
_SQLITE_UNREACHABLE = ("unable to open database file", "disk i/o error")


def database_failure(error: BaseException) -> str | None:
    """ "unavailable" for a lost connection, "timeout" for a statement stopped
    by statement_timeout, None for any other database error.

    A lock conflict, a deadlock or SQLite's "database is locked" is no outage:
    reporting them as one would hide bugs behind "try again shortly".
    """
    if isinstance(error, InterfaceError):
        return "unavailable"
    if not isinstance(error, OperationalError):
        return None
    cause = error.__cause__
    if cause is None:
        # Raised by Django itself around connecting, not by a query.
        return "unavailable"
    if hasattr(cause, "sqlstate"):  # psycopg
        state = cause.sqlstate
        if state is None:
            # libpq gives no SQLSTATE when the connection itself failed.
            return "unavailable"
        if state == _QUERY_CANCELED:
            return "timeout"
        return "unavailable" if state.startswith(_CONNECTION_LOST_STATES) else None
    message = str(cause).lower()
    return "unavailable" if message.startswith(_SQLITE_UNREACHABLE) else None


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(detail: str, code: str, status_code: int) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code}, status=status_code)


def statement_timeout(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return json_error(STATEMENT_TIMEOUT, "statement_timeout", 503)
    return HttpResponse(STATEMENT_TIMEOUT, status=503, content_type="text/plain; charset=utf-8")


def database_failure_response(request: HttpRequest, error: BaseException) -> HttpResponse | None:
    """The 503 for a lost connection or a statement timeout; None for other errors."""
    failure = database_failure(error)
    if failure == "unavailable":
        logger.warning("Database unavailable for %s: %s", request.path, error)
        return database_unavailable(request)
    if failure == "timeout":
        logger.warning("Statement timeout for %s", request.get_full_path())
        return statement_timeout(request)
    return None


def database_unavailable(request: HttpRequest) -> HttpResponse:
    if is_api(request) or request.path.startswith("/healthz"):
        response = json_error(DATABASE_UNAVAILABLE, "database_unavailable", 503)
    else:
        response = HttpResponse(
            DATABASE_UNAVAILABLE, status=503, content_type="text/plain; charset=utf-8"
        )
    response["Retry-After"] = RETRY_AFTER
    return response


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = DATABASE_UNAVAILABLE
    default_code = "database_unavailable"


class StatementTimeout(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = STATEMENT_TIMEOUT
    default_code = "statement_timeout"


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, plus the two kinds of error services raise on their own.

    A Django ``ValidationError`` from a service is the client's mistake (400),
    not a crash; an unreachable database is an outage (503). Anything else DRF
    does not know is left to propagate and becomes a JSON 500 below.
    """
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, DATABASE_UNAVAILABLE_ERRORS):
        failure = database_failure(exc)
        if failure == "unavailable":
            logger.warning("Database unavailable during an API request: %s", exc)
            exc = ServiceUnavailable()
        elif failure == "timeout":
            logger.warning("Statement timeout during an API request: %s", exc)
            exc = StatementTimeout()
        # Anything else is a bug to look into: it propagates to a JSON 500.
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, ServiceUnavailable):
        response["Retry-After"] = RETRY_AFTER
    if response is not None:
        # Error messages quote the client's input; a lone surrogate from a JSON
        # "\ud800" escape cannot be encoded as UTF-8 and would turn a 400 into a 500.
        response.data = _encodable(response.data)
    return response


def _encodable(data):
    if isinstance(data, exceptions.ErrorDetail):
        return exceptions.ErrorDetail(_encodable(str(data)), code=data.code)
    if isinstance(data, str):
        return data.encode("utf-8", "replace").decode("utf-8")
    if isinstance(data, dict):
        return {_encodable(key): _encodable(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_encodable(item) for item in data]
    return data


# URLconf handlers (handler400/403/404/500 in claims_project/urls.py).


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return json_error("Bad request.", "bad_request", 400)
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return json_error("You do not have permission to perform this action.", "forbidden", 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return json_error("Not found.", "not_found", 404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this inside its ``except`` block, so the error is at hand:
    # a database outage noticed outside a view (in a middleware) is still a 503.
    error = sys.exc_info()[1]
    if error is not None:
        response = database_failure_response(request, error)
        if response is not None:
            return response
    if is_api(request):
        return json_error("Server error.", "server_error", 500)
    return defaults.server_error(request)


# The OpenAPI schema documents these errors on every operation that can give
# them, so clients (and the schema fuzzing in tests/security) know every status
# they may see. A drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS).

_ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    "required": ["detail"],
}
# A 400 names the parameters or fields at fault: {"page_size": ["..."]}, or a detail.
_BAD_REQUEST_SCHEMA = {"type": "object", "additionalProperties": True}


def _error(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERROR_RESPONSES = {
    "400": ("Invalid parameters or body; the message names the parameter.", _BAD_REQUEST_SCHEMA),
    "401": ("Authentication is needed for this request.", _ERROR_SCHEMA),
    "403": ("The authenticated user may not do this.", _ERROR_SCHEMA),
    # DRF also answers 404 for a page number past the end and an unknown ?format=.
    "404": ("No such object, page or format.", _ERROR_SCHEMA),
    "405": ("Method not allowed.", _ERROR_SCHEMA),
    "406": ("The requested format is not available here.", _ERROR_SCHEMA),
    "429": ("Too many requests: slow down (see Retry-After).", _ERROR_SCHEMA),
    "503": (
        "The database is unavailable (retry after Retry-After seconds), or the request "
        "ran past the statement timeout (code statement_timeout).",
        _ERROR_SCHEMA,
    ),
}


def document_error_responses(result: dict, generator, request, public) -> dict:
    """Add the JSON error responses every API operation can give, where not documented."""
    for path, operations in result.get("paths", {}).items():
        if not path.startswith(API_PREFIX):
            continue
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["400", "401", "403", "404", "405", "406", "429", "503"]
            responses = operation["responses"]
            for code in codes:
                if code not in responses:
                    description, schema = _ERROR_RESPONSES[code]
                    responses[code] = _error(description, schema)
    return result
