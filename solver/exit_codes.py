"""Process exit codes of the ``solve`` and ``neuralmip`` commands, defined once.

- :data:`EXIT_OK` (0): done (``solve``: solved to optimality, or a limit reached with a
  solution);
- :data:`EXIT_FAILURE` (1): the command ran and failed; for ``solve`` this is
  :data:`EXIT_NO_SOLUTION`: infeasible, unbounded, or a limit reached before any solution;
- :data:`EXIT_BAD_INPUT` (2): bad input (files, options, configs), refused before any work;
- :data:`EXIT_INTERNAL_ERROR` (3): an internal error;
- :data:`EXIT_INTERRUPTED` (130): interrupted by Ctrl-C (SIGINT), as shells report it.
"""

from __future__ import annotations

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FAILURE",
    "EXIT_INTERNAL_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_NO_SOLUTION",
    "EXIT_OK",
]

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_NO_SOLUTION = EXIT_FAILURE
EXIT_BAD_INPUT = 2
EXIT_INTERNAL_ERROR = 3
EXIT_INTERRUPTED = 130
