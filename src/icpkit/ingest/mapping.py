"""Which source column feeds which canonical column: preset inference plus the
user's overrides from icpkit.toml."""

from __future__ import annotations

import logging
from pathlib import Path

from icpkit.config import InputSpec
from icpkit.errors import Problem
from icpkit.ingest.derive import TRANSFORMS, parse_derive
from icpkit.ingest.firmographics import web_hosts
from icpkit.ingest.presets import FLAG_COLUMNS, candidates
from icpkit.ingest.readers import read_table
from icpkit.schema import CANONICAL
from icpkit.taxonomy import lookup_key

MAX_LISTED_HEADERS = 25
# Below this share of web domains a guessed domain column is not used.
MIN_DOMAIN_SHARE = 0.5

log = logging.getLogger(__name__)


def match_columns(headers: list[str], table: str, preset: str) -> dict[str, str]:
    """canonical column -> source header, the first candidate of the preset found.

    Matching ignores case, spaces, underscores and punctuation (`Account Name`,
    `account_name` and `AccountName` are one header).
    """
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(lookup_key(header), header)
    found: dict[str, str] = {}
    for canonical, names in candidates(preset, table).items():
        hits = [
            by_key[lookup_key(name)] for name in names if lookup_key(name) in by_key
        ]
        if hits:
            found[canonical] = hits[0]
    return found


def infer_mapping(
    path: Path, table: str, preset: str = "generic", sheet: str | None = None
) -> dict[str, str]:
    """The mapping `icpkit init` writes into icpkit.toml for one input file.

    A column guessed as domain whose values are mostly not web domains (the
    Inc. 5000's `url` holds page slugs) is switched off (`domain = ""`), with a
    warning, rather than read as 5,000 invalid domains.
    """
    frame = read_table(path, sheet)
    mapping = match_columns(list(frame.columns), table, preset)
    guessed = mapping.get("domain")
    if guessed is not None:
        values = frame[guessed].dropna()
        share = web_hosts(values).notna().mean() if len(values) else 1.0
        if share < MIN_DOMAIN_SHARE:
            log.warning(
                "%s: column %r is not read as domain: %.0f%% of its values are web "
                "domains (e.g. %r)", path, guessed, 100 * share, values.iloc[0],
            )  # fmt: skip
            mapping["domain"] = ""
    return mapping


def resolve_mapping(
    headers: list[str], spec: InputSpec, table: str, file: str
) -> tuple[dict[str, str], list[Problem]]:
    """The mapping used to read a file, and the problems that prevent reading it:
    unknown canonical names, overrides naming absent columns, required columns
    that nothing feeds."""
    mapping = match_columns(headers, table, spec.preset)
    problems = _override_problems(headers, spec, table, file)
    by_key = {lookup_key(header): header for header in headers}
    for canonical, source in spec.columns.items():
        if source == "":  # an empty name switches the preset's guess off
            mapping.pop(canonical, None)
        elif lookup_key(source) in by_key:
            mapping[canonical] = by_key[lookup_key(source)]
    for canonical in [*spec.constants, *spec.derive]:
        mapping.pop(canonical, None)
    problems += _missing_required(headers, mapping, spec, table, file)
    return mapping, problems


def _override_problems(
    headers: list[str], spec: InputSpec, table: str, file: str
) -> list[Problem]:
    allowed = [
        *CANONICAL[table].columns,
        *(FLAG_COLUMNS if table == "opportunities" else ()),
    ]
    keys = {lookup_key(header) for header in headers}
    problems = []
    for canonical, source in spec.columns.items():
        where = f"inputs.{table}.columns.{canonical}"
        if canonical not in allowed:
            expected = f"a canonical column of {table}: {', '.join(allowed)} ({where})"
            problems.append(Problem(file, None, canonical, source, expected))
        elif source and lookup_key(source) not in keys:
            expected = f"a column of the file ({where}); found {_listed(headers)}"
            problems.append(Problem(file, None, source, source, expected))
    for canonical in [*spec.constants, *spec.scale]:
        if canonical not in allowed and canonical != "source":
            expected = f"a canonical column of {table}: {', '.join(allowed)}"
            problems.append(Problem(file, None, canonical, None, expected))
    return problems + _derive_problems(keys, spec, allowed, file)


def _derive_problems(
    keys: set[str], spec: InputSpec, allowed: list[str], file: str
) -> list[Problem]:
    problems = []
    for canonical, rule in spec.derive.items():
        transform, source = parse_derive(rule)
        where = "derive"
        if canonical not in allowed:
            expected = f"a canonical column: {', '.join(allowed)} ({where})"
            problems.append(Problem(file, None, canonical, rule, expected))
        elif transform not in TRANSFORMS:
            names = ", ".join(f"{name}:COLUMN" for name in TRANSFORMS)
            expected = f"a rule {names} ({where}.{canonical})"
            problems.append(Problem(file, None, canonical, rule, expected))
        elif lookup_key(source) not in keys:
            expected = f"a column of the file ({where}.{canonical})"
            problems.append(Problem(file, None, source, rule, expected))
    return problems


def _missing_required(
    headers: list[str], mapping: dict[str, str], spec: InputSpec, table: str, file: str
) -> list[Problem]:
    schema = CANONICAL[table]
    # A universe file without an id column is keyed by its row number.
    required = [
        c for c in schema.required if not (table == "universe" and c == "company_id")
    ]
    problems = []
    for canonical in required:
        if (
            canonical in mapping
            or canonical in spec.constants
            or canonical in spec.derive
        ):
            continue
        looked_for = ", ".join(candidates(spec.preset, table)[canonical][:6])
        expected = (
            f"a column for required {canonical!r}: preset {spec.preset!r} looks for "
            f"{looked_for}; found {_listed(headers)}. Name the column with "
            f'inputs.{table}.columns.{canonical} = "<your column>"'
        )
        problems.append(Problem(file, None, canonical, None, expected))
    return problems


def _listed(headers: list[str]) -> str:
    shown = ", ".join(headers[:MAX_LISTED_HEADERS])
    more = len(headers) - MAX_LISTED_HEADERS
    return shown + (f" and {more} more" if more > 0 else "")
