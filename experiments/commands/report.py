"""``neuralmip report DIR``: write the Markdown report and plots of a benchmark folder."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Register the ``report`` sub-command."""
    parser = subparsers.add_parser(
        "report",
        help="write report.md and plots for a benchmark folder",
        description="Summarise DIR/results.jsonl into DIR/report.md, DIR/runs.csv and PNG plots.",
    )
    parser.add_argument("folder", metavar="DIR", help="a folder written by `neuralmip bench`")
    parser.add_argument("--out", default=None, help="write the report here instead of DIR")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the report; 0 on success, 2 when DIR is not a benchmark folder."""
    from experiments.report import ReportError, write_report

    try:
        print(write_report(args.folder, args.out))
    except ReportError as err:
        print(f"neuralmip report: {err}", file=sys.stderr)
        return 2
    return 0
