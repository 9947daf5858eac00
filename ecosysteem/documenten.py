"""Documents the portal makes or keeps: accessible PDFs rendered with WeasyPrint, and the
private storage where they (and uploaded documents) live.

Three guarantees, shared by every report and letter:

* WeasyPrint is imported when a PDF is rendered, not when Django starts: it loads Pango
  and its fonts (tens of megabytes), which the web pages never need (the worker does).
* Rendering never fetches anything from the network: :class:`VeiligeFetcher` serves files
  under the static folders (the stylesheet, the fonts) from disk and refuses every other
  URL, so a link in user content cannot make the worker call out (SSRF) or read files.
* Files are stored under ``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``, which no URL
  serves: a document is only reachable through a view that checks the permission.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

from .audit import Actie, leg_vast

__all__ = [
    "PDF_VARIANT",
    "GeweigerdeURL",
    "PriveOpslag",
    "VeiligeFetcher",
    "prive_opslag",
    "registreer_download",
    "render_pdf",
    "statisch_bestand",
]

# Tagged PDF with structure tree, language and the PDF/UA identification in its XMP.
PDF_VARIANT = "pdf/ua-1"


class GeweigerdeURL(ValueError):
    """A URL the renderer will not fetch: anything that is not one of our static files."""


def statisch_bestand(url: str) -> Path:
    """The file on disk behind a static URL (``/static/…`` relative to any host, as
    WeasyPrint makes it absolute with the base URL, or ``file://`` inside the static
    folders). Anything else raises :class:`GeweigerdeURL`."""
    delen = urlsplit(url)
    pad = unquote(delen.path)
    if delen.scheme in ("http", "https") and pad.startswith(settings.STATIC_URL):
        relatief = pad.removeprefix(settings.STATIC_URL)
        if ".." in Path(relatief).parts:
            raise GeweigerdeURL(url)
        gevonden = finders.find(relatief)
        if gevonden:
            return Path(gevonden)
        kandidaat = (Path(settings.STATIC_ROOT) / relatief).resolve()
        if kandidaat.is_file() and kandidaat.is_relative_to(Path(settings.STATIC_ROOT).resolve()):
            return kandidaat
        raise GeweigerdeURL(url)
    if delen.scheme == "file":
        bestand = Path(pad).resolve()
        for map_ in _statische_mappen():
            if bestand.is_relative_to(map_) and bestand.is_file():
                return bestand
    raise GeweigerdeURL(url)


def _statische_mappen() -> list[Path]:
    mappen = [Path(m if isinstance(m, str | Path) else m[1]) for m in settings.STATICFILES_DIRS]
    mappen.append(Path(settings.STATIC_ROOT))
    return [m.resolve() for m in mappen]


class VeiligeFetcher:
    """WeasyPrint's URL fetcher for the portal: static files from disk, nothing else.

    Duck-typed to WeasyPrint's ``URLFetcher`` (which it calls with the URL and asks for
    ``_fail_on_errors``), so this module needs no WeasyPrint import of its own. A refused
    URL is reported to WeasyPrint as a failed fetch: the resource is left out, and the
    refusal is kept in :attr:`geweigerd` for tests and logs."""

    _fail_on_errors = False

    def __init__(self, respons_klasse):
        self._respons = respons_klasse
        self.geweigerd: list[str] = []

    def __call__(self, url: str):
        try:
            bestand = statisch_bestand(url)
        except GeweigerdeURL:
            self.geweigerd.append(url)
            raise
        soort = mimetypes.guess_type(bestand.name)[0] or "application/octet-stream"
        return self._respons(
            url=bestand.as_uri(), body=bestand.read_bytes(), headers={"Content-Type": soort}
        )


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """``html`` as tagged PDF/UA-1. The HTML must carry ``lang`` and a ``<title>`` (the
    PDF's language and title); fonts come from ``@font-face`` rules pointing at static
    files, embedded as subsets. ``base_url`` resolves relative URLs (``/static/…``);
    by default the portal's own address."""
    import weasyprint  # lazy: loads Pango and fonts, only needed where PDFs are rendered

    fetcher = VeiligeFetcher(weasyprint.urls.URLFetcherResponse)
    return weasyprint.HTML(
        string=html,
        base_url=base_url or settings.SITE_URL or "http://localhost/",
        url_fetcher=fetcher,
    ).write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)


@deconstructible
class PriveOpslag(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT``, without a URL: served only by views that check
    permissions. The folder is read from the settings at use, so tests can move it."""

    def __init__(self, **kwargs):
        kwargs.pop("location", None)
        kwargs.pop("base_url", None)
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Privébestanden hebben geen openbare URL; gebruik de downloadweergave.")


def prive_opslag() -> PriveOpslag:
    """For ``FileField(storage=prive_opslag)``: a callable keeps the folder out of the
    migrations."""
    return PriveOpslag()


def registreer_download(*, door, regio, onderwerp, omschrijving: str, gegevens: dict | None = None):
    """Record that ``door`` read a document of a dossier (who read what, when): every
    download view calls this before it hands out the file."""
    return leg_vast(
        actie=Actie.DOCUMENT_GEDOWNLOAD,
        omschrijving=omschrijving,
        door=door,
        onderwerp=onderwerp,
        regio=regio,
        gegevens=gegevens or {},
    )
