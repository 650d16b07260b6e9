"""The probabilistic pass: blocking guard, reasons, quality on real data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from icpkit.config import ResolveSettings
from icpkit.errors import StageError
from icpkit.resolve import resolve_with_findings
from icpkit.resolve.blocking import check_rules, rule_pairs
from icpkit.resolve.quality import bcubed_scores, exact_cluster_rate, pairwise_scores


def test_rule_pairs_counts_blocks_and_explodes_arrays() -> None:
    frame = pd.DataFrame(
        {"domain_key": ["a", "a", "a", "b", None],
         "core_variants": [["phil"], ["phil", "elec"], ["elec"], [], ["x"]],
         "country_block": ["?"] * 5}
    )  # fmt: skip
    assert rule_pairs(frame, ("domain_key",)) == 3  # 3 choose 2; null joins nothing
    # phil: 2 records -> 1 pair; elec: 2 records -> 1 pair
    assert rule_pairs(frame, ("core_variants", "country_block")) == 2


def test_a_rule_over_the_limit_stops_with_its_name() -> None:
    frame = pd.DataFrame({"domain_key": ["a"] * 10})
    with pytest.raises(StageError, match=r"'domain_key' would compare 45 "):
        check_rules(frame, (("domain_key",),), limit=44)


def test_pairwise_and_bcubed_by_hand() -> None:
    truth = pd.Series([1, 1, 1, 2])
    predicted = pd.Series(["x", "x", "y", "y"])
    # predicted pairs: (0,1), (2,3); right: (0,1); true pairs: 3
    assert pairwise_scores(truth, predicted) == pytest.approx(
        {"precision": 0.5, "recall": 1 / 3, "f1": 0.4}
    )
    # precision per record: 1, 1, 1/2, 1/2; recall: 2/3, 2/3, 1/3, 1
    scores = bcubed_scores(truth, predicted)
    assert scores["precision"] == pytest.approx(0.75)
    assert scores["recall"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert exact_cluster_rate(truth, predicted) == 0.0
    assert exact_cluster_rate(truth, truth) == 1.0


def patstat(folder: Path) -> tuple[pd.DataFrame, pd.Series]:
    """dedupe-org-names: harmonised names as a universe, and the true entity."""
    names = pd.read_csv(folder / "patstat_input.csv", dtype=str)
    truth = pd.read_csv(folder / "patstat_reference.csv", dtype=str)
    frame = names.merge(truth, on="person_id", validate="one_to_one")
    universe = pd.DataFrame(
        {"company_id": frame["person_id"], "name": frame["Name"], "source": "patstat"}
    )
    return universe, frame["leuven_id"]


def no_accounts() -> pd.DataFrame:
    return pd.DataFrame({"account_id": [], "name": []}, dtype="string")


def test_dedupe_org_names_pairwise_f1(shared_data: Path) -> None:
    universe, truth = patstat(shared_data / "dedupe-org-names")
    settings = ResolveSettings(method="probabilistic")
    result = resolve_with_findings(no_accounts(), universe, settings)
    entities = result.entities
    scores = pairwise_scores(truth, entities["entity_id"])
    assert scores["f1"] >= 0.93
    linked = entities.loc[entities["match_reason"].str.startswith("name~")]
    assert len(linked) and linked["match_probability"].ge(0.9).all()
    exact = resolve_with_findings(no_accounts(), universe).entities
    assert pairwise_scores(truth, exact["entity_id"])["f1"] < 0.6


def test_small_inputs_skip_the_model_with_a_finding() -> None:
    universe = pd.DataFrame({"company_id": ["1", "2"], "name": ["Acme", "Acme Co"]})
    settings = ResolveSettings(method="probabilistic")
    result = resolve_with_findings(no_accounts(), universe, settings)
    assert "probabilistic_skipped" in set(result.findings["check"])
    assert result.entities["entity_id"].nunique() == 1


def test_one_percent_new_records_keep_99_percent_of_probabilistic_ids(
    shared_data: Path,
) -> None:
    """Real names, the probabilistic pass: a second run over the list plus 1 % new
    records keeps the entity id of at least 99 % of the records seen before, and
    reports every entity it split or merged."""
    universe, _ = patstat(shared_data / "dedupe-org-names")
    held_out = universe.sample(frac=0.01, random_state=3).index
    settings = ResolveSettings(method="probabilistic")
    first = resolve_with_findings(no_accounts(), universe.drop(held_out), settings)
    second = resolve_with_findings(
        no_accounts(), universe, settings, previous=first.entities
    )

    both = first.entities.merge(second.entities, on=["record_table", "record_id"])
    assert len(both) == len(universe) - len(held_out)
    kept = (both["entity_id_x"] == both["entity_id_y"]).mean()
    assert kept >= 0.99
    moved = both.loc[both["entity_id_x"] != both["entity_id_y"]]
    reported = (
        set(second.changes["previous_entity_id"]) if len(second.changes) else set()
    )
    assert set(moved["entity_id_x"]) <= reported
