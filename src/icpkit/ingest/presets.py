"""Mapping presets: for each canonical column, the source headers that hold it, in
order of preference. Headers match ignoring case, spaces, underscores and punctuation.

Built from shared/data/salesforce-export-samples/crm_field_conventions.csv (Salesforce
API names and report-export labels, HubSpot internal property names) and the columns
of the public data sets (generic synonyms).
"""

from __future__ import annotations

from icpkit.taxonomy import lookup_key

Candidates = dict[str, tuple[str, ...]]

# Helper columns read beside the canonical ones: opportunities' won and closed flags.
FLAG_COLUMNS = ("is_won", "is_closed")

_GENERIC_FIRMOGRAPHICS: Candidates = {
    "domain": ("domain", "website", "url", "web", "site", "company_domain"),
    "industry": ("industry", "sector", "vertical", "industry_name"),
    "employees": (
        "employees",
        "number_of_employees",
        "num. of employees",
        "employee_count",
        "workers",
        "headcount",
        "staff",
        "numberofemployees",
    ),
    "annual_revenue": (
        "annual_revenue",
        "revenue",
        "revenues",
        "annualrevenue",
        "sales",
    ),
    "country": (
        "country",
        "country_code",
        "office_location",
        "hq_country",
        "billing_country",
    ),
    "region": ("region",),
    "state": ("state", "state_s", "state_code", "province", "billing_state"),
    "city": ("city", "hq_city", "billing_city"),
}

GENERIC: dict[str, Candidates] = {
    "accounts": {
        "account_id": ("account_id", "accountid", "account", "id", "company_id"),
        "name": (
            "name",
            "account_name",
            "company",
            "company_name",
            "account",
            "organization",
        ),
        **_GENERIC_FIRMOGRAPHICS,
        "owner_id": ("owner_id", "owner", "account_owner", "sales_agent"),
        "parent_account_id": (
            "parent_account_id",
            "parent_id",
            "parent",
            "subsidiary_of",
        ),
        "created_date": (
            "created_date",
            "create_date",
            "created",
            "signup_date",
            "createddate",
        ),
    },
    "opportunities": {
        "opportunity_id": ("opportunity_id", "opportunityid", "deal_id", "id"),
        "account_id": ("account_id", "accountid", "account", "company_id", "company"),
        "owner_id": (
            "owner_id",
            "owner",
            "sales_agent",
            "sales_rep",
            "rep",
            "opportunity_owner",
        ),
        "type": ("type", "opportunity_type", "deal_type"),
        "stage": ("stage", "deal_stage", "stage_name", "stagename", "dealstage"),
        "amount": ("amount", "close_value", "deal_value", "value"),
        "currency": ("currency", "currency_code"),
        "created_date": (
            "created_date",
            "engage_date",
            "create_date",
            "created",
            "createddate",
        ),
        "close_date": ("close_date", "closedate", "closed_date"),
        "product": ("product", "product_name"),
        "is_won": ("is_won", "won"),
        "is_closed": ("is_closed", "closed"),
    },
    "subscriptions": {
        "subscription_id": ("subscription_id", "id"),
        "account_id": ("account_id", "accountid", "account", "customer_id"),
        "start_date": ("start_date", "startdate", "start"),
        "end_date": ("end_date", "enddate", "end"),
        "arr": ("arr", "arr_amount", "annual_recurring_revenue"),
        "is_trial": ("is_trial", "trial"),
    },
    "activities": {
        "activity_id": ("activity_id", "id"),
        "account_id": ("account_id", "accountid", "account"),
        "owner_id": ("owner_id", "owner", "sales_agent"),
        "type": ("type", "activity_type"),
        "activity_date": ("activity_date", "date", "activitydate", "timestamp"),
    },
    "reps": {
        "rep_id": ("rep_id", "sales_agent", "owner_id", "user_id", "id"),
        "name": ("name", "rep_name", "sales_agent", "full_name"),
        "manager": ("manager", "manager_name"),
        "team": ("team",),
        "region": ("region", "regional_office", "territory"),
        "role": ("role",),
        "quota": ("quota",),
        "start_date": ("start_date", "hire_date"),
        "capacity": ("capacity",),
    },
    "universe": {
        "company_id": ("company_id", "id"),
        "name": ("name", "company", "company_name", "account_name", "organization"),
        **_GENERIC_FIRMOGRAPHICS,
        "source": ("source",),
    },
}

_SALESFORCE_ACCOUNT: Candidates = {
    "account_id": ("Id", "Account ID"),
    "name": ("Name", "Account Name"),
    "domain": ("Website",),
    "industry": ("Industry",),
    "employees": ("NumberOfEmployees", "Employees"),
    "annual_revenue": ("AnnualRevenue", "Annual Revenue"),
    "country": ("BillingCountry", "Billing Country"),
    "state": ("BillingState", "Billing State/Province"),
    "city": ("BillingCity", "Billing City"),
    "owner_id": ("OwnerId", "Account Owner"),
    "parent_account_id": ("ParentId", "Parent Account ID", "Parent Account"),
    "created_date": ("CreatedDate", "Created Date"),
}

SALESFORCE: dict[str, Candidates] = {
    "accounts": _SALESFORCE_ACCOUNT,
    "opportunities": {
        "opportunity_id": ("Id", "Opportunity ID"),
        "account_id": ("AccountId", "Account ID", "Account Name"),
        "owner_id": ("OwnerId", "Opportunity Owner"),
        "type": ("Type",),
        "stage": ("StageName", "Stage"),
        "amount": ("Amount",),
        "currency": ("CurrencyIsoCode", "Opportunity Currency"),
        "created_date": ("CreatedDate", "Created Date"),
        "close_date": ("CloseDate", "Close Date"),
        "product": ("Product__c", "Product Name", "Product2Id"),
        "is_won": ("IsWon", "Won"),
        "is_closed": ("IsClosed", "Closed"),
    },
    "activities": {
        "activity_id": ("Id", "Activity ID"),
        "account_id": ("AccountId", "Account ID"),
        "owner_id": ("OwnerId", "Assigned", "Assigned To"),
        "type": ("Type", "Type__c", "TaskSubtype", "Task Subtype"),
        "activity_date": ("ActivityDate", "Date", "Due Date", "CreatedDate"),
    },
    "reps": {
        "rep_id": ("Id", "User ID"),
        "name": ("Name", "Full Name"),
        "manager": ("ManagerId", "Manager"),
        "role": ("UserRoleId", "Role"),
        "start_date": ("CreatedDate",),
    },
    "subscriptions": {
        "subscription_id": ("Id",),
        "account_id": ("SBQQ__Account__c", "AccountId"),
        "start_date": ("SBQQ__StartDate__c", "StartDate"),
        "end_date": ("SBQQ__EndDate__c", "EndDate"),
    },
    "universe": {"company_id": ("Id",), **_SALESFORCE_ACCOUNT},
}

_HUBSPOT_COMPANY: Candidates = {
    "account_id": ("hs_object_id", "Record ID", "Company ID"),
    "name": ("name", "Company name"),
    "domain": ("domain", "Company Domain Name", "website"),
    "industry": ("industry",),
    "employees": ("numberofemployees", "Number of Employees"),
    "annual_revenue": ("annualrevenue", "Annual Revenue"),
    "country": ("country", "Country/Region"),
    "state": ("state", "State/Region"),
    "city": ("city",),
    "owner_id": ("hubspot_owner_id", "Company owner"),
    "parent_account_id": ("hs_parent_company_id", "Parent Company"),
    "created_date": ("createdate", "Create Date"),
}

HUBSPOT: dict[str, Candidates] = {
    "accounts": _HUBSPOT_COMPANY,
    "opportunities": {
        "opportunity_id": ("hs_object_id", "Record ID", "Deal ID"),
        "account_id": (
            "associatedcompanyid",
            "associated_company_id",
            "Associated Company IDs",
        ),
        "owner_id": ("hubspot_owner_id", "Deal owner"),
        "type": ("dealtype", "Deal Type"),
        "stage": ("dealstage", "Deal Stage"),
        "amount": ("amount",),
        "currency": ("deal_currency_code", "Currency"),
        "created_date": ("createdate", "Create Date"),
        "close_date": ("closedate", "Close Date"),
        "product": ("product", "line_item"),
        "is_won": ("hs_is_closed_won", "Is Closed Won"),
        "is_closed": ("hs_is_closed", "Is deal closed?"),
    },
    "activities": {
        "activity_id": ("hs_object_id", "Record ID", "Activity ID"),
        "account_id": ("associatedcompanyid", "associated_company_id"),
        "owner_id": ("hubspot_owner_id", "Activity assigned to"),
        "type": (
            "hs_activity_type",
            "hs_engagement_type",
            "engagement_type",
            "Activity type",
        ),
        "activity_date": ("hs_timestamp", "Activity date", "timestamp"),
    },
    "reps": {
        "rep_id": ("id", "hubspot_owner_id", "Owner ID"),
        "name": ("name", "Owner name"),
        "team": ("team", "Team"),
    },
    "subscriptions": {"arr": ("hs_arr",)},
    "universe": {"company_id": ("hs_object_id", "Record ID"), **_HUBSPOT_COMPANY},
}

PRESETS: dict[str, dict[str, Candidates]] = {
    "generic": GENERIC,
    "salesforce": SALESFORCE,
    "hubspot": HUBSPOT,
}

# Day/month order assumed when no value decides it (reported as a finding).
DEFAULT_DATE_ORDER = {"salesforce": "mdy", "hubspot": "mdy", "generic": "mdy"}


def candidates(preset: str, table: str) -> Candidates:
    """Headers to look for: the preset's own first, then the canonical name itself
    and the generic synonyms (an export often mixes API names and plain words)."""
    own = PRESETS[preset].get(table, {})
    generic = GENERIC[table]
    names = list(dict.fromkeys([*own, *generic]))
    return {
        name: _distinct((*own.get(name, ()), name, *generic.get(name, ())))
        for name in names
    }


def _distinct(headers: tuple[str, ...]) -> tuple[str, ...]:
    """Drop headers that match an earlier one (`stage` after `Stage`)."""
    seen: dict[str, str] = {}
    for header in headers:
        seen.setdefault(lookup_key(header), header)
    return tuple(seen.values())
