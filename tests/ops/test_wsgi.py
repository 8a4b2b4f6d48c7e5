"""The WSGI entry point gunicorn loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_is_loaded_and_kept_out_of_the_garbage_collectors_sight():
    # In a process of its own: freezing the test run's own objects would keep them forever.
    probe = (
        "import gc, sys; import claims_project.wsgi; "
        "print(gc.get_freeze_count(), 'claims.api.views' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "claims_project.settings"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    frozen, views_loaded = result.stdout.split()
    assert views_loaded == "True"
    assert int(frozen) > 100_000
