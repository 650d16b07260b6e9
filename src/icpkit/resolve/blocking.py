"""Blocking rules of the probabilistic pass and their pair counts, before predicting."""

from __future__ import annotations

import logging

import pandas as pd

from icpkit.errors import StageError

log = logging.getLogger(__name__)

# Records are compared only when they agree on every column of at least one rule.
# core_variants is an array (each distinctive name token and, for long ones, its
# one-letter deletions): its rule pairs records of one country sharing any of
# them, so a typo in the brand still meets its original. A rule on the first
# letters of names (city & 3 letters, token prefixes) compared 30 to 116 million
# pairs at a million companies for no gain in recall on the generated truth.
EXPLODED = "core_variants"
PREDICT_RULES: tuple[tuple[str, ...], ...] = (
    ("domain_key",),
    (EXPLODED, "country_block"),
)
# Expectation maximisation runs on two different rules (DESIGN: resolve).
TRAINING_RULES: tuple[tuple[str, ...], ...] = (("token_first",), ("token_longest",))


def add_block_columns(features: pd.DataFrame) -> pd.DataFrame:
    """country_block (country, "?" when unknown) and name_prefix (3 characters)."""
    frame = features.copy()
    frame["country_block"] = frame["country"].fillna("?")
    frame["name_prefix"] = frame["name_key"].str[:3]
    return frame


def rule_pairs(frame: pd.DataFrame, rule: tuple[str, ...]) -> int:
    """Pairs a rule generates: sum of n(n-1)/2 over groups agreeing on every column."""
    keys = frame[list(rule)]
    if EXPLODED in rule:
        keys = keys.explode(EXPLODED)
    keys = keys.dropna()
    sizes = keys.groupby(list(rule), sort=False).size().astype("int64")
    return int((sizes * (sizes - 1) // 2).sum())


def check_rules(
    frame: pd.DataFrame, rules: tuple[tuple[str, ...], ...], limit: int
) -> dict[str, int]:
    """Pair count of each rule, logged; StageError when one exceeds `limit`."""
    counts = {" & ".join(rule): rule_pairs(frame, rule) for rule in rules}
    for name, count in counts.items():
        log.info("blocking rule %s: %s pairs", name, f"{count:,}")
        if count > limit:
            raise StageError(
                f"Blocking rule '{name}' would compare {count:,} record pairs, "
                f"more than resolve.max_block_pairs = {limit:,}. Too many records "
                "share one value of it; raise the limit or use resolve.method = "
                "'exact'."
            )
    return counts
