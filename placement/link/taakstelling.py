"""The taakstelling: a number of status holders split over gemeenten by population.

Largest remainders, exactly: gemeente ``i`` of population ``p_i`` (total
``T``) gets ``floor(N p_i / T)``; the ``N - sum`` persons left go one each
to the gemeenten with the largest fractional parts, compared exactly as the
integers ``N p_i mod T``, ties by gemeente code ascending.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from placement.errors import Code, InputProblem, PlacementInputError
from placement.i18n import _
from placement.output.files import OutputExistsError, write_csv

#: The columns of ``taakstelling.csv``.
COLUMNS = ["gemeente_code", "quota"]


def split_taakstelling(persons: int, populations: pd.DataFrame) -> pd.DataFrame:
    """Split ``persons`` over the gemeenten of ``populations`` in proportion to population.

    Parameters
    ----------
    persons
        N, the persons to house (a whole number >= 0).
    populations
        ``gemeente_code`` and ``population`` (whole numbers >= 0), one row
        per gemeente (:func:`placement.input.read.read_populations`).

    Returns
    -------
    pandas.DataFrame
        ``gemeente_code``, ``quota`` in the order of ``populations``; the
        quotas add up to ``persons``.

    Raises
    ------
    PlacementInputError
        When ``persons > 0`` and there is no population to split over.
    """
    if persons < 0 or int(persons) != persons:
        raise ValueError(f"persons must be a whole number >= 0, got {persons!r}")
    codes = populations["gemeente_code"].tolist()
    # Python integers: N * p is exact however large it grows.
    pops = [int(p) for p in populations["population"]]
    total = sum(pops)
    if total == 0:
        if persons:
            raise PlacementInputError(
                [
                    InputProblem(
                        "populations",
                        None,
                        "population",
                        _(
                            "there is no population to split {persons} persons over; "
                            "give gemeenten with a population > 0"
                        ).format(persons=persons),
                        Code.BAD_VALUE,
                    )  # fmt: skip
                ]
            )
        return pd.DataFrame({"gemeente_code": codes, "quota": [0] * len(codes)})
    quota = [persons * p // total for p in pops]
    remainder = [persons * p % total for p in pops]
    left = persons - sum(quota)
    first = sorted(range(len(codes)), key=lambda i: (-remainder[i], codes[i]))[:left]
    for i in first:
        quota[i] += 1
    return pd.DataFrame({"gemeente_code": codes, "quota": pd.array(quota, dtype="int64")})


def write_taakstelling(table: pd.DataFrame, path: Path, *, force: bool = False) -> Path:
    """Write ``taakstelling.csv`` at ``path``, whole or not at all.

    Raises
    ------
    OutputExistsError
        When ``path`` is a folder, or exists and ``force`` is false.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputExistsError(_("{path} is a folder; give --out a file name").format(path=path))
    if path.exists() and not force:
        raise OutputExistsError(
            _("{path} exists; choose another --out or add --force to replace it").format(path=path)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.partial-", dir=path.parent)
    os.close(fd)
    try:
        write_csv(table[COLUMNS], Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
