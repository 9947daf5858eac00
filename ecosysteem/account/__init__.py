"""Accounts: logging in (lock-out, second factor), passwords and confirming a login again.

Shared by every app, so here in ecosysteem; it imports no app. Invitations of people with a
role in a region are the regions' (``regios.services.uitnodiging``), and use the link and
the pages of this package.
"""
