"""`icpkit universe ...` commands (registered by icpkit.cli)."""

from __future__ import annotations

import logging
import os
import tomllib
from pathlib import Path
from typing import Annotated, Any

import tomli_w
import typer

from icpkit.config import CONFIG_FILE, parse_config
from icpkit.errors import ConfigError
from icpkit.ingest.mapping import match_columns
from icpkit.ingest.readers import read_table
from icpkit.ingest.universe_presets import UNIVERSE_PRESETS, UniversePreset
from icpkit.taxonomy.keys import lookup_key

log = logging.getLogger(__name__)

app = typer.Typer(help="The prospect universe: the union of several company lists.")


@app.command("add")
def universe_add(
    workspace: Annotated[Path, typer.Argument(help="The workspace folder.")],
    file: Annotated[Path, typer.Argument(help="The company list to add.")],
    preset: Annotated[
        str, typer.Option(help=f"One of: {', '.join(UNIVERSE_PRESETS)}.")
    ],
    source: Annotated[
        str | None, typer.Option(help="Source name; default the preset's.")
    ] = None,
) -> dict[str, Any]:
    """Append FILE to the universe in WORKSPACE/icpkit.toml with the mapping of
    PRESET written out; run it once per list (the universe is their union)."""
    chosen = _preset(preset)
    config_path = workspace / CONFIG_FILE
    text = _read_text(config_path)
    raw = tomllib.loads(text)
    name = source or chosen.source
    _refuse_duplicate(raw, name, config_path)
    entry = _entry(workspace, file, chosen, name)
    raw.setdefault("inputs", {}).setdefault("universe", []).append(entry)
    parse_config(raw, str(config_path))  # never write a file that does not load
    config_path.write_text(_header(text) + tomli_w.dumps(raw), encoding="utf-8")
    log.info("added %s to the universe of %s as %r", file, config_path, name)
    typer.echo(f"universe source {name!r} added to {config_path} ({entry['path']})")
    return entry


def _preset(name: str) -> UniversePreset:
    if name not in UNIVERSE_PRESETS:
        allowed = ", ".join(UNIVERSE_PRESETS)
        raise ConfigError(f"unknown universe preset {name!r}; use one of {allowed}")
    return UNIVERSE_PRESETS[name]


def _read_text(config_path: Path) -> str:
    if not config_path.is_file():
        raise ConfigError(
            f"No {CONFIG_FILE} in {config_path.parent}; create the workspace with "
            "`icpkit init` first."
        )
    return config_path.read_text(encoding="utf-8")


def _refuse_duplicate(raw: dict[str, Any], name: str, config_path: Path) -> None:
    for spec in raw.get("inputs", {}).get("universe", []):
        existing = spec.get("constants", {}).get("source", Path(spec["path"]).stem)
        if existing == name:
            raise ConfigError(
                f"universe source {name!r} is already in {config_path} "
                f"({spec['path']}); company ids would collide. Remove that entry "
                "or add this file with --source OTHER_NAME."
            )


def _entry(
    workspace: Path, file: Path, preset: UniversePreset, name: str
) -> dict[str, Any]:
    """The [[inputs.universe]] table: every column named, guesses switched off."""
    headers = list(read_table(file).columns)
    _check_columns(file, headers, preset)
    columns = dict(preset.columns)
    for guessed in match_columns(headers, "universe", "generic"):
        taken = {*columns, *preset.constants, *preset.derive}
        if guessed not in taken and guessed != "source":
            columns[guessed] = ""  # the generic preset guessed; this list says no
    entry: dict[str, Any] = {"path": _relative(file, workspace), "preset": "generic"}
    entry["columns"] = columns
    entry["constants"] = {**preset.constants, "source": name}
    if preset.scale:
        entry["scale"] = dict(preset.scale)
    if preset.derive:
        entry["derive"] = dict(preset.derive)
    return entry


def _check_columns(file: Path, headers: list[str], preset: UniversePreset) -> None:
    """The columns the preset reads must be in the file: a list of another format
    is refused here, not at the next run."""
    present = {lookup_key(header) for header in headers}
    wanted = [column for column in preset.columns.values() if column]
    wanted += [rule.split(":", 1)[1] for rule in preset.derive.values()]
    missing = [column for column in wanted if lookup_key(column) not in present]
    if missing:
        shown = ", ".join(headers[:20]) + (" ..." if len(headers) > 20 else "")
        raise ConfigError(
            f"{file} does not look like a {preset.source} list: it has no column "
            f"{', '.join(repr(c) for c in missing)} (its columns: {shown}). Choose "
            f"the preset of its format: {', '.join(UNIVERSE_PRESETS)}."
        )


def _relative(file: Path, workspace: Path) -> str:
    """FILE relative to the workspace folder, as icpkit.toml's paths are, without
    following symbolic links (a linked data folder stays where the user sees it)."""
    return Path(os.path.relpath(file.absolute(), workspace.absolute())).as_posix()


def _header(text: str) -> str:
    """The comment lines opening the file, kept above the rewritten settings."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n\n" if lines else ""
