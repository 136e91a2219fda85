#!/usr/bin/python3
"""Reference runs for nnlib's training options, written out from Keras 3's formulas in PyTorch.

Writes training_options.json next to this file. Run with Debian's python3-torch:

    /usr/bin/python3 nnlib/testdata/gen_training_options.py

Every run trains the same 3-4(tanh)-1(sigmoid) network with binary cross-entropy (Keras's: the
prediction clipped to [1e-7, 1-1e-7]) on the same 8 rows from the same initial weights, in order
(no shuffling), in float64 so that nnlib (float64) must agree to rounding. What each run pins down,
with the Keras 3 source it follows:

- learning-rate schedules evaluated at optimizer.iterations before each update
  (keras/src/optimizers/schedules/learning_rate_schedule.py): ExponentialDecay, PiecewiseConstantDecay
  (step <= boundary takes the value before it), CosineDecay with linear warmup;
- gradient clipping before the update (BaseOptimizer._clip_gradients): clipnorm per tensor,
  global_clipnorm over all tensors, clipvalue per value;
- sample_weight and class_weight: the batch loss is sum(w_i * loss_i) / batch_rows
  ("sum_over_batch_size"), the epoch's logged loss the row-weighted mean of the batch losses,
  class weights looked up by label (data_adapter_utils.class_weight_to_sample_weights);
- ReduceLROnPlateau (keras/src/callbacks/reduce_lr_on_plateau.py) and LearningRateScheduler
  (keras/src/callbacks/learning_rate_scheduler.py), with the learning rate logged per epoch.
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)
EPS = 1e-7

X = torch.tensor([[0.1, -0.4, 0.8], [0.9, 0.2, -0.3], [-0.5, 0.7, 0.1], [0.3, 0.3, 0.3],
                  [-0.8, -0.1, 0.6], [0.6, -0.7, -0.2], [0.0, 0.5, -0.9], [-0.3, -0.6, -0.4]])
Y = torch.tensor([[1.0], [0.0], [1.0], [0.0], [1.0], [0.0], [1.0], [0.0]])

g = torch.Generator().manual_seed(20261206)
INIT = [torch.empty(3, 4).uniform_(-0.9, 0.9, generator=g), torch.empty(4).uniform_(-0.1, 0.1, generator=g),
        torch.empty(4, 1).uniform_(-0.9, 0.9, generator=g), torch.empty(1).uniform_(-0.1, 0.1, generator=g)]


def forward(w, x):
    h = torch.tanh(x @ w[0] + w[1])
    return torch.sigmoid(h @ w[2] + w[3])


def row_losses(p, y):
    p = torch.clamp(p, EPS, 1 - EPS)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean(dim=1)


def exponential_decay(lr0, steps, rate, staircase=False):
    def f(t):
        e = t / steps
        return lr0 * rate ** (math.floor(e) if staircase else e)
    return f


def piecewise(boundaries, values):
    def f(t):
        for b, v in zip(boundaries, values):
            if t <= b:
                return v
        return values[-1]
    return f


def cosine_decay(lr0, steps, alpha=0.0, warmup_target=None, warmup_steps=0):
    def decay(s, frm):
        return frm * ((1 - alpha) * 0.5 * (1 + math.cos(math.pi * s / steps)) + alpha)

    def f(t):
        if warmup_target is None:
            return decay(min(t, steps), lr0)
        s = min(t, steps + warmup_steps)
        if s < warmup_steps:
            return (warmup_target - lr0) * s / warmup_steps + lr0
        return decay(s - warmup_steps, warmup_target)
    return f


class SGD:
    def __init__(self, momentum=0.0):
        self.momentum, self.m = momentum, None

    def apply(self, w, grads, lr, t):
        if self.m is None:
            self.m = [torch.zeros_like(v) for v in w]
        for i, (v, gr) in enumerate(zip(w, grads)):
            if self.momentum:
                self.m[i] = self.momentum * self.m[i] - lr * gr
                v += self.m[i]
            else:
                v -= lr * gr


class Adam:
    def __init__(self, b1=0.9, b2=0.999, eps=1e-7):
        self.b1, self.b2, self.eps, self.m, self.v = b1, b2, eps, None, None

    def apply(self, w, grads, lr, t):
        if self.m is None:
            self.m = [torch.zeros_like(v) for v in w]
            self.v = [torch.zeros_like(v) for v in w]
        # Keras casts the betas to float32 before the power
        b1 = float(torch.tensor(self.b1, dtype=torch.float32))
        b2 = float(torch.tensor(self.b2, dtype=torch.float32))
        alpha = lr * math.sqrt(1 - b2 ** (t + 1)) / (1 - b1 ** (t + 1))
        for i, (v, gr) in enumerate(zip(w, grads)):
            self.m[i] += (gr - self.m[i]) * (1 - self.b1)
            self.v[i] += (gr * gr - self.v[i]) * (1 - self.b2)
            v -= alpha * self.m[i] / (torch.sqrt(self.v[i]) + self.eps)


def clip(grads, clipnorm=None, global_clipnorm=None, clipvalue=None):
    if clipnorm:
        return [gr * clipnorm / max(float(gr.norm()), clipnorm) for gr in grads]
    if global_clipnorm:
        n = math.sqrt(sum(float(gr.norm()) ** 2 for gr in grads))
        return [gr * global_clipnorm / max(n, global_clipnorm) for gr in grads]
    if clipvalue:
        return [torch.clamp(gr, -clipvalue, clipvalue) for gr in grads]
    return grads


def train(opt, epochs, lr=None, schedule=None, batch=8, sample_weight=None, class_weight=None,
          clipping=None, on_epoch_begin=None, on_epoch_end=None):
    w = [v.clone() for v in INIT]
    sw = torch.ones(len(X))
    if sample_weight is not None:
        sw = torch.tensor(sample_weight)
    if class_weight is not None:
        sw = torch.tensor([class_weight.get(int(round(float(y))), 1.0) for y in Y[:, 0]])
    state = {"lr": lr, "t": 0}
    losses, lrs = [], []
    for epoch in range(epochs):
        if on_epoch_begin:
            on_epoch_begin(epoch, state)
        total = 0.0
        for start in range(0, len(X), batch):
            xb, yb, wb = X[start:start + batch], Y[start:start + batch], sw[start:start + batch]
            params = [v.clone().requires_grad_(True) for v in w]
            loss = (row_losses(forward(params, xb), yb) * wb).sum() / len(xb)
            loss.backward()
            total += float(loss) * len(xb)
            grads = clip([p.grad for p in params], **(clipping or {}))
            step_lr = schedule(state["t"]) if schedule else state["lr"]
            with torch.no_grad():
                opt.apply(w, grads, step_lr, state["t"])
            state["t"] += 1
        losses.append(total / len(X))
        logs = {"loss": losses[-1]}
        if on_epoch_end:
            lrs.append(state["lr"])  # logged before a reduction, as Keras's callbacks do
            on_epoch_end(epoch, logs, state)
    out = {"loss": losses, "final_weights": [v.flatten().tolist() for v in w]}
    if lrs:
        out["learning_rate"] = lrs
    return out


def reduce_lr_on_plateau(factor, patience, min_delta, cooldown, min_lr):
    s = {"best": math.inf, "wait": 0, "cooldown": 0}

    def end(epoch, logs, state):
        current = logs["loss"]
        in_cooldown = s["cooldown"] > 0
        if in_cooldown:
            s["cooldown"] -= 1
            s["wait"] = 0
        if current < s["best"] - min_delta:
            s["best"], s["wait"] = current, 0
        elif not in_cooldown:
            s["wait"] += 1
            if s["wait"] >= patience and state["lr"] > min_lr:
                state["lr"] = max(state["lr"] * factor, min_lr)
                s["cooldown"], s["wait"] = cooldown, 0
    return end


def scheduler(epoch, state):
    if epoch >= 3:
        state["lr"] *= 0.9


runs = {
    "sgd_exponential_decay": train(SGD(), 30, schedule=exponential_decay(0.5, 5, 0.5)),
    "sgd_exponential_decay_staircase": train(SGD(), 30, schedule=exponential_decay(0.5, 4, 0.7, staircase=True)),
    "sgd_momentum_piecewise": train(SGD(0.9), 30, schedule=piecewise([5, 15], [0.5, 0.2, 0.05])),
    "adam_cosine_warmup": train(Adam(), 30, schedule=cosine_decay(0.0, 20, alpha=0.1, warmup_target=0.05, warmup_steps=5)),
    "adam_cosine": train(Adam(), 30, schedule=cosine_decay(0.05, 20)),
    "sgd_clipnorm": train(SGD(), 30, lr=0.5, clipping={"clipnorm": 0.05}),
    "sgd_global_clipnorm": train(SGD(), 30, lr=0.5, clipping={"global_clipnorm": 0.05}),
    "sgd_clipvalue": train(SGD(), 30, lr=0.5, clipping={"clipvalue": 0.01}),
    "sgd_sample_weight": train(SGD(), 30, lr=0.5, batch=4, sample_weight=[0.5, 2.0, 1.0, 0.0, 1.5, 0.25, 3.0, 1.0]),
    "sgd_class_weight": train(SGD(), 30, lr=0.5, batch=4, class_weight={0: 0.3, 1: 2.0}),
    "adam_reduce_lr_on_plateau": train(Adam(), 40, lr=0.1, on_epoch_end=reduce_lr_on_plateau(0.5, 2, 0.01, 1, 0.01)),
    "sgd_learning_rate_scheduler": train(SGD(), 12, lr=0.5, on_epoch_begin=scheduler,
                                         on_epoch_end=lambda e, logs, s: None),
}

doc = {
    "description": __doc__.strip() + "\n\nLayout: x, y, initial_weights (Keras get_weights order, kernels "
    "[in, out] row-major); runs[name] = {loss: per-epoch logged loss, final_weights, learning_rate: the epoch's "
    "rate, logged by a callback before it changes it}. The settings of each run are in "
    "gen_training_options.py and nnlib/options_parity_test.go.",
    "x": X.tolist(), "y": Y[:, 0].tolist(),
    "initial_weights": [v.flatten().tolist() for v in INIT],
    "runs": runs,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "training_options.json")
with open(path, "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
print("wrote", path)
