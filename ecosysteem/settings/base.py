"""Instellingen die voor elke omgeving gelden. Alles wat per omgeving verschilt of geheim is,
komt uit omgevingsvariabelen."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# How many reverse proxies of our own stand before the application; the client's address is
# read from X-Forwarded-For through no more than these (ecosysteem/netwerk.py).
VERTROUWDE_PROXIES = env.int("VERTROUWDE_PROXIES", default=0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "ecosysteem",
    "partners",
    "regios",
    "subsidie",
    "kompas",
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
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "ecosysteem.urls"
WSGI_APPLICATION = "ecosysteem.wsgi.application"

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
                "django.template.context_processors.i18n",
                "ecosysteem.context_processors.portaal",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "ecosysteem.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
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
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "subsidie:mijn_regio"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "nl"
# Dutch only until the English catalogue exists: serving Dutch text under lang="en" would
# mislead screen readers. Add LocaleMiddleware back together with locale/en.
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Generated PDFs and uploaded documents: outside MEDIA_ROOT and never served by a URL; only
# views that check permissions read them (ecosysteem/documenten.py).
PRIVATE_MEDIA_ROOT = env.path("DJANGO_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
# A report still pending after this many seconds is shown as failed, with a retry button.
RAPPORT_MAX_WACHTTIJD = env.int("RAPPORT_MAX_WACHTTIJD", default=600)

# The national school register the portal ships (DUO open data, see partners/data/README.md).
SCHOLENREGISTER_STANDAARD = BASE_DIR / "partners" / "data" / "scholen-2024.geo.json.gz"

# Background tiles of the public network map (an XYZ address with {z}/{x}/{y}); empty shows
# the markers on a plain background, as in tests and on machines without internet.
KAART_TEGELS_URL = env(
    "KAART_TEGELS_URL",
    default="https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
KAART_TEGELS_BRON = env("KAART_TEGELS_BRON", default="Kaartgegevens © Kadaster")

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="regioportaal@localhost")
# The portal's own address (scheme and host, no trailing slash), for links in e-mails.
SITE_URL = env("DJANGO_SITE_URL", default="")

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="")
# Without a broker the demo still works: tasks then run in the calling process.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A step queues its e-mails after its commit (ecosysteem/outbox.py) and must not wait on a
# broker that is down. By default a publish retries (about 0.6 s) and kombu retries the
# connection for ``connect_timeout`` and then sleeps 2 s; here one attempt (max_retries 0),
# no publish retry, and short socket timeouts, so an unreachable Redis fails the publish
# at once (refused) or within a second (no answer) instead of hanging. What was not queued
# is queued again by the outbox's beat task. The worker's own connection keeps retrying
# (broker_connection_retry, broker_connection_max_retries).
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 0,
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
}
# The same for the result backend, for tasks whose result is kept (the outbox's are not:
# with results, a publish first subscribes to the result, which retried for ~20 s).
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
# The worker keeps trying to reach the broker when it starts before Redis does.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"eenvoudig": {"format": "{levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "eenvoudig"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# ---- Convenant: reminder before a collaboration agreement expires ------------------------
from celery.schedules import crontab  # noqa: E402  (kept inside this block on purpose)

# How many days before an agreement's end date its programme managers get one e-mail.
CONVENANT_HERINNERING_DAGEN = env.int("CONVENANT_HERINNERING_DAGEN", default=60)
# Celery beat runs the check once a day, in the morning so the mail is read the same day;
# each agreement is reminded about once (the reminder is an audit event whose e-mails go
# through the outbox).
CELERY_BEAT_SCHEDULE = {
    "herinner-verlopende-convenanten": {
        "task": "regios.tasks.herinner_verlopende_convenanten",
        "schedule": crontab(hour=7, minute=0),
    },
    # E-mails whose task never reached the worker (the broker was down) or whose retries
    # ran out are queued again; see ecosysteem/outbox.py.
    "verstuur-uitgaande-emails": {
        "task": "ecosysteem.outbox.zet_onverstuurde_in_wachtrij",
        "schedule": crontab(minute="*/5"),
    },
}

# Results of a collaboration scan round appear only from this many respondents on
# (anonymity); values below 3 are not sensible.
SCAN_MINIMUM_RESPONDENTEN = max(3, env.int("SCAN_MINIMUM_RESPONDENTEN", default=3))

# ---- Registrations of partners and how long personal data is kept (AVG) -----------------
# Registrations per client address and region within an hour (regios/services/aanmelding.py).
AANMELDING_MAX_PER_UUR = env.int("AANMELDING_MAX_PER_UUR", default=5)
# The confirmation link is valid this many days; an unconfirmed registration is removed,
# with its personal data, once it has expired.
AANMELDING_BEVESTIGEN_DAGEN = env.int("AANMELDING_BEVESTIGEN_DAGEN", default=7)
# A rejected registration is removed this many days after the decision.
BEWAARTERMIJN_AFGEWEZEN_AANMELDING_DAGEN = env.int(
    "BEWAARTERMIJN_AFGEWEZEN_AANMELDING_DAGEN", default=90
)
# An e-mail of the outbox (address, text with its links) is removed this many days after it
# was written, sent or not.
BEWAARTERMIJN_EMAIL_DAGEN = env.int("BEWAARTERMIJN_EMAIL_DAGEN", default=90)
# Where people send questions and requests about their personal data (the privacy page).
# Required in production; never the no-reply sender.
PRIVACY_CONTACT_EMAIL = env("PRIVACY_CONTACT_EMAIL", default="")
# Once a night the retention periods above are applied (also: manage.py pas_bewaartermijnen_toe).
CELERY_BEAT_SCHEDULE["pas-bewaartermijnen-toe"] = {
    "task": "regios.tasks.pas_bewaartermijnen_toe",
    "schedule": crontab(hour=3, minute=30),
}
