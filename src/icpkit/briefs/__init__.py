"""Segment briefs for Marketing: one page per ICP segment (DESIGN, item 7)."""

from icpkit.briefs.write import segment_briefs

__all__ = ["segment_briefs"]
