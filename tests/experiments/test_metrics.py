"""Metrics against values computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from experiments.metrics import (
    gap_curve,
    geometric_mean,
    performance_profile,
    primal_dual_integral,
    primal_integral,
    relative_gap,
    shifted_geometric_mean,
    time_to_gap,
)


def test_shifted_geometric_mean_by_hand() -> None:
    # (2 * 4 * 8) ** (1/3) - 1 = 3
    assert shifted_geometric_mean([1.0, 3.0, 7.0], shift=1.0) == pytest.approx(3.0)
    # shift 10: (20 * 30) ** 0.5 - 10
    assert shifted_geometric_mean([10.0, 20.0], shift=10.0) == pytest.approx(math.sqrt(600) - 10)
    assert geometric_mean([2.0, 8.0]) == pytest.approx(4.0)
    assert math.isnan(shifted_geometric_mean([]))


def test_shifted_geometric_mean_refuses_values_below_the_shift() -> None:
    with pytest.raises(ValueError):
        shifted_geometric_mean([-2.0], shift=1.0)
    with pytest.raises(ValueError):
        geometric_mean([0.0, 1.0])


@pytest.mark.parametrize(
    ("value", "reference", "expected"),
    [
        (90.0, 100.0, 0.1),
        (110.0, 100.0, 10.0 / 110.0),
        (-5.0, 5.0, 1.0),
        (0.0, 0.0, 0.0),
        (0.0, 4.0, 1.0),
        (None, 100.0, 1.0),
        (100.0, None, 1.0),
        (math.inf, 100.0, 1.0),
        (-120.0, -100.0, 20.0 / 120.0),
    ],
)
def test_relative_gap_cases(value: float | None, reference: float | None, expected: float) -> None:
    assert relative_gap(value, reference) == pytest.approx(expected)


def test_primal_integral_by_hand() -> None:
    # gap 1 on [0, 2), 10/110 on [2, 5), 0 on [5, 10]
    trajectory = [(2.0, 110.0), (5.0, 100.0)]
    assert primal_integral(trajectory, 100.0, horizon=10.0) == pytest.approx(2.0 + 3.0 * 10 / 110)
    # no solution: the whole horizon at gap 1
    assert primal_integral([], 100.0, horizon=7.0) == pytest.approx(7.0)
    # points after the horizon do not count; unsorted input is sorted
    assert primal_integral([(5.0, 100.0), (2.0, 110.0), (12.0, 50.0)], 100.0, 4.0) == pytest.approx(
        2.0 + 2.0 * 10 / 110
    )


def test_primal_dual_integral_by_hand() -> None:
    primal = [(1.0, 120.0)]
    dual = [(0.5, 80.0), (3.0, 100.0)]
    # [0, 1): no primal -> 1 (1 s); [1, 3): 40/120 (2 s); [3, 4]: 20/120 (1 s)
    expected = 1.0 + 2.0 * 40 / 120 + 1.0 * 20 / 120
    assert primal_dual_integral(primal, dual, horizon=4.0) == pytest.approx(expected)


def test_time_to_gap() -> None:
    trajectory = [(2.0, 110.0), (5.0, 100.5), (8.0, 100.0)]
    assert time_to_gap(trajectory, 100.0, 0.01) == pytest.approx(5.0)
    assert time_to_gap(trajectory, 100.0, 0.0) == pytest.approx(8.0)
    assert time_to_gap(trajectory, None, 1.0) == pytest.approx(2.0)
    assert time_to_gap([(3.0, 200.0)], 100.0, 0.01) is None


def test_gap_curve_steps() -> None:
    curve = gap_curve([(2.0, 110.0), (5.0, 100.0)], 100.0, np.array([0.0, 2.0, 4.9, 5.0, 9.0]))
    np.testing.assert_allclose(curve, [1.0, 10 / 110, 10 / 110, 0.0, 0.0])
    np.testing.assert_allclose(gap_curve([], 1.0, np.array([0.0, 1.0])), [1.0, 1.0])


@pytest.mark.parametrize("sense", [1.0, -1.0], ids=["minimise", "maximise"])
def test_incumbents_found_at_one_clock_reading_count_in_recorded_order(sense: float) -> None:
    # SCIP's root heuristics often find several incumbents within one clock tick (seen on a
    # set cover instance: 598, 596, 593, 228 all at 0.06 s). The last one found holds, whatever
    # its value sorts as.
    primal = [(1.0, sense * 600.0), (1.0, sense * 250.0), (3.0, sense * 200.0)]
    reference = sense * 200.0
    # [0, 1): gap 1; [1, 3): 50/250; [3, 10]: 0
    assert primal_integral(primal, reference, horizon=10.0) == pytest.approx(1.0 + 2.0 * 0.2)
    np.testing.assert_allclose(gap_curve(primal, reference, np.array([1.0, 2.0])), [0.2, 0.2])
    assert time_to_gap(primal, reference, 0.25) == pytest.approx(1.0)
    dual = [(0.0, reference), (1.0, reference)]
    assert primal_dual_integral(primal, dual, horizon=10.0) == pytest.approx(1.0 + 2.0 * 0.2)


def test_performance_profile_by_hand() -> None:
    profile = performance_profile(
        {"a": [1.0, 2.0, math.inf], "b": [2.0, 2.0, 4.0]}, np.array([1.0, 2.0])
    )
    # best per problem: 1, 2, 4 -> ratios a: 1, 1, inf; b: 2, 1, 1
    np.testing.assert_allclose(profile["a"], [2 / 3, 2 / 3])
    np.testing.assert_allclose(profile["b"], [2 / 3, 1.0])
