"""The observation-function protocol (ecole's ``typing.ObservationFunction``).

Every observation function of the package, and every one a plugin accepts (the learned branching
rule's, the diving heuristic's), follows :class:`ObservationFunction`. A branching rule can
read the candidates' features alone more cheaply where the function offers it
(:class:`CandidateObservationFunction`).
"""

from __future__ import annotations

from typing import Protocol, TypeVar, runtime_checkable

import numpy as np
import pyscipopt

__all__ = ["CandidateObservationFunction", "ObservationFunction"]

ObservationT_co = TypeVar("ObservationT_co", covariant=True)


@runtime_checkable
class ObservationFunction(Protocol[ObservationT_co]):
    """Turns the state of a SCIP model into an observation.

    ``before_reset`` is called once before each solve (an episode, in ecole's words) so that the
    function can drop what it cached about a previous model; ``extract`` is called whenever an
    observation is wanted and returns ``None`` where none can be made in the model's state.
    """

    def before_reset(self, model: pyscipopt.Model) -> None:
        """Forget everything cached about previous models."""
        ...

    def extract(self, model: pyscipopt.Model) -> ObservationT_co | None:
        """Observe ``model`` now, or return ``None`` where its state allows no observation."""
        ...


@runtime_checkable
class CandidateObservationFunction(ObservationFunction[ObservationT_co], Protocol[ObservationT_co]):
    """An observation function that can also observe some variables alone, more cheaply (e.g.
    :class:`gnn.observation.NodeBipartite`, for a branching rule's candidates after the root)."""

    def candidate_features(
        self, model: pyscipopt.Model, candidates: list[pyscipopt.Variable]
    ) -> np.ndarray | None:
        """The variable feature rows of ``candidates``, as :meth:`extract` would give them
        (None where the model's state allows no observation)."""
        ...
