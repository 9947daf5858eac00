"""The PDF machinery: PDF/UA output, and a renderer that serves static files from disk and
fetches nothing else (no network, no files outside the static folders)."""

from __future__ import annotations

import contextlib
import io
import socket
import threading

import pytest
from pypdf import PdfReader

from ecosysteem.documenten import (
    GeweigerdeURL,
    PriveOpslag,
    VeiligeFetcher,
    render_pdf,
    statisch_bestand,
)

HTML = (
    '<!DOCTYPE html><html lang="nl"><head><title>Proef</title>{kop}</head>'
    "<body><h1>Proef</h1><p>Tekst.</p>{lijf}</body></html>"
)


def test_render_pdf_gives_tagged_pdf_ua_in_dutch():
    lezer = PdfReader(io.BytesIO(render_pdf(HTML.format(kop="", lijf=""))))
    catalogus = lezer.trailer["/Root"]
    assert catalogus["/Lang"] == "nl"
    assert catalogus["/MarkInfo"]["/Marked"].value is True
    assert catalogus["/StructTreeRoot"]["/K"]
    assert 'pdfuaid:part="1"' in catalogus["/Metadata"].get_object().get_data().decode()
    assert lezer.metadata.title == "Proef"


def test_static_urls_are_served_from_disk(settings):
    bestand = statisch_bestand("http://localhost/static/css/portaal.css")
    assert bestand.name == "portaal.css" and bestand.is_file()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/plaatje.png",
        "https://localhost/media/convenanten/geheim.pdf",
        "http://localhost/static/../ecosysteem/settings/base.py",
        "file:///etc/passwd",
        "ftp://localhost/static/css/portaal.css",
        "data:text/plain,hallo",
    ],
)
def test_everything_else_is_refused(url):
    with pytest.raises(GeweigerdeURL):
        statisch_bestand(url)


def test_the_renderer_never_connects_out():
    """A page pointing at a server that listens: the server sees no connection."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    poort = server.getsockname()[1]
    verbindingen = []

    def luister():
        with contextlib.suppress(OSError):
            verbindingen.append(server.accept())

    draad = threading.Thread(target=luister)
    draad.start()
    adres = f"http://127.0.0.1:{poort}"
    pdf = render_pdf(
        HTML.format(
            kop=f'<link rel="stylesheet" href="{adres}/stijl.css">',
            lijf=f'<img src="{adres}/plaatje.png" alt="plaatje">',
        ),
        base_url=adres,
    )
    draad.join()
    server.close()
    assert pdf.startswith(b"%PDF")
    assert verbindingen == []


def test_the_fetcher_records_what_it_refused():
    class Respons:
        def __init__(self, **kwargs):
            self.kwargs = kwargs

    fetcher = VeiligeFetcher(Respons)
    assert fetcher("http://localhost/static/css/portaal.css").kwargs["body"]
    with pytest.raises(GeweigerdeURL):
        fetcher("http://example.org/x.css")
    assert fetcher.geweigerd == ["http://example.org/x.css"]


def test_private_storage_has_no_url_and_lives_outside_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    opslag = PriveOpslag()
    assert opslag.location == str((tmp_path / "prive").resolve())
    with pytest.raises(ValueError):
        opslag.url("rapporten/x.pdf")
