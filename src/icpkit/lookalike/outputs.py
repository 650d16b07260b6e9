"""The backtest's files and chart: out/backtest.csv, backtest_deciles.csv, lift."""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd

from icpkit.lookalike.backtest import Backtest

BACKTEST_FILE = "backtest.csv"
DECILES_FILE = "backtest_deciles.csv"


def write_backtest(result: Backtest, folder: Path) -> list[Path]:
    """The measure table and the decile table as CSV files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in ((BACKTEST_FILE, result.table), (DECILES_FILE, result.deciles)):
        path = folder / name
        frame.to_csv(path, index=False)
        written.append(path)
    return written


def lift_chart(deciles: pd.DataFrame) -> alt.Chart:
    """Conversion lift per score decile (1 = highest scores), 1 = no better than
    average marked by a rule."""
    bars = (
        alt.Chart(deciles)
        .mark_bar()
        .encode(
            x=alt.X("decile:O", title="score decile (1 = highest fit)"),
            y=alt.Y("lift:Q", title="conversion rate / average"),
            tooltip=["decile", "companies", "converted", "rate", "lift"],
        )
    )
    average = alt.Chart(pd.DataFrame({"lift": [1.0]})).mark_rule().encode(y="lift:Q")
    return (bars + average).properties(
        title="Backtest: who became a customer in the 12 months after training"
    )
