"""Names of the ministry's groups. Regional roles live in ``regios.Rol``."""

BEOORDELAARS = "Beoordelaars"
BESLUITVORMERS = "Besluitvormers"
BEHEERDERS = "Beheerders"
