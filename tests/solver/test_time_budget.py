"""The time a plugin may still spend: the solve's time limit minus SCIP's solving time."""

from __future__ import annotations

import math
import time

import pyscipopt
import pytest

from solver.time_budget import call_bound, remaining_seconds, solve_clock


def test_without_a_time_limit_only_the_per_call_bound_counts():
    model = pyscipopt.Model()
    assert remaining_seconds(model) == math.inf
    assert call_bound(model, None) is None
    assert call_bound(model, 0.5) == 0.5


def test_a_time_limit_bounds_every_call():
    model = pyscipopt.Model()
    model.setParam("limits/time", 3.0)
    left = remaining_seconds(model)
    assert left == pytest.approx(3.0 - model.getSolvingTime())
    assert call_bound(model, None) == pytest.approx(left)
    assert call_bound(model, 0.5) == 0.5
    assert call_bound(model, 10.0) == pytest.approx(left)


def test_a_plugin_clock_measures_what_the_solve_clock_does():
    model = pyscipopt.Model()
    assert solve_clock(model) is time.perf_counter  # SCIP's default clock is wall time
    model.setParam("timing/clocktype", 1)
    clock = solve_clock(model)
    assert clock is time.process_time
    # CPU time does not advance while the process sleeps; wall time does.
    start_cpu, start_wall = clock(), time.perf_counter()
    time.sleep(0.2)
    assert clock() - start_cpu < 0.1 < time.perf_counter() - start_wall
