"""Sub-commands of ``neuralmip``; see :mod:`experiments.cli`."""
