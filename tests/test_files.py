"""Output files appear whole or not at all, readable like any new file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from icpkit.files import replaced_atomically


def test_file_gets_the_umask_permissions_and_replaces_the_old(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    previous = os.umask(0o022)
    try:
        with replaced_atomically(target) as temporary:
            temporary.write_text("new")
    finally:
        os.umask(previous)
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(ValueError, match="half"), replaced_atomically(target) as t:
        t.write_text("half")
        raise ValueError("half written")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
