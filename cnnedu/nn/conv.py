"""Conv2d: a bank of learnable filters, built on :func:`cnnedu.conv2d`."""

from __future__ import annotations

from ..checks import check_bool
from ..conv import conv2d, conv2d_backward
from ..im2col import conv_pad_limit
from ..shapes import as_float_array, check_int, check_padding, pair
from .init import as_rng, default_uniform
from .module import Module

__all__ = ["Conv2d"]


def _check_padding(padding, kernel, dilation):
    """Return padding as the user wrote it ('same', 2 or (2, 1)), after checking it."""
    checked = check_padding(padding, kernel, dilation, max_pad=conv_pad_limit)
    return padding if isinstance(padding, int) else checked


def _show(value):
    """How PyTorch prints an argument in a repr: tuples as tuples, strings without quotes."""
    return value if isinstance(value, str) else str(value)


class Conv2d(Module):
    """2D convolution layer (cross-correlation, like ``torch.nn.Conv2d``).

    x: (N, in_channels, H, W) -> (N, out_channels, OH, OW)

    params: ``weight`` (out_channels, in_channels, KH, KW) and ``bias``
    (out_channels,) unless ``bias=False``; both start as
    U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = in_channels*KH*KW.
    ``padding`` is an int, an (h, w) pair, 'valid' or 'same'.
    ``rng``: None, an int seed or a np.random.Generator.
    """

    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        padding=0,
        dilation=1,
        bias=True,
        rng=None,
    ):
        super().__init__()
        self.in_channels = check_int(in_channels, "in_channels", 1)
        self.out_channels = check_int(out_channels, "out_channels", 1)
        self.kernel_size = pair(kernel_size, "kernel_size", 1)
        self.stride = pair(stride, "stride", 1)
        self.dilation = pair(dilation, "dilation", 1)
        self.padding = _check_padding(padding, self.kernel_size, self.dilation)
        bias = check_bool(bias, "bias")
        rng = as_rng(rng)
        fan_in = self.in_channels * self.kernel_size[0] * self.kernel_size[1]
        self.params["weight"] = default_uniform(
            rng, (self.out_channels, self.in_channels, *self.kernel_size), fan_in
        )
        if bias:
            self.params["bias"] = default_uniform(rng, (self.out_channels,), fan_in)
        self.zero_grad()
        self._cache_x = None

    def forward(self, x):
        """x: (N, in_channels, H, W) -> (N, out_channels, OH, OW)."""
        x = as_float_array(x, "x")
        if x.ndim != 4 or x.shape[1] != self.in_channels:
            raise ValueError(
                f"Conv2d was built for in_channels={self.in_channels}, so x must have shape "
                f"(N, {self.in_channels}, H, W); got shape {tuple(x.shape)}"
            )
        # Backward needs only x: keeping a reference costs no copy.
        self._cache_x = x
        return conv2d(
            x,
            self.params["weight"],
            self.params.get("bias"),
            self.stride,
            self.padding,
            self.dilation,
        )

    def backward(self, grad_out, need_input_grad=True):
        """grad_out: (N, out_channels, OH, OW) -> dx: (N, in_channels, H, W)."""
        x = self._cached(self._cache_x)
        dx, dw, db = conv2d_backward(
            grad_out,
            x,
            self.params["weight"],
            self.stride,
            self.padding,
            self.dilation,
            need_input_grad,
        )
        self._grad_like(dw, "weight")
        if "bias" in self.params:
            self._grad_like(db, "bias")
        return dx

    def extra_repr(self) -> str:
        s = f"{self.in_channels}, {self.out_channels}, "
        s += f"kernel_size={self.kernel_size}, stride={self.stride}"
        if self.padding not in (0, (0, 0), "valid"):
            s += f", padding={_show(self.padding)}"
        if self.dilation != (1, 1):
            s += f", dilation={self.dilation}"
        if "bias" not in self.params:
            s += ", bias=False"
        return s
