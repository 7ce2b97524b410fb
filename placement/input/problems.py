"""The problems of a scenario's files, collected so that all are told at once.

Every module that reads a file reports into one :class:`Problems`: at most
one problem per cell (the first said wins), and nothing more about a column
once its absence was reported. Reading raises a
:class:`~placement.errors.PlacementInputError` with all of them at the end.
"""

from __future__ import annotations

from collections.abc import Iterable

from placement.errors import Code, InputProblem, PlacementInputError

_QUOTE_MAX = 40  # a quoted cell longer than this is cut short in a message


class Problems:
    """Collects input problems; at most one per cell, none for a muted column."""

    def __init__(self) -> None:
        self.items: list[InputProblem] = []
        self._seen: set[tuple[str, int | None, str | None]] = set()
        self._muted: set[tuple[str, str]] = set()

    def add(
        self, file: str, line: int | None, column: str | None, message: str, code: Code
    ) -> None:
        """Add a problem, unless its cell has one already or its column is muted."""
        key = (file, line, column)
        if column is not None and (file, column) in self._muted:
            return
        if line is not None and key in self._seen:
            return
        self._seen.add(key)
        self.items.append(InputProblem(file, line, column, message, code))

    def add_rows(
        self,
        file: str,
        lines: Iterable[int],
        column: str | None,
        messages: Iterable[str],
        code: Code,
    ) -> None:
        """Add one problem per line of ``file``, each with its message, in ``column``."""
        for line, message in zip(lines, messages, strict=True):
            self.add(file, int(line), column, message, code)

    def extend(self, problems: Iterable[InputProblem]) -> None:
        """Add problems found elsewhere (another reader's error)."""
        for p in problems:
            self.add(p.file, p.line, p.column, p.message, p.code)

    def mute(self, file: str, column: str) -> None:
        """Report nothing more about ``column``: its absence was reported already."""
        self._muted.add((file, column))

    def has_column(self, file: str, column: str) -> bool:
        """Whether ``file`` has ``column``, so other tables can be checked against it."""
        return (file, column) not in self._muted


def input_error(file: str, line: int | None, message: str, code: Code) -> PlacementInputError:
    """The error of one problem that ends reading a file (no column)."""
    return PlacementInputError([InputProblem(file, line, None, message, code)])


def quote(cell: str) -> str:
    """A cell as a message quotes it: cut short with … when it is long."""
    return cell if len(cell) <= _QUOTE_MAX else cell[: _QUOTE_MAX - 1] + "…"
