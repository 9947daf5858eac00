"""Formatting shared by pages, messages and reports."""

from decimal import Decimal


def euro(bedrag: Decimal | int | None, *, centen: bool = True) -> str:
    """Dutch notation: € 1.234.567,00 (or € 1.234.567 without cents)."""
    if bedrag is None:
        return ""
    tekst = f"{Decimal(bedrag):,.{2 if centen else 0}f}"
    return "€ " + tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def getal(aantal: int | None) -> str:
    """Dutch thousands separator: 12.345."""
    if aantal is None:
        return ""
    return f"{aantal:,}".replace(",", ".")


def schooljaar_label(beginjaar: int) -> str:
    """A school year by its first calendar year: 2026 gives 2026/27."""
    return f"{beginjaar}/{(beginjaar + 1) % 100:02d}"
