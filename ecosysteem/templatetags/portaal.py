"""Template helpers for the shared layout: menu links, form fields, message alerts."""

import datetime

from django import forms, template
from django.contrib.messages import constants as message_constants
from django.urls import NoReverseMatch, reverse

from ecosysteem import opmaak
from ecosysteem.rechten import is_beheeraccount

register = template.Library()

# NL Design System alert types for Django's message levels. Warnings and errors interrupt
# a screen reader (role="alert"); the others are announced politely (role="status").
ALERTSOORTEN = {
    message_constants.DEBUG: ("info", "status"),
    message_constants.INFO: ("info", "status"),
    message_constants.SUCCESS: ("ok", "status"),
    message_constants.WARNING: ("warning", "alert"),
    message_constants.ERROR: ("error", "alert"),
}


@register.filter
def alertsoort(bericht) -> str:
    """The utrecht-alert modifier for a Django message: ``info``, ``ok``, ``warning``..."""
    return ALERTSOORTEN.get(bericht.level, ("info", "status"))[0]


@register.filter
def alertrol(bericht) -> str:
    """The ARIA role for a Django message: ``alert`` for problems, else ``status``."""
    return ALERTSOORTEN.get(bericht.level, ("info", "status"))[1]


@register.inclusion_tag("partials/menulink.html", takes_context=True)
def menulink(context, url_name: str, label: str, *args):
    """A main-menu link that carries aria-current="page" on the page it points to.

    The 500 page renders without a request, so a missing request simply marks nothing.
    """
    try:
        url = reverse(url_name, args=args)
    except NoReverseMatch:
        url = url_name
    request = context.get("request")
    huidig = request is not None and request.path == url
    return {"url": url, "label": label, "huidig": huidig}


def _css_klassen(veld) -> str:
    """The NL Design System classes for a bound field's widget."""
    widget = veld.field.widget
    fout = bool(veld.errors)
    if isinstance(widget, forms.Textarea):
        klassen = ["utrecht-textarea", "utrecht-textarea--html-textarea"]
        if fout:
            klassen.append("utrecht-textarea--invalid")
    elif isinstance(widget, forms.Select | forms.SelectMultiple) and not isinstance(
        widget, forms.RadioSelect | forms.CheckboxSelectMultiple
    ):
        klassen = ["utrecht-select", "utrecht-select--html-select"]
        if fout:
            klassen.append("utrecht-select--invalid")
    elif isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        klassen = ["utrecht-checkbox", "utrecht-checkbox--html-input", "utrecht-checkbox--custom"]
        if fout:
            klassen.append("utrecht-checkbox--invalid")
    elif isinstance(widget, forms.RadioSelect):
        klassen = ["utrecht-radio-button", "utrecht-radio-button--html-input"]
        if fout:
            klassen.append("utrecht-radio-button--invalid")
    elif isinstance(widget, forms.FileInput):
        klassen = []
    else:
        klassen = ["utrecht-textbox", "utrecht-textbox--html-input"]
        if fout:
            klassen.append("utrecht-textbox--invalid")
    eigen = widget.attrs.get("class", "")
    return " ".join([*klassen, eigen]).strip()


@register.simple_tag
def veldinvoer(veld):
    """Render a bound field's widget with the design system classes.

    Django itself adds ``aria-invalid`` and ``aria-describedby`` (pointing at
    ``<id>_helptext`` and ``<id>_error``), so the partial only has to use those ids.
    """
    return veld.as_widget(attrs={"class": _css_klassen(veld)})


@register.simple_tag
def keuzeinvoer(keuze, veld):
    """Render one option (radio button or checkbox) of a multiple-choice field.

    Django would put the classes on the wrapping element as well as on each option, so
    the options are rendered one by one with the classes on the inputs only.
    """
    data = {**keuze.data, "attrs": {**keuze.data["attrs"]}}
    data["attrs"]["class"] = _css_klassen(veld)
    if veld.errors:
        data["attrs"]["aria-invalid"] = "true"
    return type(keuze)(keuze.parent_widget, data, keuze.renderer).tag(wrap_label=False)


@register.filter
def is_vinkje(veld) -> bool:
    """True for a single checkbox, whose label goes after the box instead of above it."""
    return isinstance(veld.field.widget, forms.CheckboxInput)


@register.filter
def niet_verplicht(veld) -> bool:
    """Whether a field gets the "(niet verplicht)" mark: only when it may be left empty in
    every case, not when the form requires it in some (``voorwaardelijk_verplicht``)."""
    return not veld.field.required and not getattr(veld.field, "voorwaardelijk_verplicht", False)


@register.filter
def foutaantal(form) -> int:
    """The number of error messages of a form, over all fields and the form itself."""
    return sum(len(fouten) for fouten in form.errors.values())


@register.simple_tag
def paginabereik(pagina, aan_elke_kant: int = 2, aan_de_uiteinden: int = 1):
    """The page numbers around the current page, with ``…`` where a range is left out."""
    return list(
        pagina.paginator.get_elided_page_range(
            pagina.number, on_each_side=aan_elke_kant, on_ends=aan_de_uiteinden
        )
    )


@register.filter(name="is_beheerder")
def is_beheerder_filter(user) -> bool:
    """{% if request.user|is_beheerder %}: for notes meant for the portal's administrators
    only (such as the note on the co-financing rule), never shown to regions as rule text."""
    return is_beheeraccount(user)


@register.filter(name="euro")
def euro_filter(bedrag):
    """{{ bedrag|euro }} gives € 1.234,00."""
    return opmaak.euro(bedrag)


@register.filter(name="euro_rond")
def euro_rond_filter(bedrag):
    """{{ bedrag|euro_rond }} gives € 1.234 (no cents), for overviews."""
    return opmaak.euro(bedrag, centen=False)


@register.filter(name="datum")
def datum_filter(waarde):
    """{{ moment|datum }} gives 3 december 2026 (in the Dutch time zone)."""
    return opmaak.datum(waarde)


@register.filter(name="datumtijd")
def datumtijd_filter(waarde):
    """{{ moment|datumtijd }} gives 3 december 2026 14:05 (in the Dutch time zone)."""
    return opmaak.datumtijd(waarde)


@register.filter(name="postcode")
def postcode_filter(waarde):
    """{{ code|postcode }} gives 1442 AG."""
    return opmaak.postcode(waarde)


@register.filter(name="adres")
def adres_filter(ding):
    """{{ vestiging|adres }} gives "Dorpsstraat 1, 1442 AG Purmerend" without stray commas."""
    return opmaak.adres_van(ding)


@register.filter(name="met_kop")
def met_kop_filter(kop, toelichting):
    """{{ "Telt mee"|met_kop:reden }}: the verdict and its reason, the verdict said once."""
    return opmaak.met_kop(str(kop), str(toelichting or ""))


@register.filter(name="zonder_voorvoegsel")
def zonder_voorvoegsel_filter(naam, woord):
    """{{ titel|zonder_voorvoegsel:"convenant" }} after "het convenant" in a sentence."""
    return opmaak.zonder_voorvoegsel(str(naam or ""), str(woord))


@register.filter(name="getal")
def getal_filter(aantal):
    return opmaak.getal(aantal)


@register.filter(name="isodatum")
def isodatum_filter(tekst):
    """A date stored as ISO text in frozen JSON (``2026-01-31``) as a date, so that
    ``|isodatum|date:"j F Y"`` shows it in Dutch; anything else is returned as it is."""
    try:
        return datetime.date.fromisoformat(tekst)
    except (TypeError, ValueError):
        return tekst
