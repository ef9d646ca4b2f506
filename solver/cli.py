"""The ``solve`` command: solve one MIP instance with SCIP, optionally with the learned plugins.

Usage::

    solve INSTANCE [--time-limit S] [--gap G] [--seed N] [--preset default|literature]
          [--output FILE.sol] [--json] [--quiet]
          [--learned [--model NAME|PATH] [--any-instance]] [--workers N] [--verbose]
    solve --list-examples

INSTANCE is a file SCIP reads (``.mps``, ``.lp``, ``.cip``, ... optionally ``.gz``) or the name of
an example shipped in the package (``solve setcover``); a path that exists wins.

With ``--learned``, each learned model is used only on instances like those it was trained on
(:mod:`gnn.domain`); the summary's ``learned`` line says which components ran and why any was
left out. Without ``--model``, the shipped set trained on such instances is chosen, if any.

``--time-limit S`` bounds the whole command: it counts from the process's start, so start-up,
reading, the learned models' loading and SCIP's solve together take about ``S`` seconds (the
``--json`` field ``startup_seconds`` says when SCIP's solve began).

Exit codes (:mod:`solver.exit_codes`):

- 0: solved to optimality, or a limit (time, gap, ...) was reached with a solution;
- 1: no solution: the instance is infeasible or unbounded (``infeasible``, ``unbounded``,
  ``inforunbd``), or a limit was reached before any solution was found;
- 2: bad input: instance file, options, output path, or learned model (checked before solving);
- 3: internal error (one line; ``--verbose`` or ``NEURALMIP_DEBUG=1`` shows the traceback);
- 130: interrupted by Ctrl-C (SIGINT): the best solution found so far is reported and written
  with ``--output``.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import math
import os
import sys
import time
import traceback
from collections.abc import Sequence

import pyscipopt

from instances.errors import InstanceError
from instances.reading import list_examples, resolve_instance
from solver.exit_codes import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL_ERROR,
    EXIT_INTERRUPTED,
    EXIT_NO_SOLUTION,
    EXIT_OK,
)
from solver.plugins import LearnedModelError
from solver.settings import MAX_SEED, PRESETS, ScipParamError, parse_settings
from solver.solution import (
    INTERRUPTED_STATUS,
    NO_SOLUTION_STATUSES,
    OutputPathError,
    SolveResult,
    solve_instance,
)
from solver.time_budget import process_start

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INTERNAL_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_NO_SOLUTION",
    "EXIT_OK",
    "build_parser",
    "exit_code",
    "main",
]

#: Set to 1 to see the traceback of an internal error (same as ``--verbose``).
DEBUG_ENV_VAR = "NEURALMIP_DEBUG"

_EPILOG = f"""\
exit codes:
  {EXIT_OK:<4} solved to optimality, or a limit reached with a solution
  {EXIT_NO_SOLUTION:<4} no solution: infeasible, unbounded, or a limit reached before any solution
  {EXIT_BAD_INPUT:<4} bad input: instance file, options, output path or learned model (before solving)
  {EXIT_INTERNAL_ERROR:<4} internal error (--verbose or NEURALMIP_DEBUG=1 shows the traceback)
  {EXIT_INTERRUPTED:<4} interrupted by Ctrl-C: best solution so far reported and written with --output
"""


def _positive_seconds(text: str) -> float:
    value = float(text)
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return value


def _non_negative_gap(text: str) -> float:
    value = float(text)
    if not (math.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(f"must be a non-negative number, got {text!r}")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive whole number, got {text!r}")
    return value


def _seed(text: str) -> int:
    value = int(text)
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"must be in [0, {MAX_SEED}], got {text!r}")
    return value


def _add_solve_options(parser: argparse.ArgumentParser) -> None:
    """Limits, seed, preset and output options."""
    parser.add_argument(
        "--time-limit",
        type=_positive_seconds,
        metavar="S",
        help="wall-clock limit in seconds for the whole command, counted from its start",
    )
    parser.add_argument(
        "--gap", type=_non_negative_gap, metavar="G", help="stop at this relative gap (0.01 = 1%%)"
    )
    parser.add_argument("--seed", type=_seed, default=0, metavar="N", help="SCIP seed (default 0)")
    parser.add_argument(
        "--scip-param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a SCIP parameter set after the preset (and a model set's own), e.g. "
        "limits/nodes=1000 (repeatable)",
    )
    parser.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        default="default",
        help="SCIP settings: "
        + "; ".join(f"{p.name}: {p.description.rstrip('.')}" for p in PRESETS.values()),
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE.sol", help="write the best solution in SCIP's .sol format"
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object on one line (hides SCIP's log)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="hide SCIP's log")


def _add_learned_options(parser: argparse.ArgumentParser) -> None:
    """``--learned`` and the options that choose its models."""
    parser.add_argument(
        "--learned", action="store_true", help="include the learned branching and diving plugins"
    )
    parser.add_argument(
        "--model",
        metavar="NAME|PATH",
        help="learned model to use with --learned (default: the shipped set trained on "
        "instances like this one, or none)",
    )
    parser.add_argument(
        "--any-instance",
        action="store_true",
        help="use the learned models even on instances unlike those they were trained on "
        "(by default such a model is left out, and SCIP's own rule decides)",
    )
    parser.add_argument(
        "--branching-param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="with --learned: a setting of the learned rule on top of the model set's "
        "(solver.branching.BranchingRuleConfig field), e.g. max_depth=4 (repeatable)",
    )
    parser.add_argument(
        "--diving-param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="with --learned: a setting of neural diving on top of the model set's "
        "(solver.diving.NeuralDivingConfig field), e.g. refine_calls=3 (repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Build the ``solve`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="solve",
        description=(
            "Solve a MIP instance with SCIP, optionally with neuralmip's learned branching and\n"
            "diving. INSTANCE is a file (.mps, .lp, .cip, ... optionally .gz) or the name of a\n"
            "shipped example (see --list-examples)."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("instance", nargs="?", metavar="INSTANCE", help="file or example name")
    parser.add_argument(
        "--list-examples", action="store_true", help="list the shipped example instances and exit"
    )
    _add_solve_options(parser)
    _add_learned_options(parser)
    parser.add_argument(
        "--workers",
        type=_positive_int,
        default=1,
        metavar="N",
        help="race N differently seeded solves (seeds SEED, SEED+1, ...) in threads; the first to "
        "prove optimality stops the others and the best solution of any is kept",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="debug logging; tracebacks on internal errors"
    )
    return parser


def exit_code(result: SolveResult) -> int:
    """The process exit code for a solve's result (see the module docstring)."""
    if result.status == INTERRUPTED_STATUS:
        return EXIT_INTERRUPTED
    if result.status in NO_SOLUTION_STATUSES or not result.has_solution:
        return EXIT_NO_SOLUTION
    return EXIT_OK


def _format_number(value: float | None) -> str:
    return "-" if value is None else f"{value:.10g}"


def _print_human(result: SolveResult) -> None:
    gap = "-" if result.gap is None else f"{100 * result.gap:.4g} %"
    rows = [
        ("instance", result.instance),
        ("status", result.status),
        ("objective", _format_number(result.objective)),
        ("dual bound", _format_number(result.dual_bound)),
        ("gap", gap),
        ("nodes", str(result.nodes)),
        ("time", f"{result.time:.2f} s"),
        ("solutions", str(result.solutions)),
    ]
    if result.solution_file is not None:
        rows.append(("solution file", result.solution_file))
    if result.learned_plugins is not None:
        rows.append(("learned", result.learned_plugins))
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}} : {value}")


def _print_json(result: SolveResult) -> None:
    record = result.to_dict()
    record["scip_version"] = str(pyscipopt.Model().version())
    record["pyscipopt_version"] = pyscipopt.__version__
    print(json.dumps(record, allow_nan=False))


def _solve(args: argparse.Namespace, started: float) -> SolveResult:
    """One solve, or a race of ``--workers`` solves, as ``args`` ask; the time limit counts
    from ``started``."""
    path = resolve_instance(args.instance)
    solve = solve_instance
    if args.workers > 1:
        from functools import partial

        from solver.racing import race_instance  # threads and their clean-up: only when racing

        solve = partial(race_instance, n_workers=args.workers)
    return solve(
        path,
        time_limit=args.time_limit,
        gap=args.gap,
        seed=args.seed,
        preset=PRESETS[args.preset],
        scip_params=args.scip_params,
        learned=args.learned,
        model_path=args.model,
        check_domain=not args.any_instance,
        branching_params=args.branching_params,
        diving_params=args.diving_params,
        solution_path=args.output,
        show_log=not (args.quiet or args.json),
        started=started,
    )


def _run(args: argparse.Namespace, started: float) -> int:
    if args.list_examples:
        for name, path in list_examples().items():
            print(f"{name}\t{path}")
        return EXIT_OK
    try:
        result = _solve(args, started)
    except (InstanceError, ScipParamError, OutputPathError, LearnedModelError) as err:
        print(f"solve: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        _print_json(result)
    else:
        if not args.quiet:
            print()
        _print_human(result)
    if args.output is not None and result.solution_file is None:
        print(f"solve: {args.output}: no solution to write", file=sys.stderr)
    if result.status == INTERRUPTED_STATUS:
        print("solve: interrupted", file=sys.stderr)
    return exit_code(result)


def main(argv: Sequence[str] | None = None, *, started: float | None = None) -> int:
    """Run ``solve``; returns the process exit code (see the module docstring).

    Parameters
    ----------
    argv
        The arguments; None (default): ``sys.argv[1:]``, as the console script runs it.
    started
        The ``time.monotonic()`` instant ``--time-limit`` counts from. None (default): the
        process's start (:func:`solver.time_budget.process_start`) when ``argv`` is None, so
        that the interpreter's start, imports, reading, profiling and model loading are
        charged to the limit; this call's start when ``argv`` is given (a caller in a
        longer-running process).
    """
    if started is None:
        started = process_start() if argv is None else time.monotonic()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.instance is None and not args.list_examples:
        parser.error("INSTANCE is required (a file or a shipped example; see --list-examples)")
    if args.model is not None and not args.learned:
        parser.error("--model needs --learned")
    if args.any_instance and not args.learned:
        parser.error("--any-instance needs --learned")
    if (args.branching_param or args.diving_param) and not args.learned:
        parser.error("--branching-param and --diving-param need --learned")
    try:
        args.scip_params = parse_settings(args.scip_param, "--scip-param")
        args.branching_params = parse_settings(args.branching_param, "--branching-param")
        args.diving_params = parse_settings(args.diving_param, "--diving-param")
    except ValueError as error:
        parser.error(str(error))
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    code = _run_guarded(args, started)
    if argv is None:
        # The process ends now: frozen, what it holds (torch's modules, the models) is left out
        # of the garbage collection of the interpreter's exit, which otherwise takes about a
        # second on a busy machine after the time limit's end.
        gc.freeze()
    return code


def _run_guarded(args: argparse.Namespace, started: float) -> int:
    """:func:`_run`, with Ctrl-C and internal errors turned into their exit codes."""
    debug = args.verbose or os.environ.get(DEBUG_ENV_VAR, "") not in ("", "0")
    try:
        return _run(args, started)
    except KeyboardInterrupt:
        print("solve: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as err:  # the last line of defence: one line, never a traceback
        if debug:
            traceback.print_exc()
        message = " ".join(str(err).split()) or type(err).__name__
        print(f"solve: internal error: {message}", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
