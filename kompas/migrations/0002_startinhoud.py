"""Start content of the intervention compass: two compass points with a first factsheet.

Administrators maintain the compass afterwards; this only makes sure a fresh installation
shows something meaningful. Rows are found by slug and title, so running it again, or on a
database where an administrator already made the point, adds nothing twice and overwrites
nothing.
"""

from django.db import migrations

KOMPASPUNTEN = [
    {
        "slug": "regionale-samenwerking",
        "naam": "Regionale samenwerking",
        "volgorde": 10,
        "samenvatting": (
            "Scholen, bedrijven, gemeenten en organisaties buiten de school bundelen hun "
            "kennis, mensen en plekken, zodat elk kind binnen en buiten de school met "
            "technologie aan de slag kan."
        ),
        "beschrijving": (
            "<p>Geen school, bedrijf of museum kan in zijn eentje zorgen voor goed "
            "technologieonderwijs voor alle kinderen in een regio. Wie elkaar structureel "
            "opzoekt, vormt samen een leerecosysteem: een netwerk waarin iedere partner "
            "inbrengt waar hij sterk in is, en waarin lokalen, werkplaatsen en expertise "
            "gedeeld worden.</p>"
            "<p>Dit kompaspunt gaat over vragen als: hoe vinden partners elkaar, hoe groeien "
            "losse contacten uit tot een verband dat blijft, en hoe houd je de samenwerking "
            "gezond als mensen en geldstromen wisselen? Samenwerking raakt bijna altijd ook "
            "aan andere kompaspunten, zoals onderwijsontwikkeling.</p>"
        ),
        "praktijkvoorbeelden": [
            {
                "titel": "Next Education",
                "waar": "Westerkwartier",
                "tekst": (
                    "<p>Ieder jaar sluiten tien basisscholen aan bij een traject waarin de "
                    "Rijksuniversiteit Groningen, de gemeente Westerkwartier, Fablab Groningen "
                    "en de middelbare school RSG De Borgen samen optrekken. Leerkrachten "
                    "krijgen hulp om onderzoekend leren een vaste plek in hun klas te geven, "
                    "en brengen technologie zo op een nieuwe manier bij hun leerlingen.</p>"
                ),
            },
            {
                "titel": "Techhubs in de Stedendriehoek",
                "waar": "Apeldoorn, Deventer, Epe/Vaassen en Zutphen",
                "tekst": (
                    "<p>In vier plaatsen staat een techhub waar kinderen, jongeren en "
                    "volwassenen ontdekken wat leren en werken in de techniek inhoudt. "
                    "Platform Techniek Stedendriehoek (PTS3H) is de drijvende kracht: het "
                    "brengt scholen en bedrijven bij elkaar, organiseert het uitwisselen van "
                    "kennis en ervaring, en zorgt dat materialen en gereedschap gedeeld "
                    "worden.</p>"
                ),
            },
            {
                "titel": "STEAM Limburg",
                "waar": "Limburg",
                "tekst": (
                    "<p>Alle basisscholen in de provincie doen mee in één netwerk voor "
                    "technologieonderwijs. Om het netwerk ook na de opstart overeind te "
                    "houden, kiest het voor drie dingen:</p>"
                    "<ul><li>aansluiten bij structuren die er al zijn, in plaats van iets "
                    "nieuws ernaast te zetten;</li>"
                    "<li>het eigenaarschap bij de schoolbesturen leggen, met een vaste "
                    "coördinator en een convenant voor meerdere jaren;</li>"
                    "<li>bewust werken aan communicatie en aan het beeld dat mensen van het "
                    "netwerk hebben.</li></ul>"
                ),
            },
        ],
        "onderzoeksinzichten": [
            {
                "titel": "Vijf condities voor samenwerking",
                "bron": "Common Eye, model voor samenwerken in netwerken",
                "link": "https://www.commoneye.nl/",
                "tekst": (
                    "<p>Het Common Eye-model beschrijft vijf condities die samen bepalen of "
                    "een samenwerking tot iets leidt. Ze vragen voortdurend onderhoud, niet "
                    "alleen aandacht bij de start:</p>"
                    "<ul><li><strong>Ambitie</strong>: hebben de partners een doel dat ze "
                    "alleen niet kunnen halen, en is dat doel echt gedeeld?</li>"
                    "<li><strong>Belangen</strong>: zijn de eigen en de gezamenlijke belangen "
                    "uitgesproken, en levert de samenwerking iedere partner iets op?</li>"
                    "<li><strong>Relatie</strong>: vertrouwen de partners elkaar, en kunnen "
                    "ze een conflict samen oplossen?</li>"
                    "<li><strong>Organisatie</strong>: passen de rollen, de besluitvorming en "
                    "de afspraken bij wat de partners willen bereiken?</li>"
                    "<li><strong>Proces</strong>: worden de stappen in een goede volgorde "
                    "gezet, en blijft de voortgang in beeld?</li></ul>"
                    "<p>Een veelgemaakte fout is beginnen met contracten en planningen "
                    "voordat de ambitie helder is.</p>"
                ),
            },
            {
                "titel": "Acht succesfactoren voor lokale samenwerking",
                "bron": (
                    "VSC, vereniging van science centers en wetenschapsmusea, met het "
                    "Verwey-Jonker Instituut: rapport Leerecosystemen"
                ),
                "link": "",
                "tekst": (
                    "<p>Uit onderzoek naar leerecosystemen in onder meer Tilburg, Zwolle, "
                    "Eindhoven en Groningen komen acht factoren naar voren die lokale "
                    "samenwerking laten slagen:</p>"
                    "<ol><li>een droom die de partners samen hebben;</li>"
                    "<li>duidelijke doelen en begrip voor elkaars belangen;</li>"
                    "<li>een sterke programmaleider die de regio kent;</li>"
                    "<li>vertrouwen in elkaar, en een klik tussen de mensen;</li>"
                    "<li>een gemeente die betrokken is;</li>"
                    "<li>steun van veel partijen in de eigen omgeving;</li>"
                    "<li>iedere partner draagt bij vanuit wat hij goed kan;</li>"
                    "<li>een stevige financiële basis.</li></ol>"
                ),
            },
            {
                "titel": "Lessen over regionale samenwerking",
                "bron": (
                    "Platform Bèta Techniek, publicatie over de aanpak en effectiviteit van "
                    "interventies"
                ),
                "link": "",
                "tekst": (
                    "<p>Platform Bèta Techniek werkte jarenlang met regio's aan "
                    "bètatechniek in het onderwijs. Een paar lessen uit die ervaring:</p>"
                    "<ul><li>Regionale doelen sluiten het best aan op ruim geformuleerde "
                    "landelijke doelen; de partners in de regio blijven eigenaar van de "
                    "aanpak.</li>"
                    "<li>Beleg het eigenaarschap breder dan voor de hand ligt: ook een partij "
                    "die zelf niets uitvoert, zoals een provincie, kan met een regierol veel "
                    "betekenen.</li>"
                    "<li>Regio's leren veel van elkaar. Vaak is een goed gelegde verbinding, "
                    "of een aanpak die zichtbaar werkt, al genoeg om verder te komen.</li>"
                    "<li>Sturing van bovenaf werkt het best samen met initiatief van onderop, "
                    "zoals netwerken en regionale samenwerking.</li></ul>"
                ),
            },
        ],
        "hulpmiddelen": [
            {
                "titel": "Kennis en voorbeelden op de site van Techkwadraat",
                "link": "https://www.techkwadraat.nl/",
                "tekst": (
                    "<p>Het programma verzamelt kennis, tools en voorbeelden uit het hele land "
                    "en vult die regelmatig aan. Op de netwerkkaart ziet u welke scholen en "
                    "organisaties bij u in de buurt meedoen.</p>"
                ),
            },
            {
                "titel": "Samenwerkingstools van Sterk Techniekonderwijs",
                "link": "https://www.sterktechniekonderwijs.nl/",
                "tekst": (
                    "<p>Sterk Techniekonderwijs ontwikkelde instrumenten waarmee een netwerk "
                    "nagaat hoe de samenwerking er nu voor staat en wat beter kan. Handig om "
                    "het gesprek in een stuurgroep of werkgroep op gang te brengen.</p>"
                ),
            },
            {
                "titel": "Bouwstenen van een netwerk",
                "link": "https://www.commoneye.nl/",
                "tekst": (
                    "<p>Common Eye biedt gespreksvragen bij de vijf condities en laat zien "
                    "welke bouwstenen een netwerk nodig heeft: een gedeelde ambitie, een "
                    "eigen identiteit, een stevig fundament en een passende manier van "
                    "organiseren.</p>"
                ),
            },
        ],
    },
    {
        "slug": "onderwijsontwikkeling",
        "naam": "Onderwijsontwikkeling",
        "volgorde": 20,
        "samenvatting": (
            "Technologie krijgt een vaste plek in het onderwijs: leraren ontwikkelen samen "
            "lessen en leerlijnen die aansluiten op andere vakken en doorlopen naar het "
            "vervolgonderwijs."
        ),
        "beschrijving": (
            "<p>Technologieonderwijs werkt het best als het niet los naast het rooster "
            "staat, maar verweven is met andere vakken zoals taal, rekenen, natuur en kunst, "
            "en als het doorloopt van de basisschool naar het vervolgonderwijs. Daarvoor "
            "hebben leraren tijd en ruimte nodig om samen te ontwikkelen, uit te proberen en "
            "te verbeteren.</p>"
            "<p>Dit kompaspunt gaat over het onderwijs zelf: lesmateriaal, leerlijnen, de "
            "professionele ontwikkeling van leraren, en bijhouden wat werkt.</p>"
        ),
        "praktijkvoorbeelden": [
            {
                "titel": "Een technieklokaal voor de basisschool",
                "waar": "STO-regio Waterland",
                "tekst": (
                    "<p>De regio kijkt verder dan het vmbo. Er is een lokaal speciaal "
                    "ingericht voor leerlingen van groep 3 tot en met 8, en basisscholen "
                    "boeken er zonder veel moeite een ochtend of middag. Zo werken jonge "
                    "kinderen al vroeg met goed gereedschap aan techniek.</p>"
                ),
            },
            {
                "titel": "Toptechniek in bedrijf",
                "waar": "Noordoost-Brabant",
                "tekst": (
                    "<p>Sinds 2012 werken acht vmbo-scholen, twee roc's en bedrijven uit de "
                    "regio samen, zodat meer jongeren goed doorstromen naar een technische "
                    "mbo-opleiding en naar werk. De vraag hoe je de leerling verder helpt "
                    "staat voorop, niet de concurrentie tussen scholen. Het onderwijs houdt de "
                    "regie. Uit dit netwerk ontstond in 2018 de eerste regio van Sterk "
                    "Techniekonderwijs.</p>"
                ),
            },
        ],
        "onderzoeksinzichten": [
            {
                "titel": "Kies de interventie die past bij de fase",
                "bron": (
                    "Platform Bèta Techniek, publicatie over de aanpak en effectiviteit van "
                    "interventies"
                ),
                "link": "",
                "tekst": (
                    "<p>Een vernieuwing doorloopt vier fasen: pilot, vroege volgers, "
                    "opschaling en late volgers. Bij iets dat nog nieuw is, werkt een "
                    "kleinschalige, experimentele aanpak met een kennisprogramma het best. "
                    "Is eenmaal bekend wat werkt, dan helpen instrumenten als benchmarking of "
                    "regels om het breed in te voeren.</p>"
                    "<p>Platform Bèta Techniek onderscheidt zeven niveaus waarop je kunt "
                    "ingrijpen: financiële middelen, monitoring en benchmarking, "
                    "pilotgerichte interventies, een kennisprogramma, regionale samenwerking, "
                    "samenwerking in de keten van schoolsoorten, en ondersteuning van "
                    "netwerken.</p>"
                ),
            },
            {
                "titel": "Monitoren om bij te sturen, vergelijken om te leren",
                "bron": (
                    "Platform Bèta Techniek, publicatie over de aanpak en effectiviteit van "
                    "interventies"
                ),
                "link": "",
                "tekst": (
                    "<p>Monitoring is meer dan verantwoording afleggen. Wie een aanpak lang "
                    "genoeg volgt, kan op tijd bijsturen en bouwt kennis op voor anderen. "
                    "Vergelijken met andere regio's of scholen (benchmarking) levert pas iets "
                    "op als:</p>"
                    "<ul><li>de deelnemers dezelfde begrippen en hetzelfde denkkader "
                    "gebruiken;</li>"
                    "<li>het moment goed gekozen is: in de opstart is een netwerk vooral met "
                    "zichzelf bezig en staat het nog weinig open voor een blik van "
                    "buiten;</li>"
                    "<li>er ruimte is voor maatwerk, zodat de vergelijking aansluit bij wat "
                    "een regio zelf wil leren.</li></ul>"
                ),
            },
            {
                "titel": "Wat een pilot laat slagen",
                "bron": (
                    "Platform Bèta Techniek, publicatie over de aanpak en effectiviteit van "
                    "interventies"
                ),
                "link": "",
                "tekst": (
                    "<p>Een pilot is zinvol als hij iets toevoegt wat het bestaande onderwijs "
                    "nog niet biedt. Leg de uitvoering bij een klein, wendbaar team dat snel "
                    "kan schakelen, maar zorg dat de pilot genoeg aansluit bij hoe scholen nu "
                    "werken: uiteindelijk is het doel dat het gewone onderwijs verandert, en "
                    "daarvoor zijn de scholen en opleidingen zelf nodig.</p>"
                ),
            },
        ],
        "hulpmiddelen": [
            {
                "titel": "Platform Talent voor Technologie",
                "link": "https://www.ptvt.nl/",
                "tekst": (
                    "<p>Techkwadraat is een programma van de ministeries van OCW en EZ dat "
                    "samen met Platform Talent voor Technologie wordt uitgevoerd. Het "
                    "platform deelt kennis over technologieonderwijs en over de aansluiting "
                    "tussen onderwijs en werk.</p>"
                ),
            },
            {
                "titel": "Sterk Techniekonderwijs",
                "link": "https://www.sterktechniekonderwijs.nl/",
                "tekst": (
                    "<p>Elke Techkwadraataanvraag moest afgestemd zijn met de STO-regio. "
                    "Sommige regio's gebruiken de overleggen en de voorzieningen van Sterk "
                    "Techniekonderwijs, bijvoorbeeld om leraren in het primair onderwijs en "
                    "op havo en vwo verder te scholen in technologie.</p>"
                ),
            },
            {
                "titel": "Handreikingen van Techkwadraat",
                "link": "https://www.techkwadraat.nl/",
                "tekst": (
                    "<p>Op de programmasite staan de handreikingen voor regio's, waaronder "
                    "die over het interventiekompas, met bestaande inzichten en beproefde "
                    "aanpakken voor knelpunten die veel regio's tegenkomen.</p>"
                ),
            },
        ],
    },
]


def maak_startinhoud(apps, schema_editor):
    Kompaspunt = apps.get_model("kompas", "Kompaspunt")
    onderdelen = {
        "praktijkvoorbeelden": apps.get_model("kompas", "Praktijkvoorbeeld"),
        "onderzoeksinzichten": apps.get_model("kompas", "Onderzoeksinzicht"),
        "hulpmiddelen": apps.get_model("kompas", "Hulpmiddel"),
    }
    for gegevens in KOMPASPUNTEN:
        velden = {k: v for k, v in gegevens.items() if k not in onderdelen and k != "slug"}
        andere = Kompaspunt.objects.filter(naam=gegevens["naam"]).exclude(slug=gegevens["slug"])
        if andere.exists():
            # An administrator made this point already under another address: the name is
            # unique, and their version stays.
            continue
        kompaspunt, nieuw = Kompaspunt.objects.get_or_create(slug=gegevens["slug"], defaults=velden)
        if not nieuw:
            # An administrator made or changed this point already: leave it as it is.
            continue
        for soort, model in onderdelen.items():
            for volgorde, onderdeel in enumerate(gegevens[soort], start=1):
                model.objects.get_or_create(
                    kompaspunt=kompaspunt,
                    titel=onderdeel["titel"],
                    defaults={k: v for k, v in onderdeel.items() if k != "titel"}
                    | {"volgorde": volgorde * 10},
                )


class Migration(migrations.Migration):
    dependencies = [("kompas", "0001_initial")]

    operations = [
        migrations.RunPython(maak_startinhoud, migrations.RunPython.noop, elidable=False),
    ]
