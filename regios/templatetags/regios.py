"""Template helpers for the labels of the regions app."""

from django import template

from partners.models import Aanmeldingstatus

from ..models import Regiostatus

register = template.Library()


@register.filter(name="statuslabel")
def statuslabel_filter(code):
    """The Dutch label of a status code in the audit trail (of a dossier or of a partner's
    registration); an unknown code is shown as it is."""
    for keuzes in (Regiostatus, Aanmeldingstatus):
        if code in keuzes.values:
            return keuzes(code).label
    return code
