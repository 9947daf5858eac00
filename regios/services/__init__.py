"""Writes on regions: creating a region, who takes part (also a partner registered on the
spot), the penvoerder, governance bodies and roles, the agreement and partner registration.

Every function is one use case: it checks state and input, writes inside one transaction and
records the audit event, so a refusal leaves nothing behind. The ``controleer_*`` functions
(:mod:`.controles`) are the checks on their own, for forms that want to show a refusal next
to a field before anything is saved. The modules per subject: :mod:`.regio`,
:mod:`.deelname`, :mod:`.bestuur`, :mod:`.convenant`, :mod:`.aanmelding`,
:mod:`.uitnodiging`; the most used
functions are importable from here.
"""

from .bestuur import (
    VELD_VAN_FOUT,
    controleer_programmamanager_blijft,
    ken_rol_toe,
    maak_orgaan,
    trek_rol_in,
    verwijder_orgaan,
    wijzig_orgaan,
    wijzig_rol,
)
from .controles import (
    PENVOERDER_SOORTEN,
    ROL_IN_ORGAAN,
    SAMENSTELLING_OPEN,
    controleer_dossier_open,
    controleer_leerlingen,
    controleer_orgaansoort,
    controleer_organisatie_kan_meedoen,
    controleer_penvoerder,
    controleer_rol,
    controleer_samenstelling_open,
    controleer_vestiging_kan_meedoen,
)
from .deelname import (
    beeindig_deelname,
    bestaande_organisatie_met_kvk,
    kvk_bestaat_fout,
    maak_partner,
    verwijder_deelname,
    voeg_organisatie_toe,
    voeg_vestiging_toe,
    wijs_penvoerder_aan,
    wijzig_deelname,
)
from .regio import (
    maak_regio,
    verwijder_regio,
    wijzig_regio,
)
from .uitnodiging import nodig_uit_voor_account

__all__ = [
    "PENVOERDER_SOORTEN",
    "ROL_IN_ORGAAN",
    "SAMENSTELLING_OPEN",
    "VELD_VAN_FOUT",
    "beeindig_deelname",
    "bestaande_organisatie_met_kvk",
    "controleer_dossier_open",
    "controleer_leerlingen",
    "controleer_orgaansoort",
    "controleer_organisatie_kan_meedoen",
    "controleer_penvoerder",
    "controleer_programmamanager_blijft",
    "controleer_rol",
    "controleer_samenstelling_open",
    "controleer_vestiging_kan_meedoen",
    "ken_rol_toe",
    "kvk_bestaat_fout",
    "maak_orgaan",
    "maak_partner",
    "maak_regio",
    "nodig_uit_voor_account",
    "trek_rol_in",
    "verwijder_deelname",
    "verwijder_orgaan",
    "verwijder_regio",
    "voeg_organisatie_toe",
    "voeg_vestiging_toe",
    "wijs_penvoerder_aan",
    "wijzig_deelname",
    "wijzig_orgaan",
    "wijzig_regio",
    "wijzig_rol",
]
