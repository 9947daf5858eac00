"""What every app's API shares: token authentication, throttling per token, pagination,
permission checks through the registered rules, errors as the pages word them, the
schema and its documentation page. The resources themselves live in ``<app>/api.py``."""
