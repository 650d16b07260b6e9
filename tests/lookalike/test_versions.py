"""Model versions: stored with their card, re-loaded, re-used by model_version."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from icpkit.config import LookalikeSettings, default_size_bands
from icpkit.errors import ConfigError
from icpkit.lookalike import (
    LookalikeModel,
    commands,
    fit_lookalike,
    list_versions,
    load_model,
    save_model,
)

AS_OF = date(2025, 12, 31)


def train(world: Any, **settings: Any) -> LookalikeModel:
    segments = pd.DataFrame({
        "account_id": world.accounts["account_id"],
        "segment_tier": world.accounts["industry"].map({"software": "A"}),
        "is_customer": True, "arr_as_of": 1.0,
    })  # fmt: skip
    return fit_lookalike(world.accounts, segments, None, world.universe, AS_OF,
                         LookalikeSettings(min_positives=10, **settings),
                         default_size_bands())  # fmt: skip


@pytest.fixture(scope="module")
def model(planted_world: Any) -> LookalikeModel:
    return train(planted_world)


def test_version_id_names_the_date_and_a_hash_of_data_and_settings(
    model: LookalikeModel, planted_world: Any
) -> None:
    version = model.model_card_["version"]
    assert re.fullmatch(r"m-2025-12-31-[0-9a-f]{8}", version)
    assert train(planted_world).model_card_["version"] == version
    other = train(planted_world, fit_tiers={"A": 90.0, "B": 70.0, "C": 50.0})
    assert other.model_card_["version"] != version


def test_saved_model_loads_and_scores_the_same(
    model: LookalikeModel, planted_world: Any, tmp_path: Path
) -> None:
    figures = {"auc_value": 0.81}
    version = save_model(model, tmp_path, backtest=figures)
    assert list_versions(tmp_path) == [version]
    card = json.loads((tmp_path / version / "model_card.json").read_text())
    assert card["backtest"] == figures
    assert card["training_rows"] == len(planted_world.accounts) * 2 - 800
    assert card["positives"] > 10 and card["trained_at"] == "2025-12-31"
    assert "industry=software" in card["features"]
    loaded = load_model(tmp_path, version)
    frame = planted_world.universe
    pd.testing.assert_series_equal(
        loaded.predict_score(frame), model.predict_score(frame)
    )


def test_model_version_setting_reuses_the_stored_model(
    model: LookalikeModel, tmp_path: Path
) -> None:
    version = save_model(model, tmp_path)
    settings = LookalikeSettings(min_positives=10_000, model_version=version)
    empty = pd.DataFrame({"account_id": []})
    reused = fit_lookalike(empty, empty, None, None, AS_OF, settings,
                           default_size_bands(), models_dir=tmp_path)  # fmt: skip
    assert reused.model_card_["version"] == version
    with pytest.raises(ConfigError, match=rf"'m-nope' is not stored .*{version}"):
        load_model(tmp_path, "m-nope")


def test_models_command_lists_stored_versions(
    model: LookalikeModel, tmp_path: Path
) -> None:
    runner = CliRunner()
    empty = runner.invoke(commands.app, [str(tmp_path)])
    assert "no model stored" in empty.output
    version = save_model(model, commands.models_folder(tmp_path), {"auc_value": 0.7})
    listed = runner.invoke(commands.app, [str(tmp_path)])
    assert listed.exit_code == 0
    assert f"{version}: 2400 training rows" in listed.output
    assert "backtest AUC 0.7" in listed.output
