"""Benchmark metrics: shifted geometric means, primal gaps and their integrals over time.

Definitions follow Berthold (2013) and Nair et al. (2020, Section 5): the *primal gap* of a
value ``v`` against a reference objective ``r`` is

.. math::

    \\gamma(v, r) = \\begin{cases}
        0 & \\text{if } v = r \\\\
        1 & \\text{if there is no solution, or } v \\cdot r < 0 \\\\
        \\frac{|v - r|}{\\max(|v|, |r|)} & \\text{otherwise,}
    \\end{cases}

the *primal-dual gap* is the same function of the primal and the dual bound, and the *primal
integral* over a horizon ``T`` is :math:`\\int_0^T \\gamma(p(t), r)\\,dt` where ``p(t)`` is the
best primal value known at time ``t`` (a step function; :math:`\\gamma = 1` before the first
solution). The *primal-dual integral* integrates :math:`\\gamma(p(t), d(t))`. Integrals are in
seconds (gap times seconds), so the best possible value is 0 and the worst is ``T``.

A trajectory is a sequence of ``(time, value)`` points in increasing time; a value holds until
the next point.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

__all__ = [
    "Trajectory",
    "shifted_geometric_mean",
    "geometric_mean",
    "relative_gap",
    "primal_integral",
    "primal_dual_integral",
    "time_to_gap",
    "gap_curve",
    "performance_profile",
]

#: ``(time in seconds, objective value)`` points in increasing time.
Trajectory = Sequence[tuple[float, float]]


def shifted_geometric_mean(values: Sequence[float], shift: float = 1.0) -> float:
    """Return the shifted geometric mean :math:`\\exp(\\frac1n\\sum\\log(v_i + s)) - s`.

    Parameters
    ----------
    values
        Non-negative values (times, node counts).
    shift
        The shift ``s``; 1 for solving times as in Gasse et al. (2019), 10 for nodes in some
        papers.

    Returns
    -------
    float
        The mean; ``nan`` for an empty sequence.

    Raises
    ------
    ValueError
        If any ``value + shift`` is not positive.
    """
    array = np.asarray(values, dtype=float) + shift
    if array.size == 0:
        return math.nan
    if np.any(array <= 0) or not np.all(np.isfinite(array)):
        raise ValueError(f"shifted geometric mean needs finite values > {-shift}, got {values!r}")
    return float(np.exp(np.mean(np.log(array))) - shift)


def geometric_mean(values: Sequence[float]) -> float:
    """Return the plain geometric mean of positive values (``nan`` when empty)."""
    return shifted_geometric_mean(values, shift=0.0)


def relative_gap(value: float | None, reference: float | None) -> float:
    """Return the gap :math:`\\gamma(v, r)` of the module docstring, in ``[0, 1]``.

    ``None`` or a non-finite ``value`` or ``reference`` (no solution, no bound) gives 1.
    """
    if value is None or reference is None:
        return 1.0
    if not (math.isfinite(value) and math.isfinite(reference)):
        return 1.0
    if value == reference:
        return 0.0
    if value * reference < 0:
        return 1.0
    return min(1.0, abs(value - reference) / max(abs(value), abs(reference)))


def _in_time_order(trajectory: Trajectory) -> list[tuple[float, float]]:
    """Sort points by time only, keeping the recorded order of points with equal times.

    Several incumbents often share one clock reading (SCIP's root heuristics find a few within
    a clock tick); the last one recorded is the bound from then on. Sorting by value too would
    let the worst of them stand, for minimisation.
    """
    return sorted(((float(t), float(v)) for t, v in trajectory), key=lambda point: point[0])


def _clip(trajectory: Trajectory, horizon: float) -> list[tuple[float, float]]:
    """Sort points by time (see :func:`_in_time_order`) and keep those before ``horizon``."""
    return [point for point in _in_time_order(trajectory) if point[0] < horizon]


def _integrate_steps(breakpoints: list[float], gaps: list[float], horizon: float) -> float:
    """Integrate a step function that equals ``gaps[i]`` from ``breakpoints[i]`` onwards."""
    total = 0.0
    for index, (start, gap) in enumerate(zip(breakpoints, gaps, strict=True)):
        end = breakpoints[index + 1] if index + 1 < len(breakpoints) else horizon
        total += gap * max(0.0, end - start)
    return total


def primal_integral(primal: Trajectory, reference: float | None, horizon: float) -> float:
    """Return the primal integral of ``primal`` against ``reference`` over ``[0, horizon]``.

    Parameters
    ----------
    primal
        Incumbent values over time.
    reference
        The reference objective (best known); ``None`` makes every gap 1.
    horizon
        The time limit ``T`` in seconds: the last value holds until then.
    """
    points = _clip(primal, horizon)
    breakpoints = [0.0] + [t for t, _ in points]
    gaps = [1.0] + [relative_gap(v, reference) for _, v in points]
    return _integrate_steps(breakpoints, gaps, horizon)


def primal_dual_integral(primal: Trajectory, dual: Trajectory, horizon: float) -> float:
    """Return the integral of the primal-dual gap over ``[0, horizon]``.

    The gap is 1 while either bound is missing.
    """
    events = sorted(
        [(t, 0, v) for t, v in _clip(primal, horizon)]
        + [(t, 1, v) for t, v in _clip(dual, horizon)],
        key=lambda event: event[0],
    )
    breakpoints = [0.0]
    gaps = [1.0]
    bounds: list[float | None] = [None, None]
    for time, which, value in events:
        bounds[which] = value
        breakpoints.append(time)
        gaps.append(relative_gap(bounds[0], bounds[1]))
    return _integrate_steps(breakpoints, gaps, horizon)


def time_to_gap(primal: Trajectory, reference: float | None, threshold: float) -> float | None:
    """Return the first time the primal gap is at most ``threshold``, or ``None`` if never.

    ``time_to_gap(primal, None, 1.0)`` is the time to the first solution.
    """
    for time, value in _in_time_order(primal):
        if reference is None:
            if threshold >= 1.0 and math.isfinite(value):
                return float(time)
            continue
        if relative_gap(value, reference) <= threshold:
            return float(time)
    return None


def gap_curve(primal: Trajectory, reference: float | None, times: np.ndarray) -> np.ndarray:
    """Return the primal gap at each of ``times`` (for plots); 1 before the first solution."""
    points = _in_time_order(primal)
    stamps = np.array([t for t, _ in points], dtype=float)
    gaps = np.array([relative_gap(v, reference) for _, v in points], dtype=float)
    times = np.asarray(times, dtype=float)
    if gaps.size == 0:
        return np.ones_like(times)
    indices = np.searchsorted(stamps, times, side="right") - 1
    return np.where(indices >= 0, gaps[np.clip(indices, 0, None)], 1.0)


def performance_profile(
    times: Mapping[str, Sequence[float]], taus: np.ndarray
) -> dict[str, np.ndarray]:
    """Return Dolan-Moré performance profiles.

    Parameters
    ----------
    times
        For each configuration, one time per problem, in the same problem order; ``inf`` for
        an unsolved problem.
    taus
        Ratios at which to evaluate the profile (``>= 1``).

    Returns
    -------
    dict
        For each configuration, the fraction of problems solved within ``tau`` times the best
        configuration's time, for each ``tau``. Problems no configuration solved count as
        unsolved for all.
    """
    names = list(times)
    if not names:
        return {}
    matrix = np.array([np.asarray(times[name], dtype=float) for name in names])
    if matrix.shape[1] == 0:
        return {name: np.zeros_like(taus, dtype=float) for name in names}
    best = matrix.min(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratios = np.where(np.isfinite(matrix), matrix / np.maximum(best, 1e-9), np.inf)
    return {
        name: np.array([(ratios[row] <= tau).mean() for tau in taus])
        for row, name in enumerate(names)
    }
