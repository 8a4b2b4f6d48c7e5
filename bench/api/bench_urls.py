"""The project's URLs plus the bare baseline, for the benchmark's server only."""

import baseline
from django.urls import path

from claims_project.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    path("bench/baseline/claims/", baseline.claims_by_actor, name="bench-baseline"),
]
