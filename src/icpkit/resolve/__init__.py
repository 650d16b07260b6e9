"""Name and domain normalisation, matching, clusters and entity ids."""

from __future__ import annotations

import pandas as pd

from icpkit.config import ResolveSettings
from icpkit.resolve.domains import GENERIC_DOMAINS, normalise_domain
from icpkit.resolve.match import ENTITY_COLUMNS, ResolveResult, resolve_with_findings
from icpkit.resolve.names import name_key, normalise_name

__all__ = [
    "ENTITY_COLUMNS",
    "GENERIC_DOMAINS",
    "ResolveResult",
    "name_key",
    "normalise_domain",
    "normalise_name",
    "resolve_entities",
    "resolve_with_findings",
]


def resolve_entities(
    accounts: pd.DataFrame,
    universe: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    settings: ResolveSettings | None = None,
) -> pd.DataFrame:
    """One row per input record (CRM account or universe company) with its entity.

    record_table is "accounts" or "universe"; record_id is account_id or company_id;
    source is "crm" or the universe row's source; match_reason says why the record
    joined its entity: "domain", "name", "domain+name" (it shares that normalised
    key with another record of the entity) or "self" (alone). Two CRM accounts with
    different non-null domains never join by name. Extra columns name_key and
    domain_key hold the normalised keys; match_probability says how sure the link
    is. With `previous` (the last run's entity table) ids are kept unless the
    entity really split or merged. Use resolve_with_findings for the
    data-quality findings too.
    """
    return resolve_with_findings(accounts, universe, settings, previous).entities
