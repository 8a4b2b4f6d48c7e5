from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularSwaggerSplitView

from claims.api.schema import CachedSchemaView
from claims_project.health import healthz

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("claims.api.urls", namespace="api")),
    path("api/schema/", CachedSchemaView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: no inline script
    # for the Content-Security-Policy to allow.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="claims/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path("healthz", healthz, name="healthz"),
]

# JSON errors under /api/, Django's plain pages elsewhere; never a stack trace.
handler400 = "claims_project.errors.bad_request"
handler403 = "claims_project.errors.permission_denied"
handler404 = "claims_project.errors.page_not_found"
handler500 = "claims_project.errors.server_error"
