"""The shared layout and the pages every visitor sees: home, login, errors, statements."""

import re

import pytest
from django.contrib import messages
from django.core.paginator import Paginator
from django.template import Context, Template, engines
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from regios.models import Tijdvak
from tests.factories import GebruikerFactory, RegioFactory, TijdvakFactory

WACHTWOORD = "geheim-wachtwoord-123"


def html(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_home_page_is_dutch_with_a_skip_link_to_the_main_region(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    pagina = html(response)
    assert '<html lang="nl" class="rhc-theme">' in pagina
    # The skip link is the first link in the body and its target exists.
    body = pagina.split("<body", 1)[1]
    eerste_link = re.search(r'<a [^>]*href="([^"]+)"', body)
    assert eerste_link.group(1) == "#inhoud"
    assert 'class="nl-skip-link' in eerste_link.group(0)
    assert '<main id="inhoud"' in pagina
    assert "Direct naar de inhoud" in pagina


@pytest.mark.django_db
def test_home_page_lists_every_period_with_its_number_of_regions(client):
    eerste = Tijdvak.objects.get(code="tijdvak-1")
    tweede = TijdvakFactory(code="tijdvak-2")
    RegioFactory.create_batch(3, tijdvak=eerste)
    RegioFactory(tijdvak=tweede)

    response = client.get(reverse("home"))

    pagina = html(response)
    rijen = re.findall(
        r'<th class="utrecht-table__header-cell" scope="row">(.*?)</th>\s*'
        r"<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>",
        pagina,
    )
    per_tijdvak = {naam: aantal for naam, _jaren, aantal in rijen}
    assert per_tijdvak[eerste.naam] == "3"
    assert per_tijdvak[tweede.naam] == "1"
    assert "2025/26, 2026/27, 2027/28" in pagina
    assert '<th class="utrecht-table__header-cell" scope="col">Tijdvak</th>' in pagina


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_periods_and_regions(
    client, django_assert_num_queries
):
    for tijdvak in Tijdvak.objects.all():
        RegioFactory.create_batch(2, tijdvak=tijdvak)
    TijdvakFactory(code="tijdvak-extra", eerste_schooljaar=2028)

    # One query: the periods with their region count as an annotation.
    with django_assert_num_queries(1):
        response = client.get(reverse("home"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_home_page_offers_login_to_visitors_and_names_a_logged_in_user(client):
    assert 'href="/inloggen/"' in html(client.get(reverse("home")))

    gebruiker = GebruikerFactory(first_name="Fatima", last_name="El Amrani")
    client.force_login(gebruiker)
    pagina = html(client.get(reverse("home")))

    assert "Fatima El Amrani" in pagina
    uitloggen = re.search(r'<form[^>]*action="/uitloggen/"[^>]*>(.*?)</form>', pagina, re.S)
    assert 'method="post"' in uitloggen.group(0)
    assert 'name="csrfmiddlewaretoken"' in uitloggen.group(1)
    assert 'href="/inloggen/"' not in pagina


@pytest.mark.django_db
def test_main_menu_marks_the_current_page(client):
    pagina = html(client.get(reverse("home")))

    assert re.search(
        r'<a class="nl-link rhc-nav-bar__link" href="/" aria-current="page">Home</a>', pagina
    )
    assert 'href="/inloggen/" aria-current' not in pagina


@pytest.mark.django_db
def test_every_page_sends_the_csrf_token_with_htmx_requests(client):
    pagina = html(client.get(reverse("home")))

    assert re.search(r"""<body[^>]*hx-headers='\{"X-CSRFToken": "[A-Za-z0-9]{32,}"\}'""", pagina)
    assert re.search(r'<script src="/static/vendor/htmx.org/htmx.min.js" defer>', pagina)


@pytest.mark.django_db
def test_footer_links_to_the_privacy_and_accessibility_statements(client):
    pagina = html(client.get(reverse("home")))

    assert 'href="/privacy/"' in pagina
    assert 'href="/toegankelijkheid/"' in pagina
    assert "Over Techkwadraat" in pagina


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("naam", "kop"),
    [("privacy", "Privacyverklaring"), ("toegankelijkheid", "Toegankelijkheidsverklaring")],
)
def test_statement_pages_have_a_heading_and_a_breadcrumb_home(client, naam, kop):
    response = client.get(reverse(naam))

    assert response.status_code == 200
    pagina = html(response)
    assert f'<h1 class="nl-heading nl-heading--level-1">{kop}</h1>' in pagina
    kruimelpad = re.search(r'<nav class="utrecht-breadcrumb-nav"[^>]*>(.*?)</nav>', pagina, re.S)
    assert 'href="/">Home</a>' in kruimelpad.group(1)
    assert 'aria-current="page">' + kop in kruimelpad.group(1)


@pytest.mark.django_db
def test_login_page_renders_the_form_with_labels(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    pagina = html(response)
    assert '<label class="utrecht-form-label" for="id_username">' in pagina
    assert '<label class="utrecht-form-label" for="id_password">' in pagina
    assert re.search(
        r'<input[^>]*class="utrecht-textbox utrecht-textbox--html-input"[^>]*'
        r'id="id_username"',
        pagina,
    )
    assert "Er is een probleem" not in pagina


@pytest.mark.django_db
def test_login_with_the_right_password_goes_to_my_regions_logged_in(client):
    gebruiker = GebruikerFactory(username="pieter")

    response = client.post(reverse("login"), {"username": "pieter", "password": WACHTWOORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("subsidie:mijn_regio")
    assert int(client.session["_auth_user_id"]) == gebruiker.pk


@pytest.mark.django_db
def test_login_with_a_wrong_password_shows_a_dutch_error_summary(client):
    GebruikerFactory(username="pieter")

    response = client.post(reverse("login"), {"username": "pieter", "password": "onjuist"})

    assert response.status_code == 200
    pagina = html(response)
    assert "<title>Fout: Inloggen" in pagina
    assert "Er is een probleem met het formulier" in pagina
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in pagina
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_with_empty_fields_marks_each_field_invalid_and_links_to_it(client):
    response = client.post(reverse("login"), {"username": "", "password": ""})

    pagina = html(response)
    assert "Er zijn 2 problemen met het formulier" in pagina
    assert '<a class="nl-link" href="#id_username">Gebruikersnaam: Dit veld is verplicht.</a>' in (
        pagina
    )
    veld = re.search(r'<input[^>]*id="id_username"[^>]*>', pagina).group(0)
    assert 'aria-invalid="true"' in veld
    assert 'aria-describedby="id_username_error"' in veld
    assert 'class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--invalid"' in veld
    assert 'id="id_username_error"' in pagina


@pytest.mark.django_db
def test_unknown_address_gives_a_dutch_404_page_in_the_layout(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    pagina = html(response)
    assert "Pagina niet gevonden" in pagina
    assert '<html lang="nl" class="rhc-theme">' in pagina
    assert '<main id="inhoud"' in pagina


@pytest.mark.django_db
def test_403_page_is_dutch(rf):
    from django.views.defaults import permission_denied

    request = rf.get("/geheim/")
    request.user = GebruikerFactory()
    response = permission_denied(request, exception=None)

    assert response.status_code == 403
    assert "Geen toegang" in html(response)


def test_500_page_renders_without_request_context_or_database():
    # Django renders 500.html with an empty context; no database access is allowed here
    # (pytest-django would fail the test on a query without the django_db mark).
    pagina = render_to_string("500.html")

    assert "Er ging iets mis" in pagina
    assert '<html lang="nl" class="rhc-theme">' in pagina
    assert "Uitloggen" not in pagina
    assert "Inloggen" not in pagina


def test_messages_render_as_alerts_with_a_role_fitting_their_level():
    berichten = [
        messages.storage.base.Message(messages.SUCCESS, "Het dossier is opgeslagen."),
        messages.storage.base.Message(messages.ERROR, "Het dossier kon niet worden ingediend."),
    ]

    pagina = render_to_string("partials/berichten.html", {"messages": berichten}, request=None)

    assert re.search(r'class="utrecht-alert utrecht-alert--ok" role="status"', pagina)
    assert re.search(r'class="utrecht-alert utrecht-alert--error" role="alert"', pagina)
    assert "Het dossier is opgeslagen." in pagina


def test_table_partial_uses_caption_and_header_scopes():
    pagina = render_to_string(
        "partials/tabel.html",
        {
            "bijschrift": "Regio's per provincie",
            "kolommen": ["Provincie", "Regio's"],
            "rijen": [["Groningen", 3], ["Limburg", 1]],
            "numeriek": [1],
        },
    )

    assert '<caption class="utrecht-table__caption" id="tabel-bijschrift">' in pagina
    assert pagina.count('scope="col"') == 2
    assert '<th class="utrecht-table__header-cell" scope="row">Groningen</th>' in pagina
    assert "utrecht-table__cell--numeric-column" in pagina


def test_table_partial_says_so_when_there_are_no_rows():
    pagina = render_to_string(
        "partials/tabel.html", {"bijschrift": "Regio's", "kolommen": ["Naam"], "rijen": []}
    )

    assert "Er is nog niets om te tonen." in pagina


def test_pagination_keeps_other_parameters_and_marks_the_current_page():
    request = RequestFactory().get("/regios/", {"provincie": "Groningen", "page": "3"})
    pagina_obj = Paginator(range(100), 10).page(3)

    pagina = render_to_string("partials/paginering.html", {"pagina": pagina_obj}, request=request)

    assert '<nav class="ams-pagination portaal-paginering" aria-label="Paginering">' in pagina
    assert 'href="?provincie=Groningen&amp;page=2" rel="prev"' in pagina
    assert 'href="?provincie=Groningen&amp;page=4" rel="next"' in pagina
    huidig = re.search(r'<a [^>]*aria-current="page">(.*?)</a>', pagina).group(1)
    assert huidig.endswith("3")
    assert "…" in pagina


def test_pagination_is_absent_for_a_single_page():
    request = RequestFactory().get("/regios/")
    pagina = render_to_string(
        "partials/paginering.html", {"pagina": Paginator(range(5), 10).page(1)}, request=request
    )

    assert "<nav" not in pagina


def test_form_partial_describes_fields_and_marks_optional_ones():
    from django import forms

    class Aanmelding(forms.Form):
        naam = forms.CharField(label="Naam van de organisatie")
        website = forms.URLField(
            label="Website", required=False, help_text="Begin met https://", assume_scheme="https"
        )
        akkoord = forms.BooleanField(label="Ik ga akkoord")

    form = Aanmelding(data={"naam": "", "website": "geen adres", "akkoord": ""})
    pagina = render_to_string("partials/formulier.html", {"form": form, "knoptekst": "Aanmelden"})

    assert "Er zijn 3 problemen met het formulier" in pagina
    assert 'href="#id_website">Website: Voer een geldige URL in.</a>' in pagina
    website = re.search(r'<input[^>]*id="id_website"[^>]*>', pagina).group(0)
    assert 'aria-describedby="id_website_helptext id_website_error"' in website
    assert 'id="id_website_helptext"' in pagina
    assert "(niet verplicht)" in re.search(r'for="id_website">(.*?)</label>', pagina, re.S).group(1)
    assert "(niet verplicht)" not in re.search(r'for="id_naam">(.*?)</label>', pagina, re.S).group(
        1
    )
    akkoord = re.search(r'<input[^>]*id="id_akkoord"[^>]*>', pagina).group(0)
    assert 'type="checkbox"' in akkoord
    assert "utrecht-checkbox" in akkoord
    assert ">Aanmelden</button>" in pagina


def test_form_partial_groups_choices_in_a_fieldset_with_a_legend():
    from django import forms

    class Keuze(forms.Form):
        rol = forms.ChoiceField(
            label="Rol in de regio",
            choices=[("partner", "Partner"), ("penvoerder", "Penvoerder")],
            widget=forms.RadioSelect,
            help_text="De penvoerder dient de aanvraag in.",
        )

    pagina = render_to_string("partials/formuliervelden.html", {"form": Keuze(data={})})

    fieldset = re.search(r"<fieldset[^>]*>", pagina).group(0)
    assert 'aria-describedby="id_rol_helptext id_rol_error"' in fieldset
    assert re.search(r"<legend[^>]*>\s*Rol in de regio", pagina)
    opties = re.findall(r'<input type="radio"[^>]*>', pagina)
    assert len(opties) == 2
    assert all("utrecht-radio-button--html-input" in optie for optie in opties)
    # The classes belong on the inputs only, not on a wrapper around them.
    assert not re.search(r'<div[^>]*class="utrecht-radio-button', pagina)
    assert '<label class="utrecht-form-label utrecht-form-label--radio" for="id_rol_1">' in pagina


def test_templates_load_without_syntax_errors():
    engine = engines["django"]
    for naam in [
        "base.html",
        "home.html",
        "404.html",
        "403.html",
        "500.html",
        "privacy.html",
        "toegankelijkheid.html",
        "registration/login.html",
    ]:
        engine.get_template(naam)
    assert Template("{% load portaal %}").render(Context()) == ""
