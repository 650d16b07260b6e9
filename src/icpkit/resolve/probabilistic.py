"""Probabilistic record linkage (Fellegi-Sunter, splink on DuckDB) of the records
the exact keys did not join."""

from __future__ import annotations

import logging
import time
from typing import Any

import numpy as np
import pandas as pd

from icpkit.config import ResolveSettings
from icpkit.resolve.blocking import (
    EXPLODED,
    PREDICT_RULES,
    TRAINING_RULES,
    add_block_columns,
    check_rules,
)
from icpkit.resolve.features import ARRAY_COLUMNS, FEATURE_COLUMNS

log = logging.getLogger(__name__)

LINK_COLUMNS = ("left", "right", "match_probability", "match_reason")


def probabilistic_links(
    features: pd.DataFrame, settings: ResolveSettings
) -> pd.DataFrame:
    """Pairs of record positions matched with probability >= settings.match_threshold.

    `features` holds FEATURE_COLUMNS with index 0..n-1. Records with identical
    features are compared once. Returns LINK_COLUMNS.
    """
    started = time.perf_counter()
    distinct, position = _distinct(features)
    blocked = add_block_columns(distinct)
    check_rules(blocked, PREDICT_RULES, settings.max_block_pairs)
    pairs = _predict(blocked, settings)
    links = pd.DataFrame(
        {
            "left": position[pairs["unique_id_l"].to_numpy()],
            "right": position[pairs["unique_id_r"].to_numpy()],
            "match_probability": pairs["match_probability"].to_numpy(),
            "match_reason": _reasons(pairs, distinct),
        }
    )
    log.info(
        "probabilistic pass: %s distinct records, %s links in %.1f s",
        f"{len(distinct):,}",
        f"{len(links):,}",
        time.perf_counter() - started,
    )
    return links


def _distinct(features: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """One row per distinct feature tuple (unique_id 0..k-1) and, for each, the
    position of its first record."""
    columns = [c for c in FEATURE_COLUMNS if c not in ARRAY_COLUMNS]
    group = features.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()
    first = pd.Series(np.arange(len(group))).groupby(group).min()
    distinct = features.iloc[first.to_numpy()].reset_index(drop=True)
    distinct.insert(0, "unique_id", np.arange(len(distinct)))
    return distinct, first.to_numpy()


def _predict(blocked: pd.DataFrame, settings: ResolveSettings) -> pd.DataFrame:
    import splink

    db_api = splink.DuckDBAPI()
    frame = blocked.astype({c: object for c in blocked.columns if c != "unique_id"})
    table = db_api.register(
        frame.replace({pd.NA: None}), dataset_display_name="records"
    )
    linker = splink.Linker(table, _settings(), log_level=None)
    _train(linker, settings)
    predictions = linker.inference.predict(
        threshold_match_probability=settings.match_threshold
    )
    pairs = predictions.as_pandas_dataframe()
    return pairs


def _train(linker: Any, settings: ResolveSettings) -> None:
    """u by random sampling; m by EM on two different blocking rules."""
    from splink import block_on

    training = linker.training
    training.estimate_u_using_random_sampling(max_pairs=1e6, seed=settings.random_state)
    for rule in TRAINING_RULES:
        training.estimate_parameters_using_expectation_maximisation(
            block_on(*rule),
            estimate_without_term_frequencies=True,
            populate_probability_two_random_records_match_from_trained_values=True,
        )


def _settings() -> Any:
    from splink import SettingsCreator

    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=_comparisons(),
        blocking_rules_to_generate_predictions=[_block(rule) for rule in PREDICT_RULES],
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
    )


def _block(rule: tuple[str, ...]) -> Any:
    from splink import block_on

    exploded = [EXPLODED] if EXPLODED in rule else None
    return block_on(*rule, arrays_to_explode=exploded)


def _comparisons() -> list[Any]:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    name = cl.CustomComparison(
        [
            cll.NullLevel("name_key"),
            cll.ExactMatchLevel("name_key"),
            cll.JaroWinklerLevel("name_sorted", 0.95),
            cll.ArraySubsetLevel("name_tokens"),
            cll.JaroWinklerLevel("name_sorted", 0.92),
            cll.ElseLevel(),
        ],
        output_column_name="name",
    )
    location = cl.CustomComparison(
        [
            cll.NullLevel("country"),
            cll.And(cll.ExactMatchLevel("country"), cll.ExactMatchLevel("city")),
            cll.And(cll.ExactMatchLevel("country"), cll.ExactMatchLevel("state")),
            cll.ExactMatchLevel("country"),
            cll.ElseLevel(),
        ],
        output_column_name="location",
    )
    return [name, _exact("domain_key", "domain"), location, _exact("size_band", "size")]


def _exact(column: str, output: str) -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    levels: list[Any] = [
        cll.NullLevel(column),
        cll.ExactMatchLevel(column),
        cll.ElseLevel(),
    ]
    return cl.CustomComparison(levels, output_column_name=output)


def _reasons(pairs: pd.DataFrame, distinct: pd.DataFrame) -> np.ndarray:
    """ "name~+state+size": the comparisons with positive match weight, each named
    by what agreed (name exact or ~ similar; domain; city, state or country;
    size)."""
    left = distinct.iloc[pairs["unique_id_l"].to_numpy()].reset_index(drop=True)
    right = distinct.iloc[pairs["unique_id_r"].to_numpy()].reset_index(drop=True)
    same = {c: (left[c] == right[c]).fillna(False).to_numpy(bool) for c in _SAME}
    location = np.select(
        [same["city"] & same["country"], same["state"] & same["country"],
         same["country"]],
        ["city", "state", "country"], default="",
    )  # fmt: skip
    words = {
        "name": np.where(same["name_key"], "name", "name~"),
        "domain": np.where(same["domain_key"], "domain", ""),
        "location": location,
        "size": np.where(same["size_band"], "size", ""),
    }
    parts = [
        np.where(pairs[f"mw_{name}"].to_numpy(float) > 0, word, "")
        for name, word in words.items()
    ]
    return np.array(
        ["+".join(p for p in row if p) for row in zip(*parts, strict=True)], object
    )


_SAME = ("name_key", "domain_key", "city", "state", "country", "size_band")
