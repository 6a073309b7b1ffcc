"""All settings, read from the environment (see .env.example). Fails loudly on bad values."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import django_stubs_ext
import xstatic.pkg.bootstrap as xstatic_bootstrap
from django.utils.translation import gettext_lazy as _

django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def envstr(name: str, default: str = "") -> str:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, not {value!r}") from exc


def database_from_url(url: str) -> dict[str, object]:
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise ValueError("DATABASE_URL must be a postgresql:// URL")
    query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
    host = query.pop("host", None) or (parsed.hostname or "")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")) or "cpms",
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": host,
        "PORT": str(parsed.port or ""),
        "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": query,
    }


DEBUG = envbool("DEBUG", False)
SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ValueError("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only"  # noqa: S105
ALLOWED_HOSTS = [h for h in envstr("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in envstr("CSRF_TRUSTED_ORIGINS").split(",") if o]
SITE_NAME = envstr("SITE_NAME", "Hệ thống quản lý bảo vệ trẻ em")

DATABASE_URL = envstr("DATABASE_URL")
if not DATABASE_URL:
    raise ValueError(
        "DATABASE_URL is not set: start the app with `make run` (embedded PostgreSQL) "
        "or point DATABASE_URL at a PostgreSQL server"
    )
DATABASES = {"default": database_from_url(DATABASE_URL)}
# A streaming replica for statistics (cpms/core/replica.py); tests mirror the primary.
if DATABASE_REPLICA_URL := envstr("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **database_from_url(DATABASE_REPLICA_URL),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["cpms.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "procrastinate.contrib.django",
    "ninja",
    "cpms.core",
    "cpms.geography",
    "cpms.workdays",
    "cpms.audit",
    "cpms.accounts",
    "cpms.ops",
    "cpms.children",
    "cpms.intake",
    "cpms.cases",
    "cpms.attachments",
    "cpms.care",
    "cpms.referrals",
    "cpms.conferences",
    "cpms.transfers",
    "cpms.notifications",
    "cpms.accountability",
    "cpms.public",
    "cpms.hotline",
    "cpms.api",
    "cpms.programmes",
    "cpms.privacy",
    "cpms.reports",
    "cpms.directives",
    "cpms.stats",
    "cpms.emergency",
    "cpms.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cpms.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cpms.accounts.middleware.SessionLifetimeMiddleware",
    "cpms.accounts.middleware.TwoFactorMiddleware",
    "cpms.core.middleware.NoStoreForAuthenticatedMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cpms.accounts.context_processors.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failures, keyed on the username typed and the address, whether or
# not the account exists, so a lockout tells nothing about existence.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HSTS is on unless DEBUG (browsers ignore it on plain-HTTP development servers anyway).
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Login hardening (docs/security.md, "Login and headers").
# Two-factor login (TOTP or a recovery code) for every signed-in user; off only for trials.
CPMS_REQUIRE_2FA = envbool("CPMS_REQUIRE_2FA", True)
# Exports and identity reveals ask for the password (and code) again after this long.
CPMS_REAUTH_MINUTES = envint("CPMS_REAUTH_MINUTES", 10)
# A session ends this long after the password login, however active it is.
CPMS_SESSION_MAX_HOURS = envint("CPMS_SESSION_MAX_HOURS", 12)
# Passkeys (WebAuthn): relying-party id and origin; empty = the host of the request.
CPMS_WEBAUTHN_RP_ID = envstr("CPMS_WEBAUTHN_RP_ID", "")
CPMS_WEBAUTHN_ORIGIN = envstr("CPMS_WEBAUTHN_ORIGIN", "")
OTP_TOTP_ISSUER = envstr("OTP_TOTP_ISSUER", "cpms")
# No inline script or style element anywhere; style attributes are allowed (progress bars and
# document previews set computed widths; an attribute cannot run script or load anything).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", xstatic_bootstrap.BASE_DIR)]
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": envstr(
            "STATICFILES_BACKEND",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Files on an S3-compatible server instead of local folders (docs/deployment.md): "default"
# holds uploaded spreadsheets, "private" attachments and generated report files. Private ACL,
# no public URLs: files are only sent through the app's permission-checked views.
CPMS_STORAGE = envstr("CPMS_STORAGE", "local")
if CPMS_STORAGE not in ("local", "s3"):
    raise ValueError(f"CPMS_STORAGE must be local or s3, not {CPMS_STORAGE!r}")
if CPMS_STORAGE == "s3":
    _s3_options = {
        "bucket_name": envstr("CPMS_S3_BUCKET"),
        "endpoint_url": envstr("CPMS_S3_ENDPOINT_URL") or None,
        "region_name": envstr("CPMS_S3_REGION") or None,
        "access_key": envstr("CPMS_S3_ACCESS_KEY_ID") or None,
        "secret_key": envstr("CPMS_S3_SECRET_ACCESS_KEY") or None,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 60,
        "file_overwrite": False,
        "max_memory_size": 2 * 1024 * 1024,
    }
    if not _s3_options["bucket_name"]:
        raise ValueError("CPMS_STORAGE=s3 needs CPMS_S3_BUCKET")
    _s3 = "storages.backends.s3.S3Storage"
    STORAGES["default"] = {"BACKEND": _s3, "OPTIONS": {**_s3_options, "location": "media"}}
    STORAGES["private"] = {"BACKEND": _s3, "OPTIONS": {**_s3_options, "location": "private"}}
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Attachments: never under a served folder (system check attachments.E001); created on demand.
PRIVATE_MEDIA_ROOT = Path(envstr("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
ATTACHMENT_MAX_BYTES = envint("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"procrastinate": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# Calendar: weekend days (Monday = 0) for working-day arithmetic.
WORKDAYS_WEEKEND = (5, 6)

# Notifications (docs/notifications.md). Links in e-mails and messages start with SITE_URL.
SITE_URL = envstr("SITE_URL", "http://localhost:8000")
EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "cpms@localhost")
# Channel name → dotted path of its class (cpms/notifications/channels.py).
CPMS_NOTIFICATION_CHANNELS = {
    "sms": envstr("NOTIFICATION_SMS_CHANNEL", "cpms.notifications.channels.FileChannel"),
    "zalo": envstr("NOTIFICATION_ZALO_CHANNEL", "cpms.notifications.channels.FileChannel"),
}
CPMS_NOTIFICATION_FILE_DIR = Path(
    envstr("NOTIFICATION_FILE_DIR", str(BASE_DIR / "var" / "notifications"))
)
# Deliver in the committing process instead of queueing the procrastinate task (tests only).
CPMS_NOTIFICATIONS_INLINE = envbool("NOTIFICATIONS_INLINE", False)

# Public site (docs/public-site.md): limits per client address and fixed window (seconds).
# The address is REMOTE_ADDR unless a proxy we run sets this header (e.g. HTTP_X_FORWARDED_FOR).
RATELIMIT_TRUSTED_PROXY_HEADER = envstr("RATELIMIT_TRUSTED_PROXY_HEADER")
PUBLIC_REPORT_LIMIT = (envint("PUBLIC_REPORTS_PER_HOUR", 5), 3600)
PUBLIC_STATUS_LIMIT = (envint("PUBLIC_STATUS_LOOKUPS_PER_HOUR", 30), 3600)
PUBLIC_REPORT_MAX_BYTES = envint("PUBLIC_REPORT_MAX_BYTES", 32 * 1024)

# Protected fields (docs/security.md): Fernet keys, comma- or line-separated, the first one
# current. Unset outside production: a key derived from SECRET_KEY (check --deploy refuses it).
_field_keys = envstr("CPMS_FIELD_KEYS").replace("\n", ",").split(",")
CPMS_FIELD_KEYS = [k.strip() for k in _field_keys if k.strip()]
# Closed cases are archived this many years after closure (UNVERIFIED period: check the
# records-retention rules that apply before relying on it).
CPMS_RETENTION_YEARS_AFTER_CLOSURE = envint("RETENTION_YEARS_AFTER_CLOSURE", 5)

# Emergency access (docs/emergency.md): hours a break-the-glass grant lasts.
CPMS_EMERGENCY_ACCESS_HOURS = envint("EMERGENCY_ACCESS_HOURS", 4)

# Monitoring (docs/deployment.md): GET /metrics/ answers the Prometheus text format to
# "Authorization: Bearer <this token>"; unset, the endpoint answers 404.
CPMS_METRICS_TOKEN = envstr("METRICS_TOKEN")
