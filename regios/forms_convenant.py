"""Forms of the dossier's Convenant page: an agreement and a signature.

The forms check what a person can fix in the form itself, in Dutch next to the field; the
services in :mod:`regios.services.convenant` check the rules again inside the transaction.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecosysteem import opmaak
from ecosysteem.formulieren import Formulier

# Signed agreements are scanned documents of a few pages; 10 MB leaves ample room while
# keeping an upload from filling the disk.
MAX_DOCUMENTGROOTTE = 10 * 1024 * 1024
# Dates as a native date picker sends them, and as a Dutch user types them.
DATUMFORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]


def datumveld(label, **kwargs) -> forms.DateField:
    kwargs.setdefault("error_messages", {})
    kwargs["error_messages"] = {
        "invalid": gettext_lazy("Vul een geldige datum in, bijvoorbeeld 01-08-2026."),
        **kwargs["error_messages"],
    }
    return forms.DateField(
        label=label,
        input_formats=DATUMFORMATEN,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


class ConvenantForm(Formulier):
    titel = forms.CharField(
        label=gettext_lazy("Titel"),
        max_length=200,
        help_text=gettext_lazy("Bijvoorbeeld: Samenwerkingsconvenant Techkwadraat 2026–2028."),
        error_messages={"required": gettext_lazy("Geef het convenant een titel.")},
    )
    ingangsdatum = datumveld(
        gettext_lazy("Ingangsdatum"),
        error_messages={"required": gettext_lazy("Vul de ingangsdatum in.")},
    )
    einddatum = datumveld(
        gettext_lazy("Einddatum"),
        required=False,
        help_text=gettext_lazy("Leeg laten: twee jaar na de ingangsdatum."),
    )
    document = forms.FileField(
        label=gettext_lazy("Getekend convenant (pdf)"),
        required=False,
        help_text=gettext_lazy("Een pdf-bestand van hoogstens 10 MB."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={
            "invalid": gettext_lazy("Kies een pdf-bestand."),
            "empty": gettext_lazy("Het gekozen bestand is leeg."),
        },
    )
    document_verwijderen = forms.BooleanField(
        label=gettext_lazy("Huidig document verwijderen"), required=False
    )

    def __init__(self, *args, heeft_document: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not heeft_document:
            del self.fields["document_verwijderen"]
        else:
            self.fields["document"].label = _("Ander document (pdf)")
            self.fields["document"].help_text = _(
                "Vervangt het huidige document. Een pdf-bestand van hoogstens 10 MB."
            )

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if not document:
            return None
        if not document.name.lower().endswith(".pdf"):
            raise ValidationError(_("Kies een pdf-bestand (een bestand dat eindigt op .pdf)."))
        if document.size > MAX_DOCUMENTGROOTTE:
            raise ValidationError(
                _(
                    "Het bestand is groter dan %(maximum)s. Verklein de pdf (bijvoorbeeld "
                    "met een lagere scanresolutie) of kies een ander bestand."
                )
                % {"maximum": filesizeformat(MAX_DOCUMENTGROOTTE)}
            )
        # The name and the browser's content type are the uploader's word; the first bytes
        # of a real PDF are not.
        document.seek(0)
        begin = document.read(5)
        document.seek(0)
        if begin != b"%PDF-":
            raise ValidationError(_("Dit bestand is geen pdf. Kies een pdf-bestand."))
        return document

    def clean(self):
        gegevens = super().clean()
        ingang, einde = gegevens.get("ingangsdatum"), gegevens.get("einddatum")
        if ingang and einde and einde <= ingang:
            self.add_error("einddatum", _("De einddatum moet na de ingangsdatum liggen."))
        return gegevens

    def servicevelden(self) -> dict:
        g = self.cleaned_data
        return {
            "titel": g["titel"],
            "ingangsdatum": g["ingangsdatum"],
            "einddatum": g.get("einddatum"),
            "document": g.get("document"),
            "document_verwijderen": bool(g.get("document_verwijderen")),
        }


class OndertekeningForm(Formulier):
    organisatie = forms.ChoiceField(
        label=gettext_lazy("Partner"),
        error_messages={
            "required": gettext_lazy("Kies de partner die heeft getekend."),
            "invalid_choice": gettext_lazy(
                "Deze organisatie doet niet mee in de regio of heeft al getekend. "
                "Kies een partner uit de lijst."
            ),
        },
    )
    ondertekenaar = forms.CharField(
        label=gettext_lazy("Naam van wie tekende"),
        max_length=160,
        error_messages={"required": gettext_lazy("Vul de naam in van wie heeft getekend.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    functie = forms.CharField(
        label=gettext_lazy("Functie"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("Bijvoorbeeld: voorzitter college van bestuur."),
    )
    datum = datumveld(
        gettext_lazy("Datum van ondertekening"),
        error_messages={"required": gettext_lazy("Vul de datum van ondertekening in.")},
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {str(o.pk): o for o in partners}
        labels = opmaak.onderscheidend([(o.naam, o.plaats) for o in self.partners.values()])
        self.fields["organisatie"].choices = [
            ("", _("Kies een partner")),
            *zip(self.partners, labels, strict=True),
        ]

    def clean_organisatie(self):
        return self.partners[self.cleaned_data["organisatie"]]

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise ValidationError(_("De datum van ondertekening kan niet in de toekomst liggen."))
        return datum

    def servicevelden(self) -> dict:
        return {
            veld: self.cleaned_data[veld]
            for veld in ("organisatie", "ondertekenaar", "functie", "datum")
        }
