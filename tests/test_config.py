"""icpkit.toml: a misspelt or unknown key is an error naming it and its section."""

from __future__ import annotations

import pytest

from icpkit.config import parse_config
from icpkit.errors import ConfigError


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"lookalike": {"min_positive": 3}},
         r"lookalike\.min_positive: not a setting; did you mean min_positives\?"),
        ({"nme": "x"}, r"nme: not a setting; did you mean name\?"),
        ({"inputs": {"universe": [{"path": "u.csv", "colums": {}}]}},
         r"inputs\.universe\.0\.colums: not a setting; did you mean columns\?"),
        ({"tal": {"zzz": 1}},
         r"tal\.zzz: not a setting; the settings here are competitor_domains, "),
    ],
)  # fmt: skip
def test_unknown_key_names_the_closest_setting(
    raw: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(raw, "icpkit.toml")


def test_wrong_value_still_shows_the_value() -> None:
    with pytest.raises(ConfigError, match=r"lookalike\.min_positives: .*value 0\)"):
        parse_config({"lookalike": {"min_positives": 0}}, "icpkit.toml")
