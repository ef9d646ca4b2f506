"""solver.ecole.reward: counters, clocks, bound integrals and ecole's reward arithmetic."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from instances.generators import CapacitatedFacilityLocation, write_instance
from solver import ecole
from solver.ecole.reward import Constant, IsDone, LpIterations, NNodes
from solver.ecole.reward import _step_integral as step_integral

BRANCHY = {
    "presolving/maxrounds": 0,
    "presolving/maxrestarts": 0,
    "separating/maxrounds": 0,
    "separating/maxroundsroot": 0,
}


@pytest.fixture(scope="module")
def instance_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ecole_reward") / "facilities.mps"
    model = CapacitatedFacilityLocation(n_customers=15, n_facilities=10).generate(1)
    return write_instance(model, path)


def _episode(
    reward_function: object, instance: Path, **kwargs: object
) -> tuple[float, list[float], ecole.environment.Branching]:
    """Run a first-candidate episode; return the reward offset, the rewards and the env."""
    env = ecole.environment.Branching(
        observation_function=None, reward_function=reward_function, scip_params=BRANCHY, **kwargs
    )
    env.seed(0)
    _, action_set, offset, done, _ = env.reset(instance)
    rewards = []
    while not done:
        _, action_set, reward, done, _ = env.step(action_set[0])
        rewards.append(reward)
    return offset, rewards, env


def test_counters_sum_to_scips_totals(instance_file: Path) -> None:
    offset, rewards, env = _episode({"nodes": NNodes(), "lp": LpIterations()}, instance_file)
    model = env.model.as_pyscipopt()
    assert len(rewards) >= 2
    assert offset["nodes"] + sum(r["nodes"] for r in rewards) == model.getNTotalNodes()
    assert offset["lp"] + sum(r["lp"] for r in rewards) == model.getNLPIterations()
    assert all(r["nodes"] >= 0 and r["lp"] >= 0 for r in rewards)


def test_cumsum_is_the_running_sum_and_restarts_each_episode(instance_file: Path) -> None:
    function = {"step": LpIterations(), "total": LpIterations().cumsum()}
    offset, rewards, env = _episode(function, instance_file)
    running = offset["step"]
    for reward in rewards:
        running += reward["step"]
        assert reward["total"] == pytest.approx(running)
    # A new episode starts the sum again.
    _, action_set, again, _, _ = env.reset(instance_file)
    assert again["total"] == again["step"]
    env.close()


def test_arithmetic_from_ecoles_documentation(instance_file: Path) -> None:
    # Every expression of ecole's reward how-to page is a reward function...
    expressions = [
        -3.5 * LpIterations() ** 2.1 + 4.4,
        4.0 * LpIterations() ** 2 - 3 * IsDone(),
        -(IsDone() ** abs(LpIterations() // 4)),
        LpIterations().exp(),
        (3 - 2 * LpIterations()).exp(),
        LpIterations().apply(lambda reward: math.factorial(round(reward))),
    ]
    for expression in expressions:
        assert hasattr(expression, "before_reset") and hasattr(expression, "extract")
    # ... and computes what the same arithmetic on the plain rewards gives.
    combined = {
        "lp": LpIterations(),
        "lp_again": LpIterations(),
        "affine": -1.5 * LpIterations() + 2,
        "ratio": (LpIterations() + 1) / (1 + IsDone()),
        "floor": LpIterations() // 7,
        "power": 2 ** (IsDone() - 1),
        "logged": (LpIterations() + 1).log(),
        "applied": abs(-LpIterations()).apply(lambda x: x % 5),
        "negated": -NNodes(),
    }
    _, rewards, _ = _episode(combined, instance_file)
    for reward in rewards:
        lp = reward["lp"]
        assert reward["lp_again"] == lp
        assert reward["affine"] == pytest.approx(-1.5 * lp + 2)
        assert reward["floor"] == lp // 7
        assert reward["logged"] == pytest.approx(math.log(lp + 1))
        assert reward["applied"] == pytest.approx(lp % 5)
        assert reward["negated"] <= 0
    assert rewards[-1]["ratio"] == pytest.approx((rewards[-1]["lp"] + 1) / 2)
    assert rewards[-1]["power"] == 1.0 and rewards[0]["power"] == 0.5


def test_constants_and_representations() -> None:
    assert Constant(2.5).extract(None) == 2.5
    assert (Constant(2) * 3 + 1).extract(None) == 7
    assert (10 - Constant(4)).extract(None) == 6
    assert repr(-LpIterations() + 1) == "((-LpIterations()) + 1.0)"


def test_configuring_reward_offset_is_zero_before_solving(instance_file: Path) -> None:
    env = ecole.environment.Configuring(reward_function=-LpIterations())
    _, _, offset, _, _ = env.reset(instance_file)
    assert offset == 0.0
    _, _, reward, done, _ = env.step({})
    assert done and reward == -env.model.as_pyscipopt().getNLPIterations()


def test_solving_time_is_positive_and_wall_time_bounds_it(instance_file: Path) -> None:
    function = {
        "cpu": ecole.reward.SolvingTime().cumsum(),
        "wall": ecole.reward.SolvingTime(wall=True).cumsum(),
    }
    offset, rewards, _ = _episode(function, instance_file)
    assert rewards[-1]["wall"] > 0.0 and rewards[-1]["cpu"] > 0.0
    assert offset["wall"] >= 0.0


def test_bound_integrals_are_consistent(instance_file: Path) -> None:
    # With bound functions pinned at the optimum's neighbourhood the integrals are finite and
    # the primal-dual integral is the sum of the primal and dual ones (same clock, same offset).
    reference = 3000.0

    def around(model: object) -> tuple[float, float]:
        return reference, reference + 1000.0

    def both(model: object) -> tuple[float, float]:
        return reference + 1000.0, reference - 1000.0

    def dual_bounds(model: object) -> tuple[float, float]:
        return reference, reference - 1000.0

    function = {
        "primal": ecole.reward.PrimalIntegral(wall=True, bound_function=around).cumsum(),
        "dual": ecole.reward.DualIntegral(wall=True, bound_function=dual_bounds).cumsum(),
        "gap": ecole.reward.PrimalDualIntegral(wall=True, bound_function=both).cumsum(),
        "default": ecole.reward.PrimalDualIntegral(),
    }
    _, rewards, env = _episode(function, instance_file)
    final = rewards[-1]
    assert final["gap"] > 0.0 and final["primal"] > 0.0
    # Equal up to the few microseconds between the three recorders' clock readings.
    assert final["gap"] == pytest.approx(final["primal"] + final["dual"], rel=0.05)
    # Without an incumbent at first, the default initial bounds (+-1e20) dominate.
    assert final["default"] >= 0.0
    assert env.model.is_solved


def test_step_integral_is_exact_on_a_known_step_function() -> None:
    # Bound 10 until t=1, then 4 until t=3, then 2 until the end t=5; offset 1.
    points = ((1.0, 4.0), (3.0, 2.0))
    gap = step_integral(points, 10.0, 5.0, lambda bound: bound - 1.0)
    assert gap == pytest.approx(9.0 * 1 + 3.0 * 2 + 1.0 * 2)
    # Up to t=2 only: the part after the end is not counted.
    assert step_integral(points, 10.0, 2.0, lambda bound: bound - 1.0) == pytest.approx(12.0)
