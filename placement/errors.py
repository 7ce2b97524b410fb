"""Errors a user can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class InputProblem:
    """One thing wrong with the input, located as an editor shows it.

    ``line`` is the physical line where the record starts (the header is 1);
    ``None`` when the problem concerns the whole file. ``column`` is the
    header name, ``None`` when the problem is not about one column.
    """

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class PlacementError(Exception):
    """Base class of every error placement raises on purpose."""


class PlacementInputError(PlacementError, ValueError):
    """The scenario cannot be used as it is; ``problems`` lists every reason.

    ``warnings`` carries what was suspicious but legal (an unknown column may
    be a typo of a missing one), so it can be shown beside the problems.
    """

    def __init__(self, problems: list[InputProblem], warnings: tuple[str, ...] = ()) -> None:
        self.problems = sorted(problems, key=_problem_key)
        self.warnings = tuple(warnings)
        super().__init__("\n".join(str(p) for p in self.problems))


class NoSolutionError(PlacementError):
    """The solver found no solution within its limits (exit status 3)."""


def _problem_key(p: InputProblem) -> tuple[str, int, str, str]:
    return (p.file, -1 if p.line is None else p.line, p.column or "", p.message)
