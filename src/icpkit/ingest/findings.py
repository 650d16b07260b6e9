"""Data-quality findings of ingest: the shared collector (icpkit.findings)."""

from icpkit.findings import Findings

__all__ = ["Findings"]
