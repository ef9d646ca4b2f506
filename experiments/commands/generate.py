"""``neuralmip generate``: write a reproducible batch of generated MIP instances.

Example::

    neuralmip generate setcover --preset easy --count 100 --seed 0 --out data/setcover/easy
    neuralmip generate indset --preset tiny --param n_nodes=80 --count 5 --out data/indset
"""

from __future__ import annotations

import argparse
import sys

from experiments.cli import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK
from instances.generators import (
    GENERATORS,
    LEVELS,
    generate_instances,
    override_params,
    preset,
)
from solver.settings import parse_name_values

__all__ = ["add_parser", "run", "parse_param_overrides"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``generate`` sub-command."""
    parser = subparsers.add_parser(
        "generate",
        help="generate instances of a shipped class or another family (see CLASS)",
        description=(
            "Generate COUNT instances of one class into OUT as MPS files, with a manifest.json "
            "recording parameters, seeds, hashes, library versions and this command. Re-running "
            "the same command keeps existing identical files."
        ),
    )
    parser.add_argument(
        "class_name", metavar="CLASS", help=f"instance class: {', '.join(GENERATORS)}"
    )
    parser.add_argument(
        "--preset",
        default="easy",
        metavar="LEVEL",
        help=f"size preset: {', '.join(LEVELS)} (default: easy, Gasse et al.'s training size)",
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override one generator parameter, e.g. --param n_rows=200 (repeatable)",
    )
    parser.add_argument("--count", type=int, default=1, help="number of instances (default: 1)")
    parser.add_argument("--seed", type=int, default=0, help="master seed of the batch (default: 0)")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")
    parser.set_defaults(func=run)


def parse_param_overrides(items: list[str]) -> dict[str, str]:
    """Turn ``["n_rows=200", ...]`` into ``{"n_rows": "200", ...}``.

    Raises
    ------
    ValueError
        For an item without ``=`` or with an empty name.
    """
    return parse_name_values(items, "--param")


def run(args: argparse.Namespace) -> int:
    """Generate the batch described by ``args``; print where it went."""
    try:
        if args.count < 1:
            raise ValueError(f"--count must be >= 1, got {args.count}")
        if args.seed < 0:
            raise ValueError(f"--seed must be >= 0, got {args.seed}")
        params = override_params(
            preset(args.class_name, args.preset), parse_param_overrides(args.param)
        )
        paths = generate_instances(
            args.class_name, params, args.count, args.seed, args.out, command=_command_line(args)
        )
    except ValueError as error:
        print(f"neuralmip generate: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(
            f"neuralmip generate: cannot write to {args.out}: {error.strerror or error}",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    out_dir = paths[0].parent
    print(
        f"wrote {len(paths)} {args.class_name} instance(s) to {out_dir} (manifest: {out_dir / 'manifest.json'})"
    )
    return EXIT_OK


def _command_line(args: argparse.Namespace) -> list[str]:
    """The canonical command that reproduces this batch (recorded in the manifest)."""
    command = ["neuralmip", "generate", args.class_name, "--preset", args.preset]
    for item in args.param:
        command += ["--param", item]
    command += ["--count", str(args.count), "--seed", str(args.seed), "--out", str(args.out)]
    return command
