"""``placement taakstelling``: largest remainders, exactly, against fractions computed here."""

from __future__ import annotations

import csv
from fractions import Fraction
from math import floor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from placement.cli import app
from placement.link.taakstelling import split_taakstelling

runner = CliRunner()
BUILTIN = Path(__file__).resolve().parents[2] / "data" / "gemeenten.csv"


def largest_remainders(n: int, populations: dict[str, int]) -> dict[str, int]:
    """The contract's rule with exact fractions: floors, then one more by largest part."""
    total = sum(populations.values())
    shares = {c: Fraction(n * p, total) for c, p in populations.items()}
    quota = {c: floor(s) for c, s in shares.items()}
    left = n - sum(quota.values())
    by_part = sorted(populations, key=lambda c: (-(shares[c] - floor(shares[c])), c))
    for code in by_part[:left]:
        quota[code] += 1
    return quota


def _read(path: Path) -> dict[str, int]:
    with open(path, encoding="utf-8", newline="") as f:
        return {r["gemeente_code"]: int(r["quota"]) for r in csv.DictReader(f)}


@pytest.mark.parametrize("seed", range(40))
def test_split_matches_exact_largest_remainders(seed: int):
    """Random populations (with repeats, so ties) and N, compared with Fraction arithmetic."""
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 30))
    codes = [f"GM{c:04d}" for c in rng.choice(9999, size, replace=False)]
    pops = rng.choice([0, 1, 7, 100, 12345, int(rng.integers(1, 10**6))], size)
    if pops.sum() == 0:
        pops[0] = 1
    n = int(rng.choice([0, 1, size - 1, size, 13000, int(rng.integers(0, 10**7))]))
    table = split_taakstelling(n, pd.DataFrame({"gemeente_code": codes, "population": pops}))
    assert table["gemeente_code"].tolist() == codes  # the input's order
    expected = largest_remainders(n, dict(zip(codes, map(int, pops), strict=True)))
    assert dict(zip(table["gemeente_code"], table["quota"].tolist(), strict=True)) == expected
    assert table["quota"].sum() == n


def test_ties_go_to_the_lowest_codes_whatever_the_file_order():
    """Three equal gemeenten, two persons: the two lowest codes get one each."""
    table = split_taakstelling(
        2, pd.DataFrame({"gemeente_code": ["GM0300", "GM0100", "GM0200"], "population": [5] * 3})
    )
    assert table["quota"].tolist() == [0, 1, 1]


def test_huge_numbers_stay_exact():
    """N x population beyond 64 bits is still split exactly."""
    pops = {"GM0001": 10**15 + 1, "GM0002": 10**15, "GM0003": 3}
    n = 10**12 + 7
    table = split_taakstelling(
        n, pd.DataFrame({"gemeente_code": list(pops), "population": list(pops.values())})
    )
    assert dict(zip(table["gemeente_code"], table["quota"].tolist(), strict=True)) == (
        largest_remainders(n, pops)
    )


def test_command_splits_over_the_builtin_table(tmp_path: Path):
    """Every built-in gemeente with a population, 13,000 persons, the exact rule."""
    out = tmp_path / "taakstelling.csv"
    result = runner.invoke(app, ["taakstelling", "--persons", "13000", "--out", str(out)])
    assert result.exit_code == 0, result.output
    builtin = pd.read_csv(BUILTIN, dtype={"gemeente_code": str})
    pops = dict(zip(builtin["gemeente_code"], builtin["population"].astype(int), strict=True))
    assert _read(out) == largest_remainders(13000, pops)
    assert out.read_text(encoding="utf-8").splitlines()[0] == "gemeente_code,quota"


def test_command_reads_exactly_the_given_gemeenten_and_ignores_other_columns(tmp_path: Path):
    """A scenario's gemeenten.csv serves: name and point are ignored silently, no merging."""
    source = tmp_path / "gemeenten.csv"
    source.write_text(
        "gemeente_code;name;lat;lon;population;remark\n"
        "GM9002;Beedorp;0;1;3000;x\nGM9001;Aadorp;0;0;1000;\nGM9003;Ceedorp;0;2;2000;\n",
        encoding="utf-8",
    )
    out = tmp_path / "t.csv"
    result = runner.invoke(
        app, ["taakstelling", "--persons", "7", "--out", str(out), "--gemeenten", str(source)]
    )
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    assert _read(out) == {"GM9002": 4, "GM9001": 1, "GM9003": 2}  # 3.5, 1.17, 2.33


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("gemeente_code,population\nGM0001,10\nGM0002,\n", "line 3, column 'population'"),
        ("gemeente_code,population\nGM0001,-4\n", "line 2, column 'population'"),
        ("gemeente_code,population\nGM0001,1.5\n", "line 2, column 'population'"),
        ("gemeente_code,population\nGM0001,4\nGM0001,5\n", "line 3, column 'gemeente_code'"),
        ("gemeente_code,name\nGM0001,x\n", "line 1, column 'population'"),
        ("gemeente_code,population\nGM01,4\n", "line 2, column 'gemeente_code'"),
    ],
)
def test_bad_population_files_exit_1_and_write_nothing(tmp_path: Path, text: str, where: str):
    """Each problem named with its file, line and column; no taakstelling is written."""
    source = tmp_path / "pop.csv"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "t.csv"
    result = runner.invoke(
        app, ["taakstelling", "--persons", "5", "--out", str(out), "--gemeenten", str(source)]
    )
    assert result.exit_code == 1
    assert f"{source}, {where}" in result.output
    assert not out.exists()


def test_no_population_to_split_over_is_refused(tmp_path: Path):
    """Persons over gemeenten of population 0: exit 1; zero persons are fine."""
    source = tmp_path / "pop.csv"
    source.write_text("gemeente_code,population\nGM0001,0\n", encoding="utf-8")
    out = tmp_path / "t.csv"
    args = ["taakstelling", "--out", str(out), "--gemeenten", str(source), "--persons"]
    assert runner.invoke(app, [*args, "3"]).exit_code == 1
    assert not out.exists()
    assert runner.invoke(app, [*args, "0"]).exit_code == 0
    assert _read(out) == {"GM0001": 0}


def test_an_existing_file_is_kept_without_force(tmp_path: Path):
    """--out that exists: exit 1 and untouched; with --force it is replaced whole."""
    out = tmp_path / "t.csv"
    out.write_text("mine\n", encoding="utf-8")
    args = ["taakstelling", "--persons", "10", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 1
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    assert sum(_read(out).values()) == 10
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]  # no temporary file left


def test_usage_errors_exit_2(tmp_path: Path):
    """A negative N or a missing --out is a usage error."""
    out = str(tmp_path / "t.csv")
    assert runner.invoke(app, ["taakstelling", "--persons", "-1", "--out", out]).exit_code == 2
    assert runner.invoke(app, ["taakstelling", "--persons", "3"]).exit_code == 2
