"""Production settings (config.settings, DEBUG off) for a gunicorn server on 127.0.0.1.

Only what a local, plain-HTTP benchmark server needs is changed; the middleware, sessions,
database options and templates are the production ones. SECRET_KEY comes from the
environment, as in production (bench/load.py sets one, shared with the process that creates
the sessions).
"""

from __future__ import annotations

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR, STORAGES

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False  # no TLS in front of the benchmark server
ROOT_URLCONF = "bench.loadsite.urls"
# collectstatic for the manifest storage goes here, never into the deployment's folder
STATIC_ROOT = BASE_DIR / "var" / "bench" / "static"
# The same hashed names and manifest lookups as production, without compressing 56 MB of
# files the benchmarks never download (whitenoise's compression is a deploy-time cost).
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
