"""Property: each rep-period total equals the exact sum of its lines (DEFINITIONS 9)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from icpkit.comp import compute_statements
from icpkit.config import CompSettings

from .helpers import AS_OF, opportunities, opportunity, reps, tal_versions

DEALS = st.lists(
    st.tuples(
        st.sampled_from(["R1", "R2", "R3"]),
        st.sampled_from(["ACC1", "ACC2", "ACC3", None]),
        st.decimals(min_value=0, max_value=200000, places=2),
        st.dates(min_value=pd.Timestamp("2017-01-01").date(), max_value=AS_OF),
    ),
    max_size=25,
)


@settings(max_examples=25, deadline=None)
@given(deals=DEALS, shape=st.sampled_from(["tiered", "marginal"]))
def test_total_equals_sum_of_lines(
    deals: list[tuple[str, str | None, Decimal, object]], shape: str
) -> None:
    rows = [
        opportunity(
            f"O{i}",
            float(amount),
            owner,
            account,
            created="2016-12-01",
            closed=str(day),
        )
        for i, (owner, account, amount, day) in enumerate(deals)
    ] or [opportunity("O0", 1.0)]
    tal = tal_versions(("ACC1", "A", "2017-01-01"), ("ACC2", "B", "2017-03-01"))
    result = compute_statements(
        opportunities(*rows),
        tal,
        reps({"R1": 50000.0, "R2": None, "R4": 10.0}),
        None,
        None,
        AS_OF,
        CompSettings(attainment_shape=shape),
    )
    lines = result.statements
    assert result.totals is not None
    for row in result.totals.itertuples(index=False):
        mine = lines.loc[
            (lines["rep_id"] == row.rep_id) & (lines["period"] == row.period)
        ]
        assert Decimal(row.total) == sum(Decimal(a) for a in mine["amount"])
    grand = sum(Decimal(a) for a in result.totals["total"])
    assert grand == sum(Decimal(a) for a in lines["amount"])
