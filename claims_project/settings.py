"""Settings for the claims project, read from the environment.

Development needs nothing set: SQLite under ``var/``, DEBUG only when
``DJANGO_DEBUG`` asks for it. Production (DEBUG off) refuses to start without
``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS``.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    try:
        return float(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from None


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (50+ random characters) for production, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set: give the host names this service answers to, "
        "comma-separated (e.g. claims.example.org)."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# HTTPS and browser hardening. Production defaults are strict (``check --deploy``
# reports nothing); DJANGO_DEBUG=1 relaxes them so development works over plain
# http. Each can be set on its own from the environment.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Behind a TLS-terminating proxy, name the header it sets (HTTP_X_FORWARDED_PROTO),
# and make sure the proxy overwrites any value a client sends.
_PROXY_SSL_HEADER = os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "")
SECURE_PROXY_SSL_HEADER = (_PROXY_SSL_HEADER, "https") if _PROXY_SSL_HEADER else None
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", 12 * 60 * 60)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SAMESITE = "Lax"
# Content-Security-Policy (django-csp): scripts, styles, images, fonts and
# requests only from this origin; no inline script, no plugins, no framing,
# forms post only here. Everything the admin and the API docs load is served by
# the app itself (no CDN), so nothing else is needed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Swagger UI and the admin draw some icons as data: URIs in their CSS.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Load balancers probe /healthz on the worker itself, over plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "simple_history",
    "axes",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # A database outage becomes a 503 (JSON under /api/), not a crash page.
    "claims_project.middleware.DatabaseUnavailableMiddleware",
    # On PostgreSQL, API requests run under a statement timeout.
    "claims_project.middleware.ApiStatementTimeoutMiddleware",
    # Anonymous API reads go to a read replica, if there is one.
    "claims_project.replicas.ReplicaReadsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "claims_project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "claims_project.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'claims.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that has gone away must fail a request in seconds, not hang
    # a worker until gunicorn kills it: the API then answers 503 at once.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DJANGO_DB_CONNECT_TIMEOUT", 5)
    )

# The cache holds the API's rate-limit counts (and the count of CSV exports
# streaming), so it must be shared by every worker: Redis, when REDIS_URL is set
# (production: e.g. redis://127.0.0.1:6379/0). Without it, each process has its
# own memory, which is right for the single process of ``make run`` and the
# tests, and wrong for several gunicorn workers (manage.py check warns).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Several deployments (or test runs) may share one Redis.
            "KEY_PREFIX": os.environ.get("CLAIMS_CACHE_KEY_PREFIX", "claims"),
            # A Redis that is away must not hang requests.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# fixtures/seeds.json: the ingested seed articles, for tests and demos.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # Axes announces itself on every start; only its warnings matter.
    "loggers": {
        "axes": {"level": "WARNING"},
        # Trafilatura warns of every block it discards from a page: furniture,
        # as intended. Its errors still show.
        "trafilatura": {"level": "ERROR"},
        "htmldate": {"level": "ERROR"},
    },
}

# The claims app: limits of the ingest pipeline.
# A long news article is well under 1 MB of text; 5 MB leaves room for odd
# encodings and transcripts while keeping an article's API answer bounded.
CLAIMS_MAX_ARTICLE_BYTES = env_int("CLAIMS_MAX_ARTICLE_BYTES", 5 * 1024 * 1024)
# A feed holds many articles: a hundred items of full text fit well within 20 MB.
CLAIMS_MAX_FEED_BYTES = env_int("CLAIMS_MAX_FEED_BYTES", 20 * 1024 * 1024)
# Fetching articles and feeds by URL: the whole download must end within the
# timeout (seconds), a few redirects are followed (a moved page, http to https).
CLAIMS_FETCH_TIMEOUT = env_int("CLAIMS_FETCH_TIMEOUT", 30)
CLAIMS_FETCH_MAX_REDIRECTS = env_int("CLAIMS_FETCH_MAX_REDIRECTS", 5)
# Who runs this copy (a URL or an e-mail address): sites can tell the fetcher's
# operator apart from other robots and reach them. Part of the User-Agent.
CLAIMS_FETCH_CONTACT = os.environ.get("CLAIMS_FETCH_CONTACT", "")

# The task queue (claims_project/celery.py): Celery on RabbitMQ. RabbitMQ rather
# than Redis because it is a broker by design: a message a worker took is
# redelivered when the worker's connection dies, with no visibility timeout to
# tune, and a message is kept until acknowledged. E.g.
# amqp://guest:guest@127.0.0.1:5672//. Without it, every task runs at once in
# the process that queues it: development and most tests need no broker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Workers read this queue (``celery worker -Q``); tests give each run its own.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "claims")
# A message is acknowledged when its task has run, not when it was received,
# and one whose worker died mid-task goes back to the queue: the task runs
# again, so every task is written to be run twice safely.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One message at a time per worker process: a long article holds up no other.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Outcomes live in the database (ingest jobs, webhook deliveries).
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is away fails a push in seconds instead of hanging the request.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5}

# Webhooks (claims/services/webhooks.py): a failed delivery is tried again after
# this many seconds, doubled each time (30 s, 1 min, 2 min ... about 2 hours in
# all), at most CLAIMS_WEBHOOK_ATTEMPTS times, each waiting at most
# CLAIMS_WEBHOOK_TIMEOUT seconds for the receiver.
CLAIMS_WEBHOOK_RETRY_SECONDS = env_float("CLAIMS_WEBHOOK_RETRY_SECONDS", 30.0)
CLAIMS_WEBHOOK_ATTEMPTS = env_int("CLAIMS_WEBHOOK_ATTEMPTS", 8)
CLAIMS_WEBHOOK_TIMEOUT = env_float("CLAIMS_WEBHOOK_TIMEOUT", 10.0)

# Django REST framework.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["claims.api.filters.GivenParamsFilterBackend"],
    # Token first: an anonymous write is told (401) how to authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims.api.permissions.ReadOrEditorWrite"],
    "DEFAULT_RENDERER_CLASSES": [
        "claims.api.renderers.FastJSONRenderer",
        "claims.api.renderers.BrowsableAPIInlineStyles",
    ],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.NumberedPagination",
    # Clients are told apart by the trusted-proxy rule (TRUSTED_PROXY_COUNT),
    # their counts kept in the shared cache (CACHES): claims/api/throttling.py.
    "DEFAULT_THROTTLE_CLASSES": [
        "claims.api.throttling.AnonThrottle",
        "claims.api.throttling.UserThrottle",
        "claims.api.throttling.CSVExportThrottle",
        "claims.api.throttling.SearchThrottle",
        "claims.api.throttling.ArticleDetailThrottle",
    ],
    # "requests/period" (second, minute, hour, day); empty switches the limit off.
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("CLAIMS_API_THROTTLE_ANON", "120/minute") or None,
        "user": os.environ.get("CLAIMS_API_THROTTLE_USER", "600/minute") or None,
        # The expensive requests, per client, on top of the limits above.
        "csv": os.environ.get("CLAIMS_API_THROTTLE_CSV", "10/minute") or None,
        "search": os.environ.get("CLAIMS_API_THROTTLE_SEARCH", "30/minute") or None,
        "article": os.environ.get("CLAIMS_API_THROTTLE_ARTICLE", "30/minute") or None,
    },
}
# API tokens (django-rest-knox): only a SHA-512 digest of each key is stored,
# with its first characters to find it; a key works until it expires or is
# revoked (deleted). "Authorization: Token <key>", as before.
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(days=env_int("CLAIMS_API_TOKEN_DAYS", 90)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
# Reads are public unless this asks for an authenticated client (token or session).
CLAIMS_API_READS_REQUIRE_TOKEN = env_bool("CLAIMS_API_READS_REQUIRE_TOKEN", False)
# ?format=csv streams at most this many claims; narrow the filters for more.
CLAIMS_API_CSV_MAX_ROWS = env_int("CLAIMS_API_CSV_MAX_ROWS", 100_000)
# At most this many CSV exports stream at once, across every worker (0: no limit).
CLAIMS_API_CSV_MAX_CONCURRENT = env_int("CLAIMS_API_CSV_MAX_CONCURRENT", 4)
# On PostgreSQL, no statement of an API request may run longer than this
# (milliseconds; 0 switches it off): the client gets a JSON 503 instead.
CLAIMS_API_STATEMENT_TIMEOUT_MS = env_int("CLAIMS_API_STATEMENT_TIMEOUT_MS", 10_000)

# Read replicas (streaming standbys of the primary), comma-separated URLs: the
# public API's anonymous reads go to them, everything an editor does stays on
# the primary ("default"); see claims_project/replicas.py.
for _number, _url in enumerate(
    (url.strip() for url in os.environ.get("DATABASE_REPLICA_URLS", "").split(",")), start=1
):
    if not _url:
        continue
    _replica = dj_database_url.parse(
        _url, conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60), conn_health_checks=True
    )
    if _replica["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS: {_url!r} is not a PostgreSQL URL")
    _options = _replica.setdefault("OPTIONS", {})
    # A replica that is away is skipped in seconds, not waited for.
    _options.setdefault("connect_timeout", env_int("DJANGO_DB_CONNECT_TIMEOUT", 5))
    if CLAIMS_API_STATEMENT_TIMEOUT_MS:
        # Replicas serve only the API: its statement timeout is theirs from the start.
        _options.setdefault("options", f"-c statement_timeout={CLAIMS_API_STATEMENT_TIMEOUT_MS}")
    # Tests never create a replica database: it is the primary's copy.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{_number}"] = _replica
DATABASE_ROUTERS = ["claims_project.replicas.ReplicaRouter"]
# An article's detail lists at most this many claims (with the total and a
# link to the full, paged claim list).
CLAIMS_API_ARTICLE_MAX_CLAIMS = env_int("CLAIMS_API_ARTICLE_MAX_CLAIMS", 200)
# The author of the schema.org ClaimReviews the API publishes.
CLAIMS_REVIEW_PUBLISHER = os.environ.get("CLAIMS_REVIEW_PUBLISHER", "claims")

# API errors are JSON, database outages 503 (claims_project/errors.py).
REST_FRAMEWORK["EXCEPTION_HANDLER"] = "claims_project.errors.api_exception_handler"

SPECTACULAR_SETTINGS = {
    "TITLE": "claims API",
    "DESCRIPTION": "Who said what, where it was published, and through whom it travelled.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and the docs are read like the API: by anyone, unless
    # CLAIMS_API_READS_REQUIRE_TOKEN asks for an authenticated client.
    "SERVE_PERMISSIONS": ["claims.api.permissions.ReadOrEditorWrite"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Three models have a "kind"; name each choice set in the schema.
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "claims.models.ActorKind",
        "ClaimKindEnum": "claims.models.ClaimKind",
        "SourceKindEnum": "claims.models.SourceKind",
        "ReviewStatusEnum": "claims.models.ReviewStatus",
        "StatementKindEnum": "claims.models.StatementKind",
    },
    "COMPONENT_SPLIT_REQUEST": True,
}

# Every API operation documents the JSON errors it can give (claims_project/errors.py).
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "claims_project.errors.document_error_responses",
]

# django-axes: slow down password guessing against the admin. A user name is
# locked only at the address that guessed it (a stranger cannot lock an editor
# out), and an address is locked after more failures over any user names
# (claims_project/lockout.py).
AXES_HANDLER = "claims_project.lockout.NameAtAddressHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = env_int("DJANGO_AXES_FAILURE_LIMIT", 5)
CLAIMS_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("DJANGO_AXES_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = env_int("DJANGO_AXES_COOLOFF_HOURS", 1)
AXES_RESET_ON_SUCCESS = True
# Who is guessing: behind N reverse proxies, the address they forwarded.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "claims_project.client_ip.client_ip"
