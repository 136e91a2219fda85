"""Keras 3 layer formulas written out in PyTorch (channels last, float32).

Used by gen_layers.py (nnlib's layer parity fixtures) and by
notebooks/digits_torch.py (the PyTorch replica of the digits tutorial's
models). Each function takes a Keras-style config and tensors in Keras's
layouts: images (N, H, W, C), conv kernels (kh, kw, in, filters), dense
kernels (in, units).
"""
import math

import torch
import torch.nn.functional as F


def same_pad(size, k, s):
    """TensorFlow's "same" padding: (before, after) for one axis."""
    out = (size + s - 1) // s
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def activation(name, z):
    if name in (None, "linear"):
        return z
    if name == "relu":
        return torch.relu(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "softmax":
        return torch.softmax(z, dim=-1)
    if name == "elu":
        return F.elu(z)
    raise ValueError(name)


def _pads2d(x, k, s, padding):
    """(left, right, top, bottom) for an NHWC tensor."""
    if padding != "same":
        return (0, 0, 0, 0)
    t, b = same_pad(x.shape[1], k[0], s[0])
    l, r = same_pad(x.shape[2], k[1], s[1])
    return (l, r, t, b)


def conv2d(x, kernel, bias, cfg):
    k = kernel.shape[:2]
    s = cfg.get("strides", [1, 1])
    xc = x.permute(0, 3, 1, 2)
    l, r, t, b = _pads2d(x, k, s, cfg.get("padding", "valid"))
    xc = F.pad(xc, (l, r, t, b))
    w = kernel.permute(3, 2, 0, 1)  # (filters, in, kh, kw)
    z = F.conv2d(xc, w, bias, stride=tuple(s))
    return activation(cfg.get("activation"), z.permute(0, 2, 3, 1))


def conv1d(x, kernel, bias, cfg):
    y = conv2d(x.unsqueeze(1), kernel.unsqueeze(0), bias,
               dict(cfg, strides=[1, cfg.get("strides", [1])[0]]))
    return y.squeeze(1)


def pool2d(x, cfg, average):
    k = cfg["pool_size"]
    s = cfg.get("strides") or k
    xc = x.permute(0, 3, 1, 2)
    l, r, t, b = _pads2d(x, k, s, cfg.get("padding", "valid"))
    if average:
        summed = F.avg_pool2d(F.pad(xc, (l, r, t, b)), tuple(k), tuple(s), divisor_override=1)
        ones = F.pad(torch.ones_like(xc[:, :1]), (l, r, t, b))
        count = F.avg_pool2d(ones, tuple(k), tuple(s), divisor_override=1)
        y = summed / count
    else:
        y = F.max_pool2d(F.pad(xc, (l, r, t, b), value=-math.inf), tuple(k), tuple(s))
    return y.permute(0, 2, 3, 1)


def batch_norm(x, gamma, beta, mean, var, cfg, training, state):
    """Keras's BatchNormalization over the last axis. In training it uses
    the batch's mean and (biased) variance and updates the moving
    statistics in state; in inference the moving ones."""
    axes = tuple(range(x.dim() - 1))
    eps = cfg.get("epsilon", 1e-3)
    if training:
        m = x.mean(dim=axes)
        v = ((x - m) ** 2).mean(dim=axes)
        mom = cfg.get("momentum", 0.99)
        state["moving_mean"] = (mean * mom + m.detach() * (1 - mom)).detach()
        state["moving_variance"] = (var * mom + v.detach() * (1 - mom)).detach()
    else:
        m, v = mean, var
    return (x - m) / torch.sqrt(v + eps) * gamma + beta


def layer_norm(x, gamma, beta, cfg):
    eps = cfg.get("epsilon", 1e-3)
    m = x.mean(dim=-1, keepdim=True)
    v = ((x - m) ** 2).mean(dim=-1, keepdim=True)
    return (x - m) / torch.sqrt(v + eps) * gamma + beta


class Model:
    """A Sequential model from Keras-style layer configs, with weights as
    torch tensors in Keras's layouts (trainable ones require grad)."""

    def __init__(self, input_shape, layers, weights):
        self.input_shape = input_shape
        self.layers = layers
        self.weights = weights  # list (per layer) of lists of tensors

    def forward(self, x, training):
        for cfg, w in zip(self.layers, self.weights):
            cls = cfg["class"]
            if cls == "Dense":
                x = activation(cfg.get("activation"), x @ w[0] + (w[1] if len(w) > 1 else 0))
            elif cls == "Conv2D":
                x = conv2d(x, w[0], w[1] if len(w) > 1 else None, cfg)
            elif cls == "Conv1D":
                x = conv1d(x, w[0], w[1] if len(w) > 1 else None, cfg)
            elif cls == "MaxPooling2D":
                x = pool2d(x, cfg, False)
            elif cls == "AveragePooling2D":
                x = pool2d(x, cfg, True)
            elif cls == "GlobalAveragePooling2D":
                x = x.mean(dim=(1, 2))
            elif cls == "Flatten":
                x = x.reshape(x.shape[0], -1)
            elif cls == "Reshape":
                x = x.reshape((x.shape[0],) + tuple(cfg["target_shape"]))
            elif cls == "BatchNormalization":
                state = {}
                x = batch_norm(x, w[0], w[1], w[2], w[3], cfg, training, state)
                if training:
                    w[2].copy_(state["moving_mean"])
                    w[3].copy_(state["moving_variance"])
            elif cls == "LayerNormalization":
                x = layer_norm(x, w[0], w[1], cfg)
            elif cls == "Embedding":
                x = w[0][x.long()]
            else:
                raise ValueError(cls)
        return x

    def trainable(self):
        out = []
        for cfg, w in zip(self.layers, self.weights):
            if cfg["class"] == "BatchNormalization":
                out += w[:2]
            else:
                out += w
        return out


EPS = 1e-7


def loss_fn(name, y, p):
    """Keras's losses, mean over the batch ("sum_over_batch_size")."""
    if name == "categorical_crossentropy":
        p = p / p.sum(dim=-1, keepdim=True)
        return -(y * torch.log(p.clamp(EPS, 1 - EPS))).sum(dim=-1).mean()
    if name == "sparse_categorical_crossentropy":
        p = p / p.sum(dim=-1, keepdim=True)
        return -torch.log(p.gather(1, y.long().view(-1, 1)).clamp(EPS, 1 - EPS)).mean()
    if name == "binary_crossentropy":
        p = p.clamp(EPS, 1 - EPS)
        return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
    if name == "mean_squared_error":
        return ((p - y) ** 2).mean()
    raise ValueError(name)


class Adam:
    """Keras 3's Adam: epsilon added to the uncorrected sqrt(v)."""

    def __init__(self, params, lr=0.001, b1=0.9, b2=0.999, eps=1e-7):
        self.params, self.lr, self.b1, self.b2, self.eps = params, lr, b1, b2, eps
        self.m = [torch.zeros_like(p) for p in params]
        self.v = [torch.zeros_like(p) for p in params]
        self.t = 0

    @torch.no_grad()
    def step(self):
        self.t += 1
        alpha = self.lr * math.sqrt(1 - self.b2 ** self.t) / (1 - self.b1 ** self.t)
        for p, m, v in zip(self.params, self.m, self.v):
            g = p.grad
            m.add_((g - m) * (1 - self.b1))
            v.add_((g * g - v) * (1 - self.b2))
            p.sub_(alpha * m / (torch.sqrt(v) + self.eps))
            p.grad = None


class SGD:
    def __init__(self, params, lr=0.01):
        self.params, self.lr = params, lr

    @torch.no_grad()
    def step(self):
        for p in self.params:
            p.sub_(self.lr * p.grad)
            p.grad = None
