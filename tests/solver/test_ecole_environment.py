"""solver.ecole.environment: ecole's documented usage, seeding, errors, and no leaked solvers."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import numpy as np
import pyscipopt
import pytest

from instances.generators import CapacitatedFacilityLocation, write_instance
from solver import ecole

#: Settings under which the tiny facility location instances branch (a few dozen nodes).
BRANCHY = {
    "presolving/maxrounds": 0,
    "presolving/maxrestarts": 0,
    "separating/maxrounds": 0,
    "separating/maxroundsroot": 0,
}
TINY_FACILITIES = {"n_customers": 15, "n_facilities": 10}


@pytest.fixture(scope="module")
def instance_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ecole") / "facilities.mps"
    return write_instance(CapacitatedFacilityLocation(**TINY_FACILITIES).generate(1), path)


def _generator() -> ecole.instance.CapacitatedFacilityLocationGenerator:
    generator = ecole.instance.CapacitatedFacilityLocationGenerator(**TINY_FACILITIES)
    generator.seed(0)
    return generator


def _run_episode(env: ecole.environment.Environment, instance: object) -> list[np.ndarray]:
    """Branch on the first candidate until done; return the action sets seen."""
    observation, action_set, _, done, _ = env.reset(instance)
    seen = []
    while not done:
        seen.append(action_set.copy())
        observation, action_set, _, done, _ = env.step(action_set[0])
    assert observation is None and action_set is None
    return seen


# -- ecole's documented usage ----------------------------------------------------------------


def test_branching_first_candidate_loop_from_the_documentation(instance_file: Path) -> None:
    # ecole's "Using Environments" example, with this project's import line.
    env = ecole.environment.Branching(scip_params=BRANCHY)
    env.seed(42)
    for _ in range(2):
        observation, action_set, reward_offset, done, info = env.reset(str(instance_file))
        assert isinstance(observation, ecole.observation.NodeBipartiteObs)
        assert action_set.dtype == np.uint64 and len(action_set) > 0
        assert reward_offset == 0.0 and info == {}
        steps = 0
        while not done:
            observation, action_set, reward, done, info = env.step(action_set[0])
            steps += 1
        assert reward == 1.0  # IsDone, the default reward
        assert steps >= 1
    assert env.model.is_solved


def test_reset_accepts_a_path_a_generated_model_or_a_pyscipopt_model(instance_file: Path) -> None:
    env = ecole.environment.Branching(scip_params=BRANCHY, observation_function=None)
    generated = next(_generator())
    pyscipopt_model = CapacitatedFacilityLocation(**TINY_FACILITIES).generate(1)
    for instance in (instance_file, str(instance_file), generated, pyscipopt_model):
        env.seed(3)
        assert len(_run_episode(env, instance)) >= 1
    # The instances given are copied, never solved themselves: they can start more episodes.
    assert generated.stage == ecole.scip.Stage.Problem
    assert pyscipopt_model.getStage() == pyscipopt.SCIP_STAGE.PROBLEM
    with pytest.raises(TypeError, match="instance"):
        env.reset(42)


def test_instance_generator_loop_from_the_documentation() -> None:
    # ecole's "Generate Problem Instances" example: instances straight from a generator.
    env = ecole.environment.Branching(scip_params=BRANCHY)
    gen = _generator()
    for _ in range(3):
        observation, action_set, reward_offset, done, info = env.reset(next(gen))
        while not done:
            observation, action_set, reward, done, info = env.step(action_set[0])


def test_same_seed_same_episode_and_seeds_change_between_episodes(instance_file: Path) -> None:
    env = ecole.environment.Branching(scip_params=BRANCHY, observation_function=None)
    env.seed(11)
    first = _run_episode(env, instance_file)
    seeds_first = env.model.get_param("randomization/permutationseed")
    second = _run_episode(env, instance_file)
    seeds_second = env.model.get_param("randomization/permutationseed")
    env.seed(11)
    again = _run_episode(env, instance_file)
    assert seeds_first != seeds_second
    assert env.model.get_param("randomization/permutationseed") == seeds_first
    assert len(again) == len(first)
    assert all(np.array_equal(a, b) for a, b in zip(again, first, strict=True))
    assert len(second) >= 1


def test_pseudo_candidates_offer_unfixed_integer_variables(instance_file: Path) -> None:
    lp = ecole.environment.Branching(scip_params=BRANCHY, observation_function=None)
    pseudo = ecole.environment.Branching(
        scip_params=BRANCHY, observation_function=None, pseudo_candidates=True
    )
    _, lp_set, _, _, _ = lp.reset(instance_file)
    _, pseudo_set, _, _, _ = pseudo.reset(instance_file)
    # The 10 facility-opening binaries are the only integer variables, all unfixed at the root.
    assert len(pseudo_set) == 10
    assert set(lp_set.tolist()) < set(pseudo_set.tolist())
    variables = pseudo.model.as_pyscipopt().getVars(transformed=True)
    assert all(variables[int(i)].vtype() == "BINARY" for i in pseudo_set)
    lp.close()
    pseudo.close()


def test_step_none_lets_scip_branch(instance_file: Path) -> None:
    env = ecole.environment.Branching(scip_params=BRANCHY, observation_function=None)
    _, _, _, done, _ = env.reset(instance_file)
    steps = 0
    while not done:
        _, _, _, done, _ = env.step(None)
        steps += 1
    assert steps >= 1 and env.model.is_solved


def test_markov_errors_and_bad_actions(instance_file: Path) -> None:
    env = ecole.environment.Branching(scip_params=BRANCHY, observation_function=None)
    with pytest.raises(ecole.MarkovError):
        env.step(0)
    _, action_set, _, _, _ = env.reset(instance_file)
    outside = int(max(action_set)) + 1000
    with pytest.raises(ValueError, match="not in the action set"):
        env.step(outside)
    # As in ecole, a failed step ends the episode; a reset starts a new one.
    with pytest.raises(ecole.MarkovError):
        env.step(action_set[0])
    _run_episode(env, instance_file)
    with pytest.raises(ecole.MarkovError):
        env.step(0)


def test_done_at_reset_when_presolving_solves_the_instance() -> None:
    # Default settings solve this tiny instance at the root: no branching decision at all.
    env = ecole.environment.Branching()
    generator = ecole.instance.SetCoverGenerator(n_rows=60, n_cols=120, density=0.1)
    generator.seed(0)
    observation, action_set, _, done, _ = env.reset(next(generator))
    assert done and observation is None and action_set is None
    assert env.model.is_solved


def test_configuring_sets_parameters_then_solves(instance_file: Path) -> None:
    # ecole's reward-function how-to example, with Configuring.
    env = ecole.environment.Configuring(reward_function=-ecole.reward.LpIterations())
    observation, action_set, reward_offset, done, info = env.reset(instance_file)
    assert (observation, action_set, reward_offset, done) == (None, None, -0.0, False)
    _, _, reward, done, _ = env.step({"branching/scorefunc": "s", "limits/nodes": 5})
    assert done and reward < 0
    assert env.model.get_param("branching/scorefunc") == "s"
    assert env.model.as_pyscipopt().getNNodes() <= 5
    assert reward == -env.model.as_pyscipopt().getNLPIterations()


def _no_heuristics() -> dict[str, int]:
    """Parameters turning every SCIP heuristic off, so that solutions come from the agent or LPs."""
    model = pyscipopt.Model()
    names = [n for n in model.getParams() if n.startswith("heuristics/") and n.endswith("/freq")]
    model.freeProb()
    return dict.fromkeys(names, -1)


def test_primal_search_completes_partial_solutions(instance_file: Path) -> None:
    env = ecole.environment.PrimalSearch(
        trials_per_node=2, observation_function=None, scip_params={**BRANCHY, **_no_heuristics()}
    )
    _, action_set, _, done, _ = env.reset(instance_file)
    assert not done
    model = env.model.as_pyscipopt()
    variables = model.getVars(transformed=True)
    # The action set holds the unfixed integer variables: the 10 facility-opening binaries.
    assert sorted(variables[int(i)].vtype() for i in action_set) == ["BINARY"] * 10
    # Opening every facility is always feasible: probing's LP completes the assignment.
    env.step((action_set, np.ones(len(action_set))))
    all_open = [
        solution
        for solution in model.getSols()
        if all(model.getSolVal(solution, variables[int(i)]) > 0.5 for i in action_set)
    ]
    assert all_open, "the agent's partial solution was not completed into a stored solution"
    env.close()


def test_primal_search_rejects_malformed_actions(instance_file: Path) -> None:
    env = ecole.environment.PrimalSearch(observation_function=None, scip_params=BRANCHY)
    _, action_set, _, _, _ = env.reset(instance_file)
    with pytest.raises(ValueError, match="as many values"):
        env.step((action_set, np.ones(len(action_set) + 1)))
    _, action_set, _, _, _ = env.reset(instance_file)
    with pytest.raises(ValueError, match="not in the action set"):
        env.step(([10_000], [1.0]))


# -- solver threads and memory ------------------------------------------------------------


def _rss_megabytes() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def _abandoned_episodes(n_episodes: int) -> tuple[set, set, float]:
    """Run short episodes abandoned after one step; return the threads alive before and the
    threads started since that are still alive after, and the RSS growth."""
    env = ecole.environment.Branching(
        scip_params=BRANCHY,
        observation_function=(ecole.observation.NodeBipartite(), ecole.observation.Pseudocosts()),
        reward_function=ecole.reward.NNodes() + ecole.reward.PrimalDualIntegral(),
    )
    instance = next(_generator())
    # A set, not a count: threads that earlier tests left (an idle plugin worker that garbage
    # collection ends) may end during the episodes; only threads started here may not stay.
    threads_before = set(threading.enumerate())
    warmup = min(10, n_episodes // 5)
    baseline = 0.0
    for episode in range(n_episodes):
        _, action_set, _, done, _ = env.reset(instance)
        if not done:
            env.step(action_set[0])
        if episode == warmup:
            gc.collect()
            baseline = _rss_megabytes()
    env.close()
    gc.collect()
    started = set(threading.enumerate()) - threads_before
    return threads_before, started, _rss_megabytes() - baseline


def test_abandoned_episodes_leak_no_threads_or_memory() -> None:
    _, started, growth = _abandoned_episodes(50)
    assert not started, [thread.name for thread in started]
    assert growth < 10.0, f"resident memory grew by {growth:.1f} MB over 40 episodes"


@pytest.mark.slow
def test_a_thousand_abandoned_episodes_leak_no_threads_and_under_50_mb() -> None:
    _, started, growth = _abandoned_episodes(1000)
    assert not started, [thread.name for thread in started]
    assert growth < 50.0, f"resident memory grew by {growth:.1f} MB over 990 episodes"


def test_dropping_an_environment_mid_episode_ends_its_solver_thread(instance_file: Path) -> None:
    threads_before = threading.active_count()
    env = ecole.environment.Branching(scip_params=BRANCHY, observation_function=None)
    _, _, _, done, _ = env.reset(instance_file)
    assert not done
    assert threading.active_count() == threads_before + 1  # the paused solve
    del env
    gc.collect()
    assert threading.active_count() == threads_before


def test_context_manager_closes_the_episode(instance_file: Path) -> None:
    threads_before = threading.active_count()
    with ecole.environment.Branching(scip_params=BRANCHY, observation_function=None) as env:
        env.reset(instance_file)
    assert threading.active_count() == threads_before
    assert env.model is None
