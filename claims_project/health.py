"""``/healthz``: is this process serving, and can it reach its database?

For load balancers and uptime checks: 200 ``{"status": "ok"}`` when a trivial
query succeeds, 503 ``{"status": "unavailable"}`` when it does not. Cheap (one
``SELECT 1``), unauthenticated, never cached, and exempt from the https
redirect so a balancer can probe the worker directly.
"""

from __future__ import annotations

import logging
import time

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .errors import DATABASE_UNAVAILABLE_ERRORS, RETRY_AFTER

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DATABASE_UNAVAILABLE_ERRORS as error:
        logger.warning("Health check: database unreachable: %s", error)
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        response["Retry-After"] = RETRY_AFTER
        return response
    milliseconds = round((time.perf_counter() - started) * 1000, 1)
    return JsonResponse({"status": "ok", "database": "ok", "database_ms": milliseconds})
