"""Errors a user can act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from placement.i18n import _


class Code(StrEnum):
    """What kind of problem an :class:`InputProblem` is: stable, for programs and tests."""

    MISSING_FILE = "missing_file"  # a required file is not there
    EMPTY_FILE = "empty_file"  # not even a header row
    UNREADABLE = "unreadable"  # not text, not CSV (quotes), cannot be opened
    HEADER = "header"  # a column name twice, or an empty one
    BAD_ROW = "bad_row"  # a record with more fields than the header
    MISSING_COLUMN = "missing_column"  # a required column is not in the header
    EMPTY_VALUE = "empty_value"  # a required cell is empty
    BAD_VALUE = "bad_value"  # a cell that is not of its column's kind
    OUT_OF_RANGE = "out_of_range"  # a value outside what its column allows
    INCONSISTENT_ROW = "inconsistent_row"  # cells of one row that contradict each other
    DUPLICATE_ID = "duplicate_id"  # an id used twice
    UNKNOWN_REFERENCE = "unknown_reference"  # a gemeente, type, track, location or household
    INCONSISTENT_HOUSEHOLD = "inconsistent_household"  # members disagree on a household value
    OVERRIDE_CONFLICT = "override_conflict"  # overrides that contradict each other
    PIN_NOT_ALLOWED = "pin_not_allowed"  # a pin the rules forbid
    PINS_OVERFILL = "pins_overfill"  # pins beyond a location's limits
    BAD_SETTING = "bad_setting"  # scenario.toml, the command line, a landscape
    BAD_VARIANT = "bad_variant"  # a what-if variant


@dataclass(frozen=True, order=True)
class InputProblem:
    """One thing wrong with the input, located as an editor shows it.

    ``line`` is the physical line where the record starts (the header is 1);
    ``None`` when the problem concerns the whole file. ``column`` is the
    header name, ``None`` when the problem is not about one column. ``code``
    says what kind of problem it is (:class:`Code`), for programs and tests;
    the message says it for people.
    """

    file: str
    line: int | None
    column: str | None
    message: str
    code: Code = field(compare=False)

    def __str__(self) -> str:
        """``file, line N, column 'c': message``, the words in the current language."""
        where = self.file
        if self.line is not None:
            where += _(", line {line}").format(line=self.line)
        if self.column is not None:
            where += _(", column '{column}'").format(column=self.column)
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
