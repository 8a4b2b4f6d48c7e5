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

# Errors that mean "the database cannot be reached or has dropped us", as
# opposed to a query that is wrong (ProgrammingError) or data that conflicts
# (IntegrityError, DataError): only these become 503.
DATABASE_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(detail: str, code: str, status_code: int) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code}, status=status_code)


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
        logger.warning("Database unavailable during an API request: %s", exc)
        exc = ServiceUnavailable()
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
    if isinstance(error, DATABASE_UNAVAILABLE_ERRORS):
        return database_unavailable(request)
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
    "503": ("The database is unavailable: retry after Retry-After seconds.", _ERROR_SCHEMA),
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
