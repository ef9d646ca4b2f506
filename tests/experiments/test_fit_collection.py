"""The fit's branching collection: passes while the allotment lasts, split by instance."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from experiments.fit import budget as budget_module
from experiments.fit import pipeline, stages
from experiments.fit.budget import Budget
from experiments.fit.config import FitConfig
from experiments.fit.context import FitContext
from experiments.fit.progress import FitProgress
from experiments.fit.split import Split
from experiments.fit.state import FitState
from experiments.train_branching import split_sample_files


def _write_file(path: Path, sha: str, n_samples: int, **metadata: Any) -> None:
    """A samples file stand-in: the ``.npz`` and the metadata that marks it complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, x=np.zeros(1))
    record = {"instance_sha256": sha, "n_samples": n_samples, **metadata}
    path.with_suffix(".json").write_text(json.dumps(record))


class _FakeCollection:
    """Stands in for ``collect_branching``: writes 10 samples per instance, takes ``seconds``."""

    def __init__(self, clock: list[float], seconds: float) -> None:
        self.clock, self.seconds, self.configs = clock, seconds, []

    def __call__(self, instances, folder, config, **kwargs) -> Any:
        self.configs.append(config)
        for path in instances:
            _write_file(Path(folder) / f"{path.stem}.npz", path.stem, 10, seed=config.seed)
        self.clock[0] += self.seconds
        return type("Summary", (), {"failures": (), "n_instances": len(instances)})()


def _context(tmp_path: Path, allotment: float) -> FitContext:
    """A fit whose collection stage gets ``allotment`` seconds, with 4 training instances."""
    train = tuple(tmp_path / f"i{k}.mps" for k in range(4))
    config = FitConfig(out=tmp_path / "set", inputs=(tmp_path,))
    budget = Budget(allotment, shares={"collect_branching": 1.0}, started=0.0)
    ctx = FitContext(config, config.out, config.work, budget)
    ctx.split = Split(train=train, valid=(), test=())
    return ctx


@pytest.mark.parametrize(("pass_seconds", "expected_passes"), [(10.0, 4), (30.0, 2), (60.0, 1)])
def test_passes_run_while_half_the_allotment_is_left(
    tmp_path: Path, monkeypatch, pass_seconds: float, expected_passes: int
) -> None:
    clock = [0.0]
    monkeypatch.setattr(budget_module, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    fake = _FakeCollection(clock, pass_seconds)
    monkeypatch.setattr("experiments.collect_branching.collect_branching", fake)
    ctx = _context(tmp_path, allotment=100.0)
    stage = next(s for s in pipeline.STAGES if s.name == "collect_branching")
    state = FitState(ctx.config.identity())
    with FitProgress(ctx.budget, len(pipeline.STAGES), quiet=True) as progress:
        pipeline._run_stage(ctx, state, stage, 3, progress)  # planned and run as a fit does
    outputs = state.stages["collect_branching"].outputs
    assert len(outputs["passes"]) == expected_passes
    assert [c.record_prob for c in fake.configs] == list(stages.BRANCHING_PASSES[:expected_passes])
    seeds = [c.seed for c in fake.configs]
    assert seeds[0] == ctx.config.seed and len(set(seeds)) == len(seeds)
    assert outputs["n_samples"] == 40 * expected_passes
    assert outputs["n_with_samples"] == 4  # instances, not files
    assert ctx.results["collect_branching"] is outputs


def test_files_of_one_instance_stay_on_one_side_of_the_split(tmp_path: Path) -> None:
    files = []
    for index in range(3):
        for k in range(6):
            path = tmp_path / f"pass-{index}" / f"i{k}.npz"
            _write_file(path, f"sha{k}", 5)
            files.append(path)
    train, valid = split_sample_files(sorted(files), 0.34, seed=3)
    instances = {
        side: {json.loads(p.with_suffix(".json").read_text())["instance_sha256"] for p in paths}
        for side, paths in (("train", train), ("valid", valid))
    }
    assert instances["train"].isdisjoint(instances["valid"])
    assert len(train) + len(valid) == len(files) and len(instances["valid"]) == 2


def test_one_file_per_instance_splits_as_a_permutation_of_the_files(tmp_path: Path) -> None:
    from experiments.training import seeded_split

    files = [tmp_path / f"i{k}.npz" for k in range(10)]
    for k, path in enumerate(files):
        _write_file(path, f"sha{k}", 5)
    valid, train = seeded_split(10, 0.2, 5)
    assert split_sample_files(files, 0.2, 5) == (
        sorted(files[i] for i in train),
        sorted(files[i] for i in valid),
    )


@pytest.mark.parametrize("workers", [1, 3])
def test_training_takes_one_torch_thread_per_worker(tmp_path: Path, monkeypatch, workers) -> None:
    from experiments import train_branching as module

    seen = {}
    monkeypatch.setattr(module, "train_branching", lambda config, **_: seen.update(c=config) or {})
    for k in range(2):
        _write_file(tmp_path / "set" / "fit" / "data" / "branching" / f"i{k}.npz", f"sha{k}", 5)
    config = FitConfig(out=tmp_path / "set", inputs=(tmp_path,), workers=workers)
    ctx = FitContext(
        config, config.out, config.work, Budget(100.0, shares={"train_branching": 1.0})
    )
    ctx.split = Split(train=(tmp_path / "i0.mps",), valid=(), test=())
    stages._train_branching(ctx, {})
    assert seen["c"].threads == workers
