"""The README documents every setting and the commands CI runs."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from icpkit import config

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()
SECTIONS: list[type[BaseModel]] = [
    config.WorkspaceConfig,
    config.InputSpec,
    config.SubscriptionsSettings,
    config.SegmentsSettings,
    config.LookalikeSettings,
    config.TalSettings,
    config.TerritoriesSettings,
    config.CompSettings,
    config.ReportSettings,
]


def test_every_setting_is_documented() -> None:
    undocumented = [
        f"{section.__name__}.{name}"
        for section in SECTIONS
        for name in section.model_fields
        if name not in README
    ]
    assert undocumented == []


def test_setup_is_two_make_commands() -> None:
    assert "make demo" in README
    assert "make test" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "make test" in ci
