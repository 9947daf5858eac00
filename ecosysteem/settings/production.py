"""Productie: alles uit de omgeving, veilige standaarden, geen terugvalwaarden voor geheimen."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import VERTROUWDE_PROXIES, env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY moet minstens 50 tekens lang en willekeurig zijn."
    )
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)

# Links in e-mails must work outside the portal, so its address is required.
SITE_URL = env("DJANGO_SITE_URL").rstrip("/")

# Where people ask about their personal data: a mailbox somebody reads, never the sender.
PRIVACY_CONTACT_EMAIL = env("PRIVACY_CONTACT_EMAIL")
if PRIVACY_CONTACT_EMAIL.strip().lower() == DEFAULT_FROM_EMAIL.strip().lower():  # noqa: F405
    raise ImproperlyConfigured(
        "PRIVACY_CONTACT_EMAIL moet een adres zijn dat iemand leest, niet de afzender "
        "DJANGO_DEFAULT_FROM_EMAIL."
    )
# Where people ask everything else (help page, refusals): likewise a mailbox somebody reads.
CONTACT_EMAIL = env("CONTACT_EMAIL")
if CONTACT_EMAIL.strip().lower() == DEFAULT_FROM_EMAIL.strip().lower():  # noqa: F405
    raise ImproperlyConfigured(
        "CONTACT_EMAIL moet een adres zijn dat iemand leest, niet de afzender "
        "DJANGO_DEFAULT_FROM_EMAIL."
    )

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("DJANGO_EMAIL_HOST")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=587)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=True)

CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# The TLS proxy tells the portal that the visitor came over HTTPS; only believed when a proxy
# of ours is there to set (and overwrite) that header. The proxy passes the Host header on
# unchanged, so X-Forwarded-Host is not needed and not believed.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if VERTROUWDE_PROXIES else None
USE_X_FORWARDED_HOST = False
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Joining the browsers' preload list is hard to undo, so it is a choice made per deployment.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
