"""gunicorn settings for claims (``gunicorn -c gunicorn.conf.py``).

Sized for a small host: threaded workers, because most of a request's time is
spent waiting on PostgreSQL. Every value can be changed from the environment
without editing this file. README "Running in production" explains the choices.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
wsgi_app = "claims_project.wsgi:application"

# Processes x threads = requests served at once. Each thread keeps its own
# database connection (CONN_MAX_AGE): keep workers * threads well under
# PostgreSQL's max_connections (100 by default), with room for ingest and backups.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))

# A request that takes longer than this is stuck: the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
# Keep-alive behind a proxy on the same host or network.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))

# Recycle a worker after this many requests (with jitter, so they do not all
# restart at once): a guard against slow leaks in any library, cheap to pay.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 10_000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 1_000))

# The proxy in front may tell gunicorn the original scheme; only trust it locally.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs to stdout/stderr for systemd's journal or the container runtime.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Worker heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
