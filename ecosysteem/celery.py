"""Celery-applicatie van het portaal.

Zonder broker (demo en ontwikkeling) draaien taken direct in het webproces; zie
``CELERY_TASK_ALWAYS_EAGER`` in de instellingen.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecosysteem.settings.dev")

app = Celery("ecosysteem")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
