"""Entity ids survive re-runs unless an entity really splits or merges."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpkit.resolve import resolve_entities, resolve_with_findings

SYLLABLES = ["ka", "lo", "mi", "ter", "vos", "an", "rel", "qui", "dor", "sa", "pen"]


def universe(size: int, seed: int) -> pd.DataFrame:
    """Made-up companies, one in ten repeated with another spelling."""
    rng = np.random.default_rng(seed)
    stems = {"".join(rng.choice(SYLLABLES, 4)).capitalize() for _ in range(size * 2)}
    names = sorted(stems)[:size]
    rows = [
        (f"{seed}-{i}", f"{n} Inc", f"{n.lower()}.com") for i, n in enumerate(names)
    ]
    rows += [
        (f"{seed}-d{i}", f"{n.upper()} LLC", None) for i, n in enumerate(names[::10])
    ]
    return pd.DataFrame(rows, columns=["company_id", "name", "domain"])


def accounts() -> pd.DataFrame:
    return pd.DataFrame({"account_id": ["A1"], "name": ["Kalomiter"], "domain": [None]})


def test_one_percent_new_records_keep_99_percent_of_ids() -> None:
    base = universe(2000, seed=1)
    first = resolve_entities(accounts(), base)
    grown = pd.concat([base, universe(22, seed=2)], ignore_index=True)
    second = resolve_entities(accounts(), grown, previous=first)
    both = first.merge(second, on=["record_table", "record_id"])
    kept = (both["entity_id_x"] == both["entity_id_y"]).mean()
    assert kept >= 0.99
    assert set(first["entity_id"]) <= set(second["entity_id"])


def frame(names: list[str]) -> pd.DataFrame:
    ids = [str(i) for i in range(len(names))]
    return pd.DataFrame({"company_id": ids, "name": names, "domain": None})


def test_a_merge_keeps_the_larger_entity_id_and_is_reported() -> None:
    before = frame(["Acme", "Acme", "Acme", "Bolt", "Bolt Co", "Zeta"])
    first = resolve_entities(accounts(), before)
    # record 3 is renamed: entity "bolt" (2 records) joins "acme" (3 records)
    after = frame(["Acme", "Acme", "Acme", "Acme", "Bolt Co", "Zeta"])
    result = resolve_with_findings(accounts(), after, previous=first)
    ids = result.entities.set_index("record_id")["entity_id"]
    old = first.set_index("record_id")["entity_id"]
    assert ids["0"] == ids["3"] == old["0"]
    assert ids["4"] == old["4"]  # the rest of "bolt" kept its id
    assert ids["5"] == old["5"]
    changes = result.changes
    assert set(changes["change"]) == {"split", "merged"}
    merged = changes.loc[changes["change"] == "merged"]
    assert set(merged["previous_entity_id"]) == {old["0"], old["3"]}
    assert {"entities_split", "entities_merged"} <= set(result.findings["check"])


def test_a_split_gives_the_smaller_part_a_new_id() -> None:
    before = frame(["Acme", "Acme", "Acme"])
    first = resolve_entities(accounts(), before)
    second = resolve_entities(accounts(), frame(["Acme", "Acme", "Other"]),
                              previous=first)  # fmt: skip
    ids = second.set_index("record_id")["entity_id"]
    old = first.set_index("record_id")["entity_id"]
    assert ids["0"] == ids["1"] == old["0"]
    assert ids["2"] != old["0"]
