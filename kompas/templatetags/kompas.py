"""Template filters for the compass pages: cleaned rich text and safe links."""

from urllib.parse import urlsplit

from django import template
from django.utils.safestring import mark_safe

from kompas.sanering import schoon_html, veilige_link

register = template.Library()


@register.filter
def schoon(tekst) -> str:
    """{{ tekst|schoon }}: the rich text of a factsheet, cleaned again on the way out,
    so whatever the database holds, only the safe subset of HTML reaches the page."""
    # Safe to mark: nh3 has just removed everything outside the allowed subset.
    return mark_safe(schoon_html(tekst))


@register.filter
def veilig(adres) -> str:
    """{{ link|veilig }}: an http(s) or mailto address, or an empty string."""
    return veilige_link(adres)


@register.filter
def domein(adres) -> str:
    """{{ link|domein }}: a short link text: the host without "www.", or for a mailto
    link the e-mail address."""
    delen = urlsplit(veilige_link(adres))
    if delen.scheme.lower() == "mailto":
        return delen.path
    return (delen.hostname or "").removeprefix("www.")
