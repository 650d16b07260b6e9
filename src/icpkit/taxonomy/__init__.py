"""Canonical industries, size bands, countries and regions (DEFINITIONS 2 and 6)."""
