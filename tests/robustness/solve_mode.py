"""``python -m tests.robustness.solve_mode MODE INSTANCE ...``: the ``solve`` command in one mode.

The subprocess tests (time limits, Ctrl-C) run this instead of ``solve`` so that every mode of
:mod:`tests.robustness.modes` goes through the same code path as the command line:
:func:`solver.solution.solve_instance`, the same output and the same exit codes.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Sequence

from solver.cli import exit_code
from solver.solution import INTERRUPTED_STATUS, solve_instance
from tests.robustness.modes import mode_by_id, stalled

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Solve one instance in one mode; print the result as one JSON line; the ``solve`` exit code."""
    parser = argparse.ArgumentParser(prog="solve_mode")
    parser.add_argument("mode")
    parser.add_argument("instance")
    parser.add_argument("--time-limit", type=float)
    parser.add_argument("--output")
    parser.add_argument("--stall", type=float, default=0.0, help="delay every inference call")
    args = parser.parse_args(argv)
    mode = mode_by_id(args.mode)
    # Imports (torch: seconds on a busy machine) are start-up, like the interpreter's own.
    for module in mode.imports:
        importlib.import_module(module)
    started = time.monotonic()
    if args.stall > 0:
        mode = stalled(mode, args.stall)
    result = solve_instance(
        args.instance,
        time_limit=args.time_limit,
        solution_path=args.output,
        show_log=True,
        plugins=mode.include,
    )
    record = result.to_dict()
    # The call's own wall time (reading, plugins, solve, writing), without interpreter start-up.
    record["call_seconds"] = time.monotonic() - started
    print(json.dumps(record), flush=True)
    if result.status == INTERRUPTED_STATUS:
        print("solve: interrupted", file=sys.stderr)
    return exit_code(result)


if __name__ == "__main__":
    sys.exit(main())
