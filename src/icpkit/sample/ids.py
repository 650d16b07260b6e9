"""Record ids in the shapes the source systems use."""

from __future__ import annotations

# Salesforce key prefixes: 001 Account, 005 User, 006 Opportunity.
ACCOUNT_PREFIX = "001"
USER_PREFIX = "005"
OPPORTUNITY_PREFIX = "006"


def salesforce_ids(prefix: str, count: int) -> list[str]:
    """`count` 18-character Salesforce-style ids with the given key prefix."""
    return [f"{prefix}Hs{number:010d}IAA" for number in range(1, count + 1)]


def serial_ids(prefix: str, count: int) -> list[str]:
    """`count` ids such as SUB-000001 for systems without a house style."""
    width = max(6, len(str(count)))
    return [f"{prefix}-{number:0{width}d}" for number in range(1, count + 1)]
