"""The dynamics of ecole's environments: what a state is, what an action does.

Each dynamics has ecole's three methods, called by :class:`~solver.ecole.environment.Environment`:
``set_dynamics_random_state(model, rng)``, ``reset_dynamics(model) -> (done, action_set)`` and
``step_dynamics(model, action) -> (done, action_set)``, plus ``close()`` which abandons a running
episode. Variables are named by their position in the transformed problem
(``model.getVars(transformed=True)``, SCIP's ``SCIPvarGetProbindex``), as in ecole.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pyscipopt
from pyscipopt import SCIP_HEURTIMING, SCIP_RESULT, Branchrule, Heur

from solver.ecole.control import EpisodeAbandoned, SolverControl
from solver.ecole.core import RandomGenerator
from solver.ecole.scip import Model
from solver.settings import MAX_SEED, seed_scip

__all__ = [
    "BranchingDynamics",
    "ConfiguringDynamics",
    "PrimalSearchDynamics",
    "problem_indices",
]

logger = logging.getLogger(__name__)

#: SCIP's largest plugin priority: the environment's rule and heuristic run before all others.
_MAX_PRIORITY = 536_870_911

#: SCIP's HEURTIMING_AFTERNODE: after each node, whether its LP was solved or not.
_AFTER_NODE = SCIP_HEURTIMING.AFTERLPNODE | SCIP_HEURTIMING.AFTERPSEUDONODE


def problem_indices(model: pyscipopt.Model) -> dict[int, int]:
    """Position of every transformed problem variable, keyed by its SCIP pointer (``var.ptr()``)."""
    return {var.ptr(): i for i, var in enumerate(model.getVars(transformed=True))}


def _action_set(model: pyscipopt.Model, candidates: Sequence[pyscipopt.Variable]) -> np.ndarray:
    index = problem_indices(model)
    return np.fromiter(
        (index[var.ptr()] for var in candidates), dtype=np.uint64, count=len(candidates)
    )


def _seed_from(rng: RandomGenerator) -> int:
    return int(rng()) % (MAX_SEED + 1)


def _check_in_action_set(action: Any, action_set: np.ndarray) -> int:
    if isinstance(action, bool) or not isinstance(action, (int, np.integer)):
        raise TypeError(f"a branching action must be a variable index, got {action!r}")
    action = int(action)
    if action < 0 or not np.any(action_set == np.uint64(action)):
        raise ValueError(f"action {action} is not in the action set {action_set.tolist()}")
    return action


class _DynamicsBase:
    """Seeding, and the episode's solver thread."""

    def __init__(self) -> None:
        self._control: SolverControl | None = None

    def set_dynamics_random_state(self, model: Model, rng: RandomGenerator) -> None:
        """Set all of SCIP's seeds from one draw of ``rng`` (see :func:`solver.settings.seed_scip`)."""
        seed_scip(model.as_pyscipopt(), _seed_from(rng))

    def close(self) -> bool:
        """Abandon the running episode, if any: interrupt its solve and join its thread.

        Returns
        -------
        bool
            Whether no solve runs any more (see :meth:`SolverControl.close`).
        """
        control, self._control = self._control, None
        return control.close() if control is not None else True

    def _start(self, model: Model, plugin_payload: Any) -> tuple[bool, Any]:
        self.close()
        scip = model.as_pyscipopt()
        solve = getattr(scip, "optimizeNogil", scip.optimize)
        control = SolverControl(solve, keep_alive=model)
        plugin_payload.control = control
        self._control = control
        return self._outcome(control.start())

    def _resume(self, answer: Any) -> tuple[bool, Any]:
        if self._control is None or self._control.finished:
            raise RuntimeError("no episode is running")
        return self._outcome(self._control.resume(answer))

    def _outcome(self, payload: Any) -> tuple[bool, Any]:
        if payload is None:
            self.close()
            return True, None
        return False, payload


# -- branching ------------------------------------------------------------------------------


class _BranchingRule(Branchrule):
    """Hands every branching decision to the agent (through a :class:`SolverControl`)."""

    def __init__(self, pseudo_candidates: bool) -> None:
        super().__init__()
        self.pseudo_candidates = pseudo_candidates
        self.control: SolverControl | None = None

    def branchexeclp(self, allowaddcons: bool) -> dict[str, Any]:
        return {"result": self._decide()}

    def branchexecps(self, allowaddcons: bool) -> dict[str, Any]:
        # Without an LP solution only pseudo candidates exist; in LP mode SCIP's rules take it.
        if not self.pseudo_candidates:
            return {"result": SCIP_RESULT.DIDNOTRUN}
        return {"result": self._decide()}

    def branchexecext(self, allowaddcons: bool) -> dict[str, Any]:
        return {"result": SCIP_RESULT.DIDNOTRUN}

    def _candidates(self) -> list[pyscipopt.Variable]:
        if self.pseudo_candidates:
            variables, n_candidates, n_priority = self.model.getPseudoBranchCands()
            return list(variables[:n_priority])
        variables, _, _, _, n_priority, _ = self.model.getLPBranchCands()
        return list(variables[:n_priority])

    def _decide(self) -> Any:
        model, control = self.model, self.control
        assert control is not None
        try:
            if control.stopping:
                model.interruptSolve()
                return SCIP_RESULT.DIDNOTRUN
            candidates = self._candidates()
            if not candidates:
                return SCIP_RESULT.DIDNOTRUN
            action_set = _action_set(model, candidates)
            try:
                action = control.ask(action_set)
            except EpisodeAbandoned:
                # Branch anyway (cheaply): SCIP stops at the next node once interrupted.
                model.interruptSolve()
                model.branchVar(candidates[0])
                return SCIP_RESULT.BRANCHED
            if action is None:
                return SCIP_RESULT.DIDNOTRUN  # the agent asked for SCIP's own rule
            position = int(np.flatnonzero(action_set == np.uint64(action))[0])
            model.branchVar(candidates[position])
            return SCIP_RESULT.BRANCHED
        except Exception as error:  # a callback must never abort the solve: hand it over
            control.fail(error)
            model.interruptSolve()
            return SCIP_RESULT.DIDNOTRUN


class BranchingDynamics(_DynamicsBase):
    """Single-variable branching: the agent picks the variable at every branching decision.

    Parameters
    ----------
    pseudo_candidates
        Offer the pseudo branching candidates (every unfixed integer variable) instead of the
        LP candidates (the fractional ones).
    """

    def __init__(self, pseudo_candidates: bool = False) -> None:
        super().__init__()
        self.pseudo_candidates = pseudo_candidates
        self._action_set: np.ndarray | None = None

    def reset_dynamics(self, model: Model) -> tuple[bool, np.ndarray | None]:
        """Solve up to the first branching decision; return ``(done, action_set)``."""
        rule = _BranchingRule(self.pseudo_candidates)
        model.as_pyscipopt().includeBranchrule(
            rule,
            "ecole_branching",
            "branching decisions of the agent",
            priority=_MAX_PRIORITY,
            maxdepth=-1,
            maxbounddist=1.0,
        )
        done, self._action_set = self._start(model, rule)
        return done, self._action_set

    def step_dynamics(self, model: Model, action: Any) -> tuple[bool, np.ndarray | None]:
        """Branch on variable ``action`` (an element of the action set; None: SCIP's own rule)."""
        if action is not None:
            assert self._action_set is not None
            action = _check_in_action_set(action, self._action_set)
        done, self._action_set = self._resume(action)
        return done, self._action_set


# -- configuring ----------------------------------------------------------------------------


class ConfiguringDynamics(_DynamicsBase):
    """One action, a dict of SCIP parameters, then a complete solve (a contextual bandit)."""

    def reset_dynamics(self, model: Model) -> tuple[bool, None]:
        """Nothing happens before the action; returns ``(False, None)``."""
        return False, None

    def step_dynamics(self, model: Model, action: Mapping[str, Any]) -> tuple[bool, None]:
        """Set the parameters ``action`` and solve; returns ``(True, None)``."""
        model.set_params(action)
        model.solve()
        return True, None


# -- primal search --------------------------------------------------------------------------


class _PrimalSearchHeuristic(Heur):
    """Hands partial assignments to the agent after each node and completes them by probing."""

    def __init__(self, trials_per_node: int) -> None:
        super().__init__()
        self.trials_per_node = trials_per_node
        self.control: SolverControl | None = None

    def heurexec(self, heurtiming: Any, nodeinfeasible: bool) -> dict[str, Any]:
        model, control = self.model, self.control
        assert control is not None
        result = SCIP_RESULT.DIDNOTRUN
        try:
            trial = 0
            while self.trials_per_node == -1 or trial < self.trials_per_node:
                if control.stopping:
                    model.interruptSolve()
                    break
                candidates = list(model.getPseudoBranchCands()[0])
                action_set = _action_set(model, candidates)
                try:
                    action = control.ask(action_set)
                except EpisodeAbandoned:
                    model.interruptSolve()
                    break
                trial += 1
                found = self._try(candidates, action_set, action)
                if found:
                    result = SCIP_RESULT.FOUNDSOL
                elif result != SCIP_RESULT.FOUNDSOL:
                    result = SCIP_RESULT.DIDNOTFIND
        except Exception as error:  # a callback must never abort the solve: hand it over
            control.fail(error)
            model.interruptSolve()
            return {"result": SCIP_RESULT.DIDNOTRUN}
        return {"result": result}

    def _try(
        self,
        candidates: list[pyscipopt.Variable],
        action_set: np.ndarray,
        action: tuple[np.ndarray, np.ndarray],
    ) -> bool:
        indices, values = action
        if len(indices) == 0:
            return False
        model = self.model
        by_index = dict(zip(action_set.tolist(), candidates, strict=True))
        model.startProbing()
        try:
            for index, value in zip(indices, values, strict=True):
                var = by_index[int(index)]
                if not var.getLbLocal() - 1e-9 <= value <= var.getUbLocal() + 1e-9:
                    return False
                model.fixVarProbing(var, float(value))
            cutoff, _ = model.propagateProbing(-1)
            if cutoff:
                return False
            lp_error, cutoff = model.solveProbingLP()
            if lp_error or cutoff:
                return False
            solution = model.createSol(self, initlp=True)
            return bool(model.trySol(solution, printreason=False))
        finally:
            model.endProbing()


class PrimalSearchDynamics(_DynamicsBase):
    """Primal search: after nodes, the agent proposes partial solutions that SCIP completes.

    Parameters
    ----------
    trials_per_node
        Partial solutions asked for at each heuristic call (-1: no limit, SCIP resumes only when
        the episode ends).
    depth_freq, depth_start, depth_stop
        SCIP's ``freq``, ``freqofs`` and ``maxdepth`` of the heuristic.
    """

    def __init__(
        self,
        trials_per_node: int = 1,
        depth_freq: int = 1,
        depth_start: int = 0,
        depth_stop: int = -1,
    ) -> None:
        super().__init__()
        if trials_per_node < -1:
            raise ValueError(f"illegal number of trials per node: {trials_per_node}")
        self.trials_per_node = trials_per_node
        self.depth_freq = depth_freq
        self.depth_start = depth_start
        self.depth_stop = depth_stop
        self._action_set: np.ndarray | None = None

    def reset_dynamics(self, model: Model) -> tuple[bool, np.ndarray | None]:
        """Solve up to the first heuristic call; return ``(done, action_set)``."""
        heuristic = _PrimalSearchHeuristic(self.trials_per_node)
        model.as_pyscipopt().includeHeur(
            heuristic,
            "ecole_primalsearch",
            "partial solutions of the agent, completed by probing",
            "e",
            priority=_MAX_PRIORITY,
            freq=self.depth_freq,
            freqofs=self.depth_start,
            maxdepth=self.depth_stop,
            timingmask=_AFTER_NODE,
            usessubscip=False,
        )
        done, self._action_set = self._start(model, heuristic)
        return done, self._action_set

    def step_dynamics(self, model: Model, action: Any) -> tuple[bool, np.ndarray | None]:
        """Try the partial solution ``action = (variable indices, values)``."""
        indices, values = action
        indices = np.asarray(indices, dtype=np.int64).reshape(-1)
        values = np.asarray(values, dtype=np.float64).reshape(-1)
        if indices.shape != values.shape:
            raise ValueError(
                f"a primal search action needs as many values as indices, got {indices.size} "
                f"and {values.size}"
            )
        assert self._action_set is not None
        allowed = set(self._action_set.tolist())
        outside = [int(i) for i in indices if int(i) not in allowed]
        if outside:
            raise ValueError(f"variables {outside[:5]} are not in the action set")
        done, self._action_set = self._resume((indices, values))
        return done, self._action_set
