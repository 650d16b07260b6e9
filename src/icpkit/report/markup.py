"""HTML building blocks: escaped text, tables, sections and the page around them.

Every piece of text that comes from data goes through `esc`; nothing here links to
anything outside the file.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from icpkit.report.formatting import NUMERIC_KINDS, Kind, as_text, format_value


@dataclass(frozen=True)
class Column:
    """One column of a rendered table: its frame column, header and kind of value."""

    name: str
    label: str
    kind: Kind = "text"


@dataclass(frozen=True)
class Section:
    """One titled part of the report; `anchor` is its id for the contents list."""

    anchor: str
    title: str
    body: str


def esc(value: object) -> str:
    """Text from data, escaped for element content and attribute values."""
    return html.escape(as_text(value), quote=True)


def paragraph(text: str, css_class: str = "") -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<p{attribute}>{esc(text)}</p>"


def not_computed(reason: str) -> str:
    return f'<p class="not-computed">not computed: {esc(reason)}</p>'


def bullet_list(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"


def frame_problem(
    frame: pd.DataFrame | None, required: Sequence[str], what: str
) -> str | None:
    """Why a section cannot use FRAME (None, empty, columns missing), or None."""
    if frame is None:
        return f"no {what} was given to the report"
    missing = [name for name in required if name not in frame.columns]
    if missing:
        return f"the {what} lacks the column(s) {', '.join(missing)}"
    if frame.empty:
        return f"the {what} has no rows"
    return None


def render_table(
    frame: pd.DataFrame, columns: Sequence[Column], caption: str = ""
) -> str:
    """FRAME as an HTML table of the COLUMNS it has; numbers right-aligned."""
    shown = [column for column in columns if column.name in frame.columns]
    head = "".join(_header_cell(column) for column in shown)
    rows = [
        "<tr>" + "".join(_cell(record[c.name], c) for c in shown) + "</tr>"
        for record in frame[[c.name for c in shown]].to_dict("records")
    ]
    title = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<div class="table-wrap"><table>{title}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _header_cell(column: Column) -> str:
    css = ' class="num"' if column.kind in NUMERIC_KINDS else ""
    return f'<th scope="col"{css}>{esc(column.label)}</th>'


def _cell(value: object, column: Column) -> str:
    css = ' class="num"' if column.kind in NUMERIC_KINDS else ""
    return f"<td{css}>{esc(format_value(value, column.kind))}</td>"


def render_section(section: Section) -> str:
    return (
        f'<section id="{esc(section.anchor)}"><h2>{esc(section.title)}</h2>'
        f"{section.body}</section>"
    )


def render_page(title: str, header: str, sections: Sequence[Section]) -> str:
    """The whole document: inline CSS, no scripts, no external resources."""
    contents = "".join(
        f'<li><a href="#{esc(s.anchor)}">{esc(s.title)}</a></li>' for s in sections
    )
    body = "".join(render_section(section) for section in sections)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{STYLE_SHEET}</style>\n</head>\n"
        f"<body>\n<main>\n<header>{header}</header>\n"
        f'<nav aria-label="Contents"><ol>{contents}</ol></nav>\n{body}\n'
        "</main>\n</body>\n</html>\n"
    )


STYLE_SHEET = """
:root { color-scheme: light; --ink: #1f2328; --muted: #5f6670; --line: #d8dde3;
  --band: #f5f7f9; --accent: #1b7f5b; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, sans-serif; }
main { max-width: 1400px; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
header { border-left: 4px solid var(--accent); padding: 0.25rem 0 0.25rem 1rem; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: 0 0 0.5rem; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.3rem;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.5rem 0 0.5rem; }
p.lede { font-size: 1.05rem; margin: 0 0 0.5rem; }
p.meta, p.note, figcaption, caption { color: var(--muted); font-size: 0.85rem; }
p.not-computed { color: var(--muted); font-style: italic; }
nav ol { columns: 2; margin: 1.5rem 0; padding-left: 1.25rem; }
nav a { color: var(--ink); }
figure { margin: 1rem 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
.table-wrap { overflow-x: auto; margin: 0.75rem 0; }
table { border-collapse: collapse; font-size: 0.85rem; min-width: 40%; }
caption { text-align: left; padding-bottom: 0.25rem; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--line);
  text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td { max-width: 28rem; overflow-wrap: break-word; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums;
  white-space: nowrap; }
tbody tr:hover { background: #fafbfc; }
dl.card { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem;
  font-size: 0.9rem; }
dl.card dt { color: var(--muted); }
dl.card dd { margin: 0; }
@media print { nav { display: none; } section { break-inside: avoid-page; } }
"""
