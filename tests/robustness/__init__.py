"""Robustness: property tests, fuzzing, fault injection, memory, limits and interrupts.

Every test that solves runs in the modes of :mod:`tests.robustness.modes` (the one place they
are defined). The default run keeps to about a minute; the long campaigns are marked slow::

    pytest tests/robustness                  # default run
    pytest -m slow tests/robustness          # the long campaigns (thousands of inputs, MIPLIB)
    python -m experiments.studies.fuzz --inputs 3000 --checkpoints 300 --seed 1 --out runs/fuzz
"""
