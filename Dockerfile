FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=ecosysteem.settings.production

# Pango and fonts for WeasyPrint's PDF reports; gettext for translations; pg_dump and
# pg_restore (PostgreSQL 15, as the db service) for scripts/backup.sh and restore.sh.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       fonts-dejavu-core gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
RUN DJANGO_SECRET_KEY=alleen-voor-collectstatic-bij-het-bouwen-van-de-container-abcdefghijkl \
    DATABASE_URL=sqlite:////tmp/bouw.sqlite3 DJANGO_EMAIL_HOST=localhost \
    CELERY_BROKER_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --no-input

RUN mkdir -p /app/media /app/private-media \
    && useradd --system --uid 1000 portaal && chown -R portaal /app
USER portaal
# Only the proxy of docker-compose.yml reaches this port; it is not published on the host.
EXPOSE 8000
CMD ["gunicorn", "ecosysteem.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
