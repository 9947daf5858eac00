"""factory_boy factories shared by all tests."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from partners.models import Gemeente, Organisatie, Organisatiesoort, Persoon, Provincie, Vestiging
from partners.onderwijstypen import classificeer
from regios.models import Bestuursorgaan, Deelname, Orgaansoort, Regio, Rol, Rolsoort, Tijdvak


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@voorbeeld.nl")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"de Vries {n}")
    password = factory.django.Password("geheim-wachtwoord-123")


def provincie(naam: str = "Groningen") -> Provincie:
    return Provincie.objects.get(naam=naam)


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("naam_register",)

    naam_register = "WESTERKWARTIER"
    naam = factory.LazyAttribute(lambda o: o.naam_register.title())
    provincie = factory.LazyFunction(provincie)


class VestigingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vestiging

    brin_nummer = factory.Sequence(
        lambda n: f"{n % 100:02d}{chr(65 + (n // 100) % 26)}{chr(65 + (n // 2600) % 26)}"
    )
    vestigingscode = factory.LazyAttribute(lambda o: f"{o.brin_nummer}00")
    naam = factory.Sequence(lambda n: f"Basisschool De Meander {n}")
    onderwijstype = "basisschool"
    schoolsoort = factory.LazyAttribute(lambda o: classificeer(o.onderwijstype).schoolsoort)
    sector = factory.LazyAttribute(lambda o: classificeer(o.onderwijstype).sector)
    telt_mee = factory.LazyAttribute(lambda o: classificeer(o.onderwijstype).telt_mee)
    telt_mee_reden = factory.LazyAttribute(lambda o: classificeer(o.onderwijstype).reden)
    gemengde_leerwegen = factory.LazyAttribute(lambda o: classificeer(o.onderwijstype).gemengd)
    straat = "Schoolstraat"
    huisnummer = "1"
    postcode = "9801AB"
    plaats = "Zuidhorn"
    gemeente = factory.SubFactory(GemeenteFactory)
    provincie = factory.LazyAttribute(lambda o: o.gemeente.provincie)
    breedtegraad = Decimal("53.245")
    lengtegraad = Decimal("6.405")
    leerlingen = 200
    peildatum = datetime.date(2024, 11, 22)


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Technisch Bedrijf {n}")
    soort = Organisatiesoort.BEDRIJF
    kvk_nummer = factory.Sequence(lambda n: f"{10000000 + n}")
    plaats = "Groningen"


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persoon

    voornaam = "Noor"
    achternaam = factory.Sequence(lambda n: f"Jansen {n}")
    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.nl")


class TijdvakFactory(factory.django.DjangoModelFactory):
    """Periods come from a data migration; this returns the existing one by code."""

    class Meta:
        model = Tijdvak
        django_get_or_create = ("code",)

    code = "tijdvak-2"
    naam = factory.LazyAttribute(lambda o: f"Tijdvak {o.code}")
    eerste_schooljaar = 2026
    aantal_schooljaren = 2
    startdatum = datetime.date(2026, 8, 1)
    einddatum = datetime.date(2028, 7, 31)


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regio

    naam = factory.Sequence(lambda n: f"Techregio {n}")
    slug = factory.Sequence(lambda n: f"techregio-{n}")
    tijdvak = factory.SubFactory(TijdvakFactory)


class DeelnameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deelname

    regio = factory.SubFactory(RegioFactory)
    vestiging = factory.SubFactory(VestigingFactory)


class BestuursorgaanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bestuursorgaan

    regio = factory.SubFactory(RegioFactory)
    soort = Orgaansoort.STUURGROEP
    naam = "Stuurgroep"


class RolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rol

    regio = factory.SubFactory(RegioFactory)
    persoon = factory.SubFactory(PersoonFactory)
    soort = Rolsoort.PROGRAMMAMANAGER
