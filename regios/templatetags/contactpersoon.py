"""Template helpers for the pages of partners' contact persons."""

from django import template

from ..models import Rolsoort
from ..rules import regiorollen

register = template.Library()


@register.filter
def is_contactpersoon(user) -> bool:
    """Whether the user is now the contact person of a partner in some region. Reads the
    roles the request has already loaded (``regiorollen``), so it costs no query there."""
    return any(Rolsoort.CONTACTPERSOON in soorten for soorten in regiorollen(user).values())
