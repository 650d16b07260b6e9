"""The result of reading a workspace's inputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd


@dataclass
class IngestResult:
    """Canonical tables read from a workspace's inputs.

    tables: canonical name -> DataFrame with exactly the columns of
        icpkit.schema.CANONICAL[name].all_columns (absent source columns are null),
        string columns as pandas "string" dtype, dates as datetime64[ns] (no time of
        day, no zone), money/float as float64, integer as "Int64", boolean as
        "boolean". accounts.industry and universe.industry are canonical sectors
        (icpkit.taxonomy), country is ISO alpha-2, region is the territory region.
        opportunities.status is open/won/lost. Only inputs present in the config are
        included; universe rows of all universe files are concatenated.
    findings: data-quality findings (columns icpkit.schema.DATA_QUALITY_COLUMNS).
    as_of: config.as_of, or the latest date found in the inputs.
    """

    tables: dict[str, pd.DataFrame]
    findings: pd.DataFrame
    as_of: date
    files: dict[str, list[str]] = field(default_factory=dict)
