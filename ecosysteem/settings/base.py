"""Instellingen die voor elke omgeving gelden. Alles wat per omgeving verschilt of geheim is,
komt uit omgevingsvariabelen."""

from pathlib import Path
from urllib.parse import urlsplit

import django
import environ
from csp.constants import NONE, SELF
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
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    # Two-factor login: an authenticator app (TOTP) and single-use backup codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ecosysteem",
    "partners",
    "regios",
    "subsidie",
    "kompas",
    # Lock-out after repeated failed logins; last, as its documentation asks.
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The headers of every response, static files included (whitenoise answers those next).
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether the session passed the second factor, and where someone who still has to
    # (set up or enter) it is sent: see ecosysteem/account/middleware.py.
    "ecosysteem.account.middleware.TweestapsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ecosysteem.middleware.GeenOpslagVoorIngelogden",
    "ecosysteem.middleware.SessieVerloop",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Turns a locked-out login into the lock-out page; last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo on SQLite: a write waits up to 20 s for another one to finish instead of
    # failing with "database is locked". A transaction takes the write lock when it begins
    # (IMMEDIATE): one that first reads and then writes can otherwise not wait, because
    # SQLite cannot upgrade its read lock while another writes. WAL lets pages be read
    # while someone writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "ecosysteem.Gebruiker"
AUTHENTICATION_BACKENDS = [
    # First: refuses a login for an account and address that are locked out (django-axes).
    "ecosysteem.account.inloggen.Inlogbeperking",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Django's own checks with the portal's Dutch messages (Django's Dutch catalogue lacks some
# of them): ecosysteem/account/wachtwoorden.py.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "ecosysteem.account.wachtwoorden.LijktOpGegevens"},
    {
        "NAME": "ecosysteem.account.wachtwoorden.MinimaleLengte",
        "OPTIONS": {"min_length": env.int("WACHTWOORD_MINIMALE_LENGTE", default=12)},
    },
    {"NAME": "ecosysteem.account.wachtwoorden.Veelgebruikt"},
    {"NAME": "ecosysteem.account.wachtwoorden.AlleenCijfers"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "subsidie:mijn_regio"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "nl"
# Dutch only until the English catalogue exists: serving Dutch text under lang="en" would
# mislead screen readers. Add LocaleMiddleware back together with locale/en.
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
# Django's own Dutch catalogue after the project's: an installed app's catalogue (Django REST
# framework's says "Dit veld is vereist.") would otherwise override Django's wording of the
# messages both define ("Dit veld is verplicht.") on every form. Messages only the API's
# packages know still come from their catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", Path(django.__file__).resolve().parent / "conf" / "locale"]
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
# Reports and exports older than this many days are removed by beat (they can be made
# again); the PDF of a sent decision letter is kept.
RAPPORT_BEWAARDAGEN = env.int("RAPPORT_BEWAARDAGEN", default=30)

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

# ---- Behind proxies -----------------------------------------------------------------------
# How many proxies of our own stand in front of the portal (the TLS proxy of
# docker-compose.yml counts as one). Their X-Forwarded-For entries are believed, nothing the
# visitor sends beyond them (ecosysteem/netwerk.py). 0: no proxy, REMOTE_ADDR is the visitor.
VERTROUWDE_PROXIES = env.int("VERTROUWDE_PROXIES", default=0)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# ---- Sessions: an idle timeout and an absolute lifetime (ecosysteem/middleware.py) --------
SESSIE_INACTIEF_MINUTEN = env.int("SESSIE_INACTIEF_MINUTEN", default=30)
SESSIE_MAXIMAAL_UREN = env.int("SESSIE_MAXIMAAL_UREN", default=12)
# The cookie and the stored session do not outlive the absolute lifetime either, and the
# cookie goes when the browser closes.
SESSION_COOKIE_AGE = SESSIE_MAXIMAAL_UREN * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# ---- Content-Security-Policy (django-csp) ------------------------------------------------
# Scripts and styles only from the portal's own static files: no inline script, no inline
# style, no eval. htmx is told not to add its own <style> (templates/base.html). The map's
# tiles come from the tile server, if one is configured. A sent decision letter is a
# document of its own with its own policy (subsidie/brieven.py).
_tegels = urlsplit(KAART_TEGELS_URL)
KAART_TEGELS_HERKOMST = f"{_tegels.scheme}://{_tegels.netloc}" if _tegels.netloc else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([KAART_TEGELS_HERKOMST] if KAART_TEGELS_HERKOMST else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# ---- Permissions-Policy (django-permissions-policy) --------------------------------------
# The portal uses no camera, microphone, location or sensors, so no page (nor anything it
# might embed) may ask for them.
PERMISSIONS_POLICY = {
    functie: []
    for functie in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"eenvoudig": {"format": "{levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "eenvoudig"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # django-axes logs every successful login at INFO; its lock-outs are warnings.
    "loggers": {"axes": {"level": "WARNING"}},
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
    "ruim-oude-rapporten-op": {
        "task": "subsidie.tasks.ruim_rapporten_op",
        "schedule": crontab(hour=4, minute=0),
    },
    "verstuur-uitgaande-emails": {
        "task": "ecosysteem.outbox.zet_onverstuurde_in_wachtrij",
        "schedule": crontab(minute="*/5"),
    },
}

# Results of a collaboration scan round appear only from this many respondents on
# (anonymity); values below 3 are not sensible.
SCAN_MINIMUM_RESPONDENTEN = max(3, env.int("SCAN_MINIMUM_RESPONDENTEN", default=3))

# ---- API (Django REST framework, django-filter, drf-spectacular) --------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ecosysteem.api.authenticatie.TokenAuthenticatie",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": [
        "ecosysteem.api.beperking.PerToken",
        "ecosysteem.api.beperking.PerAnoniemAdres",
    ],
    "DEFAULT_PAGINATION_CLASS": "ecosysteem.api.paginering.Paginering",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "ecosysteem.api.fouten.afhandeling",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": True,
}
# Requests per token, and per address for anonymous use of the public endpoints.
API_TOKEN_LIMIET = env("API_TOKEN_LIMIET", default="1000/hour")
API_ANONIEM_LIMIET = env("API_ANONIEM_LIMIET", default="120/hour")
# Throttling counts in the cache: give production a shared one (Redis) so every worker
# counts the same requests.
CACHES = {"default": env.cache("DJANGO_CACHE_URL", default="locmemcache://")}

SPECTACULAR_SETTINGS = {
    "TITLE": "Regioportaal Techkwadraat API",
    "DESCRIPTION": (
        "De API van het Regioportaal Techkwadraat. Regio's houden hiermee hun deelnemers, "
        "cofinanciering, begroting en activiteiten bij vanuit hun eigen administratie; het "
        "ministerie leest de cijfers en de stand van de beoordeling; iedereen leest de "
        "besluiten als open data. Log in met uw sessie (in de browser) of met een persoonlijke "
        "token uit Mijn tokens: `Authorization: Bearer <token>`. Schrijven gaat via dezelfde "
        "controles als de pagina's: geef de `versie` van het dossier mee die u het laatst las."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name get their own names in the schema.
    "ENUM_NAME_OVERRIDES": {
        "Organisatiesoort": "partners.models.Organisatiesoort",
        "Cofinancieringsoort": "partners.models.Cofinancieringsoort",
        "Schoolsoort": "partners.models.Schoolsoort",
        "Regiostatus": "regios.levenscyclus.Regiostatus",
        "Deelnamestatus": "regios.models.Deelnamestatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ecosysteem.api.schema.foutantwoorden",
    ],
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
}
# ---- Accounts: passwords, two-factor login, lock-out -------------------------------------
import datetime  # noqa: E402  (kept inside this block on purpose)

# How long a link to choose a password (invitation, forgotten password) stays valid. An
# expired link offers a new one on its own page.
PASSWORD_RESET_TIMEOUT = env.int("WACHTWOORDLINK_GELDIG_UREN", default=72) * 3600
# At most one such e-mail per account within this many minutes, however often it is asked
# for (the page says the same either way, so nobody learns whether an address has an
# account, and nobody can flood someone's mailbox).
WACHTWOORDLINK_WACHTTIJD_MINUTEN = env.int("WACHTWOORDLINK_WACHTTIJD_MINUTEN", default=5)

# Two-factor login (django-otp). The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Regioportaal Techkwadraat")
# The admin lists devices (an administrator removes a lost one, after which the person sets
# up a new app) but never shows their keys or QR codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Whether an account needs a second factor (ministry groups, staff) is kept in the session
# and read again from the database after this many minutes, so that a group given during a
# session takes effect without a query on every page.
TWEESTAPS_HERCONTROLE_MINUTEN = env.int("TWEESTAPS_HERCONTROLE_MINUTEN", default=5)
# Steps such as sending a decision ask for the password and the code again unless the
# person confirmed them (or logged in) this many minutes ago.
HERBEVESTIGING_MINUTEN = env.int("HERBEVESTIGING_MINUTEN", default=10)

# Lock-out (django-axes): after this many failed logins for one account from one address,
# that combination is refused until the cool-off has passed (or the password is reset by
# e-mail). Each failure and lock-out is kept (AccessAttempt, AccessFailureLog), each login
# and logout too (AccessLog); the admin shows them, the audit trail records the lock-out.
AXES_FAILURE_LIMIT = env.int("INLOG_MAX_POGINGEN", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("INLOG_BLOKKADE_MINUTEN", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The lock-outs are logged as warnings anyway; not every successful login at INFO.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "ecosysteem.account.inloggen.blokkadepagina"
# The client's address behind VERTROUWDE_PROXIES proxies. django-ipware's proxy count
# means something else (it expects the proxies' own addresses in X-Forwarded-For and
# answers no address at all for one ordinary proxy), so the portal reads it itself.
AXES_CLIENT_IP_CALLABLE = "ecosysteem.netwerk.client_adres"

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
# Where people send every other question about the portal (the help page, the 403 page,
# the accessibility statement). Required in production; never the no-reply sender.
CONTACT_EMAIL = env("CONTACT_EMAIL", default="")
# Once a night the retention periods above are applied (also: manage.py pas_bewaartermijnen_toe).
CELERY_BEAT_SCHEDULE["pas-bewaartermijnen-toe"] = {
    "task": "regios.tasks.pas_bewaartermijnen_toe",
    "schedule": crontab(hour=3, minute=30),
}
