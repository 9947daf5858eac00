"""The dossier's branches page: the list with each branch's outcome, searching the register,
adding and removing branches, stating eligible pupils, and who may do what."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis
from regios.models import Deelname, Deelnamestatus, Regio, Regiostatus, Rolsoort
from subsidie.models import Indiening
from tests.dossiers import leeg_dossier, voeg_vestigingen_toe
from tests.factories import RegioFactory, VestigingFactory

pytestmark = pytest.mark.django_db


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(naam: str, regio: Regio, **kwargs) -> str:
    return reverse(naam, kwargs={"slug": regio.slug, **kwargs})


def neem_deel(regio: Regio, vestiging, **velden) -> Deelname:
    return Deelname.objects.create(regio=regio, vestiging=vestiging, **velden)


def inhoud(antwoord) -> str:
    """The page's main content, without header, menu and footer."""
    return antwoord.content.decode().split('id="inhoud"')[1].split("</main>")[0]


# --- the list ------------------------------------------------------------------------------


def test_list_shows_each_branch_with_whether_it_counts_and_why():
    d = leeg_dossier()
    neem_deel(d.regio, VestigingFactory(naam="Basisschool De Wilgen", leerlingen=210))
    neem_deel(
        d.regio, VestigingFactory(naam="Praktijkschool Noord", onderwijstype="PRO", leerlingen=90)
    )
    neem_deel(
        d.regio,
        VestigingFactory(naam="Lyceum Zuidhorn", onderwijstype="VBO/MAVO/HAVO", leerlingen=800),
    )
    neem_deel(d.regio, VestigingFactory(naam="Basisschool Zonder Telling", leerlingen=None))

    antwoord = ingelogd(d.programmamanager).get(url("subsidie:vestigingen", d.regio))

    assert antwoord.status_code == 200
    html = inhoud(antwoord)
    assert "4 deelnemende vestigingen" in html
    assert "Basisschool De Wilgen" in html
    # The budget engine's reason per branch.
    assert "Alleen PRO: deze leerwegen tellen niet mee." in html
    assert "Telt mee om MAVO/HAVO; ook VBO, die niet meetellen." in html
    assert "Registertotaal van alle leerwegen (800); geef het tellende aantal op." in html
    assert "Het register geeft geen leerlingaantal; geteld als 0." in html
    # Summary against the regulation's minimum: 2 po (incl. the one without pupils), 1 vo.
    assert "2 van minimaal 20" in html
    assert "nog 18 nodig" in html
    assert "1 van minimaal 3" in html
    # 3 × 8,500 + (210 + 800 + 0) × 45 = 25,500 + 45,450
    assert "€\u00a070.950,00" in html
    assert "1 vestiging doet mee maar telt niet mee voor de subsidie." in html
    assert "Bij 2 vestigingen moet het aantal tellende leerlingen nog worden opgegeven." in html
    # A form to state pupils for the mixed-track branch and the one without a count only.
    assert html.count('class="portaal-formulier portaal-vestigingen__opgave"') == 2


def test_filter_shows_only_branches_that_do_not_count_and_sort_by_amount():
    d = leeg_dossier()
    neem_deel(d.regio, VestigingFactory(naam="Alfa basisschool", leerlingen=100))
    neem_deel(d.regio, VestigingFactory(naam="Beta basisschool", leerlingen=300))
    neem_deel(d.regio, VestigingFactory(naam="Gamma praktijk", onderwijstype="PRO"))
    client = ingelogd(d.programmamanager)

    html = inhoud(client.get(url("subsidie:vestigingen", d.regio) + "?toon=telt_niet"))
    tabel = html.split("<tbody")[1]
    assert "Gamma praktijk" in tabel
    assert "Alfa basisschool" not in tabel
    assert "Telt niet mee: 1 van 3 deelnemende vestigingen" in html

    html = inhoud(client.get(url("subsidie:vestigingen", d.regio) + "?sorteer=bedrag"))
    tabel = html.split("<tbody")[1]
    assert tabel.index("Beta basisschool") < tabel.index("Alfa basisschool")
    assert 'aria-sort="descending"' in html


@pytest.mark.parametrize("aantal", [25, 250])
def test_list_costs_the_same_number_of_queries_for_25_and_250_branches(
    aantal, django_assert_num_queries
):
    d = leeg_dossier()
    voeg_vestigingen_toe(d.regio, po=aantal - 5, vo=5)
    client = ingelogd(d.programmamanager)
    client.get(url("subsidie:vestigingen", d.regio))  # session and permission caches warm
    # session, user, roles, region; then the dossier: region with period and regulation,
    # participations with branches, roles, pledges, budget lines
    with django_assert_num_queries(9):
        antwoord = client.get(url("subsidie:vestigingen", d.regio))
    assert antwoord.status_code == 200
    assert f"{aantal} deelnemende vestigingen" in antwoord.content.decode()


# --- searching the register ----------------------------------------------------------------


@pytest.fixture
def register():
    return {
        "meander": VestigingFactory(
            naam="Basisschool De Meander",
            brin_nummer="12AB",
            vestigingscode="12AB00",
            plaats="Zuidhorn",
            postcode="9801AB",
        ),
        "borgen": VestigingFactory(
            naam="RSG De Borgen",
            onderwijstype="VBO/MAVO/HAVO/VWO",
            brin_nummer="34CD",
            vestigingscode="34CD01",
            plaats="Leek",
            postcode="9351PA",
            leerlingen=1400,
        ),
        "zonnebloem": VestigingFactory(
            naam="Obs De Zonnebloem",
            brin_nummer="56EF",
            vestigingscode="56EF00",
            plaats="Grootegast",
            postcode="9861AC",
        ),
    }


@pytest.mark.parametrize(
    ("zoektekst", "verwacht"),
    [
        ("meander", "meander"),
        ("Leek", "borgen"),
        ("34cd", "borgen"),
        ("56EF00", "zonnebloem"),
        ("9801 AB", "meander"),
        ("9801ab", "meander"),
        ("9861", "zonnebloem"),
        ("zonnebloem grootegast", "zonnebloem"),
    ],
)
def test_search_finds_branches_by_name_place_brin_code_and_postcode(register, zoektekst, verwacht):
    d = leeg_dossier()
    html = inhoud(
        ingelogd(d.programmamanager).get(url("subsidie:vestigingen", d.regio), {"q": zoektekst})
    )
    resultaten = html.split('id="zoekresultaten"')[1].split("</section>")[0]
    for sleutel, vestiging in register.items():
        assert (vestiging.naam in resultaten) == (sleutel == verwacht), (zoektekst, sleutel)
    assert "1 vestiging gevonden." in html


def test_search_puts_the_exact_code_first_and_limits_the_results():
    d = leeg_dossier()
    for i in range(25):
        VestigingFactory(naam=f"Basisschool 99ZZ Noord {i:02d}")
    gezocht = VestigingFactory(
        naam="Zzz laatste op naam", brin_nummer="99ZZ", vestigingscode="99ZZ00"
    )

    antwoord = ingelogd(d.programmamanager).get(url("subsidie:vestigingen", d.regio), {"q": "99zz"})

    resultaten = inhoud(antwoord).split('id="zoekresultaten"')[1]
    assert resultaten.count('class="portaal-zoekresultaat"') == 20
    assert resultaten.index(gezocht.naam) < resultaten.index("Basisschool 99ZZ Noord 00")
    assert "De eerste 20 van 26 vestigingen." in inhoud(antwoord)


def test_search_endpoint_answers_htmx_with_the_results_and_the_announcement(register):
    d = leeg_dossier()
    client = ingelogd(d.programmamanager)

    antwoord = client.get(
        url("subsidie:vestigingen_zoeken", d.regio), {"q": "de"}, headers={"HX-Request": "true"}
    )

    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "<html" not in html
    assert '<p id="zoekstatus" hx-swap-oob="innerHTML">3 vestigingen gevonden.</p>' in html
    assert html.count('class="portaal-zoekresultaat"') == 3
    assert f'name="versie" value="{d.regio.versie}"' in html
    assert 'name="vestiging" value="12AB00"' in html


def test_search_endpoint_without_htmx_sends_the_browser_to_the_page():
    d = leeg_dossier()
    antwoord = ingelogd(d.programmamanager).get(
        url("subsidie:vestigingen_zoeken", d.regio), {"q": "meander"}
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == url("subsidie:vestigingen", d.regio) + "?q=meander"


def test_search_shows_where_a_branch_already_takes_part_instead_of_an_add_button(register):
    d = leeg_dossier()
    andere = RegioFactory(naam="Techregio Westerkwartier")
    neem_deel(andere, register["meander"])
    neem_deel(d.regio, register["zonnebloem"])
    client = ingelogd(d.programmamanager)

    html = client.get(
        url("subsidie:vestigingen_zoeken", d.regio), {"q": "de"}, headers={"HX-Request": "true"}
    ).content.decode()

    assert "al mee in de regio Techregio Westerkwartier" in html
    assert "Doet al mee in deze regio." in html
    assert 'name="vestiging" value="12AB00"' not in html
    assert 'name="vestiging" value="56EF00"' not in html
    assert 'name="vestiging" value="34CD01"' in html
    assert "Telt mee om MAVO/HAVO/VWO; ook VBO, die niet meetellen." in html


def test_search_ranks_a_name_match_above_a_match_on_the_place_only():
    d = leeg_dossier()
    VestigingFactory(naam="Basisschool de Kronkelaar", plaats="Wagenborgen")
    VestigingFactory(naam="RSG De Borgen", plaats="Leek")

    html = inhoud(
        ingelogd(d.programmamanager).get(url("subsidie:vestigingen", d.regio), {"q": "borgen"})
    )

    resultaten = html.split('id="zoekresultaten"')[1]
    assert resultaten.index("RSG De Borgen") < resultaten.index("Basisschool de Kronkelaar")


# --- adding --------------------------------------------------------------------------------


def test_adding_a_branch_writes_the_participation_and_an_audit_event(register):
    d = leeg_dossier()
    versie = d.regio.versie
    client = ingelogd(d.programmamanager)

    antwoord = client.post(
        url("subsidie:vestiging_toevoegen", d.regio),
        {"vestiging": "12AB00", "versie": versie, "q": "meander"},
    )

    assert antwoord.status_code == 302
    assert antwoord["Location"] == url("subsidie:vestigingen", d.regio) + "?q=meander"
    deelname = Deelname.objects.get(regio=d.regio, vestiging=register["meander"])
    assert deelname.status == Deelnamestatus.ACTIEF
    gebeurtenis = Gebeurtenis.objects.get(actie=Actie.DEELNAME_TOEGEVOEGD, regio=d.regio)
    assert gebeurtenis.door == d.programmamanager
    assert gebeurtenis.gegevens["vestigingscode"] == "12AB00"
    d.regio.refresh_from_db()
    assert d.regio.versie == versie + 1

    html = inhoud(client.get(antwoord["Location"]))
    assert "Basisschool De Meander doet nu mee in de regio." in html
    assert "1 van minimaal 20" in html
    assert 'id="vestiging-12AB00"' in html
    # The search stays, with the branch now marked as taking part.
    assert "Doet al mee in deze regio." in html


def test_adding_a_branch_that_takes_part_in_another_region_is_refused(register):
    d = leeg_dossier()
    andere = RegioFactory(naam="Techregio Westerkwartier")
    neem_deel(andere, register["meander"])
    versie = d.regio.versie
    gebeurtenissen = Gebeurtenis.objects.count()
    client = ingelogd(d.programmamanager)

    antwoord = client.post(
        url("subsidie:vestiging_toevoegen", d.regio),
        {"vestiging": "12AB00", "versie": versie},
        follow=True,
    )

    assert (
        "Basisschool De Meander (12AB00, Zuidhorn) doet in dit tijdvak al mee in de regio "
        "Techregio Westerkwartier." in inhoud(antwoord)
    )
    assert not Deelname.objects.filter(regio=d.regio).exists()
    assert Gebeurtenis.objects.count() == gebeurtenissen
    d.regio.refresh_from_db()
    assert d.regio.versie == versie


def test_adding_with_a_stale_version_is_refused(register):
    d = leeg_dossier()
    client = ingelogd(d.programmamanager)
    oud = d.regio.versie
    client.post(
        url("subsidie:vestiging_toevoegen", d.regio), {"vestiging": "12AB00", "versie": oud}
    )

    antwoord = client.post(
        url("subsidie:vestiging_toevoegen", d.regio),
        {"vestiging": "56EF00", "versie": oud},
        follow=True,
    )

    assert "Iemand anders heeft het dossier gewijzigd nadat u dit formulier opende." in inhoud(
        antwoord
    )
    assert list(
        Deelname.objects.filter(regio=d.regio).values_list("vestiging__naam", flat=True)
    ) == ["Basisschool De Meander"]


def test_adding_without_a_version_is_refused(register):
    d = leeg_dossier()
    antwoord = ingelogd(d.programmamanager).post(
        url("subsidie:vestiging_toevoegen", d.regio), {"vestiging": "12AB00"}, follow=True
    )
    assert "Het formulier is onvolledig verstuurd" in inhoud(antwoord)
    assert not Deelname.objects.filter(regio=d.regio).exists()


def test_adding_to_a_submitted_dossier_is_refused_with_a_message(register):
    d = leeg_dossier(status=Regiostatus.INGEDIEND)
    antwoord = ingelogd(d.programmamanager).post(
        url("subsidie:vestiging_toevoegen", d.regio),
        {"vestiging": "12AB00", "versie": d.regio.versie},
        follow=True,
    )
    assert "Het dossier is ingediend en kan niet meer worden gewijzigd." in inhoud(antwoord)
    assert not Deelname.objects.filter(regio=d.regio).exists()


# --- removing ------------------------------------------------------------------------------


def test_removing_asks_for_confirmation_then_removes_the_branch():
    d = leeg_dossier()
    deelname = neem_deel(d.regio, VestigingFactory(naam="Basisschool Per Ongeluk"))
    client = ingelogd(d.programmamanager)
    verwijder_url = url("subsidie:vestiging_verwijderen", d.regio, pk=deelname.pk)

    bevestiging = inhoud(client.get(verwijder_url))
    assert (
        "Weet u zeker dat u Basisschool Per Ongeluk uit de regio wilt verwijderen?" in bevestiging
    )
    assert "Ja, verwijderen" in bevestiging
    assert Deelname.objects.filter(pk=deelname.pk).exists()

    antwoord = client.post(
        verwijder_url, {"versie": d.regio.versie, "reden": "Verkeerde school"}, follow=True
    )

    assert "Basisschool Per Ongeluk is uit de regio verwijderd." in inhoud(antwoord)
    assert not Deelname.objects.filter(pk=deelname.pk).exists()
    gebeurtenis = Gebeurtenis.objects.get(actie=Actie.DEELNAME_VERWIJDERD)
    assert gebeurtenis.reden == "Verkeerde school"


def test_removing_after_a_submission_ends_the_participation_and_keeps_it():
    d = leeg_dossier(status=Regiostatus.AANVULLING_GEVRAAGD)
    deelname = neem_deel(d.regio, VestigingFactory(naam="Basisschool Vertrekt"))
    Indiening.objects.create(
        regio=d.regio,
        versie=1,
        maximale_subsidie=Decimal("0"),
        cofinanciering=Decimal("0"),
        begroting=Decimal("0"),
        inhoud={},
    )
    client = ingelogd(d.programmamanager)
    verwijder_url = url("subsidie:vestiging_verwijderen", d.regio, pk=deelname.pk)
    assert "Ja, deelname beëindigen" in inhoud(client.get(verwijder_url))

    antwoord = client.post(verwijder_url, {"versie": d.regio.versie}, follow=True)

    assert "De deelname van Basisschool Vertrekt is beëindigd." in inhoud(antwoord)
    deelname.refresh_from_db()
    assert deelname.status == Deelnamestatus.BEEINDIGD
    assert Gebeurtenis.objects.filter(actie=Actie.DEELNAME_BEEINDIGD).exists()
    assert f'id="vestiging-{deelname.vestiging.vestigingscode}"' not in inhoud(antwoord)


def test_removing_with_a_stale_version_keeps_the_branch():
    d = leeg_dossier()
    deelname = neem_deel(d.regio, VestigingFactory())
    antwoord = ingelogd(d.programmamanager).post(
        url("subsidie:vestiging_verwijderen", d.regio, pk=deelname.pk),
        {"versie": d.regio.versie - 1 if d.regio.versie > 1 else 999},
        follow=True,
    )
    assert "Iemand anders heeft het dossier gewijzigd" in inhoud(antwoord)
    assert Deelname.objects.filter(pk=deelname.pk).exists()


# --- stated pupils -------------------------------------------------------------------------


@pytest.fixture
def gemengd():
    d = leeg_dossier()
    vestiging = VestigingFactory(
        naam="Lyceum Zuidhorn", onderwijstype="VBO/MAVO/HAVO", leerlingen=800
    )
    return d, neem_deel(d.regio, vestiging)


def opgave(deelname, **velden):
    prefix = f"opgave-{deelname.vestiging.vestigingscode}"
    return {f"{prefix}-{naam}": waarde for naam, waarde in velden.items()}


def test_stating_eligible_pupils_saves_them_and_the_engine_counts_them(gemengd):
    d, deelname = gemengd
    client = ingelogd(d.programmamanager)

    antwoord = client.post(
        url("subsidie:vestiging_leerlingen", d.regio, pk=deelname.pk),
        opgave(
            deelname,
            opgegeven_leerlingen="520",
            leerlingen_toelichting="Mavo en havo volgens de eigen administratie.",
            versie=d.regio.versie,
        ),
    )

    assert antwoord.status_code == 302
    deelname.refresh_from_db()
    assert deelname.opgegeven_leerlingen == 520
    html = inhoud(client.get(antwoord["Location"]))
    assert "Het aantal tellende leerlingen van Lyceum Zuidhorn is opgeslagen." in html
    assert "Opgegeven door de regio: 520 van 800 leerlingen." in html
    assert Gebeurtenis.objects.filter(actie="deelname.gewijzigd", regio=d.regio).exists()


def test_emptying_the_stated_pupils_counts_the_register_again(gemengd):
    d, deelname = gemengd
    deelname.opgegeven_leerlingen = 500
    deelname.leerlingen_toelichting = "Oud"
    deelname.save()

    ingelogd(d.programmamanager).post(
        url("subsidie:vestiging_leerlingen", d.regio, pk=deelname.pk),
        opgave(
            deelname, opgegeven_leerlingen="", leerlingen_toelichting="Oud", versie=d.regio.versie
        ),
    )

    deelname.refresh_from_db()
    assert deelname.opgegeven_leerlingen is None
    assert deelname.leerlingen_toelichting == ""


def test_stated_pupils_above_the_register_are_refused_next_to_the_field(gemengd):
    d, deelname = gemengd
    client = ingelogd(d.programmamanager)
    gegevens = opgave(
        deelname,
        opgegeven_leerlingen="900",
        leerlingen_toelichting="Te veel",
        versie=d.regio.versie,
    )

    antwoord = client.post(url("subsidie:vestiging_leerlingen", d.regio, pk=deelname.pk), gegevens)

    assert antwoord.status_code == 200
    html = inhoud(antwoord)
    fout = html.split(
        'id="id_opgave-' + deelname.vestiging.vestigingscode + '-opgegeven_leerlingen_error"'
    )[1]
    assert "Opgegeven 900 leerlingen, maar het register telt er 800." in fout.split("</div>")[0]
    deelname.refresh_from_db()
    assert deelname.opgegeven_leerlingen is None

    # With htmx only the form comes back, to replace itself in the list.
    antwoord = client.post(
        url("subsidie:vestiging_leerlingen", d.regio, pk=deelname.pk),
        gegevens,
        headers={"HX-Request": "true"},
    )
    html = antwoord.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith("<form")
    assert "Opgegeven 900 leerlingen, maar het register telt er 800." in html


def test_stated_pupils_need_a_short_explanation(gemengd):
    d, deelname = gemengd
    antwoord = ingelogd(d.programmamanager).post(
        url("subsidie:vestiging_leerlingen", d.regio, pk=deelname.pk),
        opgave(
            deelname, opgegeven_leerlingen="500", leerlingen_toelichting="", versie=d.regio.versie
        ),
    )
    assert "Leg kort uit hoe u aan het aantal tellende leerlingen komt." in inhoud(antwoord)
    deelname.refresh_from_db()
    assert deelname.opgegeven_leerlingen is None


def test_saved_pupils_with_htmx_reload_the_list(gemengd):
    d, deelname = gemengd
    antwoord = ingelogd(d.programmamanager).post(
        url("subsidie:vestiging_leerlingen", d.regio, pk=deelname.pk),
        opgave(
            deelname,
            opgegeven_leerlingen="400",
            leerlingen_toelichting="Havo",
            versie=d.regio.versie,
        ),
        headers={"HX-Request": "true"},
    )
    assert antwoord["HX-Refresh"] == "true"
    deelname.refresh_from_db()
    assert deelname.opgegeven_leerlingen == 400


def test_stale_version_with_htmx_sends_the_browser_to_the_current_list(gemengd):
    d, deelname = gemengd
    antwoord = ingelogd(d.programmamanager).post(
        url("subsidie:vestiging_leerlingen", d.regio, pk=deelname.pk),
        opgave(
            deelname,
            opgegeven_leerlingen="400",
            leerlingen_toelichting="Havo",
            versie=d.regio.versie + 1,
        ),
        headers={"HX-Request": "true"},
    )
    assert antwoord["HX-Redirect"] == url("subsidie:vestigingen", d.regio)
    deelname.refresh_from_db()
    assert deelname.opgegeven_leerlingen is None


# --- who may do what -----------------------------------------------------------------------


def alle_urls(regio: Regio, deelname: Deelname) -> list[str]:
    return [
        url("subsidie:vestigingen", regio),
        url("subsidie:vestigingen_zoeken", regio),
        url("subsidie:vestiging_toevoegen", regio),
        url("subsidie:vestiging_verwijderen", regio, pk=deelname.pk),
        url("subsidie:vestiging_leerlingen", regio, pk=deelname.pk),
    ]


def test_project_leader_sees_the_table_without_forms_and_cannot_post(gemengd, register):
    d, deelname = gemengd
    client = ingelogd(d.lid(Rolsoort.PROJECTLEIDER))

    antwoord = client.get(url("subsidie:vestigingen", d.regio), {"q": "meander"})

    html = inhoud(antwoord)
    assert antwoord.status_code == 200
    assert "Lyceum Zuidhorn" in html
    assert "<form" not in html
    assert "Verwijderen" not in html
    assert "Basisschool De Meander" not in html
    for adres in alle_urls(d.regio, deelname):
        assert (
            client.post(adres, {"versie": d.regio.versie, "vestiging": "12AB00"}).status_code == 403
        ), adres
    assert Deelname.objects.filter(regio=d.regio).count() == 1


def test_pm_of_another_region_gets_404_on_every_url(gemengd):
    d, deelname = gemengd
    client = ingelogd(leeg_dossier().programmamanager)
    for adres in alle_urls(d.regio, deelname):
        assert client.get(adres).status_code == 404, adres
        assert client.post(adres, {"versie": d.regio.versie}).status_code == 404, adres


def test_pm_cannot_reach_a_participation_of_another_region_through_their_own():
    eigen = leeg_dossier()
    ander = leeg_dossier()
    vreemd = neem_deel(ander.regio, VestigingFactory())
    client = ingelogd(eigen.programmamanager)
    for naam in ("subsidie:vestiging_verwijderen", "subsidie:vestiging_leerlingen"):
        adres = url(naam, eigen.regio, pk=vreemd.pk)
        assert client.get(adres).status_code == 404
        assert client.post(adres, {"versie": eigen.regio.versie}).status_code == 404
        assert client.post(adres, {}).status_code == 404
    assert Deelname.objects.filter(pk=vreemd.pk).exists()


def test_anonymous_visitors_are_sent_to_the_login(gemengd):
    d, deelname = gemengd
    client = Client()
    for adres in alle_urls(d.regio, deelname):
        antwoord = client.get(adres)
        assert antwoord.status_code == 302, adres
        assert antwoord["Location"].startswith(reverse("login")), adres
        antwoord = client.post(adres, {"versie": d.regio.versie})
        assert antwoord.status_code == 302, adres
        assert antwoord["Location"].startswith(reverse("login")), adres
    assert Deelname.objects.filter(regio=d.regio).count() == 1
