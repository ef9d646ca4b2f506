"""ecole's ``scip.Model``: a SCIP problem owned by Python, convertible to and from PySCIPOpt.

ecole kept its own C++ handle on SCIP; here the handle is a :class:`pyscipopt.Model`, so
:meth:`Model.as_pyscipopt` returns the very model the solver works on (a view: changes made
through it are seen by the environment, as in ecole).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import IntEnum
from typing import Any

import pyscipopt
from pyscipopt import SCIP_STAGE

from instances.generators import write_instance
from instances.reading import read_instance
from solver.settings import apply_scip_params

__all__ = ["Model", "ScipError", "Stage"]


class ScipError(RuntimeError):
    """A SCIP call failed (ecole's ``scip.Exception``)."""


class Stage(IntEnum):
    """SCIP's solving stages, with ecole's names."""

    Init = SCIP_STAGE.INIT
    Problem = SCIP_STAGE.PROBLEM
    Transforming = SCIP_STAGE.TRANSFORMING
    Transformed = SCIP_STAGE.TRANSFORMED
    InitPresolve = SCIP_STAGE.INITPRESOLVE
    Presolving = SCIP_STAGE.PRESOLVING
    ExitPresolve = SCIP_STAGE.EXITPRESOLVE
    Presolved = SCIP_STAGE.PRESOLVED
    InitSolve = SCIP_STAGE.INITSOLVE
    Solving = SCIP_STAGE.SOLVING
    Solved = SCIP_STAGE.SOLVED
    ExitSolve = SCIP_STAGE.EXITSOLVE
    FreeTrans = SCIP_STAGE.FREETRANS
    Free = SCIP_STAGE.FREE


class Model:
    """A SCIP problem (ecole's ``ecole.scip.Model``).

    Build one with :meth:`from_file`, :meth:`from_pyscipopt` or :meth:`prob_basic`; instance
    generators yield them. The model owns its SCIP instance and frees it in :meth:`free` (also
    called when the object is garbage collected).
    """

    def __init__(self, pyscipopt_model: pyscipopt.Model) -> None:
        if not isinstance(pyscipopt_model, pyscipopt.Model):
            raise TypeError(f"expected a pyscipopt.Model, got {type(pyscipopt_model).__name__}")
        self._model: pyscipopt.Model | None = pyscipopt_model

    # -- construction ----------------------------------------------------------------------

    @staticmethod
    def from_file(filepath: str | os.PathLike[str]) -> Model:
        """Read a problem file (any format SCIP reads by extension), validated.

        Raises
        ------
        instances.errors.InstanceError
            One line naming the file and what is wrong with it.
        """
        model = read_instance(filepath)
        model.hideOutput()  # quiet, as ecole's models were; set_messagehdlr_quiet(False) undoes it
        return Model(model)

    @staticmethod
    def from_pyscipopt(model: pyscipopt.Model) -> Model:
        """Wrap ``model``; the new object owns it from now on (as ecole's took the pointer)."""
        return Model(model)

    @staticmethod
    def prob_basic(name: str = "Model") -> Model:
        """An empty problem with SCIP's default plugins."""
        model = pyscipopt.Model(name)
        model.hideOutput()
        return Model(model)

    def copy_orig(self) -> Model:
        """A new model holding a copy of this one's original problem (no plugins of Python)."""
        return Model.copy_of(self.as_pyscipopt())

    @staticmethod
    def copy_of(source: pyscipopt.Model) -> Model:
        """A new, quiet model holding a copy of ``source``'s original problem; ``source`` stays
        its caller's."""
        copy = pyscipopt.Model(sourceModel=source, origcopy=True)
        # A copy shares its source's message handler: quiet the copy by its verbosity, not the
        # shared handler (hideOutput would quiet ``source`` too).
        copy.setParam("display/verblevel", 0)
        return Model(copy)

    # -- access ----------------------------------------------------------------------------

    def as_pyscipopt(self) -> pyscipopt.Model:
        """The underlying :class:`pyscipopt.Model` (a view: do not free it yourself)."""
        if self._model is None:
            raise ScipError("this model was freed")
        return self._model

    def free(self) -> None:
        """Free the SCIP instance now; the object is unusable afterwards."""
        model, self._model = self._model, None
        if model is not None:
            # PySCIPOpt 6's ``free`` also frees SCIP itself and breaks the model <-> plugin
            # reference cycle; ``freeProb`` alone leaks the SCIP instance of a model with plugins.
            release = getattr(model, "free", model.freeProb)
            release()

    def __del__(self) -> None:
        try:
            self.free()
        except Exception:  # the interpreter may be shutting down; nothing useful to do
            pass

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        return self._model is other._model

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        if self._model is None:
            return "Model(freed)"
        return f"Model(name={self.name!r}, stage={self.stage.name})"

    @property
    def name(self) -> str:
        """The problem's name."""
        return str(self.as_pyscipopt().getProbName())

    @name.setter
    def name(self, value: str) -> None:
        self.as_pyscipopt().setProbName(value)

    @property
    def stage(self) -> Stage:
        """SCIP's current stage."""
        return Stage(int(self.as_pyscipopt().getStage()))

    def set_messagehdlr_quiet(self, quiet: bool) -> None:
        """Silence (or restore) SCIP's output."""
        self.as_pyscipopt().hideOutput(quiet)

    # -- parameters ------------------------------------------------------------------------

    def get_param(self, name: str) -> Any:
        """The value of SCIP parameter ``name``."""
        return self.as_pyscipopt().getParam(name)

    def set_param(self, name: str, value: Any) -> None:
        """Set one SCIP parameter, with the project's checks (``ScipParamError`` if wrong)."""
        apply_scip_params(self.as_pyscipopt(), {name: value})

    def get_params(self) -> dict[str, Any]:
        """Every SCIP parameter and its value."""
        return dict(self.as_pyscipopt().getParams())

    def set_params(self, name_values: Mapping[str, Any]) -> None:
        """Set several SCIP parameters; every name and type is checked before any is set."""
        apply_scip_params(self.as_pyscipopt(), name_values)

    def disable_cuts(self) -> None:
        """Turn separation off."""
        self.as_pyscipopt().setSeparating(pyscipopt.SCIP_PARAMSETTING.OFF)

    def disable_presolve(self) -> None:
        """Turn presolving off."""
        self.as_pyscipopt().setPresolve(pyscipopt.SCIP_PARAMSETTING.OFF)

    # -- files and solving -----------------------------------------------------------------

    def write_problem(self, filepath: str | os.PathLike[str]) -> None:
        """Write the original problem; the format comes from the extension (``.mps``, ``.lp``)."""
        write_instance(self.as_pyscipopt(), filepath)

    def transform_prob(self) -> None:
        """Transform the problem (SCIP stage TRANSFORMED)."""
        self.as_pyscipopt().transformProb()

    def presolve(self) -> None:
        """Presolve the problem."""
        self.as_pyscipopt().presolve()

    def solve(self) -> None:
        """Solve the problem to the end (or a limit)."""
        self.as_pyscipopt().optimize()

    @property
    def is_solved(self) -> bool:
        """Whether SCIP finished solving (stage SOLVED: optimal, infeasible or a limit)."""
        return self.stage == Stage.Solved

    def _unsolved_bound(self, primal: bool) -> float | None:
        """The bound before solving starts (SCIP's bound getters crash in stage PROBLEM)."""
        model = self.as_pyscipopt()
        if model.getStage() not in (SCIP_STAGE.INIT, SCIP_STAGE.PROBLEM):
            return None
        maximize = model.getObjectiveSense() == "maximize"
        infinity = float(model.infinity())
        return -infinity if primal == maximize else infinity

    @property
    def primal_bound(self) -> float:
        """The best primal bound (objective of the incumbent, or infinity before one)."""
        bound = self._unsolved_bound(primal=True)
        return float(self.as_pyscipopt().getPrimalbound()) if bound is None else bound

    @property
    def dual_bound(self) -> float:
        """The global dual bound (minus infinity for a minimisation before solving)."""
        bound = self._unsolved_bound(primal=False)
        return float(self.as_pyscipopt().getDualbound()) if bound is None else bound
