"""A run that fails after the TAL stage leaves out/ and the warehouse as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from icpkit import pipeline
from icpkit.pipeline import run_pipeline
from icpkit.sample import generate_sample
from icpkit.tal import list_versions
from icpkit.workspace import StagedOutput, Workspace


def versions(root: Path) -> list[str]:
    warehouse = Workspace.open(root).warehouse()
    try:
        return list(list_versions(warehouse)["version"])
    finally:
        warehouse.close()


def test_failed_run_stores_no_tal_version_and_no_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_sample(tmp_path, seed=4, scale=0.2)
    run_pipeline(Workspace.open(tmp_path), until="tal")
    before = (tmp_path / "out" / "tal.csv").read_bytes()
    assert len(versions(tmp_path)) == 1

    def broken(run: object) -> None:
        raise RuntimeError("territories broke")

    monkeypatch.setitem(pipeline._STAGE_STEPS, "territories", broken)
    with pytest.raises(RuntimeError, match="territories broke"):
        run_pipeline(Workspace.open(tmp_path), until="territories")
    assert len(versions(tmp_path)) == 1
    assert (tmp_path / "out" / "tal.csv").read_bytes() == before
    assert not list(tmp_path.glob(".out-*"))


def test_earlier_outputs_are_the_files_this_run_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "briefs").mkdir(parents=True)
    for name in ("segments.csv", "tal.csv", "briefs/index.md"):
        (out / name).write_text("x")
    staged = StagedOutput(out)
    earlier = staged.earlier([out / "segments.csv"])
    staged.discard()
    assert earlier == [Path("briefs/index.md"), Path("tal.csv")]
