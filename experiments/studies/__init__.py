"""One-off studies: each script answers one question about the pipeline (see ``README.md``).

They are not pipeline stages: run one with ``python -m experiments.studies.NAME --help``.
"""
