"""Fixed feature normalisation fitted once on training data (Gasse et al.'s "prenorm" layers)."""

from __future__ import annotations

import torch
from torch import Tensor, nn

__all__ = ["PreNorm"]


class PreNorm(nn.Module):
    r"""Affine normalisation :math:`(x - \mu) / \sigma` with statistics fitted before training.

    The shift and scale are buffers (saved in the ``state_dict``, never trained). Fit them with
    :meth:`update` over the training data followed by :meth:`finish_fit`, or in one go with
    :meth:`fit`. Columns with zero variance (one-hot columns that never fire, constant flags)
    get a unit scale so that they pass through unchanged apart from the shift.

    Parameters
    ----------
    n_features
        Number of feature columns.

    Shapes
    ------
    - input: :math:`(N, F)`
    - output: :math:`(N, F)`
    """

    shift: Tensor
    scale: Tensor
    fitted: Tensor

    def __init__(self, n_features: int) -> None:
        super().__init__()
        self.n_features = n_features
        self.register_buffer("shift", torch.zeros(n_features))
        self.register_buffer("scale", torch.ones(n_features))
        self.register_buffer("fitted", torch.zeros((), dtype=torch.bool))
        self._count = 0
        self._sum: Tensor | None = None
        self._sum_squares: Tensor | None = None

    def forward(self, x: Tensor) -> Tensor:
        return (x - self.shift) / self.scale

    def update(self, x: Tensor) -> None:
        """Accumulate statistics of a chunk ``(N, F)`` of training features."""
        if x.dim() != 2 or x.size(1) != self.n_features:
            raise ValueError(
                f"PreNorm expects (N, {self.n_features}) features, got {tuple(x.shape)}"
            )
        values = x.detach().to(torch.float64).cpu()
        if self._sum is None or self._sum_squares is None:
            self._sum = torch.zeros(self.n_features, dtype=torch.float64)
            self._sum_squares = torch.zeros(self.n_features, dtype=torch.float64)
        self._count += values.size(0)
        self._sum += values.sum(0)
        self._sum_squares += (values * values).sum(0)

    def finish_fit(self) -> None:
        """Turn the accumulated statistics into the shift and scale buffers."""
        if self._count == 0 or self._sum is None or self._sum_squares is None:
            raise ValueError("PreNorm.finish_fit called before any update")
        mean = self._sum / self._count
        variance = (self._sum_squares / self._count - mean * mean).clamp_min(0.0)
        std = variance.sqrt()
        std[std < 1e-8] = 1.0
        self.shift.copy_(mean.to(self.shift.dtype))
        self.scale.copy_(std.to(self.scale.dtype))
        self.fitted.fill_(True)
        self._count, self._sum, self._sum_squares = 0, None, None

    def fit(self, x: Tensor) -> PreNorm:
        """Fit the statistics on all training features at once; returns ``self``."""
        self.update(x)
        self.finish_fit()
        return self

    def extra_repr(self) -> str:
        return f"{self.n_features}, fitted={bool(self.fitted)}"
