"""The OpenAPI schema, built once per process rather than on every request.

Generating it walks every view, serializer and FilterSet (about a second of
CPU), which made ``/api/schema/`` the cheapest way to load a worker. The code
cannot change while the process runs, so the document is kept per version and
language. Tests that change settings get a fresh one (setting_changed).

Who may read it follows the API's own read rule (SPECTACULAR_SETTINGS'
SERVE_PERMISSIONS): public, unless CLAIMS_API_READS_REQUIRE_TOKEN is on.
"""

from __future__ import annotations

import threading

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response

_schemas: dict[tuple, dict] = {}
_lock = threading.Lock()


class CachedSchemaView(SpectacularAPIView):
    def _get_schema_response(self, request):
        if not self.serve_public:
            # A schema filtered by the client's permissions is not shared.
            return super()._get_schema_response(request)
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (self.urlconf, version, translation.get_language())
        schema = _schemas.get(key)
        if schema is None:
            # One thread builds it; the others wait rather than build it again.
            with _lock:
                schema = _schemas.get(key)
                if schema is None:
                    generator = self.generator_class(
                        urlconf=self.urlconf, api_version=version, patterns=self.patterns
                    )
                    schema = generator.get_schema(request=request, public=True)
                    _schemas[key] = schema
        filename = self._get_filename(request, version)
        return Response(
            data=schema, headers={"Content-Disposition": f'inline; filename="{filename}"'}
        )


@receiver(setting_changed)
def _forget_schemas(**kwargs) -> None:
    _schemas.clear()
