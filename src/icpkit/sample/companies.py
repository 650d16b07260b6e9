"""True firmographics of every company in the sample world, before any source
writes them down (CRM accounts and universe prospects are drawn from here)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.sample import geography, names
from icpkit.sample.plan import INDUSTRY_WEIGHTS

EMPLOYEES_MEDIAN = 180.0
EMPLOYEES_SIGMA = 1.5
REVENUE_PER_EMPLOYEE = 180_000.0


def draw_employees(rng: np.random.Generator, count: int) -> np.ndarray:
    """Head counts from a log-normal (median 180), between 1 and 300,000."""
    drawn = rng.lognormal(np.log(EMPLOYEES_MEDIAN), EMPLOYEES_SIGMA, size=count)
    return np.clip(np.round(drawn), 1, 300_000).astype(np.int64)


def draw_industries(rng: np.random.Generator, count: int) -> np.ndarray:
    labels = np.array(list(INDUSTRY_WEIGHTS), dtype=object)
    weights = np.array(list(INDUSTRY_WEIGHTS.values()))
    return rng.choice(labels, size=count, p=weights / weights.sum())


def draw_revenue(rng: np.random.Generator, employees: np.ndarray) -> np.ndarray:
    """Annual revenue in USD: head count x a log-normal revenue per employee."""
    per_employee = rng.lognormal(np.log(REVENUE_PER_EMPLOYEE), 0.5, size=len(employees))
    return np.round(employees * per_employee, -3)


def draw_companies(rng: np.random.Generator, count: int) -> pd.DataFrame:
    """`count` distinct companies with stem, name, domain and firmographics."""
    stems = names.unique_stems(rng, count)
    iso2 = geography.draw_countries(rng, count)
    employees = draw_employees(rng, count)
    companies = pd.DataFrame(
        {
            "stem": stems,
            "name": names.legal_name(rng, stems, iso2),
            "industry": draw_industries(rng, count),
            "employees": employees,
            "annual_revenue": draw_revenue(rng, employees),
            "iso2": iso2,
        }
    )
    places = geography.draw_places(rng, iso2)
    companies["state"] = places["state"].to_numpy()
    companies["city"] = places["city"].to_numpy()
    companies["domain"] = [names.domain(s, c) for s, c in zip(stems, iso2, strict=True)]
    return companies
