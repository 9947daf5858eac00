"""Demo en ontwikkeling: SQLite, geen broker, e-mail naar de console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Only for the local demo; production refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="onveilig-alleen-voor-de-lokale-demo")

# Links in the demo's e-mails (printed to the console) point at the local server.
SITE_URL = env("DJANGO_SITE_URL", default="http://127.0.0.1:" + env("PORT", default="8000"))

# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The privacy page's contact in the demo; production requires its own (PRIVACY_CONTACT_EMAIL).
PRIVACY_CONTACT_EMAIL = env("PRIVACY_CONTACT_EMAIL", default="privacy@example.org")
# The help page's contact in the demo; production requires its own (CONTACT_EMAIL).
CONTACT_EMAIL = env("CONTACT_EMAIL", default="vragen@example.org")
