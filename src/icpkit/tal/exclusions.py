"""Companies left out of the TAL whatever their fit: competitors, listed domains,
the do-not-target list (DEFINITIONS.md section 5)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from icpkit.config import TalSettings
from icpkit.errors import InputError, Problem
from icpkit.resolve import name_key, normalise_domain, normalise_name
from icpkit.resolve.findings import finding

Notes = list[dict[str, object]]

# excluded_by values, strongest first: an entity matching several gets the first.
EXCLUSIONS = ("competitor", "do_not_target", "excluded_domain")
DOMAIN_COLUMNS = ("domain", "website")
NAME_COLUMNS = ("name", "company", "company_name", "account_name")


def exclusion_reasons(
    rows: pd.DataFrame,
    entities: pd.DataFrame,
    settings: TalSettings,
    root: Path | None,
    notes: Notes,
) -> pd.Series:
    """excluded_by per row (index of rows): an entity is excluded when any of its
    records carries a listed domain (or, for the do-not-target list, name)."""
    reasons = pd.Series(pd.NA, index=rows.index, dtype="string")
    lists = {
        "competitor": (_domain_keys(settings.competitor_domains), set()),
        "do_not_target": _do_not_target(settings.do_not_target, root),
        "excluded_domain": (_domain_keys(settings.exclude_domains), set()),
    }
    for reason in EXCLUSIONS:
        domains, names = lists[reason]
        hit = _matching_entities(entities, domains, names)
        mask = rows["entity_id"].isin(hit) & reasons.isna()
        reasons = reasons.mask(mask, reason)
        _note(rows.loc[mask.to_numpy(dtype=bool)], reason, notes)
    return reasons


def load_do_not_target(path: Path) -> tuple[set[str], set[str]]:
    """Normalised domain keys and name keys of a do-not-target CSV.

    The file needs a header with a `domain` (or `website`) column, a `name` (or
    `company`) column, or both; a row matches on either.
    """
    if not path.is_file():
        expected = "an existing CSV file (tal.do_not_target)"
        raise InputError([Problem(str(path), None, None, None, expected)])
    frame = pd.read_csv(path, dtype="string", keep_default_na=False)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    domain_cols = [c for c in DOMAIN_COLUMNS if c in frame]
    name_cols = [c for c in NAME_COLUMNS if c in frame]
    if not domain_cols and not name_cols:
        expected = "a header with a domain, website, name or company column"
        raise InputError([Problem(str(path), 1, None, None, expected)])
    domains = {k for c in domain_cols for k in _domain_keys(list(frame[c]))}
    names = {k for c in name_cols for k in _name_keys(list(frame[c]))}
    return domains, names


def _do_not_target(setting: str | None, root: Path | None) -> tuple[set[str], set[str]]:
    if not setting:
        return set(), set()
    path = Path(setting)
    if not path.is_absolute():
        path = (root or Path.cwd()) / path
    return load_do_not_target(path)


def _domain_keys(values: list[str]) -> set[str]:
    values = [v for v in values if v and v.strip()]
    if not values:
        return set()
    keys = normalise_domain(pd.Series(values, dtype="string"))
    return {str(k) for k in keys.dropna()}


def _name_keys(values: list[str]) -> set[str]:
    values = [v for v in values if v and v.strip()]
    if not values:
        return set()
    keys = name_key(normalise_name(pd.Series(values, dtype="string")))
    return {str(k) for k in keys.dropna() if str(k)}


def _matching_entities(
    entities: pd.DataFrame, domains: set[str], names: set[str]
) -> set[str]:
    if not domains and not names:
        return set()
    hit = entities["domain_key"].isin(domains) if domains else False
    if names:
        hit = hit | entities["name_key"].isin(names)
    matched = pd.Series(hit, index=entities.index).fillna(False).astype(bool)
    return set(entities.loc[matched, "entity_id"].astype(str))


def _note(excluded: pd.DataFrame, reason: str, notes: Notes) -> None:
    if excluded.empty:
        return
    by_status = excluded["status"].value_counts().to_dict()
    example = excluded["domain"].dropna()
    notes.append(
        finding(
            "tal",
            reason,
            "info",
            len(excluded),
            f"left out of the TAL by tal settings ({reason}): {by_status}",
            str(example.iloc[0]) if len(example) else str(excluded["name"].iloc[0]),
        )
    )
