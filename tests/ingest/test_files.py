"""Whole files: readers, mapping, problems raised together, findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from icpkit.config import parse_config
from icpkit.errors import InputError
from icpkit.ingest import IngestResult, infer_mapping, load_inputs
from icpkit.schema import CANONICAL, DATA_QUALITY_COLUMNS


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    (folder / name).write_bytes(text.encode(encoding))
    return name


def _load(folder: Path, **inputs: Any) -> IngestResult:
    return load_inputs(parse_config({"inputs": inputs}, "test"), folder)


def _problems(folder: Path, **inputs: Any) -> list[str]:
    with pytest.raises(InputError) as caught:
        _load(folder, **inputs)
    return [p.describe() for p in caught.value.problems]


def _finding(result: IngestResult, check: str) -> pd.Series:
    rows = result.findings[result.findings["check"] == check]
    assert len(rows) == 1, result.findings
    return rows.iloc[0]


ACCOUNTS = "account_id,name,industry,employees,country\nA1,Acme,Software,10,Namibia\n"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_any_common_delimiter(tmp_path: Path, delimiter: str) -> None:
    text = "account_id,name,country\nA1,Acme,NA\nA2,Beta,US\n".replace(",", delimiter)
    result = _load(tmp_path, accounts={"path": _write(tmp_path, "a.csv", text)})
    assert result.tables["accounts"]["country"].tolist() == ["NA", "US"]


def test_bom_and_latin1(tmp_path: Path) -> None:
    bom = _write(tmp_path, "bom.csv", "\ufeffaccount_id,name\nA1,Café\n")
    latin = _write(tmp_path, "latin.csv", "account_id,name\nA1,Café\n", "latin-1")
    for name in (bom, latin):
        frame = _load(tmp_path, accounts={"path": name}).tables["accounts"]
        assert frame["account_id"].tolist() == ["A1"] and frame["name"].tolist() == [
            "Café"
        ]


def test_excel_sheet_and_parquet(tmp_path: Path) -> None:
    frame = pd.DataFrame({"account_id": ["A1"], "name": ["Acme"], "employees": [12]})
    with pd.ExcelWriter(tmp_path / "a.xlsx") as writer:
        frame.to_excel(writer, sheet_name="Other", index=False)
        frame.assign(name="Beta").to_excel(writer, sheet_name="Accounts", index=False)
    frame.to_parquet(tmp_path / "a.parquet")
    excel = _load(tmp_path, accounts={"path": "a.xlsx", "sheet": "Accounts"})
    assert excel.tables["accounts"]["name"].tolist() == ["Beta"]
    assert excel.tables["accounts"]["employees"].tolist() == [12]
    parquet = _load(tmp_path, accounts={"path": "a.parquet"})
    assert parquet.tables["accounts"]["employees"].tolist() == [12]
    assert _problems(tmp_path, accounts={"path": "a.xlsx", "sheet": "Nope"}) == [
        "a.xlsx, column 'sheet': value 'Nope'; expected a sheet named one of "
        "['Other', 'Accounts']"
    ]


def test_missing_columns_on_the_first_sheet_name_the_other_sheets(
    tmp_path: Path,
) -> None:
    with pd.ExcelWriter(tmp_path / "a.xlsx") as writer:
        pd.DataFrame({"Title": ["Q3 export"]}).to_excel(writer, sheet_name="Cover")
        pd.DataFrame({"account_id": ["A1"], "name": ["Acme"]}).to_excel(
            writer, sheet_name="Accounts", index=False
        )
    problems = _problems(tmp_path, accounts={"path": "a.xlsx"})
    assert len(problems) == 2
    note = (
        "(read the workbook's first sheet 'Cover'; it also has 'Accounts': choose "
        'one with sheet = "<name>")'
    )
    assert all(problem.endswith(note) for problem in problems), problems


def test_output_columns_and_types(tmp_path: Path) -> None:
    result = _load(tmp_path, accounts={"path": _write(tmp_path, "a.csv", ACCOUNTS)})
    accounts = result.tables["accounts"]
    assert list(accounts.columns) == list(CANONICAL["accounts"].all_columns)
    assert str(accounts["employees"].dtype) == "Int64"
    assert accounts["region"].iloc[0] == "EMEA"
    assert list(result.findings.columns) == list(DATA_QUALITY_COLUMNS)


def test_missing_required_column_names_what_was_found(tmp_path: Path) -> None:
    path = _write(tmp_path, "o.csv", "Id,Amount\n1,5\n")
    assert _problems(
        tmp_path, opportunities={"path": path, "preset": "salesforce"}
    ) == [
        "o.csv, column 'stage'; expected a column for required 'stage': preset "
        "'salesforce' looks for StageName, Stage, deal_stage; found Id, "
        "Amount. Name the column with inputs.opportunities.columns.stage = "
        '"<your column>"'
    ]


def test_override_naming_an_absent_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.csv", "id,company\n1,Acme\n")
    problems = _problems(tmp_path, accounts={"path": path, "columns": {"name": "firm"}})
    assert problems[0] == (
        "a.csv, column 'firm': value 'firm'; expected a column of the file "
        "(inputs.accounts.columns.name); found id, company"
    )


def test_every_bad_value_of_the_file_is_listed_with_its_row(tmp_path: Path) -> None:
    text = (
        "opportunity_id,stage,amount,close_date,is_won\n"
        "O1,Won,$1,200,2024-01-05,true\n"
        "O2,,abc,2024-02-30,maybe\n"
        "O1,Lost,5,2024-03-01,false\n"
    )
    text = text.replace("$1,200", '"$1,200"')
    problems = _problems(
        tmp_path, opportunities={"path": _write(tmp_path, "o.csv", text)}
    )
    assert problems == [
        "o.csv, row 3, column 'amount': value 'abc'; expected an amount such as 1200, "
        "$1,200, 36.9 M or (1,200)",
        "o.csv, row 3, column 'close_date': value '2024-02-30'; expected a date "
        "such as "
        "2024-01-31, 01/31/2024 or 31/01/2024",
        "o.csv, row 3, column 'is_won': value 'maybe'; expected true/false (also TRUE, "
        "1/0, yes/no, Y/N, t/f)",
        "o.csv, row 3, column 'stage'; expected a value: stage is required in "
        "opportunities",
        "o.csv, row 4, column 'opportunity_id': value 'O1'; expected a unique "
        "opportunity_id; 'O1' is first on row 2",
    ]


def test_problems_of_several_files_come_in_one_error(tmp_path: Path) -> None:
    accounts = _write(tmp_path, "a.csv", "account_id,name,employees\nA1,Acme,many\n")
    opps = _write(tmp_path, "o.csv", "opportunity_id,stage,close_date\nO1,Won,soon\n")
    with pytest.raises(InputError, match=r"2 problems in a\.csv, o\.csv"):
        _load(tmp_path, accounts={"path": accounts}, opportunities={"path": opps})


def test_date_order_conflict_is_one_problem(tmp_path: Path) -> None:
    text = "opportunity_id,stage,close_date\nO1,Won,13/02/2024\nO2,Won,02/23/2024\n"
    assert _problems(
        tmp_path, opportunities={"path": _write(tmp_path, "o.csv", text)}
    ) == [
        "o.csv, column 'close_date'; expected one day/month order in the column, but "
        "'13/02/2024' is day-first and '02/23/2024' is month-first; fix the file or "
        "set inputs.opportunities.date_order"
    ]


def test_assumed_date_order_is_a_finding(tmp_path: Path) -> None:
    text = "opportunity_id,stage,close_date\nO1,Won,01/02/2024\n"
    result = _load(tmp_path, opportunities={"path": _write(tmp_path, "o.csv", text)})
    finding = _finding(result, "date_order_assumed")
    assert finding["severity"] == "warning" and finding["example"] == "01/02/2024"
    assert "read as mdy" in finding["detail"]
    assert result.tables["opportunities"]["close_date"].iloc[0] == pd.Timestamp(
        "2024-01-02"
    )


def test_status_from_stage_flags_and_config(tmp_path: Path) -> None:
    text = (
        "opportunity_id,stage,is_won,is_closed\n"
        "O1,Closed Won,,\nO2,closedlost,,\nO3,Won,,\nO4,Signed,,\nO5,Proposal,,\n"
        "O6,Proposal,1,1\nO7,Closed Won,0,0\n"
    )
    path = _write(tmp_path, "o.csv", text)
    spec = {"path": path, "stage_status": {"Signed": "won"}}
    result = _load(tmp_path, opportunities=spec)
    assert result.tables["opportunities"]["status"].tolist() == [
        "won",
        "lost",
        "won",
        "won",
        "open",
        "won",
        "open",
    ]
    assert _finding(result, "status_flags_disagree_with_stage")["count"] == 2
    bad = {"path": path, "stage_status": {"Signed": "booked"}}
    assert _problems(tmp_path, opportunities=bad)[0] == (
        "o.csv, column 'stage_status': value 'booked'; expected open, won or lost "
        "(inputs.opportunities.stage_status)"
    )


def test_types_are_normalised(tmp_path: Path) -> None:
    opps = "opportunity_id,stage,type\nO1,Won,New Business\n"
    opps += "O2,Won,Existing Customer - Upgrade\n"
    opps += "O3,Won,Renewal\nO4,Won,Barter\nO5,Won,\n"
    acts = "activity_id,activity_date,type\nT1,2024-01-01,Meeting\nT2,2024-01-01,Call\n"
    acts += "T3,2024-01-01,Email\nT4,2024-01-01,Prep\n"
    result = _load(
        tmp_path,
        opportunities={"path": _write(tmp_path, "o.csv", opps)},
        activities={"path": _write(tmp_path, "t.csv", acts)},
    )
    assert result.tables["opportunities"]["type"].tolist()[:4] == [
        "new_business",
        "expansion",
        "renewal",
        "other",
    ]
    assert pd.isna(result.tables["opportunities"]["type"].iloc[4])
    assert result.tables["activities"]["type"].tolist() == [
        "meeting",
        "call",
        "email",
        "other",
    ]


def test_cross_table_findings_and_as_of(tmp_path: Path) -> None:
    accounts = _write(
        tmp_path, "a.csv", "account_id,name,industry,employees\nA1,Acme,,0\n"
    )
    opps = (
        "opportunity_id,account_id,stage,created_date,close_date,amount\n"
        "O1,A1,Won,2024-03-01,2024-02-01,10\nO2,,Open,,2024-05-01,\n"
        "O3,A9,Lost,2024-01-01,2024-02-01,0\n"
    )
    subs = "subscription_id,account_id,start_date,end_date,arr\n"
    subs += "S1,A1,2024-01-01,2024-01-01,5\n"
    spec = {
        "as_of": "2024-04-01",
        "inputs": {
            "accounts": {"path": accounts},
            "opportunities": {"path": _write(tmp_path, "o.csv", opps)},
            "subscriptions": {"path": _write(tmp_path, "s.csv", subs)},
        },
    }
    result = load_inputs(parse_config(spec, "test"), tmp_path)
    counts = dict(zip(result.findings["check"], result.findings["count"], strict=True))
    assert counts == {
        "industry_blank": 1,
        "employees_zero": 1,
        "without_account": 1,
        "without_created_date": 1,
        "negative_cycle": 1,
        "lost_amount_zero": 1,
        "zero_length": 1,
        "account_not_in_accounts": 1,
        "close_date_after_as_of": 1,
    }
    assert result.as_of.isoformat() == "2024-04-01"
    del spec["as_of"]
    assert (
        load_inputs(parse_config(spec, "test"), tmp_path).as_of.isoformat()
        == "2024-05-01"
    )


def test_universe_ids_are_prefixed_and_unique(tmp_path: Path) -> None:
    first = _write(tmp_path, "list_a.csv", "id,company\n7,Acme\n7,Acme Inc\n")
    second = _write(tmp_path, "list_b.csv", "company\nBeta\n")
    universe = [
        {"path": first, "constants": {"source": "vendor"}},
        {"path": second, "constants": {"country": "US"}},
    ]
    result = _load(tmp_path, universe=universe)
    frame = result.tables["universe"]
    assert frame["company_id"].tolist() == ["vendor:7", "vendor:7#row3", "list_b:2"]
    assert frame["source"].tolist() == ["vendor", "vendor", "list_b"]
    assert frame["country"].tolist()[2] == "US"
    assert _finding(result, "duplicate_company_id")["count"] == 1


def test_written_out_missing_values_in_number_columns(tmp_path: Path) -> None:
    text = "account_id,name,employees,annual_revenue\nA1,Acme,NA,-\n"
    result = _load(tmp_path, accounts={"path": _write(tmp_path, "a.csv", text)})
    assert result.tables["accounts"]["employees"].isna().all()
    markers = result.findings[result.findings["check"] == "missing_marker"]
    assert markers["example"].tolist() == ["NA", "-"]
    assert markers["count"].tolist() == [1, 1]


def test_infer_mapping_for_init(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(
        "Opportunity ID,Account ID,Stage,Close Date,Amount\n", encoding="utf-8"
    )
    assert infer_mapping(path, "opportunities", "salesforce") == {
        "opportunity_id": "Opportunity ID",
        "account_id": "Account ID",
        "stage": "Stage",
        "amount": "Amount",
        "close_date": "Close Date",
    }


def test_empty_override_switches_a_guess_off(tmp_path: Path) -> None:
    text = "company,url\nFuhu,fuhu\n"
    spec = {"path": _write(tmp_path, "u.csv", text), "columns": {"domain": ""}}
    result = _load(tmp_path, universe=[spec])
    assert result.tables["universe"]["domain"].isna().all()
    assert "domain_invalid" not in set(result.findings["check"])


def test_init_does_not_map_a_column_of_page_slugs_as_domain(tmp_path: Path) -> None:
    slugs = _write(tmp_path, "u.csv", "id,company,url\n1,Fuhu,fuhu\n2,Quest,quest\n")
    sites = _write(tmp_path, "w.csv", "id,company,url\n1,Fuhu,https://fuhu.com\n")
    assert infer_mapping(tmp_path / slugs, "universe")["domain"] == ""
    assert infer_mapping(tmp_path / sites, "universe")["domain"] == "url"
