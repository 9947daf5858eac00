"""Who may manage and who may answer a region's collaboration scan.

The scan reflects on the collaboration and is not part of the application, so neither
permission depends on the dossier's state.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from ecosysteem.rechten import registreer_recht
from regios.rules import heeft_rol, is_programmamanager

registreer_recht(
    "kompas.scan_beheren",
    (
        is_programmamanager,
        gettext_lazy("Alleen de programmamanager van de regio beheert de scan."),
    ),
)
# Every current role counts: partner contacts as much as the steering group.
registreer_recht(
    "kompas.scan_invullen",
    (heeft_rol, gettext_lazy("U hebt geen rol in deze regio.")),
)
