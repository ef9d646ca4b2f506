"""Neural Diving's loss: energy-weighted soft targets and SelectiveNet's coverage control.

Training signal. For an instance with feasible solutions :math:`x^{(1..S)}` and objective values
:math:`c^T x^{(s)}`, the solutions are weighted by

.. math:: w_s = \\mathrm{softmax}_s\\big(-\\sigma\\,(c^T x^{(s)} - c^*) / (T \\max(|c^*|, 1))\\big)

with :math:`\\sigma = +1` for minimisation and :math:`-1` for maximisation, :math:`c^*` the best
objective and :math:`T` a temperature (energy relative to the best, so one temperature fits
instances of any objective scale). Because the binary cross-entropy is linear in its target,
:math:`\\sum_s w_s \\mathrm{BCE}(\\ell_i, x^{(s)}_i) = \\mathrm{BCE}(\\ell_i, \\sum_s w_s x^{(s)}_i)`:
the energy-weighted multi-solution loss equals a cross-entropy against one soft target per
variable, which :func:`soft_targets` computes.

Coverage control (SelectiveNet, Geifman and El-Yaniv 2019, as in Nair et al.): with selection
probabilities :math:`g_i` over the binary variables, the loss is
:math:`\\alpha\\,(\\sum_i g_i L_i / \\sum_i g_i + \\lambda \\max(0, C - \\bar g)^2) + (1 - \\alpha)\\,\\bar L`
for a coverage target :math:`C`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor

__all__ = ["DivingLoss", "diving_loss", "soft_targets"]


def soft_targets(
    solutions: np.ndarray,
    objectives: np.ndarray,
    *,
    maximize: bool,
    temperature: float,
) -> np.ndarray:
    """Energy-weighted mean of the solutions: one target in [0, 1] per variable.

    Parameters
    ----------
    solutions
        ``(n_solutions, n_variables)`` values (binary columns in {0, 1}).
    objectives
        ``(n_solutions,)`` objective values in the original sense.
    maximize
        Whether the problem maximises (then higher objectives get more weight).
    temperature
        Softmax temperature on the relative objective gap; small values trust the best solution.

    Returns
    -------
    numpy.ndarray
        ``(n_variables,)`` float32 targets ``sum_s w_s x_s``.
    """
    solutions = np.asarray(solutions, dtype=np.float64)
    objectives = np.asarray(objectives, dtype=np.float64)
    if solutions.ndim != 2 or solutions.shape[0] != objectives.shape[0] or solutions.shape[0] == 0:
        raise ValueError(
            f"need (S, V) solutions and (S,) objectives with S > 0, got {solutions.shape} and "
            f"{objectives.shape}"
        )
    if temperature <= 0:
        raise ValueError(f"temperature must be positive, got {temperature}")
    energy = -objectives if maximize else objectives
    best = energy.min()
    relative = (energy - best) / max(abs(best), 1.0)
    logits = -relative / temperature
    weights = np.exp(logits - logits.max())
    weights /= weights.sum()
    return (weights @ np.clip(solutions, 0.0, 1.0)).astype(np.float32)


@dataclass(frozen=True)
class DivingLoss:
    """The parts of the diving loss (tensors, so ``total`` can be back-propagated)."""

    total: Tensor
    """What is minimised."""
    selective_risk: Tensor
    """Cross-entropy weighted by the selection probabilities."""
    full_risk: Tensor
    """Plain mean cross-entropy over the binary variables."""
    coverage: Tensor
    """Mean selection probability."""


def diving_loss(
    value_logits: Tensor,
    selection_logits: Tensor,
    targets: Tensor,
    mask: Tensor,
    *,
    coverage: float = 0.7,
    coverage_weight: float = 32.0,
    alpha: float = 0.5,
) -> DivingLoss:
    """SelectiveNet loss over the energy-weighted soft targets (see the module docstring).

    Parameters
    ----------
    value_logits, selection_logits, targets, mask
        ``(V,)`` each; ``mask`` selects the variables that count (binaries).
    coverage
        Target fraction :math:`C` of selected variables.
    coverage_weight
        :math:`\\lambda`, the weight of the quadratic coverage penalty.
    alpha
        Weight of the selective part against the plain cross-entropy.
    """
    mask = mask.bool()
    if not bool(mask.any()):
        zero = value_logits.sum() * 0.0
        return DivingLoss(zero, zero, zero, zero)
    logits, select, target = value_logits[mask], selection_logits[mask], targets[mask]
    losses = F.binary_cross_entropy_with_logits(logits, target, reduction="none")
    selection = torch.sigmoid(select)
    mean_coverage = selection.mean()
    selective_risk = (selection * losses).sum() / selection.sum().clamp_min(1e-6)
    penalty = coverage_weight * torch.clamp(coverage - mean_coverage, min=0.0) ** 2
    full_risk = losses.mean()
    total = alpha * (selective_risk + penalty) + (1.0 - alpha) * full_risk
    return DivingLoss(total, selective_risk.detach(), full_risk.detach(), mean_coverage.detach())
