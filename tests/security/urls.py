"""The project's URLs plus views that fail on purpose, to test the error responses."""

import sqlite3

import psycopg
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.http import HttpRequest, JsonResponse
from django.urls import path
from rest_framework.decorators import api_view

from claims_project.urls import (  # noqa: F401 - the handlers under test
    handler400,
    handler403,
    handler404,
    handler500,
    urlpatterns,
)

LEAK = "SELECT password FROM auth_user WHERE username = 'admin'"


def crash(request: HttpRequest):
    raise RuntimeError(LEAK)


def database_gone(request: HttpRequest):
    raise OperationalError(f"connection refused while running {LEAK}")


@api_view(["GET"])
def api_crash(request):
    raise RuntimeError(LEAK)


@api_view(["GET"])
def api_database_gone(request):
    raise OperationalError(f"server closed the connection unexpectedly during {LEAK}")


@api_view(["GET"])
def api_service_refuses(request):
    raise ValidationError({"status": ["unknown review status 'bogus'"]})


def sleep(request: HttpRequest, seconds: str):
    """Holds a statement for ``seconds``, as an expensive query would."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [float(seconds)])
    return JsonResponse({"slept": float(seconds)})


@api_view(["GET"])
def api_sleep(request, seconds: str):
    return sleep(request._request, seconds)


@api_view(["GET"])
def api_database_locked(request):
    # What Django raises for SQLite's lock conflict: an OperationalError from the driver's.
    raise OperationalError("database is locked") from sqlite3.OperationalError("database is locked")


@api_view(["GET"])
def api_lock_not_available(request):
    raise OperationalError("could not obtain lock") from psycopg.errors.LockNotAvailable(
        "could not obtain lock on row in relation"
    )


@api_view(["GET"])
def api_connection_dropped(request):
    raise OperationalError("connection lost") from psycopg.errors.AdminShutdown(
        "terminating connection due to administrator command"
    )


urlpatterns = [
    *urlpatterns,
    path("api/test-errors/sleep/<str:seconds>/", api_sleep),
    path("test-errors/sleep/<str:seconds>/", sleep),
    path("api/test-errors/locked/", api_database_locked),
    path("api/test-errors/lock-not-available/", api_lock_not_available),
    path("api/test-errors/dropped/", api_connection_dropped),
    path("api/test-errors/crash/", api_crash),
    path("api/test-errors/database/", api_database_gone),
    path("api/test-errors/refused/", api_service_refuses),
    path("api/test-errors/plain-crash/", crash),
    path("api/test-errors/plain-database/", database_gone),
    path("test-errors/crash/", crash),
    path("test-errors/database/", database_gone),
]
