"""The TAL as CRM import files: a Salesforce Data Loader upsert of Account and a
HubSpot company import. Field names: shared data crm_field_conventions.csv."""

from __future__ import annotations

import pandas as pd

from icpkit.resolve.findings import finding

Notes = list[dict[str, object]]

# Salesforce record ids are 15 or 18 case-sensitive alphanumerics.
SALESFORCE_ID = r"[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?"
SALESFORCE_COLUMNS = (
    "Id", "Name", "Website", "Industry", "NumberOfEmployees", "BillingCountry",
    "BillingState", "Fit_Score__c", "ICP_Tier__c", "TAL_Version__c",
)  # fmt: skip
HUBSPOT_COLUMNS = (
    "name", "domain", "industry", "numberofemployees", "country", "state",
    "icp_fit_score", "icp_tier", "tal_version",
)  # fmt: skip


def salesforce_accounts(
    tal: pd.DataFrame, version: str, notes: Notes, from_salesforce: bool = True
) -> pd.DataFrame:
    """One Account per TAL row, for a Data Loader upsert matched on Id.

    Id is the CRM account_id (blank for prospects, which Data Loader inserts).
    An account_id that is not a Salesforce id would be rejected by the upsert; it
    is kept (blanking it would insert a duplicate) and counted: a warning when
    the accounts came from Salesforce (`from_salesforce`), else for information.
    """
    account_id = tal["account_id"].astype("string")
    not_salesforce = account_id.notna() & ~account_id.str.fullmatch(SALESFORCE_ID)
    wrong = not_salesforce.fillna(False).to_numpy(dtype=bool)
    if wrong.any():
        detail = (
            "account_id is not a 15/18-character Salesforce id; "
            "Data Loader will reject these rows"
        )
        example = str(account_id[wrong].iloc[0])
        notes.append(
            finding("tal", "salesforce_id_format",
                    "warning" if from_salesforce else "info", int(wrong.sum()),
                    detail, example)
        )  # fmt: skip
    return pd.DataFrame(
        {
            "Id": account_id,
            "Name": tal["name"],
            "Website": tal["domain"],
            # TODO: map canonical industries to the Salesforce Industry picklist
            # once taxonomy ships the crosswalk; the canonical label is sent as is.
            "Industry": tal["industry"],
            "NumberOfEmployees": _employees(tal),
            "BillingCountry": tal["country"],
            "BillingState": tal["state"],
            "Fit_Score__c": tal["fit_score"],
            "ICP_Tier__c": tal["fit_tier"],
            "TAL_Version__c": version,
        },
        columns=list(SALESFORCE_COLUMNS),
    )


def hubspot_companies(tal: pd.DataFrame, version: str) -> pd.DataFrame:
    """One company per TAL row; HubSpot's import matches existing companies on
    domain. icp_fit_score, icp_tier and tal_version are custom properties the
    portal must define before the import."""
    return pd.DataFrame(
        {
            "name": tal["name"],
            "domain": tal["domain"],
            # TODO: HubSpot expects its upper-snake industry enum (COMPUTER_SOFTWARE);
            # needs the taxonomy crosswalk, so the canonical label is sent as is.
            "industry": tal["industry"],
            "numberofemployees": _employees(tal),
            "country": tal["country"],
            "state": tal["state"],
            "icp_fit_score": tal["fit_score"],
            "icp_tier": tal["fit_tier"],
            "tal_version": version,
        },
        columns=list(HUBSPOT_COLUMNS),
    )


def _employees(tal: pd.DataFrame) -> pd.Series:
    """Whole employees (both CRMs take an integer); blank where unknown."""
    if "employees" not in tal:
        return pd.Series(pd.NA, index=tal.index, dtype="Int64")
    values = pd.to_numeric(tal["employees"], errors="raise").astype("Float64")
    return values.round(0).astype("Int64")
