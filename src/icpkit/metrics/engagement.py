"""TAL engagement: tier A/B accounts touched in the quarter (DEFINITIONS 7)."""

from __future__ import annotations

from datetime import date

import ibis

from icpkit.metrics.quarters import quarter_label
from icpkit.metrics.scopes import ratio, scoped

ENGAGED_TIERS = ("A", "B")


def _events(opps: ibis.Table, activities: ibis.Table | None, as_of: date) -> ibis.Table:
    """(account_id, quarter) of every opportunity created and activity held by as_of.
    Without activities, only opportunities created count."""
    created = opps.filter(opps.account_id.notnull() & opps.created_date.notnull())
    parts = [created.select("account_id", day=created.created_date)]
    if activities is not None:
        done = activities.filter(activities.account_id.notnull())
        done = done.select("account_id", day=done.activity_date.cast("date"))
        parts.append(done.filter(done.day.notnull() & (done.day <= as_of)))
    events = ibis.union(*parts, distinct=False)
    return events.select("account_id", quarter=quarter_label(events.day)).distinct()


def _tal_entities(tal: ibis.Table, territories: ibis.Table | None) -> ibis.Table:
    """TAL tier A/B entities with the rep whose territory holds them (if known)."""
    entities = (
        tal.filter(tal.fit_tier.isin(ENGAGED_TIERS)).select("entity_id").distinct()
    )
    if territories is None:
        return entities.mutate(assigned_rep=ibis.null("string"))
    reps = territories.aggregate(
        by="entity_id", assigned_rep=territories.assigned_rep.cast("string").min()
    )
    return entities.left_join(reps, "entity_id").select("entity_id", "assigned_rep")


def tal_engagement(
    tal: ibis.Table,
    opps: ibis.Table,
    activities: ibis.Table | None,
    territories: ibis.Table | None,
    quarters: ibis.Table,
    regions: ibis.Table | None,
    as_of: date,
) -> ibis.Table:
    """tal_engagement = TAL tier A/B entities with an activity or an opportunity
    created in the quarter / all TAL tier A/B entities of the scope (for a rep, its
    territory: territories.assigned_rep)."""
    entities = scoped(_tal_entities(tal, territories), "assigned_rep", regions)
    accounts = tal.filter(tal.fit_tier.isin(ENGAGED_TIERS) & tal.account_id.notnull())
    touched = accounts.join(_events(opps, activities, as_of), "account_id")
    touched = touched.select("entity_id", "quarter").distinct()
    engaged = entities.join(touched, "entity_id").aggregate(
        by=["quarter", "scope", "scope_id"], engaged=ibis._.entity_id.nunique()
    )
    sizes = entities.aggregate(by=["scope", "scope_id"], tal_accounts=ibis._.count())
    grid = sizes.cross_join(quarters.select("quarter"))
    joined = grid.left_join(engaged, ["quarter", "scope", "scope_id"])
    # A quarter with no engaged entity has zero of them, not an unknown number.
    share = ratio(joined.engaged.fill_null(0), joined.tal_accounts)
    return joined.select("quarter", "scope", "scope_id", tal_engagement=share)
