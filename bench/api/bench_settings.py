"""Settings for the API benchmark's server: the project's, plus the baseline route.

Used only by bench/api/run.py (on the Python path with bench/api/), never in
production: the bare baseline view is routed by bench_urls alone.
"""

from claims_project.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
