"""Who may open and use the pages of registration, review and decision: every such URL,
found from the URL configuration, against every role. A URL that is added without an
entry in the table below makes the first test fail, so no page escapes the check."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import ecosysteem.account.urls
import ecosysteem.views_tokens
import regios.views.aanmelding
import regios.views.regiolijst
import regios.views.uitnodigen
import subsidie.views.aanmeldingen
import subsidie.views.beoordeling
import subsidie.views.contact
import subsidie.views.hulp
import subsidie.views.ministerie
import subsidie.views.privacy
import subsidie.views.rapporten
from ecosysteem.models import Gebeurtenis
from ecosysteem.rollen import BEHEERDERS, BEOORDELAARS, BESLUITVORMERS
from ecosysteem.tokens import maak_token
from kompas.models import Activiteit, Kompaspunt
from partners.models import Aanmelding, Aanmeldingstatus, Koppelverzoek
from regios.models import Deelname, Rol, Rolsoort
from subsidie.models import (
    Begrotingsregel,
    Beoordelingscriterium,
    Besluit,
    Cofinanciering,
    Rapport,
    Rapportstatus,
)
from subsidie.services import dien_in
from subsidie.services.beoordeling import (
    leg_beoordeling_vast,
    neem_besluit,
    verstuur_besluit,
    wijs_beoordelaar_toe,
)
from tests.dossiers import compleet_dossier, leeg_dossier
from tests.factories import GebruikerFactory, PersoonFactory

pytestmark = pytest.mark.django_db

ROLLEN = (
    "anoniem",
    "contactpersoon",
    "projectleider",
    "programmamanager",
    "pm_andere_regio",
    "beoordelaar",
    "besluitvormer",
    "beheerder",
)
REGIO = ("contactpersoon", "projectleider", "programmamanager", "pm_andere_regio")
MINISTERIE = ("beoordelaar", "besluitvormer", "beheerder")
LOGIN = 302
# A step whose time has not come: back to the review with the reason (302, not to login).
TERUG = "terug"


def verwacht(standaard: int, **afwijkend: int) -> dict[str, int]:
    tabel = dict.fromkeys(ROLLEN, standaard)
    tabel.update(afwijkend)
    return tabel


def alleen_ministerie(**afwijkend) -> dict[str, int]:
    return verwacht(403, anoniem=LOGIN, **{**dict.fromkeys(MINISTERIE, 200), **afwijkend})


def dossierpagina(**afwijkend) -> dict[str, int]:
    """A page of the region's own dossier: outsiders (reviewers and decision makers too:
    they read the submission on their own pages) get 404; the region's readers get 200, and
    so does the administrator, who is a superuser."""
    return verwacht(
        404,
        **{
            "anoniem": LOGIN,
            "projectleider": 200,
            "programmamanager": 200,
            "beheerder": 200,
            **afwijkend,
        },
    )


API_NIET_INGELOGD = 401
API_OPENBAAR = (
    "api:schema",
    "api:documentatie",
    "api:school-list",
    "api:school-detail",
    "api:tijdvak-list",
    "api:tijdvak-detail",
    "api:open_besluiten",
    "api:open_besluiten_csv",
    "api:netwerk",
)
API_DOSSIER = (
    "api:deelname-list",
    "api:deelname-detail",
    "api:cofinanciering-list",
    "api:cofinanciering-detail",
    "api:begrotingsregel-list",
    "api:begrotingsregel-detail",
    "api:activiteit-list",
    "api:activiteit-detail",
    "api:berekening",
    "api:scan",
)
# Writes of the API: the programme manager and an administrator (on this submitted dossier
# the service then refuses with the dossier's reason; the writes are tested in tests/api).
API_SCHRIJVERS = {"programmamanager", "beheerder"}


def api_dossier(**afwijkend) -> dict[str, int]:
    """A part of the live dossier through the API: as the dossier's pages, with 401."""
    return dossierpagina(anoniem=API_NIET_INGELOGD, **afwijkend)


def api_patronen():
    """The API's URL patterns (name and the names of their arguments), from the URLconf."""

    def doorloop(patronen):
        for patroon in patronen:
            if isinstance(patroon, URLResolver):
                yield from doorloop(patroon.url_patterns)
            elif isinstance(patroon, URLPattern) and patroon.name:
                yield patroon.name, list(patroon.pattern.regex.groupindex)

    _prefix, resolver = get_resolver().namespace_dict["api"]
    return list(doorloop(resolver.url_patterns))


# Approving and rejecting are buttons on the partners page: POST only.
ALLEEN_POST = {"projectleider": 405, "programmamanager": 405, "beheerder": 405}


# What a GET returns, per URL name and role.
GET = {
    # The public registration pages: open to anyone, logged in or not.
    "regios:aanmelden": verwacht(200),
    "regios:aanmelding_scholen": verwacht(200),
    "regios:aanmelding_verzonden": verwacht(200),
    "regios:aanmelding_bevestigen": verwacht(400),  # the test's link is not a valid one
    # Finding one's way: the period's regions and the help page, public.
    "regios:regiolijst": verwacht(200),
    "subsidie:hulp": verwacht(200),
    # Passwords by e-mail: open to anyone (the test's link is not a valid one, so its page
    # offers a new link); asking for that new link is a POST.
    "account:wachtwoord_vergeten": verwacht(200),
    "account:wachtwoord_vergeten_verstuurd": verwacht(200),
    "account:wachtwoord_kiezen": verwacht(200),
    "account:wachtwoord_gekozen": verwacht(200),
    "account:nieuwe_link": verwacht(405),
    # One's own account. Ministry staff have an app (required); the others have none, so
    # the pages about an app send them on (to set one up, or back to their account).
    "account:overzicht": verwacht(200, anoniem=LOGIN),
    "account:wachtwoord_wijzigen": verwacht(200, anoniem=LOGIN),
    "account:herbevestigen": verwacht(200, anoniem=LOGIN),
    "account:tweestaps_instellen": verwacht(200, anoniem=LOGIN),
    "account:reservecodes": verwacht(TERUG, anoniem=LOGIN, **dict.fromkeys(MINISTERIE, 200)),
    # Required for the ministry: nothing to switch off; the others have nothing to switch off.
    "account:tweestaps_uitzetten": verwacht(TERUG, anoniem=LOGIN),
    # The login's second step: these sessions passed it already (or need none).
    "account:tweestaps_controleren": verwacht(TERUG, anoniem=LOGIN),
    # Inviting a person with a role: the programme manager (and the administrator); a
    # reader of the dossier is refused, outsiders are not told the region exists.
    "regios:account_uitnodigen": dossierpagina(projectleider=403),
    # Mijn organisatie: only the organisation's contact person (the pledge pages show, on
    # this submitted dossier, why the pledges cannot change).
    "subsidie:mijn_organisatie": verwacht(403, anoniem=LOGIN, contactpersoon=200),
    "subsidie:mijn_organisatie_gegevens": verwacht(403, anoniem=LOGIN, contactpersoon=200),
    "subsidie:mijn_toezegging_toevoegen": verwacht(403, anoniem=LOGIN, contactpersoon=200),
    "subsidie:mijn_toezegging_wijzigen": verwacht(403, anoniem=LOGIN, contactpersoon=200),
    "subsidie:mijn_toezegging_verwijderen": verwacht(403, anoniem=LOGIN, contactpersoon=200),
    # Deciding on someone's request to act for the organisation: its contact, POST only.
    "subsidie:koppelverzoek_goedkeuren": verwacht(403, anoniem=LOGIN, contactpersoon=405),
    "subsidie:koppelverzoek_afwijzen": verwacht(403, anoniem=LOGIN, contactpersoon=405),
    # Mijn gegevens: everyone who is logged in, about themselves only.
    "subsidie:mijn_gegevens": verwacht(200, anoniem=LOGIN),
    "subsidie:mijn_gegevens_download": verwacht(200, anoniem=LOGIN),
    "subsidie:mijn_gegevens_wissen": verwacht(200, anoniem=LOGIN),
    # The region's side: approving registrations and the timeline.
    "regios:partners": dossierpagina(),
    "subsidie:aanmelding_goedkeuren": dossierpagina(**ALLEEN_POST),
    "regios:aanmelding_afwijzen": dossierpagina(**ALLEEN_POST),
    "regios:tijdlijn": dossierpagina(),
    # The ministry's pages.
    "subsidie:ministerie_overzicht": alleen_ministerie(),
    "subsidie:ministerie_csv": alleen_ministerie(),
    "subsidie:ministerie_xlsx": alleen_ministerie(),
    "subsidie:wachtrij": alleen_ministerie(),
    "subsidie:beoordeling": alleen_ministerie(),
    "subsidie:beoordeling_stand": alleen_ministerie(),
    "subsidie:beoordeling_tijdlijn": alleen_ministerie(),
    "subsidie:beoordeling_toewijzen": alleen_ministerie(beheerder=403),
    # Only the assigned reviewer asks and assesses; only another decision maker decides.
    "subsidie:beoordeling_aanvulling": alleen_ministerie(besluitvormer=403, beheerder=403),
    "subsidie:beoordeling_beoordelen": alleen_ministerie(besluitvormer=403, beheerder=403),
    "subsidie:beoordeling_besluit": alleen_ministerie(beoordelaar=403, beheerder=403),
    # Reports (PDF) of the submitted version: its readers and the ministry; outsiders are
    # not told the region exists. Asking for one is POST only.
    "subsidie:rapport_maken": dossierpagina(**ALLEEN_POST, beoordelaar=405, besluitvormer=405),
    "subsidie:rapport_stand": dossierpagina(beoordelaar=200, besluitvormer=200),
    "subsidie:rapport_download": dossierpagina(beoordelaar=200, besluitvormer=200),
    # The decision letter: a draft lies ready; its summary and sending are the decision
    # maker's; correcting needs a sent decision (this dossier has none: back to the review).
    "subsidie:beoordeling_samenvatting": alleen_ministerie(beoordelaar=403, beheerder=403),
    "subsidie:beoordeling_versturen": alleen_ministerie(**dict.fromkeys(MINISTERIE, 405)),
    "subsidie:beoordeling_correctie": alleen_ministerie(
        beoordelaar=403, besluitvormer=TERUG, beheerder=403
    ),
    # The draft letter as a preview: every ministry reader.
    "subsidie:beoordeling_beschikking": alleen_ministerie(),
    # Mijn tokens: everyone signed in, for their own tokens; revoking is POST only.
    "api_tokens": verwacht(200, anoniem=LOGIN),
    "api_token_intrekken": verwacht(405, anoniem=LOGIN),
    # The API (session here; tokens in tests/api): 401 instead of the login page.
    **{naam: verwacht(200) for naam in API_OPENBAAR},
    "api:organisatie-list": verwacht(200, anoniem=API_NIET_INGELOGD),
    "api:organisatie-detail": verwacht(200, anoniem=API_NIET_INGELOGD, pm_andere_regio=404),
    "api:regio-list": verwacht(200, anoniem=API_NIET_INGELOGD),
    "api:regio-detail": verwacht(
        200, anoniem=API_NIET_INGELOGD, contactpersoon=404, pm_andere_regio=404
    ),
    **{naam: api_dossier() for naam in API_DOSSIER},
    # POST only (ending a participation; per role in tests/api/test_schrijven.py).
    "api:deelname-beeindigen": verwacht(405, anoniem=API_NIET_INGELOGD),
    # The submitted versions' documents: the region's readers and the ministry.
    "api:documenten": api_dossier(beoordelaar=200, besluitvormer=200),
    "api:beoordeling": verwacht(403, anoniem=API_NIET_INGELOGD, **dict.fromkeys(MINISTERIE, 200)),
    "api:wachtrij": verwacht(403, anoniem=API_NIET_INGELOGD, **dict.fromkeys(MINISTERIE, 200)),
}

# Who may write through a POST. Everyone else is refused (with the status of their GET, or
# 403 where they may read the page) and nothing is written. The steps themselves are
# tested in their own modules.
POST_TOEGESTAAN = {
    "subsidie:aanmelding_goedkeuren": {"programmamanager", "beheerder"},
    "subsidie:koppelverzoek_goedkeuren": {"contactpersoon"},
    "subsidie:koppelverzoek_afwijzen": {"contactpersoon"},
    "regios:aanmelding_afwijzen": {"programmamanager", "beheerder"},
    "subsidie:beoordeling_toewijzen": {"beoordelaar", "besluitvormer"},
    "subsidie:beoordeling_aanvulling": {"beoordelaar"},
    "subsidie:beoordeling_beoordelen": {"beoordelaar"},
    "subsidie:beoordeling_besluit": {"besluitvormer"},
    # Reading only: asking for a report writes no audit event (a download does).
    "subsidie:rapport_maken": {
        "projectleider",
        "programmamanager",
        "beheerder",
        "beoordelaar",
        "besluitvormer",
    },
    # Everyone logged in may ask for their own data to be erased.
    "subsidie:mijn_gegevens_wissen": set(ROLLEN) - {"anoniem"},
    "subsidie:beoordeling_versturen": {"besluitvormer"},
    "subsidie:beoordeling_correctie": {"besluitvormer"},
    "regios:account_uitnodigen": {"programmamanager", "beheerder"},
    "api_token_intrekken": {"programmamanager"},
    "api:deelname-list": API_SCHRIJVERS,
    "api:cofinanciering-list": API_SCHRIJVERS,
    "api:begrotingsregel-list": API_SCHRIJVERS,
    "api:activiteit-list": API_SCHRIJVERS,
}


def medewerker(*groepen, **velden):
    gebruiker = GebruikerFactory(**velden)
    for naam in groepen:
        gebruiker.groups.add(Group.objects.get(name=naam))
    return gebruiker


@pytest.fixture
def wereld():
    """A submitted dossier, assigned and assessed, so every step's page can open; a
    registration awaiting approval; and a person for every role."""
    d = compleet_dossier(naam="Techregio Toegang", slug="toegang")
    regio = d.regio
    bedrijf = Deelname.objects.filter(regio=regio, organisatie__soort="bedrijf").get()
    contact = GebruikerFactory()
    Rol.objects.create(
        regio=regio,
        persoon=PersoonFactory(gebruiker=contact, organisatie=bedrijf.organisatie),
        soort=Rolsoort.CONTACTPERSOON,
        namens=bedrijf.organisatie,
    )
    # A person with a role and no account yet, to be invited.
    zonder_account = PersoonFactory(organisatie=bedrijf.organisatie)
    Rol.objects.create(
        regio=regio,
        persoon=zonder_account,
        soort=Rolsoort.ONDERTEKENAAR,
        namens=bedrijf.organisatie,
    )
    aanmelding = Aanmelding.objects.create(
        regio=regio,
        status=Aanmeldingstatus.BEVESTIGD,
        soort="bedrijf",
        naam="Aangemeld Bedrijf",
        kvk_nummer="87654321",
        postcode="9712AB",
        plaats="Groningen",
        voornaam="Ada",
        achternaam="Bakker",
        email="ada@voorbeeld.nl",
        privacy_akkoord=True,
    )
    gebruikers = {
        "contactpersoon": contact,
        "projectleider": d.lid(Rolsoort.PROJECTLEIDER),
        "programmamanager": d.programmamanager,
        "pm_andere_regio": leeg_dossier().programmamanager,
        "beoordelaar": medewerker(BEOORDELAARS),
        "besluitvormer": medewerker(BESLUITVORMERS),
        "beheerder": medewerker(BEHEERDERS, is_staff=True, is_superuser=True),
    }
    dien_in(regio=regio, door=d.programmamanager)
    beoordelaar = gebruikers["beoordelaar"]
    wijs_beoordelaar_toe(regio=regio, beoordelaar=beoordelaar, door=beoordelaar)
    leg_beoordeling_vast(
        regio=regio,
        scores={
            c.code: (3, "Voldoende.")
            for c in Beoordelingscriterium.objects.filter(tijdvak=regio.tijdvak)
        },
        eindoordeel="Voldoende.",
        door=beoordelaar,
    )
    # A finished report of the submitted version (made here without rendering: the
    # rendering is tested in tests/subsidie/test_rapporten.py).
    rapport = Rapport.objects.create(
        regio=regio,
        soort="dossier",
        indiening=regio.indieningen.get(),
        inhoud_hash="0" * 64,
        status=Rapportstatus.KLAAR,
    )
    rapport.bestand.save("dossier.pdf", ContentFile(b"%PDF-1.7 proef"))
    concept = neem_besluit(
        regio=regio,
        uitkomst="afwijzen",
        motivering="Onvoldoende samenhang.",
        door=gebruikers["besluitvormer"],
    )
    verzoek = Koppelverzoek.objects.create(
        organisatie=bedrijf.organisatie,
        persoon=PersoonFactory(voornaam="Nieuw", achternaam="Gezicht"),
        regio=regio,
    )
    urls = {}
    ids = {
        "verzoek": verzoek.pk,
        "rapport": rapport.pk,
        "aanmelding": aanmelding.pk,
        "token": "ongeldig",
        "uidb64": "MQ",
        "slug": regio.slug,
        "organisatie": bedrijf.organisatie_id,
        "pk": Cofinanciering.objects.get(regio=regio, organisatie=bedrijf.organisatie).pk,
        "kenmerk": concept.kenmerk,
        "persoon": zonder_account.pk,
        "apitoken": maak_token(gebruiker=d.programmamanager, naam="proef", geldig_dagen=30)[0].pk,
        "code": regio.tijdvak.code,
        "vestigingscode": Deelname.objects.filter(regio=regio, vestiging__isnull=False)
        .first()
        .vestiging.vestigingscode,
    }
    activiteit = Activiteit.objects.create(
        regio=regio,
        titel="Techniekweek",
        beschrijving="Een week techniek.",
        interventieniveau="III",
        doelgroepen=["po"],
        schooljaren=[regio.tijdvak.eerste_schooljaar],
    )
    activiteit.kompaspunten.set(Kompaspunt.objects.all()[:1])
    # The ids per API resource (its ``pk``).
    api_pk = {
        "api:deelname-detail": bedrijf.pk,
        "api:deelname-beeindigen": bedrijf.pk,
        "api:cofinanciering-detail": ids["pk"],
        "api:begrotingsregel-detail": Begrotingsregel.objects.filter(regio=regio).first().pk,
        "api:activiteit-detail": activiteit.pk,
        "api:organisatie-detail": bedrijf.organisatie_id,
    }
    for app, patronen in (
        ("account", ecosysteem.account.urls.urlpatterns),
        ("regios", regios.views.aanmelding.urlpatterns),
        ("regios", regios.views.uitnodigen.urlpatterns),
        ("regios", regios.views.regiolijst.urlpatterns),
        ("subsidie", subsidie.views.hulp.urlpatterns),
        ("subsidie", subsidie.views.contact.urlpatterns),
        ("subsidie", subsidie.views.aanmeldingen.urlpatterns),
        ("subsidie", subsidie.views.ministerie.urlpatterns),
        ("subsidie", subsidie.views.beoordeling.urlpatterns),
        ("subsidie", subsidie.views.rapporten.urlpatterns),
        ("", ecosysteem.views_tokens.urlpatterns),
        ("subsidie", subsidie.views.privacy.urlpatterns),
    ):
        for patroon in patronen:
            kwargs = {k: ids[k] for k in patroon.pattern.converters}
            naam = f"{app}:{patroon.name}" if app else patroon.name
            urls[naam] = reverse(naam, kwargs=kwargs)
    for naam, argumenten in api_patronen():
        naam = f"api:{naam}"
        kwargs = {k: api_pk.get(naam, ids.get(k)) if k == "pk" else ids[k] for k in argumenten}
        urls[naam] = reverse(naam, kwargs=kwargs)
    for naam in ("partners", "aanmelding_afwijzen", "tijdlijn"):
        kwargs = {"slug": regio.slug}
        if naam.startswith("aanmelding"):
            kwargs["aanmelding"] = aanmelding.pk
        urls[f"regios:{naam}"] = reverse(f"regios:{naam}", kwargs=kwargs)
    return urls, gebruikers


def client_voor(gebruikers, rol) -> Client:
    client = Client()
    if rol != "anoniem":
        client.force_login(gebruikers[rol])
    return client


def test_every_url_of_registration_review_and_decision_is_in_the_table(wereld):
    urls, _gebruikers = wereld
    assert set(urls) == set(GET), "nieuwe URL zonder verwachte toegang per rol"


@pytest.mark.parametrize("rol", ROLLEN)
def test_get_per_role(wereld, rol):
    urls, gebruikers = wereld
    client = client_voor(gebruikers, rol)
    fouten = []
    for naam, url in urls.items():
        antwoord = client.get(url)
        if GET[naam][rol] == TERUG:
            if antwoord.status_code != 302 or antwoord["Location"].startswith(reverse("login")):
                fouten.append(f"{naam}: {antwoord.status_code}, verwacht terug naar de beoordeling")
            continue
        if antwoord.status_code != GET[naam][rol]:
            fouten.append(f"{naam}: {antwoord.status_code}, verwacht {GET[naam][rol]}")
        if antwoord.status_code == LOGIN and GET[naam][rol] == LOGIN:
            assert antwoord["Location"].startswith(reverse("login")), naam
    assert not fouten, "\n".join(fouten)


@pytest.mark.parametrize("rol", ROLLEN)
def test_post_per_role_writes_only_for_whose_step_it_is(wereld, rol):
    urls, gebruikers = wereld
    client = client_voor(gebruikers, rol)
    gebeurtenissen = Gebeurtenis.objects.count()
    fouten = []
    for naam, toegestaan in POST_TOEGESTAAN.items():
        if rol in toegestaan:
            continue
        antwoord = client.post(urls[naam], {})
        weigering = GET[naam][rol] if GET[naam][rol] not in (200, 405, TERUG) else 403
        if antwoord.status_code != weigering:
            fouten.append(f"{naam}: {antwoord.status_code}, verwacht {weigering}")
    assert not fouten, "\n".join(fouten)
    assert Gebeurtenis.objects.count() == gebeurtenissen


def test_the_sent_letter_per_role(wereld):
    """A sent letter: the region's readers read it on the dossier's side, the ministry on
    its own; anybody else is refused, and a draft does not exist on the region's side."""
    urls, gebruikers = wereld
    besluit = Besluit.objects.get(status="concept")
    slug = besluit.regio.slug
    regio_url = reverse("subsidie:beschikking", args=[slug, besluit.kenmerk])
    assert client_voor(gebruikers, "programmamanager").get(regio_url).status_code == 404
    verstuur_besluit(besluit=besluit, door=gebruikers["besluitvormer"])
    ministerie_url = reverse("subsidie:beoordeling_beschikking", args=[slug, besluit.kenmerk])
    verwacht_regio = dossierpagina()
    verwacht_ministerie = alleen_ministerie()
    fouten = []
    for rol in ROLLEN:
        client = client_voor(gebruikers, rol)
        for url, verwachting in (
            (regio_url, verwacht_regio),
            (ministerie_url, verwacht_ministerie),
        ):
            status = client.get(url).status_code
            if status != verwachting[rol]:
                fouten.append(f"{url} {rol}: {status}, verwacht {verwachting[rol]}")
    assert not fouten, "\n".join(fouten)
    # Once decided, correcting is the decision maker's (another one than the reviewer).
    assert (
        client_voor(gebruikers, "besluitvormer")
        .get(urls["subsidie:beoordeling_correctie"])
        .status_code
        == 200
    )
    assert (
        client_voor(gebruikers, "beoordelaar")
        .get(urls["subsidie:beoordeling_correctie"])
        .status_code
        == 403
    )
