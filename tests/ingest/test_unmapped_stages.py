"""Stages that map to no status: closed-sounding ones stop the run, others are open."""

from __future__ import annotations

from pathlib import Path

import pytest

from icpkit.config import parse_config
from icpkit.errors import InputError
from icpkit.ingest import load_inputs

HEADER = "Id,AccountId,StageName,Amount,CreatedDate,CloseDate\n"


def _workspace(tmp_path: Path, rows: str, stage_status: str = "") -> Path:
    (tmp_path / "accounts.csv").write_text("Id,Name\nA1,Acme\n")
    (tmp_path / "opps.csv").write_text(HEADER + rows)
    return tmp_path


def _load(tmp_path: Path, stage_status: dict[str, str] | None = None) -> object:
    raw = {
        "inputs": {
            "accounts": {"path": "accounts.csv", "preset": "salesforce"},
            "opportunities": {
                "path": "opps.csv",
                "preset": "salesforce",
                "stage_status": stage_status or {},
            },
        }
    }
    return load_inputs(parse_config(raw, "test"), tmp_path)


ROWS = (
    "O1,A1,Closed Won,10,2024-01-01,2024-02-01\n"
    "O2,A1,Won - Legacy,10,2024-01-01,2024-02-01\n"
    "O3,A1,Won - Legacy,10,2024-01-01,2024-02-01\n"
    "O4,A1,Discovery,10,2024-01-01,\n"
)


def test_closed_sounding_unmapped_stage_is_an_error(tmp_path: Path) -> None:
    _workspace(tmp_path, ROWS)
    with pytest.raises(InputError) as raised:
        _load(tmp_path)
    message = str(raised.value)
    assert "opps.csv, row 3, column 'stage': value 'Won - Legacy'" in message
    assert "[inputs.opportunities.stage_status]" in message
    assert message.count("Won - Legacy") == 1


def test_mapped_stage_is_used_and_others_read_as_open(tmp_path: Path) -> None:
    _workspace(tmp_path, ROWS)
    result = _load(tmp_path, {"Won - Legacy": "won"})
    status = result.tables["opportunities"]["status"].tolist()  # type: ignore[attr-defined]
    assert status == ["won", "won", "won", "open"]
    findings = result.findings  # type: ignore[attr-defined]
    listed = findings[findings["check"] == "stage_read_as_open"]
    assert "'Discovery' (1)" in listed["detail"].iloc[0]
