"""Tuning a fitted set: the candidates, successive halving, and a short real run."""

from __future__ import annotations

import json
import types
from pathlib import Path

import pytest

from experiments.fit.evaluate import Comparison, pooled_comparisons
from experiments.fit.gate import DIVING_MAX_TIME_RATIO, gate
from experiments.fit.tuning import (
    CONFIRMATION_SEED_OFFSET,
    MIN_ROUND_TIME_LIMIT,
    MIN_ROUND_TIME_SHARE,
    Evaluation,
    TuningResult,
    TuningRound,
    candidate_list,
    finalists,
    halve,
    planned_rounds,
    rank_key,
    round_time_limit,
    tune,
)
from solver.plugins import SHIPPED_MODELS_DIR

SHIPPED = SHIPPED_MODELS_DIR / "setcover"


def fit_context(tmp_path: Path, instances: list[Path], *, time_cap: float = 5.0):
    """A stand-in for the fit's context with the agreed attributes (shipped set cover models
    as the trained checkpoints)."""
    out = tmp_path / "modelset"
    (out / "fit").mkdir(parents=True)
    return types.SimpleNamespace(
        config=types.SimpleNamespace(seed=0, workers=2, ray=None),
        out=out,
        work=out / "fit",
        split=types.SimpleNamespace(
            train=tuple(instances), valid=tuple(instances), test=tuple(instances)
        ),
        baseline=types.SimpleNamespace(time_cap=time_cap, usable=tuple(instances)),
        catalog=None,
        command="neuralmip fit instances --out modelset",
        checkpoints={"branching": SHIPPED / "branching.pt", "diving": SHIPPED / "diving.pt"},
        log=lambda line: None,
    )


@pytest.fixture(scope="module")
def tiny_instances(tmp_path_factory) -> list[Path]:
    from instances.generators import generate_instances, preset

    folder = tmp_path_factory.mktemp("tiny")
    return generate_instances("setcover", preset("setcover", "tiny"), 2, 0, folder)


def _figures(time: float, integral: float = 1.0, errors: int = 0) -> Comparison:
    return Comparison("x", 4, 4 - errors, errors, time, 1.0, integral, 1.0)


def test_candidates_cover_settings_rules_and_dives_of_the_trained_components():
    names = [c.name for c in candidate_list(["branching", "diving"])]
    assert names[:2] == ["settings/no-restarts", "settings/root-cuts"]
    assert sum(n.startswith("branching/") for n in names) == 6  # 3 SCIP settings x 2 rules
    assert sum(n.startswith("diving/") for n in names) == 2
    diving_only = [c.name for c in candidate_list(["diving"])]
    assert diving_only == ["diving/dive/default", "diving/dive-refine-3/default"]
    literature = next(c for c in candidate_list(["branching"]) if c.scip_settings == "root-cuts")
    assert literature.scip_params == {"separating/maxrounds": 0, "presolving/maxrestarts": 0}


def test_halving_keeps_each_groups_better_half_and_the_settings_they_use():
    pool = candidate_list(["branching", "diving"])
    times = {c.name: 1.0 + index / 10 for index, c in enumerate(pool)}  # earlier is better
    times["branching/depth-4/root-cuts"] = 0.5  # the best rule, under cuts at the root
    figures = {name: _figures(time) for name, time in times.items()}
    kept = [c.name for c in halve(pool, figures)]
    assert [n for n in kept if n.startswith("branching/")] == [
        "branching/all-depths/default",
        "branching/depth-4/default",
        "branching/depth-4/root-cuts",
    ]
    assert [n for n in kept if n.startswith("settings/")] == ["settings/root-cuts"]
    assert [n for n in kept if n.startswith("diving/")] == ["diving/dive/default"]


def test_where_times_tie_at_the_limit_the_primal_dual_integral_ranks():
    rule = candidate_list(["branching"])[2]
    closer = Comparison("a", 4, 0, 0, 5.0, 5.0, 1.0, 1.0, 2.0, 4.0)
    farther = Comparison("b", 4, 0, 0, 5.0, 5.0, 1.0, 1.0, 5.0, 4.0)
    assert rank_key(rule, closer) < rank_key(rule, farther)


def test_diving_ranks_by_primal_integral_among_those_that_cost_no_time():
    dive, refine = candidate_list(["diving"])[-2:]
    slow_but_good = rank_key(dive, _figures(DIVING_MAX_TIME_RATIO + 0.1, 0.2))
    fast_and_fair = rank_key(refine, _figures(1.0, 0.8))
    assert fast_and_fair < slow_but_good
    assert rank_key(dive, _figures(0.5, 0.1, errors=1)) > slow_but_good


def test_rounds_double_instances_and_time_limits_up_to_the_cap():
    pool = candidate_list(["branching", "diving"])
    assert planned_rounds(pool, usable=3, first=3) == 3  # 6 rules: 6 -> 3 -> 2 -> 1
    assert planned_rounds(pool, usable=24, first=3) == 4  # 3 -> 6 -> 12 -> 24 instances
    limits = [round_time_limit(16.0, index, 3) for index in range(4)]
    assert limits == [4.0, 8.0, 16.0, 16.0]
    assert round_time_limit(16.0, 0, 5) == 16.0 * MIN_ROUND_TIME_SHARE
    assert round_time_limit(1.5, 0, 3) == MIN_ROUND_TIME_LIMIT


def test_a_budget_too_small_for_one_round_runs_nothing(tmp_path, tiny_instances):
    ctx = fit_context(tmp_path, tiny_instances, time_cap=60.0)
    result = tune(ctx, seconds=1.0)
    assert result.rounds == () and result.evaluations == ()
    assert "budget" in result.note
    decision = gate(result)
    assert not decision.branching.enabled and not decision.diving.enabled


def test_tuning_runs_candidates_against_scips_default_and_resumes(tmp_path, tiny_instances):
    ctx = fit_context(tmp_path, tiny_instances)
    wanted = {"settings/no-restarts", "branching/depth-4/no-restarts", "diving/dive/default"}
    pool = [c for c in candidate_list(["branching", "diving"]) if c.name in wanted]
    result = tune(ctx, seconds=120.0, candidates=pool)
    assert result.note == ""
    # the pool, the two together, then every finalist again with the confirmation seed
    assert [r.instances for r in result.rounds] == [2, 2, 2]
    assert result.rounds[1].candidates == ("combined/depth-4/dive/no-restarts",)
    assert [r.seed for r in result.rounds] == [None, None, 0 + CONFIRMATION_SEED_OFFSET]
    assert set(result.rounds[2].candidates) == {c.name for c in result.candidates}
    for candidate in result.candidates:
        final = result.final(candidate.name)
        assert final.round == 2
        figures = final.comparison
        assert figures.runs == 4 and figures.errors == 0  # 2 instances x 2 seeds
        assert figures.time_ratio is not None and figures.primal_integral_ratio is not None
    # the pooled figures are those of both rounds' runs, each against its own default run
    first = next(e for e in result.evaluations if e.round == 0 and e.candidate == pool[0].name)
    pooled = pooled_comparisons(
        [ctx.work / "tuning" / "round-1", ctx.work / "tuning" / "round-3"], [pool[0].name]
    )[pool[0].name]
    assert result.final(pool[0].name).comparison == pooled
    assert first.comparison.runs == 2 and pooled.default_solved == 4
    assert result.final("diving/dive/default").comparison.diving_runs == 4
    assert result.final("branching/depth-4/no-restarts").comparison.diving_runs == 0
    assert TuningResult.from_json(json.loads(json.dumps(result.to_json()))) == result
    again = tune(ctx, seconds=120.0, candidates=pool)  # a resumed fit: the runs are stored
    assert again.evaluations == result.evaluations


def test_comparisons_tell_apart_files_of_the_same_name(tmp_path, tiny_instances):
    from experiments.bench import ScipConfiguration
    from experiments.fit.evaluate import run_comparison

    twins = []
    for folder, source in zip(("a", "b"), tiny_instances, strict=True):
        (tmp_path / folder).mkdir()
        twins.append(tmp_path / folder / "same.mps")
        twins[-1].write_bytes(source.read_bytes())
    plain = ScipConfiguration("no-restarts", scip_params={"presolving/maxrestarts": 0})
    figures = run_comparison(tmp_path / "bench", twins, [plain], time_limit=5.0, seed=0)
    assert figures["no-restarts"].runs == 2 and figures["no-restarts"].errors == 0


def test_finalists_are_each_groups_candidates_of_its_last_round():
    pool = candidate_list(["branching", "diving"])
    by_name = {c.name: c for c in pool}
    ran = {
        0: [c.name for c in pool],
        1: ["settings/root-cuts", "branching/depth-4/root-cuts", "branching/all-depths/root-cuts"],
        2: ["diving/dive/default"],
    }
    evaluations = tuple(
        Evaluation(name, index, _figures(1.0)) for index, names in ran.items() for name in names
    )
    rounds = tuple(TuningRound(i, 3, 2.0, tuple(names), 1.0) for i, names in ran.items())
    result = TuningResult(tuple(pool), rounds, evaluations, 3.0)
    assert [c.name for c in finalists(result)] == [
        "settings/root-cuts",
        "branching/all-depths/root-cuts",
        "branching/depth-4/root-cuts",
        "diving/dive/default",
    ]
    assert all(by_name[c.name] == c for c in finalists(result))
