"""The command line: help, exit codes and one-paragraph errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icpkit.cli import app

runner = CliRunner()
COMMANDS = [
    "demo", "init", "check", "run", "segments", "tal", "territories", "comp",
    "metrics", "briefs", "report", "tal-diff", "models",
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_missing_workspace_exits_2_with_advice(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert "Traceback" not in result.output


def test_invalid_setting_is_named(tmp_path: Path) -> None:
    (tmp_path / "icpkit.toml").write_text('[segments]\nprior_closed = "many"\n')
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "segments.prior_closed" in result.output


def test_broken_toml_is_reported(tmp_path: Path) -> None:
    (tmp_path / "icpkit.toml").write_text("[inputs\n")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "not valid TOML" in result.output


def test_unknown_setting_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "icpkit.toml").write_text("[comp]\nbase_rte = 0.1\n")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "comp.base_rte" in result.output


def test_bad_input_lists_file_row_column_and_value(tmp_path: Path) -> None:
    data = tmp_path / "accounts.csv"
    data.write_text("Id,Name,CreatedDate\nA1,Acme,2024-01-05\nA2,Beta,yesterday\n")
    (tmp_path / "icpkit.toml").write_text(
        '[inputs.accounts]\npath = "accounts.csv"\npreset = "salesforce"\n'
    )
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "accounts.csv" in result.output
    assert "row 3" in result.output
    assert "yesterday" in result.output
    assert not (tmp_path / "out").exists()


def test_init_writes_an_editable_mapping(tmp_path: Path) -> None:
    accounts = tmp_path / "Account.csv"
    accounts.write_text("Id,Name,Industry,NumberOfEmployees\nA1,Acme,Retail,10\n")
    workspace = tmp_path / "plan"
    result = runner.invoke(
        app, ["init", str(workspace), "--accounts", str(accounts), "--preset",
              "salesforce"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (workspace / "icpkit.toml").read_text()
    assert 'path = "../Account.csv"' in text
    assert 'employees = "NumberOfEmployees"' in text
    again = runner.invoke(app, ["init", str(workspace), "--accounts", str(accounts)])
    assert again.exit_code == 2
    assert "--force" in again.output


def test_init_rejects_unknown_preset(tmp_path: Path) -> None:
    accounts = tmp_path / "a.csv"
    accounts.write_text("id,name\n1,x\n")
    result = runner.invoke(
        app, ["init", str(tmp_path / "w"), "--accounts", str(accounts), "--preset", "x"]
    )
    assert result.exit_code == 2
    assert "salesforce, hubspot or generic" in result.output


@pytest.mark.parametrize("command", [["taxonomy", "suggest"], ["universe", "add"]])
def test_group_commands_have_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output


def test_universe_add_unknown_preset_exits_2(tmp_path: Path) -> None:
    (tmp_path / "icpkit.toml").write_text('name = "x"\n')
    listing = tmp_path / "list.csv"
    listing.write_text("company,url\nAcme,acme.com\n")
    result = runner.invoke(
        app, ["universe", "add", str(tmp_path), str(listing), "--preset", "nope"]
    )
    assert result.exit_code == 2, result.output
    assert "inc5000_2014" in result.output
    assert "Traceback" not in result.output


def _accounts_workspace(tmp_path: Path, rows: str, extra: str = "") -> Path:
    (tmp_path / "accounts.csv").write_text("Id,Name,CreatedDate\n" + rows)
    (tmp_path / "icpkit.toml").write_text(
        extra + '[inputs.accounts]\npath = "accounts.csv"\npreset = "salesforce"\n'
    )
    return tmp_path


def test_check_writes_no_outputs(tmp_path: Path) -> None:
    workspace = _accounts_workspace(tmp_path, "A1,Acme,2024-01-05\n")
    result = runner.invoke(app, ["check", str(workspace)])
    assert result.exit_code == 0, result.output
    assert "nothing written" in result.output
    assert not (workspace / "out").exists()


def test_empty_accounts_file_is_bad_input(tmp_path: Path) -> None:
    workspace = _accounts_workspace(tmp_path, "")
    result = runner.invoke(app, ["run", str(workspace)])
    assert result.exit_code == 2, result.output
    assert "has no rows" in result.output


def test_as_of_before_all_data_is_explained(tmp_path: Path) -> None:
    workspace = _accounts_workspace(
        tmp_path, "A1,Acme,2024-01-05\n", extra="as_of = 2019-01-01\n"
    )
    result = runner.invoke(app, ["run", str(workspace)])
    assert result.exit_code == 2, result.output
    assert "before every date in the inputs" in result.output


def test_negative_commission_rate_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "icpkit.toml").write_text("[comp]\nbase_rate = -0.1\n")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "comp.base_rate" in result.output
    assert "greater than or equal to 0" in result.output


def test_tal_diff_subcommand_compares_stored_versions(tmp_path: Path) -> None:
    from datetime import date

    from icpkit.tal import store_version
    from icpkit.warehouse import Warehouse

    (tmp_path / "icpkit.toml").write_text('name = "t"\n')
    warehouse = Warehouse(tmp_path / ".icpkit" / "warehouse.duckdb")
    for entity in ("E1", "E2"):
        store_version(warehouse, _one_row_tal(entity), date(2024, 6, 30))
    warehouse.close()

    result = runner.invoke(app, ["tal", "diff", str(tmp_path)])

    assert result.exit_code == 0, result.output
    assert "v2024-06-30-1 -> v2024-06-30-2" in result.output
    assert (tmp_path / "out" / "tal_diff.csv").is_file()


def test_tal_diff_with_one_version_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["tal", "diff", str(tmp_path), "v1"])
    assert result.exit_code == 2
    assert "either no versions (the last two runs) or two (V1 V2)" in result.output


def test_tal_with_two_workspaces_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["tal", str(tmp_path), "extra"])
    assert result.exit_code == 2
    assert "icpkit tal diff WORKSPACE [V1 V2]" in result.output


def _one_row_tal(entity_id: str):  # type: ignore[no-untyped-def]
    from datetime import date

    import pandas as pd

    from icpkit.tal import TAL_COLUMNS

    row = dict.fromkeys(TAL_COLUMNS)
    row.update(entity_id=entity_id, name=f"{entity_id} Inc", status="prospect",
               fit_score=85.0, fit_tier="A", sources=f"u:{entity_id}",
               reasons="industry: software, +10",
               valid_from=date(2024, 6, 30))  # fmt: skip
    return pd.DataFrame([row], columns=list(TAL_COLUMNS))
