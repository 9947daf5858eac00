"""Throttling: per token for machine clients, per address for anonymous visitors of the
public endpoints. The rates are settings (``API_TOKEN_LIMIET``, ``API_ANONIEM_LIMIET``)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from ..models import Apitoken


class PerToken(SimpleRateThrottle):
    scope = "token"

    def get_rate(self):
        return settings.API_TOKEN_LIMIET

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, Apitoken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class PerAnoniemAdres(SimpleRateThrottle):
    scope = "anoniem"

    def get_rate(self):
        return settings.API_ANONIEM_LIMIET

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
