"""cnnedu: a convolutional neural network, one NumPy function at a time.

Arrays are NCHW (batch, channels, height, width). Functional ops keep
float64 as float64 and compute everything else in float32.
"""

from .activations import (
    leaky_relu,
    leaky_relu_derivative,
    log_softmax,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    softmax,
    tanh,
    tanh_derivative,
)
from .conv import conv2d, conv2d_backward, conv2d_naive
from .filters import SOBEL_X, SOBEL_Y, scale_to_uint8, sobel
from .im2col import col2im, im2col
from .linear import linear
from .pooling import (
    avg_pool2d,
    avg_pool2d_backward,
    avg_pool2d_naive,
    global_avg_pool2d,
    max_pool2d,
    max_pool2d_backward,
    max_pool2d_naive,
)
from .shapes import conv_output_size, same_padding

__version__ = "0.1.0"

# Submodules that work after a plain `import cnnedu` (cnnedu.data.load_mnist(), ...).
from . import data, exercises, explore, gradcheck, models, nn, optim, plot, weights  # noqa: E402


def __getattr__(name):
    # cnnedu.train is imported on first use, not here: it is also the command line
    # (python -m cnnedu.train), and a package that imports the module being run
    # makes Python warn that it "may result in unpredictable behaviour".
    if name == "train":
        import importlib

        return importlib.import_module(".train", __name__)
    raise AttributeError(f"module 'cnnedu' has no attribute {name!r}")
