"""What SCIP sees: SCIP settings and seeding, the learned plugins and the ``solve`` command.

Importing :mod:`solver` stays light (no torch): the ``solve`` command starts fast, and torch is
loaded only when learned plugins are included.
"""

from solver.plugins import LearnedModelError, include_learned_plugins
from solver.settings import DEFAULT, LITERATURE, ScipPreset, apply_scip_params, seed_scip
from solver.settings import PRESETS as SCIP_PRESETS
from solver.setup import LearnedSetup, SolveSetup, configure_model
from solver.solution import SolveResult, solve_instance

__all__ = [
    "DEFAULT",
    "LITERATURE",
    "SCIP_PRESETS",
    "LearnedModelError",
    "LearnedSetup",
    "ScipPreset",
    "SolveResult",
    "SolveSetup",
    "apply_scip_params",
    "configure_model",
    "include_learned_plugins",
    "seed_scip",
    "solve_instance",
]
