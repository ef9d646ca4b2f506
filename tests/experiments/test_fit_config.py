"""``neuralmip fit``'s options, budget and split: parsed, allotted and drawn as documented."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from experiments.fit.budget import MIN_STAGE_SECONDS, Budget
from experiments.fit.config import DEFAULT_SHARES, FitConfig, FitError, parse_budget
from experiments.fit.split import split_instances


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("3600", 3600), ("90s", 90), ("20m", 1200), ("1h", 3600), ("1h30m", 5400), ("1.5h", 5400)],
)
def test_budget_syntax(text: str, seconds: float) -> None:
    assert parse_budget(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "1d", "-5", "0", "0s", "h"])
def test_bad_budget_is_one_clear_error(text: str) -> None:
    with pytest.raises(FitError, match="--budget"):
        parse_budget(text)


def test_shares_cover_the_whole_budget() -> None:
    assert sum(DEFAULT_SHARES.values()) == pytest.approx(1.0)


def test_config_needs_instances_or_a_generator(tmp_path: Path) -> None:
    with pytest.raises(FitError, match="not both"):
        FitConfig(out=tmp_path)
    with pytest.raises(FitError, match="needs at least 10"):
        FitConfig(out=tmp_path, generate="setcover", count=5)


def test_identity_ignores_budget_and_workers(tmp_path: Path) -> None:
    one = FitConfig(out=tmp_path, inputs=(tmp_path,), budget_s=60)
    other = FitConfig(out=tmp_path, inputs=(tmp_path,), budget_s=600, workers=2, resume=True)
    assert one.identity() == other.identity()
    assert one.identity() != FitConfig(out=tmp_path, inputs=(tmp_path,), seed=1).identity()


def test_too_small_a_budget_names_the_stage_and_the_least_that_would_do() -> None:
    budget = Budget(10.0, shares=DEFAULT_SHARES)
    with pytest.raises(FitError, match=r"stage report .* give at least --budget 17s"):
        budget.check(list(DEFAULT_SHARES))
    Budget(17.0, shares=DEFAULT_SHARES).check(list(DEFAULT_SHARES))
    resumed = Budget(60.0, spent_s=55.0, shares=DEFAULT_SHARES)
    resumed.check(list(DEFAULT_SHARES), resumed=True)  # a resumed fit goes on with what is left
    with pytest.raises(FitError, match=r"budget of 1m00s is spent \(1m00s used\); give a larger"):
        Budget(60.0, spent_s=59.8, shares=DEFAULT_SHARES).check(["report"], resumed=True)


def test_stage_allotments_share_what_is_left() -> None:
    shares = {"a": 0.5, "b": 0.25, "c": 0.25}
    budget = Budget(100.0, spent_s=20.0, shares=shares)
    assert budget.start_stage("a", ["a", "b", "c"]) == pytest.approx(40.0, abs=0.1)
    budget.spent_s = 70.0  # "a" overran by 10 s: the rest share what is left
    assert budget.start_stage("b", ["b", "c"]) == pytest.approx(15.0, abs=0.1)
    assert budget.stage_left("b") <= 15.0
    assert budget.stage_left("b") <= budget.left()
    assert budget.start_stage("c", ["c"]) == pytest.approx(budget.left(), abs=0.1)
    assert MIN_STAGE_SECONDS > 0


def test_elapsed_counts_earlier_runs() -> None:
    budget = Budget(60.0, spent_s=30.0, started=time.monotonic() - 5.0)
    assert budget.elapsed() == pytest.approx(35.0, abs=0.5)
    assert budget.left() == pytest.approx(25.0, abs=0.5)


def _hashes(n: int, prefix: str = "x") -> dict[str, str]:
    return {f"/data/{prefix}{i}.mps": f"{i:064x}" for i in range(n)}


def test_split_sizes_follow_the_fractions_and_the_minimums(tmp_path: Path) -> None:
    config = FitConfig(out=tmp_path, inputs=(tmp_path,))
    assert split_instances(_hashes(10), config).sizes() == {"train": 4, "valid": 3, "test": 3}
    assert split_instances(_hashes(50), config).sizes() == {"train": 30, "valid": 10, "test": 10}
    split = split_instances(_hashes(23), config)
    parts = [set(split.train), set(split.valid), set(split.test)]
    assert sum(map(len, parts)) == 23 and len(set.union(*parts)) == 23


def test_split_depends_on_contents_and_seed_not_on_names(tmp_path: Path) -> None:
    config = FitConfig(out=tmp_path, inputs=(tmp_path,))
    renamed = {path.replace("x", "y"): digest for path, digest in _hashes(20).items()}
    one, two = split_instances(_hashes(20), config), split_instances(renamed, config)
    assert [p.name.replace("x", "y") for p in one.test] == [p.name for p in two.test]
    other_seed = FitConfig(out=tmp_path, inputs=(tmp_path,), seed=7)
    assert split_instances(_hashes(20), other_seed).test != one.test


def test_too_few_instances_for_the_split(tmp_path: Path) -> None:
    config = FitConfig(out=tmp_path, inputs=(tmp_path,))
    with pytest.raises(FitError, match=r"9 usable instance\(s\); the split needs at least 10"):
        split_instances(_hashes(9), config)
