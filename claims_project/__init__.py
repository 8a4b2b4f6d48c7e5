# The Celery app is loaded with Django, so that ``task.delay()`` in the web
# process uses this project's configuration.
from .celery import app as celery_app

__all__ = ["celery_app"]
