from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from icpkit.config import EligibilityRule, TerritoriesSettings
from icpkit.errors import ConfigError, InputError
from icpkit.territories import assign_territories

from .helpers import AS_OF, reps_frame, tal_frame


def _two_reps() -> pd.DataFrame:
    return reps_frame([{"rep_id": "R1"}, {"rep_id": "R2"}])


def test_hand_worked_three_accounts_two_reps() -> None:
    # potential 10 + 5 + 5 = 20 and workload 2 + 1 + 1 = 4: targets 10 and 2 per rep.
    # The only balanced plans put the big account alone; R2 already owns it.
    tal = tal_frame(
        [
            {
                "entity_id": "E1",
                "fit_tier": "A",
                "expected_value": 10.0,
                "owner_id": "R2",
            },
            {"entity_id": "E2", "fit_tier": "B", "expected_value": 5.0},
            {"entity_id": "E3", "fit_tier": "B", "expected_value": 5.0},
        ]
    )
    settings = TerritoriesSettings(workload_weights={"A": 2.0, "B": 1.0})
    result = assign_territories(tal, _two_reps(), None, AS_OF, settings)
    plan = result.territories.set_index("entity_id")["assigned_rep"].to_dict()
    assert plan == {"E1": "R2", "E2": "R1", "E3": "R1"}
    summary = result.summary.set_index("rep_id")
    assert summary["potential"].tolist() == [10.0, 10.0]
    assert summary["potential_target"].tolist() == [10.0, 10.0]
    assert summary["workload"].tolist() == [2.0, 2.0]
    assert summary["within_tolerance"].all()
    assert result.disruption.accounts_moved == 0
    assert result.disruption.accounts_newly_assigned == 2
    assert result.plan.objective == 0.0
    assert result.balance.set_index("measure").loc["potential", "gini"] == 0.0


def test_infeasible_window_is_reported_not_raised() -> None:
    tal = tal_frame(
        [
            {"entity_id": "E1", "expected_value": 100.0},
            {"entity_id": "E2", "expected_value": 1.0},
        ]
    )
    result = assign_territories(tal, _two_reps(), None, AS_OF, TerritoriesSettings())
    assert result.territories["assigned_rep"].nunique() == 2
    assert not result.summary["within_tolerance"].any()
    # potential 100 vs target 50.5: (100 / 50.5 - 1.1) of target over the window
    assert result.plan.max_violation > 0.8
    assert "rep_outside_tolerance" in set(result.findings["check"])


def test_holds_named_open_opportunity_and_family() -> None:
    tal = tal_frame(
        [
            {"entity_id": "E1", "account_id": "A1", "owner_id": "R1"},
            {"entity_id": "E2", "account_id": "A2", "owner_id": "R2"},
            {"entity_id": "E3", "account_id": "A3", "parent_account_id": "A2"},
            {"entity_id": "E4", "account_id": "A4", "owner_id": "R1"},
            {"entity_id": "E5", "account_id": "A5"},
            {"entity_id": "E6", "account_id": "A6"},
        ]
    )
    tal.loc[tal["parent_account_id"].isna(), "parent_account_id"] = None
    opportunities = pd.DataFrame(
        {
            "opportunity_id": ["O1", "O2", "O3", "O4"],
            "account_id": ["A2", "A4", "A4", "A6"],
            "owner_id": ["R2", "R2", "GONE", "GONE"],
            "status": ["open", "open", "open", "open"],
            "created_date": pd.to_datetime(
                ["2024-01-01", "2024-01-01", "2024-02-01", "2024-01-01"]
            ),
        }
    )
    settings = TerritoriesSettings(named_accounts={"A1": "R2", "E5": "NOBODY"})
    result = assign_territories(tal, _two_reps(), opportunities, AS_OF, settings)
    rows = result.territories.set_index("entity_id")
    assert rows.loc["E1", "assigned_rep"] == "R2"
    assert rows.loc["E1", "hold_reason"] == "named_account"
    assert bool(rows.loc["E1", "owner_changed"])
    assert rows.loc["E2", "hold_reason"] == "open_opportunity"
    assert rows.loc["E3", "assigned_rep"] == "R2"
    assert rows.loc["E3", "hold_reason"] == "parent_account"
    # A4 stays with its current owner R1, whoever owns its open deals: a hold
    # is never a move
    assert rows.loc["E4", "assigned_rep"] == "R1"
    assert not bool(rows.loc["E4", "owner_changed"])
    held = rows.loc[rows["held"].astype(bool)]
    by_deal = held["hold_reason"].eq("open_opportunity")
    assert not (by_deal & held["owner_changed"].astype(bool)).any()
    # A6 has no current owner and its open deal's rep left: not held
    assert not bool(rows.loc["E6", "held"])
    assert not bool(rows.loc["E5", "held"])
    checks = set(result.findings["check"])
    assert {"named_account_rep_unknown", "open_opportunity_rep_unknown"} <= checks
    assert result.disruption.accounts_moved >= 1


def test_open_opportunity_created_after_as_of_does_not_hold() -> None:
    tal = tal_frame([{"entity_id": "E1", "account_id": "A1", "owner_id": "R1"}])
    opportunities = pd.DataFrame(
        {
            "account_id": ["A1"],
            "owner_id": ["R2"],
            "status": ["open"],
            "created_date": pd.to_datetime(["2024-07-01"]),
        }
    )
    result = assign_territories(
        tal, _two_reps(), opportunities, AS_OF, TerritoriesSettings()
    )
    assert not bool(result.territories.loc[0, "held"])


def test_default_eligibility_by_region() -> None:
    tal = tal_frame(
        [
            {"entity_id": "E1", "region": "West"},
            {"entity_id": "E2", "region": "East"},
            {"entity_id": "E3", "region": "South"},
        ]
    )
    reps = reps_frame(
        [{"rep_id": "R1", "region": "West"}, {"rep_id": "R2", "region": "East"}]
    )
    result = assign_territories(tal, reps, None, AS_OF, TerritoriesSettings())
    rows = result.territories.set_index("entity_id")
    assert rows.loc["E1", "assigned_rep"] == "R1"
    assert rows.loc["E2", "assigned_rep"] == "R2"
    assert pd.isna(rows.loc["E3", "assigned_rep"])
    assert rows.loc["E3", "reason"] == "no eligible rep"
    assert rows.loc["E3", "eligible_reps"] == 0
    assert "account_without_eligible_rep" in set(result.findings["check"])
    assert result.disruption.accounts_unassigned == 1
    # each region is its own balance group with its own target
    assert result.summary["balance_group"].nunique() == 2


def test_regions_that_do_not_overlap_make_every_rep_eligible() -> None:
    tal = tal_frame(
        [{"entity_id": f"E{i}", "region": "North America"} for i in range(4)]
    )
    reps = reps_frame(
        [{"rep_id": "R1", "region": "East"}, {"rep_id": "R2", "region": "West"}]
    )
    result = assign_territories(tal, reps, None, AS_OF, TerritoriesSettings())
    assert (result.territories["eligible_reps"] == 2).all()
    assert result.territories["assigned_rep"].value_counts().tolist() == [2, 2]
    assert "regions_do_not_overlap" in set(result.findings["check"])


def test_eligibility_rules() -> None:
    tal = tal_frame(
        [
            {"entity_id": "E1", "state": "CA"},
            {"entity_id": "E2", "state": "NY"},
            {"entity_id": "E3", "state": "TX"},
        ]
    )
    reps = reps_frame(
        [
            {"rep_id": "R1", "team": "coast"},
            {"rep_id": "R2", "team": "east"},
        ]
    )
    rules = [
        EligibilityRule(
            account_field="state", account_values=["ca", "NY"], rep_field="team",
            rep_values=["Coast"],
        ),
        EligibilityRule(
            account_field="state", account_values=["NY"], rep_field="team",
            rep_values=["east"],
        ),
    ]  # fmt: skip
    settings = TerritoriesSettings(eligibility=rules)
    result = assign_territories(tal, reps, None, AS_OF, settings)
    rows = result.territories.set_index("entity_id")
    assert rows["eligible_reps"].to_dict() == {"E1": 1, "E2": 2, "E3": 0}
    assert rows.loc["E1", "assigned_rep"] == "R1"
    assert rows.loc["E2", "assigned_rep"] == "R2"
    assert pd.isna(rows.loc["E3", "assigned_rep"])


def test_rule_naming_an_unknown_column_is_a_config_error() -> None:
    rules = [
        EligibilityRule(account_field="zone", account_values=["x"], rep_values=["y"])
    ]
    with pytest.raises(ConfigError, match="'zone' is not a TAL column"):
        assign_territories(
            tal_frame([{"entity_id": "E1"}]),
            _two_reps(),
            None,
            AS_OF,
            TerritoriesSettings(eligibility=rules),
        )


def test_missing_capacity_counts_as_one_and_is_reported() -> None:
    reps = reps_frame([{"rep_id": "R1", "capacity": None}, {"rep_id": "R2"}])
    tal = tal_frame([{"entity_id": f"E{i}"} for i in range(4)])
    result = assign_territories(tal, reps, None, AS_OF, TerritoriesSettings())
    assert result.summary["capacity"].tolist() == [1.0, 1.0]
    assert "capacity_missing" in set(result.findings["check"])


def test_capacity_weights_the_targets() -> None:
    reps = reps_frame([{"rep_id": "R1", "capacity": 2.0}, {"rep_id": "R2"}])
    tal = tal_frame([{"entity_id": f"E{i}"} for i in range(6)])
    result = assign_territories(tal, reps, None, AS_OF, TerritoriesSettings())
    summary = result.summary.set_index("rep_id")
    assert summary["potential_target"].to_dict() == {"R1": 400.0, "R2": 200.0}
    assert summary["accounts"].to_dict() == {"R1": 4, "R2": 2}


def test_tiers_outside_assign_tiers_are_left_out() -> None:
    tal = tal_frame([{"entity_id": "E1", "fit_tier": "A"}, {"entity_id": "E2"}])
    settings = TerritoriesSettings(assign_tiers=["A"])
    result = assign_territories(tal, _two_reps(), None, AS_OF, settings)
    assert result.territories["entity_id"].tolist() == ["E1"]


def test_bad_input_names_the_values() -> None:
    tal = tal_frame([{"entity_id": "E1"}, {"entity_id": "E1", "expected_value": -5.0}])
    with pytest.raises(InputError, match=r"entity_id.*'E1'.*unique"):
        assign_territories(tal, _two_reps(), None, AS_OF, TerritoriesSettings())
    tal = tal_frame([{"entity_id": "E1", "fit_tier": "Z"}])
    settings = TerritoriesSettings(assign_tiers=["Z"])
    with pytest.raises(InputError, match="'Z'; expected a fit_tier with a workload"):
        assign_territories(tal, _two_reps(), None, AS_OF, settings)


def test_exact_search_handles_hundreds_of_single_option_accounts() -> None:
    """A region with one rep: every account has one option, far more accounts than
    numpy allows array dimensions."""
    from icpkit.territories.exact import _all_plans

    plans = _all_plans([np.array([0])] * 300 + [np.array([0, 1])])
    assert plans.shape == (2, 301)
    assert plans[:, -1].tolist() == [0, 1]
