"""Which reps may own which accounts (DEFINITIONS 8: rules from the config)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.config import EligibilityRule
from icpkit.errors import ConfigError
from icpkit.territories.findings import Findings, first


def _folded(values: pd.Series) -> np.ndarray:
    """Values compared case- and space-insensitively; missing values match nothing."""
    text = values.astype(object).where(values.notna(), None)
    return np.array([None if v is None else str(v).strip().casefold() for v in text])


def eligibility_matrix(
    accounts: pd.DataFrame,
    reps: pd.DataFrame,
    rules: list[EligibilityRule],
    findings: Findings,
) -> np.ndarray:
    """A boolean matrix, accounts x reps: True where the rep may own the account.

    With rules, a rep is eligible for an account when any rule links them (rules add
    up). Without rules, reps are eligible for accounts of their own region when rep
    and account regions overlap, and for every account otherwise (reported). Reps of
    capacity 0 are eligible for nothing.
    """
    if rules:
        eligible = _by_rules(accounts, reps, rules)
    else:
        eligible = _by_region(accounts, reps, findings)
    eligible[:, (reps["capacity"] == 0).to_numpy()] = False
    idle = pd.Series(~eligible.any(axis=0), index=reps.index)
    findings.add(
        "territories",
        "rep_eligible_for_no_account",
        "info",
        int(idle.sum()),
        "reps no TAL account is eligible for (they keep only their holds)",
        first(reps.loc[idle, "rep_id"]),
    )
    return eligible


def _by_rules(
    accounts: pd.DataFrame, reps: pd.DataFrame, rules: list[EligibilityRule]
) -> np.ndarray:
    _check_rule_fields(accounts, reps, rules)
    # TODO: rules on different fields add up (union); "region AND industry team"
    # needs a rule shape with several account fields.
    eligible = np.zeros((len(accounts), len(reps)), dtype=bool)
    for rule in rules:
        wanted = {str(v).strip().casefold() for v in rule.account_values}
        offered = {str(v).strip().casefold() for v in rule.rep_values}
        account_match = np.isin(_folded(accounts[rule.account_field]), list(wanted))
        rep_match = np.isin(_folded(reps[rule.rep_field]), list(offered))
        eligible |= np.outer(account_match, rep_match)
    return eligible


def _check_rule_fields(
    accounts: pd.DataFrame, reps: pd.DataFrame, rules: list[EligibilityRule]
) -> None:
    bad = []
    for i, rule in enumerate(rules):
        if rule.account_field not in accounts.columns:
            bad.append(
                f"territories.eligibility[{i}].account_field = {rule.account_field!r} "
                f"is not a TAL column; allowed: {sorted(map(str, accounts.columns))}"
            )
        if rule.rep_field not in reps.columns:
            bad.append(
                f"territories.eligibility[{i}].rep_field = {rule.rep_field!r} "
                f"is not a reps column; allowed: {sorted(map(str, reps.columns))}"
            )
    if bad:
        raise ConfigError("\n".join(bad))


def _by_region(
    accounts: pd.DataFrame, reps: pd.DataFrame, findings: Findings
) -> np.ndarray:
    account_region = _folded(accounts["region"])
    rep_region = _folded(reps["region"])
    shared = {r for r in rep_region if r is not None} & set(account_region)
    if not shared:
        findings.add(
            "territories",
            "regions_do_not_overlap",
            "warning",
            len(reps),
            "no rep region matches a TAL region, so every rep is eligible for every "
            "account; configure territories.eligibility rules to restrict this",
            f"rep regions {sorted({str(r) for r in rep_region})[:5]}, account regions "
            f"{sorted({str(r) for r in account_region})[:5]}",
        )
        return np.ones((len(accounts), len(reps)), dtype=bool)
    eligible = account_region[:, None] == rep_region[None, :]
    findings.add(
        "reps",
        "rep_without_region",
        "warning",
        int(pd.isna(reps["region"]).sum()),
        "reps without a region are eligible for no account under the default rule",
        first(reps.loc[reps["region"].isna(), "rep_id"]),
    )
    has_region = np.array([r is not None for r in account_region], dtype=bool)
    return np.asarray(eligible & has_region[:, None], dtype=bool)
