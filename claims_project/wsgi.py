"""WSGI entry point: ``gunicorn claims_project.wsgi``."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claims_project.settings")

application = get_wsgi_application()

# Import the URLconf, and with it every view, serializer and filter, now rather
# than on the first request; then take all that was loaded out of the garbage
# collector's sight. None of it is ever garbage, yet each full collection walked
# all of it: about 80 ms, every few hundred requests, which was a request's p99.
get_resolver().url_patterns  # noqa: B018  (loads the URLconf)
gc.freeze()
