"""Tests of ``solver.racing``: seeded solvers racing on one instance, sharing one server."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import pyscipopt
import pytest

from gnn.observation import NodeBipartite
from gnn.policy import ScorerPolicy
from gnn.serving import InferenceServer, Scorer
from instances.errors import InstanceError
from solver.branching import include_learned_branching
from solver.racing import PROVEN_STATUSES, RACE_SETUP, RaceBackend, race
from solver.setup import LearnedSetup, SolveSetup
from tests.gnn.test_serving import TinyBipartiteGNN, knapsack


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    path = tmp_path_factory.mktemp("race") / "knapsack.mps"
    model = knapsack(seed=3, n_items=50)
    model.writeProblem(str(path), verbose=False)
    model.optimize()
    optimum = model.getObjVal()
    model.freeProb()
    return path, optimum


def _limit(seconds: float) -> SolveSetup:
    """The race's default set-up with a time limit."""
    return replace(RACE_SETUP, time_limit=seconds)


def learned_branching(model: pyscipopt.Model, worker: int, scorer: Scorer | None) -> None:
    assert scorer is not None
    include_learned_branching(model, ScorerPolicy(scorer), observation=NodeBipartite())


def test_threads_share_one_server_and_the_best_result_wins(instance: tuple[Path, float]) -> None:
    path, optimum = instance
    threads_before = threading.active_count()
    with InferenceServer(TinyBipartiteGNN()) as server:
        result = race(
            path, 2, seeds=[5, 6], server=server, setup=learned_branching, solve_setup=_limit(60)
        )
        metrics = server.metrics()
    assert result.status == "optimal" and result.winner is not None
    assert result.objective == pytest.approx(optimum)
    assert result.solution is not None and len(result.solution) == 50
    assert [w.seed for w in result.workers] == [5, 6]
    # The loser was stopped (or finished its own proof at the same moment).
    loser = result.workers[1 - result.winner]
    assert loser.status == "userinterrupt" or loser.status in PROVEN_STATUSES
    assert metrics.n_requests > 0 and metrics.n_clients == 0  # every client closed
    assert threading.active_count() == threads_before


def test_a_failing_worker_does_not_end_the_race(instance: tuple[Path, float]) -> None:
    path, optimum = instance

    def fail_in_worker_zero(model: pyscipopt.Model, worker: int, scorer: Scorer | None) -> None:
        if worker == 0:
            raise RuntimeError("broken plugin")

    result = race(path, 2, setup=fail_in_worker_zero)
    assert result.workers[0].status == "error" and "broken plugin" in result.workers[0].error
    assert result.winner == 1 and result.objective == pytest.approx(optimum)


def test_bad_arguments_are_refused(instance: tuple[Path, float], tmp_path: Path) -> None:
    path, _ = instance
    with pytest.raises(ValueError, match="seeds"):
        race(path, 2, seeds=[1])
    with pytest.raises(ValueError, match="n_workers"):
        race(path, 0)
    with pytest.raises(InstanceError):
        race(tmp_path / "missing.mps", 1)
    with InferenceServer(TinyBipartiteGNN()) as server, pytest.raises(ValueError, match="address"):
        race(path, 1, server=server, backend=RaceBackend.PROCESSES)


@pytest.mark.slow
def test_processes_race_finds_the_optimum(instance: tuple[Path, float]) -> None:
    path, optimum = instance
    result = race(path, 2, backend=RaceBackend.PROCESSES, solve_setup=_limit(120))
    assert result.status == "optimal" and result.objective == pytest.approx(optimum)


# No cuts: the tiny instance then needs a tree, and the branching rule is asked.
_BRANCH_MORE = {"separating/maxrounds": 0, "separating/maxroundsroot": 0,
                "presolving/maxrestarts": 0}  # fmt: skip


def test_learned_workers_share_the_shipped_models_server(tmp_path: Path) -> None:
    from instances.generators import SetCover
    from solver.plugins import resolve_model_set
    from solver.racing import _branching_server

    path = tmp_path / "setcover.mps"
    model = SetCover(n_rows=200, n_cols=300, density=0.05).generate(1)
    model.writeProblem(str(path), verbose=False)
    model.optimize()
    optimum = model.getObjVal()
    model.freeProb()
    server = _branching_server(resolve_model_set("setcover").branching.path)
    try:
        learned = LearnedSetup(model_path="setcover")
        solve_setup = replace(RACE_SETUP, time_limit=120, scip_params=_BRANCH_MORE, learned=learned)
        result = race(path, 2, seeds=[0, 1], server=server, solve_setup=solve_setup)
        metrics = server.metrics()
    finally:
        server.close()
    assert result.status == "optimal" and result.objective == pytest.approx(optimum)
    assert sum(worker.n_nodes for worker in result.workers) > 2
    # Each worker that branched ran the hybrid's encoder through the server.
    assert metrics.n_requests >= 1 and metrics.n_clients == 0


def test_a_worker_whose_rival_won_before_it_began_reports_an_interrupt(
    instance: tuple[Path, float],
) -> None:
    from solver.racing import _solve_worker, _WorkerSpec

    path, _ = instance
    spec = _WorkerSpec(
        str(path), worker=1, solve_setup=SolveSetup(seed=1), started=None, server=None, setup=None
    )
    stop = threading.Event()
    stop.set()
    # Reading SCIP's statistics of a model that never started solving aborts the process: the
    # worker must answer without them.
    result = _solve_worker(spec, stop, None)
    assert (result.status, result.objective, result.n_nodes, result.error) == (
        "userinterrupt",
        None,
        0,
        None,
    )


def test_the_time_limit_counts_from_the_races_start(instance: tuple[Path, float]) -> None:
    path, _ = instance
    seen: list[float] = []

    def record_limit(model: pyscipopt.Model, worker: int, scorer: Scorer | None) -> None:
        seen.append(model.getParam("limits/time"))

    # Set-up before the race (model loading, say) took 5 of its 60 s.
    race(path, 2, solve_setup=_limit(60), started=time.monotonic() - 5.0, setup=record_limit)
    assert len(seen) == 2 and all(limit <= 55.0 for limit in seen)


def test_an_interrupt_that_scip_refuses_leaves_the_stop_to_the_next_node(
    instance: tuple[Path, float],
) -> None:
    from solver.racing import _Interrupter, _StopWhenSet

    path, _ = instance
    model = pyscipopt.Model()
    model.hideOutput()
    model.readProblem(str(path))
    stop = threading.Event()
    interrupter = _Interrupter()
    stages: list[int] = []

    class RivalWinsAsTheSolveStarts(pyscipopt.Branchrule):
        def branchinitsol(self) -> None:
            # A rival proves its result while this worker initialises its solve, where SCIP
            # refuses an interrupt: the race's thread must not fail, and this solve must stop.
            stages.append(self.model.getStage())
            stop.set()
            interrupter.interrupt()

        def branchexeclp(self, allowaddcons: bool) -> dict:
            return {"result": pyscipopt.SCIP_RESULT.DIDNOTRUN}

    model.includeBranchrule(RivalWinsAsTheSolveStarts(), "rival", "wins at init", -100000, -1, 1.0)
    model.includeEventhdlr(_StopWhenSet(stop), "race-stop", "stop when a rival wins")
    interrupter.attach(model)
    model.optimize()
    assert stages == [pyscipopt.SCIP_STAGE.INITSOLVE]
    assert model.getStatus() == "userinterrupt" and model.getNNodes() <= 1
    model.free()
