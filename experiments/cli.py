"""The ``neuralmip`` command: one entry point, one sub-command module per pipeline stage.

Each module in :mod:`experiments.commands` exposes ``add_parser(subparsers)``, which registers
its sub-command and sets ``func`` (a callable ``(argparse.Namespace) -> int``) as default.
Configs are parsed here, at the edge; library code receives frozen dataclasses.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

# Exit codes shared by every sub-command (documented in the README), defined once for both
# commands; re-exported here.
from solver.exit_codes import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK

__all__ = [
    "COMMAND_MODULES",
    "EXIT_BAD_INPUT",
    "EXIT_FAILURE",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "build_parser",
    "main",
    "recorded_command",
]

#: Sub-command modules under :mod:`experiments.commands`, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "generate",
    "bench",
    "report",
    "collect",
    "train",
    "domain",
    "pack",
    "fit",
)


def recorded_command(args: argparse.Namespace) -> list[str]:
    """The command line a sub-command records in what it writes: ``neuralmip`` and the
    arguments :func:`main` was given (``neuralmip SUBCOMMAND`` for ``args`` parsed elsewhere),
    never the path of the script or interpreter, which names one machine."""
    given = getattr(args, "argv", None)
    return ["neuralmip", *given] if given else ["neuralmip", args.command]


def build_parser() -> argparse.ArgumentParser:
    """Build the ``neuralmip`` argument parser with every registered sub-command."""
    parser = argparse.ArgumentParser(
        prog="neuralmip",
        description="neuralmip: generate instances, collect data, train, benchmark, report.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"experiments.commands.{name}")
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``neuralmip``; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = [str(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("neuralmip: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
