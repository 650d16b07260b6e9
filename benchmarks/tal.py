"""TAL benchmark: look-alike scoring and entity resolution over a generated universe.

    .venv/bin/python benchmarks/tal.py --companies 1000000 [--measures score resolve]

Generates a universe of N companies (benchmarks/universe.py: realistic names and
domains, 5 % duplicates with known truth) into a Parquet file, then runs each
measure in a fresh process so its peak memory is its own, and prints one JSON
line per measure:

    {"measure": "score" | "resolve", "companies": N, "wall_s": ...,
     "peak_rss_mb": ..., "f1": ...}

score: streams the Parquet file in Arrow batches through lookalike.score_batches
(model trained on a small generated CRM first, not timed); f1 is null.
resolve: resolve_with_findings(method="probabilistic") over the CRM rows as
accounts and the vendor rows as universe (reading the file not timed); f1 is
the pairwise F1 against the generated truth, with precision and recall, and the
cluster-level counterparts: B-cubed F1 and the share of true entities resolved
exactly (exact_cluster_rate).
Above --resolve-max companies resolve is skipped with a note line.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
from universe import generate, write_universe

from icpkit.config import LookalikeSettings, ResolveSettings, default_size_bands
from icpkit.lookalike import LookalikeModel, fit_lookalike, score_batches
from icpkit.resolve import resolve_with_findings
from icpkit.resolve.quality import bcubed_scores, exact_cluster_rate, pairwise_scores

MEASURES = ("score", "resolve")
RESOLVE_MAX = 1_000_000
SEED = 11


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def model() -> LookalikeModel:
    """A model trained on 5,000 generated accounts (software 50-199 customers are
    tier A) and 5,000 unlabeled companies."""
    rng = np.random.default_rng(SEED + 1)
    accounts = generate(5_000, SEED + 1).to_pandas()
    accounts = accounts.rename(columns={"company_id": "account_id"})
    accounts["account_id"] = "A" + accounts["account_id"].astype(str)
    planted = (accounts["industry"] == "software") & accounts["employees"].between(
        50, 199
    )
    segments = pd.DataFrame({
        "account_id": accounts["account_id"],
        "segment_tier": np.where(planted, "A", "C"),
        "is_customer": planted | (rng.random(len(accounts)) < 0.4), "arr_as_of": 1.0,
    })  # fmt: skip
    universe = generate(5_000, SEED + 2).to_pandas()
    universe["company_id"] = "U" + universe["company_id"].astype(str)
    return fit_lookalike(accounts, segments, None, universe, date(2025, 12, 31),
                         LookalikeSettings(), default_size_bands())  # fmt: skip


def measure_score(path: Path, batch_size: int) -> dict[str, object]:
    fitted = model()
    started = time.perf_counter()
    scored, tier_a = 0, 0
    batches = pq.ParquetFile(path).iter_batches(batch_size=batch_size)
    for batch in score_batches(fitted, batches):
        scored += batch.num_rows
        tiers = batch.column("fit_tier").to_numpy(zero_copy_only=False)
        tier_a += int(np.sum(tiers == "A"))
    wall = time.perf_counter() - started
    return {"measure": "score", "companies": scored, "wall_s": round(wall, 2),
            "peak_rss_mb": peak_rss_mb(), "f1": None, "tier_a": tier_a}  # fmt: skip


def split_records(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """CRM rows as accounts (account_id), the vendor rows as the universe."""
    crm = frame["source"] == "crm"
    accounts = frame.loc[crm].rename(columns={"company_id": "account_id"})
    universe = frame.loc[~crm]
    return accounts.drop(columns="source"), universe


def measure_resolve(path: Path) -> dict[str, object]:
    frame = pq.read_table(path).to_pandas()
    truth = frame["entity"].to_numpy()
    accounts, universe = split_records(frame.drop(columns="entity"))
    del frame
    settings = ResolveSettings(method="probabilistic")
    started = time.perf_counter()
    result = resolve_with_findings(accounts, universe, settings)
    wall = time.perf_counter() - started
    entities = result.entities
    record = entities["record_id"].astype("int64").to_numpy()
    true_entity = pd.Series(truth[record])
    scores = pairwise_scores(true_entity, entities["entity_id"])
    bcubed = bcubed_scores(true_entity, entities["entity_id"])
    exact_share = exact_cluster_rate(true_entity, entities["entity_id"])
    return {
        "measure": "resolve", "companies": len(entities), "wall_s": round(wall, 2),
        "peak_rss_mb": peak_rss_mb(), "f1": round(scores["f1"], 4),
        "precision": round(scores["precision"], 4),
        "recall": round(scores["recall"], 4),
        "bcubed_f1": round(bcubed["f1"], 4),
        "exact_cluster_rate": round(exact_share, 4),
        "entities": int(entities["entity_id"].nunique()),
        "true_entities": len(np.unique(truth)),
    }  # fmt: skip


def run_child(args: argparse.Namespace) -> None:
    """One measure (or the generation) in this process."""
    if args.child == "generate":
        write_universe(args.data, args.companies, args.seed)
        return
    if args.child == "score":
        line = measure_score(args.data, args.batch)
    else:
        line = measure_resolve(args.data)
    print(json.dumps(line), flush=True)


def spawn(child: str, data: Path, args: argparse.Namespace) -> None:
    """Run one step in a fresh interpreter; its JSON line goes to stdout."""
    command = [sys.executable, __file__, "--child", child, "--data", str(data),
               "--companies", str(args.companies), "--seed", str(args.seed),
               "--batch", str(args.batch)]  # fmt: skip
    if args.verbose:
        command.append("--verbose")
    completed = subprocess.run(command, check=False)
    if completed.returncode:
        sys.exit(f"{child} at {args.companies:,} companies failed "
                 f"(exit {completed.returncode})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=100_000)
    parser.add_argument("--measures", nargs="+", choices=MEASURES, default=MEASURES)
    parser.add_argument("--resolve-max", type=int, default=RESOLVE_MAX)
    parser.add_argument("--batch", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--verbose", action="store_true", help="log stage timings")
    parser.add_argument(
        "--child", choices=("generate", *MEASURES), help=argparse.SUPPRESS
    )
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.verbose:
        layout = "%(relativeCreated)8.0f ms %(name)s: %(message)s"
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format=layout)
        logging.getLogger("splink").setLevel(logging.WARNING)
    if args.child:
        run_child(args)
        return
    with tempfile.TemporaryDirectory(prefix="icpkit-bench-") as folder:
        data = Path(folder) / "universe.parquet"
        spawn("generate", data, args)
        for name in args.measures:
            if name == "resolve" and args.companies > args.resolve_max:
                note = {"measure": "resolve", "companies": args.companies,
                        "skipped": f"above --resolve-max {args.resolve_max:,}: "
                        "the in-memory resolve is not run at this size"}  # fmt: skip
                print(json.dumps(note), flush=True)
                continue
            spawn(name, data, args)


if __name__ == "__main__":
    main()
