"""A workspace: its config, its warehouse, its output folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from icpkit.config import WorkspaceConfig, load_config
from icpkit.errors import ConfigError
from icpkit.warehouse import Warehouse

STATE_DIR = ".icpkit"
OUT_DIR = "out"


@dataclass
class Workspace:
    root: Path
    config: WorkspaceConfig

    @classmethod
    def open(cls, root: Path) -> Workspace:
        if not root.is_dir():
            raise ConfigError(
                f"Workspace folder {root} does not exist. Create it with "
                f"`icpkit init {root} --accounts FILE --opportunities FILE`."
            )
        return cls(root=root.resolve(), config=load_config(root))

    @property
    def out_dir(self) -> Path:
        return self.root / OUT_DIR

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def warehouse(self) -> Warehouse:
        return Warehouse(self.state_dir / "warehouse.duckdb")


class StagedOutput:
    """Collects output files in a temporary folder; `commit` moves them into out/.

    Nothing lands in out/ unless every stage succeeded, so a failed run leaves the
    previous outputs whole (DESIGN: bad input).
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=".out-", dir=out_dir.parent))

    def path(self, name: str) -> Path:
        target = self.staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def commit(self) -> list[Path]:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for source in sorted(self.staging.rglob("*")):
            if source.is_file():
                target = self.out_dir / source.relative_to(self.staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
                written.append(target)
        shutil.rmtree(self.staging, ignore_errors=True)
        return written

    def earlier(self, written: list[Path]) -> list[Path]:
        """Files of out/ (relative to it) an earlier run wrote and `written`, this
        run's files, did not replace."""
        fresh = set(written)
        return sorted(
            path.relative_to(self.out_dir)
            for path in self.out_dir.rglob("*")
            if path.is_file() and path not in fresh
        )

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
