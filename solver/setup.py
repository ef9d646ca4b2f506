"""One solve set-up: preset -> SCIP parameters -> seed -> limits -> plugins.

A :class:`SolveSetup` says how one solve is configured; :func:`configure_model` applies it to a
``pyscipopt.Model`` whose problem is built. ``solve``, racing, the benchmark configurations, data
collection and the studies all configure their solves here, so that a setting means the same
thing everywhere.

Importing this module does not import torch: the learned stack is loaded only when a learned
model applies to the instance (:func:`solver.plugins.include_learned_plugins`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import pyscipopt

from solver.settings import DEFAULT, ParamSetting, ScipPreset, apply_scip_params, seed_scip
from solver.time_budget import seconds_left

if TYPE_CHECKING:
    from gnn.serving import Scorer
    from solver.plugins import LearnedPlugins

__all__ = ["ConfiguredSolve", "LearnedSetup", "SolveSetup", "configure_model", "include_plugins"]


def _frozen(params: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(params))


def _reduce(setup: Any, *mappings: str) -> tuple[Any, ...]:
    """``__reduce__`` of a set-up dataclass: a mappingproxy does not pickle (process pools), so
    the fields named ``mappings`` travel as plain dicts."""
    values = {f.name: getattr(setup, f.name) for f in dataclasses.fields(setup)}
    for name in mappings:
        values[name] = dict(values[name])
    return (_rebuild, (type(setup), values))


def _rebuild(cls: type, values: dict[str, Any]) -> Any:
    return cls(**values)


@dataclass(frozen=True)
class LearnedSetup:
    """Which learned plugins a solve includes, from which model set, with which settings."""

    branching: bool = True
    """Include the learned branching rule."""
    diving: bool = True
    """Include the neural diving heuristic."""
    model_path: str | None = None
    """A shipped set's name, a folder or a checkpoint file; None (the default): the shipped
    set trained on instances like this one, if any (:func:`solver.plugins.resolve_model_set`)."""
    check_domain: bool = True
    """Leave out a model trained on instances unlike this one (:mod:`gnn.domain`); default on."""
    branching_params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """Fields of :class:`solver.branching.BranchingRuleConfig` set on top of the model set's
    rule settings, e.g. ``{"shortlist_size": 4}``; default none."""
    diving_params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """Fields of :class:`solver.diving.NeuralDivingConfig` set on top of the model set's
    heuristic settings, e.g. ``{"coverages": (0.9, 0.7)}``; default none."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "branching_params", _frozen(self.branching_params))
        object.__setattr__(self, "diving_params", _frozen(self.diving_params))

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduce(self, "branching_params", "diving_params")


@dataclass(frozen=True)
class SolveSetup:
    """How one solve is configured, applied by :func:`configure_model` in field order."""

    preset: ScipPreset = DEFAULT
    """Settings applied first (default: SCIP's own, :data:`solver.settings.DEFAULT`)."""
    heuristics: ParamSetting | None = None
    """SCIP's meta setting for primal heuristics (``setHeuristics``); None (default): leave it."""
    scip_params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """SCIP parameters set after the preset and the meta setting (they win); default none."""
    seed: int = 0
    """Seed of every SCIP random seed (:func:`solver.settings.seed_scip`); default 0."""
    permute_variables: bool = False
    """Also permute variables and constraints by the seed (``randomization/permutevars``), for
    more diverse searches across seeds; default off (as the preset or parameters set it)."""
    time_limit: float | None = None
    """Seconds; None (default): no limit. Counted from the instant given to
    :func:`configure_model` (``started``), or on SCIP's own clock when none is given."""
    gap: float | None = None
    """Relative gap at which to stop (``limits/gap``, 0.01 = 1 %); None (default): SCIP's."""
    learned: LearnedSetup | None = None
    """The learned plugins to include; None (default): none."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "scip_params", _frozen(self.scip_params))
        limit = self.time_limit
        if limit is not None and not (math.isfinite(limit) and limit > 0):
            raise ValueError(f"time limit must be a positive number of seconds, got {limit!r}")
        if self.gap is not None and not (math.isfinite(self.gap) and self.gap >= 0):
            raise ValueError(f"gap must be a non-negative number, got {self.gap!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduce(self, "scip_params")


@dataclass(frozen=True)
class ConfiguredSolve:
    """What :func:`configure_model` included (keep it alive until the solve ends)."""

    learned: LearnedPlugins | None = None
    """The learned plugins, with ``setup.learned``; read their counters after the solve."""
    plugins: object = None
    """What the ``plugins`` callback returned."""


def include_plugins(
    model: pyscipopt.Model, learned: LearnedSetup, *, branching_server: Scorer | None = None
) -> LearnedPlugins:
    """Include the learned plugins ``learned`` names in ``model`` (torch is loaded only when a
    model applies).

    Parameters
    ----------
    model
        The model, with its problem built and before ``optimize()``.
    learned
        Which components, from which model set, with which settings.
    branching_server
        A client of a batching inference server that holds the set's branching network (see
        :func:`solver.plugins.include_learned_plugins`); None (default): none.

    Raises
    ------
    solver.plugins.LearnedModelError
        When a needed model is missing or unusable.
    """
    from solver.plugins import include_learned_plugins

    return include_learned_plugins(
        model,
        model_path=learned.model_path,
        branching=learned.branching,
        diving=learned.diving,
        check_domain=learned.check_domain,
        branching_server=branching_server,
        branching_overrides=dict(learned.branching_params) or None,
        diving_overrides=dict(learned.diving_params) or None,
    )


def configure_model(
    model: pyscipopt.Model,
    setup: SolveSetup,
    *,
    started: float | None = None,
    branching_server: Scorer | None = None,
    plugins: Callable[[pyscipopt.Model], object] | None = None,
) -> ConfiguredSolve:
    """Apply ``setup`` to ``model``: preset, meta setting, parameters, seed, limits, plugins.

    A learned model set's own SCIP settings come in with its plugins; ``setup``'s parameters,
    seed and limits are then applied again, so that the caller's win.

    Parameters
    ----------
    model
        The model, with its problem built and before ``optimize()``.
    setup
        What to apply.
    started
        The ``time.monotonic()`` instant ``setup.time_limit`` counts from (e.g.
        :func:`solver.time_budget.process_start`): the time limit is then set last, to what is
        left of it, so that everything before the solve (plugins included) is charged to it.
        None (default): the limit is SCIP's clock alone.
    branching_server
        A client of a batching inference server for the learned branching rule (see
        :func:`include_plugins`); None (default): the rule runs its network itself.
    plugins
        Called with the configured model after the learned plugins, to include one's own;
        what it returns is kept in :attr:`ConfiguredSolve.plugins`.

    Raises
    ------
    solver.settings.ScipParamError
        Bad parameter name or value.
    solver.plugins.LearnedModelError
        ``setup.learned`` and no usable model; nothing learned is included then.
    """
    setup.preset.apply(model)
    if setup.heuristics is not None:
        model.setHeuristics(setup.heuristics.to_scip())
    apply_scip_params(model, setup.scip_params)
    seed_scip(model, setup.seed)
    if setup.permute_variables:
        model.setParam("randomization/permutevars", True)
    _set_limits(model, setup, started)
    learned = None
    if setup.learned is not None:
        learned = include_plugins(model, setup.learned, branching_server=branching_server)
        if learned.scip_params:
            # The model set's own SCIP settings went in with its plugins: the caller's
            # parameters, seed and limits still win over them.
            apply_scip_params(model, setup.scip_params)
            seed_scip(model, setup.seed)
            _set_limits(model, setup, started)
    included = plugins(model) if plugins is not None else None
    if started is not None and setup.time_limit is not None:
        model.setParam("limits/time", seconds_left(setup.time_limit, started))
    return ConfiguredSolve(learned=learned, plugins=included)


def _set_limits(model: pyscipopt.Model, setup: SolveSetup, started: float | None) -> None:
    """Set ``limits/gap`` and ``limits/time`` (what is left of it, with ``started``)."""
    if setup.gap is not None:
        model.setParam("limits/gap", setup.gap)
    if setup.time_limit is not None:
        left = setup.time_limit if started is None else seconds_left(setup.time_limit, started)
        model.setParam("limits/time", float(left))
