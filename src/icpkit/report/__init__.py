"""The self-contained HTML report and its charts."""

from __future__ import annotations

from icpkit.report.headline import icp_headline, icp_summary
from icpkit.report.inputs import ReportInputs
from icpkit.report.write import render_report, write_report

__all__ = [
    "ReportInputs",
    "icp_headline",
    "icp_summary",
    "render_report",
    "write_report",
]
