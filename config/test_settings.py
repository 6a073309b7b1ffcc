"""Test settings: the real PostgreSQL, a fast password hasher, plain static storage."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from .settings import *  # noqa: F403
from .settings import DATABASES, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
USE_I18N = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
DATABASES["default"]["CONN_MAX_AGE"] = 0  # the live server thread must not hold connections
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cpms-test-media-"))  # never the real media folder
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cpms-test-private-"))
CPMS_NOTIFICATION_FILE_DIR = Path(tempfile.mkdtemp(prefix="cpms-test-notifications-"))
CPMS_NOTIFICATIONS_INLINE = True  # no worker in tests: deliver on commit, in process
