"""`icpkit dedupe FILE --out FILE`: the duplicates of one company list (a marketing
or event list), resolved, and every row written back with its entity.

The CLI (icpkit.cli) parses the options and prints summary_lines; the work and
the checks of the input live here.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from icpkit.config import ResolveSettings
from icpkit.errors import InputError, Problem
from icpkit.files import replaced_atomically
from icpkit.ingest.derive import derive_column, parse_derive
from icpkit.ingest.mapping import match_columns
from icpkit.ingest.presets import PRESETS, candidates
from icpkit.ingest.readers import read_table
from icpkit.ingest.universe_presets import UNIVERSE_PRESETS
from icpkit.resolve.match import resolve_with_findings
from icpkit.tal.export import neutralise_formulas, safe_csv, write_parquet
from icpkit.taxonomy import lookup_key

log = logging.getLogger(__name__)

# The fields a list's columns can feed; "website" and "company" are accepted
# spellings of domain and name in --map.
FIELDS = ("name", "domain", "country", "state", "city", "employees")
FIELD_ALIASES = {"website": "domain", "company": "name"}
RESULT_COLUMNS = ("entity_id", "cluster_size", "match_probability", "match_reason")
METHODS = ("exact", "probabilistic")
OUTPUT_SUFFIXES = (".csv", ".parquet", ".pq", ".xlsx")
SOURCE = "list"
MAX_LISTED_HEADERS = 20
_MAP_HINT = "Name the columns with --map COLUMN=FIELD, e.g. --map Company=name."


@dataclass(frozen=True)
class ListMapping:
    """How a list's columns feed the fields: field -> header, field -> constant
    (a universe preset's `country = "US"`), field -> derive rule."""

    columns: dict[str, str]
    constants: dict[str, str] = field(default_factory=dict)
    derive: dict[str, str] = field(default_factory=dict)


@dataclass
class DedupeResult:
    """What `dedupe_file` did: rows read, entities found, the rows that duplicate
    another (rows - entities) and the entities holding more than one row."""

    path: Path
    rows: int
    entities: int
    duplicate_rows: int
    clusters: int
    method: str
    mapping: ListMapping
    notes: list[str]
    findings: pd.DataFrame


def dedupe_file(
    path: Path,
    out: Path,
    preset: str = "generic",
    overrides: Sequence[str] = (),
    method: str | None = None,
    settings: ResolveSettings | None = None,
) -> DedupeResult:
    """Resolve the rows of the list at `path` into entities and write them to
    `out` (.csv, .parquet or .xlsx, atomically): every input row in input order,
    every input column, then RESULT_COLUMNS.

    `preset` names the column synonyms (generic, salesforce, hubspot or a
    universe preset); `overrides` are "COLUMN=FIELD" entries. `method` None
    picks probabilistic from settings.min_records rows on, exact below.
    Raises InputError naming the file, column and value of each problem.
    """
    _check_options(path, out, preset, overrides, method)
    frame = read_table(path)
    mapping = list_mapping(frame, preset, overrides, str(path))
    settings, notes = _settings(len(frame), method, settings or ResolveSettings())
    records = _list_records(frame, mapping)
    accounts = pd.DataFrame({"account_id": [], "name": []}, dtype="string")
    resolved = resolve_with_findings(accounts, records, settings)
    output, replaced = _with_entities(frame, records, resolved.entities)
    if replaced:
        notes.append(f"replaced the input's own columns {', '.join(replaced)}")
    written = write_list(output, out)
    entities = int(output["entity_id"].nunique())
    clusters = int((output.groupby("entity_id").size() > 1).sum())
    log.info("deduplicated %s rows into %s entities", f"{len(frame):,}", entities)
    return DedupeResult(
        written, len(frame), entities, len(frame) - entities, clusters,
        settings.method, mapping, notes, resolved.findings,
    )  # fmt: skip


def list_mapping(
    frame: pd.DataFrame, preset: str, overrides: Sequence[str], file: str
) -> ListMapping:
    """The preset's mapping of the file's headers, then the --map overrides;
    InputError when an override is malformed or no column feeds name."""
    headers = [str(header) for header in frame.columns]
    mapping = _preset_mapping(headers, preset)
    problems: list[Problem] = []
    by_key = {lookup_key(header): header for header in headers}
    for entry in overrides:
        parsed = _override(entry, by_key, headers, file, problems)
        if parsed is not None:
            target, header = parsed
            mapping.columns[target] = header
            mapping.constants.pop(target, None)
            mapping.derive.pop(target, None)
    if not problems and "name" not in {**mapping.columns, **mapping.derive}:
        problems.append(_no_name(headers, preset, file))
    if problems:
        raise InputError(problems, _MAP_HINT)
    return mapping


def write_list(frame: pd.DataFrame, out: Path) -> Path:
    """Write `frame` to `out` by its extension; the file appears whole or not at
    all. Text cells that would run as spreadsheet formulas are neutralised."""
    suffix = out.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return write_parquet(frame, out)
    if suffix == ".xlsx":
        return _write_excel(neutralise_formulas(frame), out)
    return safe_csv(frame, out)


def summary_lines(result: DedupeResult) -> list[str]:
    """The short report the command prints."""
    used = ", ".join(f"{k} <- {v!r}" for k, v in result.mapping.columns.items())
    extra = [f"{k} = {v!r}" for k, v in result.mapping.constants.items()]
    extra += [f"{k} <- {v}" for k, v in result.mapping.derive.items()]
    lines = [f"columns: {', '.join([used, *extra]) if extra else used}"]
    lines += result.notes
    serious = result.findings.loc[result.findings["severity"] != "info"]
    lines += [f"  {row.detail} ({row.count:,})" for row in serious.itertuples()]
    lines.append(
        f"{result.rows:,} rows, {result.entities:,} entities: "
        f"{result.duplicate_rows:,} duplicate rows in {result.clusters:,} "
        f"clusters ({result.method})"
    )
    lines.append(f"wrote {result.path}")
    return lines


def _check_options(
    path: Path, out: Path, preset: str, overrides: Sequence[str], method: str | None
) -> None:
    """Every problem the options hold on their own, before the file is read."""
    problems = []
    for entry in overrides:
        problems += _entry_problems(entry, str(path))
    presets = [*PRESETS, *UNIVERSE_PRESETS]
    if preset not in presets:
        problems.append(
            Problem("--preset", None, None, preset, f"one of {', '.join(presets)}")
        )
    if method is not None and method not in METHODS:
        problems.append(
            Problem("--method", None, None, method, f"one of {', '.join(METHODS)}")
        )
    if out.suffix.lower() not in OUTPUT_SUFFIXES:
        expected = f"a file name ending {', '.join(OUTPUT_SUFFIXES)}"
        problems.append(Problem("--out", None, None, str(out), expected))
    if problems:
        raise InputError(problems)


def _preset_mapping(headers: list[str], preset: str) -> ListMapping:
    if preset in PRESETS:
        found = match_columns(headers, "universe", preset)
        return ListMapping({f: found[f] for f in FIELDS if f in found})
    chosen = UNIVERSE_PRESETS[preset]
    by_key = {lookup_key(header): header for header in headers}
    columns = {
        f: by_key[lookup_key(c)]
        for f, c in chosen.columns.items()
        if f in FIELDS and c and lookup_key(c) in by_key
    }
    constants = {f: v for f, v in chosen.constants.items() if f in FIELDS}
    derive = {
        f: rule
        for f, rule in chosen.derive.items()
        if f in FIELDS and lookup_key(parse_derive(rule)[1]) in by_key
    }
    return ListMapping(columns, constants, derive)


def _override(
    entry: str,
    by_key: dict[str, str],
    headers: list[str],
    file: str,
    problems: list[Problem],
) -> tuple[str, str] | None:
    """(field, header) of one well-formed "COLUMN=FIELD" entry, or None with a
    problem when the file has no such column."""
    column, target = _split_entry(entry)
    if lookup_key(column) not in by_key:
        expected = f"a column of the file; found {_listed(headers)}"
        problems.append(Problem(file, None, column, entry, expected))
    else:
        return target, by_key[lookup_key(column)]
    return None


def _split_entry(entry: str) -> tuple[str, str]:
    """ "Company=name" -> ("Company", "name"); aliases spelled as the field."""
    column, _, name = entry.rpartition("=")
    target = name.strip().lower()
    return column.strip(), FIELD_ALIASES.get(target, target)


def _entry_problems(entry: str, file: str) -> list[Problem]:
    """The --map entry's form and field, checked without the file."""
    column, target = _split_entry(entry)
    if "=" not in entry or not column:
        expected = "--map COLUMN=FIELD, e.g. --map Company=name"
        return [Problem(file, None, None, entry, expected)]
    if target not in FIELDS:
        expected = f"FIELD one of {', '.join(FIELDS)} (in --map COLUMN=FIELD)"
        return [Problem(file, None, column, entry, expected)]
    return []


def _no_name(headers: list[str], preset: str, file: str) -> Problem:
    known = candidates(preset, "universe")["name"] if preset in PRESETS else ()
    looked = f" (looked for {', '.join(known)})" if known else ""
    expected = f"a column holding the company name{looked}; found {_listed(headers)}"
    return Problem(file, None, "name", None, expected)


def _listed(headers: list[str]) -> str:
    shown = ", ".join(headers[:MAX_LISTED_HEADERS])
    more = len(headers) - MAX_LISTED_HEADERS
    return shown + (f" ... and {more} more" if more > 0 else "")


def _settings(
    rows: int, method: str | None, settings: ResolveSettings
) -> tuple[ResolveSettings, list[str]]:
    """The settings to resolve with, and a note when the model is not used."""
    chosen = method or "probabilistic"
    notes = []
    if chosen == "probabilistic" and rows < settings.min_records:
        notes.append(
            f"{rows:,} rows, fewer than {settings.min_records:,}: too few to "
            "train the probabilistic model, so rows join only on equal "
            "normalised names or domains (--method exact)"
        )
        chosen = "exact"
    return settings.model_copy(update={"method": chosen}), notes


def _list_records(frame: pd.DataFrame, mapping: ListMapping) -> pd.DataFrame:
    """The list as universe records: company_id is the row number (from 1)."""
    records = pd.DataFrame(
        {"company_id": [str(i + 1) for i in range(len(frame))]}, index=frame.index
    )
    for target, header in mapping.columns.items():
        records[target] = frame[header]
    for target, value in mapping.constants.items():
        records[target] = value
    for target, rule in mapping.derive.items():
        records[target] = derive_column(frame, rule)
    records["source"] = SOURCE
    return records.reset_index(drop=True)


def _with_entities(
    frame: pd.DataFrame, records: pd.DataFrame, entities: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """The input with RESULT_COLUMNS appended (replacing same-named columns)."""
    found = entities.set_index("record_id").reindex(records["company_id"])
    entity = pd.Series(found["entity_id"].to_numpy(), index=frame.index)
    replaced = [c for c in RESULT_COLUMNS if c in frame.columns]
    output = frame.drop(columns=replaced)
    output["entity_id"] = entity.astype("string")
    output["cluster_size"] = entity.map(entity.value_counts()).astype("int64")
    probability = found["match_probability"].to_numpy()
    output["match_probability"] = pd.array(probability, dtype="Float64")
    output["match_reason"] = found["match_reason"].astype("string").to_numpy()
    return output, replaced


def _write_excel(frame: pd.DataFrame, out: Path) -> Path:
    with replaced_atomically(out, suffix=".xlsx") as temporary:
        frame.to_excel(temporary, index=False, engine="openpyxl")
    return out
