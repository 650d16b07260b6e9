"""What the sample company plants: its dates, its ICP cell and the rates behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

AS_OF = date(2025, 12, 31)
HISTORY_START = date(2023, 1, 1)
COMPANY_NAME = "Larkspur Analytics"

# Salesforce Industry picklist values and the share of companies in each.
INDUSTRY_WEIGHTS = {
    "Technology": 0.18,
    "Healthcare": 0.09,
    "Manufacturing": 0.09,
    "Retail": 0.07,
    "Banking": 0.06,
    "Finance": 0.05,
    "Consulting": 0.06,
    "Insurance": 0.05,
    "Education": 0.05,
    "Telecommunications": 0.04,
    "Media": 0.04,
    "Transportation": 0.04,
    "Energy": 0.03,
    "Biotechnology": 0.03,
    "Hospitality": 0.03,
    "Construction": 0.03,
    "Food & Beverage": 0.02,
}

# Default size bands (DEFINITIONS.md section 2): lowest head count, label.
SIZE_BANDS: tuple[tuple[int, str], ...] = (
    (1, "1-49"),
    (50, "50-199"),
    (200, "200-999"),
    (1000, "1000-4999"),
    (5000, "5000+"),
)


@dataclass(frozen=True)
class PlantedIcp:
    """The one industry x size band cell that truly wins more, buys sooner and
    grows more.

    Every other cell draws from the base rates, so only this cell has a systematic
    advantage. A prospect opens new-business deals at `deal_rate` a year (times its
    own engagement, mean 1) until its first win; each closed deal is won at
    `win_rate`, so an average prospect becomes a customer at about
    deal_rate x win_rate a year (`conversion`). Companies of the cell are
    `inbound` times as likely as others to be in the CRM at all: they come
    looking. Churn and growth act at each yearly renewal: expected NRR is
    (1 - churn) x growth.
    """

    industry: str = "Technology"
    size_band: str = "200-999"
    min_employees: int = 200
    max_employees: int = 999
    win_rate: float = 0.45
    base_win_rate: float = 0.25
    deal_rate: float = 3.0
    base_deal_rate: float = 1.05
    inbound: float = 2.5
    churn: float = 0.05
    growth: float = 1.31
    base_churn: float = 0.12
    base_growth: float = 1.08

    @property
    def nrr(self) -> float:
        return (1 - self.churn) * self.growth

    @property
    def base_nrr(self) -> float:
        return (1 - self.base_churn) * self.base_growth

    @property
    def conversion(self) -> float:
        """First wins a year per average prospect of the cell."""
        return self.deal_rate * self.win_rate

    @property
    def base_conversion(self) -> float:
        return self.base_deal_rate * self.base_win_rate

    def contains(self, industry: np.ndarray, employees: np.ndarray) -> np.ndarray:
        """True where a company (by its true industry and size) is in the cell."""
        in_band = (employees >= self.min_employees) & (employees <= self.max_employees)
        return np.asarray((industry == self.industry) & in_band, dtype=bool)


PLANTED_ICP = PlantedIcp()


def size_band(employees: np.ndarray) -> np.ndarray:
    """Default size band label (DEFINITIONS.md section 2) of each employee count."""
    edges = np.array([low for low, _ in SIZE_BANDS])
    labels = np.array([label for _, label in SIZE_BANDS], dtype=object)
    return labels[np.searchsorted(edges, employees, side="right") - 1]
