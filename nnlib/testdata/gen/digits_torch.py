"""PyTorch replica of notebooks/digits.ipynb's two models with Keras 3's
semantics (glorot_uniform kernels, zero biases, Keras's Adam, batch 32
shuffled every epoch, validation_split from the end of the training rows,
sparse categorical cross-entropy), on the notebook's split (printed by
digitsplit). Prints the test accuracy of each model over several seeds:
the band test/nbclient/digits.expect.json asserts.

    /usr/bin/python3 nnlib/testdata/gen/digits_torch.py
"""
import gzip
import json
import os
import statistics
import subprocess
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
import keras_torch as kt  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..")
EPOCHS = {"dense": 40, "cnn": 30}


def load():
    rows = gzip.open(os.path.join(ROOT, "nnlib", "datasets", "digits.csv.gz"), "rt").read().split()
    data = torch.tensor([[float(v) for v in r.split(",")] for r in rows])
    split = json.loads(subprocess.check_output(["go", "run", "./nnlib/testdata/gen/digitsplit"], cwd=ROOT))
    return data[:, :64] / 16, data[:, 64].long(), split


def glorot(shape, fan_in, fan_out):
    lim = (6 / (fan_in + fan_out)) ** 0.5
    return ((torch.rand(shape) * 2 - 1) * lim).requires_grad_()


def model(kind):
    if kind == "dense":
        layers = [{"class": "Dense", "units": 10, "activation": "softmax"}]
        weights = [[glorot((64, 10), 64, 10), torch.zeros(10, requires_grad=True)]]
        return kt.Model([64], layers, weights)
    layers = [{"class": "Conv2D", "filters": 16, "kernel_size": [3], "activation": "relu"},
              {"class": "MaxPooling2D", "pool_size": [2, 2]},
              {"class": "Flatten"},
              {"class": "Dense", "units": 10, "activation": "softmax"}]
    weights = [[glorot((3, 3, 1, 16), 9, 9 * 16), torch.zeros(16, requires_grad=True)], [], [],
               [glorot((144, 10), 144, 10), torch.zeros(10, requires_grad=True)]]
    return kt.Model([8, 8, 1], layers, weights)


def run(kind, seed, x, y, split):
    torch.manual_seed(seed)
    train = torch.tensor(split["train"])
    n_fit = int(len(train) * 0.8)  # Keras: validation rows from the end
    fit_idx, test_idx = train[:n_fit], torch.tensor(split["test"])
    shape = [-1, 64] if kind == "dense" else [-1, 8, 8, 1]
    m = model(kind)
    opt = kt.Adam(m.trainable())
    for _ in range(EPOCHS[kind]):
        order = fit_idx[torch.randperm(len(fit_idx))]
        for s in range(0, len(order), 32):
            b = order[s:s + 32]
            loss = kt.loss_fn("sparse_categorical_crossentropy", y[b].float(), m.forward(x[b].reshape(shape), True))
            loss.backward()
            opt.step()
    with torch.no_grad():
        pred = m.forward(x[test_idx].reshape(shape), False).argmax(dim=1)
    return (pred == y[test_idx]).float().mean().item()


def main():
    x, y, split = load()
    for kind in ("dense", "cnn"):
        accs = [run(kind, seed, x, y, split) for seed in range(10)]
        print(f"{kind}: test accuracy over 10 seeds: mean {statistics.mean(accs):.4f}, "
              f"sd {statistics.stdev(accs):.4f}, min {min(accs):.4f}, max {max(accs):.4f}")


if __name__ == "__main__":
    main()
