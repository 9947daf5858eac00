"""Template helpers of the account pages."""

from django import template
from django.conf import settings

from ecosysteem.account.herbevestiging import recent_bevestigd

register = template.Library()


@register.simple_tag(takes_context=True)
def herbevestiging_nodig(context) -> bool:
    """Whether a step behind :class:`~ecosysteem.account.herbevestiging.VereistHerbevestiging`
    will first ask for the password and code again (to say so next to its button)."""
    request = context.get("request")
    return request is not None and not recent_bevestigd(request)


@register.simple_tag
def herbevestiging_minuten() -> int:
    return settings.HERBEVESTIGING_MINUTEN
