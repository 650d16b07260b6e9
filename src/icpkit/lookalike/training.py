"""The training rows: CRM accounts labelled, plus unlabeled universe companies."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from icpkit.lookalike.positives import Positives

log = logging.getLogger(__name__)

KIND_POSITIVE = "positive"
KIND_CUSTOMER = "customer"
KIND_ACCOUNT = "account"
KIND_UNLABELED = "unlabeled"


@dataclass
class TrainingSet:
    """frame: firmographics plus account_id and name (null for universe rows);
    labels: 1 for positives; kinds: positive, customer, account or unlabeled."""

    frame: pd.DataFrame
    labels: np.ndarray
    kinds: pd.Series

    @property
    def positives(self) -> int:
        return int(self.labels.sum())


def training_set(
    accounts: pd.DataFrame,
    positives: Positives,
    universe: pd.DataFrame | None,
    crm_company_ids: frozenset[str] = frozenset(),
    random_state: int = 0,
) -> TrainingSet:
    """CRM accounts (positives vs every other account) plus a seeded sample of
    universe companies not already in the CRM, as many as there are accounts.

    Labels are s (labelled positive or not): the universe sample is unlabeled and
    the model corrects for it (lookalike.pu); other accounts are known negatives.
    """
    crm = accounts.copy()
    crm["account_id"] = crm["account_id"].astype(str)
    kinds = np.select(
        [
            crm["account_id"].isin(positives.account_ids),
            crm["account_id"].isin(positives.customer_ids),
        ],
        [KIND_POSITIVE, KIND_CUSTOMER],
        default=KIND_ACCOUNT,
    )
    frames, kind_parts = [crm], [pd.Series(kinds)]
    sample = _universe_sample(universe, crm_company_ids, len(crm), random_state)
    if len(sample):
        frames.append(
            sample.assign(
                account_id=pd.Series(pd.NA, index=sample.index, dtype="string")
            )
        )
        kind_parts.append(pd.Series([KIND_UNLABELED] * len(sample)))
    frame = pd.concat(frames, ignore_index=True)
    kind = pd.concat(kind_parts, ignore_index=True).astype("string")
    labels = (kind == KIND_POSITIVE).to_numpy(dtype=int)
    log.info(
        "training rows: %d (%d positives, %d unlabeled)",
        len(frame),
        labels.sum(),
        len(sample),
    )
    return TrainingSet(frame, labels, kind)


def _universe_sample(
    universe: pd.DataFrame | None, excluded: frozenset[str], size: int, seed: int
) -> pd.DataFrame:
    if universe is None or not len(universe):
        return pd.DataFrame()
    outside = universe.loc[~universe["company_id"].astype(str).isin(excluded)]
    count = min(size, len(outside))
    return outside.sample(n=count, random_state=seed).sort_index()
