"""``neuralmip fit``: learned models for one family of instances, tuned, gated and tested.

Examples::

    neuralmip fit data/mine/ --out models/mine --budget 1h
    neuralmip fit --generate setcover --preset easy --count 40 --out models/sc --budget 2h
    neuralmip fit data/mine/ --out models/mine --budget 1h --resume   # after Ctrl-C or a kill

Exit codes: 0 done, 2 bad input (nothing done, or nothing can be), 130 interrupted (the state
is kept: ``--resume`` continues), 1 another failure (a full disk: free space, then resume).
"""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from experiments.cli import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK

if TYPE_CHECKING:
    from experiments.fit.config import FitConfig

__all__ = ["add_parser", "config_from_args", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``fit`` sub-command."""
    parser = subparsers.add_parser(
        "fit",
        help="fit, tune and validate learned models for your own family of instances",
        description=(
            "Split the instances into training, validation and test sets, measure SCIP's "
            "default, collect data, train both models, tune and gate them against SCIP's "
            "default on the validation set, write a model set that `solve X --learned --model "
            "MODELSET` uses, and test it on the held-out instances (MODELSET/report.md). A "
            "component goes in only if it helps. The fit keeps its state in MODELSET/fit: a "
            "killed or interrupted fit continues with --resume."
        ),
    )
    parser.add_argument(
        "instances", nargs="*", type=Path, metavar="INSTANCES",
        help="instance files or folders of one family (.mps, .lp, .cip, optionally .gz)",
    )  # fmt: skip
    parser.add_argument("--generate", metavar="CLASS", help="generate the instances instead")
    parser.add_argument("--preset", default="easy", help="with --generate (default: easy)")
    parser.add_argument("--count", type=int, default=30, help="instances to generate (default: 30)")
    parser.add_argument(
        "--out", required=True, type=Path, metavar="MODELSET", help="model set folder"
    )
    parser.add_argument(
        "--budget", default="1h",
        help="time for the whole fit: 3600, 90s, 20m, 1h, 1h30m (default: 1h)",
    )  # fmt: skip
    parser.add_argument("--workers", type=int, default=1, help="solves at once (default: 1)")
    parser.add_argument("--ray", metavar="auto|ADDRESS", help="run the solves on a Ray cluster")
    parser.add_argument("--resume", action="store_true", help="continue the fit in MODELSET")
    parser.add_argument(
        "--redo-from", metavar="STAGE",
        help="with --resume: run STAGE and the later stages again from scratch (e.g. gate: "
        "decide again from the stored tuning figures, then write and test the set again)",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=0, help="master seed (default: 0)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    parser.set_defaults(func=run)


def config_from_args(args: argparse.Namespace) -> FitConfig:
    """The :class:`experiments.fit.config.FitConfig` of ``args`` (a ``FitError`` when bad)."""
    from experiments.fit.config import FitConfig, FitError, parse_budget

    if args.instances and args.generate:
        raise FitError("give INSTANCES or --generate CLASS, not both")
    return FitConfig(
        out=args.out,
        inputs=tuple(args.instances),
        generate=args.generate,
        preset=args.preset,
        count=args.count,
        budget_s=parse_budget(args.budget),
        workers=args.workers,
        ray=args.ray,
        resume=args.resume,
        redo_from=args.redo_from,
        seed=args.seed,
        command=_command_line(args),
    )


def _command_line(args: argparse.Namespace) -> tuple[str, ...]:
    """The command that reproduces this fit (recorded in the checkpoints and the manifest)."""
    command = ["neuralmip", "fit", *map(str, args.instances)]
    if args.generate:
        command += [
            "--generate",
            args.generate,
            "--preset",
            args.preset,
            "--count",
            str(args.count),
        ]
    command += ["--out", str(args.out), "--budget", args.budget, "--seed", str(args.seed)]
    command += ["--workers", str(args.workers)] + (["--ray", args.ray] if args.ray else [])
    return tuple(command)


def run(args: argparse.Namespace) -> int:
    """Run the fit ``args`` describe; returns the exit code."""
    from experiments.fit.config import FitError
    from experiments.fit.pipeline import run_fit

    try:
        config = config_from_args(args)
        outcome = run_fit(config, quiet=args.quiet)
    except FitError as error:
        print(f"neuralmip fit: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(
            f"neuralmip fit: interrupted; the state is kept in {args.out}/fit: run the same "
            "command with --resume to continue",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except OSError as error:
        print(f"neuralmip fit: {_describe_os_error(error)}", file=sys.stderr)
        return EXIT_FAILURE
    where = f"; report: {outcome.report}" if outcome.report else ""
    print(
        f"model set written to {outcome.out} in {outcome.seconds:.0f} s "
        f"(budget {config.budget_s:.0f} s){where}"
    )
    return EXIT_OK


def _describe_os_error(error: OSError) -> str:
    """One line for a failed write; a full disk says how to go on."""
    where = f"{error.filename}: " if error.filename else ""
    if error.errno == errno.ENOSPC:
        return (
            f"{where}the disk is full; the finished stages are kept: free some space, then run "
            "the same command with --resume"
        )
    return f"{where}{error.strerror or error}"
