"""Settings for Leg Points, in one place, read from the environment.

DJANGO_DEBUG             "1" turns debug on (``make run`` does); off otherwise.
DJANGO_SECRET_KEY        required when debug is off.
DJANGO_ALLOWED_HOSTS     comma-separated host names; localhost only by default.
DATABASE_URL             e.g. postgres://user@127.0.0.1:5432/legpoints; SQLite by default.
REDIS_URL                e.g. redis://127.0.0.1:6379/0: the cache; local memory by default.
DJANGO_PAGE_CACHE_SECONDS  how long a public page stays cached (600; 0 in debug); 0 turns it off.
DJANGO_HTTPS             "1" when the site is served over HTTPS: HSTS, secure cookies, redirects.
DJANGO_BEHIND_PROXY      "1" when a proxy in front sets X-Forwarded-Proto (trusted for HTTPS)
                         and X-Forwarded-For (the client's address for sign-in lockouts).
DJANGO_PROXY_COUNT       how many proxies in front append to X-Forwarded-For (1).
DJANGO_ADMIN_PATH        where the admin lives; "admin/" by default.
DJANGO_SUGGESTION_RATE   how many corrections one client address may send: "5/h" by default.
DATABASE_CONNECT_TIMEOUT       seconds to wait for PostgreSQL to accept a connection (2).
DATABASE_STATEMENT_TIMEOUT_MS  the longest a statement may run on PostgreSQL (3000).
DATABASE_ANSWER_TIMEOUT_MS     the longest the site waits for any answer from PostgreSQL,
                               after which it gives the connection up (statement's + 1000).
DATABASE_KEEPALIVES_IDLE       seconds of silence before TCP keepalive probes start (30).
DATABASE_TCP_USER_TIMEOUT_MS   how long sent data may go unacknowledged (15000).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(make run, make serve and make test set one for you)."
        )
    SECRET_KEY = "django-insecure-development-only-key"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "axes",
    "points",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "points.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "points.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Who made each admin edit, for the history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Failed admin sign-ins: throttled, then locked out (django-axes). Last, as axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "legpoints.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

WSGI_APPLICATION = "legpoints.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=600, conn_health_checks=True
    )
}


def postgres_options():
    """libpq's limits, so that a database that stops answering fails a request in seconds
    instead of holding a worker: to connect, per statement (enforced by the server), and
    on a connection whose other end has gone (TCP keepalives, and how long sent data may
    stay unacknowledged)."""
    return {
        "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 2),
        "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
        "keepalives": 1,
        "keepalives_idle": env_int("DATABASE_KEEPALIVES_IDLE", 30),
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": env_int("DATABASE_TCP_USER_TIMEOUT_MS", 15_000),
    }


STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 3000)
# A server that has gone silent is bounded by none of the above: the site's own backend
# (legpoints/postgresql) gives up waiting for any answer after this, a second longer than a
# statement may run, so that a slow statement is the server's to cancel.
DATABASE_ANSWER_TIMEOUT_MS = env_int("DATABASE_ANSWER_TIMEOUT_MS", STATEMENT_TIMEOUT_MS + 1000)

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "legpoints.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {}).update(postgres_options())

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, but a Redis that does not answer means "not cached".
            "BACKEND": "points.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "legpoints",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The leg maps as the pages draw them, kept in each process's memory under a digest of
# their points (points/caching/fragments.py): drawn again only when those change. Off in
# debug, so that template changes show at once.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "template-fragments",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}
FRAGMENT_CACHE_SECONDS = int(
    os.environ.get("DJANGO_FRAGMENT_CACHE_SECONDS", "0" if DEBUG else "600")
)

# Public pages are cached whole and served again until the content changes: any
# save in the admin moves the content stamp on, and with it every page's key.
# Off by default in debug, so that template changes show at once.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "0" if DEBUG else "600"))

# Security headers. No page needs a script or a style from anywhere but here, and
# none inline; the admin's own scripts and styles are files too.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
X_FRAME_OPTIONS = "DENY"

HTTPS = env_bool("DJANGO_HTTPS")
if env_bool("DJANGO_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day; staff sign in again after that
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

# Corrections from readers: at most this many from one client address (the one the sign-in
# lockout uses, below), counted by django-ratelimit in the cache above (so shared by every
# server with REDIS_URL; per process with the local-memory cache). When the cache does not
# answer, suggestions are refused (503) rather than taken uncounted.
SUGGESTION_RATE = os.environ.get("DJANGO_SUGGESTION_RATE", "5/h")
RATELIMIT_USE_CACHE = "default"
RATELIMIT_FAIL_OPEN = False

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5  # failed sign-ins for one user name from one address...
AXES_COOLOFF_TIME = 1  # ...lock them out for an hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_RESET_ON_SUCCESS = True
# Failing again while locked out does not start the hour again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False


def client_address_settings(proxy_count):
    """Where axes (through django-ipware) finds each client's address.

    Straight from the client: the connection's own address, never a header the client
    wrote. Behind ``proxy_count`` proxies: X-Forwarded-For, whose entries the proxies
    append; the client is the entry ``proxy_count`` from the right (the one the outermost
    proxy saw), whatever a client put before it. In django-ipware's terms the chain ends
    with the client and the proxies but the last, which is the connection's address.
    """
    if not proxy_count:
        return {
            "AXES_IPWARE_META_PRECEDENCE_ORDER": ("REMOTE_ADDR",),
            "AXES_IPWARE_PROXY_COUNT": None,
        }
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
        "AXES_IPWARE_PROXY_COUNT": proxy_count - 1,
        "AXES_IPWARE_PROXY_ORDER": "left-most",
        "IPWARE_STRICT": False,  # entries a client made up before its own are ignored
    }


PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 1) if env_bool("DJANGO_BEHIND_PROXY") else 0
globals().update(client_address_settings(PROXY_COUNT))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Content-hashed names, gzip and brotli copies and the site's stylesheets minified, made
    # by collectstatic (make serve runs it; legpoints/storage.py).
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "legpoints.storage.MinifiedCSSStorage"
    },
}

# The leg maps' drawings (static/maps/*.svg, shown with <image>) style themselves with an
# inline <style> and need nothing else; the site's CSP would forbid that style.
MAP_DRAWING_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _static_headers(headers, path, url):
    if url.startswith(f"/{STATIC_URL}maps/") and url.endswith(".svg"):
        headers["Content-Security-Policy"] = MAP_DRAWING_CSP


WHITENOISE_ADD_HEADERS_FUNCTION = _static_headers

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Every server error (django.request, with its traceback) and every security warning (a
# Host header not allowed, a CSRF failure, a suspicious request) leaves a line on stderr,
# which gunicorn passes on to its log, debug or not.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "line"},
    },
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
