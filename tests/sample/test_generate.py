"""The generated sample company: files, config, determinism, planted ICP, faults.

Every check reads the written CSV files back with plain pandas, independently of the
generator's own bookkeeping.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from icpkit.config import load_config
from icpkit.sample import PLANTED_ICP, generate_sample

AS_OF = pd.Timestamp("2025-12-31")
BANDS = ([0, 49, 199, 999, 4999, np.inf], ["1-49", "50-199", "200-999", "1000-4999",
                                          "5000+"])  # fmt: skip
WON, LOST = "Closed Won", "Closed Lost"
# Written country -> region, as the product's defaults should derive it.
REGION_OF_COUNTRY = {
    "North America": ["United States", "USA", "US", "United States of America",
                      "Canada", "CA"],
    "EMEA": ["United Kingdom", "UK", "GB", "Germany", "DE", "Deutschland", "France",
             "FR", "Netherlands", "NL", "Ireland", "IE", "Sweden", "SE", "Spain", "ES",
             "Israel", "IL", "South Africa", "ZA", "NA"],
    "APAC": ["Australia", "AU", "Japan", "JP", "Singapore", "SG", "India", "IN",
             "New Zealand", "NZ"],
    "LATAM": ["Brazil", "BR", "Mexico", "MX"],
}  # fmt: skip


def read(directory: Path, name: str) -> pd.DataFrame:
    """A data file as text, blanks as '' (so Namibia's 'NA' stays 'NA')."""
    return pd.read_csv(directory / "data" / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The full-size sample (scale 1.0) and the seconds it took to write."""
    started = time.perf_counter()
    directory = generate_sample(tmp_path_factory.mktemp("sample") / "demo")
    return directory, time.perf_counter() - started


@pytest.fixture(scope="module")
def directory(sample: tuple[Path, float]) -> Path:
    return sample[0]


@pytest.fixture(scope="module")
def closed(directory: Path) -> pd.DataFrame:
    """Closed deals with their account's industry and size band (typo corrected)."""
    accounts = read(directory, "accounts.csv")
    employees = pd.to_numeric(accounts["NumberOfEmployees"].replace("", None))
    accounts["band"] = pd.cut(employees, BANDS[0], labels=BANDS[1]).astype(str)
    accounts["industry"] = accounts["Industry"].replace("Technolgy", "Technology")
    deals = read(directory, "opportunities.csv")
    deals = deals[deals["StageName"].isin([WON, LOST])]
    deals = deals.merge(accounts, left_on="AccountId", right_on="Id", how="inner")
    deals["won"] = deals["StageName"] == WON
    return deals


def test_row_counts_and_headers(directory: Path) -> None:
    accounts = read(directory, "accounts.csv")
    deals = read(directory, "opportunities.csv")
    assert list(accounts.columns) == [
        "Id", "Name", "Website", "Industry", "NumberOfEmployees", "AnnualRevenue",
        "BillingCountry", "BillingState", "BillingCity", "OwnerId", "ParentId",
        "CreatedDate",
    ]  # fmt: skip
    assert {"Id", "AccountId", "OwnerId", "Type", "StageName", "Amount",
            "CreatedDate", "CloseDate"} <= set(deals.columns)  # fmt: skip
    assert len(accounts) == 5_000
    assert 27_000 <= len(deals) <= 33_000
    assert len(read(directory, "reps.csv")) == 20
    assert len(read(directory, "universe.csv")) == 50_000
    assert len(read(directory, "subscriptions.csv")) > 2_500
    assert len(read(directory, "activities.csv")) > 30_000
    assert accounts["Id"].is_unique and deals["Id"].is_unique
    assert read(directory, "universe.csv")["company_id"].is_unique


def test_config_maps_every_column_that_exists(directory: Path) -> None:
    config = load_config(directory)
    assert config.as_of is not None and config.as_of.isoformat() == "2025-12-31"
    specs = [config.inputs.accounts, config.inputs.opportunities,
             config.inputs.subscriptions, config.inputs.activities,
             config.inputs.reps, *config.inputs.universe]  # fmt: skip
    for spec in specs:
        assert spec is not None
        header = pd.read_csv(directory / spec.path, nrows=0, encoding="utf-8-sig")
        missing = set(spec.columns.values()) - set(header.columns)
        assert not missing, f"{spec.path} lacks mapped columns {missing}"
    assert config.inputs.accounts is not None
    assert config.inputs.accounts.preset == "salesforce"
    assert config.inputs.universe[0].constants == {"source": "vendor"}
    stages = set(read(directory, "opportunities.csv")["StageName"])
    assert config.inputs.opportunities is not None
    assert stages <= set(config.inputs.opportunities.stage_status)


def digest(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def test_same_seed_writes_identical_files(tmp_path: Path) -> None:
    first = digest(generate_sample(tmp_path / "one", seed=3, scale=0.05))
    second = digest(generate_sample(tmp_path / "two", seed=3, scale=0.05))
    other = digest(generate_sample(tmp_path / "three", seed=4, scale=0.05))
    assert len(first) == 9  # 6 data files, truth, icpkit.toml, README.md
    assert first == second
    assert other["data/accounts.csv"] != first["data/accounts.csv"]


def test_scale_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="scale must be a positive number, got 0"):
        generate_sample(tmp_path, scale=0)


def win_rates(closed: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    table = closed.groupby(keys)["won"].agg(["sum", "count"])
    return table.assign(win_rate=table["sum"] / table["count"])


def test_planted_cell_wins_more_than_every_other_cell(closed: pd.DataFrame) -> None:
    cells = win_rates(closed, ["industry", "band"])
    planted = cells.loc[(PLANTED_ICP.industry, PLANTED_ICP.size_band)]
    others = cells.drop(index=(PLANTED_ICP.industry, PLANTED_ICP.size_band))
    assert planted["count"] >= 1_000
    assert planted["win_rate"] > 0.40
    assert planted["win_rate"] > others.loc[others["count"] >= 100, "win_rate"].max()

    in_industry = closed["industry"] == PLANTED_ICP.industry
    in_band = closed["band"] == PLANTED_ICP.size_band
    same_industry = closed.loc[in_industry & ~in_band, "won"].mean()
    same_band = closed.loc[in_band & ~in_industry, "won"].mean()
    assert planted["win_rate"] - max(same_industry, same_band) > 0.12
    assert abs(same_industry - closed.loc[~in_industry, "won"].mean()) < 0.04
    assert abs(same_band - closed.loc[~in_band, "won"].mean()) < 0.04


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    order = np.argsort(p_values)
    ranked = p_values[order] * len(p_values) / np.arange(1, len(p_values) + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    result = np.empty_like(adjusted)
    result[order] = np.minimum(adjusted, 1.0)
    return result


def test_only_the_planted_cell_is_significantly_better(closed: pd.DataFrame) -> None:
    cells = win_rates(closed, ["industry", "band"])
    cells = cells[cells["count"] >= 30]
    total_won, total = closed["won"].sum(), len(closed)
    rest_won = total_won - cells["sum"]
    rest = total - cells["count"]
    pooled = total_won / total
    spread = np.sqrt(pooled * (1 - pooled) * (1 / cells["count"] + 1 / rest))
    z = (cells["win_rate"] - rest_won / rest) / spread
    q = benjamini_hochberg(2 * norm.sf(np.abs(z.to_numpy())))
    better = cells.index[(q < 0.05) & (z.to_numpy() > 0)].tolist()
    # A blank industry (a planted fault) hides companies of every industry, the
    # planted one among them, so its 200-999 cell may win more too; not another ICP.
    known = [cell for cell in better if cell[0] != ""]
    assert known == [(PLANTED_ICP.industry, PLANTED_ICP.size_band)]
    assert {band for industry, band in better if industry == ""} <= {
        PLANTED_ICP.size_band,
        "nan",
    }


@pytest.fixture(scope="module")
def first_wins(directory: Path) -> pd.DataFrame:
    """Accounts with their creation day, their first won deal's close date (NaT:
    never won) and whether their written firmographics put them in the cell."""
    accounts = read(directory, "accounts.csv")
    employees = pd.to_numeric(accounts["NumberOfEmployees"].replace("", None))
    industry = accounts["Industry"].replace("Technolgy", "Technology")
    deals = read(directory, "opportunities.csv")
    won = deals[deals["StageName"] == WON]
    first = pd.to_datetime(won.groupby("AccountId")["CloseDate"].min())
    return pd.DataFrame(
        {
            "created": pd.to_datetime(accounts["CreatedDate"].str[:10]),
            "first_win": accounts["Id"].map(first),
            "in_cell": (industry == PLANTED_ICP.industry)
            & employees.between(PLANTED_ICP.min_employees, PLANTED_ICP.max_employees),
        }
    )


def test_new_logos_arrive_every_quarter(first_wins: pd.DataFrame) -> None:
    quarters = first_wins["first_win"].dropna().dt.to_period("Q").value_counts()
    expected = pd.period_range("2023Q1", "2025Q4", freq="Q")
    assert quarters.reindex(expected, fill_value=0).min() >= 30
    recent = first_wins[first_wins["first_win"] > AS_OF - pd.DateOffset(months=12)]
    assert len(recent) >= 300
    # The cell's share of the last year's new logos is well above its share of
    # the accounts: what a look-alike backtest over that year can find.
    assert recent["in_cell"].mean() > 1.5 * first_wins["in_cell"].mean()


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_prospects_in_the_cell_convert_faster(
    first_wins: pd.DataFrame, year: int
) -> None:
    """Of the accounts that were prospects on 1 January (created before, no win
    yet), the share winning a first deal within the year, in the cell vs out."""
    start, end = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year + 1}-01-01")
    prospects = first_wins[
        (first_wins["created"] < start) & ~(first_wins["first_win"] < start)
    ]
    converted = prospects["first_win"] < end
    rate = converted.groupby(prospects["in_cell"]).mean()
    assert prospects["in_cell"].sum() >= 100
    assert rate[True] > 2 * rate[False]
    assert 0.05 < rate[False] < 0.3  # most prospects do not buy within a year


def arr_at(subscriptions: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    start = pd.to_datetime(subscriptions["start_date"])
    end = pd.to_datetime(subscriptions["end_date"].replace("", None))
    live = (start <= day) & (end.isna() | (end > day))
    live &= subscriptions["is_trial"] == "False"
    amounts = pd.to_numeric(subscriptions.loc[live, "arr"])
    return amounts.groupby(subscriptions.loc[live, "account_id"]).sum()


def test_planted_cell_retains_more(directory: Path, closed: pd.DataFrame) -> None:
    subscriptions = read(directory, "subscriptions.csv")
    before = arr_at(subscriptions, AS_OF - pd.DateOffset(months=12))
    before = before[before > 0]
    after = arr_at(subscriptions, AS_OF).reindex(before.index, fill_value=0)
    cells = closed.drop_duplicates("AccountId").set_index("AccountId")
    cell = cells["industry"] + " x " + cells["band"]
    per_cell = pd.DataFrame({"before": before, "after": after, "cell": cell}).dropna()
    sums = per_cell.groupby("cell")[["before", "after"]].sum()
    sizes = per_cell.groupby("cell").size()
    nrr = sums["after"] / sums["before"]
    planted = f"{PLANTED_ICP.industry} x {PLANTED_ICP.size_band}"
    assert sizes[planted] >= 100
    assert nrr[planted] > 1.15
    assert nrr[planted] > nrr.drop(planted)[sizes >= 30].max()
    others = per_cell[per_cell["cell"] != planted]
    assert others["after"].sum() / others["before"].sum() < 1.05


def test_faults_are_planted(directory: Path) -> None:
    accounts = read(directory, "accounts.csv")
    deals = read(directory, "opportunities.csv")
    assert 1 <= (accounts["BillingCountry"] == "NA").sum() <= 2
    assert (accounts["Industry"] == "Technolgy").sum() > 0
    assert (accounts["Industry"] == "").mean() > 0.01
    blank_account = deals["AccountId"] == ""
    assert blank_account.sum() > 100
    assert not deals.loc[blank_account, "StageName"].isin([WON, LOST]).any()
    assert ((deals["StageName"] == LOST) & (deals["Amount"] == "0")).sum() > 1_000
    created = pd.to_datetime(deals["CreatedDate"].str[:10])
    assert 0 < (pd.to_datetime(deals["CloseDate"]) < created).sum() < 300
    reps = read(directory, "reps.csv")
    assert (~reps["rep_id"].isin(deals["OwnerId"])).sum() == 5


def test_dates_are_written_as_each_system_exports_them(directory: Path) -> None:
    deals = read(directory, "opportunities.csv")
    stamp = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000"
    assert deals["CreatedDate"].str.fullmatch(stamp).all()
    assert deals["CloseDate"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert read(directory, "accounts.csv")["CreatedDate"].str.fullmatch(stamp).all()
    activities = read(directory, "activities.csv")
    assert activities["activity_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert pd.to_datetime(activities["activity_date"]).max() <= AS_OF


def test_subscription_faults(directory: Path) -> None:
    subscriptions = read(directory, "subscriptions.csv")
    assert (subscriptions["start_date"] == subscriptions["end_date"]).sum() > 0
    paid = subscriptions[subscriptions["is_trial"] == "False"]
    live = paid[
        (paid["start_date"] <= "2025-12-31")
        & ((paid["end_date"] == "") | (paid["end_date"] > "2025-12-31"))
    ]
    assert (live.groupby("account_id").size() > 1).sum() > 0  # fmt: skip
    assert set(subscriptions["is_trial"]) == {"True", "False"}


def test_universe_overlaps_and_duplicates(directory: Path) -> None:
    universe = read(directory, "universe.csv")
    truth = pd.read_csv(directory / "truth" / "universe_entities.csv", dtype=str,
                        keep_default_na=False)  # fmt: skip
    known = truth[truth["account_id"] != ""]
    assert known["account_id"].nunique() == 1_500
    assert known["account_id"].isin(read(directory, "accounts.csv")["Id"]).all()
    repeated = len(truth) - truth["entity"].nunique()
    assert 0.04 <= repeated / len(truth) <= 0.06
    assert universe["company"].str.contains("&#8217;", regex=False).sum() > 10
    assert universe["website"].str.contains(r"//(?:ir|investors?)\.").sum() > 100
    assert universe["employees"].str.fullmatch(r"\d{1,3}(?:,\d{3})+").sum() > 100
    numeric = pd.to_numeric(universe["employees"].str.replace(",", ""))
    lookalikes = (universe["industry"] == PLANTED_ICP.industry) & numeric.between(
        PLANTED_ICP.min_employees, PLANTED_ICP.max_employees
    )
    assert 2_000 <= lookalikes.sum() <= 5_000


def test_every_account_region_has_an_experienced_rep(directory: Path) -> None:
    region = {s: r for r, spellings in REGION_OF_COUNTRY.items() for s in spellings}
    accounts = read(directory, "accounts.csv")
    assert accounts["BillingCountry"].isin(region).all()
    reps = read(directory, "reps.csv").set_index("rep_id")
    owner_region = accounts["OwnerId"].map(reps["region"])
    assert (accounts["BillingCountry"].map(region) == owner_region).all()
    assert set(reps["region"]) == set(REGION_OF_COUNTRY)
