"""`icpkit universe add`: every universe preset on its real file of shared/data."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from icpkit.config import load_config
from icpkit.errors import ConfigError, InputError
from icpkit.ingest import load_inputs
from icpkit.ingest.commands import universe_add
from icpkit.ingest.universe_presets import UNIVERSE_PRESETS

CU = "company-universe"
# preset -> (file under shared/data, rows as in its SOURCE.md)
REAL_FILES = {
    "inc5000_2014": ("inc5000-universe/inc5000_2014.csv", 5_000),
    "inc5000_2019": ("inc5000-universe/inc5000_2019_crawled.csv", 5_015),
    "fortune1000_2016": (f"{CU}/fortune1000_2016.csv", 1_000),
    "fortune1000_2021": (f"{CU}/fortune1000_2021.csv", 1_000),
    "sp500": (f"{CU}/sp500_constituents_2026.csv", 503),
    "sec_tickers": (f"{CU}/sec_company_tickers_exchange.csv", 10_069),
    "uk_companies_house": (f"{CU}/uk_companies_house_first1000.csv", 1_000),
    "crunchbase": ("crunchbase-2015-acquisitions/acquisitions.csv", 18_968),
}
HEADER = "# icpkit workspace: my plan\n"


def _workspace(tmp_path: Path) -> Path:
    (tmp_path / "icpkit.toml").write_text(
        HEADER + 'name = "plan"\nas_of = 2021-06-01\n\n[segments]\nmin_accounts = 3\n'
    )
    return tmp_path


def test_every_preset_has_a_real_file_test() -> None:
    assert set(REAL_FILES) == set(UNIVERSE_PRESETS)


@pytest.mark.parametrize("preset", sorted(REAL_FILES))
def test_preset_reads_its_real_file(
    shared_data: Path, tmp_path: Path, preset: str
) -> None:
    file, rows = REAL_FILES[preset]
    root = _workspace(tmp_path)
    universe_add(root, shared_data / file, preset)
    universe = load_inputs(load_config(root), root).tables["universe"]
    assert len(universe) == rows
    assert set(universe["source"]) == {preset}
    assert universe["name"].notna().mean() > 0.99


def test_special_handling_on_real_files(shared_data: Path, tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    for preset in ("inc5000_2019", "fortune1000_2016", "sp500"):
        universe_add(root, shared_data / REAL_FILES[preset][0], preset)
    universe = load_inputs(load_config(root), root).tables["universe"]
    by_name = universe.drop_duplicates("name").set_index("name")
    assert by_name.loc["bombas", "domain"] == "bombas.com"  # name from the URL slug
    assert by_name.loc["freestar", "annual_revenue"] == pytest.approx(36.9e6)
    walmart = by_name.loc["Walmart"]  # Fortune 2016 "Bentonville, AR", $M
    assert (walmart["city"], walmart["state"]) == ("Bentonville", "AR")
    assert walmart["annual_revenue"] == pytest.approx(482_130e6)
    sp500 = universe[universe["source"].eq("sp500")].set_index("name")
    three_m = sp500.loc["3M"]  # S&P "Saint Paul, Minnesota"
    assert (three_m["city"], three_m["state"], three_m["country"]) == (
        "Saint Paul",
        "MN",
        "US",
    )
    irish = sp500[sp500["country"].eq("IE")]
    assert len(irish) == 11 and irish["state"].isna().all()


def test_toml_keeps_settings_and_header_and_refuses_duplicates(
    shared_data: Path, tmp_path: Path
) -> None:
    root = _workspace(tmp_path)
    file = shared_data / REAL_FILES["fortune1000_2021"][0]
    universe_add(root, file, "fortune1000_2021")
    universe_add(root, file, "fortune1000_2021", source="fortune_again")
    text = (root / "icpkit.toml").read_text()
    assert text.startswith(HEADER)
    raw = tomllib.loads(text)
    assert raw["segments"] == {"min_accounts": 3} and raw["name"] == "plan"
    first = raw["inputs"]["universe"][0]
    assert first["columns"]["employees"] == "num. of employees"
    assert first["scale"] == {"annual_revenue": 1e6}
    assert [u["constants"]["source"] for u in raw["inputs"]["universe"]] == [
        "fortune1000_2021",
        "fortune_again",
    ]
    with pytest.raises(ConfigError, match="'fortune1000_2021' is already in"):
        universe_add(root, file, "fortune1000_2021")
    with pytest.raises(ConfigError, match="unknown universe preset 'f500'; use one"):
        universe_add(root, file, "f500")


def test_derive_rule_errors_are_input_problems(tmp_path: Path) -> None:
    (tmp_path / "list.csv").write_text(
        'url,where\nhttps://x.com/profile/acme,"A, CA"\n'
    )
    (tmp_path / "icpkit.toml").write_text(
        '[[inputs.universe]]\npath = "list.csv"\n'
        'derive = {name = "slug:url", city = "town:where", state = "state:nowhere"}\n'
    )
    with pytest.raises(InputError) as error:
        load_inputs(load_config(tmp_path), tmp_path)
    message = str(error.value)
    assert "'town:where'" in message and "slug:COLUMN" in message
    assert "'nowhere'" in message


def test_a_list_of_another_format_is_refused_before_writing(
    shared_data: Path, tmp_path: Path
) -> None:
    root = _workspace(tmp_path)
    before = (root / "icpkit.toml").read_text()
    fortune = shared_data / REAL_FILES["fortune1000_2021"][0]
    message = r"does not look like a inc5000_2014 list: it has no column 'id', "
    with pytest.raises(ConfigError, match=message):
        universe_add(root, fortune, "inc5000_2014")
    assert (root / "icpkit.toml").read_text() == before


def test_path_is_written_relative_to_the_workspace(tmp_path: Path) -> None:
    (tmp_path / "plan").mkdir()
    root = _workspace(tmp_path / "plan")
    data = tmp_path / "lists"
    data.mkdir()
    (data / "sec.csv").write_text("cik,name,ticker,exchange\n1,Acme Corp,ACME,NYSE\n")
    entry = universe_add(root, data / "sec.csv", "sec_tickers")
    assert entry["path"] == "../lists/sec.csv"
    universe = load_inputs(load_config(root), root).tables["universe"]
    assert universe["name"].tolist() == ["Acme Corp"]
