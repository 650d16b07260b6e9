"""A stored look-alike model re-used by a later run gives the same fit scores."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from icpkit.lookalike import list_versions
from icpkit.lookalike.commands import models_folder
from icpkit.pipeline import run_pipeline
from icpkit.sample import generate_sample
from icpkit.workspace import Workspace


def test_a_stored_model_is_reused(tmp_path: Path) -> None:
    generate_sample(tmp_path, seed=3, scale=0.5)
    run_pipeline(Workspace.open(tmp_path), until="tal")
    first = pd.read_csv(tmp_path / "out" / "tal.csv")
    versions = list_versions(models_folder(tmp_path))
    assert len(versions) == 1
    version = versions[0]

    config = tmp_path / "icpkit.toml"
    config.write_text(
        config.read_text() + f'\n[lookalike]\nmodel_version = "{version}"\n'
    )
    run_pipeline(Workspace.open(tmp_path), until="tal")
    second = pd.read_csv(tmp_path / "out" / "tal.csv")
    assert len(list_versions(models_folder(tmp_path))) == 1
    pd.testing.assert_series_equal(first["fit_score"], second["fit_score"])
