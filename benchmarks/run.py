"""Benchmark the whole pipeline on the generated sample company.

Prints one JSON line per stage with wall seconds and the ratio to a reference run in
the same process: DuckDB reading the same opportunity CSV and computing win rate per
account, the floor any stage that touches the opportunities has to pay. Ratios travel
between machines better than seconds do.

Usage: .venv/bin/python benchmarks/run.py [--scale 1.0] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import duckdb

from icpkit.pipeline import run_pipeline
from icpkit.sample import generate_sample
from icpkit.workspace import Workspace


def reference_seconds(opportunities: Path) -> float:
    """Plain DuckDB: read the opportunity export and compute win rate per account."""
    started = time.perf_counter()
    con = duckdb.connect()
    con.execute(
        "select AccountId, avg(case when StageName = 'Closed Won' then 1 else 0 end) "
        "from read_csv_auto(?) where StageName like 'Closed%' group by 1",
        [str(opportunities)],
    ).fetchall()
    con.close()
    return time.perf_counter() - started


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "sample"
        started = time.perf_counter()
        generate_sample(workspace, seed=args.seed, scale=args.scale)
        generated = time.perf_counter() - started
        reference = reference_seconds(workspace / "data" / "opportunities.csv")
        result = run_pipeline(Workspace.open(workspace))
    rows = {"generate": generated, **result.seconds}
    rows["total"] = sum(result.seconds.values())
    for stage, seconds in rows.items():
        line = {
            "measure": stage,
            "scale": args.scale,
            "wall_s": round(seconds, 3),
            "ratio_to_reference": round(seconds / reference, 1),
        }
        print(json.dumps(line))
    summary = {"measure": "reference", "wall_s": round(reference, 3)}
    print(json.dumps({**summary, "peak_rss_mb": round(peak_rss_mb(), 1)}))


if __name__ == "__main__":
    main()
