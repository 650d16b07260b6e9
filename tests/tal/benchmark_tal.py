"""Time resolve + train + score + TAL on 5,000 accounts and 50,000 universe rows.

Run: .venv/bin/python tests/tal/benchmark_tal.py  (not collected by pytest)
"""

# ruff: noqa: I001
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from conftest import AS_OF, make_world

from icpkit.config import WorkspaceConfig
from icpkit.resolve import resolve_with_findings
from icpkit.tal import build_tal


def main(accounts: int = 5_000, universe: int = 50_000) -> None:
    world = make_world(accounts, universe, seed=1)
    config = WorkspaceConfig()
    started = time.perf_counter()
    resolved = resolve_with_findings(world.accounts, world.universe)
    resolved_at = time.perf_counter()
    result = build_tal(
        world.accounts, world.opportunities, world.universe, resolved.entities,
        world.account_segments, world.segments, AS_OF, config.lookalike,
        config.tal, config.segments,
    )  # fmt: skip
    done = time.perf_counter()
    card = result.model_card
    lines = [
        f"records {accounts + universe:,}; entities {len(result.tal):,}",
        f"resolve {resolved_at - started:.1f} s; train {card['training_seconds']} s",
        f"TAL total (train+score+explain+merge) {done - resolved_at:.1f} s",
        f"all {done - started:.1f} s; cv AUC {card['cv_auc']}",
        str(result.tal["status"].value_counts().to_dict()),
    ]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
