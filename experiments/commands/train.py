"""``neuralmip train``: fit a branching or diving model on collected data.

Examples (the README's pipeline)::

    neuralmip train --kind branching --data data/sb/setcover --model hybrid \\
        --out models/branching-setcover.pt --seed 0
    neuralmip train --kind diving --data data/sols/setcover \\
        --out models/diving-setcover.pt --seed 0

Each kind lives in its own module (:data:`KIND_MODULES`), which provides ``CONFIG`` (its
:class:`experiments.training.TrainConfig` subclass), ``add_arguments(parser)`` for the options
of that kind alone, ``TRAIN(config, command) -> metrics`` and ``summary(config, metrics)``, the
line printed when done. The options both kinds share are declared once
here (:func:`experiments.training.add_shared_arguments`), with each kind's default in the help.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

from experiments.cli import EXIT_BAD_INPUT, EXIT_OK, recorded_command

__all__ = ["KIND_MODULES", "add_parser", "run"]

#: ``--kind`` -> the module that trains it.
KIND_MODULES: dict[str, str] = {
    "branching": "experiments.train_branching",
    "diving": "experiments.train_diving",
}


def _kind_module(kind: str) -> ModuleType | None:
    name = KIND_MODULES[kind]
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:  # the module exists but one of its imports is missing: a bug
            raise
        return None


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``train`` sub-command."""
    from experiments.training import add_shared_arguments

    parser = subparsers.add_parser(
        "train",
        help="train a branching or diving model on collected data",
        description="Train a model on collected data and write one checkpoint file (.pt) with "
        "its config, metrics, training domain, feature schema and library versions, plus a "
        ".json beside it. Progress (epoch, losses, ETA) is logged with neuralmip -v.",
    )
    parser.add_argument("--kind", required=True, choices=tuple(KIND_MODULES), help="what to train")
    parser.add_argument("--out", required=True, metavar="FILE.pt", help="checkpoint to write")
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of split, weights, batches (default: 0)"
    )
    modules = {kind: _kind_module(kind) for kind in KIND_MODULES}
    available = {kind: module for kind, module in modules.items() if module is not None}
    add_shared_arguments(parser, {kind: module.CONFIG for kind, module in available.items()})
    for module in available.values():
        module.add_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Train the model of ``--kind``; bad input (and a missing kind module) exits 2."""
    from experiments.training import config_from_args

    module = _kind_module(args.kind)
    if module is None:
        print(
            f"neuralmip train: --kind {args.kind} is not available in this build "
            f"(module {KIND_MODULES[args.kind]} is missing)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    try:
        config = config_from_args(module.CONFIG, args)
        metrics = module.TRAIN(config, command=" ".join(recorded_command(args)))
    except ValueError as error:
        print(f"neuralmip train: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(module.summary(config, metrics))
    return EXIT_OK
