"""The collaboration scan: questions, result computation with its anonymity rules,
services and their refusals, and who may open which page."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis
from ecosysteem.rollen import BEOORDELAARS
from kompas.models import Scaninzending, Scanronde, Scanscore
from kompas.scan import (
    CONDITIES,
    SUCCESFACTOREN,
    VRAAGCODES,
    VRAGEN,
    Antwoord,
    bereken_uitslag,
    opmerkingen_per_vraag,
    soortgroep,
    trend,
    uitslag_per_soortgroep,
    uitslag_per_vraag,
)
from kompas.services_scan import beantwoord_scan, open_scanronde, sluit_scanronde
from partners.models import Organisatiesoort
from regios.models import Rol, Rolsoort
from subsidie.services import dien_in
from tests.dossiers import compleet_dossier, leeg_dossier
from tests.factories import GebruikerFactory, OrganisatieFactory, PersoonFactory

# --- pure functions --------------------------------------------------------------------


def antwoord(score: int = 3, soort: str = "bedrijf", **afwijkend) -> Antwoord:
    scores = dict.fromkeys(VRAAGCODES, score)
    scores.update(afwijkend)
    return Antwoord(organisatiesoort=soort, scores=scores)


def test_the_questionnaire_has_five_conditions_and_eight_success_factors():
    assert [v.code for v in CONDITIES] == [
        "ambitie",
        "belangen",
        "relatie",
        "organisatie",
        "proces",
    ]
    assert len(SUCCESFACTOREN) == 8
    assert len(set(VRAAGCODES)) == 13
    assert all(str(v.tekst).endswith("?") and str(v.titel) for v in VRAGEN)


def test_mean_distribution_and_count_per_question():
    uitslagen = uitslag_per_vraag(
        [antwoord(1, ambitie=2), antwoord(4, ambitie=2), antwoord(5, ambitie=5)]
    )
    ambitie = next(u for u in uitslagen if u.vraag.code == "ambitie")
    assert ambitie.aantal == 3
    assert ambitie.gemiddelde == pytest.approx(3.0)
    assert ambitie.verdeling == [0, 2, 0, 0, 1]
    proces = next(u for u in uitslagen if u.vraag.code == "proces")
    assert proces.gemiddelde == pytest.approx(10 / 3)
    assert proces.gemiddelde_tekst == "3,3"
    assert proces.verdeling == [1, 0, 0, 1, 1]


def test_organisation_kinds_fall_into_sensible_groups():
    assert soortgroep(Organisatiesoort.PO_SCHOOL) == "onderwijs"
    assert soortgroep(Organisatiesoort.SCHOOLBESTUUR) == "onderwijs"
    assert soortgroep(Organisatiesoort.BEDRIJF) == "bedrijf"
    assert soortgroep(Organisatiesoort.GEMEENTE) == "overheid"
    assert soortgroep(Organisatiesoort.BIBLIOTHEEK) == "cultuur"
    assert soortgroep(Organisatiesoort.KINDEROPVANG) == "overig"
    assert soortgroep("") == "overig"


def test_kind_groups_have_their_own_means():
    groepen = uitslag_per_soortgroep(
        [antwoord(2, "po_school")] * 3 + [antwoord(4, "bedrijf")] * 3, minimum=3
    )
    assert [(g.code, g.aantal) for g in groepen] == [("onderwijs", 3), ("bedrijf", 3)]
    assert groepen[0].gemiddelden["ambitie"] == 2
    assert groepen[1].gemiddelde_tekst("ambitie") == "4,0"


def test_a_kind_group_below_three_is_merged_into_overig():
    groepen = uitslag_per_soortgroep(
        [antwoord(2, "po_school")] * 3
        + [antwoord(4, "bedrijf")] * 3
        + [antwoord(5, "gemeente")] * 2
        + [antwoord(1, "kinderopvang")],
        minimum=3,
    )
    assert [(g.code, g.aantal) for g in groepen] == [
        ("onderwijs", 3),
        ("bedrijf", 3),
        ("overig", 3),
    ]
    overig = groepen[-1]
    assert overig.gemiddelden["ambitie"] == pytest.approx(11 / 3)
    assert [str(s) for s in overig.samengevoegd] == ["overheid"]


def test_a_group_is_never_shown_alone_below_three_even_when_overig_stays_small():
    # Five schools and one company: the company may not be shown, and not simply hidden
    # either (its score would follow from the overall mean). Everything becomes one group.
    groepen = uitslag_per_soortgroep(
        [antwoord(2, "po_school")] * 5 + [antwoord(5, "bedrijf")], minimum=3
    )
    assert [(g.code, g.aantal) for g in groepen] == [("overig", 6)]
    assert all(g.aantal >= 3 for g in groepen)


def test_fewer_respondents_than_the_minimum_give_no_kind_groups():
    assert uitslag_per_soortgroep([antwoord(2, "bedrijf")] * 2, minimum=3) == []


def test_trend_is_the_mean_per_condition_per_round_and_empty_for_small_rounds():
    reeksen = trend(
        [[antwoord(2)] * 3, [antwoord(5)] * 2, [antwoord(3), antwoord(4), antwoord(5)]],
        minimum=3,
    )
    assert [r.vraag.code for r in reeksen] == [v.code for v in CONDITIES]
    assert reeksen[0].gemiddelden == [2, None, 4]
    assert reeksen[0].teksten == ["2,0", "", "4,0"]


def test_two_answers_give_no_results_and_three_do(settings):
    settings.SCAN_MINIMUM_RESPONDENTEN = 3
    twee = bereken_uitslag([antwoord(2), antwoord(4)])
    assert not twee.zichtbaar
    assert twee.vragen == [] and twee.groepen == [] and twee.opmerkingen == {}
    drie = bereken_uitslag([antwoord(2), antwoord(4), antwoord(3)])
    assert drie.zichtbaar
    assert drie.vragen[0].gemiddelde == 3


def test_the_minimum_is_a_setting(settings):
    settings.SCAN_MINIMUM_RESPONDENTEN = 5
    assert not bereken_uitslag([antwoord()] * 4).zichtbaar
    assert bereken_uitslag([antwoord()] * 5).zichtbaar


def test_comments_are_sorted_without_who_wrote_them():
    antwoorden = [
        Antwoord("bedrijf", dict.fromkeys(VRAAGCODES, 3), {"ambitie": "Zeker doen"}),
        Antwoord("bedrijf", dict.fromkeys(VRAAGCODES, 3), {"ambitie": "  "}),
        Antwoord("bedrijf", dict.fromkeys(VRAAGCODES, 3), {"ambitie": "Alleen op papier"}),
    ]
    assert opmerkingen_per_vraag(antwoorden) == {"ambitie": ["Alleen op papier", "Zeker doen"]}


# --- database helpers ------------------------------------------------------------------


def ronde_met_antwoorden(regio, aantal, *, naam="Voorjaar", gesloten=True, score=4, soort=""):
    """A round with ``aantal`` answers written straight to the database."""
    ronde = Scanronde.objects.create(regio=regio, naam=naam)
    for i in range(aantal):
        persoon = PersoonFactory()
        inzending = Scaninzending.objects.create(
            ronde=ronde, persoon=persoon, organisatiesoort=soort or "po_school"
        )
        Scanscore.objects.bulk_create(
            [
                Scanscore(
                    inzending=inzending,
                    vraag=code,
                    score=score,
                    toelichting=f"Opmerking {i}" if code == "ambitie" else "",
                )
                for code in VRAAGCODES
            ]
        )
    if gesloten:
        ronde.gesloten_op = timezone.now()
        ronde.save(update_fields=["gesloten_op"])
    return ronde


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def alle_scores(score=4) -> dict[str, int]:
    return dict.fromkeys(VRAAGCODES, score)


def formulierdata(score=4, **extra) -> dict[str, str]:
    data = {f"score_{code}": str(score) for code in VRAAGCODES}
    data.update(extra)
    return data


# --- services --------------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_programme_manager_opens_and_closes_a_round_with_audit():
    d = leeg_dossier()
    ronde = open_scanronde(regio=d.regio, naam="Najaar 2026", door=d.programmamanager)
    assert ronde.is_open and ronde.geopend_door == d.programmamanager
    sluit_scanronde(ronde=ronde, door=d.programmamanager)
    ronde.refresh_from_db()
    assert not ronde.is_open
    assert list(
        Gebeurtenis.objects.filter(regio=d.regio).values_list("actie", flat=True).order_by("pk")
    ) == [Actie.SCANRONDE_GEOPEND, Actie.SCANRONDE_GESLOTEN]


@pytestmark_db
def test_only_one_open_round_at_a_time_and_names_are_unique():
    d = leeg_dossier()
    ronde = open_scanronde(regio=d.regio, naam="Eerste", door=d.programmamanager)
    with pytest.raises(ValidationError, match="al een scanronde open"):
        open_scanronde(regio=d.regio, naam="Tweede", door=d.programmamanager)
    sluit_scanronde(ronde=ronde, door=d.programmamanager)
    with pytest.raises(ValidationError, match="al een scanronde met deze naam"):
        open_scanronde(regio=d.regio, naam="eerste", door=d.programmamanager)
    with pytest.raises(ValidationError, match="al gesloten"):
        sluit_scanronde(ronde=ronde, door=d.programmamanager)


@pytestmark_db
@pytest.mark.parametrize("rol", [Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID])
def test_only_the_programme_manager_manages_rounds(rol):
    d = leeg_dossier()
    with pytest.raises(PermissionDenied):
        open_scanronde(regio=d.regio, naam="X", door=d.lid(rol))
    ronde = Scanronde.objects.create(regio=d.regio, naam="Open")
    with pytest.raises(PermissionDenied):
        sluit_scanronde(ronde=ronde, door=leeg_dossier().programmamanager)
    assert Scanronde.objects.get().is_open


@pytestmark_db
def test_a_partner_contact_answers_and_the_kind_is_copied_without_scores_in_the_audit():
    d = leeg_dossier()
    ronde = Scanronde.objects.create(regio=d.regio, naam="Voorjaar")
    gebruiker = GebruikerFactory()
    bieb = OrganisatieFactory(soort=Organisatiesoort.BIBLIOTHEEK)
    persoon = PersoonFactory(gebruiker=gebruiker, organisatie=bieb)
    Rol.objects.create(regio=d.regio, persoon=persoon, soort=Rolsoort.CONTACTPERSOON)

    inzending = beantwoord_scan(
        ronde=ronde,
        door=gebruiker,
        scores=alle_scores(2),
        toelichtingen={"relatie": "Geheime opmerking"},
    )
    assert inzending.organisatiesoort == "bibliotheek"
    assert inzending.scores.count() == 13
    assert inzending.scores.get(vraag="relatie").toelichting == "Geheime opmerking"
    gebeurtenis = Gebeurtenis.objects.get(actie=Actie.SCAN_INGEVULD)
    # Anonymous: the event says that someone answered, not who (see the test below).
    assert gebeurtenis.door is None
    opgeslagen = f"{gebeurtenis.omschrijving} {gebeurtenis.gegevens} {gebeurtenis.reden}"
    assert "Geheime" not in opgeslagen and "score" not in opgeslagen


@pytestmark_db
def test_the_answer_event_does_not_identify_the_respondent_on_either_timeline():
    d = compleet_dossier()
    dien_in(regio=d.regio, door=d.programmamanager, versie=d.regio.versie)
    ronde = Scanronde.objects.create(regio=d.regio, naam="Najaar 2026")
    gebruiker = GebruikerFactory(first_name="Wendy", last_name="Wijsman", username="wwijsman")
    persoon = PersoonFactory(
        gebruiker=gebruiker, voornaam="Wendy", achternaam="Wijsman", email="wendy@example.nl"
    )
    Rol.objects.create(regio=d.regio, persoon=persoon, soort=Rolsoort.STUURGROEPLID)

    beantwoord_scan(ronde=ronde, door=gebruiker, scores=alle_scores())

    gebeurtenis = Gebeurtenis.objects.get(actie=Actie.SCAN_INGEVULD)
    assert gebeurtenis.door is None
    opgeslagen = f"{gebeurtenis.omschrijving} {gebeurtenis.gegevens} {gebeurtenis.reden}"
    for kenmerk in ("Wendy", "Wijsman", "wwijsman", "wendy@example.nl"):
        assert kenmerk not in opgeslagen
    assert str(persoon.pk) not in str(gebeurtenis.gegevens.values())
    assert str(gebruiker.pk) not in str(gebeurtenis.gegevens.values())
    # The event is about the round, not about the submission (which names the person).
    assert gebeurtenis.onderwerp == ronde

    pm = Client()
    pm.force_login(d.programmamanager)
    ministerie = GebruikerFactory()
    ministerie.groups.add(Group.objects.get(name=BEOORDELAARS))
    mw = Client()
    mw.force_login(ministerie)
    for client, pagina in [
        (pm, reverse("regios:tijdlijn", kwargs={"slug": d.regio.slug})),
        (mw, reverse("subsidie:beoordeling_tijdlijn", kwargs={"slug": d.regio.slug})),
    ]:
        html = client.get(pagina).content.decode()
        item = html[html.index('data-actie="scan.ingevuld"') :]
        item = item[: item.index("</li>")]
        assert "Najaar 2026" in item
        assert "Wendy" not in item and "Wijsman" not in item
        assert "anoniem" in item


@pytestmark_db
def test_answering_twice_is_refused():
    d = leeg_dossier()
    ronde = Scanronde.objects.create(regio=d.regio, naam="Voorjaar")
    beantwoord_scan(ronde=ronde, door=d.programmamanager, scores=alle_scores())
    with pytest.raises(ValidationError, match="al ingevuld"):
        beantwoord_scan(ronde=ronde, door=d.programmamanager, scores=alle_scores())
    assert Scaninzending.objects.count() == 1


@pytestmark_db
def test_answering_a_closed_round_another_region_or_with_missing_answers_is_refused():
    d = leeg_dossier()
    gesloten = ronde_met_antwoorden(d.regio, 0, naam="Oud")
    with pytest.raises(ValidationError, match="gesloten"):
        beantwoord_scan(ronde=gesloten, door=d.programmamanager, scores=alle_scores())
    andere = Scanronde.objects.create(regio=leeg_dossier().regio, naam="Elders")
    with pytest.raises(PermissionDenied):
        beantwoord_scan(ronde=andere, door=d.programmamanager, scores=alle_scores())
    open_ = Scanronde.objects.create(regio=d.regio, naam="Nu")
    onvolledig = alle_scores()
    del onvolledig["proces"]
    with pytest.raises(ValidationError) as fout:
        beantwoord_scan(ronde=open_, door=d.programmamanager, scores=onvolledig)
    assert "proces" in fout.value.error_dict
    with pytest.raises(ValidationError):
        beantwoord_scan(ronde=open_, door=d.programmamanager, scores={**alle_scores(), "x": 6})
    with pytest.raises(ValidationError):
        beantwoord_scan(ronde=open_, door=d.programmamanager, scores=alle_scores(6))
    assert Scaninzending.objects.count() == 0
    assert not Gebeurtenis.objects.filter(actie=Actie.SCAN_INGEVULD).exists()


@pytestmark_db
def test_a_user_without_a_person_or_with_an_ended_role_cannot_answer():
    d = leeg_dossier()
    ronde = Scanronde.objects.create(regio=d.regio, naam="Voorjaar")
    oud = GebruikerFactory()
    Rol.objects.create(
        regio=d.regio,
        persoon=PersoonFactory(gebruiker=oud),
        soort=Rolsoort.WERKGROEPLID,
        startdatum=datetime.date(2020, 1, 1),
        einddatum=datetime.date(2021, 1, 1),
    )
    with pytest.raises(PermissionDenied):
        beantwoord_scan(ronde=ronde, door=oud, scores=alle_scores())


# --- pages and permissions -------------------------------------------------------------


def scan_urls(regio, ronde) -> dict[str, str]:
    kw = {"slug": regio.slug, "pk": ronde.pk}
    return {
        "overzicht": reverse("kompas:scan", kwargs={"slug": regio.slug}),
        "uitslag": reverse("kompas:scan_uitslag", kwargs=kw),
        "sluiten": reverse("kompas:scan_sluiten", kwargs=kw),
        "invullen": reverse("kompas:scan_invullen", kwargs=kw),
    }


@pytestmark_db
def test_programme_manager_of_another_region_gets_404_on_every_scan_url():
    d = leeg_dossier()
    ronde = Scanronde.objects.create(regio=d.regio, naam="Voorjaar")
    client = ingelogd(leeg_dossier().programmamanager)
    for url in scan_urls(d.regio, ronde).values():
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"naam": "X", **formulierdata()}).status_code == 404, url
    assert Scanronde.objects.get().is_open
    assert Scaninzending.objects.count() == 0
    assert Scanronde.objects.count() == 1


@pytestmark_db
def test_a_round_of_another_region_is_not_found_under_this_region():
    d = leeg_dossier()
    andere = ronde_met_antwoorden(leeg_dossier().regio, 3, gesloten=True)
    client = ingelogd(d.programmamanager)
    urls = scan_urls(d.regio, andere)
    assert client.get(urls["uitslag"]).status_code == 404
    assert client.get(urls["invullen"]).status_code == 404
    assert client.post(urls["invullen"], formulierdata()).status_code == 404
    assert client.post(urls["sluiten"]).status_code == 404
    assert not Scaninzending.objects.filter(persoon__gebruiker=d.programmamanager).exists()


@pytestmark_db
def test_visitors_go_to_login_and_users_without_role_get_404():
    d = leeg_dossier()
    ronde = Scanronde.objects.create(regio=d.regio, naam="Voorjaar")
    zonder_rol = ingelogd(GebruikerFactory())
    for naam, url in scan_urls(d.regio, ronde).items():
        antwoord = Client().post(url)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))
        assert zonder_rol.post(url, formulierdata()).status_code == 404, url
        if naam != "sluiten":
            assert zonder_rol.get(url).status_code == 404, url


@pytestmark_db
@pytest.mark.parametrize("rol", [Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID])
def test_project_leader_and_steering_group_read_results_but_do_not_manage(rol):
    d = leeg_dossier()
    ronde = ronde_met_antwoorden(d.regio, 3, gesloten=False)
    client = ingelogd(d.lid(rol))
    urls = scan_urls(d.regio, ronde)
    overzicht = client.get(urls["overzicht"])
    assert overzicht.status_code == 200
    assert "Ronde openen" not in overzicht.content.decode()
    assert urls["sluiten"] not in overzicht.content.decode()
    assert client.get(urls["uitslag"]).status_code == 200
    assert client.post(urls["overzicht"], {"naam": "Nieuw"}).status_code == 403
    assert client.post(urls["sluiten"], {"bevestigd": "on"}).status_code == 403
    assert client.get(urls["sluiten"]).status_code == 403
    assert Scanronde.objects.get().is_open
    # and they answer like anyone else
    assert client.get(urls["invullen"]).status_code == 200


@pytestmark_db
@pytest.mark.parametrize(
    "rol", [Rolsoort.CONTACTPERSOON, Rolsoort.WERKGROEPLID, Rolsoort.ADVIESRAADLID]
)
def test_other_roles_answer_but_do_not_see_the_dossier_pages(rol):
    d = leeg_dossier()
    ronde = ronde_met_antwoorden(d.regio, 3, gesloten=True)
    open_ = Scanronde.objects.create(regio=d.regio, naam="Nu open")
    client = ingelogd(d.lid(rol))
    assert client.get(scan_urls(d.regio, ronde)["overzicht"]).status_code == 404
    assert client.get(scan_urls(d.regio, ronde)["uitslag"]).status_code == 404
    assert client.post(scan_urls(d.regio, ronde)["sluiten"]).status_code == 404
    invullen = scan_urls(d.regio, open_)["invullen"]
    pagina = client.get(invullen)
    assert pagina.status_code == 200
    assert 'type="radio"' in pagina.content.decode()
    antwoord = client.post(invullen, formulierdata(3, toelichting_proces="Goed bezig"))
    assert antwoord.status_code == 302
    assert Scaninzending.objects.filter(ronde=open_).count() == 1
    # the open round is listed on "Mijn regio", now as answered
    mijn = client.get(reverse("subsidie:mijn_regio")).content.decode()
    assert "Nu open" in mijn and "ingevuld" in mijn


@pytestmark_db
def test_programme_manager_opens_and_closes_through_the_pages():
    d = leeg_dossier()
    client = ingelogd(d.programmamanager)
    url = reverse("kompas:scan", kwargs={"slug": d.regio.slug})
    assert client.post(url, {"naam": ""}).status_code == 200
    assert not Scanronde.objects.exists()
    antwoord = client.post(url, {"naam": "Voorjaar 2026", "toelichting": "Graag voor 1 mei."})
    assert antwoord.status_code == 302
    ronde = Scanronde.objects.get()
    pagina = client.get(url).content.decode()
    assert "Open ronde: Voorjaar 2026" in pagina and "Ronde openen" not in pagina
    sluiten = scan_urls(d.regio, ronde)["sluiten"]
    pagina = client.get(sluiten).content.decode()
    assert (
        "U sluit de scanronde <strong>‘Voorjaar 2026’</strong>. Er zijn 0 antwoorden binnen."
        in pagina
    )
    assert 'id="scan-te-weinig"' in pagina
    # Without the tick the round stays open, and the page says why.
    antwoord = client.post(sluiten, {})
    assert antwoord.status_code == 200
    assert "Vink aan dat u de ronde wilt sluiten." in antwoord.content.decode()
    ronde.refresh_from_db()
    assert ronde.is_open
    assert client.post(sluiten, {"bevestigd": "on"}).status_code == 302
    ronde.refresh_from_db()
    assert not ronde.is_open
    # A closed round has nothing to confirm: back to the overview.
    assert client.get(sluiten).status_code == 302


@pytestmark_db
def test_the_answer_form_refuses_missing_answers_and_a_second_answer_in_dutch():
    d = leeg_dossier()
    ronde = Scanronde.objects.create(regio=d.regio, naam="Voorjaar")
    client = ingelogd(d.programmamanager)
    url = scan_urls(d.regio, ronde)["invullen"]
    onvolledig = formulierdata()
    del onvolledig["score_droom"]
    pagina = client.post(url, onvolledig)
    assert pagina.status_code == 200
    assert "Kies een antwoord bij ‘Gezamenlijke droom’." in pagina.content.decode()
    assert not Scaninzending.objects.exists()
    assert client.post(url, formulierdata()).status_code == 302
    tweede = client.post(url, formulierdata(1), follow=True)
    assert "U hebt deze scanronde al ingevuld." in tweede.content.decode()
    assert Scaninzending.objects.count() == 1
    assert set(Scanscore.objects.values_list("score", flat=True)) == {4}


@pytestmark_db
def test_answering_a_closed_round_through_the_page_is_refused():
    d = leeg_dossier()
    ronde = ronde_met_antwoorden(d.regio, 0)
    client = ingelogd(d.programmamanager)
    url = scan_urls(d.regio, ronde)["invullen"]
    assert 'type="radio"' not in client.get(url).content.decode()
    antwoord = client.post(url, formulierdata(), follow=True)
    assert "gesloten" in antwoord.content.decode()
    assert not Scaninzending.objects.exists()


@pytestmark_db
def test_two_answers_show_the_message_and_no_numbers():
    d = leeg_dossier()
    ronde = ronde_met_antwoorden(d.regio, 2, score=4)
    pagina = ingelogd(d.programmamanager).get(scan_urls(d.regio, ronde)["uitslag"])
    html = pagina.content.decode()
    assert "Nog te weinig antwoorden: de uitslag verschijnt vanaf 3 respondenten" in html
    assert "<svg" not in html and "4,0" not in html and "Opmerking" not in html


@pytestmark_db
def test_an_open_round_shows_no_running_tally():
    d = leeg_dossier()
    ronde = ronde_met_antwoorden(d.regio, 5, gesloten=False, score=4)
    html = ingelogd(d.programmamanager).get(scan_urls(d.regio, ronde)["uitslag"]).content
    assert b"<svg" not in html and b"4,0" not in html
    assert b"De uitslag verschijnt als de ronde gesloten is" in html


@pytestmark_db
def test_three_answers_show_charts_tables_and_comments_without_names():
    d = leeg_dossier()
    ronde = ronde_met_antwoorden(d.regio, 3, score=4)
    namen = [i.persoon.achternaam for i in Scaninzending.objects.select_related("persoon")]
    html = ingelogd(d.programmamanager).get(scan_urls(d.regio, ronde)["uitslag"]).content.decode()
    assert html.count("<svg") == 1  # one kind of partner: no spread chart, one round: no trend
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    assert "4,0" in html
    assert "Opmerking 0" in html and "Opmerking 2" in html
    assert not any(naam in html for naam in namen)
    assert "Nog te weinig" not in html


@pytestmark_db
def test_results_show_spread_between_kinds_and_trend_over_rounds():
    d = leeg_dossier()
    ronde_met_antwoorden(d.regio, 3, naam="Eerste", score=2)
    ronde = Scanronde.objects.create(regio=d.regio, naam="Tweede")
    for soort, score in [("po_school", 3)] * 3 + [("bedrijf", 5)] * 3:
        inzending = Scaninzending.objects.create(
            ronde=ronde, persoon=PersoonFactory(), organisatiesoort=soort
        )
        Scanscore.objects.bulk_create(
            [Scanscore(inzending=inzending, vraag=c, score=score) for c in VRAAGCODES]
        )
    ronde.gesloten_op = timezone.now()
    ronde.save()
    html = ingelogd(d.programmamanager).get(scan_urls(d.regio, ronde)["uitslag"]).content.decode()
    assert html.count("<svg") == 3
    assert 'id="scan-spreiding"' in html and "Bedrijfsleven (3)" in html
    assert 'id="scan-trend"' in html and "2,0" in html and "4,0" in html


@pytestmark_db
def test_the_results_page_costs_the_same_number_of_queries_for_3_and_30_respondents():
    def vragen_voor(aantal: int) -> int:
        d = leeg_dossier()
        ronde_met_antwoorden(d.regio, aantal, naam="Eerste")
        ronde = ronde_met_antwoorden(d.regio, aantal, naam="Tweede")
        client = ingelogd(d.programmamanager)
        url = scan_urls(d.regio, ronde)["uitslag"]
        client.get(url)  # warm caches (content types, session)
        with CaptureQueriesContext(connection) as vragen:
            assert client.get(url).status_code == 200
        return len(vragen)

    assert vragen_voor(3) == vragen_voor(30)


@pytestmark_db
def test_answer_events_recorded_before_are_made_anonymous_by_the_migration():
    migratie = importlib.import_module("kompas.migrations.0003_scan_anoniem")
    d = leeg_dossier()
    ronde = Scanronde.objects.create(regio=d.regio, naam="Voorjaar")
    oud = Gebeurtenis.objects.create(
        actie=Actie.SCAN_INGEVULD,
        omschrijving="Scanronde Voorjaar ingevuld",
        door=d.programmamanager,
        onderwerp_type=ContentType.objects.get_for_model(Scanronde),
        onderwerp_id=str(ronde.pk),
        regio=d.regio,
    )
    ander = Gebeurtenis.objects.create(
        actie=Actie.SCANRONDE_GEOPEND, omschrijving="Geopend", door=d.programmamanager
    )

    migratie.anonimiseer(apps, None)

    oud.refresh_from_db()
    ander.refresh_from_db()
    assert oud.door is None and oud.gegevens == {"anoniem": True}
    assert oud.omschrijving == "Scanronde Voorjaar: een antwoord ontvangen"
    assert ander.door == d.programmamanager


@pytestmark_db
def test_the_close_confirmation_costs_a_fixed_number_of_queries(django_assert_num_queries):
    d = leeg_dossier()
    ronde = ronde_met_antwoorden(d.regio, 6, gesloten=False)
    client = ingelogd(d.programmamanager)
    adres = scan_urls(d.regio, ronde)["sluiten"]
    client.get(adres)
    with django_assert_num_queries(SLUITEN_QUERIES):
        assert client.get(adres).status_code == 200


SLUITEN_QUERIES = 6
