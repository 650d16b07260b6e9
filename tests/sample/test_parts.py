"""Hand-worked cases for the generator's building blocks."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from icpkit.sample import figures, names, plan, subscriptions


def test_anniversary_of_a_leap_day_is_the_28th() -> None:
    assert subscriptions.anniversary(date(2024, 2, 29)) == date(2025, 2, 28)
    assert subscriptions.anniversary(date(2023, 7, 14)) == date(2024, 7, 14)


def test_arr_and_net_revenue_retention_by_hand() -> None:
    # a: 100 at t (2024-12-31), grows to 150; b: 100 at t, churns mid-2025;
    # c: starts after t (not in S); a's trial is left out.
    table = pd.DataFrame(
        {
            "account_id": ["a", "a", "a", "b", "c"],
            "start_date": pd.to_datetime(["2024-06-01", "2025-06-01", "2024-01-01",
                                          "2024-03-01", "2025-02-01"]),
            "end_date": pd.to_datetime(["2025-06-01", None, "2024-12-31",
                                        "2025-03-01", None]),
            "arr": [100.0, 150.0, 999.0, 100.0, 80.0],
            "is_trial": [False, False, True, False, False],
        }
    )  # fmt: skip
    assert figures.arr_at(table, date(2024, 12, 31)).to_dict() == {
        "a": 100.0,
        "b": 100.0,
    }
    accounts = pd.Index(["a", "b", "c"])
    # (150 + 0) / (100 + 100)
    assert figures.net_revenue_retention(table, accounts) == 0.75


def test_win_rate_ignores_open_deals() -> None:
    deals = pd.DataFrame({"status": ["won", "lost", "lost", "lost", "open"]})
    assert figures.win_rate(deals) == 0.25


def test_size_band_edges() -> None:
    employees = np.array([1, 49, 50, 199, 200, 999, 1000, 4999, 5000])
    assert plan.size_band(employees).tolist() == [
        "1-49", "1-49", "50-199", "50-199", "200-999", "200-999", "1000-4999",
        "1000-4999", "5000+",
    ]  # fmt: skip


def test_planted_cell_membership() -> None:
    industry = np.array(["Technology", "Technology", "Technology", "Retail"])
    employees = np.array([199, 200, 999, 500])
    contained = plan.PLANTED_ICP.contains(industry, employees)
    assert contained.tolist() == [False, True, True, False]
    assert plan.PLANTED_ICP.nrr > 1.2 > 1.0 > plan.PLANTED_ICP.base_nrr


def test_name_variants_differ_but_keep_the_stem() -> None:
    rng = np.random.default_rng(0)
    for name in ["Acme Corp", "Hill & Dodson Inc.", "Zentrix", "O'Reilly Labs Ltd"]:
        variant = names.name_variant(rng, name)
        assert variant != name
        assert names.slug(name.split()[0]) in names.slug(variant)


def test_html_escaped_names() -> None:
    rng = np.random.default_rng(0)
    assert names.html_escaped("O'Reilly Labs", rng) == "O&#8217;Reilly Labs"
    assert names.html_escaped("Zentrix", rng) == "Zentrix"


def test_domains_and_websites() -> None:
    rng = np.random.default_rng(1)
    assert names.domain("Hill & Dodson", "GB") == "hillanddodson.co.uk"
    assert names.domain("O'Reilly Peak", "US") == "oreillypeak.com"
    for _ in range(20):
        assert "acme.com" in names.universe_website(rng, "acme.com").lower()
        assert names.investor_website(rng, "acme.com").startswith("https://i")
