"""Streaming look-alike scoring over a generated universe of N companies.

    python benchmarks/score.py --companies 1000000 [--batch 200000]

Trains one model on a small generated CRM (not timed), then generates the
universe in batches (industry, employees, revenue, country, region; no names
are needed to score) and scores it with lookalike.score_batches. Prints one JSON
line: {"measure": "score", "companies": N, "wall_s": ..., "peak_rss_mb": ...};
wall_s covers generating and scoring the batches, peak_rss_mb is the process's
peak resident memory (model training included).
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Iterator
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa

from icpkit.config import LookalikeSettings, default_size_bands
from icpkit.lookalike import LookalikeModel, fit_lookalike, score_batches

INDUSTRIES = np.array(["software", "retail", "energy", "healthcare", "insurance",
                       "manufacturing", "education", "media"])  # fmt: skip
COUNTRIES = np.array(["US", "GB", "DE", "FR", "CA", "AU", "NL", "JP", "BR", "IN"])
REGIONS = np.array(["North America", "EMEA", "EMEA", "EMEA", "North America",
                    "APAC", "EMEA", "APAC", "LATAM", "APAC"])  # fmt: skip
SEED = 11


def firmographics(count: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    country = rng.integers(0, len(COUNTRIES), count)
    employees = np.round(rng.lognormal(5.0, 1.5, count)).astype(float)
    employees[rng.random(count) < 0.03] = np.nan
    revenue = employees * rng.lognormal(11.5, 0.6, count)
    return {
        "industry": INDUSTRIES[rng.integers(0, len(INDUSTRIES), count)],
        "employees": employees,
        "annual_revenue": revenue,
        "country": COUNTRIES[country],
        "region": REGIONS[country],
    }


def batches(companies: int, size: int) -> Iterator[pa.RecordBatch]:
    rng = np.random.default_rng(SEED)
    for start in range(0, companies, size):
        count = min(size, companies - start)
        columns = firmographics(count, rng)
        columns["company_id"] = np.arange(start, start + count)
        yield pa.RecordBatch.from_pydict(columns)


def model() -> LookalikeModel:
    """5,000 accounts (software 200-999 customers are tier A) and 5,000 unlabeled."""
    rng = np.random.default_rng(SEED + 1)
    accounts = pd.DataFrame(firmographics(5_000, rng))
    accounts["account_id"] = [f"A{i}" for i in range(len(accounts))]
    accounts["name"] = accounts["account_id"]
    planted = (accounts["industry"] == "software") & accounts["employees"].between(
        200, 999
    )
    segments = pd.DataFrame({
        "account_id": accounts["account_id"],
        "segment_tier": np.where(planted, "A", "C"),
        "is_customer": rng.random(len(accounts)) < 0.4, "arr_as_of": 1.0,
    })  # fmt: skip
    segments["is_customer"] |= planted
    universe = pd.DataFrame(firmographics(5_000, rng))
    universe["company_id"] = [f"U{i}" for i in range(len(universe))]
    return fit_lookalike(accounts, segments, None, universe, date(2025, 12, 31),
                         LookalikeSettings(), default_size_bands())  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--companies", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=200_000)
    args = parser.parse_args()
    fitted = model()
    started = time.perf_counter()
    scored, tier_a = 0, 0
    for batch in score_batches(fitted, batches(args.companies, args.batch)):
        scored += batch.num_rows
        tier_a += int(np.sum(batch.column("fit_tier").to_numpy(zero_copy_only=False)
                             == "A"))  # fmt: skip
    wall = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    line = {"measure": "score", "companies": scored, "wall_s": round(wall, 2),
            "peak_rss_mb": round(peak_kib / 1024, 1), "tier_a": tier_a}  # fmt: skip
    print(json.dumps(line))


if __name__ == "__main__":
    main()
