"""``neuralmip fit``: learned models for one family of instances, fitted, tuned and validated.

The stages (:mod:`experiments.fit.pipeline`) discover and split the instances, measure SCIP's
default on the validation split, collect data and train both models on the training split,
tune and gate the components on the validation split, write the model set, test it on the
test split and report. The budget (:mod:`experiments.fit.budget`) is spread over the stages,
and a resumable state (:mod:`experiments.fit.state`) lets an interrupted fit continue.
"""

from experiments.fit.config import FitConfig, FitError

__all__ = ["FitConfig", "FitError"]
