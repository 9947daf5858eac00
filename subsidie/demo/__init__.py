"""Demo data: five example regions after the ones the programme's sources describe, built
from real branches of the school register and fictional partners (``manage.py demo``)."""
