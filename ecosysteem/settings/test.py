"""Tests: altijd PostgreSQL. Zonder DATABASE_URL start de test-set-up een wegwerpcluster."""

import os
import tempfile
from pathlib import Path

from ecosysteem.testing.pgcluster import zorg_voor_database_url

os.environ.setdefault("DATABASE_URL", "")
if not os.environ["DATABASE_URL"]:
    os.environ["DATABASE_URL"] = zorg_voor_database_url()

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "alleen-voor-tests"
# Private files of a test run go to a throw-away folder, never into the working tree.
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="regioportaal-prive-"))
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL

# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The API's throttles count in the process's cache for the whole run; tests that check
# throttling set their own limit.
API_TOKEN_LIMIET = "100000/hour"
API_ANONIEM_LIMIET = "100000/hour"
# Questions about the portal go to a mailbox somebody reads (the help page names it).
CONTACT_EMAIL = "vragen@regioportaal.test"
