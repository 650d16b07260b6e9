"""Shared fixtures. Real-data tests read ../shared/data beside the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real public data sets; skips (or fails in CI) when absent."""
    if SHARED_DATA.is_dir():
        return SHARED_DATA
    if os.environ.get("ICPKIT_REQUIRE_SHARED_DATA") == "1":
        pytest.fail(f"ICPKIT_REQUIRE_SHARED_DATA=1 but {SHARED_DATA} does not exist")
    pytest.skip(
        f"real data not found at {SHARED_DATA}; clone ../shared beside the repo"
    )
