"""Entity-resolution quality on dedupe-org-names (patstat), one JSON line per method.

    .venv/bin/python benchmarks/resolve_quality.py [--data ../shared/data]

Each line: {"measure": "resolve_quality", "data": "dedupe-org-names", "method": ...,
"records": N, "wall_s": ..., "pairwise_precision": ..., "pairwise_recall": ...,
"pairwise_f1": ..., "bcubed_precision": ..., "bcubed_recall": ..., "bcubed_f1": ...,
"exact_cluster_rate": ...}.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pandas as pd

from icpkit.config import ResolveSettings
from icpkit.resolve import resolve_with_findings
from icpkit.resolve.quality import bcubed_scores, exact_cluster_rate, pairwise_scores

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def patstat(folder: Path) -> tuple[pd.DataFrame, pd.Series]:
    names = pd.read_csv(folder / "patstat_input.csv", dtype=str)
    truth = pd.read_csv(folder / "patstat_reference.csv", dtype=str)
    frame = names.merge(truth, on="person_id", validate="one_to_one")
    universe = pd.DataFrame(
        {"company_id": frame["person_id"], "name": frame["Name"], "source": "patstat"}
    )
    return universe, frame["leuven_id"]


def measure(universe: pd.DataFrame, truth: pd.Series, method: str) -> dict:
    accounts = pd.DataFrame({"account_id": [], "name": []}, dtype="string")
    started = time.perf_counter()
    result = resolve_with_findings(accounts, universe, ResolveSettings(method=method))
    wall = time.perf_counter() - started
    predicted = result.entities["entity_id"]
    row = {
        "measure": "resolve_quality",
        "data": "dedupe-org-names",
        "method": method,
        "records": len(universe),
        "wall_s": round(wall, 2),
    }
    for prefix, scores in (
        ("pairwise", pairwise_scores(truth, predicted)),
        ("bcubed", bcubed_scores(truth, predicted)),
    ):
        row |= {f"{prefix}_{k}": round(v, 4) for k, v in scores.items()}
    row["exact_cluster_rate"] = round(exact_cluster_rate(truth, predicted), 4)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    universe, truth = patstat(args.data / "dedupe-org-names")
    for method in ("exact", "probabilistic"):
        print(json.dumps(measure(universe, truth, method)))


if __name__ == "__main__":
    main()
