"""Problems found in input files, reported as FILE:LINE: column 'X': value 'Y': what."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in one place of one file."""

    file: str
    line: int | None
    message: str
    column: str | None = None
    value: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where]
        if self.severity == "warning":
            parts.append("warning")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        if self.value is not None:
            parts.append(f"value '{shorten(self.value)}'")
        parts.append(self.message)
        return ": ".join(parts)


def shorten(value: str, limit: int = 80) -> str:
    """A value as it can be quoted in one line of a message."""
    flat = value.replace("\n", "\\n").replace("\r", "\\r")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that make the data unusable."""
    return [p for p in problems if p.severity == "error"]


class DataError(Exception):
    """The data cannot be used; `problems` lists every reason, warnings included."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
