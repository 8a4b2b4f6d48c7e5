from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularSwaggerView

from claims.api.schema import CachedSchemaView
from claims_project.health import healthz

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("claims.api.urls", namespace="api")),
    path("api/schema/", CachedSchemaView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("healthz", healthz, name="healthz"),
]

# JSON errors under /api/, Django's plain pages elsewhere; never a stack trace.
handler400 = "claims_project.errors.bad_request"
handler403 = "claims_project.errors.permission_denied"
handler404 = "claims_project.errors.page_not_found"
handler500 = "claims_project.errors.server_error"
