"""The observation-function protocol (ecole's ``typing.ObservationFunction``)."""

from __future__ import annotations

from typing import Protocol, TypeVar, runtime_checkable

import pyscipopt

__all__ = ["ObservationFunction"]

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
