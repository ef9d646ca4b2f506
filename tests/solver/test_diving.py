"""Tests of the neural diving heuristic: it finds solutions from good predictions, and faults
(adversarial or broken policies, infeasible or limited sub-MIPs, no binaries, huge integer bounds,
continuous-only problems, tight time limits) never change the optimum SCIP proves."""

from __future__ import annotations

import gc
import threading
import time

import numpy as np
import pyscipopt
import pytest

from gnn.graph import BipartiteGraph
from gnn.observation import MilpBipartite
from instances.generators import preset
from solver.diving import (
    SUBMIP_SETTINGS,
    NeuralDiving,
    NeuralDivingConfig,
    apply_submip_settings,
    include_neural_diving,
)


class FixedPolicy:
    """Predicts given values with given confidences (an oracle, or its adversarial flip)."""

    def __init__(self, values: np.ndarray, confidence: np.ndarray | None = None) -> None:
        self.values = np.asarray(values, dtype=np.float64)
        self.confidence = np.ones_like(self.values) if confidence is None else confidence
        self.calls = 0

    def predict(self, graph: BipartiteGraph) -> tuple[np.ndarray, np.ndarray]:
        self.calls += 1
        assert graph.n_variables == self.values.size
        return self.values, self.confidence


class RaisingPolicy:
    def predict(self, graph: BipartiteGraph) -> tuple[np.ndarray, np.ndarray]:
        raise RuntimeError("model exploded")


class NanPolicy:
    def predict(self, graph: BipartiteGraph) -> tuple[np.ndarray, np.ndarray]:
        return np.full(graph.n_variables, np.nan), np.ones(graph.n_variables)


def _tiny(class_name: str, seed: int) -> pyscipopt.Model:
    model = preset(class_name, "tiny").generate(seed)
    model.hideOutput()
    # Without presolve the tiny instances reach the root LP, where the heuristic runs.
    model.setPresolve(pyscipopt.SCIP_PARAMSETTING.OFF)
    return model


def _optimum(class_name: str, seed: int) -> tuple[float, dict[str, float]]:
    model = _tiny(class_name, seed)
    model.optimize()
    assert model.getStatus() == "optimal"
    values = {var.name: model.getVal(var) for var in model.getVars()}
    objective = model.getObjVal()
    model.freeProb()
    return objective, values


def _row_values(model: pyscipopt.Model, values: dict[str, float]) -> np.ndarray:
    observation = MilpBipartite().extract(model)
    return np.array([round(values[var.name]) for var in observation.variables], dtype=np.float64)


def _random_policy(model: pyscipopt.Model, seed: int) -> FixedPolicy:
    """Random predicted values and confidences: a poor model."""
    rng = np.random.default_rng(seed)
    n_variables = model.getNVars()
    return FixedPolicy((rng.random(n_variables) < 0.5).astype(float), rng.random(n_variables))


def _solve_with(
    class_name: str, seed: int, policy_for: object, config: NeuralDivingConfig | None = None
) -> tuple[pyscipopt.Model, NeuralDiving]:
    model = _tiny(class_name, seed)
    policy = policy_for(model) if callable(policy_for) else policy_for
    heuristic = include_neural_diving(model, policy, config=config)
    model.optimize()
    return model, heuristic


@pytest.mark.parametrize("submip_settings", SUBMIP_SETTINGS)
@pytest.mark.parametrize("class_name", ["setcover", "indset"])  # a minimisation, a maximisation
def test_oracle_prediction_is_found_and_submitted(class_name: str, submip_settings: str) -> None:
    optimum, values = _optimum(class_name, seed=3)
    model, heuristic = _solve_with(
        class_name,
        3,
        lambda m: FixedPolicy(_row_values(m, values)),
        NeuralDivingConfig(coverages=(0.9,), submip_settings=submip_settings),
    )
    assert heuristic.stats.n_calls == 1
    assert heuristic.stats.n_solutions_accepted >= 1
    assert heuristic.stats.best_objective == pytest.approx(optimum)
    assert model.getObjVal() == pytest.approx(optimum)
    assert heuristic.stats.total_seconds > 0


def test_soft_mode_finds_the_oracle_solution() -> None:
    optimum, values = _optimum("setcover", seed=4)
    model, heuristic = _solve_with(
        "setcover",
        4,
        lambda m: FixedPolicy(_row_values(m, values)),
        NeuralDivingConfig(coverages=(1.0,), soft=True, soft_radius=0.0),
    )
    # Radius 0 around the optimum admits exactly the optimum.
    assert heuristic.stats.best_objective == pytest.approx(optimum)
    assert model.getObjVal() == pytest.approx(optimum)


@pytest.mark.parametrize(
    ("soft", "submip_settings"), [(False, "default"), (True, "default"), (False, "lns")]
)
@pytest.mark.parametrize("class_name", ["setcover", "cauctions", "indset", "facilities"])
def test_adversarial_policy_keeps_the_optimum(
    class_name: str, soft: bool, submip_settings: str
) -> None:
    optimum, values = _optimum(class_name, seed=4)
    model, heuristic = _solve_with(
        class_name,
        4,
        lambda m: FixedPolicy(1.0 - _row_values(m, values)),
        NeuralDivingConfig(soft=soft, soft_radius=0.05, submip_settings=submip_settings),
    )
    assert model.getStatus() == "optimal"
    assert model.getObjVal() == pytest.approx(optimum)
    assert heuristic.stats.error is None
    assert heuristic.stats.n_submips >= 1
    # A worse solution may be found, never a better one.
    if heuristic.stats.best_objective is not None:
        worse_or_equal = (
            heuristic.stats.best_objective >= optimum - 1e-6
            if model.getObjectiveSense() == "minimize"
            else heuristic.stats.best_objective <= optimum + 1e-6
        )
        assert worse_or_equal


def test_infeasible_submips_return_didnotfind() -> None:
    # Set cover with every column fixed to 0 is infeasible.
    optimum, _ = _optimum("setcover", seed=8)
    model, heuristic = _solve_with(
        "setcover",
        8,
        lambda m: FixedPolicy(np.zeros(m.getNVars())),
        NeuralDivingConfig(coverages=(1.0,)),
    )
    assert heuristic.stats.submip_status == ["1:infeasible"]
    assert heuristic.stats.n_solutions_tried == 0
    assert model.getObjVal() == pytest.approx(optimum)


@pytest.mark.parametrize(
    ("limits", "stopped"),
    [({"submip_node_limit": 1}, "nodelimit"), ({"submip_stall_nodes": 1}, "stallnodelimit")],
)
def test_submip_hitting_its_node_limit_continues(limits: dict, stopped: str) -> None:
    optimum, _ = _optimum("setcover", seed=7)
    model, heuristic = _solve_with(
        "setcover",
        7,
        lambda m: FixedPolicy(np.full(m.getNVars(), 0.5)),
        NeuralDivingConfig(
            coverages=(0.1,),
            soft=True,
            soft_radius=1.0,
            submip_params={"presolving/maxrounds": 0, "separating/maxroundsroot": 0},
            **limits,
        ),
    )
    assert heuristic.stats.n_submips == 1
    assert heuristic.stats.submip_status[0].split(":")[1] in {stopped, "optimal", "infeasible"}
    assert model.getObjVal() == pytest.approx(optimum)


@pytest.mark.parametrize("policy", [RaisingPolicy(), NanPolicy()], ids=["raises", "nan"])
def test_broken_policy_is_logged_once_and_skipped(
    policy: object, caplog: pytest.LogCaptureFixture
) -> None:
    optimum, _ = _optimum("setcover", seed=8)
    model, heuristic = _solve_with("setcover", 8, policy, NeuralDivingConfig(max_calls=5))
    assert heuristic.stats.error is not None
    assert model.getObjVal() == pytest.approx(optimum)
    messages = [r for r in caplog.records if "neural diving failed" in r.getMessage()]
    assert len(messages) == 1


class RaisingObservation:
    def before_reset(self, model: pyscipopt.Model) -> None:
        pass

    def extract(self, model: pyscipopt.Model) -> None:
        raise RuntimeError("cannot read this problem")


def test_a_failing_graph_extraction_leaves_the_solve_to_scip() -> None:
    optimum, _ = _optimum("setcover", seed=8)
    model = _tiny("setcover", 8)
    heuristic = include_neural_diving(
        model, FixedPolicy(np.ones(model.getNVars())), observation=RaisingObservation()
    )
    model.optimize()
    assert heuristic.stats.error == "RuntimeError: cannot read this problem"
    assert heuristic.stats.n_submips == 0
    assert model.getObjVal() == pytest.approx(optimum)


def test_the_graph_is_read_on_the_solves_clock_at_the_first_call() -> None:
    model = _tiny("setcover", 3)
    heuristic = include_neural_diving(model, FixedPolicy(np.ones(model.getNVars())))
    assert heuristic.graph is None and heuristic.stats.extraction_seconds == 0.0
    model.optimize()
    assert heuristic.stats.n_calls == 1
    assert heuristic.graph is not None and heuristic.stats.extraction_seconds > 0.0
    assert sorted(heuristic.variable_names) == sorted(
        var.name for var in model.getVars(transformed=False)
    )


def test_wrong_shape_prediction_is_an_error_not_a_crash() -> None:
    optimum, _ = _optimum("setcover", seed=8)
    model, heuristic = _solve_with("setcover", 8, _ShortPolicy())
    assert "shapes" in (heuristic.stats.error or "")
    assert model.getObjVal() == pytest.approx(optimum)


class _ShortPolicy:
    def predict(self, graph: BipartiteGraph) -> tuple[np.ndarray, np.ndarray]:
        return np.ones(graph.n_variables - 1), np.ones(graph.n_variables - 1)


def _continuous_model() -> pyscipopt.Model:
    model = pyscipopt.Model()
    model.hideOutput()
    x = model.addVar("x", lb=0, ub=10)
    y = model.addVar("y", lb=0, ub=10)
    model.addCons(x + 2 * y >= 3)
    model.setObjective(x + y)
    return model


def _general_integer_model(with_binaries: bool) -> pyscipopt.Model:
    """Integers with bounds of +-1e9 (and optionally binaries) whose root LP is fractional."""
    model = pyscipopt.Model()
    model.hideOutput()
    model.setPresolve(pyscipopt.SCIP_PARAMSETTING.OFF)
    z = [model.addVar(f"z{i}", vtype="I", lb=-1e9, ub=1e9) for i in range(2)]
    model.addCons(z[0] - z[1] <= 3)
    objective = z[0] + 2 * z[1]
    if with_binaries:
        b = [model.addVar(f"b{i}", vtype="B") for i in range(4)]
        model.addCons(2 * z[0] + 3 * z[1] >= 7 + 10 * b[0])
        model.addCons(3 * b[0] + 5 * b[1] + 4 * b[2] + 2 * b[3] >= 6)
        objective = objective + 4 * b[0] + 3 * b[1] + 5 * b[2] + 2 * b[3]
    else:
        model.addCons(2 * z[0] + 3 * z[1] >= 7)
    model.setObjective(objective)
    return model


@pytest.mark.parametrize(
    "build",
    [_continuous_model, lambda: _general_integer_model(False)],
    ids=["continuous", "integers"],
)
def test_no_binaries_means_didnotrun(build) -> None:
    reference = build()
    reference.optimize()
    model = build()
    policy = FixedPolicy(np.ones(model.getNVars()))
    heuristic = include_neural_diving(model, policy)
    model.optimize()
    assert heuristic.stats.n_calls == 0 and policy.calls == 0
    assert model.getObjVal() == pytest.approx(reference.getObjVal())


def test_huge_integer_bounds_only_binaries_are_fixed() -> None:
    reference = _general_integer_model(True)
    reference.optimize()
    expected = reference.getObjVal()
    for value in (0.0, 1.0):  # both directions: one of them is wrong
        model = _general_integer_model(True)
        heuristic = include_neural_diving(
            model,
            FixedPolicy(np.full(model.getNVars(), value)),
            config=NeuralDivingConfig(coverages=(1.0,)),
        )
        model.optimize()
        assert heuristic.stats.error is None and heuristic.stats.n_submips == 1
        assert model.getObjVal() == pytest.approx(expected)


def test_time_limit_is_respected() -> None:
    model = preset("setcover", "easy").generate(11)
    model.hideOutput()
    model.setParam("limits/time", 1.5)
    heuristic = include_neural_diving(
        model,
        FixedPolicy(np.full(model.getNVars(), 0.5)),
        config=NeuralDivingConfig(
            time_fraction=1.0, max_submip_seconds=100.0, soft=True, soft_radius=1.0
        ),
    )
    start = time.perf_counter()
    model.optimize()
    # Sub-MIPs that ignored the main solve's limit could each run 100 s.
    assert time.perf_counter() - start <= 1.5 + 3.0
    assert heuristic.stats.error is None


def test_include_needs_problem_stage() -> None:
    model = _tiny("setcover", 1)
    model.optimize()
    with pytest.raises(ValueError, match="problem stage"):
        include_neural_diving(model, FixedPolicy(np.ones(model.getNVars())))


def test_config_rejects_bad_coverages() -> None:
    with pytest.raises(ValueError, match="coverages"):
        NeuralDivingConfig(coverages=(0.0,))
    with pytest.raises(ValueError, match="refine_coverages"):
        NeuralDivingConfig(refine_coverages=())
    with pytest.raises(ValueError, match="refine_calls"):
        NeuralDivingConfig(refine_calls=-1)
    with pytest.raises(ValueError, match="refine_frequency"):
        NeuralDivingConfig(refine_frequency=-1)


def test_config_rejects_unknown_submip_settings_and_negative_limits() -> None:
    with pytest.raises(ValueError, match="submip_settings"):
        NeuralDivingConfig(submip_settings="fast")
    for name in ("submip_node_limit", "submip_stall_nodes"):
        with pytest.raises(ValueError, match=name):
            NeuralDivingConfig(**{name: -2})


def test_lns_submip_settings_are_those_of_scips_own_lns_heuristics() -> None:
    sub = _tiny("setcover", 1)
    apply_submip_settings(sub, "default")
    assert sub.getParam("conflict/enable") and sub.getParam("separating/gomory/freq") >= 0
    apply_submip_settings(sub, "lns")
    assert sub.getParam("separating/gomory/freq") == -1
    assert not sub.getParam("conflict/enable")
    assert sub.getParam("branching/inference/priority") > sub.getParam(
        "branching/relpscost/priority"
    )
    with pytest.raises(ValueError, match="unknown sub-MIP settings"):
        apply_submip_settings(sub, "fast")


def test_config_rejects_bad_inference_timeouts() -> None:
    for timeout in (0.0, -1.0, float("nan")):
        with pytest.raises(ValueError, match="inference_timeout_seconds"):
            NeuralDivingConfig(inference_timeout_seconds=timeout)


# --- a stalled prediction is bounded in time ---------------------------------------------------


class StalledPolicy:
    """Every prediction waits (a hung device or server) until the test releases it."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls = 0

    def predict(self, graph: BipartiteGraph) -> tuple[np.ndarray, np.ndarray]:
        self.calls += 1
        self.release.wait(30.0)
        return np.zeros(graph.n_variables), np.ones(graph.n_variables)


@pytest.fixture
def stalled_policy():
    policy = StalledPolicy()
    yield policy
    policy.release.set()  # let the worker thread finish


def test_a_stalled_prediction_is_abandoned_at_its_bound(stalled_policy: StalledPolicy) -> None:
    optimum, _ = _optimum("setcover", 8)
    model = _tiny("setcover", 8)
    heuristic = include_neural_diving(
        model, stalled_policy, config=NeuralDivingConfig(inference_timeout_seconds=0.3, max_calls=5)
    )
    started = time.monotonic()
    model.optimize()
    seconds = time.monotonic() - started
    assert model.getStatus() == "optimal" and model.getObjVal() == pytest.approx(optimum)
    assert stalled_policy.calls == 1 and heuristic.stats.n_submips == 0
    assert heuristic.stats.error is not None and "CallTimeout" in heuristic.stats.error
    assert 0.3 <= seconds < 0.3 + 5.0  # not the 30 s the prediction stalls
    model.freeProb()


def test_the_time_limit_bounds_a_prediction_in_flight(stalled_policy: StalledPolicy) -> None:
    model = preset("setcover", "easy").generate(11)
    model.hideOutput()
    limit = 2.0  # the root LP comes well before it, even on a busy machine
    model.setParam("limits/time", limit)
    heuristic = include_neural_diving(
        model, stalled_policy, config=NeuralDivingConfig(inference_timeout_seconds=None)
    )
    started = time.monotonic()
    model.optimize()
    seconds = time.monotonic() - started
    assert stalled_policy.calls == 1
    assert heuristic.stats.error is not None and "CallTimeout" in heuristic.stats.error
    assert model.getStatus() == "timelimit"
    assert seconds < limit + 5.0  # not the 30 s the prediction stalls
    model.freeProb()


@pytest.mark.parametrize("relay_solutions", [True, False])
def test_sub_mip_solutions_reach_the_main_solve_as_they_are_found(relay_solutions: bool) -> None:
    optimum, values = _optimum("setcover", seed=3)
    model = _tiny("setcover", 3)
    heuristic = include_neural_diving(
        model,
        FixedPolicy(_row_values(model, values)),
        config=NeuralDivingConfig(coverages=(0.5,), relay_solutions=relay_solutions),
    )
    # The sub-MIP's stage, and the solution's objective, whenever one is handed to the main solve.
    stages, objectives = [], []
    hand_on = heuristic._try_solution

    def recording_hand_on(
        sub: pyscipopt.Model, sub_vars: object, solution: object, *rest: object
    ) -> int:
        stages.append(sub.getStage())
        objectives.append(sub.getSolObjVal(solution))
        return hand_on(sub, sub_vars, solution, *rest)

    heuristic._try_solution = recording_hand_on
    model.optimize()
    assert model.getObjVal() == pytest.approx(optimum)
    assert heuristic.stats.n_improving >= 1
    handed_on_early = [stage for stage in stages if stage != pyscipopt.SCIP_STAGE.SOLVED]
    handed_on_at_the_end = len(stages) - len(handed_on_early)
    assert bool(handed_on_early) == relay_solutions
    if relay_solutions:
        # A solution relayed during the sub-MIP is not handed on again when it ends, nor is
        # any solution of its pool that is no better than the relayed best.
        assert len(set(objectives)) == len(objectives)
        assert handed_on_at_the_end == 0
    else:
        # Its best solution only: the rest of its pool cannot improve on it.
        assert handed_on_at_the_end == 1
        assert objectives[0] == pytest.approx(heuristic.stats.best_objective)


@pytest.mark.parametrize("enabled_before", [True, False])
def test_the_garbage_collector_is_paused_during_the_dive_and_restored_after(
    enabled_before: bool,
) -> None:
    optimum, values = _optimum("setcover", seed=3)
    model = _tiny("setcover", 3)
    policy = FixedPolicy(_row_values(model, values))
    enabled_while_predicting = []
    predict = policy.predict

    def recording_predict(graph: BipartiteGraph) -> tuple[np.ndarray, np.ndarray]:
        enabled_while_predicting.append(gc.isenabled())
        return predict(graph)

    policy.predict = recording_predict
    heuristic = include_neural_diving(model, policy, config=NeuralDivingConfig(coverages=(0.5,)))
    was_enabled = gc.isenabled()
    (gc.enable if enabled_before else gc.disable)()
    try:
        model.optimize()
        enabled_after = gc.isenabled()
    finally:
        (gc.enable if was_enabled else gc.disable)()
    assert enabled_while_predicting == [False]
    assert enabled_after == enabled_before
    assert heuristic.stats.best_objective == pytest.approx(optimum)
    assert model.getObjVal() == pytest.approx(optimum)


def test_a_failing_relay_leaves_the_sub_mip_solutions_to_its_end() -> None:
    optimum, values = _optimum("setcover", seed=3)
    model = _tiny("setcover", 3)
    heuristic = include_neural_diving(
        model, FixedPolicy(_row_values(model, values)), config=NeuralDivingConfig(coverages=(0.5,))
    )
    hand_on = heuristic._try_solution

    def failing_while_solving(sub: pyscipopt.Model, *args: object) -> int:
        if sub.getStage() != pyscipopt.SCIP_STAGE.SOLVED:
            raise RuntimeError("relay broke")
        return hand_on(sub, *args)

    heuristic._try_solution = failing_while_solving
    model.optimize()
    assert heuristic.stats.error is None  # the sub-MIP was not aborted
    assert heuristic.stats.best_objective == pytest.approx(optimum)
    assert model.getObjVal() == pytest.approx(optimum)


def test_a_dive_before_the_root_lp_runs_before_any_lp_and_finds_the_optimum() -> None:
    optimum, values = _optimum("setcover", seed=3)
    model = _tiny("setcover", 3)
    heuristic = include_neural_diving(
        model,
        FixedPolicy(_row_values(model, values)),
        config=NeuralDivingConfig(coverages=(0.9,), start="before_root_lp"),
    )
    lp_iterations = []
    execute = heuristic._execute

    def recording_execute(heurtiming: object) -> object:
        lp_iterations.append(model.getNLPIterations())
        return execute(heurtiming)

    heuristic._execute = recording_execute
    model.optimize()
    assert lp_iterations[0] == 0  # the first call came before the root LP
    assert heuristic.stats.n_calls == 1
    assert heuristic.stats.best_objective == pytest.approx(optimum)
    assert model.getObjVal() == pytest.approx(optimum)


def test_an_unknown_start_is_rejected() -> None:
    with pytest.raises(ValueError, match="start"):
        NeuralDivingConfig(start="whenever")


class RecordingRefinements:
    """Wraps a heuristic's sub-MIP levels: what each refinement fixed, and what SCIP had then."""

    def __init__(self, heuristic: NeuralDiving) -> None:
        self.heuristic = heuristic
        self.refinements: list[dict[str, object]] = []
        self._solve_levels = heuristic._solve_levels
        heuristic._solve_levels = self._record

    def _record(self, originals: dict, levels: list, values: dict, max_seconds: float) -> object:
        model = self.heuristic.model
        if levels[0][0].startswith("r"):
            incumbent = model.getBestSol()
            fixed = {name for _, names in levels for name in names}
            self.refinements.append(
                {
                    "levels": [(label, list(names)) for label, names in levels],
                    "values": {name: values[name] for name in fixed},
                    "incumbent": {
                        name: model.getSolVal(incumbent, originals[name]) for name in fixed
                    },
                    "lp": {name: model.getSolVal(None, originals[name]) for name in fixed},
                    "lp_solved": model.getLPSolstat() == pyscipopt.SCIP_LPSOLSTAT.OPTIMAL,
                    "objective": model.getPrimalbound(),
                    "depth": model.getDepth(),
                }
            )
        return self._solve_levels(originals, levels, values, max_seconds)


def test_refinement_is_off_by_default() -> None:
    optimum, values = _optimum("setcover", seed=3)
    model, heuristic = _solve_with(
        "setcover", 3, lambda m: FixedPolicy(_row_values(m, values)), NeuralDivingConfig()
    )
    assert heuristic.stats.n_refinements == 0
    assert not any(status.startswith("r") for status in heuristic.stats.submip_status)


def test_a_refinement_fixes_only_where_incumbent_prediction_and_lp_agree() -> None:
    optimum, values = _optimum("setcover", seed=3)
    model = _tiny("setcover", 3)
    # The optimum with a third of it flipped: incumbent, LP and prediction disagree in places.
    prediction = _row_values(model, values)
    flipped = np.random.default_rng(0).random(prediction.size) < 1 / 3
    prediction[flipped] = 1.0 - prediction[flipped]
    heuristic = include_neural_diving(
        model,
        FixedPolicy(prediction),
        config=NeuralDivingConfig(max_calls=0, refine_calls=1, refine_coverages=(0.9, 0.5)),
    )
    names = [var.name for var in MilpBipartite().extract(model).variables]
    predicted = dict(zip(names, prediction, strict=True))
    recorder = RecordingRefinements(heuristic)
    model.optimize()
    assert model.getObjVal() == pytest.approx(optimum)
    assert heuristic.stats.n_calls == 0  # no dive: refinements only
    assert heuristic.stats.n_refinements == 1
    (refinement,) = recorder.refinements
    assert refinement["lp_solved"]
    levels = refinement["levels"]
    assert [label for label, _ in levels] == ["r0.9", "r0.5"][: len(levels)]
    assert len(levels[-1][1]) <= round(0.5 * len(names)) < len(levels[0][1])
    for name, value in refinement["values"].items():
        assert value == predicted[name]
        assert value == pytest.approx(refinement["incumbent"][name])
        assert value == pytest.approx(refinement["lp"][name], abs=1e-6)
    assert [status.split(":")[0] for status in heuristic.stats.submip_status] == [
        label for label, _ in levels
    ]


def test_a_refinement_around_a_poor_incumbent_finds_the_predicted_optimum() -> None:
    optimum, values = _optimum("setcover", seed=3)
    model = _tiny("setcover", 3)
    heuristic = include_neural_diving(
        model,
        FixedPolicy(_row_values(model, values)),
        # Without the LP, the refinement runs at the first call, with SCIP's trivial solution
        # as incumbent; every binary it fixes agrees with the optimum.
        config=NeuralDivingConfig(
            max_calls=0, refine_calls=1, refine_uses_lp=False, refine_coverages=(0.5,)
        ),
    )
    recorder = RecordingRefinements(heuristic)
    model.optimize()
    (refinement,) = recorder.refinements
    assert refinement["objective"] > optimum + 1  # far from the optimum
    assert heuristic.stats.n_improving >= 1
    assert heuristic.stats.best_objective == pytest.approx(optimum)
    assert model.getObjVal() == pytest.approx(optimum)


def test_each_incumbent_is_refined_once() -> None:
    optimum, _ = _optimum("setcover", seed=3)
    model = _tiny("setcover", 3)
    # A poor prediction leaves the incumbent to SCIP's heuristics, which improve it a few times.
    heuristic = include_neural_diving(
        model,
        _random_policy(model, seed=3),
        config=NeuralDivingConfig(
            max_calls=0, refine_calls=10, refine_uses_lp=False, refine_coverages=(0.3,)
        ),
    )
    recorder = RecordingRefinements(heuristic)
    model.optimize()
    refined = [refinement["objective"] for refinement in recorder.refinements]
    assert heuristic.stats.n_refinements == len(refined) >= 2
    assert refined == sorted(refined, reverse=True) and len(set(refined)) == len(refined)
    assert model.getObjVal() == pytest.approx(optimum)


@pytest.mark.parametrize("refine_frequency", [0, 1])
def test_refinements_reach_into_the_tree_only_with_a_frequency(refine_frequency: int) -> None:
    optimum, _ = _optimum("facilities", seed=0)
    model = _tiny("facilities", 0)
    # Without SCIP's heuristics and cuts, the incumbents come from the tree's nodes.
    model.setHeuristics(pyscipopt.SCIP_PARAMSETTING.OFF)
    model.setSeparating(pyscipopt.SCIP_PARAMSETTING.OFF)
    heuristic = include_neural_diving(
        model,
        _random_policy(model, seed=0),
        config=NeuralDivingConfig(
            max_calls=0,
            refine_calls=10,
            refine_coverages=(0.3,),
            refine_frequency=refine_frequency,
        ),
    )
    recorder = RecordingRefinements(heuristic)
    model.optimize()
    assert model.getNNodes() > 1
    depths = [refinement["depth"] for refinement in recorder.refinements]
    if refine_frequency:
        assert any(depth > 0 for depth in depths)
    else:
        assert all(depth == 0 for depth in depths)
    assert model.getObjVal() == pytest.approx(optimum)


@pytest.mark.parametrize("class_name", ["setcover", "cauctions", "indset", "facilities"])
def test_refinements_from_an_adversarial_policy_keep_the_optimum(class_name: str) -> None:
    optimum, values = _optimum(class_name, seed=4)
    model, heuristic = _solve_with(
        class_name,
        4,
        lambda m: FixedPolicy(1.0 - _row_values(m, values)),
        NeuralDivingConfig(refine_calls=3, refine_coverages=(0.9, 0.5, 0.2)),
    )
    assert model.getStatus() == "optimal"
    assert model.getObjVal() == pytest.approx(optimum)
    assert heuristic.stats.error is None


def test_the_dive_keeps_to_its_own_budget_and_refinements_to_theirs() -> None:
    model = _tiny("setcover", 3)
    heuristic = include_neural_diving(
        model,
        _random_policy(model, seed=3),
        config=NeuralDivingConfig(
            coverages=(0.5, 0.3),
            max_dive_seconds=0.3,
            max_total_seconds=1.5,
            refine_calls=1,
            refine_uses_lp=False,
            refine_coverages=(0.3,),
        ),
    )
    time_limits: list[tuple[str, float]] = []
    solve_submip = heuristic._solve_submip

    def recording(
        originals: dict, selected: list, values: dict, time_limit: float, label: str
    ) -> int:
        time_limits.append((label, time_limit))
        return solve_submip(originals, selected, values, time_limit, label)

    heuristic._solve_submip = recording
    model.optimize()
    dive = [limit for label, limit in time_limits if not label.startswith("r")]
    refinements = [limit for label, limit in time_limits if label.startswith("r")]
    assert dive and refinements
    assert all(limit <= 0.3 for limit in dive)
    assert refinements[0] > 1.0


def test_config_rejects_a_dive_without_time() -> None:
    with pytest.raises(ValueError, match="max_dive_seconds"):
        NeuralDivingConfig(max_dive_seconds=0.0)


class _CountingObservation:
    """MilpBipartite, counting the solves it was told of (the observation-function protocol)."""

    def __init__(self) -> None:
        from gnn.observation import MilpBipartite

        self.inner = MilpBipartite(original=True)
        self.resets = 0

    def before_reset(self, model: pyscipopt.Model) -> None:
        self.resets += 1

    def extract(self, model: pyscipopt.Model):
        return self.inner.extract(model)


def test_the_heuristic_tells_its_observation_function_of_each_solve() -> None:
    model = _tiny("setcover", 8)
    observation = _CountingObservation()
    heuristic = include_neural_diving(
        model, FixedPolicy(np.ones(model.getNVars())), observation=observation
    )
    model.optimize()
    assert observation.resets == 1 and heuristic.stats.n_calls == 1
