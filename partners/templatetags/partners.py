"""Template helpers for the labels of the partners app."""

from django import template

from ..models import Schoolsoort

register = template.Library()


@register.filter(name="schoolsoort")
def schoolsoort_filter(code):
    """The Dutch label of a school type code (bao, sbo, vo, ...)."""
    try:
        return Schoolsoort(code).label
    except ValueError:
        return code
