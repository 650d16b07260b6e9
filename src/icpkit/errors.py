"""The exception tree: every error a user can act on derives from IcpkitError."""

from __future__ import annotations

from dataclasses import dataclass

MAX_LISTED_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    """One bad value in an input file: where it is, what it holds, what was expected."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str

    def describe(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        shown = "" if self.value is None else f": value {self.value!r}"
        return f"{where}{shown}; expected {self.expected}"


class IcpkitError(Exception):
    """Root of the errors icpkit raises on bad input or configuration."""

    exit_code = 2


class ConfigError(IcpkitError):
    """The workspace file icpkit.toml is missing, malformed or inconsistent."""


class InputError(IcpkitError):
    """One or more input files hold values icpkit cannot use; all are listed."""

    def __init__(self, problems: list[Problem], hint: str = "") -> None:
        self.problems = list(problems)
        self.hint = hint
        super().__init__(self._message())

    def _message(self) -> str:
        count = len(self.problems)
        files = sorted({p.file for p in self.problems})
        head = f"{count} problem{'s' if count != 1 else ''} in {', '.join(files)}:"
        lines = [f"  - {p.describe()}" for p in self.problems[:MAX_LISTED_PROBLEMS]]
        if count > MAX_LISTED_PROBLEMS:
            lines.append(f"  ... and {count - MAX_LISTED_PROBLEMS} more")
        tail = [self.hint] if self.hint else []
        return "\n".join([head, *lines, *tail])


class StageError(IcpkitError):
    """A stage cannot run on the data given (too few positives, no reps, ...)."""
