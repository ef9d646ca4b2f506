"""ecole's environments: ``Branching``, ``Configuring`` and ``PrimalSearch``.

Each is a partially observable Markov decision process over one SCIP solve::

    env = ecole.environment.Branching(observation_function=ecole.observation.NodeBipartite())
    observation, action_set, reward_offset, done, info = env.reset("instance.mps")
    while not done:
        observation, action_set, reward, done, info = env.step(action_set[0])

``reset`` accepts a file path, an :class:`ecole.scip.Model <solver.ecole.scip.Model>` (for
instance from a generator) or a :class:`pyscipopt.Model`; the last two are copied, so the same
instance can start many episodes. A new ``reset`` (or :meth:`Environment.close`, or dropping the
environment) abandons a running episode and frees its solver.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Mapping
from typing import Any

import pyscipopt

from solver.ecole import data, information, observation, reward
from solver.ecole.core import MarkovError, spawn_random_generator
from solver.ecole.dynamics import BranchingDynamics, ConfiguringDynamics, PrimalSearchDynamics
from solver.ecole.scip import Model

__all__ = ["Branching", "Configuring", "Environment", "PrimalSearch"]


def _as_model(instance: Any) -> Model:
    """A fresh, quiet model of ``instance`` that the episode owns."""
    if isinstance(instance, Model):
        return instance.copy_orig()
    if isinstance(instance, pyscipopt.Model):
        return Model.copy_of(instance)  # the caller keeps (and frees) its own model
    if isinstance(instance, (str, os.PathLike)):
        return Model.from_file(instance)
    raise TypeError(
        "an instance is a file path, an ecole.scip.Model or a pyscipopt.Model, "
        f"not {type(instance).__name__}"
    )


class _Episode:
    """What one episode holds; closed when replaced, by ``close()`` or when the env is collected."""

    def __init__(self) -> None:
        self.dynamics: Any = None
        self.model: Model | None = None

    def close(self) -> None:
        # Order matters: stop the solver thread before the model it runs on is freed.
        stopped = self.dynamics.close() if self.dynamics is not None else True
        model, self.model = self.model, None
        if model is not None and stopped:
            model.free()
        # Otherwise the solve still runs (this was reached from its own thread): it keeps the
        # model alive and the model frees itself once the solve has let go of it.


class Environment:
    """An ecole environment: dynamics plus observation, reward and information functions.

    Parameters
    ----------
    observation_function, reward_function, information_function
        Data functions (objects with ``before_reset(model)`` and ``extract(model, done)``), or
        ``"default"``, ``None``, numbers, or tuples / lists / dicts of these
        (see :func:`solver.ecole.data.parse`).
    scip_params
        SCIP parameters set at the start of every episode (before the seeds).
    **dynamics_kwargs
        Passed to the dynamics (e.g. ``pseudo_candidates=True`` for :class:`Branching`).

    Attributes
    ----------
    model : solver.ecole.scip.Model or None
        The current episode's model (None before the first reset).
    random_engine : solver.ecole.core.RandomGenerator
        Draws the SCIP seed of each episode; set by :meth:`seed`.
    """

    __Dynamics__: Any = None
    __DefaultObservationFunction__: Any = observation.Nothing
    __DefaultRewardFunction__: Any = reward.IsDone
    __DefaultInformationFunction__: Any = information.Nothing

    def __init__(
        self,
        observation_function: Any = "default",
        reward_function: Any = "default",
        information_function: Any = "default",
        scip_params: Mapping[str, Any] | None = None,
        **dynamics_kwargs: Any,
    ) -> None:
        self.observation_function = data.parse(
            observation_function, self.__DefaultObservationFunction__()
        )
        self.reward_function = data.parse(reward_function, self.__DefaultRewardFunction__())
        self.information_function = data.parse(
            information_function, self.__DefaultInformationFunction__()
        )
        self.scip_params = dict(scip_params) if scip_params is not None else {}
        self.dynamics = self.__Dynamics__(**dynamics_kwargs)
        self.can_transition = False
        self.random_engine = spawn_random_generator()
        self._episode = _Episode()
        self._finalizer = weakref.finalize(self, self._episode.close)

    @property
    def model(self) -> Model | None:
        """The current episode's model."""
        return self._episode.model

    def reset(self, instance: Any, *dynamics_args: Any, **dynamics_kwargs: Any) -> tuple[Any, ...]:
        """Start a new episode on ``instance`` (abandoning the running one).

        Returns
        -------
        observation, action_set, reward_offset, done, info
            ``observation`` is None when ``done`` (the instance was solved before any decision).
        """
        self.can_transition = False
        self._episode.close()
        model = _as_model(instance)
        self._episode.model = model
        self._episode.dynamics = self.dynamics
        try:
            model.set_params(self.scip_params)
            self.dynamics.set_dynamics_random_state(model, self.random_engine)
            self.reward_function.before_reset(model)
            self.observation_function.before_reset(model)
            self.information_function.before_reset(model)
            done, action_set = self.dynamics.reset_dynamics(
                model, *dynamics_args, **dynamics_kwargs
            )
            return self._outcome(model, done, action_set)
        except BaseException:
            self.can_transition = False
            self.dynamics.close()
            raise

    def step(self, action: Any, *dynamics_args: Any, **dynamics_kwargs: Any) -> tuple[Any, ...]:
        """Apply ``action`` and advance to the next decision.

        Returns
        -------
        observation, action_set, reward, done, info

        Raises
        ------
        MarkovError
            Before the first ``reset`` or after a terminal state.
        ValueError, TypeError
            An action outside the action set; the episode is then over (as in ecole).
        """
        if not self.can_transition:
            raise MarkovError("the environment needs a reset: no episode is running")
        model = self._episode.model
        assert model is not None
        try:
            done, action_set = self.dynamics.step_dynamics(
                model, action, *dynamics_args, **dynamics_kwargs
            )
            return self._outcome(model, done, action_set)
        except BaseException:
            self.can_transition = False
            self.dynamics.close()
            raise

    def _outcome(self, model: Model, done: bool, action_set: Any) -> tuple[Any, ...]:
        """What ``reset`` and ``step`` return once the dynamics moved: extract the reward (the
        offset, after ``reset``), the observation (None when done) and the information."""
        self.can_transition = not done
        reward = self.reward_function.extract(model, done)
        observation = None if done else self.observation_function.extract(model, done)
        info = self.information_function.extract(model, done)
        return observation, action_set, reward, done, info

    def seed(self, value: int) -> None:
        """Seed the generator that draws each episode's SCIP seeds."""
        self.random_engine.seed(value)

    def close(self) -> None:
        """End the running episode now and free its solver (also done by the next reset)."""
        self.can_transition = False
        self._episode.close()

    def __enter__(self) -> Environment:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class Branching(Environment):
    """Variable selection: at each branching decision the agent picks a candidate variable.

    The action set holds the candidates' indices in the transformed problem; ``step(None)``
    lets SCIP's own rules branch. ``pseudo_candidates=True`` offers every unfixed integer
    variable instead of the fractional ones. Default observation: :class:`NodeBipartite`.
    """

    __Dynamics__ = BranchingDynamics
    __DefaultObservationFunction__ = observation.NodeBipartite


class Configuring(Environment):
    """Algorithm configuration: one action (a dict of SCIP parameters), then a full solve."""

    __Dynamics__ = ConfiguringDynamics


class PrimalSearch(Environment):
    """Primal search: after nodes, the agent gives ``(variable indices, values)`` to try.

    Default observation: :class:`NodeBipartite`.
    """

    __Dynamics__ = PrimalSearchDynamics
    __DefaultObservationFunction__ = observation.NodeBipartite
