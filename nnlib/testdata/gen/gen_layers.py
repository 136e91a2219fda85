"""Writes nnlib/testdata/layers_parity.json: reference training runs of
small models with nnlib's multi-dimensional layers, computed with Keras 3's
formulas written out in PyTorch (keras_torch.py), float32.

Run from the repository root with Debian's python3-torch:

    /usr/bin/python3 nnlib/testdata/gen/gen_layers.py

Each case: the model (input shape, Keras layer configs), the initial
weights (Keras layouts, get_weights order), the data, the optimizer; then
per-epoch logged loss (forward passes before each step, batch-size-weighted
mean), the final weights and the final predictions (inference mode).
Batches are taken in order (no shuffling).
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
import keras_torch as kt  # noqa: E402

torch.manual_seed(20261206)
torch.set_default_dtype(torch.float32)


def glorot(shape, fan_in, fan_out):
    lim = (6 / (fan_in + fan_out)) ** 0.5
    return (torch.rand(shape) * 2 - 1) * lim


def init_weights(input_shape, layers):
    """Random initial weights (non-zero biases, to test them) and the
    shapes flowing through, computed by running a dummy forward."""
    weights = []
    shape = list(input_shape)
    for cfg in layers:
        cls = cfg["class"]
        w = []
        if cls == "Dense":
            n = shape[-1]
            w = [glorot((n, cfg["units"]), n, cfg["units"]), torch.randn(cfg["units"]) * 0.1]
        elif cls in ("Conv2D", "Conv1D"):
            ks = [cfg["kernel_size"][0]] * (2 if cls == "Conv2D" else 1)
            field = 1
            for k in ks:
                field *= k
            cin, f = shape[-1], cfg["filters"]
            w = [glorot(tuple(ks) + (cin, f), field * cin, field * f), torch.randn(f) * 0.1]
        elif cls == "BatchNormalization":
            c = shape[-1]
            w = [1 + 0.1 * torch.randn(c), 0.1 * torch.randn(c), 0.1 * torch.randn(c), 1 + 0.2 * torch.rand(c)]
        elif cls == "LayerNormalization":
            c = shape[-1]
            w = [1 + 0.1 * torch.randn(c), 0.1 * torch.randn(c)]
        elif cls == "Embedding":
            w = [torch.rand(cfg["input_dim"], cfg["output_dim"]) * 0.1 - 0.05]
        weights.append(w)
        m = kt.Model(shape, [cfg], [w])
        with torch.no_grad():
            if cls == "Embedding":
                shape = list(m.forward(torch.zeros([1] + shape), False).shape[1:])
            else:
                shape = list(m.forward(torch.zeros([1] + shape), False).shape[1:])
    return weights


def run_case(c):
    layers = c["layers"]
    weights = init_weights(c["input_shape"], layers)
    initial = [[t.clone() for t in w] for w in weights]
    for w, cfg in zip(weights, layers):
        for i, t in enumerate(w):
            frozen = cfg["class"] == "BatchNormalization" and i >= 2
            t.requires_grad_(not frozen)
    model = kt.Model(c["input_shape"], layers, weights)
    x = torch.tensor(c["x"], dtype=torch.float32).reshape([-1] + c["input_shape"])
    y = torch.tensor(c["y"], dtype=torch.float32)
    opt_cfg = c["optimizer"]
    if opt_cfg["class"] == "SGD":
        opt = kt.SGD(model.trainable(), lr=opt_cfg["learning_rate"])
    else:
        opt = kt.Adam(model.trainable(), lr=opt_cfg["learning_rate"])
    n, bs = x.shape[0], c["batch_size"]
    losses = []
    for _ in range(c["epochs"]):
        total = 0.0
        for s in range(0, n, bs):
            xb, yb = x[s:s + bs], y[s:s + bs]
            loss = kt.loss_fn(c["loss"], yb, model.forward(xb, True))
            loss.backward()
            opt.step()
            total += loss.item() * xb.shape[0]
        losses.append(total / n)
    with torch.no_grad():
        pred = model.forward(x, False).reshape(n, -1)

    def flat(ws):
        return [[float(v) for v in t.detach().reshape(-1)] for w in ws for t in w]

    out = dict(c)
    out.update(initial_weights=flat(initial), epoch_loss=losses, final_weights=flat(weights),
               final_predictions=[[float(v) for v in row] for row in pred])
    return out


def rand_x(n, size):
    return [[float(v) for v in row] for row in torch.rand(n, size) * 2 - 1]


def onehot(n, k):
    y = torch.zeros(n, k)
    y[torch.arange(n), torch.randint(0, k, (n,))] = 1
    return [[float(v) for v in row] for row in y]


def binary(n, k):
    return [[float(v) for v in row] for row in (torch.rand(n, k) > 0.5).float()]


def main():
    cases = [
        dict(name="conv_valid_maxpool_dense",
             input_shape=[8, 8, 1],
             layers=[dict(**{"class": "Conv2D"}, filters=4, kernel_size=[3], strides=[1, 1], padding="valid", activation="relu"),
                     dict(**{"class": "MaxPooling2D"}, pool_size=[2, 2], strides=[2, 2], padding="valid"),
                     dict(**{"class": "Flatten"}),
                     dict(**{"class": "Dense"}, units=3, activation="softmax")],
             loss="categorical_crossentropy", optimizer=dict({"class": "SGD"}, learning_rate=0.1),
             batch_size=4, epochs=6, x=rand_x(8, 64), y=onehot(8, 3)),
        dict(name="conv_same_strides_avgpool_same_global",
             input_shape=[7, 7, 2],
             layers=[dict(**{"class": "Conv2D"}, filters=3, kernel_size=[3], strides=[2, 2], padding="same", activation="tanh"),
                     dict(**{"class": "AveragePooling2D"}, pool_size=[3, 3], strides=[1, 1], padding="same"),
                     dict(**{"class": "Conv2D"}, filters=4, kernel_size=[2], strides=[1, 1], padding="same", activation="linear"),
                     dict(**{"class": "GlobalAveragePooling2D"}),
                     dict(**{"class": "Dense"}, units=2, activation="sigmoid")],
             loss="binary_crossentropy", optimizer=dict({"class": "Adam"}, learning_rate=0.01),
             batch_size=3, epochs=5, x=rand_x(6, 98), y=binary(6, 2)),
        dict(name="maxpool_same_strides_conv1d_reshape",
             input_shape=[24],
             layers=[dict(**{"class": "Reshape"}, target_shape=[4, 6, 1]),
                     dict(**{"class": "MaxPooling2D"}, pool_size=[2, 2], strides=[1, 1], padding="same"),
                     dict(**{"class": "Reshape"}, target_shape=[8, 3]),
                     dict(**{"class": "Conv1D"}, filters=5, kernel_size=[3], strides=[2], padding="same", activation="elu"),
                     dict(**{"class": "Flatten"}),
                     dict(**{"class": "Dense"}, units=2, activation="linear")],
             loss="mean_squared_error", optimizer=dict({"class": "SGD"}, learning_rate=0.05),
             batch_size=5, epochs=5, x=rand_x(10, 24), y=rand_x(10, 2)),
        dict(name="batchnorm_dense_and_conv",
             input_shape=[5, 5, 2],
             layers=[dict(**{"class": "Conv2D"}, filters=3, kernel_size=[2], strides=[1, 1], padding="valid", activation="linear"),
                     dict(**{"class": "BatchNormalization"}, momentum=0.99, epsilon=0.001),
                     dict(**{"class": "Flatten"}),
                     dict(**{"class": "Dense"}, units=4, activation="relu"),
                     dict(**{"class": "BatchNormalization"}, momentum=0.9, epsilon=0.001),
                     dict(**{"class": "Dense"}, units=3, activation="softmax")],
             # SGD: the conv bias's gradient through BatchNormalization is
             # zero up to rounding, which Adam would scale up to full steps.
             loss="categorical_crossentropy", optimizer=dict({"class": "SGD"}, learning_rate=0.1),
             batch_size=4, epochs=5, x=rand_x(8, 50), y=onehot(8, 3)),
        dict(name="layernorm",
             input_shape=[6],
             layers=[dict(**{"class": "Dense"}, units=5, activation="tanh"),
                     dict(**{"class": "LayerNormalization"}, epsilon=0.001),
                     dict(**{"class": "Dense"}, units=2, activation="softmax")],
             loss="categorical_crossentropy", optimizer=dict({"class": "SGD"}, learning_rate=0.1),
             batch_size=4, epochs=5, x=rand_x(8, 6), y=onehot(8, 2)),
        dict(name="embedding",
             input_shape=[4],
             layers=[dict(**{"class": "Embedding"}, input_dim=7, output_dim=3),
                     dict(**{"class": "Flatten"}),
                     dict(**{"class": "Dense"}, units=2, activation="softmax")],
             loss="categorical_crossentropy", optimizer=dict({"class": "SGD"}, learning_rate=0.5),
             batch_size=3, epochs=5, x=[[float(v) for v in row] for row in torch.randint(0, 7, (6, 4))], y=onehot(6, 2)),
    ]
    out = dict(description="Reference runs of nnlib's multi-dimensional layers with Keras 3's formulas "
               "written out in PyTorch (nnlib/testdata/gen/keras_torch.py), float32, made by "
               "nnlib/testdata/gen/gen_layers.py. Each case: input_shape (one sample), layers (Keras configs), "
               "initial_weights (get_weights order, each flattened row-major in Keras's layout), x (rows of "
               "flattened samples), y, loss, optimizer, batch_size, epochs (no shuffling); epoch_loss: the loss per epoch "
               "(forward passes before each step, batch-size-weighted mean), final_weights, final_predictions "
               "(inference mode).",
               cases=[run_case(c) for c in cases])
    path = os.path.join(os.path.dirname(__file__), "..", "layers_parity.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
