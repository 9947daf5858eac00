"""Names of the ministry's groups. Regional roles live in ``regios.Rol``."""

BEOORDELAARS = "Beoordelaars"
BESLUITVORMERS = "Besluitvormers"
BEHEERDERS = "Beheerders"

# Everyone in these groups works for the ministry (reviewing, deciding, administering) and
# logs in with a second factor.
MINISTERIEGROEPEN = frozenset({BEOORDELAARS, BESLUITVORMERS, BEHEERDERS})
