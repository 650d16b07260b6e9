"""The generated sample company behind `icpkit demo`."""

from __future__ import annotations

from pathlib import Path

__all__ = ["generate_sample"]


def generate_sample(directory: Path, seed: int = 7, scale: float = 1.0) -> Path:
    """Write DIRECTORY/data/*.csv and DIRECTORY/icpkit.toml; return DIRECTORY."""
    raise NotImplementedError("sample.generate_sample is not written yet")
