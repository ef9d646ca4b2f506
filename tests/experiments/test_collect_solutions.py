"""Tests of solution collection for Neural Diving, and of the collect -> train -> policy pipeline."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pyscipopt
import pytest

from experiments.collect_solutions import (
    CollectSolutionsConfig,
    collect_solutions,
    load_solution_record,
)
from instances.generators import generate_instances, preset


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("solutions")
    config = CollectSolutionsConfig(
        out=out,
        generate="setcover",
        preset="tiny",
        count=3,
        seed=7,
        time_limit=10.0,
        command=("neuralmip", "collect", "--kind", "solutions"),
    )
    summary = collect_solutions(config)
    assert summary.n_collected == 3 and summary.n_failed == 0 and summary.n_skipped == 0
    return out


def _check_feasible(instance: Path, names: tuple[str, ...], values: np.ndarray) -> float:
    model = pyscipopt.Model()
    model.hideOutput()
    model.readProblem(str(instance))
    by_name = {var.name: var for var in model.getVars()}
    solution = model.createSol()
    for name, value in zip(names, values, strict=True):
        model.setSolVal(solution, by_name[name], value)
    assert model.checkSol(solution, original=True)
    objective = model.getSolObjVal(solution, original=True)
    model.freeProb()
    return objective


def test_solutions_are_distinct_feasible_and_sorted(collected: Path) -> None:
    files = sorted(collected.glob("*.npz"))
    assert len(files) == 3
    instances = {p.stem: p for p in (collected / "instances").glob("*.mps")}
    for path in files:
        record = load_solution_record(path)
        n_solutions, n_variables = record.solutions.shape
        assert n_solutions >= 1 and n_variables == record.graph.n_variables == len(
            record.variable_names
        )
        assert len({row.tobytes() for row in np.round(record.solutions, 6)}) == n_solutions
        assert not record.maximize
        assert np.all(np.diff(record.objectives) >= -1e-9)  # best (smallest) first
        instance = instances[path.stem]
        for values, objective in zip(record.solutions, record.objectives, strict=True):
            assert _check_feasible(instance, record.variable_names, values) == pytest.approx(
                objective
            )
        meta = record.metadata
        assert meta["instance_sha256"] == hashlib.sha256(instance.read_bytes()).hexdigest()
        assert meta["seed"] == 7 and meta["scip_version"] and meta["config"]["time_limit"] == 10.0
        assert meta["config"]["command"][:2] == ["neuralmip", "collect"]
        assert meta["status"] == "optimal"


def test_collection_resumes_and_redoes_changed_instances(collected: Path, tmp_path: Path) -> None:
    again = collect_solutions(
        CollectSolutionsConfig(
            out=collected, generate="setcover", preset="tiny", count=3, seed=7, time_limit=10.0
        )
    )
    assert again.n_skipped == 3 and again.n_collected == 0
    # An instance file whose hash changed is collected again.
    instances = generate_instances("setcover", preset("setcover", "tiny"), 1, 11, tmp_path / "inst")
    out = tmp_path / "out"
    first = collect_solutions(
        CollectSolutionsConfig(out=out, instances=tuple(instances), time_limit=5.0)
    )
    assert first.n_collected == 1
    other = preset("setcover", "tiny").generate(12)
    other.writeProblem(str(instances[0]))
    other.freeProb()
    second = collect_solutions(
        CollectSolutionsConfig(out=out, instances=tuple(instances), time_limit=5.0)
    )
    assert second.n_collected == 1 and second.n_skipped == 0


def test_maximisation_solutions_are_best_first(tmp_path: Path) -> None:
    summary = collect_solutions(
        CollectSolutionsConfig(
            out=tmp_path, generate="indset", preset="tiny", count=1, seed=3, time_limit=10.0
        )
    )
    assert summary.n_collected == 1
    record = load_solution_record(next(tmp_path.glob("*.npz")))
    assert record.maximize
    assert np.all(np.diff(record.objectives) <= 1e-9)


def test_scip_params_reach_every_solve_and_are_recorded(tmp_path: Path) -> None:
    # One solution per solve: SCIP stops at its solution limit, which only the parameter sets.
    params = {"limits/solutions": 1, "timing/clocktype": 1}
    summary = collect_solutions(
        CollectSolutionsConfig(
            out=tmp_path, generate="setcover", preset="tiny", count=2, seed=7, scip_params=params
        )
    )
    assert summary.n_collected == 2
    for path in tmp_path.glob("*.npz"):
        meta = load_solution_record(path).metadata
        assert meta["status"] == "sollimit"
        assert meta["config"]["scip_params"] == params


def test_unknown_scip_param_is_refused_before_any_solve(tmp_path: Path) -> None:
    config = CollectSolutionsConfig(
        out=tmp_path / "out",
        generate="setcover",
        preset="tiny",
        count=1,
        scip_params={"no/such": 1},
    )
    with pytest.raises(ValueError, match="no/such"):
        collect_solutions(config)
    assert not (tmp_path / "out").exists()


def test_failed_instance_is_reported_not_raised(tmp_path: Path) -> None:
    bad = tmp_path / "broken.mps"
    bad.write_text("this is not an MPS file\n")
    summary = collect_solutions(
        CollectSolutionsConfig(out=tmp_path / "out", instances=(bad,), time_limit=5.0)
    )
    assert summary.n_failed == 1 and "broken.mps" in summary.failures[0]


def test_unreadable_record_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.npz"
    path.write_bytes(b"junk")
    with pytest.raises(ValueError, match="junk.npz"):
        load_solution_record(path)


def test_train_diving_end_to_end(
    collected: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from experiments.cli import main
    from gnn.checkpoint import load_checkpoint
    from gnn.diving import DivingPolicy
    from gnn.observation import MilpBipartite
    from instances.profile import instance_profile

    out = tmp_path / "diving-tiny.pt"
    train = ["train", "--kind", "diving", "--out"]
    assert main([*train, str(out), "--data", str(collected), "--max-epochs", "2",
                 "--embedding-size", "8"]) == 0  # fmt: skip
    summary = json.loads(out.with_suffix(".json").read_text())
    assert (
        summary["metrics"]["n_train_instances"] == 2
        and summary["metrics"]["n_valid_instances"] == 1
    )
    assert "fix_accuracy@0.5" in summary["metrics"]["valid"]
    # The model records where it may be used: the profiles of the collection's instances.
    assert summary["domain"]["n_instances"] == 3
    domain = load_checkpoint(out).domain
    assert domain is not None and domain.admits(
        instance_profile(preset("setcover", "tiny").generate(9))
    )
    assert not domain.admits(instance_profile(preset("facilities", "tiny").generate(9)))
    policy = DivingPolicy.from_checkpoint(out)
    model = preset("setcover", "tiny").generate(1)
    observation = MilpBipartite().extract(model)
    probability, confidence = policy.predict(observation.graph)
    assert probability.shape == confidence.shape == (observation.graph.n_variables,)
    model.freeProb()
    # Bad input: one line naming the path, exit code 2.
    assert main([*train, str(tmp_path / "x.pt"), "--data", str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err.strip().splitlines()[-1]
