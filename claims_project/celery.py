"""The task queue: Celery, with RabbitMQ as the broker in production.

Workers run pushed ingests (``POST /api/v1/articles/``) and webhook deliveries::

    CELERY_BROKER_URL=amqp://guest:guest@127.0.0.1:5672// \\
        .venv/bin/celery -A claims_project worker --concurrency 2

Without ``CELERY_BROKER_URL`` every task runs in the process that queues it
(``task_always_eager``), so ``make run`` needs no broker and no worker.
Settings are the ``CELERY_*`` names in claims_project/settings.py.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claims_project.settings")

app = Celery("claims_project")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Finds claims/tasks.py.
app.autodiscover_tasks()
