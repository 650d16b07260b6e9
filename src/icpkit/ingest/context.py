"""What reading one file needs to carry around: its name, spec, problems, findings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from icpkit.config import InputSpec
from icpkit.errors import Problem
from icpkit.ingest.findings import Findings

HEADER_ROWS = 1  # data row i (0-based) is spreadsheet row i + 2


@dataclass
class FileContext:
    """One input file being read into canonical table `table`."""

    file: str
    table: str
    spec: InputSpec
    findings: Findings
    problems: list[Problem] = field(default_factory=list)
    # source industry -> canonical industry, from the workspace's override file
    industry_overrides: Mapping[str, str] = field(default_factory=dict)

    def report_cells(
        self, bad: pd.Series, values: pd.Series, column: str, expected: str
    ) -> None:
        """One problem per True cell of `bad`, with its spreadsheet row number."""
        hits = bad.fillna(False).astype(bool)
        for index, value in values[hits].items():
            row = int(str(index)) + HEADER_ROWS + 1
            shown = None if pd.isna(value) else str(value)
            self.problems.append(Problem(self.file, row, column, shown, expected))
