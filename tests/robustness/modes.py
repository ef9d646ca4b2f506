"""The solving modes every robustness test runs in, defined in this one place.

A mode is what is added to a ``pyscipopt.Model`` before ``optimize()``: nothing (``default``),
the learned branching rule (``learned-branching``), the neural diving heuristic
(``neural-diving``) or both (``learned``), each driven by one of two policies built through the
project's own classes:

- ``random``: a randomly initialised, real network (:class:`gnn.models.GCNNPolicy` served by
  :class:`gnn.policy.ScorerPolicy`, :class:`gnn.diving.DivingGNN` served by
  :class:`gnn.diving.DivingPolicy`), seeded explicitly;
- ``adversarial``: scores that pick the worst candidates (the least fractional one, the rule
  known to be worst) and diving predictions of the objective-worst value of every binary with
  full confidence, so the sub-MIPs are infeasible or bad.

``shipped`` is ``solver.include_learned_plugins`` with the package's own models, as users get it
(the set trained on instances like the one solved, or none); ``shipped[out-of-domain]`` forces
the default set onto every instance. The project's own modules are imported plainly: a module
that fails to import fails the tests, it does not skip them.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyscipopt
import pytest

__all__ = [
    "DIVING_CONFIG_FIELDS",
    "MODES",
    "SolveMode",
    "mode_by_id",
    "mode_params",
    "solve_in_mode",
    "stalled",
]

#: Settings of the diving heuristic in tests: small sub-MIPs, every coverage level.
DIVING_CONFIG_FIELDS: dict[str, Any] = {
    "coverages": (1.0, 0.7, 0.3),
    "max_submip_seconds": 1.0,
    "submip_node_limit": 200,
}


def _seeded_module(make: Callable[[], Any], seed: int) -> Any:
    """Build a torch module with an explicit seed, leaving the global RNG state as it was."""
    import torch

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return make()


# --- branching policies ---------------------------------------------------------------------


def random_branching_policy(seed: int = 0) -> Any:
    """A randomly initialised GCNN behind the in-process whole-graph policy."""
    from gnn.models import GCNNPolicy
    from gnn.policy import ModelScorer, ScorerPolicy

    model = _seeded_module(lambda: GCNNPolicy(embedding_size=8), seed)
    return ScorerPolicy(ModelScorer(model))


class LeastFractionalPolicy:
    """Adversarial: the highest score goes to the least fractional candidate."""

    def reset(self) -> None:
        """Nothing is kept between nodes."""

    def score_node(self, node: Any) -> np.ndarray:
        from gnn.features import VariableFeature

        features = np.asarray(node.candidate_features(), dtype=np.float64)
        fractionality = features[:, VariableFeature.SOLUTION_FRACTIONALITY]
        return -np.minimum(fractionality, 1.0 - fractionality)


# --- diving predictors ----------------------------------------------------------------------


def random_diving_policy(seed: int = 0) -> Any:
    """A randomly initialised diving network behind :class:`gnn.diving.DivingPolicy`."""
    from gnn.diving import DivingGNN, DivingPolicy

    return DivingPolicy(_seeded_module(lambda: DivingGNN(embedding_size=8), seed))


class WorstValuePredictor:
    """Adversarial: every binary at the value that worsens the objective, fully confident.

    The static graph's objective column is in the minimisation sense the observation states it
    in; a positive cost gets 1, so a covering problem gets its costliest solution and a packing
    problem (maximisation, negated costs) gets nothing chosen.
    """

    def predict(self, graph: Any) -> tuple[np.ndarray, np.ndarray]:
        from gnn.features import StaticVariableFeature

        objective = np.asarray(graph.variable_features)[:, StaticVariableFeature.OBJECTIVE]
        values = (objective > 0).astype(np.float64)
        return values, np.ones_like(values)


# --- faults: wrappers around any policy -------------------------------------------------------


class StallingBranching:
    """Wraps a branching policy; every call first sleeps (a stalled inference call)."""

    def __init__(self, inner: Any, seconds: float) -> None:
        self.inner, self.seconds = inner, seconds

    def reset(self) -> None:
        self.inner.reset()

    def score_node(self, node: Any) -> np.ndarray:
        time.sleep(self.seconds)
        return self.inner.score_node(node)


class StallingPredictor:
    """Wraps a diving predictor; every call first sleeps (a stalled inference call)."""

    def __init__(self, inner: Any, seconds: float) -> None:
        self.inner, self.seconds = inner, seconds

    def predict(self, graph: Any) -> tuple[np.ndarray, np.ndarray]:
        time.sleep(self.seconds)
        return self.inner.predict(graph)


def stalled(mode: SolveMode, seconds: float) -> SolveMode:
    """``mode`` with every inference call delayed by ``seconds``."""
    branching, diving = mode.branching, mode.diving
    return dataclasses.replace(
        mode,
        name=f"{mode.name}+stall{seconds:g}s",
        branching=None if branching is None else lambda: StallingBranching(branching(), seconds),
        diving=None if diving is None else lambda: StallingPredictor(diving(), seconds),
    )


# --- the modes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SolveMode:
    """One way to solve: which plugins, driven by which policy."""

    name: str
    """Test id, e.g. ``learned-branching[random]``."""
    branching: Callable[[], Any] | None = None
    """Builds the branching policy; None: no learned branching."""
    diving: Callable[[], Any] | None = None
    """Builds the diving predictor; None: no neural diving."""
    shipped: bool = False
    """Use ``solver.include_learned_plugins`` with the shipped models instead."""
    check_domain: bool = True
    """With ``shipped``: the shipped set matched to the instance, or nothing where none was
    trained on such instances (what users get); False: the default set forced onto every
    instance, its training domain or not."""
    hostile: bool = False
    """Driven by a deliberately bad policy (random or adversarial): it may cost any amount of
    time, so only correctness is asked of it where a time limit cuts it short."""
    imports: tuple[str, ...] = field(default=())
    """Modules the mode uses, imported before a subprocess solve starts its clock (start-up,
    like the interpreter's own)."""

    @property
    def learned(self) -> bool:
        """Whether anything is added to SCIP."""
        return self.branching is not None or self.diving is not None or self.shipped

    def include(
        self, model: pyscipopt.Model, *, submip_params: dict[str, Any] | None = None
    ) -> list[Any]:
        """Add this mode's plugins to ``model`` (problem stage); returns them (keep them alive).

        ``submip_params`` are extra SCIP parameters for the diving sub-MIPs.
        """
        plugins: list[Any] = []
        if self.shipped:
            from solver.plugins import DEFAULT_MODEL_SET, include_learned_plugins

            included = include_learned_plugins(
                model,
                model_path=None if self.check_domain else DEFAULT_MODEL_SET,
                check_domain=self.check_domain,
            )
            # The rule and the heuristic it included (None where the shipped set has no model).
            for name in ("branching", "diving"):
                plugin = getattr(included, name, None)
                if plugin is not None:
                    plugins.append(plugin)
            return plugins
        if self.diving is not None:
            from solver.diving import NeuralDivingConfig, include_neural_diving

            plugins.append(
                include_neural_diving(
                    model,
                    self.diving(),
                    config=NeuralDivingConfig(
                        **DIVING_CONFIG_FIELDS, submip_params=dict(submip_params or {})
                    ),
                )
            )
        if self.branching is not None:
            from gnn.observation import NodeBipartite
            from solver.branching import include_learned_branching

            plugins.append(
                include_learned_branching(model, self.branching(), observation=NodeBipartite())
            )
        return plugins


_BRANCHING = ("solver.branching", "gnn.models", "gnn.policy")
_DIVING = ("solver.diving", "gnn.diving")

#: Every mode, in one place. ``default`` first: it is the reference the others are compared to.
MODES: tuple[SolveMode, ...] = (
    SolveMode("default"),
    SolveMode(
        "learned-branching[random]",
        branching=random_branching_policy,
        imports=_BRANCHING,
        hostile=True,
    ),
    SolveMode(
        "learned-branching[adversarial]",
        branching=LeastFractionalPolicy,
        imports=_BRANCHING,
        hostile=True,
    ),
    SolveMode("neural-diving[random]", diving=random_diving_policy, imports=_DIVING, hostile=True),
    SolveMode(
        "neural-diving[adversarial]", diving=WorstValuePredictor, imports=_DIVING, hostile=True
    ),
    SolveMode(
        "learned[random]",
        branching=random_branching_policy,
        diving=random_diving_policy,
        imports=_BRANCHING + _DIVING,
        hostile=True,
    ),
    SolveMode(
        "learned[adversarial]",
        branching=LeastFractionalPolicy,
        diving=WorstValuePredictor,
        imports=_BRANCHING + _DIVING,
        hostile=True,
    ),
    # The modules include_learned_plugins imports on first use (torch: seconds), so that the
    # subprocess tests count them as start-up, as for the other modes.
    SolveMode("shipped", shipped=True, imports=("solver.plugins", *_BRANCHING, *_DIVING)),
    # The shipped set cover models on every instance: far outside their training domain a
    # policy may be as slow as a random one, so it is held to correctness only.
    SolveMode(
        "shipped[out-of-domain]",
        shipped=True,
        check_domain=False,
        hostile=True,
        imports=("solver.plugins", *_BRANCHING, *_DIVING),
    ),
)


def mode_by_id(name: str) -> SolveMode:
    """The mode called ``name`` (for subprocess helpers that receive it on a command line)."""
    for mode in MODES:
        if mode.name == name:
            return mode
    raise KeyError(f"unknown mode {name!r} (known: {', '.join(m.name for m in MODES)})")


def mode_params(*, learned_only: bool = False) -> list[Any]:
    """``pytest.param`` per mode, with the mode's name as id."""
    return [pytest.param(mode, id=mode.name) for mode in MODES if mode.learned or not learned_only]


@dataclass(frozen=True)
class Outcome:
    """What one solve gave."""

    status: str
    objective: float | None
    seconds: float
    primal: float | None = None
    """Best solution's objective, whatever the status (None without one)."""
    dual: float | None = None
    """Final dual bound (original objective sense)."""
    minimize: bool = True


def solve_in_mode(model: pyscipopt.Model, mode: SolveMode) -> Outcome:
    """Include ``mode``'s plugins in ``model``, solve it, read the outcome and free it."""
    plugins = mode.include(model)
    started = time.monotonic()
    try:
        model.optimize()
        seconds = time.monotonic() - started
        status = model.getStatus()
        objective = model.getObjVal() if status == "optimal" else None
        primal = model.getObjVal() if model.getNSols() > 0 else None
        return Outcome(
            status,
            objective,
            seconds,
            primal=primal,
            dual=model.getDualbound(),
            minimize=model.getObjectiveSense() == "minimize",
        )
    finally:
        del plugins
        model.free()
