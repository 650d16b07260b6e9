"""Model versions: each trained model stored with its model card, re-usable.

A version id is "m-<as_of>-<8 hex>", the hex a SHA-256 of the training rows'
firmographics, their labels and the model settings: the same data and settings
give the same id, so re-saving is idempotent. Files: FOLDER/<version>/model.joblib
(the whole fitted LookalikeModel, scikit-learn's joblib persistence: load it only
with the same icpkit, scikit-learn and LightGBM versions) and model_card.json.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import date
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd

from icpkit.config import LookalikeSettings
from icpkit.errors import ConfigError

log = logging.getLogger(__name__)

MODEL_FILE = "model.joblib"
CARD_FILE = "model_card.json"
HASHED_COLUMNS = ("industry", "employees", "annual_revenue", "country", "region")


def training_digest(
    frame: pd.DataFrame, labels: np.ndarray, settings: LookalikeSettings
) -> str:
    """SHA-256 of the firmographics, labels and settings (model_version aside)."""
    digest = hashlib.sha256()
    columns = [name for name in HASHED_COLUMNS if name in frame]
    rows = pd.util.hash_pandas_object(frame[columns], index=False)
    digest.update(rows.to_numpy().tobytes())
    digest.update(np.asarray(labels, dtype=np.int8).tobytes())
    digest.update(settings.model_dump_json(exclude={"model_version"}).encode())
    return digest.hexdigest()


def version_id(as_of: date, digest: str) -> str:
    """'m-2025-12-31-1a2b3c4d'."""
    return f"m-{as_of.isoformat()}-{digest[:8]}"


def save_model(model: Any, folder: Path, backtest: dict[str, Any] | None = None) -> str:
    """Store the model and its card (plus backtest figures) under folder/version."""
    version = str(model.model_card_["version"])
    target = Path(folder) / version
    target.mkdir(parents=True, exist_ok=True)
    card = dict(model.model_card_)
    if backtest is not None:
        card["backtest"] = backtest
        model.model_card_["backtest"] = backtest
    joblib.dump(model, target / MODEL_FILE)
    (target / CARD_FILE).write_text(json.dumps(card, indent=2, default=str))
    log.info("stored look-alike model %s in %s", version, target)
    return version


def load_model(folder: Path, version: str) -> Any:
    """The LookalikeModel stored as `version`; ConfigError naming the stored ones."""
    path = Path(folder) / version / MODEL_FILE
    if not path.is_file():
        stored = ", ".join(list_versions(folder)) or "none"
        raise ConfigError(
            f"lookalike.model_version = {version!r} is not stored in {folder}; "
            f"stored versions: {stored}."
        )
    model = joblib.load(path)
    log.info("re-using look-alike model %s", version)
    return model


def list_versions(folder: Path) -> list[str]:
    """Stored version ids, oldest as_of first."""
    root = Path(folder)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / MODEL_FILE).is_file())


def read_card(folder: Path, version: str) -> dict[str, Any]:
    """The stored model card of `version`."""
    card: dict[str, Any] = json.loads((Path(folder) / version / CARD_FILE).read_text())
    return card
