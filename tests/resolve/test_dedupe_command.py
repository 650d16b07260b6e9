"""`icpkit dedupe`: one list in, every row back with its entity."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from icpkit.cli import app
from icpkit.resolve.quality import pairwise_scores

runner = CliRunner()

# An event list, semicolon-delimited, UTF-8 with a BOM. Known duplicates:
# Ann = Bob (legal form and case), Cid = Dee (dotted GmbH), Eve = Fay (same
# registrable domain behind a careers subdomain), Gus = Hal (mojibake). Ivy's
# company is a spreadsheet formula and stays alone.
EVENT_LIST = """\ufeffContact;Company;Website;Country
Ann;Acme Inc.;https://www.acme.com;US
Bob;ACME, INC;;US
Cid;Blue Widgets GmbH;blue.de;DE
Dee;Blue Widgets G.m.b.H.;;DE
Eve;Red Co;red.com;US
Fay;Rouge SARL;https://careers.red.com/jobs;FR
Gus;Société Générale S.A.;;FR
Hal;SociÃ©tÃ© GÃ©nÃ©rale;;FR
Ivy;=HYPERLINK("x");;US
"""
GROUPS = [{"Ann", "Bob"}, {"Cid", "Dee"}, {"Eve", "Fay"}, {"Gus", "Hal"}, {"Ivy"}]


def event_list(folder: Path) -> Path:
    path = folder / "event.csv"
    path.write_text(EVENT_LIST, encoding="utf-8")
    return path


def dedupe(*arguments: str) -> tuple[int, str]:
    result = runner.invoke(app, ["dedupe", *arguments])
    return result.exit_code, result.output


def groups(frame: pd.DataFrame) -> list[set[str]]:
    found = [set(group) for _, group in frame.groupby("entity_id")["Contact"]]
    return sorted(found, key=min)


def test_event_list_keeps_rows_and_columns_and_finds_the_duplicates(
    tmp_path: Path,
) -> None:
    out = tmp_path / "deduped.csv"
    code, output = dedupe(str(event_list(tmp_path)), "--out", str(out))
    assert code == 0, output
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns) == [
        "Contact", "Company", "Website", "Country",
        "entity_id", "cluster_size", "match_probability", "match_reason",
    ]  # fmt: skip
    assert frame["Contact"].str[0].tolist() == list("ABCDEFGHI")
    assert groups(frame) == GROUPS
    rows = frame.set_index("Contact")
    assert rows.at["Bob", "Company"] == "ACME, INC"  # input values untouched
    assert (
        rows.at["Ann", "cluster_size"] == "2" and rows.at["Ivy", "cluster_size"] == "1"
    )
    assert rows.at["Ann", "match_reason"] == "name"
    assert rows.at["Fay", "match_reason"] == "domain"
    assert rows.at["Ann", "match_probability"] == "1.0"
    assert rows.at["Ivy", "match_reason"] == "self"
    assert rows.at["Ivy", "match_probability"] == ""
    assert rows.at["Ivy", "Company"].startswith("'=")  # spreadsheet-safe
    assert "9 rows, 5 entities: 4 duplicate rows in 4 clusters (exact)" in output
    assert "fewer than 1,000" in output
    assert "name <- 'Company'" in output


def test_map_overrides_the_preset_guess(tmp_path: Path) -> None:
    # "Name" is the person here; the generic preset would take it as the company.
    path = tmp_path / "leads.csv"
    path.write_text(
        "Name,Organisation\nAnn Lee,Acme Inc\nBob Ray,ACME\nAnn Lee,Blue Ltd\n"
    )
    out = tmp_path / "out.csv"
    code, output = dedupe(str(path), "--out", str(out))
    assert code == 0, output
    by_person = pd.read_csv(out, dtype=str)["entity_id"]
    assert by_person.iloc[0] == by_person.iloc[2] != by_person.iloc[1]
    code, output = dedupe(str(path), "--out", str(out), "--map", "Organisation=name")
    assert code == 0, output
    by_company = pd.read_csv(out, dtype=str)["entity_id"]
    assert by_company.iloc[0] == by_company.iloc[1] != by_company.iloc[2]


def test_excel_in_parquet_out_and_a_rerun_replaces_the_result_columns(
    tmp_path: Path,
) -> None:
    source = pd.read_csv(event_list(tmp_path), sep=";", dtype=str)
    workbook = tmp_path / "event.xlsx"
    source.to_excel(workbook, index=False)
    out = tmp_path / "out.parquet"
    code, output = dedupe(str(workbook), "--out", str(out), "--method", "exact")
    assert code == 0, output
    first = pd.read_parquet(out)
    assert groups(first) == GROUPS
    again = tmp_path / "again.xlsx"
    code, output = dedupe(str(out), "--out", str(again))
    assert code == 0, output
    second = pd.read_excel(again, dtype=str)
    assert list(second.columns) == list(first.columns)
    assert second["entity_id"].tolist() == first["entity_id"].tolist()
    assert "replaced the input's own columns entity_id" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "again.xlsx", "event.csv", "event.xlsx", "out.parquet",
    ]  # fmt: skip


def test_universe_preset_maps_its_own_columns(tmp_path: Path) -> None:
    path = tmp_path / "fortune.csv"
    path.write_text("rank,company,Website\n1,Walmart,walmart.com\n2,Wal-Mart Inc,\n")
    out = tmp_path / "out.csv"
    code, output = dedupe(str(path), "--out", str(out), "--preset", "fortune1000_2021")
    assert code == 0, output
    assert "name <- 'company', domain <- 'Website', country = 'US'" in output
    assert pd.read_csv(out)["entity_id"].nunique() == 1


def test_missing_name_column_names_the_file_and_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Contact,Email\nAnn,ann@acme.com\n")
    code, output = dedupe(str(path), "--out", str(tmp_path / "out.csv"))
    assert code == 2
    assert "people.csv, column 'name'" in output
    assert "found Contact, Email" in output
    assert "--map COLUMN=FIELD" in output
    assert not (tmp_path / "out.csv").exists()


def test_bad_options_are_listed_together(tmp_path: Path) -> None:
    path = event_list(tmp_path)
    code, output = dedupe(
        str(path), "--out", str(tmp_path / "out.txt"), "--map", "Company=firm",
        "--map", "Company", "--method", "fuzzy", "--preset", "zoho",
    )  # fmt: skip
    assert code == 2
    assert "5 problems" in output
    assert (
        "column 'Company': value 'Company=firm'; expected FIELD one of name" in output
    )
    assert "value 'Company'; expected --map COLUMN=FIELD" in output
    assert "--method: value 'fuzzy'; expected one of exact, probabilistic" in output
    assert "--preset: value 'zoho'; expected one of generic, salesforce" in output
    assert "expected a file name ending .csv" in output


def test_map_to_an_absent_column_is_named(tmp_path: Path) -> None:
    path = event_list(tmp_path)
    code, output = dedupe(str(path), "--out", str(tmp_path / "o.csv"), "--map",
                          "Firm=name")  # fmt: skip
    assert code == 2
    assert "column 'Firm': value 'Firm=name'; expected a column of the file" in output


@pytest.mark.parametrize(
    ("name", "content"),
    [("missing.csv", None), ("broken.xlsx", b"not a workbook"), ("empty.csv", b"")],
)
def test_unreadable_input_exits_2(
    tmp_path: Path, name: str, content: bytes | None
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, output = dedupe(str(path), "--out", str(tmp_path / "out.csv"))
    assert code == 2
    assert name in output and "Traceback" not in output


def test_help() -> None:
    code, output = dedupe("--help")
    assert code == 0
    assert "--map" in output and "--preset" in output


def test_dedupe_org_names_pairwise_f1(shared_data: Path, tmp_path: Path) -> None:
    folder = shared_data / "dedupe-org-names"
    out = tmp_path / "patstat.csv"
    code, output = dedupe(str(folder / "patstat_input.csv"), "--out", str(out))
    assert code == 0, output
    assert "(probabilistic)" in output
    frame = pd.read_csv(out, dtype=str)
    source = pd.read_csv(folder / "patstat_input.csv", dtype=str)
    assert frame["person_id"].tolist() == source["person_id"].tolist()
    truth = pd.read_csv(folder / "patstat_reference.csv", dtype=str)
    joined = frame.merge(truth, on="person_id", validate="one_to_one")
    assert pairwise_scores(joined["leuven_id"], joined["entity_id"])["f1"] >= 0.93
    sizes = frame.groupby("entity_id")["person_id"].transform("size")
    assert (frame["cluster_size"].astype(int) == sizes).all()


def test_list_without_duplicates_keeps_similar_names_in_other_states_apart(
    shared_data: Path, tmp_path: Path
) -> None:
    """The Inc. 5000 of 2014 lists each company once. Similar names in different
    states (Yodle NY, Yodlee CA; four Momentum firms) stay separate; what the
    model still joins (similar names in one state) stays under 1 % of rows."""
    source = shared_data / "inc5000-universe" / "inc5000_2014.csv"
    out = tmp_path / "inc.csv"
    code, output = dedupe(str(source), "--out", str(out), "--preset", "inc5000_2014")
    assert code == 0, output
    frame = pd.read_csv(out, dtype=str)
    entity = frame.set_index("company")["entity_id"]
    assert entity["Yodle"] != entity["Yodlee"]
    assert frame.loc[frame["company"].str.startswith("Momentum"), "entity_id"].is_unique
    joined = frame["cluster_size"].astype(int) > 1
    assert joined.sum() < 0.01 * len(frame), frame.loc[joined, ["company", "state_s"]]
