"""The project's URLs plus views that fail on purpose, to test the error responses."""

from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.http import HttpRequest
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


urlpatterns = [
    *urlpatterns,
    path("api/test-errors/crash/", api_crash),
    path("api/test-errors/database/", api_database_gone),
    path("api/test-errors/refused/", api_service_refuses),
    path("api/test-errors/plain-crash/", crash),
    path("api/test-errors/plain-database/", database_gone),
    path("test-errors/crash/", crash),
    path("test-errors/database/", database_gone),
]
