"""safe_csv: formulas neutralised, numbers left numeric, atomic write."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from icpkit.tal import neutralise_formulas, safe_csv


def test_formulas_are_prefixed_and_numbers_kept(tmp_path: Path) -> None:
    frame = pd.DataFrame({
        "text": ["=HYPERLINK(\"x\")", "+1 555 0100", "-12.5", "@SUM(A1)", "\tcmd",
                 "\rx", "plain", None],
        "number": [-3.5, 1.0, -2.0, 0.0, 4.0, 5.0, 6.0, -7.0],
    })  # fmt: skip
    path = safe_csv(frame, tmp_path / "out" / "tal.csv")
    with path.open(encoding="utf-8", newline="") as stream:
        back = pd.DataFrame(list(csv.DictReader(stream)))
    assert back["text"].tolist()[:4] == ["'=HYPERLINK(\"x\")", "'+1 555 0100", "-12.5",
                                         "'@SUM(A1)"]  # fmt: skip
    assert back["text"].tolist()[4:7] == ["'\tcmd", "'\rx", "plain"]
    assert back["number"].tolist()[:3] == ["-3.5", "1.0", "-2.0"]
    assert list(tmp_path.joinpath("out").iterdir()) == [path]


def test_non_text_columns_untouched() -> None:
    frame = pd.DataFrame({"amount": [-1, 2], "flag": [True, False]})
    pd.testing.assert_frame_equal(neutralise_formulas(frame), frame)
