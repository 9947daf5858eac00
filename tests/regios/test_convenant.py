"""The dossier's Convenant page, its services and the reminder before an agreement
expires (also through a real Redis and a real Celery worker)."""

import datetime
import re
import time

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis, UitgaandeEmail
from ecosysteem.outbox import verstuur_email
from regios.models import Convenant, Deelnamestatus, Ondertekening, Regiostatus, Rolsoort
from regios.services.convenant import onderteken, sla_convenant_op
from regios.tasks import herinner_convenant, herinner_verlopende_convenanten
from tests.dossiers import leeg_dossier
from tests.factories import DeelnameFactory, OrganisatieFactory, PersoonFactory, RolFactory

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def vandaag() -> datetime.date:
    return timezone.localdate()


def dagen(n: int) -> datetime.date:
    return vandaag() + datetime.timedelta(days=n)


def html(response) -> str:
    return response.content.decode()


def url(naam: str, regio, **kwargs) -> str:
    return reverse(f"regios:{naam}", kwargs={"slug": regio.slug, **kwargs})


def partner(regio, naam: str):
    return DeelnameFactory(
        regio=regio, vestiging=None, organisatie=OrganisatieFactory(naam=naam)
    ).organisatie


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def veldfout(pagina: str, veld: str) -> str:
    gevonden = re.search(rf'id="id_{veld}_error">(.*?)</div>', pagina, re.S)
    assert gevonden, f"no error next to {veld}"
    return re.sub(r"<[^>]+>", "", gevonden.group(1)).replace("Fout:", "").strip()


def convenant(regio, **velden) -> Convenant:
    velden = {
        "titel": "Samenwerkingsconvenant 2026–2028",
        "ingangsdatum": dagen(-100),
        "einddatum": dagen(630),
        **velden,
    }
    return Convenant.objects.create(regio=regio, **velden)


@pytest.fixture
def dossier(db):
    d = leeg_dossier(naam="Techregio Westerkwartier")
    d.programmamanager.persoon.email = "femke.bakker@voorbeeld.nl"
    d.programmamanager.persoon.save()
    return d


@pytest.fixture
def regio(dossier):
    return dossier.regio


@pytest.fixture
def pm(dossier):
    return ingelogd(dossier.programmamanager)


@pytest.fixture
def fablab(regio):
    return partner(regio, "Fablab Zuidhorn")


@pytest.fixture
def bestuur(regio):
    return partner(regio, "Stichting Primair Westerkwartier")


# --- the page ----------------------------------------------------------------------------


def test_page_shows_signatories_and_the_partners_that_have_not_signed(pm, regio, fablab, bestuur):
    c = convenant(regio)
    Ondertekening.objects.create(
        convenant=c,
        organisatie=bestuur,
        ondertekenaar="Ahmed Yilmaz",
        functie="Voorzitter college van bestuur",
        datum=dagen(-90),
    )
    vertrokken = partner(regio, "Bibliotheek Vertrokken")
    vertrokken.deelnames.update(status=Deelnamestatus.BEEINDIGD)
    partner(convenant(leeg_dossier().regio).regio, "Partner van een andere regio")

    pagina = html(pm.get(url("convenant", regio)))

    blok = pagina.split(f'id="convenant-{c.pk}"', 1)[1]
    getekend, ontbrekend = blok.split(f'id="convenant-{c.pk}-ontbrekend"', 1)
    assert "Samenwerkingsconvenant 2026–2028" in pagina
    assert "Stichting Primair Westerkwartier" in getekend
    assert "Ahmed Yilmaz" in getekend
    assert "Voorzitter college van bestuur" in getekend
    assert "Nog niet getekend" in ontbrekend
    assert "Fablab Zuidhorn" in ontbrekend
    assert "Stichting Primair Westerkwartier" not in ontbrekend
    # A partner that left and another region's partner are not asked to sign.
    assert "Bibliotheek Vertrokken" not in pagina
    assert "Partner van een andere regio" not in pagina
    assert "Loopt" in blok


def test_page_lists_past_agreements_apart_without_missing_partners(pm, regio, fablab):
    oud = convenant(
        regio, titel="Convenant 2022–2024", ingangsdatum=dagen(-900), einddatum=dagen(-170)
    )
    nieuw = convenant(regio, titel="Convenant 2024–2026", ingangsdatum=dagen(-169))

    pagina = html(pm.get(url("convenant", regio)))

    actueel, eerder = pagina.split('id="kop-verlopen"', 1)
    assert f'id="convenant-{nieuw.pk}"' in actueel
    assert f'id="convenant-{oud.pk}"' in eerder
    assert f'id="convenant-{oud.pk}-ontbrekend"' not in eerder
    assert "Verlopen" in eerder


def test_page_warns_when_the_current_agreement_ends_soon(pm, regio):
    convenant(regio, einddatum=dagen(30))
    assert "loopt over 30 dagen af" in html(pm.get(url("convenant", regio)))


def test_page_query_count_does_not_grow_with_agreements_and_signatures(pm, regio):
    convenant(regio)

    def tel() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert pm.get(url("convenant", regio)).status_code == 200
        return len(queries)

    weinig = tel()
    for i in range(4):
        c = convenant(
            regio, titel=f"Convenant {i}", ingangsdatum=dagen(-800 + i), einddatum=dagen(-90 + i)
        )
        for j in range(3):
            org = partner(regio, f"Partner {i}-{j}")
            Ondertekening.objects.create(
                convenant=c, organisatie=org, ondertekenaar="X", datum=dagen(-700)
            )
    assert tel() == weinig


# --- adding and changing an agreement ----------------------------------------------------


def test_programme_manager_adds_an_agreement_that_runs_two_years_by_default(pm, regio):
    antwoord = pm.post(
        url("convenant", regio),
        {"titel": "Samenwerkingsconvenant", "ingangsdatum": "01-08-2026", "einddatum": ""},
    )

    c = Convenant.objects.get(regio=regio)
    assert antwoord.status_code == 302
    assert antwoord["Location"].endswith(f"#convenant-{c.pk}")
    assert c.ingangsdatum == datetime.date(2026, 8, 1)
    assert c.einddatum == datetime.date(2028, 8, 1)
    assert c.herinnering_verstuurd_op is None
    assert Gebeurtenis.objects.filter(actie=Actie.CONVENANT_TOEGEVOEGD, regio=regio).count() == 1


def test_adding_an_agreement_refuses_an_end_before_the_start_in_dutch(pm, regio):
    antwoord = pm.post(
        url("convenant", regio),
        {"titel": "", "ingangsdatum": "2026-08-01", "einddatum": "2026-07-31"},
    )

    pagina = html(antwoord)
    assert antwoord.status_code == 200
    assert veldfout(pagina, "einddatum") == "De einddatum moet na de ingangsdatum liggen."
    assert veldfout(pagina, "titel") == "Geef het convenant een titel."
    assert "Er is niets opgeslagen." in pagina
    assert not Convenant.objects.exists()


def test_adding_an_agreement_refuses_a_date_that_is_not_a_date(pm, regio):
    pagina = html(pm.post(url("convenant", regio), {"titel": "C", "ingangsdatum": "31-02-2026"}))
    assert veldfout(pagina, "ingangsdatum") == "Vul een geldige datum in, bijvoorbeeld 01-08-2026."


def test_document_must_be_a_pdf_of_at_most_10_mb(pm, regio, settings):
    def stuur(naam, inhoud, soort="application/pdf"):
        return html(
            pm.post(
                url("convenant", regio),
                {
                    "titel": "C",
                    "ingangsdatum": "2026-08-01",
                    "document": SimpleUploadedFile(naam, inhoud, content_type=soort),
                },
            )
        )

    assert "Kies een pdf-bestand" in veldfout(stuur("convenant.docx", b"PK\x03\x04"), "document")
    assert veldfout(stuur("convenant.pdf", b"<html>nep</html>"), "document") == (
        "Dit bestand is geen pdf. Kies een pdf-bestand."
    )
    te_groot = PDF + b"0" * (10 * 1024 * 1024)
    assert "Het bestand is groter dan 10,0\xa0MB." in veldfout(
        stuur("groot.pdf", te_groot), "document"
    )
    assert not Convenant.objects.exists()


def test_document_is_stored_under_an_unguessable_name_and_served_only_to_the_dossier(
    pm, dossier, regio
):
    pm.post(
        url("convenant", regio),
        {
            "titel": "Convenant Westerkwartier",
            "ingangsdatum": "2026-08-01",
            "document": SimpleUploadedFile("Geheim convenant.pdf", PDF, "application/pdf"),
        },
    )
    c = Convenant.objects.get()
    assert re.fullmatch(r"convenanten/[0-9a-f]{32}\.pdf", c.document.name)

    antwoord = pm.get(url("convenant_document", regio, pk=c.pk))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert "convenant-westerkwartier.pdf" in antwoord["Content-Disposition"]
    assert "private" in antwoord["Cache-Control"]
    assert b"".join(antwoord.streaming_content) == PDF

    lezer = ingelogd(dossier.lid(Rolsoort.STUURGROEPLID))
    assert lezer.get(url("convenant_document", regio, pk=c.pk)).status_code == 200
    buitenstaander = ingelogd(leeg_dossier().programmamanager)
    assert buitenstaander.get(url("convenant_document", regio, pk=c.pk)).status_code == 404
    assert Client().get(url("convenant_document", regio, pk=c.pk)).status_code == 302


def test_document_of_another_regions_agreement_is_not_found_through_this_region(pm, regio):
    ander = convenant(leeg_dossier().regio, document="convenanten/ander.pdf")
    assert pm.get(url("convenant_document", regio, pk=ander.pk)).status_code == 404


def test_changing_the_end_date_replaces_the_document_and_allows_a_new_reminder(
    pm, dossier, regio, django_capture_on_commit_callbacks
):
    c = convenant(regio, einddatum=dagen(30), herinnering_verstuurd_op=timezone.now())
    sla_convenant_op(
        regio=regio,
        door=dossier.programmamanager,
        convenant=c,
        titel=c.titel,
        ingangsdatum=c.ingangsdatum,
        einddatum=c.einddatum,
        document=SimpleUploadedFile("a.pdf", PDF),
    )
    oud = Convenant.objects.get().document.name

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = pm.post(
            url("convenant_wijzigen", regio, pk=c.pk),
            {
                "titel": "Verlengd convenant",
                "ingangsdatum": c.ingangsdatum.isoformat(),
                "einddatum": dagen(400).isoformat(),
                "document": SimpleUploadedFile("b.pdf", PDF + b"%nieuw", "application/pdf"),
            },
        )

    assert antwoord.status_code == 302
    c.refresh_from_db()
    assert c.titel == "Verlengd convenant"
    assert c.einddatum == dagen(400)
    assert c.herinnering_verstuurd_op is None
    assert c.document.name != oud
    assert not c.document.storage.exists(oud)
    gebeurtenis = Gebeurtenis.objects.filter(actie=Actie.CONVENANT_GEWIJZIGD).latest("pk")
    assert set(gebeurtenis.gegevens["wijzigingen"]) == {"titel", "einddatum", "document"}


def test_edit_form_refuses_an_end_before_the_start(pm, regio):
    c = convenant(regio)
    pagina = html(
        pm.post(
            url("convenant_wijzigen", regio, pk=c.pk),
            {"titel": "C", "ingangsdatum": "2026-08-01", "einddatum": "2026-08-01"},
        )
    )
    assert veldfout(pagina, "einddatum") == "De einddatum moet na de ingangsdatum liggen."


def test_agreement_can_be_renewed_and_signed_after_the_dossier_was_awarded(
    dossier, pm, regio, fablab
):
    regio.status = Regiostatus.TOEGEKEND
    regio.save()
    versie = regio.versie

    pagina = html(pm.get(url("convenant", regio)))
    assert "Het convenant kunt u wel bijwerken" in pagina
    pm.post(url("convenant", regio), {"titel": "Verlenging", "ingangsdatum": dagen(-5).isoformat()})
    c = Convenant.objects.get()
    antwoord = pm.post(
        url("convenant_ondertekenen", regio, pk=c.pk),
        {"organisatie": fablab.pk, "ondertekenaar": "Jan Smit", "datum": vandaag().isoformat()},
    )

    assert antwoord.status_code == 302
    assert c.ondertekeningen.get().organisatie == fablab
    regio.refresh_from_db()
    # Not a change of what was submitted: the dossier's version stays.
    assert regio.versie == versie


# --- signatures --------------------------------------------------------------------------


def test_programme_manager_records_a_signature_and_the_partner_moves_to_the_signatories(
    pm, regio, fablab, bestuur
):
    c = convenant(regio)
    formulier = html(pm.get(url("convenant_ondertekenen", regio, pk=c.pk)))
    assert "Fablab Zuidhorn" in formulier

    antwoord = pm.post(
        url("convenant_ondertekenen", regio, pk=c.pk),
        {
            "organisatie": fablab.pk,
            "ondertekenaar": "Jan Smit",
            "functie": "Directeur",
            "datum": dagen(-1).strftime("%d-%m-%Y"),
        },
    )

    assert antwoord.status_code == 302
    o = Ondertekening.objects.get()
    assert (o.organisatie, o.ondertekenaar, o.functie, o.datum) == (
        fablab,
        "Jan Smit",
        "Directeur",
        dagen(-1),
    )
    assert (
        Gebeurtenis.objects.filter(actie=Actie.ONDERTEKENING_TOEGEVOEGD, regio=regio).count() == 1
    )
    pagina = html(pm.get(url("convenant", regio)))
    ontbrekend = pagina.split(f'id="convenant-{c.pk}-ontbrekend"', 1)[1]
    assert "Fablab Zuidhorn" not in ontbrekend
    assert "Stichting Primair Westerkwartier" in ontbrekend
    # Who signed is no longer offered.
    assert "Fablab Zuidhorn" not in html(pm.get(url("convenant_ondertekenen", regio, pk=c.pk)))


def test_signature_refusals_are_dutch_and_next_to_the_field(pm, regio, fablab):
    c = convenant(regio, ingangsdatum=dagen(-10))
    buitenstaander = OrganisatieFactory(naam="Geen Partner BV")

    def teken(**velden):
        gegevens = {
            "organisatie": fablab.pk,
            "ondertekenaar": "Jan",
            "datum": vandaag().isoformat(),
        }
        gegevens.update(velden)
        return html(pm.post(url("convenant_ondertekenen", regio, pk=c.pk), gegevens))

    assert veldfout(teken(datum=dagen(1).isoformat()), "datum") == (
        "De datum van ondertekening kan niet in de toekomst liggen."
    )
    assert "Controleer het jaartal" in veldfout(teken(datum=dagen(-400).isoformat()), "datum")
    assert veldfout(teken(ondertekenaar=""), "ondertekenaar") == (
        "Vul de naam in van wie heeft getekend."
    )
    assert "doet niet mee in de regio" in veldfout(
        teken(organisatie=buitenstaander.pk), "organisatie"
    )
    assert not Ondertekening.objects.exists()

    teken()
    assert "doet niet mee in de regio of heeft al getekend" in veldfout(teken(), "organisatie")
    assert Ondertekening.objects.count() == 1


def test_service_refuses_a_second_signature_and_a_signature_after_the_end(dossier, regio, fablab):
    c = convenant(regio, ingangsdatum=dagen(-800), einddatum=dagen(-70))
    pm = dossier.programmamanager
    with pytest.raises(Exception) as fout:
        onderteken(convenant=c, door=pm, organisatie=fablab, ondertekenaar="Jan", datum=dagen(-1))
    assert "na de einddatum" in str(fout.value)
    onderteken(convenant=c, door=pm, organisatie=fablab, ondertekenaar="Jan", datum=dagen(-100))
    with pytest.raises(Exception) as fout:
        onderteken(convenant=c, door=pm, organisatie=fablab, ondertekenaar="Piet", datum=dagen(-90))
    assert "heeft dit convenant al ondertekend" in str(fout.value)


def test_signing_before_the_start_is_allowed(pm, regio, fablab):
    c = convenant(regio, ingangsdatum=dagen(60), einddatum=dagen(790))
    pm.post(
        url("convenant_ondertekenen", regio, pk=c.pk),
        {"organisatie": fablab.pk, "ondertekenaar": "Jan", "datum": dagen(-3).isoformat()},
    )
    assert Ondertekening.objects.get().datum == dagen(-3)


def test_programme_manager_removes_a_signature_after_confirming(pm, regio, fablab):
    c = convenant(regio)
    o = Ondertekening.objects.create(
        convenant=c, organisatie=fablab, ondertekenaar="Jan Smit", datum=dagen(-2)
    )

    bevestiging = html(pm.get(url("convenant_ondertekening_verwijderen", regio, pk=o.pk)))
    assert "Jan Smit" in bevestiging
    assert Ondertekening.objects.exists()
    antwoord = pm.post(url("convenant_ondertekening_verwijderen", regio, pk=o.pk))

    assert antwoord.status_code == 302
    assert not Ondertekening.objects.exists()
    assert (
        Gebeurtenis.objects.filter(actie=Actie.ONDERTEKENING_VERWIJDERD, regio=regio).count() == 1
    )


# --- who may do what ---------------------------------------------------------------------


def convenant_urls(regio, fablab) -> list[str]:
    c = convenant(regio, document="convenanten/x.pdf")
    o = Ondertekening.objects.create(
        convenant=c, organisatie=fablab, ondertekenaar="Jan", datum=dagen(-1)
    )
    return [
        url("convenant", regio),
        url("convenant_wijzigen", regio, pk=c.pk),
        url("convenant_ondertekenen", regio, pk=c.pk),
        url("convenant_document", regio, pk=c.pk),
        url("convenant_ondertekening_verwijderen", regio, pk=o.pk),
    ]


def test_programme_manager_of_another_region_gets_404_on_every_convenant_url(regio, fablab):
    urls = convenant_urls(regio, fablab)
    client = ingelogd(leeg_dossier().programmamanager)
    gebeurtenissen = Gebeurtenis.objects.count()
    for adres in urls:
        assert client.get(adres).status_code == 404, adres
        assert client.post(adres, {"titel": "X", "ingangsdatum": "2026-08-01"}).status_code == 404
    assert Gebeurtenis.objects.count() == gebeurtenissen
    assert Ondertekening.objects.count() == 1


@pytest.mark.parametrize("rol", [Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID])
def test_readers_see_the_page_but_get_403_on_every_write(dossier, regio, fablab, rol):
    urls = convenant_urls(regio, fablab)
    lezer = ingelogd(dossier.lid(rol))
    gebeurtenissen = Gebeurtenis.objects.count()

    pagina = html(lezer.get(urls[0]))
    assert "Jan" in pagina
    assert "Convenant toevoegen" not in pagina
    assert "wijzigen" not in pagina.split('id="convenant-', 1)[1]
    for adres in urls:
        assert lezer.post(adres, {"titel": "X", "ingangsdatum": "2026-08-01"}).status_code == 403
    for adres in urls[1:3] + urls[4:]:
        assert lezer.get(adres).status_code == 403, adres
    assert Gebeurtenis.objects.count() == gebeurtenissen
    assert Convenant.objects.count() == 1


def test_service_refuses_someone_who_is_not_programme_manager(dossier, regio, fablab):
    lezer = dossier.lid(Rolsoort.PROJECTLEIDER)
    with pytest.raises(Exception, match="Alleen de programmamanager"):
        sla_convenant_op(regio=regio, door=lezer, titel="C", ingangsdatum=dagen(0))
    assert not Convenant.objects.exists()


# --- the reminder ------------------------------------------------------------------------


def herinner() -> dict:
    """The daily reminder run, and the outbox's tasks it queues on commit (which the
    test's transaction never reaches by itself)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return herinner_verlopende_convenanten.delay().get()


@pytest.fixture
def herinnering(db, settings, mailoutbox):
    # After ``db``: setting up the test database starts a fresh outbox.
    settings.CONVENANT_HERINNERING_DAGEN = 60
    return mailoutbox


def test_reminder_is_sent_once_60_days_before_the_end(herinnering, regio, fablab, bestuur):
    c = convenant(regio, titel="Convenant 2024–2026", einddatum=dagen(60))
    Ondertekening.objects.create(
        convenant=c, organisatie=bestuur, ondertekenaar="Ahmed Yilmaz", datum=dagen(-500)
    )

    herinner()

    assert len(herinnering) == 1
    bericht = herinnering[0]
    assert bericht.to == ["femke.bakker@voorbeeld.nl"]
    assert "Convenant 2024–2026" in bericht.subject
    assert "loopt over 60 dagen af" in bericht.body
    assert "Stichting Primair Westerkwartier (Ahmed Yilmaz" in bericht.body
    assert "Nog niet ondertekend:\n- Fablab Zuidhorn" in bericht.body
    assert reverse("regios:convenant", kwargs={"slug": regio.slug}) in bericht.body
    c.refresh_from_db()
    assert c.herinnering_verstuurd_op is not None
    assert Gebeurtenis.objects.filter(actie=Actie.CONVENANT_HERINNERING, regio=regio).count() == 1

    herinner()
    assert herinner_convenant(c.pk) is False
    rij = UitgaandeEmail.objects.get(gebeurtenis__actie=Actie.CONVENANT_HERINNERING)
    assert rij.verstuurd_op is not None and verstuur_email(rij.pk) is False
    assert len(herinnering) == 1


def test_reminder_goes_to_every_current_programme_manager(herinnering, regio):
    RolFactory(
        regio=regio,
        soort=Rolsoort.PROGRAMMAMANAGER,
        persoon=PersoonFactory(email="tweede@voorbeeld.nl"),
    )
    RolFactory(
        regio=regio,
        soort=Rolsoort.PROGRAMMAMANAGER,
        persoon=PersoonFactory(email="vertrokken@voorbeeld.nl"),
        einddatum=dagen(-1),
    )
    RolFactory(
        regio=regio, soort=Rolsoort.PROJECTLEIDER, persoon=PersoonFactory(email="pl@voorbeeld.nl")
    )
    convenant(regio, einddatum=dagen(10))

    herinner()

    # One e-mail per address, each to that address alone.
    assert sorted(adres for bericht in herinnering for adres in bericht.to) == [
        "femke.bakker@voorbeeld.nl",
        "tweede@voorbeeld.nl",
    ]
    assert all(len(bericht.to) == 1 for bericht in herinnering)


def test_no_reminder_61_days_before_the_end_nor_for_expired_agreements(herinnering, regio):
    convenant(regio, titel="Nog ver weg", einddatum=dagen(61))
    convenant(regio, titel="Vandaag afgelopen", ingangsdatum=dagen(-730), einddatum=vandaag())
    convenant(regio, titel="Al verlopen", ingangsdatum=dagen(-900), einddatum=dagen(-5))

    uitkomst = herinner()

    assert uitkomst["convenanten"] == []
    assert herinnering == []
    assert not Convenant.objects.filter(herinnering_verstuurd_op__isnull=False).exists()


def test_a_renewal_gets_its_own_reminder(herinnering, regio):
    convenant(regio, einddatum=dagen(20), herinnering_verstuurd_op=timezone.now())
    nieuw = convenant(regio, titel="Verlenging", ingangsdatum=dagen(21), einddatum=dagen(50))

    herinner()

    assert len(herinnering) == 1
    assert "Verlenging" in herinnering[0].subject
    nieuw.refresh_from_db()
    assert nieuw.herinnering_verstuurd_op is not None


def test_without_a_programme_manager_the_reminder_waits(herinnering, regio):
    regio.rollen.all().delete()
    c = convenant(regio, einddatum=dagen(10))

    herinner()

    assert herinnering == []
    c.refresh_from_db()
    assert c.herinnering_verstuurd_op is None


def test_reminder_task_is_scheduled_daily(settings):
    schema = settings.CELERY_BEAT_SCHEDULE["herinner-verlopende-convenanten"]
    assert schema["task"] == "regios.tasks.herinner_verlopende_convenanten"
    assert schema["task"] in herinner_verlopende_convenanten.app.tasks


def test_reminder_through_a_real_redis_and_a_real_celery_worker(
    celery_werker, settings, mailoutbox
):
    # Created here, after the worker fixture: the rows must be committed (transactional
    # database) so the worker's own connection sees them.
    settings.CONVENANT_HERINNERING_DAGEN = 60
    d = leeg_dossier()
    d.programmamanager.persoon.email = "pm@voorbeeld.nl"
    d.programmamanager.persoon.save()
    c = convenant(d.regio, titel="Convenant via Redis", einddatum=dagen(45))

    resultaat = herinner_verlopende_convenanten.delay()
    assert resultaat.__class__.__name__ == "AsyncResult"
    uitkomst = resultaat.get(timeout=20)
    # The run puts the e-mail in the outbox and queues it; the worker sends it.
    assert wacht_op(lambda: len(mail.outbox) == 1)

    assert uitkomst["convenanten"] == [c.pk]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["pm@voorbeeld.nl"]
    c.refresh_from_db()
    assert c.herinnering_verstuurd_op is not None
    assert wacht_op(lambda: UitgaandeEmail.objects.filter(verstuurd_op__isnull=False).exists())

    # A second run through the broker finds nothing left to send.
    assert herinner_verlopende_convenanten.delay().get(timeout=20)["convenanten"] == []
    assert len(mail.outbox) == 1


def wacht_op(voorwaarde, tijd=20.0):
    einde = time.monotonic() + tijd
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.1)
    return False
