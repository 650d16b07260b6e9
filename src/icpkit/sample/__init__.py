"""The generated sample company behind `icpkit demo`."""

from __future__ import annotations

from icpkit.sample.generate import generate_sample
from icpkit.sample.plan import AS_OF, PLANTED_ICP, PlantedIcp

__all__ = ["AS_OF", "PLANTED_ICP", "PlantedIcp", "generate_sample"]
